package com.goteleport.tbot.otel;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Run in a child JVM by {@link PluginUnloadTest}: a plugin host with two plugins that each embed
 * their own copy of tbot-otel, two class loaders over the same jars (whose parent is the platform
 * loader), both sending at once. Copy {@code a} starts sending first, copy {@code b} second, so b's
 * JUL filter goes on top of a's on every SDK logger; the collector holds both answers until told,
 * so the sends end in the order the round says. Afterwards both loaders must be collectable and
 * every SDK logger must hold exactly the host's own filters: none before, or those set before,
 * while both send and between the two ends (a host filter that is itself a {@code
 * Supplier<Filter>}, as tbot-otel's are, to show it is never taken for one).
 *
 * <p>Arguments: {@code ROUND...}, each {@code a-first|b-first} (which send ends first) and {@code
 * :bare|:host} (no host filter, or the host's filters). Prints one line per round, {@code ROUND
 * a=DELIVERY b=DELIVERY libA=collected|PINNED libB=collected|PINNED threads=ended|[...]
 * filters=[...]}: the loggers whose filter is not the one the host expects.
 */
public final class TwoPluginsHost {

  private static final List<Logger> HOST_LOGGERS = new ArrayList<>();
  private static final Map<String, CountDownLatch> ARRIVED = new ConcurrentHashMap<>();
  private static final Map<String, CountDownLatch> ANSWER = new ConcurrentHashMap<>();

  private TwoPluginsHost() {}

  /** The host's own filter: a Supplier too, answering null, which must never replace it. */
  private static final class HostFilter implements Filter, Supplier<Filter> {
    private final String when;

    HostFilter(String when) {
      this.when = when;
    }

    @Override
    public boolean isLoggable(LogRecord record) {
      return true;
    }

    @Override
    public Filter get() {
      return null;
    }

    @Override
    public String toString() {
      return "host-" + when;
    }
  }

  public static void main(String[] args) throws Exception {
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> System.out.println("uncaught in " + t.getName() + ": " + e));
    for (String name : PluginHost.sdkLoggerNames()) {
      HOST_LOGGERS.add(Logger.getLogger(name));
    }
    ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "gated-collector");
      t.setDaemon(true);
      return t;
    });
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext("/", TwoPluginsHost::handle);
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    URL[] urls = PluginHost.libraryUrls();
    ClassLoader original = Thread.currentThread().getContextClassLoader();
    for (String round : args) {
      boolean aFirst = round.startsWith("a-first");
      boolean hostFilters = round.endsWith(":host");
      for (String copy : List.of("a", "b")) {
        ARRIVED.put(copy, new CountDownLatch(1));
        ANSWER.put(copy, new CountDownLatch(1));
      }
      Filter[] expected = new Filter[HOST_LOGGERS.size()];
      if (hostFilters) {
        for (int i = 0; i < expected.length; i++) {
          expected[i] = new HostFilter("before");
          HOST_LOGGERS.get(i).setFilter(expected[i]);
        }
      }
      URLClassLoader pluginA = new URLClassLoader("plugin-a", new URL[0], TwoPluginsHost.class.getClassLoader());
      URLClassLoader pluginB = new URLClassLoader("plugin-b", new URL[0], TwoPluginsHost.class.getClassLoader());
      URLClassLoader libA = new URLClassLoader("tbot-otel-a", urls, ClassLoader.getPlatformClassLoader());
      URLClassLoader libB = new URLClassLoader("tbot-otel-b", urls, ClassLoader.getPlatformClassLoader());
      Object a = build(libA, base + "a/v1/logs");
      Object b = build(libB, base + "b/v1/logs");
      // a's send is under way (its request arrived) before b's starts: b's filters go on top.
      start(a, pluginA, "a");
      start(b, pluginB, "b");
      if (hostFilters) { // while both send
        expected[1] = new HostFilter("during");
        HOST_LOGGERS.get(1).setFilter(expected[1]);
      }
      String first = aFirst ? "a" : "b";
      String second = aFirst ? "b" : "a";
      String firstDelivery = finish(aFirst ? a : b, first, aFirst ? pluginA : pluginB);
      if (hostFilters) { // one send over, the other under way
        expected[2] = new HostFilter("between");
        HOST_LOGGERS.get(2).setFilter(expected[2]);
      }
      String secondDelivery = finish(aFirst ? b : a, second, aFirst ? pluginB : pluginA);
      Thread.currentThread().setContextClassLoader(original);
      String threads = awaitThreadsEnd(null);
      List<String> filters = new ArrayList<>();
      for (int i = 0; i < expected.length; i++) {
        Filter f = HOST_LOGGERS.get(i).getFilter();
        if (f != expected[i]) {
          filters.add(HOST_LOGGERS.get(i).getName() + ":" + (f == null ? "null" : f.getClass().getName()));
        }
      }
      WeakReference<ClassLoader> refA = new WeakReference<>(libA);
      WeakReference<ClassLoader> refB = new WeakReference<>(libB);
      libA.close();
      libB.close();
      libA = null;
      libB = null;
      a = null;
      b = null;
      pluginA = null;
      pluginB = null;
      long deadline = System.nanoTime() + 5_000_000_000L;
      while ((refA.get() != null || refB.get() != null) && System.nanoTime() < deadline) {
        System.gc();
        Thread.sleep(20);
      }
      System.out.println(round
          + " a=" + (aFirst ? firstDelivery : secondDelivery) + " b=" + (aFirst ? secondDelivery : firstDelivery)
          + " libA=" + (refA.get() == null ? "collected" : "PINNED")
          + " libB=" + (refB.get() == null ? "collected" : "PINNED")
          + " threads=" + threads + " filters=" + filters);
      for (Logger l : HOST_LOGGERS) {
        l.setFilter(null); // the next round starts bare
      }
    }
    server.stop(0);
    executor.shutdownNow();
  }

  private static Object build(URLClassLoader lib, String endpoint) throws Exception {
    Object consent = PluginHost.type(lib, "consent.Consent").getMethod("resolve", Boolean.class, Boolean.class, Map.class)
        .invoke(null, Boolean.TRUE, null, Map.of());
    Object builder = PluginHost.call(PluginHost.type(lib, "AnonymousAnalytics").getMethod("builder").invoke(null), "setConsent", consent);
    PluginHost.call(builder, "setEndpoint", URI.create(endpoint));
    PluginHost.call(builder, "setEnvironment", Map.of());
    PluginHost.call(builder, "setExitTimeout", Duration.ofSeconds(10));
    return PluginHost.call(builder, "build");
  }

  // recordStart with the plugin's context class loader (the send's threads inherit it, which tells
  // one copy's threads from the other's); returns once the request has reached the collector.
  private static void start(Object analytics, ClassLoader plugin, String copy) throws Exception {
    ClassLoader lib = analytics.getClass().getClassLoader();
    Object event = PluginHost.call(PluginHost.call(PluginHost.type(lib, "event.StartEvent").getMethod("builder").invoke(null), "setVersion", "18.1.0"),
        "build");
    Thread.currentThread().setContextClassLoader(plugin);
    PluginHost.call(analytics, "recordStart", event);
    if (!ARRIVED.get(copy).await(10, TimeUnit.SECONDS)) {
      throw new AssertionError("no request from copy " + copy);
    }
  }

  // Lets the collector answer the copy, closes it, and waits until its threads have ended (its
  // send has left Diagnostics); returns the delivery.
  private static String finish(Object analytics, String copy, ClassLoader plugin) throws Exception {
    ANSWER.get(copy).countDown();
    PluginHost.call(analytics, "close");
    String threads = awaitThreadsEnd(plugin);
    if (!threads.equals("ended")) {
      throw new AssertionError("copy " + copy + "'s threads outlive close: " + threads);
    }
    return String.valueOf(PluginHost.call(analytics, "delivery"));
  }

  private static void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      in.readAllBytes();
      String copy = exchange.getRequestURI().getPath().substring(1, 2);
      ARRIVED.get(copy).countDown();
      if (!ANSWER.get(copy).await(20, TimeUnit.SECONDS)) {
        return; // the host gave up: no answer
      }
      exchange.sendResponseHeaders(200, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // Until the tbot-otel threads whose context class loader is plugin (any, if null) end (at most
  // 5 s): "ended", or those still alive.
  private static String awaitThreadsEnd(ClassLoader plugin) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!tbotThreads(plugin).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return tbotThreads(plugin).isEmpty() ? "ended" : tbotThreads(plugin).toString();
  }

  private static List<String> tbotThreads(ClassLoader plugin) {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("tbot-otel") && (plugin == null || t.getContextClassLoader() == plugin)) {
        names.add(t.getName());
      }
    }
    return names;
  }

  // type, call and libraryUrls: PluginHost's, as for one plugin.
}
