package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real tbot-otel CLI jar in a child JVM with a clean, explicit environment. */
final class TbotCli {

  /** The jar built by tbot-otel's package phase (the reactor builds tbot-otel first). */
  static final Path JAR =
      Path.of(System.getProperty("tbot.otel.jar", "../tbot-otel/target/tbot-otel.jar")).toAbsolutePath().normalize();

  /** What a run produced. */
  record Result(int exitCode, String stdout, String stderr) {}

  private TbotCli() {}

  /** A minimal tbot v2 config (join github, one identity output) written under target/. */
  static Path minimalConfig() throws IOException {
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("tbot-configs"));
    Path yaml = dir.resolve("tbot.yaml");
    Files.writeString(
        yaml,
        "version: v2\n"
            + "onboarding:\n"
            + "  join_method: github\n"
            + "outputs:\n"
            + "  - type: identity\n"
            + "    destination: {type: directory, path: " + dir.resolve("out") + "}\n",
        StandardCharsets.UTF_8);
    return yaml;
  }

  /** A tbot v2 config with {@code onboarding.join_method} and one identity output, under target/. */
  static Path joinMethodConfig(String joinMethod) throws IOException {
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("tbot-configs"));
    Path yaml = dir.resolve("tbot-join-method.yaml");
    Files.writeString(
        yaml,
        "version: v2\n"
            + "onboarding: {join_method: " + joinMethod + "}\n"
            + "outputs:\n"
            + "  - type: identity\n"
            + "    destination: {type: directory, path: " + dir.resolve("out") + "}\n",
        StandardCharsets.UTF_8);
    return yaml;
  }

  /**
   * Runs {@code tbot-otel preview args...} and returns the attributes of the event it shows, as
   * {@link Sink.Exported#attributes()} gives them: what {@code start} with the same inputs sends.
   */
  static Map<String, Object> previewAttributes(Map<String, String> env, List<String> args) throws Exception {
    List<String> previewArgs = new ArrayList<>(List.of("preview"));
    previewArgs.addAll(args);
    Result preview = run(env, previewArgs);
    assertEquals(0, preview.exitCode(), preview.stderr());
    List<String> lines = preview.stdout().lines().toList();
    assertEquals(1, lines.size(), "preview prints one line of OTLP/JSON: " + preview.stdout());
    ExportLogsServiceRequest.Builder shown = ExportLogsServiceRequest.newBuilder();
    // Strict: a field the OTLP schema lacks, at any depth, fails the parse.
    JsonFormat.parser().merge(lines.get(0), shown);
    return Sink.attributes(shown.getResourceLogs(0).getScopeLogs(0).getLogRecords(0).getAttributesList());
  }

  /** Runs {@code java -jar tbot-otel.jar args...} with only PATH and HOME plus {@code env}. */
  static Result run(Map<String, String> env, List<String> args) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      fail("the tbot-otel CLI jar is missing: " + JAR
          + " (build it first: mvn -pl tbot-otel-cli -am package, or run mvn verify from the root)");
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-jar", JAR.toString()));
    cmd.addAll(args);
    Path dir = Files.createDirectories(Collector.BUILD_DIR.resolve("tbot-cli"));
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    // A clean environment: no ambient consent, opt-out, endpoint, proxy or OTEL_* settings.
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", System.getProperty("user.home"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("tbot-otel " + args + " did not exit within 60 s");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
