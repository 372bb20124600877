package com.goteleport.tbot.otel.export;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Run in a child JVM by {@link ShadedRelocationIT}: an agent that embeds tbot-otel shaded with
 * relocation, beside the application's own OpenTelemetry and snakeyaml. It reaches tbot-otel's API
 * by reflection under the relocated package given (its own compiled references would name the
 * unrelocated one), sends once with consent and prints the delivery, renders the preview, reads a
 * tbot config (through the relocated snakeyaml), then logs a record of its own on a logger of the
 * unrelocated SDK, which must print as the host's logging says.
 *
 * <p>Arguments: {@code PACKAGE ENDPOINT [debug] [all] [host-libraries]}: {@code debug} turns on
 * tbot-otel's debug mode; {@code all} sets the JUL root logger and its console handler to ALL
 * first; {@code host-libraries} then uses the host's own snakeyaml and OpenTelemetry classes
 * whose names the shaded jar must not answer for.
 */
public final class RelocatedHost {

  /** A logger name of the unrelocated SDK (1.60 to 1.62's exporter), the host's own. */
  static final String HOST_SDK_LOGGER = "io.opentelemetry.exporter.internal.http.HttpExporter";

  private RelocatedHost() {}

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("uncaught in " + t.getName() + ": " + e));
    String pkg = args[0];
    Set<String> flags = Set.copyOf(List.of(args).subList(2, args.length));
    if (flags.contains("all")) {
      Logger root = Logger.getLogger("");
      root.setLevel(Level.ALL);
      for (Handler h : root.getHandlers()) {
        h.setLevel(Level.ALL);
      }
    }
    Logger.getLogger("host").info("host starts");
    try {
      Class<?> consentClass = Class.forName(pkg + ".consent.Consent");
      Object consent = consentClass.getMethod("resolve", Boolean.class, Boolean.class, Map.class)
          .invoke(null, Boolean.TRUE, null, Map.of());
      Object builder = call(Class.forName(pkg + ".AnonymousAnalytics").getMethod("builder").invoke(null),
          "setConsent", consent);
      call(builder, "setEndpoint", URI.create(args[1]));
      call(builder, "setExitTimeout", Duration.ofSeconds(5));
      call(builder, "setEnvironment", Map.of());
      call(builder, "setDebug", flags.contains("debug"));
      Object analytics = call(builder, "build");
      Object event = call(call(Class.forName(pkg + ".event.StartEvent").getMethod("builder").invoke(null),
          "setVersion", "18.1.0"), "build");
      call(analytics, "recordStart", event);
      call(analytics, "close");
      System.out.println("delivery " + call(analytics, "delivery"));
      String preview = (String) Class.forName(pkg + ".export.OtlpJson")
          .getMethod("exportRequest", event.getClass()).invoke(null, event);
      System.out.println("preview " + (preview.contains("\"tbot.anonymous_analytics\"") ? "rendered" : preview));
      // tbot's YAML, through the relocated snakeyaml.
      Object config = Class.forName(pkg + ".config.TbotConfigReader").getMethod("parse", String.class, String.class)
          .invoke(null, "version: v2\noneshot: true\nonboarding:\n  join_method: github\n", "tbot.yaml");
      System.out.println("config " + call(config, "joinMethod") + " oneshot " + call(config, "oneshot"));
    } catch (InvocationTargetException e) {
      System.out.println("thrown into the host: " + e.getCause());
    }
    List<String> unrelocated = new ArrayList<>(Collections.list(LogManager.getLogManager().getLoggerNames()));
    unrelocated.removeIf(n -> !n.startsWith("io.opentelemetry."));
    System.out.println("unrelocated SDK loggers " + unrelocated);
    Logger.getLogger(HOST_SDK_LOGGER).severe("the host's own record");
    if (flags.contains("host-libraries")) {
      hostLibraries();
    }
  }

  /**
   * The host's own snakeyaml and OpenTelemetry: classes whose unrelocated names a shaded jar that
   * still holds them (a multi-release entry, a service file) would answer for, wrongly.
   */
  private static void hostLibraries() {
    try {
      Object yaml = Class.forName("org.yaml.snakeyaml.Yaml").getConstructor().newInstance();
      System.out.println("host yaml " + yaml.getClass().getMethod("load", String.class).invoke(yaml, "a: 1"));
    } catch (Throwable t) {
      System.out.println("host yaml threw " + (t instanceof InvocationTargetException ? t.getCause() : t));
    }
    try {
      // What the host's exporter loads (by name) for its string encoder on Java 9+.
      Class.forName("io.opentelemetry.exporter.internal.marshal.VarHandleStringEncoder");
      System.out.println("host encoder loaded");
    } catch (Throwable t) {
      System.out.println("host encoder threw " + t);
    }
    try {
      // What the host's autoconfigure looks up.
      Class<?> spi = Class.forName("io.opentelemetry.sdk.autoconfigure.spi.logs.ConfigurableLogRecordExporterProvider");
      List<String> providers = new ArrayList<>();
      for (Object p : ServiceLoader.load(spi)) {
        providers.add(p.getClass().getName());
      }
      System.out.println("host providers " + providers);
    } catch (Throwable t) {
      System.out.println("host providers threw " + t);
    }
  }

  private static Object call(Object target, String name, Object... args) throws Exception {
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == args.length) {
        return m.invoke(target, args);
      }
    }
    throw new NoSuchMethodException(target.getClass().getName() + "." + name);
  }
}
