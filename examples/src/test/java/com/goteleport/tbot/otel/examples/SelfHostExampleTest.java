package com.goteleport.tbot.otel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/self-host: the compose file runs the repository's collector-config/self-hosted.yaml
 * (the mounted path resolves to it), and tbot-otel's config sends to that collector's service name
 * and OTLP/HTTP port, the port the compose file publishes.
 */
class SelfHostExampleTest {

  static final Path DIR = Examples.dir().resolve("self-host");
  static Map<String, Object> services;

  @BeforeAll
  static void parse() throws Exception {
    services = Examples.map(Examples.documents(DIR.resolve("compose.yaml")).get(0).get("services"), "services");
  }

  static Map<String, Object> service(String name) {
    return Examples.map(services.get(name), "service " + name);
  }

  /** The host path mounted at {@code target} (short syntax {@code source:target[:mode]}). */
  static Path mountedAt(Map<String, Object> service, String target) {
    for (Object v : Examples.list(service.get("volumes"), "volumes")) {
      String[] parts = String.valueOf(v).split(":");
      if (parts.length >= 2 && parts[1].equals(target)) {
        assertTrue(parts[0].startsWith("."), "a bind mount relative to the compose file: " + v);
        return DIR.resolve(parts[0]).normalize();
      }
    }
    throw new AssertionError("nothing mounted at " + target);
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : Examples.list(o, "list")) {
      out.add(String.valueOf(x));
    }
    return out;
  }

  /** A service's {@code environment}, in either of compose's forms (a map, or a list of NAME=VALUE). */
  static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> out = new TreeMap<>();
    Object env = service.get("environment");
    if (env instanceof Map) {
      Examples.map(env, "environment").forEach((k, v) -> out.put(k, v == null ? "" : String.valueOf(v)));
    } else if (env != null) {
      for (String kv : strings(env)) {
        String[] p = kv.split("=", 2);
        out.put(p[0], p.length > 1 ? p[1] : "");
      }
    }
    return out;
  }

  static String collectorConfigTarget() {
    String flag = strings(service("collector").get("command")).stream()
        .filter(a -> a.startsWith("--config=")).findFirst().orElseThrow();
    return flag.substring("--config=".length());
  }

  @Test
  void theEventsFileIsInAVolumeTheCollectorsUserOwns() throws Exception {
    // self-hosted.yaml writes its events file under /var/lib/otelcol; the contrib image runs as
    // 10001, and a new named volume is root's until the one-off step hands it over.
    String eventsFile = "/var/lib/otelcol/tbot-events.jsonl";
    assertTrue(Files.readString(Examples.root().resolve("collector-config/self-hosted.yaml")).contains(eventsFile));
    assertTrue(strings(service("collector").get("volumes")).contains("collector-data:/var/lib/otelcol"));
    Map<String, Object> owner = service("collector-data-owner");
    assertEquals(List.of("chown", "-R", "10001:10001", "/var/lib/otelcol"), strings(owner.get("command")));
    assertEquals(List.of("collector-data:/var/lib/otelcol"), strings(owner.get("volumes")));
    Map<String, Object> after = Examples.map(
        Examples.map(service("collector").get("depends_on"), "depends_on").get("collector-data-owner"), "condition");
    assertEquals("service_completed_successfully", after.get("condition"));
  }

  /**
   * Every listener self-hosted.yaml opens for people, not only the OTLP port tbot sends to: the
   * adoption counters and the health check are how docs/self-hosting.md's "Verify" steps (curl on
   * 127.0.0.1) see that events arrived. Unpublished, they are unreachable from the host.
   */
  @Test
  void everyListenerOfThePipelineIsPublishedOnLoopback() throws Exception {
    Map<String, Object> pipeline =
        Examples.documents(mountedAt(service("collector"), collectorConfigTarget())).get(0);
    Map<String, Integer> listeners = new TreeMap<>();
    listeners.put("receivers.otlp.protocols.http", Examples.otlpHttpPort(pipeline));
    for (String section : List.of("exporters", "extensions")) {
      Object components = pipeline.get(section);
      if (components == null) {
        continue;
      }
      Examples.map(components, section).forEach((name, config) -> {
        Object endpoint = config instanceof Map ? ((Map<?, ?>) config).get("endpoint") : null;
        String resolved = endpoint == null ? "" : Examples.envDefault(String.valueOf(endpoint));
        // A listener for everyone (0.0.0.0:PORT); any other endpoint is a client's target.
        Matcher m = Pattern.compile("^0\\.0\\.0\\.0:(\\d+)$").matcher(resolved);
        if (m.find()) {
          listeners.put(section + "." + name, Integer.parseInt(m.group(1)));
        }
      });
    }
    assertTrue(listeners.size() >= 3, "OTLP, the adoption counters and the health check: " + listeners);
    List<String> ports = strings(service("collector").get("ports"));
    listeners.forEach((what, port) -> assertTrue(ports.contains("127.0.0.1:" + port + ":" + port),
        what + " listens on " + port + ", which compose.yaml does not publish on 127.0.0.1: " + ports));
  }

  @Test
  void theCollectorRunsTheRepositorysSelfHostedPipeline() throws Exception {
    Path source = mountedAt(service("collector"), collectorConfigTarget());
    assertTrue(Files.isRegularFile(source), source + " exists");
    assertEquals(Examples.root().resolve("collector-config/self-hosted.yaml").toRealPath(), source.toRealPath());
  }

  @Test
  void tbotOtelSendsToThatCollectorsPublishedOtlpPort() throws Exception {
    int otlp = Examples.otlpHttpPort(Examples.documents(mountedAt(service("collector"), collectorConfigTarget())).get(0));
    List<String> ports = strings(service("collector").get("ports"));
    assertTrue(ports.stream().anyMatch(p -> p.endsWith(":" + otlp)), "the OTLP port is published: " + ports);

    Map<String, Object> tbotOtel = service("tbot-otel");
    assertTrue(strings(tbotOtel.get("depends_on")).contains("collector"));
    Path jar = mountedAt(tbotOtel, "/opt/tbot-otel/tbot-otel.jar");
    assertEquals(ChildJvm.jar().toRealPath(), jar.toRealPath(), "the jar the build makes");
    String command = String.join(" ", strings(tbotOtel.get("command")));
    Matcher m = Pattern.compile("tbot-otel\\.jar start (.*)$").matcher(command);
    assertTrue(m.find(), command);
    // preview gets start's own arguments and the service's environment, the config file mapped
    // back to the host; the exit timeout, which only start takes, is left out.
    List<String> args = new ArrayList<>(List.of(m.group(1).trim().split("\\s+")));
    int timeout = args.indexOf("--anonymous-analytics-exit-timeout");
    if (timeout >= 0) {
      args.subList(timeout, timeout + 2).clear();
    }
    int c = args.indexOf("-c");
    assertTrue(c >= 0, "start reads a config: " + command);
    args.set(c + 1, mountedAt(tbotOtel, args.get(c + 1)).toString());

    Examples.Preview preview = Examples.preview(environment(tbotOtel), args);
    // Without --tbot-version, start reports tbot-otel's own version (0.1.0), which no tbot has,
    // and the self-hoster's counters would be labelled with it.
    int version = args.indexOf("--tbot-version");
    assertTrue(version >= 0, "start says which tbot it stands for: " + command);
    assertEquals(Examples.event("continuous", args.get(version + 1), "iam", 3, 1, 0, 1), preview.attributes());
    assertTrue(preview.wouldSend(), preview.stderr());
    URI endpoint = preview.endpoint();
    assertEquals("collector", endpoint.getHost(), "the compose service name");
    assertEquals(otlp, endpoint.getPort());
    assertEquals("/v1/logs", endpoint.getPath());
  }
}
