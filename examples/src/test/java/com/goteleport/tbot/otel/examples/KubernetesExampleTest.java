package com.goteleport.tbot.otel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/kubernetes: every manifest parses; the tbot ConfigMap's tbot.yaml yields the expected
 * event with consent and an endpoint that is the collector Service's; the collector runs the
 * repository's self-hosted pipeline on the port that Service targets; and today's tbot gets a
 * config it accepts.
 */
class KubernetesExampleTest {

  static final Path DIR = Examples.dir().resolve("kubernetes");
  // Top-level keys of today's Go tbot v2 config (lib/tbot/config BotConfig), which it decodes
  // with KnownFields: any other key stops tbot.
  static final Set<String> GO_TBOT_V2_KEYS = Set.of("version", "onboarding", "storage", "outputs",
      "services", "debug", "auth_server", "proxy_server", "certificate_ttl", "renewal_interval",
      "oneshot", "fips", "diag_addr", "insecure", "credential_ttl");

  static Map<String, Object> kustomization;
  static List<Map<String, Object>> objects = new ArrayList<>();

  @TempDir Path tmp;

  @BeforeAll
  static void parseEveryManifest() throws Exception {
    kustomization = Examples.documents(DIR.resolve("kustomization.yaml")).get(0);
    Set<String> listed = new TreeSet<>();
    for (Object r : Examples.list(kustomization.get("resources"), "resources")) {
      listed.add(String.valueOf(r));
    }
    Set<String> present = new TreeSet<>();
    try (var files = Files.list(DIR)) {
      files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
          .forEach(present::add);
    }
    assertEquals(present, listed, "kustomization.yaml lists every manifest");
    for (String file : listed) {
      for (Map<String, Object> doc : Examples.documents(DIR.resolve(file))) {
        assertTrue(doc.get("apiVersion") instanceof String, file + ": apiVersion");
        assertTrue(doc.get("kind") instanceof String, file + ": kind");
        assertTrue(Examples.at(doc, "metadata.name") instanceof String, file + ": metadata.name");
        Object ns = Examples.map(doc.get("metadata"), "metadata").get("namespace");
        assertTrue(ns == null || ns.equals(kustomization.get("namespace")), file + ": one namespace");
        objects.add(doc);
      }
    }
  }

