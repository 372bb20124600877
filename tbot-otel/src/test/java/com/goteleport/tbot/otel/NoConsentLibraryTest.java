package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The library API without consent, as a host embeds it, in a child JVM whose class loading and
 * threads are its own: {@code recordStart} and {@code close} load no OpenTelemetry class, start no
 * thread (not even one that has ended by the time we look), connect nowhere, and resolve no name.
 * The same host with consent trips every one of these probes, so each can fail.
 */
class NoConsentLibraryTest {

  // Never resolves, and would cost a DNS query if anything tried.
  static final String NAMED_ENDPOINT = "http://collector.tbot-otel-probe.invalid:4318/v1/logs";
  // Loaded by the JDK on the first lookup of a name (literal addresses skip it).
  static final String NAME_LOOKUP_CLASS = "java.net.InetAddress$NameServiceAddresses";

  record Run(String classLog, List<String> hostLines, @Nullable Socket connection) {}

  static Run host(String consent) throws IOException {
    try (ServerSocket collector = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String loopback = "http://127.0.0.1:" + collector.getLocalPort() + "/v1/logs";
      ChildJvm.Result r = ChildJvm.run(List.of(ChildJvm.javaBinary(), "-Xlog:class+load=info:stdout", "-cp",
          System.getProperty("java.class.path"), NoConsentHost.class.getName(), consent, loopback, NAMED_ENDPOINT),
          ChildJvm.baseEnv(), Duration.ofSeconds(30));
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals("", r.stderr(), consent + ": nothing printed");
      // A connection made while the host ran is queued by the kernel, accepted or not.
      collector.setSoTimeout(500);
      Socket connection;
      try {
        connection = collector.accept();
        connection.close();
      } catch (SocketTimeoutException none) {
        connection = null;
      }
      List<String> host = r.stdout().lines().filter(l -> l.startsWith("host: ")).collect(Collectors.toList());
      return new Run(r.stdout(), host, connection);
    }
  }

  static List<String> loaded(String classLog, String prefix) {
    return classLog.lines().filter(l -> l.contains(" " + prefix)).collect(Collectors.toList());
  }

  @Test
  void withoutConsentNothingLoadsStartsConnectsOrResolves() throws Exception {
    Run denied = host("denied");
    assertEquals(List.of(
        "host: enabled=false delivery=NOT_ATTEMPTED", "host: enabled=false delivery=NOT_ATTEMPTED",
        "host: enabled=false delivery=NOT_ATTEMPTED", "host: enabled=false delivery=NOT_ATTEMPTED",
        "host: threads_started=0"), denied.hostLines(), "no thread started, even one that ended");
    assertTrue(denied.classLog().contains(" " + AnonymousAnalytics.class.getName() + " "), "the probe sees class loading");
    assertEquals(List.of(), loaded(denied.classLog(), "io.opentelemetry."));
    assertEquals(List.of(), loaded(denied.classLog(), NAME_LOOKUP_CLASS), "no DNS lookup of " + NAMED_ENDPOINT);
    assertNull(denied.connection(), "nothing connected to the loopback endpoint");

    Run granted = host("granted");
    assertTrue(granted.hostLines().get(0).startsWith("host: enabled=true "), granted.hostLines().toString());
    String threads = granted.hostLines().get(granted.hostLines().size() - 1);
    assertTrue(Long.parseLong(threads.substring("host: threads_started=".length())) > 0, threads);
    assertTrue(loaded(granted.classLog(), "io.opentelemetry.").size() > 20, "the SDK loads with consent");
    assertEquals(1, loaded(granted.classLog(), NAME_LOOKUP_CLASS).size(), "the lookup probe sees a lookup");
    assertNotNull(granted.connection(), "the connection probe sees the send");
  }
}
