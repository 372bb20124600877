package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.ResponseCache;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.logging.Filter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.annotation.Nullable;

/**
 * Run in a child JVM by {@link HostGlobalStateTest}: a host with some JUL set-up of its own (one of
 * the SDK's loggers and one of its own OpenTelemetry's, each with a level, filter and handler)
 * sends to ENDPOINT with consent and closes, then compares the process-wide state it can see with
 * what it saw before. Prints {@code delivery X}, a line for each thing changed and any tbot-otel
 * thread still alive 10 s after close, then what the host's own later set-up gets: a console
 * handler made after it redirected stderr writes there, and the one-shot URL stream handler
 * factory is still free. Needs {@code --add-opens java.base/java.lang=ALL-UNNAMED} (the shutdown
 * hooks). Arguments: {@code ENDPOINT}.
 */
public final class HostGlobalStateProbe {

  private HostGlobalStateProbe() {}

  // Held, as the host's own code holds them: JUL keeps loggers weakly.
  private static final Logger SDK_LOGGER = Logger.getLogger("io.opentelemetry.sdk.logs.SdkLoggerProvider");
  private static final Logger HOST_OTEL = Logger.getLogger("io.opentelemetry.sdk.trace.export.BatchSpanProcessor");
  private static final Logger HOST = Logger.getLogger("com.example.agent");

  private static final String LOGGER = "logger '";
  private static final String UNSET = "null filter null handlers [] useParentHandlers true";

  private static final List<String> SECURITY_PROPERTIES = List.of("networkaddress.cache.ttl",
      "networkaddress.cache.negative.ttl", "jdk.tls.disabledAlgorithms", "jdk.certpath.disabledAlgorithms",
      "securerandom.source", "keystore.type", "ssl.KeyManagerFactory.algorithm", "ssl.TrustManagerFactory.algorithm");

  public static void main(String[] args) throws Exception {
    for (Logger l : List.of(SDK_LOGGER, HOST_OTEL)) {
      l.setLevel(Level.FINE);
      l.setFilter(new HostFilter());
      l.addHandler(new HostHandler());
      l.setUseParentHandlers(false);
    }
    Map<String, String> before = state();
    AnonymousAnalytics analytics = AnonymousAnalytics.builder()
        .setConsent(Consent.resolve(true, null, Map.of()))
        .setEndpoint(URI.create(args[0]))
        .setEnvironment(Map.of())
        // The longest: what is checked is the state after a send, not the budget.
        .setExitTimeout(Duration.ofSeconds(10))
        .build();
    analytics.recordStart(StartEvent.builder().setVersion("18.1.0").build());
    analytics.close();
    System.out.println("delivery " + analytics.delivery());
    List<String> left = PluginHost.tbotThreads();
    for (int i = 0; i < 200 && !left.isEmpty(); i++) {
      Thread.sleep(50);
      left = PluginHost.tbotThreads();
    }
    if (!left.isEmpty()) {
      System.out.println("threads left " + left);
    }
    Map<String, String> after = state();
    for (String key : before.keySet()) {
      if (!Objects.equals(before.get(key), after.get(key))) {
        System.out.println("changed " + key + ": " + before.get(key) + " -> " + after.get(key));
      }
    }
    for (String key : after.keySet()) {
      // The send's own loggers (tbot-otel's, the SDK's, the JDK's TLS one) are new: only one with
      // something set on it, such as a filter left behind, is a change.
      if (!before.containsKey(key) && !(key.startsWith(LOGGER) && after.get(key).equals(UNSET))) {
        System.out.println("added " + key + ": " + after.get(key));
      }
    }
    // The host's own set-up, from now on: its JUL console handler, made at its first record, writes
    // to the stderr of that moment.
    PrintStream stderr = System.err;
    ByteArrayOutputStream hostErr = new ByteArrayOutputStream();
    System.setErr(new PrintStream(hostErr, true, StandardCharsets.UTF_8));
    try {
      HOST.severe("host record");
    } finally {
      System.setErr(stderr);
    }
    System.out.println("host console follows setErr " + hostErr.toString(StandardCharsets.UTF_8).contains("host record"));
    try {
      URL.setURLStreamHandlerFactory(protocol -> null);
      System.out.println("url stream handler factory free");
    } catch (Error taken) {
      System.out.println("url stream handler factory taken");
    }
  }

  /** What the host can see of the process's state, by name. */
  private static Map<String, String> state() throws Exception {
    Map<String, String> m = new TreeMap<>();
    // Read first: TimeZone.getDefault() sets user.timezone the first time, which is not the send's.
    m.put("time zone", TimeZone.getDefault().getID());
    for (Locale.Category c : Locale.Category.values()) {
      m.put("locale " + c, Locale.getDefault(c).toString());
    }
    m.put("locale", Locale.getDefault().toString());
    m.put("ProxySelector.getDefault", id(ProxySelector.getDefault()));
    m.put("Authenticator.getDefault", id(Authenticator.getDefault()));
    m.put("CookieHandler.getDefault", id(CookieHandler.getDefault()));
    m.put("ResponseCache.getDefault", id(ResponseCache.getDefault()));
    m.put("default uncaught-exception handler", id(Thread.getDefaultUncaughtExceptionHandler()));
    m.put("System.in", id(System.in));
    m.put("System.out", id(System.out));
    m.put("System.err", id(System.err));
    List<String> providers = new ArrayList<>();
    for (Provider p : Security.getProviders()) {
      providers.add(p.getName() + " " + p.getVersionStr());
    }
    m.put("security providers", providers.toString());
    for (String name : SECURITY_PROPERTIES) {
      m.put("security property " + name, Security.getProperty(name));
    }
    Class<?> hooks = Class.forName("java.lang.ApplicationShutdownHooks");
    Field field = hooks.getDeclaredField("hooks");
    field.setAccessible(true);
    synchronized (hooks) {
      m.put("shutdown hooks", String.valueOf(((Map<?, ?>) field.get(null)).size()));
    }
    Thread self = Thread.currentThread();
    m.put("host thread", self.getName() + " priority " + self.getPriority() + " daemon " + self.isDaemon()
        + " interrupted " + self.isInterrupted() + " context loader " + id(self.getContextClassLoader()));
    m.put("LogManager", LogManager.getLogManager().getClass().getName());
    for (String name : Collections.list(LogManager.getLogManager().getLoggerNames())) {
      Logger l = LogManager.getLogManager().getLogger(name);
      if (l != null) {
        // Not the root's handlers: asking for them makes its console handler, which is the host's to make.
        m.put(LOGGER + name + "'", l.getLevel() + " filter " + id(l.getFilter())
            + (name.isEmpty() ? "" : " handlers " + Arrays.toString(Arrays.stream(l.getHandlers()).map(HostGlobalStateProbe::id).toArray()))
            + " useParentHandlers " + l.getUseParentHandlers());
      }
    }
    for (String name : System.getProperties().stringPropertyNames()) {
      m.put("system property " + name, System.getProperty(name));
    }
    return m;
  }

  private static String id(@Nullable Object o) {
    return o == null ? "null" : o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o));
  }

  /** The host's own filter. */
  static final class HostFilter implements Filter {
    @Override
    public boolean isLoggable(LogRecord record) {
      return true;
    }
  }

  /** The host's own handler: drops what it gets (the probe prints only its findings). */
  static final class HostHandler extends Handler {
    @Override
    public void publish(LogRecord record) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