  static Map<String, Object> object(String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.get("kind")) && name.equals(Examples.at(o, "metadata.name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  static Map<String, Object> container(Map<String, Object> deployment, String list, String name) {
    for (Object c : Examples.list(Examples.at(deployment, "spec.template.spec." + list), list)) {
      Map<String, Object> m = Examples.map(c, "container");
      if (name.equals(m.get("name"))) {
        return m;
      }
    }
    throw new AssertionError("no " + list + " " + name);
  }

  static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : Examples.list(o, "list")) {
      out.add(String.valueOf(x));
    }
    return out;
  }

  static String tbotYaml() {
    Object text = Examples.map(Examples.at(object("ConfigMap", "tbot-config"), "data"), "data").get("tbot.yaml");
    assertTrue(text instanceof String, "the ConfigMap holds tbot.yaml");
    return (String) text;
  }

  static Map<String, Object> selfHosted() throws Exception {
    List<Object> generators = Examples.list(kustomization.get("configMapGenerator"), "configMapGenerator");
    Map<String, Object> gen = Examples.map(generators.get(0), "generator");
    assertEquals("tbot-otel-collector", gen.get("name"));
    String file = strings(gen.get("files")).get(0);
    assertTrue(file.startsWith("config.yaml="), file);
    Path source = DIR.resolve(file.substring("config.yaml=".length()));
    assertTrue(Files.isRegularFile(source), "the collector config " + source + " exists");
    assertEquals(Examples.root().resolve("collector-config/self-hosted.yaml").toRealPath(), source.toRealPath(),
        "the collector runs the repository's self-hosted pipeline");
    return Examples.documents(source).get(0);
  }

  @Test
  void theConfigMapsTbotYamlYieldsTheExpectedEventForTheCollectorService() throws Exception {
    Map<String, Object> tbotDeployment = object("Deployment", "tbot");
    List<String> args = strings(container(tbotDeployment, "containers", "tbot").get("args"));
    assertEquals("exec", args.get(0));
    int dash = args.indexOf("--");
    List<String> execFlags = new ArrayList<>(args.subList(1, dash));
    assertEquals("/config/tbot.yaml", execFlags.get(execFlags.indexOf("-c") + 1), "exec reads the ConfigMap's tbot.yaml");
    Path config = Examples.write(tmp, "tbot.yaml", tbotYaml());
    execFlags.set(execFlags.indexOf("-c") + 1, config.toString());
    // preview takes every exec flag used here, in the container's environment.
    Examples.Preview preview = Examples.preview(containerEnv(container(tbotDeployment, "containers", "tbot")), execFlags);
    assertEquals(Examples.event("continuous", "18.1.0", "kubernetes", 2, 0, 1, 0), preview.attributes());
    assertTrue(preview.wouldSend(), "anonymous_analytics: true is consent: " + preview.stderr());

    URI endpoint = preview.endpoint();
    Map<String, Object> service = object("Service", "tbot-otel-collector");
    String namespace = String.valueOf(Examples.at(service, "metadata.namespace"));
    assertEquals("tbot-otel-collector." + namespace + ".svc.cluster.local", endpoint.getHost());
    Map<String, Object> port = Examples.map(Examples.list(Examples.at(service, "spec.ports"), "ports").get(0), "port");
    assertEquals(port.get("port"), endpoint.getPort(), "the Service port");
    assertEquals("http", endpoint.getScheme());
    assertEquals("/v1/logs", endpoint.getPath());

    // The Service reaches the collector's OTLP/HTTP port, the one self-hosted.yaml listens on.
    Map<String, Object> collector = object("Deployment", "tbot-otel-collector");
    assertEquals(Examples.at(service, "spec.selector"), Examples.at(collector, "spec.template.metadata.labels"));
    Map<String, Object> collectorContainer = container(collector, "containers", "collector");
    Map<String, Object> containerPort = Examples.list(collectorContainer.get("ports"), "ports").stream()
        .map(p -> Examples.map(p, "port")).filter(p -> port.get("targetPort").equals(p.get("name")))
        .findFirst().orElseThrow(() -> new AssertionError("no container port named " + port.get("targetPort")));
    assertEquals(Examples.otlpHttpPort(selfHosted()), containerPort.get("containerPort"));
  }

  /**
   * The namespace enforces the restricted Pod Security Standard, and every pod meets it: neither
   * tbot nor tbot-otel nor the collector needs root, a capability or a writable image.
   */
  @Test
  void everyPodMeetsTheRestrictedPodSecurityStandard() {
    Map<String, Object> ns = object("Namespace", String.valueOf(kustomization.get("namespace")));
    assertEquals("restricted", Examples.map(Examples.at(ns, "metadata.labels"), "labels")
        .get("pod-security.kubernetes.io/enforce"), "the namespace enforces the restricted standard");
    int pods = 0;
    for (Map<String, Object> o : objects) {
      if (!"Deployment".equals(o.get("kind"))) {
        continue;
      }
      pods++;
      String name = String.valueOf(Examples.at(o, "metadata.name"));
      Map<String, Object> pod = Examples.map(Examples.at(o, "spec.template.spec"), "pod spec");
      Map<String, Object> podContext = Examples.map(pod.get("securityContext"), name + " pod securityContext");
      assertEquals(true, podContext.get("runAsNonRoot"), name);
      assertTrue(podContext.get("runAsUser") instanceof Integer && (Integer) podContext.get("runAsUser") > 0, name);
      assertEquals("RuntimeDefault", Examples.at(podContext, "seccompProfile.type"), name);
      for (String key : List.of("hostNetwork", "hostPID", "hostIPC")) {
        assertTrue(pod.get(key) == null || Boolean.FALSE.equals(pod.get(key)), name + ": " + key);
      }
      for (Object v : Examples.list(pod.get("volumes"), "volumes")) {
        assertFalse(Examples.map(v, "volume").containsKey("hostPath"), name + ": a hostPath volume");
      }
      List<Object> containers = new ArrayList<>(Examples.list(pod.get("containers"), "containers"));
      if (pod.get("initContainers") != null) {
        containers.addAll(Examples.list(pod.get("initContainers"), "initContainers"));
      }
      for (Object c : containers) {
        Map<String, Object> container = Examples.map(c, "container");
        String where = name + "/" + container.get("name");
        Map<String, Object> context = Examples.map(container.get("securityContext"), where + " securityContext");
        assertEquals(false, context.get("allowPrivilegeEscalation"), where);
        assertEquals(true, context.get("readOnlyRootFilesystem"), where);
        assertEquals(List.of("ALL"), strings(Examples.at(context, "capabilities.drop")), where);
        assertFalse(context.containsKey("capabilities") && Examples.map(context.get("capabilities"), "caps")
            .containsKey("add"), where + " adds capabilities");
        assertTrue(context.get("privileged") == null || Boolean.FALSE.equals(context.get("privileged")), where);
        assertTrue(context.get("runAsUser") == null || !Integer.valueOf(0).equals(context.get("runAsUser")), where);
      }
    }
    assertEquals(2, pods, "tbot and the collector");
  }

  /** The collector's probes ask the health_check extension self-hosted.yaml runs, where it listens. */
  @Test
  void theCollectorsProbesAskItsHealthCheck() throws Exception {
    Map<String, Object> health = Examples.map(Examples.at(selfHosted(), "extensions.health_check"), "health_check");
    Matcher port = Pattern.compile(":(\\d+)$").matcher(Examples.envDefault(String.valueOf(health.get("endpoint"))));
    assertTrue(port.find(), "health_check endpoint " + health.get("endpoint"));
    Map<String, Object> c = container(object("Deployment", "tbot-otel-collector"), "containers", "collector");
    int containerPort = -1;
    for (Object p : Examples.list(c.get("ports"), "ports")) {
      Map<String, Object> m = Examples.map(p, "port");
      if ("health".equals(m.get("name"))) {
        containerPort = (Integer) m.get("containerPort");
      }
    }
    assertEquals(Integer.parseInt(port.group(1)), containerPort, "the container's health port");
    for (String probe : List.of("readinessProbe", "livenessProbe")) {
      Map<String, Object> get = Examples.map(Examples.at(c, probe + ".httpGet"), probe);
      assertEquals(health.get("path"), get.get("path"), probe);
      assertEquals("health", get.get("port"), probe);
    }
  }

  @Test
  void theCollectorMountsTheGeneratedConfigWhereItReadsIt() throws Exception {
    selfHosted();
    Map<String, Object> collector = object("Deployment", "tbot-otel-collector");
    Map<String, Object> c = container(collector, "containers", "collector");
    String flag = strings(c.get("args")).stream().filter(a -> a.startsWith("--config=")).findFirst().orElseThrow();
    String configPath = flag.substring("--config=".length());
    String mountDir = configPath.substring(0, configPath.lastIndexOf('/'));
    String volume = mountOf(c, mountDir);
    Map<String, Object> vol = volume(collector, volume);
    assertEquals("tbot-otel-collector", Examples.at(vol, "configMap.name"), "the generated ConfigMap");
    assertEquals("config.yaml", configPath.substring(configPath.lastIndexOf('/') + 1), "its key");
  }

  @Test
  void todaysTbotGetsAConfigItAccepts() throws Exception {
    Map<String, Object> deployment = object("Deployment", "tbot");
    Map<String, Object> init = container(deployment, "initContainers", "config-for-todays-tbot");
    List<String> command = strings(init.get("command"));
    assertEquals(List.of("sh", "-c"), command.subList(0, 2));
    // Run the init step as written, with its two mounts moved under a temporary directory.
    Path config = Files.createDirectories(tmp.resolve("config"));
    Path run = Files.createDirectories(tmp.resolve("run/tbot"));
    Examples.write(config, "tbot.yaml", tbotYaml());
    String script = command.get(2).replace("/config/", config + "/").replace("/run/tbot/", run + "/");
    Process p = new ProcessBuilder("sh", "-c", script).inheritIO().start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());

    Map<String, Object> original = Examples.parse(tbotYaml());
    Map<String, Object> derived = Examples.parse(Files.readString(run.resolve("tbot.yaml")));
    Set<String> expectedKeys = new HashSet<>(original.keySet());
    expectedKeys.removeAll(Set.of("anonymous_analytics", "anonymous_analytics_endpoint"));
    assertEquals(expectedKeys, derived.keySet(), "only the two analytics keys are removed");
    expectedKeys.forEach(k -> assertEquals(original.get(k), derived.get(k), k));
    Set<String> unknown = new TreeSet<>(derived.keySet());
    unknown.removeAll(GO_TBOT_V2_KEYS);
    assertEquals(Set.of(), unknown, "keys today's tbot would reject");

    // exec hands tbot the derived file, from the volume the init step wrote.
    List<String> args = strings(container(deployment, "containers", "tbot").get("args"));
    List<String> child = args.subList(args.indexOf("--") + 1, args.size());
    assertEquals(List.of("tbot", "start", "-c", "/run/tbot/tbot.yaml"), child);
    Map<String, Object> tbot = container(deployment, "containers", "tbot");
    assertEquals(mountOf(init, "/run/tbot"), mountOf(tbot, "/run/tbot"), "one volume");
    assertEquals(mountOf(init, "/config"), mountOf(tbot, "/config"));
    assertEquals("tbot-config", Examples.at(volume(deployment, mountOf(tbot, "/config")), "configMap.name"));
  }

  /**
   * What tbot itself needs in the pod, or it fails at once and exec, rightly, counts nothing:
   * POD_NAMESPACE for its kubernetes_secret destinations, a Role on Secrets bound to the pod's
   * ServiceAccount, and for the kubernetes join the projected token where KUBERNETES_TOKEN_PATH
   * says (lib/tbot: destination_kubernetes_secret.go, the kubernetes join method).
   */
  @Test
  void tbotGetsWhatItsConfigNeedsInThePod() throws Exception {
    Map<String, Object> deployment = object("Deployment", "tbot");
    Map<String, Object> tbot = container(deployment, "containers", "tbot");
    Map<String, Object> config = Examples.parse(tbotYaml());
    Map<String, Map<String, Object>> env = new HashMap<>();
    for (Object e : Examples.list(tbot.get("env"), "env")) {
      Map<String, Object> var = Examples.map(e, "env var");
      env.put(String.valueOf(var.get("name")), var);
    }

    boolean secrets = Examples.list(config.get("outputs"), "outputs").stream()
        .anyMatch(o -> "kubernetes_secret".equals(Examples.map(Examples.map(o, "output").get("destination"), "destination").get("type")));
    if (secrets) {
      assertTrue(env.containsKey("POD_NAMESPACE"), "kubernetes_secret destinations need POD_NAMESPACE");
      assertEquals("metadata.namespace", Examples.at(env.get("POD_NAMESPACE"), "valueFrom.fieldRef.fieldPath"));
      String account = String.valueOf(Examples.at(deployment, "spec.template.spec.serviceAccountName"));
      Map<String, Object> binding = objects.stream()
          .filter(o -> "RoleBinding".equals(o.get("kind")))
          .filter(o -> Examples.list(o.get("subjects"), "subjects").stream()
              .anyMatch(sub -> account.equals(Examples.map(sub, "subject").get("name"))))
          .findFirst().orElseThrow(() -> new AssertionError("no RoleBinding for ServiceAccount " + account));
      object("ServiceAccount", account);
      Map<String, Object> role = object("Role", String.valueOf(Examples.at(binding, "roleRef.name")));
      Set<String> verbs = new HashSet<>();
      for (Object r : Examples.list(role.get("rules"), "rules")) {
        Map<String, Object> rule = Examples.map(r, "rule");
        if (strings(rule.get("resources")).contains("secrets")) {
          verbs.addAll(strings(rule.get("verbs")));
        }
      }
      assertTrue(verbs.containsAll(Set.of("get", "create", "update", "patch")), "tbot reads and applies its Secrets: " + verbs);
    }

    if ("kubernetes".equals(Examples.at(config, "onboarding.join_method"))) {
      String tokenPath = String.valueOf(Examples.at(env.get("KUBERNETES_TOKEN_PATH"), "value"));
      String dir = tokenPath.substring(0, tokenPath.lastIndexOf('/'));
      Map<String, Object> volume = volume(deployment, mountOf(tbot, dir));
      Map<String, Object> token = Examples.map(Examples.at(
          Examples.map(Examples.list(Examples.at(volume, "projected.sources"), "sources").get(0), "source"),
          "serviceAccountToken"), "serviceAccountToken");
      assertEquals(tokenPath.substring(dir.length() + 1), token.get("path"), "the token file KUBERNETES_TOKEN_PATH names");
      assertTrue(token.get("audience") instanceof String, "the join token has the Teleport cluster as its audience");
    }
  }

  /**
   * The Dockerfile, which no test can build here (no Docker daemon), read instead: it copies the
   * jar the build makes to the path its ENTRYPOINT runs, puts tbot where the Deployment's "tbot"
   * finds it, and takes tbot from the release the Deployment reports with --tbot-version (exec
   * cannot tell which tbot it runs, so a mismatch would be sent silently); the image the README
   * builds is the one the Deployment runs.
   */
  @Test
  void theImageRunsTheBuiltJarAndTheTbotTheDeploymentReports() throws Exception {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(DIR.resolve("Dockerfile"))) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line.trim());
      }
    }
    Map<String, String> args = new HashMap<>();
    Map<String, String> stages = new HashMap<>(); // stage name -> image
    Map<String, String> copied = new HashMap<>(); // destination -> source or stage:source
    List<String> entrypoint = null;
    for (String line : lines) {
      String[] w = line.split("\\s+");
      switch (w[0]) {
        case "ARG" -> {
          String[] kv = w[1].split("=", 2);
          args.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        case "FROM" -> {
          String image = w[1];
          for (Map.Entry<String, String> a : args.entrySet()) {
            image = image.replace("${" + a.getKey() + "}", a.getValue());
          }
          stages.put(w.length > 3 && w[2].equalsIgnoreCase("AS") ? w[3] : "final", image);
        }
        case "COPY" -> {
          boolean from = w[1].startsWith("--from=");
          String src = from ? w[1].substring("--from=".length()) + ":" + w[2] : w[1];
          assertEquals(from ? 4 : 3, w.length, "one source per COPY: " + line);
          copied.put(w[w.length - 1], src);
        }
        case "ENTRYPOINT" -> entrypoint = strings(Examples.parse("e: " + line.substring("ENTRYPOINT".length())).get("e"));
        default -> { }
      }
    }
    // The jar: what `mvn package` makes, copied to the path ENTRYPOINT runs.
    assertTrue(entrypoint != null && entrypoint.size() >= 3 && entrypoint.get(0).equals("java")
        && entrypoint.get(entrypoint.size() - 2).equals("-jar"), "ENTRYPOINT java [JVM options] -jar JAR: " + entrypoint);
    String jar = entrypoint.get(entrypoint.size() - 1);
    String jarSource = copied.get(jar);
    assertTrue(jarSource != null, "nothing is copied to " + jar + ": " + copied);
    Path built = Examples.root().resolve(jarSource);
    assertTrue(Files.isRegularFile(built), jarSource + " is not what the build makes");
    assertEquals(ChildJvm.jar().toRealPath(), built.toRealPath(), "the CLI jar");

    // tbot: from the tbot-distroless image of the version the Deployment reports, on the PATH.
    String tbotSource = copied.get("/usr/local/bin/tbot");
    assertTrue(tbotSource != null, "tbot is copied to /usr/local/bin (on the PATH): " + copied);
    String stage = tbotSource.substring(0, tbotSource.indexOf(':'));
    assertEquals("/usr/local/bin/tbot", tbotSource.substring(stage.length() + 1), "where tbot-distroless keeps it");
    String image = stages.get(stage);
    assertTrue(image != null && image.startsWith("public.ecr.aws/gravitational/tbot-distroless:"), "tbot's image: " + image);
    String tbotImageVersion = image.substring(image.lastIndexOf(':') + 1);
    Map<String, Object> tbot = container(object("Deployment", "tbot"), "containers", "tbot");
    List<String> execArgs = strings(tbot.get("args"));
    List<String> child = execArgs.subList(execArgs.indexOf("--") + 1, execArgs.size());
    assertEquals("tbot", child.get(0), "the child is the tbot on the PATH");
    // The args go to the ENTRYPOINT (java -jar tbot-otel.jar) only if the container keeps it.
    assertEquals(null, tbot.get("command"), "a command: would replace the image's ENTRYPOINT, and exec with it");
    assertEquals(tbotImageVersion, execArgs.get(execArgs.indexOf("--tbot-version") + 1),
        "--tbot-version is the tbot the image holds");

    // The image: the one the README builds is the one the Deployment runs.
    String readme = Files.readString(DIR.resolve("README.md"));
    Matcher readmeBuild = Pattern.compile("docker build -f examples/kubernetes/Dockerfile -t (\\S+) \\.").matcher(readme);
    assertTrue(readmeBuild.find(), "the README builds the image");
    assertEquals(readmeBuild.group(1), tbot.get("image"), "the Deployment runs the image the README builds");
  }

  /** The Dockerfile's ENTRYPOINT, exec form. */
  static List<String> entrypoint() throws Exception {
    for (String line : Files.readAllLines(DIR.resolve("Dockerfile"))) {
      if (line.startsWith("ENTRYPOINT ")) {
        return strings(Examples.parse("e: " + line.substring("ENTRYPOINT".length())).get("e"));
      }
    }
    throw new AssertionError("the Dockerfile has no ENTRYPOINT");
  }

  /** A Kubernetes memory quantity ({@code 256Mi}, {@code 2Gi}) or a JVM size ({@code 32m}) in MiB. */
  static long mebibytes(String quantity) {
    Matcher m = Pattern.compile("^(\\d+)(Mi|Gi|m|g)$").matcher(quantity);
    assertTrue(m.find(), "a size in Mi/Gi (Kubernetes) or m/g (JVM): " + quantity);
    long n = Long.parseLong(m.group(1));
    return m.group(2).equalsIgnoreCase("g") || m.group(2).equals("Gi") ? n * 1024 : n;
  }

  // The most a JVM that sends the event used in docs/benchmarks.md's whole-process table: max RSS
  // of a host whose only TLS user is telemetry ("healthy TLS", 74.5 MiB; 51.3 over HTTP). exec in
  // the pod is such a host: its cap must leave room for it.
  static final double BENCHMARKED_MAX_RSS_MIB = 74.5;
  // What a JVM uses beyond heap, metaspace and code cache (its own code, threads, GC and symbol
  // tables): ~20 MiB measured with NMT for exec here; 32 allows for more threads and the TLS stack.
  static final long JVM_OVERHEAD_MIB = 32;

  /**
   * tbot and the JVM that runs it (exec lives as long as tbot) share the container's memory limit.
   * Left to container ergonomics the JVM takes a heap of a quarter of the limit and an unbounded
   * metaspace and code cache; the image caps each, the caps (plus the JVM's own overhead) stay
   * within half the limit and above what docs/benchmarks.md measured, and exec still sends under
   * exactly those options.
   */
  @Test
  void theJvmsShareOfTheContainersMemoryIsCappedAndEnough() throws Exception {
    List<String> entrypoint = entrypoint();
    List<String> jvmOptions = entrypoint.subList(1, entrypoint.indexOf("-jar"));
    Map<String, Long> caps = new TreeMap<>();
    for (String option : jvmOptions) {
      Matcher m = Pattern.compile("^(-Xmx|-XX:MaxMetaspaceSize=|-XX:ReservedCodeCacheSize=)(\\S+)$").matcher(option);
      if (m.find()) {
        caps.put(m.group(1), mebibytes(m.group(2)));
      }
    }
    assertEquals(Set.of("-Xmx", "-XX:MaxMetaspaceSize=", "-XX:ReservedCodeCacheSize="), caps.keySet(),
        "heap, class metadata and code cache capped in the ENTRYPOINT: " + jvmOptions);
    long jvm = caps.values().stream().mapToLong(Long::longValue).sum() + JVM_OVERHEAD_MIB;
    Map<String, Object> tbot = container(object("Deployment", "tbot"), "containers", "tbot");
    long limit = mebibytes(String.valueOf(Examples.at(tbot, "resources.limits.memory")));
    assertTrue(jvm <= limit / 2, "the JVM may take " + jvm + " MiB of the container's " + limit + ": tbot keeps less than half");
    assertTrue(jvm >= BENCHMARKED_MAX_RSS_MIB, "capped at " + jvm + " MiB, below the measured " + BENCHMARKED_MAX_RSS_MIB);

    // The event still goes out from a JVM with exactly those options (a too small heap or a
    // mistyped option would fail here).
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ChildJvm.Result r = ChildJvm.runJar(jvmOptions, List.of("exec", "--anonymous-analytics",
          "--anonymous-analytics-endpoint", receiver.url(), "--tbot-version", "18.1.0", "--", "sleep", "1"),
          ChildJvm.baseEnv(), java.time.Duration.ofSeconds(60));
      assertEquals(0, r.exitCode(), r.stderr());
      assertEquals(1, receiver.await(1, java.time.Duration.ofSeconds(5)).size(), r.stderr());
    }
  }

  /**
   * The collector's events file lives in an emptyDir on the node's disk: the volume has a
   * sizeLimit, and it holds everything the file exporter's rotation keeps (the current file and
   * max_backups old ones, one more while a rotation prunes), since a pod over its limit is evicted
   * and its emptyDir lost; not much more, or the limit bounds nothing.
   */
  @Test
  void theEventsVolumeIsLimitedToWhatRotationKeeps() throws Exception {
    Map<String, Object> file = Examples.map(Examples.at(selfHosted(), "exporters.file/events"), "file/events");
    String path = Examples.envDefault(String.valueOf(file.get("path")));
    Map<String, Object> rotation = Examples.map(file.get("rotation"), "file/events rotation (else the file grows without end)");
    assertTrue(rotation.get("max_megabytes") instanceof Integer && (Integer) rotation.get("max_megabytes") > 0, "" + rotation);
    // lumberjack keeps every old file when max_backups is 0 (or unset).
    assertTrue(rotation.get("max_backups") instanceof Integer && (Integer) rotation.get("max_backups") > 0, "" + rotation);
    long fileMiB = (Integer) rotation.get("max_megabytes"); // lumberjack's megabyte is 1024 * 1024 bytes
    long most = ((Integer) rotation.get("max_backups") + 2) * fileMiB;

    Map<String, Object> collector = object("Deployment", "tbot-otel-collector");
    Map<String, Object> c = container(collector, "containers", "collector");
    String dir = path.substring(0, path.lastIndexOf('/'));
    Map<String, Object> volume = volume(collector, mountOf(c, dir));
    Map<String, Object> emptyDir = Examples.map(volume.get("emptyDir"), "the events volume's emptyDir");
    assertTrue(emptyDir.get("sizeLimit") instanceof String, "an emptyDir without sizeLimit can fill the node's disk: " + volume);
    long limit = mebibytes((String) emptyDir.get("sizeLimit"));
    assertTrue(limit >= most, "sizeLimit " + limit + "Mi is below what rotation keeps, " + most + "Mi: the pod would be evicted");
    assertTrue(limit < most + fileMiB, "sizeLimit " + limit + "Mi is over a file more than rotation keeps (" + most + "Mi)");
  }

  /** A container's environment as exec sees it; values from a field (POD_NAMESPACE) get a stand-in. */
  static Map<String, String> containerEnv(Map<String, Object> container) {
    assertTrue(container.get("envFrom") == null, "envFrom cannot be read here; list the variables under env");
    Map<String, String> out = new HashMap<>();
    Object env = container.get("env");
    if (env != null) {
      for (Object e : Examples.list(env, "env")) {
        Map<String, Object> var = Examples.map(e, "env var");
        Object value = var.get("value");
        out.put(String.valueOf(var.get("name")), value != null ? String.valueOf(value) : "from-" + var.get("valueFrom"));
      }
    }
    return out;
  }

  static String mountOf(Map<String, Object> container, String path) {
    for (Object m : Examples.list(container.get("volumeMounts"), "volumeMounts")) {
      Map<String, Object> mount = Examples.map(m, "mount");
      if (path.equals(mount.get("mountPath"))) {
        return String.valueOf(mount.get("name"));
      }
    }
    throw new AssertionError(container.get("name") + " mounts nothing at " + path);
  }

  static Map<String, Object> volume(Map<String, Object> deployment, String name) {
    for (Object v : Examples.list(Examples.at(deployment, "spec.template.spec.volumes"), "volumes")) {
      Map<String, Object> vol = Examples.map(v, "volume");
      if (name.equals(vol.get("name"))) {
        return vol;
      }
    }
    throw new AssertionError("no volume " + name);
  }
}
