package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/self-hosting.md, "Troubleshooting": every {@code preview} command of its first block prints
 * exactly the stderr line shown, and every case of its {@code --debug} block, set up on loopback,
 * makes {@code start} print exactly the debug lines shown (a {@code ...} stands for a port, and the
 * milliseconds of an {@code after N ms} may differ).
 */
class TroubleshootingDocTest {

  static final Path DOC = Path.of("..", "docs", "self-hosting.md");

  private static final Pattern COMMAND = Pattern.compile("\\$ ((?:[A-Z_]+=\\S+ )*)tbot-otel (.*)");

  @Test
  void everyPreviewLineIsTheOneTheCliPrints() throws IOException {
    Path dir = Path.of("target", "troubleshooting-doc");
    Files.createDirectories(dir);
    // As the doc says: a config with no anonymous_analytics key.
    Files.writeString(dir.resolve("tbot.yaml"), "version: v2\nonboarding:\n  join_method: iam\n", StandardCharsets.UTF_8);
    List<String> block = block("<!-- troubleshooting: each command is run by TroubleshootingDocTest -->");
    assertTrue(block.size() >= 8, "self-hosting.md has the preview block: " + block);
    for (int i = 0; i < block.size(); i += 2) {
      Matcher m = COMMAND.matcher(block.get(i));
      assertTrue(m.matches(), "every other line is a command: '" + block.get(i) + "'");
      Cli.Result r = CliErrorsDocTest.runAsDocumented(m.group(1), m.group(2), dir);
      String what = "'" + block.get(i) + "'";
      assertEquals(block.get(i + 1) + "\n", r.stderr(), what);
      assertEquals(0, r.exitCode(), what);
    }
  }

  @Test
  void everyDebugCaseIsWhatStartPrintsThere() throws Exception {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    List<String> lines = null;
    for (String line : block("<!-- troubleshooting-debug: each case is run by TroubleshootingDocTest -->")) {
      if (line.startsWith("# ")) {
        lines = new ArrayList<>();
        cases.put(line.substring(2), lines);
      } else {
        lines.add(line);
      }
    }
    assertEquals(Set.of("nothing listens on the port", "the server answers 500", "the URL has no /v1/logs",
        "the URL's path has an empty segment (//v1/logs): the collector redirects it",
        "the URL says https:// where the listener speaks plain HTTP",
        "the server redirects (an ingress sending http:// to https://, say)",
        "the server is busy or limits its clients", "a plain-HTTP proxy answers in the collector's place",
        "the proxy does not answer",
        "no answer within the exit timeout",
        "nothing answers the connection (a firewall that drops packets, or a full listen queue)",
        "the TLS handshake does not end in time"), cases.keySet());

    String closed = "http://127.0.0.1:" + Fault.closedPort() + "/v1/logs";
    assertDebug(cases.get("nothing listens on the port"), Map.of(), closed, "10s");

    try (OtlpReceiver r = OtlpReceiver.start().respondWith(500)) {
      assertDebug(cases.get("the server answers 500"), Map.of(), r.url(), "10s");
    }

    // A collector answers 404 for any path but /v1/logs; the doc's case is a URL without it.
    try (OtlpReceiver r = OtlpReceiver.start().respondWith(404)) {
      assertDebug(cases.get("the URL has no /v1/logs"), Map.of(), "http://127.0.0.1:" + r.port(), "10s");
      assertEquals("POST / HTTP/1.1", r.requests().get(0).requestLine(), "without /v1/logs it posts to /");
    }

    // A collector redirects a path with an empty segment to the cleaned path (Go's server; the
    // collector's answer to each kind of path is IngestEndToEndTest's), and the send follows none.
    try (OtlpReceiver r = OtlpReceiver.start().redirectTo("/v1/logs")) {
      assertDebug(cases.get("the URL's path has an empty segment (//v1/logs): the collector redirects it"), Map.of(),
          "http://127.0.0.1:" + r.port() + "//v1/logs", "10s");
      assertEquals(1, r.requests().size(), "the redirect is not followed: " + r.requests());
    }

    // A plain HTTP listener that answers what it cannot read, as Go's net/http does a TLS hello.
    try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread answer = new Thread(() -> {
        try (Socket s = plain.accept()) {
          s.setSoTimeout(10_000);
          s.getInputStream().read(new byte[512]);
          s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n400 Bad Request"
              .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
          // the assertions below say what went wrong
        }
      });
      answer.setDaemon(true);
      answer.start();
      assertDebug(cases.get("the URL says https:// where the listener speaks plain HTTP"), Map.of(),
          "https://127.0.0.1:" + plain.getLocalPort() + "/v1/logs", "10s");
    }

