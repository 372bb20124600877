package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.consent.Consent;
import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's library snippet compiles against the library and, run as an agent, sends only with consent. */
class ReadmeSnippetIT {

  /**
   * The agent's work, in place of the placeholder: it lasts until the send has ended (10 s at most),
   * not a fixed time, which a cold JVM on a loaded machine may outlast, so that the exit budget is
   * never what these tests meet. Without consent there is nothing under way, and no wait.
   */
  private static final String WORK = "for (long end = System.nanoTime() + 10_000_000_000L; analytics.delivery()"
      + " == com.goteleport.tbot.otel.export.Delivery.PENDING && System.nanoTime() - end < 0; ) { Thread.sleep(10); }";

  @Test
  void snippetCompilesAndSends(@TempDir Path dir) throws Exception {
    String snippet = snippet();
    Path source = dir.resolve("AgentMain.java");
    Files.writeString(source, snippet);
    String classpath = System.getProperty("java.class.path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", dir.toString(), "-cp", classpath, source.toString());
    assertEquals(0, rc, "snippet compiles as written");
    // The placeholder stands for the agent's work; an agent that exits at once may, by design, lose
    // the event to the exit budget.
    String work = "// ... the agent's work: start-up was not blocked ...";
    assertTrue(snippet.contains(work), "placeholder present");
    Files.writeString(source, snippet.replace(work, WORK));
    assertEquals(0, javac.run(null, null, null, "-d", dir.toString(), "-cp", classpath, source.toString()));

    Path config = dir.resolve("tbot.yaml");
    Files.writeString(config, "version: v2\noneshot: true\nonboarding:\n  join_method: github\n"
        + "outputs:\n  - type: identity\n    destination: {type: directory, path: /tmp/x}\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      List<String> cmd = List.of(ChildJvm.javaBinary(), "-cp", dir + File.pathSeparator + classpath, "AgentMain", config.toString());
      Map<String, String> off = new HashMap<>(ChildJvm.baseEnv());
      off.put("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());
      ChildJvm.Result without = ChildJvm.run(cmd, off, Duration.ofSeconds(30));
      assertEquals(0, without.exitCode(), without.stderr());
      assertEquals("", without.stdout() + without.stderr(), "no consent, no notice");
      assertEquals(0, receiver.requests().size(), "no consent, nothing sent");

      Map<String, String> on = new HashMap<>(off);
      on.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      ChildJvm.Result with = ChildJvm.run(cmd, on, Duration.ofSeconds(30));
      assertEquals(0, with.exitCode(), with.stderr());
      assertEquals(notice(receiver), with.stdout() + with.stderr(), "the agent's notice; the library prints nothing");
      List<OtlpReceiver.Received> got = receiver.await(1, Duration.ofSeconds(5));
      assertEquals(1, got.size());
      assertEquals("tbot.start", got.get(0).decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getEventName());

      // A bad address with consent: the agent runs on, says so in one line, and sends nothing.
      Map<String, String> bad = new HashMap<>(on);
      bad.put("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", "ftp://127.0.0.1:" + receiver.port() + "/v1/logs");
      ChildJvm.Result badAddress = ChildJvm.run(cmd, bad, Duration.ofSeconds(30));
      assertEquals(0, badAddress.exitCode(), badAddress.stderr());
      assertEquals("", badAddress.stdout());
      assertEquals(1, badAddress.stderr().lines().count(), badAddress.stderr());
      assertTrue(badAddress.stderr().contains("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS"), badAddress.stderr());
      assertEquals(1, receiver.requests().size(), "nothing more was sent");

      // A config tbot-otel cannot read, with consent from the environment: the agent runs on,
      // silent, and sends nothing (the config might have said no).
      Path broken = Files.writeString(dir.resolve("broken.yaml"), "version: v2\nanonymous_analytics: [\n");
      List<String> brokenCmd = List.of(ChildJvm.javaBinary(), "-cp", dir + File.pathSeparator + classpath, "AgentMain",
          broken.toString());
      ChildJvm.Result unread = ChildJvm.run(brokenCmd, on, Duration.ofSeconds(30));
      assertEquals(0, unread.exitCode(), unread.stderr());
      assertEquals("", unread.stdout() + unread.stderr());
      assertEquals(1, receiver.requests().size(), "nothing was sent for an unread config");
    }
  }

  /**
   * The same snippet as a module on the module path, as README says: a module that requires
   * com.goteleport.tbot.otel reads tbot's YAML only if it also requires org.yaml.snakeyaml (an
   * explicit module, which the library's automatic module does not bring into the module graph),
   * and then sends.
   */
  @Test
  void snippetRunsAsAModuleThatAlsoRequiresSnakeyaml(@TempDir Path dir) throws Exception {
    String snippet = snippet().replace("// ... the agent's work: start-up was not blocked ...", WORK);
    List<String> modulePath = new ArrayList<>(List.of(ModuleNameIT.jar("").toString()));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Paths.get(entry).getFileName().toString();
      if ((name.startsWith("opentelemetry-") && !name.startsWith("opentelemetry-proto")) || name.startsWith("snakeyaml-")) {
        modulePath.add(entry);
      }
    }
    Path config = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\noneshot: true\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      Map<String, String> on = new HashMap<>(ChildJvm.baseEnv());
      on.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      on.put("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", receiver.url());

      ChildJvm.Result with = ChildJvm.run(module(dir.resolve("with"), snippet, modulePath, true, config), on,
          Duration.ofSeconds(30));
      assertEquals(0, with.exitCode(), with.stderr());
      assertEquals(notice(receiver), with.stdout() + with.stderr(), "the agent's notice; the library prints nothing");
      List<OtlpReceiver.Received> got = receiver.await(1, Duration.ofSeconds(5));
      assertEquals(1, got.size());
      assertEquals("tbot.start", got.get(0).decode().getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getEventName());

      ChildJvm.Result without = ChildJvm.run(module(dir.resolve("without"), snippet, modulePath, false, config), on,
          Duration.ofSeconds(30));
      assertTrue(without.stderr().contains("NoClassDefFoundError: org/yaml/snakeyaml/"), without.stderr());
      assertEquals(1, receiver.requests().size());
    }
  }

  /** The one line the snippet's agent prints with consent, sending to {@code receiver}. */
  private static String notice(OtlpReceiver receiver) {
    return "agent: " + AnonymousAnalytics.builder()
        // the snippet runs with TELEPORT_ANONYMOUS_TELEMETRY=1: the notice names that setting
        .setConsent(Consent.resolve(null, null, Map.of(Consent.ENV_TELEPORT, "1")))
        .setEndpoint(URI.create(receiver.url())).build().notice() + System.lineSeparator();
  }

  /** README's snippet, between its markers. */
  private static String snippet() throws Exception {
    String readme = Files.readString(Paths.get("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<!-- snippet:library[^>]*-->\\s*```java\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(m.find(), "README has the library snippet");
    return m.group(1);
  }

  /**
   * Compiles {@code snippet} as module {@code agent} (package {@code agent}) into {@code dir}; returns
   * the command that runs it on {@code config}.
   */
  private static List<String> module(Path dir, String snippet, List<String> modulePath, boolean requiresSnakeyaml,
      Path config) throws Exception {
    Path src = Files.createDirectories(dir.resolve("src").resolve("agent"));
    Files.writeString(src.resolve("AgentMain.java"), "package agent;\n" + snippet);
    Files.writeString(src.getParent().resolve("module-info.java"), "module agent {\n  requires com.goteleport.tbot.otel;\n"
        + (requiresSnakeyaml ? "  requires org.yaml.snakeyaml;\n" : "") + "}\n");
    Path out = dir.resolve("out");
    String path = String.join(File.pathSeparator, modulePath);
    int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(), "--module-path", path,
        src.getParent().resolve("module-info.java").toString(), src.resolve("AgentMain.java").toString());
    assertEquals(0, rc, "the snippet compiles as a module");
    return List.of(ChildJvm.javaBinary(), "--module-path", path + File.pathSeparator + out, "-m", "agent/agent.AgentMain",
        config.toString());
  }
}
