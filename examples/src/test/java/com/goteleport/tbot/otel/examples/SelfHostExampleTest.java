package com.goteleport.tbot.otel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @TempDir Path tmp;

  static Map<String, Object> service(String name) {
    return Examples.map(services.get(name), "service " + name);
  }

  /** The host path bind-mounted at {@code target} (long syntax, {@code type: bind}). */
  static Path mountedAt(Map<String, Object> service, String target) {
    for (Object v : Examples.list(service.get("volumes"), "volumes")) {
      if (v instanceof Map && target.equals(((Map<?, ?>) v).get("target"))) {
        Map<String, Object> mount = Examples.map(v, "volume");
        assertEquals("bind", mount.get("type"), "" + v);
        String source = String.valueOf(mount.get("source"));
        assertTrue(source.startsWith("."), "a bind mount relative to the compose file: " + v);
        return DIR.resolve(source).normalize();
      }
    }
    throw new AssertionError("nothing bind-mounted (long syntax) at " + target);
  }

  /**
   * A bind mount in the short syntax makes Docker create a missing source, as an empty directory
   * owned by root: before `mvn package`, tbot-otel.jar would be such a directory (left in the
   * build's target/), and the service would start anyway. Every bind mount is in the long syntax
   * with create_host_path: false, so compose stops instead, naming the missing path.
   */
  @Test
  void noBindMountCreatesAMissingSource() {
    int binds = 0;
    for (Map.Entry<String, Object> s : services.entrySet()) {
      Object volumes = Examples.map(s.getValue(), s.getKey()).get("volumes");
      if (volumes == null) {
        continue;
      }
      for (Object v : Examples.list(volumes, s.getKey() + " volumes")) {
        if (v instanceof String spec) {
          String source = spec.split(":")[0];
          assertFalse(source.startsWith(".") || source.startsWith("/") || source.startsWith("~") || source.startsWith("$"),
              s.getKey() + ": a bind mount in the short syntax creates a missing source: " + v);
          continue;
        }
        Map<String, Object> mount = Examples.map(v, s.getKey() + " volume");
        if ("bind".equals(mount.get("type"))) {
          binds++;
          assertEquals(false, Examples.at(mount, "bind.create_host_path"), s.getKey() + ": " + mount);
        }
      }
    }
    assertEquals(3, binds, "the collector's config, tbot-otel's jar and its tbot.yaml");
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
   * The README's way to read the events file, which stays in a volume: the collector's image is
   * FROM scratch (no tail), so a service with busybox that mounts the volume reads it, at the path
   * self-hosted.yaml writes. A command that named another service, volume or path would print
   * nothing, and the user would take it that no event arrived.
   */
  @Test
  void theReadmeReadsTheEventsFileWhereTheCollectorWritesIt() throws Exception {
    String readme = Files.readString(DIR.resolve("README.md"));
    Matcher m = Pattern.compile("docker compose -f examples/self-host/compose\\.yaml run --rm (\\S+) \\\\\\s+tail -n 1 (\\S+)")
        .matcher(readme);
    assertTrue(m.find(), "the README shows how to read the events file");
    String events = Examples.envDefault(String.valueOf(Examples.at(
        Examples.documents(mountedAt(service("collector"), collectorConfigTarget())).get(0), "exporters.file/events.path")));
    assertEquals(events, m.group(2), "the file self-hosted.yaml writes");
    String dir = events.substring(0, events.lastIndexOf('/'));
    String volume = strings(service("collector").get("volumes")).stream()
        .filter(v -> v.endsWith(":" + dir)).findFirst()
        .orElseThrow(() -> new AssertionError("the collector mounts nothing at " + dir));
    Map<String, Object> reader = service(m.group(1));
    assertTrue(strings(reader.get("volumes")).contains(volume), m.group(1) + " mounts " + volume);
    assertTrue(String.valueOf(reader.get("image")).startsWith("busybox:"), "an image with tail: " + reader.get("image"));
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

  /**
   * tbot-otel start sends once and never retries, so it must start only once the collector
   * listens: a sleep is a race on a slow host. The gate is the health_check extension
   * self-hosted.yaml runs (200 only once every pipeline, the OTLP receiver's included, has
   * started), asked by a compose healthcheck that tbot-otel waits for with service_healthy. The
   * contrib image is FROM scratch (no shell, no curl or wget): the healthcheck runs in a sidecar
   * whose image has wget, against the collector's service name, health port and path.
   */
  @Test
  void tbotOtelStartsOnlyOnceTheCollectorAnswersItsHealthCheck() throws Exception {
    Map<String, Object> tbotOtel = service("tbot-otel");
    List<String> command = strings(tbotOtel.get("command"));
    assertFalse(command.stream().anyMatch(a -> a.matches("(?s).*\\bsleep\\b.*")),
        "a sleep is no readiness gate: " + command);
    assertEquals("java", command.get(0), "tbot-otel runs as the command, not after a shell's wait: " + command);

    Map<String, Object> dependsOn = Examples.map(tbotOtel.get("depends_on"), "tbot-otel depends_on (long form)");
    String gate = null;
    for (Map.Entry<String, Object> d : dependsOn.entrySet()) {
      if ("service_healthy".equals(Examples.map(d.getValue(), d.getKey()).get("condition"))) {
        gate = d.getKey();
      }
    }
    assertTrue(gate != null, "tbot-otel waits for no healthy service: " + dependsOn);
    Map<String, Object> gateService = service(gate);
    String collectorImage = String.valueOf(service("collector").get("image"));
    assertTrue(collectorImage.startsWith("otel/opentelemetry-collector-contrib:"), collectorImage);
    assertNotEquals(collectorImage, gateService.get("image"),
        "the contrib image is FROM scratch: no shell, curl or wget to run a healthcheck with");
    if (!gate.equals("collector")) {
      Map<String, Object> afterCollector = Examples.map(
          Examples.map(gateService.get("depends_on"), gate + " depends_on").get("collector"), gate + " on collector");
      assertEquals("service_started", afterCollector.get("condition"));
    }

    Map<String, Object> health = Examples.map(Examples.at(
        Examples.documents(mountedAt(service("collector"), collectorConfigTarget())).get(0), "extensions.health_check"),
        "health_check");
    Matcher port = Pattern.compile(":(\\d+)$").matcher(Examples.envDefault(String.valueOf(health.get("endpoint"))));
    assertTrue(port.find(), "health_check endpoint " + health.get("endpoint"));
    String url = "http://collector:" + port.group(1) + health.get("path");
    List<String> test = strings(Examples.at(gateService, "healthcheck.test"));
    // Exec form, the image's own wget (non-zero on the 503 the extension answers before it is ready).
    assertEquals(List.of("CMD", "wget", "-q", "-O", "/dev/null", url), test, "the probe of the collector's health check");
    assertTrue(String.valueOf(gateService.get("image")).startsWith("busybox:"), "an image with wget: " + gateService.get("image"));
    Map<String, Object> healthcheck = Examples.map(gateService.get("healthcheck"), "healthcheck");
    assertTrue(healthcheck.get("retries") instanceof Integer && (Integer) healthcheck.get("retries") > 0,
        "a bounded wait, then compose stops with 'dependency failed to start': " + healthcheck);
  }

  /**
   * The collector is the long-running part, and parses what anyone who reaches 4318 sends: it runs
   * as in examples/kubernetes (the image's user, a read-only image, no capability, no privilege
   * gained through setuid files; it writes only its events volume), and comes back after a crash,
   * a Docker restart or a reboot. tbot-otel's start is one start: restarted, it would send another.
   */
  @Test
  void theCollectorIsConfinedAndKeepsRunningWhileTbotOtelRunsOnce() {
    Map<String, Object> collector = service("collector");
    assertEquals(true, collector.get("read_only"), "a read-only image, as the pod's readOnlyRootFilesystem");
    assertEquals(List.of("ALL"), strings(collector.get("cap_drop")), "no capability, as the pod's drop: [ALL]");
    assertTrue(strings(collector.get("security_opt")).contains("no-new-privileges:true"),
        "no privilege gained, as the pod's allowPrivilegeEscalation: false: " + collector.get("security_opt"));
    assertEquals(null, collector.get("user"), "the image's own user, 10001, which owns the events volume");
    assertEquals("unless-stopped", collector.get("restart"), "back after a crash, a Docker restart or a reboot");
    Object once = service("tbot-otel").get("restart");
    assertTrue(once == null || "no".equals(once), "one start, sent once: " + once);
  }

  /**
   * tbot-otel's container is confined as the collector's: a user that is not root, a read-only
   * image (and so no perf data file for the JVM to write in /tmp), no capability, no privilege
   * gained. That user reads the bind-mounted jar and config, which a strict umask leaves unreadable:
   * the README gives the chmod for exactly the files mounted.
   */
  @Test
  void tbotOtelIsConfinedAndTheReadmeSaysWhatItMustRead() throws Exception {
    Map<String, Object> tbotOtel = service("tbot-otel");
    String user = String.valueOf(tbotOtel.get("user"));
    assertTrue(user.matches("[1-9][0-9]*:[1-9][0-9]*"), "a numeric user and group, not root: " + user);
    assertEquals(true, tbotOtel.get("read_only"), "a read-only image");
    assertEquals(List.of("ALL"), strings(tbotOtel.get("cap_drop")), "no capability");
    assertTrue(strings(tbotOtel.get("security_opt")).contains("no-new-privileges:true"), "no privilege gained");
    List<String> command = strings(tbotOtel.get("command"));
    assertTrue(command.subList(0, command.indexOf("-jar")).contains("-XX:-UsePerfData"),
        "no /tmp/hsperfdata file, which the read-only image could not take: " + command);
    List<String> args = startArguments(tbotOtel);
    List<String> mounted = new ArrayList<>();
    for (String target : List.of("/opt/tbot-otel/tbot-otel.jar", args.get(args.indexOf("-c") + 1))) {
      mounted.add(Examples.root().toRealPath().relativize(mountedAt(tbotOtel, target).toRealPath()).toString());
    }
    String readme = Files.readString(DIR.resolve("README.md")).replaceAll("\\s+", " ");
    assertTrue(readme.contains("`chmod o+r " + String.join(" ", mounted) + "`"), "the README's chmod names " + mounted);
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
    Path jar = mountedAt(tbotOtel, "/opt/tbot-otel/tbot-otel.jar");
    assertEquals(ChildJvm.jar().toRealPath(), jar.toRealPath(), "the jar the build makes");
    // preview gets start's own arguments, as start's notice says, and the service's environment,
    // the config file mapped back to the host.
    List<String> args = startArguments(tbotOtel);
    int c = args.indexOf("-c");
    assertTrue(c >= 0, "start reads a config: " + args);
    args.set(c + 1, mountedAt(tbotOtel, args.get(c + 1)).toString());

    Examples.Preview preview = Examples.preview(environment(tbotOtel), args);
    // Without --tbot-version, start reports the version as unknown, and the self-hoster's
    // counters could not tell tbot's releases apart.
    int version = args.indexOf("--tbot-version");
    assertTrue(version >= 0, "start says which tbot it stands for: " + args);
    assertEquals(Examples.event("continuous", args.get(version + 1), "iam", 3, 1, 0, 1), preview.attributes());
    // What the README says the event is.
    String readme = Files.readString(DIR.resolve("README.md")).replaceAll("\\s+", " ");
    assertTrue(readme.contains("`run_mode=continuous`, `join_type=iam`, `destinations_configured=3` (1 database, "
        + "0 Kubernetes, 1 application) and, from the compose file, `version=" + args.get(version + 1) + "`"), readme);
    assertTrue(preview.wouldSend(), preview.stderr());
    URI endpoint = preview.endpoint();
    assertEquals("collector", endpoint.getHost(), "the compose service name");
    assertEquals(otlp, endpoint.getPort());
    assertEquals("/v1/logs", endpoint.getPath());
  }

  /**
   * The RFD's ask of the examples: they opt in, and make clear that the opt-in can be removed.
   * tbot.yaml's {@code anonymous_analytics: true} is the only consent start gets here (the
   * service's environment gives none): removed, or false, start's command line in that environment
   * sends nothing, though the endpoint key stays; and the line above the key and the README say so.
   */
  @Test
  void theConfigsAnonymousAnalyticsKeyIsTheOnlyConsentAndSaysItCanBeRemoved() throws Exception {
    String shipped = Files.readString(DIR.resolve("tbot.yaml"));
    String key = "\nanonymous_analytics: true\n";
    assertTrue(shipped.contains(key), "the example opts in: " + shipped);
    String before = shipped.substring(0, shipped.indexOf(key));
    String comment = before.substring(before.lastIndexOf("\n") + 1).toLowerCase(Locale.ROOT);
    assertTrue(comment.startsWith("#") && comment.contains("remove") && comment.contains("opt out"),
        "the line above the key says it can be removed: " + comment);
    String readme = Files.readString(DIR.resolve("README.md")).replaceAll("\\s+", " ");
    assertTrue(readme.contains("To opt out, remove `anonymous_analytics: true` from [`tbot.yaml`](tbot.yaml) "
        + "(or set it to `false`): `start` then sends nothing."), readme);

    Map<String, Object> tbotOtel = service("tbot-otel");
    List<String> args = startArguments(tbotOtel);
    int c = args.indexOf("-c");
    assertTrue(c >= 0, "start reads a config: " + args);
    Map<String, String> configs = Examples.optInShippedRemovedAndFalse(shipped, key);
    int n = 0;
    for (Map.Entry<String, String> config : configs.entrySet()) {
      Path dir = Files.createDirectories(tmp.resolve("consent-" + n++));
      args.set(c + 1, Examples.write(dir, "tbot.yaml", config.getValue()).toString());
      Examples.Preview preview = Examples.preview(environment(tbotOtel), args);
      assertEquals(config.getKey().equals("as shipped"), preview.wouldSend(), config.getKey() + ": " + preview.stderr());
    }
  }

  /** The arguments the tbot-otel service's command gives {@code start}. */
  private static List<String> startArguments(Map<String, Object> tbotOtel) {
    String command = String.join(" ", strings(tbotOtel.get("command")));
    Matcher m = Pattern.compile("tbot-otel\\.jar start (.*)$").matcher(command);
    assertTrue(m.find(), command);
    return new ArrayList<>(List.of(m.group(1).trim().split("\\s+")));
  }
}
