package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.export.SelfSignedTls;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * Run in a child JVM by {@link PluginUnloadTest}: a plugin host (Jenkins, an IDE, a Gradle daemon,
 * an app server redeploying) that loads tbot-otel and its OpenTelemetry jars in a class loader of
 * their own, whose parent is the platform loader, uses it once, unloads it, and checks that the
 * loader can be collected. Its own thread's context class loader is a plugin loader of the host's,
 * which the send's threads inherit: that must be collectable too once tbot-otel is done. The host
 * holds the SDK's JUL loggers, as a host with its own OpenTelemetry does, so a filter left on one
 * would pin tbot-otel. It never links to tbot-otel's classes itself (reflection only).
 *
 * <p>Arguments: {@code TEMP_DIR CASE...}, each case in a fresh loader: {@code send} (delivered,
 * then closed), {@code off} (no consent), {@code preview} ({@code OtlpJson} on the host's thread),
 * {@code config} (tbot's YAML read on the host's thread), {@code refused} (nothing listens), {@code
 * hang} (a collector that never answers: close times out), {@code sloppy} (the loader closed and
 * dropped while the send waits for the answer, without close), {@code sloppy-early} (the same, right
 * after recordStart), {@code tls} (send over https), {@code pending} (a start the host confirms with a
 * stage it never completes and keeps). Prints one line per case, {@code CASE DELIVERY
 * lib=collected|PINNED plugin=collected|PINNED threads=ended|[...] filters=[] loaded=N tccl=[...] (threads
 * ended N ms after)}: the threads' context class loaders as seen, and how long after close (or
 * the unload) they ended.
 */
public final class PluginHost {

  private static final List<Logger> HOST_LOGGERS = new ArrayList<>();
  private static final List<Socket> HELD = new CopyOnWriteArrayList<>();
  private static final java.util.concurrent.atomic.AtomicInteger REQUESTS = new java.util.concurrent.atomic.AtomicInteger();
  private static final TreeSet<String> TCCL = new TreeSet<>();
  // The host's confirmations that never complete: held for the whole run, as a host's own would be.
  private static final List<Object> PENDING = new ArrayList<>();

