package com.goteleport.tbot.otel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.Events;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** What the example tests share: paths, YAML, and the real CLI's {@code preview}. */
final class Examples {

  private Examples() {}

  /** {@code examples/}, as surefire tells. */
  static Path dir() {
    return Paths.get(System.getProperty("examples.dir", ".")).toAbsolutePath().normalize();
  }

  /** The repository root. */
  static Path root() {
    return dir().getParent();
  }

  /** Every document of a (multi-document) YAML file. */
  static List<Map<String, Object>> documents(Path file) throws IOException {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Object doc : yaml().loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
      if (doc != null) {
        out.add(map(doc, file.toString()));
      }
    }
    return out;
  }

  /** A single-document YAML text as a map. */
  static Map<String, Object> parse(String text) {
    return map(yaml().load(text), "YAML");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o, String what) {
    assertTrue(o instanceof Map, what + " is not a mapping: " + o);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o, String what) {
    assertTrue(o instanceof List, what + " is not a list: " + o);
    return (List<Object>) o;
  }

  /** {@code m.a.b.c} by dotted path, failing with the path if any step is missing. */
  static Object at(Map<String, Object> m, String path) {
    Object cur = m;
    for (String key : path.split("\\.")) {
      cur = map(cur, path).get(key);
      assertTrue(cur != null, "no '" + path + "' (missing '" + key + "')");
    }
    return cur;
  }

  private static Yaml yaml() {
    return new Yaml(new SafeConstructor(new LoaderOptions()));
  }

  /** The OTLP/HTTP port a collector config's otlp receiver listens on (4318 if not set). */
  static int otlpHttpPort(Map<String, Object> collectorConfig) {
    Map<String, Object> receivers = map(at(collectorConfig, "receivers"), "receivers");
    Object otlp = receivers.get("otlp");
    assertTrue(otlp != null, "the collector config has no otlp receiver: " + receivers.keySet());
    Map<String, Object> http = map(at(map(otlp, "otlp"), "protocols.http"), "otlp http");
    Object endpoint = http.get("endpoint");
    if (endpoint == null) {
      return 4318;
    }
    String e = envDefault(String.valueOf(endpoint));
    Matcher m = Pattern.compile(":(\\d+)$").matcher(e);
    assertTrue(m.find(), "no port in the otlp http endpoint " + endpoint);
    assertTrue(!e.startsWith("localhost:") && !e.startsWith("127.0.0.1:"),
        "the otlp http receiver listens on loopback only, unreachable from tbot: " + endpoint);
    return Integer.parseInt(m.group(1));
  }

  /** A collector config value with each {@code ${env:NAME:-default}} resolved to its default, as when unset. */
  static String envDefault(String value) {
    return value.replaceAll("\\$\\{env:[A-Za-z_]+:-([^}]*)}", "$1");
  }

  /** What {@code tbot-otel preview} says for these arguments and environment. */
  record Preview(Map<String, Object> attributes, String stderr) {
    boolean wouldSend() {
      return stderr.contains("would send it to ");
    }

    URI endpoint() {
      Matcher m = Pattern.compile("would send it to (\\S+) \\(").matcher(stderr);
      assertTrue(m.find(), stderr);
      return URI.create(m.group(1));
    }
  }

  /** Runs the real CLI (the shaded jar) {@code preview} with exactly {@code env}. */
  static Preview preview(Map<String, String> env, List<String> args) throws IOException {
    List<String> all = new ArrayList<>(List.of("preview"));
    all.addAll(args);
    Map<String, String> full = new HashMap<>(ChildJvm.baseEnv());
    full.putAll(env);
    ChildJvm.Result r = ChildJvm.runJar(List.of(), all, full, Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    ExportLogsServiceRequest shown = Events.previewRequest(r.stdout());
    LogRecord record = shown.getResourceLogs(0).getScopeLogs(0).getLogRecords(0);
    assertEquals("tbot.start", record.getEventName());
    return new Preview(attributes(record), r.stderr());
  }

  /** A log record's attributes, key to String or Long. */
  static Map<String, Object> attributes(LogRecord record) {
    return Events.attributes(record);
  }

  /** The event's attributes as the tests spell them. */
  static Map<String, Object> event(String runMode, String version, String join, long total, long db, long kube, long app) {
    return Events.expected(runMode, version, join, total, db, kube, app);
  }

  /** The paths of a tbot config's directory destinations: its storage's and its outputs'. */
  static Set<String> directories(Map<String, Object> config) {
    List<Object> destinations = new ArrayList<>();
    destinations.add(config.get("storage"));
    for (Object output : list(config.get("outputs"), "outputs")) {
      destinations.add(map(output, "output").get("destination"));
    }
    Set<String> paths = new TreeSet<>();
    for (Object d : destinations) {
      Map<String, Object> destination = map(d, "destination");
      if ("directory".equals(destination.get("type"))) {
        paths.add(String.valueOf(destination.get("path")));
      }
    }
    return paths;
  }

  /** Writes text to a new file in {@code dir}. */
  static Path write(Path dir, String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /**
   * An example's config as shipped, with its opt-in line {@code key} removed, and set to false: the
   * RFD has every example's opt-in removable, so the last two must send nothing.
   */
  static Map<String, String> optInShippedRemovedAndFalse(String shipped, String key) {
    Map<String, String> configs = new LinkedHashMap<>();
    configs.put("as shipped", shipped);
    configs.put("anonymous_analytics removed", shipped.replace(key, "\n"));
    configs.put("anonymous_analytics: false", shipped.replace(key, "\nanonymous_analytics: false\n"));
    return configs;
  }
}
