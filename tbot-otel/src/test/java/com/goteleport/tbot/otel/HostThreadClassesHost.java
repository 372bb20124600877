package com.goteleport.tbot.otel;

import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Run in a child JVM by {@link HostThreadClassesTest}: a host that loads tbot-otel and its
 * OpenTelemetry jars in a loader that notes every OpenTelemetry class the host's own thread asks
 * for (a class is asked for by the thread that first links to it), then builds, records a start
 * with consent and waits for delivery. Prints {@code DELIVERY} and the classes the host's thread
 * asked for while it built the instance and recorded, one line: {@code host-thread=[...]}.
 */
public final class HostThreadClassesHost {

  private HostThreadClassesHost() {}

  public static void main(String[] args) throws Exception {
    Thread host = Thread.currentThread();
    Set<String> asked = new TreeSet<>();
    boolean[] noting = {false};
    URLClassLoader lib = new URLClassLoader("tbot-otel", PluginHost.libraryUrls(), ClassLoader.getPlatformClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (Thread.currentThread() == host && name.startsWith("io.opentelemetry.")) {
          synchronized (asked) {
            if (noting[0]) {
              asked.add(name);
            }
          }
        }
        return super.loadClass(name, resolve);
      }
    };
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Object event = PluginHost.call(PluginHost.call(
          PluginHost.type(lib, "event.StartEvent").getMethod("builder").invoke(null), "setVersion", "18.1.0"), "build");
      Object consent = PluginHost.type(lib, "consent.Consent").getMethod("resolve", Boolean.class, Boolean.class, Map.class)
          .invoke(null, true, null, Map.of());
      synchronized (asked) {
        noting[0] = true;
      }
      Object builder = PluginHost.call(PluginHost.type(lib, "AnonymousAnalytics").getMethod("builder").invoke(null),
          "setConsent", consent);
      PluginHost.call(builder, "setEndpoint", URI.create(receiver.url()));
      PluginHost.call(builder, "setEnvironment", Map.of());
      PluginHost.call(builder, "setExitTimeout", Duration.ofSeconds(5));
      Object analytics = PluginHost.call(builder, "build");
      PluginHost.call(analytics, "recordStart", event);
      synchronized (asked) {
        noting[0] = false;
      }
      receiver.await(1, Duration.ofSeconds(10));
      PluginHost.call(analytics, "close");
      System.out.println(PluginHost.call(analytics, "delivery"));
      synchronized (asked) {
        System.out.println("host-thread=" + asked);
      }
    }
  }
}
