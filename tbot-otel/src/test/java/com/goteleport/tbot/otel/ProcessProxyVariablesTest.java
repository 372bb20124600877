package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.export.LoopbackServer;
import com.goteleport.tbot.otel.testing.ChildJvm;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A library host that never calls {@code setEnvironment}: the builder reads the process's own
 * proxy variables, so the collector is reached through the proxy the user set, as with the CLI
 * (which passes its environment). Only a child JVM has an environment of the test's choosing; in
 * this one, a builder that read no variables at all would pass every other test.
 */
class ProcessProxyVariablesTest {

  @Test
  void aHostThatPassesNoEnvironmentGoesThroughTheProcesssProxy() {
    try (LoopbackServer proxy = LoopbackServer.start(LoopbackServer.status(502))) {
      String url = "http://127.0.0.1:" + proxy.port();

      assertEquals("delivery=FAILED\n", run(Map.of("HTTPS_PROXY", url)), "the proxy refused the tunnel");
      assertEquals(1, proxy.requests().size(), "HTTPS_PROXY was used");
      assertEquals("CONNECT collector.example.invalid:443 HTTP/1.1", proxy.requests().get(0).requestLine());

      assertEquals("delivery=FAILED\n", run(Map.of("https_proxy", url)));
      assertEquals(2, proxy.requests().size(), "https_proxy was used, as Go reads it");

      // NO_PROXY excludes the collector: it is looked up directly, and the .invalid name fails.
      assertEquals("delivery=FAILED\n", run(Map.of("HTTPS_PROXY", url, "NO_PROXY", "example.invalid")));
      assertEquals(2, proxy.connections(), "NO_PROXY was honoured");
    }
  }

  private static String run(Map<String, String> proxies) {
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    env.putAll(proxies);
    ChildJvm.Result r = ChildJvm.runMain(List.of(), env, DefaultEnvironmentHost.class, Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("", r.stderr(), "nothing printed at the default level");
    return r.stdout();
  }

  /** Sends with consent and the builder's defaults but for the endpoint; prints the delivery. */
  public static final class DefaultEnvironmentHost {
    private DefaultEnvironmentHost() {}

    public static void main(String[] args) {
      AnonymousAnalytics analytics = AnonymousAnalytics.builder()
          .setConsent(Consent.resolve(true, null, Map.of()))
          .setEndpoint(URI.create(Fault.UNRESOLVABLE_HTTPS_ENDPOINT))
          .setExitTimeout(Duration.ofSeconds(5))
          .build();
      analytics.recordStart(StartEvent.builder().build());
      analytics.close();
      System.out.println("delivery=" + analytics.delivery());
    }
  }
}