  private PluginHost() {}

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("uncaught in " + t.getName() + ": " + e));
    // The SDK loggers the send puts its filter on, held as a host's own OpenTelemetry would hold
    // them: Diagnostics.SDK_LOGGERS, read from this JVM's class path, never from a plugin's loader.
    for (String name : sdkLoggerNames()) {
      HOST_LOGGERS.add(Logger.getLogger(name));
    }
    URL[] urls = libraryUrls();
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          Socket s = silent.accept(); // never answers
          HELD.add(s);
          Thread reader = new Thread(() -> {
            try {
              if (s.getInputStream().read() != -1) {
                REQUESTS.incrementAndGet(); // a request is being written
              }
            } catch (Exception closed) {
              // the send gave up
            }
          }, "silent-reader");
          reader.setDaemon(true);
          reader.start();
        }
      } catch (Exception closed) {
        // the host is done
      }
    }, "silent-collector");
    acceptor.setDaemon(true);
    acceptor.start();
    int refusedPort = com.goteleport.tbot.otel.export.Fault.closedPort(); // held: no one else listens there
    OtlpReceiver http = OtlpReceiver.start();
    OtlpReceiver https = null;
    List<String> cases = List.of(args).subList(1, args.length);
    if (cases.contains("tls")) {
      System.setProperty("javax.net.ssl.trustStore", SelfSignedTls.writeTrustStore(Paths.get(args[0])).toString());
      https = OtlpReceiver.start(SelfSignedTls.known().serverContext());
    }
    ClassLoader original = Thread.currentThread().getContextClassLoader();
    for (int i = 0; i < cases.size(); i++) {
      String mode = cases.get(i);
      String endpoint = switch (mode) {
        case "hang", "sloppy", "sloppy-early" -> "http://127.0.0.1:" + silent.getLocalPort() + "/v1/logs";
        case "refused" -> "http://127.0.0.1:" + refusedPort + "/v1/logs";
        case "tls" -> https.url();
        default -> http.url();
      };
      URLClassLoader plugin = new URLClassLoader("plugin-" + i, new URL[0], PluginHost.class.getClassLoader());
      URLClassLoader lib = new URLClassLoader("tbot-otel-" + i, urls, ClassLoader.getPlatformClassLoader());
      TCCL.clear();
      Thread.currentThread().setContextClassLoader(plugin);
      String outcome = use(lib, mode, endpoint, mode.equals("tls") ? https : http);
      Thread.currentThread().setContextClassLoader(original);
      long used = System.nanoTime();
      String threads = awaitThreadsEnd();
      long threadsMs = (System.nanoTime() - used) / 1_000_000;
      List<String> filters = new ArrayList<>();
      for (Logger l : HOST_LOGGERS) {
        if (l.getFilter() != null) {
          filters.add(l.getName() + ":" + l.getFilter().getClass().getName());
        }
      }
      WeakReference<ClassLoader> libRef = new WeakReference<>(lib);
      WeakReference<ClassLoader> pluginRef = new WeakReference<>(plugin);
      lib.close();
      lib = null;
      plugin = null;
      long deadline = System.nanoTime() + 5_000_000_000L;
      while ((libRef.get() != null || pluginRef.get() != null) && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(20);
      }
      System.out.println(mode + " " + outcome
          + " lib=" + (libRef.get() == null ? "collected" : "PINNED")
          + " plugin=" + (pluginRef.get() == null ? "collected" : "PINNED")
          + " threads=" + threads + " filters=" + filters
          + " loaded=" + ManagementFactory.getClassLoadingMXBean().getLoadedClassCount() + " tccl=" + TCCL + " (threads ended " + threadsMs + " ms after)");
    }
    http.close();
    if (https != null) {
      https.close();
    }
    silent.close();
  }

  private static String use(URLClassLoader lib, String mode, String endpoint, OtlpReceiver receiver)
      throws Exception {
    Object event = call(call(type(lib, "event.StartEvent").getMethod("builder").invoke(null), "setVersion", "18.1.0"),
        "build");
    if (mode.equals("preview")) {
      String json = (String) type(lib, "export.OtlpJson").getMethod("exportRequest", event.getClass()).invoke(null, event);
      return json.contains("tbot.start") ? "rendered" : json;
    }
    if (mode.equals("config")) {
      Object config = type(lib, "config.TbotConfigReader").getMethod("parse", String.class, String.class)
          .invoke(null, "version: v2\noneshot: true\nonboarding:\n  join_method: github\n", "tbot.yaml");
      return "read " + call(config, "joinMethod");
    }
    Object consent = type(lib, "consent.Consent").getMethod("resolve", Boolean.class, Boolean.class, Map.class)
        .invoke(null, !mode.equals("off"), null, Map.of());
    Object builder = call(type(lib, "AnonymousAnalytics").getMethod("builder").invoke(null), "setConsent", consent);
    call(builder, "setEndpoint", URI.create(endpoint));
    call(builder, "setEnvironment", Map.of());
    call(builder, "setDebug", Boolean.getBoolean("debug")); // by hand: -Ddebug=true
    call(builder, "setExitTimeout", Duration.ofMillis(mode.equals("hang") || mode.equals("pending") ? 200 : 5000));
    if (mode.startsWith("sloppy")) {
      call(builder, "setSendTimeout", Duration.ofMillis(1500)); // never closed: the send ends by itself
    }
    Object analytics = call(builder, "build");
    int before = receiver.requests().size();
    int requests = REQUESTS.get();
    if (mode.equals("pending")) {
      // The host's yes never comes, and its stage outlives the plugin (a host's own future).
      java.util.concurrent.CompletableFuture<Boolean> never = new java.util.concurrent.CompletableFuture<>();
      PENDING.add(never);
      analytics.getClass().getMethod("recordStart", event.getClass(), java.util.concurrent.CompletionStage.class)
          .invoke(analytics, event, never);
    } else {
      call(analytics, "recordStart", event);
    }
    noteThreads();
    if (mode.startsWith("sloppy")) {
      if (mode.equals("sloppy")) { // until the request is written and the send waits for the answer
        for (int w = 0; w < 500 && REQUESTS.get() == requests; w++) {
          Thread.sleep(10);
          noteThreads();
        }
        Thread.sleep(100);
      }
      noteThreads();
      lib.close(); // the plugin is unloaded under the send: no close()
      return "unloaded";
    }
    if (mode.equals("send") || mode.equals("tls")) {
      receiver.await(before + 1, Duration.ofSeconds(10));
    }
    noteThreads();
    call(analytics, "close");
    return String.valueOf(call(analytics, "delivery"));
  }

  // Until tbot-otel's threads end (at most 5 s): "ended", or those still alive.
  private static String awaitThreadsEnd() throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!tbotThreads().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return tbotThreads().isEmpty() ? "ended" : tbotThreads().toString();
  }

  /** The names of tbot-otel's threads alive now. */
  static List<String> tbotThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("tbot-otel")) {
        names.add(t.getName());
      }
    }
    return names;
  }

  // The context class loader each of tbot-otel's threads has, as seen so far.
  private static void noteThreads() {
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("tbot-otel")) {
        ClassLoader cl = t.getContextClassLoader();
        TCCL.add(t.getName() + ":" + (cl == null ? "null" : cl.getName()));
      }
    }
  }

  /** Diagnostics.SDK_LOGGERS, read by reflection from this JVM's class path. */
  static List<String> sdkLoggerNames() throws Exception {
    Field sdkLoggers = Class.forName("com.goteleport.tbot.otel.internal.export.Diagnostics").getDeclaredField("SDK_LOGGERS");
    sdkLoggers.setAccessible(true);
    List<String> names = new ArrayList<>();
    for (Object name : (List<?>) sdkLoggers.get(null)) {
      names.add((String) name);
    }
    return names;
  }

  static Class<?> type(ClassLoader lib, String name) throws ClassNotFoundException {
    return Class.forName("com.goteleport.tbot.otel." + name, true, lib);
  }

  static Object call(Object target, String name, Object arg) throws Exception {
    for (Method m : target.getClass().getMethods()) {
      if (m.getName().equals(name) && m.getParameterCount() == 1 && !m.isBridge()) {
        return m.invoke(target, arg);
      }
    }
    throw new NoSuchMethodException(name);
  }

  static Object call(Object target, String name) throws Exception {
    return target.getClass().getMethod(name).invoke(target);
  }

  /** tbot-otel's classes and its runtime dependencies, picked from this JVM's class path. */
  static URL[] libraryUrls() throws Exception {
    List<URL> urls = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = new File(entry).getName();
      if (name.equals("classes")
          || name.startsWith("opentelemetry-") && !name.startsWith("opentelemetry-proto")
          || name.startsWith("snakeyaml-")) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return urls.toArray(new URL[0]);
  }
}