    try (OtlpReceiver r = OtlpReceiver.start().respondWith(308)) {
      assertDebug(cases.get("the server redirects (an ingress sending http:// to https://, say)"), Map.of(), r.url(),
          "10s");
      assertEquals(1, r.requests().size(), "the redirect is not followed: " + r.requests());
    }
    try (OtlpReceiver r = OtlpReceiver.start().respondWith(429)) {
      assertDebug(cases.get("the server is busy or limits its clients"), Map.of(), r.url(), "10s");
      assertEquals(1, r.requests().size(), "no retry: " + r.requests());
    }

    // A receiver standing in for a proxy: it gets the request for the collector's URL, and answers.
    try (OtlpReceiver proxy = OtlpReceiver.start().respondWith(502)) {
      assertDebug(cases.get("a plain-HTTP proxy answers in the collector's place"),
          Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.port()), "http://collector.internal:4318/v1/logs", "10s");
      assertEquals("POST http://collector.internal:4318/v1/logs HTTP/1.1", proxy.requests().get(0).requestLine(),
          "the request went to the proxy, for the collector");
    }

    // Through the proxy, the endpoint's host is never looked up: only 127.0.0.1 is reached.
    assertDebug(cases.get("the proxy does not answer"), Map.of("HTTP_PROXY", "http://127.0.0.1:" + Fault.closedPort()),
        "http://collector.internal:4318/v1/logs", "10s");

    try (OtlpReceiver r = OtlpReceiver.start().holdAnswers()) {
      assertDebug(cases.get("no answer within the exit timeout"), Map.of(), r.url(), null); // the default, 500ms
    }
    // Each time-out says what the send was doing when the exit timeout ran out.
    try (Fault.Setup full = Fault.NEVER_ACCEPTS.open()) {
      assertDebug(cases.get("nothing answers the connection (a firewall that drops packets, or a full listen queue)"),
          Map.of(), full.endpoint(), null);
    }
    try (Fault.Setup silent = Fault.NEVER_ANSWERS.open()) {
      assertTrue(silent.endpoint().startsWith("http://"), silent.endpoint());
      assertDebug(cases.get("the TLS handshake does not end in time"), Map.of(),
          "https://" + silent.endpoint().substring("http://".length()), null);
    }
  }

  /** Runs start --debug against {@code endpoint} and compares its debug lines with the doc's. */
  private static void assertDebug(List<String> doc, Map<String, String> env, String endpoint, String exitTimeout) {
    List<String> args = new ArrayList<>(List.of("start", "--anonymous-analytics", "--anonymous-analytics-endpoint",
        endpoint, "--oneshot", "--tbot-version", "18.1.0", "--debug"));
    if (exitTimeout != null) {
      args.addAll(List.of("--anonymous-analytics-exit-timeout", exitTimeout));
    }
    // The send's debug lines go to System.err as it was when the send was built (the library's
    // debugOut), not to the CLI's stream: catch them there for this run (tests run one at a time).
    ByteArrayOutputStream sendErr = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    Cli.Result r;
    try (PrintStream capture = new PrintStream(sendErr, true, StandardCharsets.UTF_8)) {
      System.setErr(capture);
      r = Cli.run(env, args.toArray(String[]::new));
    } finally {
      System.setErr(saved);
    }
    String all = r.stderr() + sendErr.toString(StandardCharsets.UTF_8);
    assertEquals(0, r.exitCode(), all);
    assertTrue(r.stderr().startsWith("tbot-otel: Anonymous usage analytics is on ("), all);
    List<String> debug = all.lines().filter(l -> l.startsWith("tbot-otel debug: ")).toList();
    assertEquals(doc.size(), debug.size(), "the doc shows every debug line: " + all);
    for (int i = 0; i < doc.size(); i++) {
      assertTrue(pattern(doc.get(i)).matcher(debug.get(i)).matches(),
          "doc '" + doc.get(i) + "' vs printed '" + debug.get(i) + "'");
    }
  }

  /** The doc's line as a pattern: {@code ...} is a port, {@code after N ms} any number of them. */
  static Pattern pattern(String docLine) {
    StringBuilder re = new StringBuilder();
    Matcher m = Pattern.compile("after \\d+ ms|\\.\\.\\.").matcher(docLine);
    int last = 0;
    while (m.find()) {
      re.append(Pattern.quote(docLine.substring(last, m.start())));
      re.append(m.group().equals("...") ? "\\d+" : "after \\d+ ms");
      last = m.end();
    }
    return Pattern.compile(re.append(Pattern.quote(docLine.substring(last))).toString());
  }

  /** The lines of the fenced block right after {@code marker}, without the doc's indentation. */
  static List<String> block(String marker) throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    int at = doc.indexOf(marker);
    assertTrue(at >= 0, "self-hosting.md has no block marked " + marker);
    int open = doc.indexOf("```text\n", at);
    int end = doc.indexOf("```", open + 8);
    return doc.substring(open + 8, end).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
  }
}
