package com.goteleport.tbot.otel.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import com.goteleport.tbot.otel.testing.OtlpReceiver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
 * repository's self-hosted pipeline on the port that Service targets; today's tbot gets a
 * config it accepts; and tbot's pod waits, for a bounded time, until the collector is ready.
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

  /** The file kustomization.yaml's configMapGenerator makes {@code key} of the ConfigMap {@code name} from. */
  static Path generatedFile(String name, String key) {
    for (Object g : Examples.list(kustomization.get("configMapGenerator"), "configMapGenerator")) {
      Map<String, Object> gen = Examples.map(g, "generator");
      if (!name.equals(gen.get("name"))) {
        continue;
      }
      for (String file : strings(gen.get("files"))) {
        int eq = file.indexOf('=');
        String source = file.substring(eq + 1);
        if (key.equals(eq >= 0 ? file.substring(0, eq) : source.substring(source.lastIndexOf('/') + 1))) {
          Path path = DIR.resolve(source).normalize();
          assertTrue(Files.isRegularFile(path), path + " exists");
          return path;
        }
      }
      throw new AssertionError("the generated ConfigMap " + name + " has no key " + key);
    }
    throw new AssertionError("kustomization.yaml generates no ConfigMap " + name);
  }

  static String tbotYaml() {
    try {
      return Files.readString(generatedFile("tbot-config", "tbot.yaml"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Map<String, Object> selfHosted() throws Exception {
    Path source = generatedFile("tbot-otel-collector", "config.yaml");
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

  /**
   * The Kubernetes API token goes only to the pod that calls the API: tbot, which writes its
   * outputs to Secrets. The collector takes unauthenticated requests on its OTLP port and never
   * calls the API; a token mounted there would be handed to whoever broke into it.
   */
  @Test
  void onlyTbotsPodGetsAKubernetesApiToken() {
    int pods = 0;
    for (Map<String, Object> o : objects) {
      if (!"Deployment".equals(o.get("kind"))) {
        continue;
      }
      pods++;
      String name = String.valueOf(Examples.at(o, "metadata.name"));
      Object automount = Examples.map(Examples.at(o, "spec.template.spec"), "pod spec").get("automountServiceAccountToken");
      if (name.equals("tbot")) {
        assertFalse(Boolean.FALSE.equals(automount), "tbot writes its kubernetes_secret outputs through the API");
      } else {
        assertEquals(false, automount, name + " never calls the Kubernetes API: automountServiceAccountToken: false");
      }
    }
    assertEquals(2, pods, "tbot and the collector");
  }

  /**
   * Every ConfigMap a pod mounts is generated by kustomization.yaml, with kustomize's hash of its
   * content in its name: an edit renames it, which rolls the pods that mount it. A plain
   * tbot-config, edited, would change /config/tbot.yaml (which exec reads) under the running pod,
   * while tbot kept the copy the init step made of the old config.
   */
  @Test
  void everyConfigMapAPodMountsIsGeneratedSoAnEditRollsItsPods() {
    assertTrue(objects.stream().noneMatch(o -> "ConfigMap".equals(o.get("kind"))),
        "a plain ConfigMap among the resources: editing it rolls no pod");
    assertFalse(disablesHash(kustomization.get("generatorOptions")), "generatorOptions.disableNameSuffixHash");
    Set<String> generated = new TreeSet<>();
    for (Object g : Examples.list(kustomization.get("configMapGenerator"), "configMapGenerator")) {
      Map<String, Object> gen = Examples.map(g, "generator");
      assertFalse(disablesHash(gen.get("options")), gen.get("name") + ": options.disableNameSuffixHash");
      generated.add(String.valueOf(gen.get("name")));
    }
    Set<String> mounted = new TreeSet<>();
    for (Map<String, Object> o : objects) {
      if ("Deployment".equals(o.get("kind"))) {
        for (Object v : Examples.list(Examples.at(o, "spec.template.spec.volumes"), "volumes")) {
          Object configMap = Examples.map(v, "volume").get("configMap");
          if (configMap != null) {
            mounted.add(String.valueOf(Examples.map(configMap, "configMap").get("name")));
          }
        }
      }
    }
    assertEquals(Set.of("tbot-config", "tbot-otel-collector"), mounted, "tbot's config and the collector's");
    assertTrue(generated.containsAll(mounted), "mounted " + mounted + ", generated " + generated);
  }

  static boolean disablesHash(Object options) {
    return options != null && Boolean.TRUE.equals(Examples.map(options, "options").get("disableNameSuffixHash"));
  }

  /**
   * The README's advice, a PersistentVolumeClaim for the events directory, works: such a volume is
   * root's and the collector is not; the pod's fsGroup, the collector's group, makes it writable,
   * with the ownership changed only when it is not already right (not at every start).
   */
  @Test
  void aPersistentVolumeForTheEventsIsWritableByTheCollector() throws Exception {
    String path = Examples.envDefault(String.valueOf(Examples.at(selfHosted(), "exporters.file/events.path")));
    String dir = path.substring(0, path.lastIndexOf('/'));
    Map<String, Object> collector = object("Deployment", "tbot-otel-collector");
    mountOf(container(collector, "containers", "collector"), dir);
    Map<String, Object> pod = Examples.map(Examples.at(collector, "spec.template.spec.securityContext"), "securityContext");
    assertTrue(pod.get("fsGroup") instanceof Integer, "no fsGroup: a root-owned volume is read-only to the collector");
    assertEquals(pod.get("runAsGroup"), pod.get("fsGroup"), "the collector's own group");
    assertEquals("OnRootMismatch", pod.get("fsGroupChangePolicy"));
    String readme = Files.readString(DIR.resolve("README.md")).replaceAll("\\s+", " ");
    assertTrue(readme.contains("Mount a PersistentVolumeClaim at `" + dir + "`"), "the README's advice names " + dir);
  }

  /**
   * The collector has no rate limiting, and docs/self-hosting.md says to expose it only to your
   * tbots: one NetworkPolicy selects the collector's pods and admits only tbot's pods (its pod
   * template's labels, in this namespace), on exactly the ports they use through the Service:
   * OTLP, where exec sends, and the health check wait-for-collector asks.
   */
  @Test
  void onlyTbotsPodsReachTheCollector() {
    Map<String, Object> collector = object("Deployment", "tbot-otel-collector");
    Object collectorLabels = Examples.at(collector, "spec.template.metadata.labels");
    List<Map<String, Object>> policies = objects.stream()
        .filter(o -> "NetworkPolicy".equals(o.get("kind")))
        .filter(o -> collectorLabels.equals(Examples.at(o, "spec.podSelector.matchLabels")))
        .toList();
    assertEquals(1, policies.size(), "one NetworkPolicy selects the collector's pods");
    Map<String, Object> policy = policies.get(0);
    assertTrue(strings(Examples.at(policy, "spec.policyTypes")).contains("Ingress"), "it restricts ingress");
    // The collector only listens (self-hosted.yaml sends nowhere and resolves no name): Egress with
    // no rule lets it open no connection at all.
    assertTrue(strings(Examples.at(policy, "spec.policyTypes")).contains("Egress"),
        "it restricts egress (the collector connects nowhere)");
    assertEquals(null, Examples.map(policy.get("spec"), "spec").get("egress"), "no egress rule: nowhere");

    Map<String, Integer> containerPorts = new HashMap<>();
    for (Object p : Examples.list(container(collector, "containers", "collector").get("ports"), "ports")) {
      Map<String, Object> port = Examples.map(p, "port");
      containerPorts.put(String.valueOf(port.get("name")), (Integer) port.get("containerPort"));
    }
    Set<Integer> serviceTargets = new TreeSet<>();
    for (Object p : Examples.list(Examples.at(object("Service", "tbot-otel-collector"), "spec.ports"), "ports")) {
      serviceTargets.add(containerPorts.get(String.valueOf(Examples.map(p, "port").get("targetPort"))));
    }
    Object tbotLabels = Examples.at(object("Deployment", "tbot"), "spec.template.metadata.labels");
    Set<Integer> allowed = new TreeSet<>();
    for (Object r : Examples.list(Examples.at(policy, "spec.ingress"), "ingress")) {
      Map<String, Object> rule = Examples.map(r, "ingress rule");
      assertTrue(rule.get("from") != null, "a rule without from admits every source: " + rule);
      for (Object f : Examples.list(rule.get("from"), "from")) {
        Map<String, Object> peer = Examples.map(f, "peer");
        assertEquals(Set.of("podSelector"), peer.keySet(), "pods of this namespace only: " + peer);
        assertEquals(Map.of("matchLabels", tbotLabels), peer.get("podSelector"), "tbot's pods");
      }
      assertTrue(rule.get("ports") != null, "a rule without ports admits every port: " + rule);
      for (Object p : Examples.list(rule.get("ports"), "ports")) {
        Map<String, Object> port = Examples.map(p, "port");
        assertEquals("TCP", port.get("protocol"), "" + port);
        Object n = port.get("port");
        allowed.add(n instanceof Integer ? (Integer) n : containerPorts.get(String.valueOf(n)));
      }
    }
    assertEquals(serviceTargets, allowed, "the ports tbot's pod uses through the Service");
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

  /** The init container that holds tbot back until the collector is ready, for a bounded time. */
  static Map<String, Object> waitForCollector() {
    return container(object("Deployment", "tbot"), "initContainers", "wait-for-collector");
  }

  /** A container's {@code env} values by name (only plain values). */
  static Map<String, String> plainEnv(Map<String, Object> container) {
    Map<String, String> out = new TreeMap<>();
    for (Object e : Examples.list(container.get("env"), container.get("name") + " env")) {
      Map<String, Object> var = Examples.map(e, "env var");
      assertTrue(var.get("value") instanceof String, "a plain string value: " + var);
      out.put(String.valueOf(var.get("name")), (String) var.get("value"));
    }
    return out;
  }

  /**
   * exec sends the start once and never retries, and a Service's DNS name resolves before any pod
   * behind it is ready: tbot's pod waits in an init container until the collector's health check
   * answers through the Service (whose endpoints are only the ready pods), on the port and path the
   * mounted self-hosted.yaml serves it, for a bounded time. The collector's readiness probe, which
   * makes the pod an endpoint, is asked often enough to be seen within that time.
   */
  @Test
  void tbotWaitsForTheCollectorsHealthCheckThroughTheService() throws Exception {
    Map<String, Object> health = Examples.map(Examples.at(selfHosted(), "extensions.health_check"), "health_check");
    Matcher healthPort = Pattern.compile(":(\\d+)$").matcher(Examples.envDefault(String.valueOf(health.get("endpoint"))));
    assertTrue(healthPort.find(), "health_check endpoint " + health.get("endpoint"));

    Map<String, Object> service = object("Service", "tbot-otel-collector");
    Map<String, Object> collector = container(object("Deployment", "tbot-otel-collector"), "containers", "collector");
    Integer servicePort = null;
    for (Object p : Examples.list(Examples.at(service, "spec.ports"), "ports")) {
      Map<String, Object> port = Examples.map(p, "port");
      for (Object cp : Examples.list(collector.get("ports"), "ports")) {
        Map<String, Object> containerPort = Examples.map(cp, "port");
        if (port.get("targetPort").equals(containerPort.get("name"))
            && Integer.valueOf(healthPort.group(1)).equals(containerPort.get("containerPort"))) {
          servicePort = (Integer) port.get("port");
        }
      }
    }
    assertTrue(servicePort != null, "the Service has no port to the collector's health check: " + Examples.at(service, "spec.ports"));

    Map<String, Object> wait = waitForCollector();
    Map<String, String> env = plainEnv(wait);
    URI url = URI.create(env.get("HEALTH_URL"));
    assertEquals("http", url.getScheme());
    assertEquals("tbot-otel-collector." + Examples.at(service, "metadata.namespace") + ".svc.cluster.local", url.getHost(),
        "the Service's name (not a pod's): only ready pods are its endpoints");
    assertEquals(servicePort, url.getPort(), "the Service's health port");
    assertEquals(health.get("path"), url.getPath(), "the health_check path");

    int seconds = Integer.parseInt(env.get("WAIT_SECONDS"));
    // tbot's credentials matter more than one start's count: a wait of a minute (60 s before) held a
    // pod's credentials back that long whenever the collector was down.
    assertTrue(seconds > 0 && seconds <= 30, "tbot waits a bounded, short time for telemetry: " + seconds + " s");
    Object period = Examples.at(collector, "readinessProbe.periodSeconds");
    assertTrue(period instanceof Integer && (Integer) period * 10 <= seconds,
        "the readiness probe (every " + period + " s) marks a healthy collector ready well within the " + seconds + " s wait");

    assertTrue(String.valueOf(wait.get("image")).startsWith("busybox:"), "a tiny image with sh and wget: " + wait.get("image"));
    assertEquals(List.of("sh", "-c"), strings(wait.get("command")).subList(0, 2));
    Map<String, Object> limits = Examples.map(Examples.at(wait, "resources.limits"), "limits");
    assertTrue(limits.get("cpu") != null, "a CPU limit: " + limits);
    assertTrue(mebibytes(String.valueOf(limits.get("memory"))) <= 32, "a tiny memory limit: " + limits);
  }

  /**
   * busybox wget's options the init container may use (-q, -T SEC, -O FILE), carried out with
   * Python (a fresh machine may have no curl; non-zero on 4xx and 5xx, as busybox wget; no proxy):
   * anything else is refused, and so is a probe without -T, which could hang. Each URL asked is
   * appended to $WGET_LOG.
   */
  static final String STAND_IN_WGET = """
      #!/bin/sh
      timeout= out=
      while [ $# -gt 0 ]; do
        case "$1" in
          -q) shift ;;
          -T) timeout=$2; shift 2 ;;
          -O) out=$2; shift 2 ;;
          -*) echo "stand-in wget: busybox's wget has no option $1 here" >&2; exit 64 ;;
          *) url=$1; shift ;;
        esac
      done
      [ -n "$timeout" ] || { echo "stand-in wget: no -T, an unbounded probe" >&2; exit 64; }
      echo "$url" >> "$WGET_LOG"
      # A name lookup that never ends (cluster DNS down): busybox's -T does not bound it.
      case "$url" in *//dns-hangs.invalid[:/]*) sleep 30; exit 4 ;; esac
      exec python3 -c '
      import sys, urllib.request
      timeout, out, url = float(sys.argv[1]), sys.argv[2], sys.argv[3]
      opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
      try:
          with opener.open(url, timeout=timeout) as answer:
              body = answer.read()
      except Exception as e:
          print("wget:", e, file=sys.stderr)
          sys.exit(1)
      with open(out, "wb") as f:
          f.write(body)
      ' "$timeout" "${out:-/dev/null}" "$url"
      """;

  /**
   * The README says what the stand-in wget hands its probe to: the one program, besides sh, that
   * the wait tests need on the host.
   */
  @Test
  void theReadmeNamesTheProgramTheStandInWgetRuns() throws Exception {
    Matcher runs = Pattern.compile("(?m)^exec (\\S+) ").matcher(STAND_IN_WGET);
    assertTrue(runs.find(), "the stand-in wget execs one program");
    String readme = Files.readString(DIR.resolve("README.md")).replaceAll("\\s+", " ");
    Matcher says = Pattern.compile("a stand-in `wget` \\(([^)]*)\\)").matcher(readme);
    assertTrue(says.find(), "examples/kubernetes/README.md describes the stand-in wget");
    assertTrue(says.group(1).endsWith("through `" + runs.group(1) + "`"),
        "the README says the stand-in wget runs '" + says.group(1) + "'; it runs " + runs.group(1));
  }

  record Waited(int exitCode, long millis, String stdout, String stderr, List<String> asked) {}

  /** Runs the init container's script as written, under this host's POSIX sh, with the stand-in wget. */
  Waited runWait(String url, String seconds) throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path wget = Examples.write(bin, "wget", STAND_IN_WGET);
    assertTrue(wget.toFile().setExecutable(true));
    Path log = tmp.resolve("wget-" + System.nanoTime() + ".log");
    Files.createFile(log);
    Path out = tmp.resolve("out"), err = tmp.resolve("err");
    ProcessBuilder pb = new ProcessBuilder(strings(waitForCollector().get("command")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("WGET_LOG", log.toString());
    pb.environment().put("HEALTH_URL", url);
    pb.environment().put("WAIT_SECONDS", seconds);
    long start = System.nanoTime();
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the wait ends");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new Waited(p.exitValue(), millis, Files.readString(out), Files.readString(err), Files.readAllLines(log));
  }

  /**
   * The init container's script, run: it lets tbot start as soon as the health check answers 200
   * (after the 503 the collector answers while it starts), and when the collector is down, not
   * ready, or holds the connection without answering, it gives up after WAIT_SECONDS (plus one
   * probe's timeout) and still exits 0: a failed init container would keep tbot from starting, for
   * telemetry's sake. So does a WAIT_SECONDS it cannot read.
   */
  @Test
  void theWaitEndsWhenTheCollectorIsReadyOrAfterItsBoundAndAlwaysLetsTbotStart() throws Exception {
    String script = strings(waitForCollector().get("command")).get(2);
    assertTrue(Pattern.compile("\\bwget\\b.*\\s-T\\s+\\d+\\s").matcher(script).find(), "wget's -T bounds the connection: " + script);
    // timeout bounds the whole probe, the name lookup -T does not bound included.
    Matcher t = Pattern.compile("\\btimeout\\s+(\\d+)\\s+wget\\b").matcher(script);
    assertTrue(t.find(), "each probe is bounded with timeout: " + script);
    long probeMillis = Long.parseLong(t.group(1)) * 1000;

    // Ready: 503 twice, as while the collector's pipelines start, then 200.
    com.sun.net.httpserver.HttpServer server =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    server.createContext("/health", exchange -> {
      exchange.sendResponseHeaders(asked.incrementAndGet() <= 2 ? 503 : 200, -1);
      exchange.close();
    });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/health";
      Waited ready = runWait(url, "30");
      assertEquals(0, ready.exitCode(), ready.stderr());
      assertEquals(List.of(url, url, url), ready.asked(), "asked until the first 200: " + ready);
      assertTrue(ready.millis() < 10_000, "tbot starts once the collector is ready: " + ready);
      assertTrue(ready.stdout().contains("ready"), ready.toString());

      // Up but never ready.
      asked.set(Integer.MIN_VALUE);
      server.createContext("/never", exchange -> {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
      });
      assertGaveUp(runWait("http://127.0.0.1:" + server.getAddress().getPort() + "/never", "2"), 2, probeMillis);
    } finally {
      server.stop(0);
    }

    // Down: nothing listens.
    int closed = com.goteleport.tbot.otel.export.Fault.closedPort(); // held: no one else listens there
    assertGaveUp(runWait("http://127.0.0.1:" + closed + "/health", "2"), 2, probeMillis);

    // A connection accepted (by the kernel) and never answered: each probe ends after -T.
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      assertGaveUp(runWait("http://127.0.0.1:" + silent.getLocalPort() + "/health", "2"), 2, probeMillis);
    }

    // A name lookup that hangs, which busybox's -T does not cover: each probe still ends in time.
    assertGaveUp(runWait("http://dns-hangs.invalid:13133/health", "2"), 2, probeMillis);

    // A bound it cannot read: no wait, and still exit 0.
    Waited unreadable = runWait("http://127.0.0.1:" + closed + "/health", "60s");
    assertEquals(0, unreadable.exitCode(), unreadable.toString());
    assertTrue(unreadable.millis() < 5_000, unreadable.toString());
  }

  static void assertGaveUp(Waited w, int seconds, long probeMillis) {
    assertEquals(0, w.exitCode(), "tbot starts anyway: " + w);
    assertFalse(w.asked().isEmpty(), "it asked: " + w);
    assertTrue(w.millis() >= seconds * 1000L - 1000, "it waited its bound: " + w);
    // The bound, one probe's timeout, the sleep between probes, and the host's slowness.
    assertTrue(w.millis() <= seconds * 1000L + probeMillis + 1000 + 3000, "it gave up in time: " + w);
    assertTrue(w.stderr().contains("starting tbot anyway"), w.toString());
  }

  /** Every container, init containers included, has a memory limit: none can take the node's memory. */
  @Test
  void everyContainerHasAMemoryLimit() {
    for (Map<String, Object> o : objects) {
      if (!"Deployment".equals(o.get("kind"))) {
        continue;
      }
      Map<String, Object> pod = Examples.map(Examples.at(o, "spec.template.spec"), "pod spec");
      List<Object> containers = new ArrayList<>(Examples.list(pod.get("containers"), "containers"));
      if (pod.get("initContainers") != null) {
        containers.addAll(Examples.list(pod.get("initContainers"), "initContainers"));
      }
      for (Object c : containers) {
        Map<String, Object> container = Examples.map(c, "container");
        String where = Examples.at(o, "metadata.name") + "/" + container.get("name");
        assertTrue(container.get("resources") != null, where + " has no resources");
        mebibytes(String.valueOf(Examples.at(container, "resources.limits.memory")));
      }
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
    Path run = runConfigInit(tbotYaml(), tmp);

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
   * Runs the init step config-for-todays-tbot as written, under this host's sh, with its two mounts
   * moved under {@code dir} and {@code text} as the ConfigMap's tbot.yaml; returns where its
   * /run/tbot went (the copy for today's tbot is tbot.yaml there, the original config/tbot.yaml).
   */
  static Path runConfigInit(String text, Path dir) throws Exception {
    Map<String, Object> init = container(object("Deployment", "tbot"), "initContainers", "config-for-todays-tbot");
    Path config = Files.createDirectories(dir.resolve("config"));
    Path run = Files.createDirectories(dir.resolve("run/tbot"));
    Examples.write(config, "tbot.yaml", text);
    String script = strings(init.get("command")).get(2)
        .replace("/config/", config + "/").replace("/run/tbot/", run + "/");
    Process p = new ProcessBuilder("sh", "-c", script).inheritIO().start();
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    return run;
  }

  /**
   * The ConfigMap's promise: remove anonymous_analytics, or set it false, and nothing is sent. The
   * tbot container's whole command line (exec's flags, and after '--' tbot's, whose -c names the
   * copy the init step made without the key), read by preview as exec reads it, in the container's
   * environment: for the ConfigMap as shipped it sends to the collector Service, and with the key
   * removed or false, nothing, though the endpoint key stays.
   */
  @Test
  void theConfigMapsAnonymousAnalyticsKeyIsTheOnlyConsent() throws Exception {
    Map<String, Object> tbot = container(object("Deployment", "tbot"), "containers", "tbot");
    List<String> args = strings(tbot.get("args"));
    assertEquals("exec", args.get(0));
    String shipped = tbotYaml();
    String key = "\nanonymous_analytics: true\n";
    assertTrue(shipped.contains(key), "the ConfigMap opts in: " + shipped);
    Map<String, String> configs = Examples.optInShippedRemovedAndFalse(shipped, key);
    int n = 0;
    for (Map.Entry<String, String> c : configs.entrySet()) {
      Path dir = Files.createDirectories(tmp.resolve("consent-" + n++));
      Path run = runConfigInit(c.getValue(), dir);
      List<String> preview = new ArrayList<>();
      for (String a : args.subList(1, args.size())) {
        preview.add(a.equals("/config/tbot.yaml") ? dir.resolve("config/tbot.yaml").toString()
            : a.equals("/run/tbot/tbot.yaml") ? run.resolve("tbot.yaml").toString() : a);
      }
      Examples.Preview p = Examples.preview(containerEnv(tbot), preview);
      if (c.getKey().equals("as shipped")) {
        assertTrue(p.wouldSend(), c.getKey() + ": " + p.stderr());
        assertEquals("tbot-otel-collector." + kustomization.get("namespace") + ".svc.cluster.local",
            p.endpoint().getHost(), c.getKey());
      } else {
        assertFalse(p.wouldSend(), c.getKey() + ", yet: " + p.stderr());
      }
    }
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
    String user = null;
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
          // --chmod= (theJarIsReadableByTheImagesUserWhateverTheBuildHostsUmask) changes no path.
          w = java.util.Arrays.stream(w).filter(x -> !x.startsWith("--chmod=")).toArray(String[]::new);
          boolean from = w[1].startsWith("--from=");
          String src = from ? w[1].substring("--from=".length()) + ":" + w[2] : w[1];
          assertEquals(from ? 4 : 3, w.length, "one source per COPY: " + line);
          copied.put(w[w.length - 1], src);
        }
        case "ENTRYPOINT" -> entrypoint = strings(Examples.parse("e: " + line.substring("ENTRYPOINT".length())).get("e"));
        case "USER" -> user = w[1];
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

    // The build context: only what a COPY takes from it, not the whole checkout (~100 MB, target/
    // folders included). BuildKit, Docker's builder since 23.0, reads the ignore file beside the
    // Dockerfile, so a root .dockerignore need not speak for other builds.
    List<String> ignored = Files.readAllLines(DIR.resolve("Dockerfile.dockerignore")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    List<String> kept = new java.util.ArrayList<>(List.of("*"));
    copied.values().stream().filter(src -> !src.contains(":")).sorted().forEach(src -> kept.add("!" + src));
    assertEquals(kept, ignored, "Dockerfile.dockerignore ignores all but what the Dockerfile copies");

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

    // Outside Kubernetes (docker run), the image runs as the same non-root user as the pod, not as
    // the base image's root: numeric, so that no passwd entry is needed to check it.
    Object podUser = Examples.at(object("Deployment", "tbot"), "spec.template.spec.securityContext.runAsUser");
    assertEquals(podUser + ":" + podUser, user, "the image's USER is the pod's runAsUser");

    // The image: the one the README builds is the one the Deployment runs.
    String readme = Files.readString(DIR.resolve("README.md"));
    Matcher readmeBuild = Pattern.compile("docker build -f examples/kubernetes/Dockerfile -t (\\S+) \\.").matcher(readme);
    assertTrue(readmeBuild.find(), "the README builds the image");
    assertEquals(readmeBuild.group(1), tbot.get("image"), "the Deployment runs the image the README builds");
    // Its tag is the tbot release, and the README's upgrade step changes it with the release: a
    // rebuilt image under the old tag is not pulled by a node that has it (IfNotPresent), which
    // would run the old tbot and report the new --tbot-version.
    String imageRef = String.valueOf(tbot.get("image"));
    assertEquals(tbotImageVersion, imageRef.substring(imageRef.lastIndexOf(':') + 1), "the image's tag is its tbot release");
    Matcher upgrade = Pattern.compile("To run another tbot release, change ([^:]*):").matcher(readme.replaceAll("\\s+", " "));
    assertTrue(upgrade.find(), "the README says how to run another tbot release");
    assertTrue(upgrade.group(1).contains("`TBOT_VERSION`") && upgrade.group(1).contains("`--tbot-version`")
        && upgrade.group(1).contains("tag"), "the upgrade step changes the release, the image's tag and --tbot-version: " + upgrade.group(1));
  }

  /**
   * The README's way to see, in the pod, what exec sends (its notice says: the same line, with
   * preview in place of exec): the image's JVM, under the ENTRYPOINT's caps (it shares the tbot
   * container's memory limit), running preview with exactly the container's args.
   */
  @Test
  void theReadmesPreviewInThePodIsTheContainersLine() throws Exception {
    String readme = Files.readString(DIR.resolve("README.md"));
    Matcher m = Pattern.compile("kubectl -n (\\S+) exec deployment/(\\S+) -c (\\S+) -- (.*)").matcher(readme);
    assertTrue(m.find(), "the README runs preview in tbot's pod");
    assertEquals(kustomization.get("namespace"), m.group(1));
    assertEquals(Examples.at(object("Deployment", "tbot"), "metadata.name"), m.group(2));
    Map<String, Object> tbot = container(object("Deployment", "tbot"), "containers", "tbot");
    assertEquals(tbot.get("name"), m.group(3));
    List<String> line = List.of(m.group(4).replace("\\\n", " ").replaceAll("`.*", "").trim().split("\\s+"));
    List<String> expected = new ArrayList<>(entrypoint());
    List<String> args = strings(tbot.get("args"));
    assertEquals("exec", args.get(0));
    expected.add("preview");
    expected.addAll(args.subList(1, args.size()));
    assertEquals(expected, line, "the ENTRYPOINT, then the container's args with preview in place of exec");
  }

  /**
   * Teleport's Kubernetes guide deploys tbot with its Helm chart, whose container keeps the image's
   * ENTRYPOINT (tbot, in tbot-distroless) and passes it {@code start -c /config/tbot.yaml
   * --log-format json --diag-addr 0.0.0.0:3001}
   * (https://goteleport.com/docs/machine-workload-identity/deployment/kubernetes/, the chart's
   * examples/chart/tbot/templates/deployment.yaml). This example's image, given to the chart as
   * is, would run tbot-otel's own start with those args, which refuses them: tbot would never run.
   * The README's image for the chart ends its ENTRYPOINT in {@code exec ... -- tbot}, so the
   * chart's args become tbot's, and the chart's {@code anonymousTelemetry: true} is the consent.
   */
  @Test
  void theReadmesImageForTheHelmChartRunsTbotThroughExecWithTheChartsArgs() throws Exception {
    String readme = Files.readString(DIR.resolve("README.md"));
    Matcher block = Pattern.compile("```dockerfile\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "examples/kubernetes/README.md shows the Dockerfile of an image for Teleport's tbot Helm chart");
    String from = null;
    List<String> chartEntrypoint = null;
    for (String line : block.group(1).split("\\n")) {
      if (line.startsWith("FROM ")) {
        from = line.substring("FROM ".length()).trim();
      } else if (line.startsWith("ENTRYPOINT ")) {
        chartEntrypoint = strings(Examples.parse("e: " + line.substring("ENTRYPOINT".length())).get("e"));
      }
    }
    Matcher build = Pattern.compile("docker build -f examples/kubernetes/Dockerfile -t (\\S+) \\.").matcher(readme);
    assertTrue(build.find(), "the README builds the example's image");
    assertEquals(build.group(1), from, "the chart's image is built on the example's");
    String release = from.substring(from.lastIndexOf(':') + 1);
    List<String> expected = new ArrayList<>(entrypoint());
    expected.addAll(List.of("exec", "--tbot-version", release, "--", "tbot"));
    assertEquals(expected, chartEntrypoint, "the example's ENTRYPOINT, then exec with the tbot release, then tbot");

    // The chart's args after that ENTRYPOINT, for the guide's values (kubernetes join, the default
    // identity output to a Secret) and anonymousTelemetry: true.
    Path config = Examples.write(tmp, "chart-tbot.yaml", String.join("\n",
        "version: v2",
        "proxy_server: example.teleport.sh:443",
        "onboarding:",
        "  join_method: kubernetes",
        "  token: example-bot",
        "storage:",
        "  type: memory",
        "outputs:",
        "  - type: identity",
        "    destination:",
        "      type: kubernetes_secret",
        "      name: tbot-out",
        ""));
    List<String> args = new ArrayList<>(chartEntrypoint.subList(chartEntrypoint.indexOf("exec") + 1, chartEntrypoint.size()));
    args.addAll(List.of("start", "-c", config.toString(), "--log-format", "json", "--diag-addr", "0.0.0.0:3001"));
    Examples.Preview preview = Examples.preview(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), args);
    assertEquals(Examples.event("continuous", release, "kubernetes", 1, 0, 0, 0), preview.attributes());
    assertTrue(preview.wouldSend(), preview.stderr());
    String values = readme.replaceAll("\\s+", " ");
    assertTrue(values.contains("anonymousTelemetry: true"), "the README's chart values opt in as the chart does");

    // The FIPS image's ENTRYPOINT is tbot --fips (Teleport's Dockerfile-tbot-distroless-fips) and
    // the chart's args do not repeat the flag: taken from that image, tbot needs it after exec's --.
    assertTrue(values.contains("end the ENTRYPOINT above in `\"--\", \"tbot\", \"--fips\"`"),
        "the README says where FIPS mode's flag goes");
    List<String> fips = new ArrayList<>(args);
    fips.add(fips.indexOf("tbot") + 1, "--fips");
    Examples.Preview fipsPreview = Examples.preview(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1"), fips);
    assertEquals(preview.attributes(), fipsPreview.attributes(), "tbot --fips start is counted as tbot start");
    assertTrue(fipsPreview.wouldSend(), fipsPreview.stderr());
  }

  /**
   * The README's table of chart values, on the config the chart's current templates write (its
   * values merged with {@code tbotConfig} and written with keys sorted; the default persistence's
   * kubernetes_secret storage) and the chart's args with {@code debug: true} and an {@code
   * extraArgs} flag of tbot's: {@code tbotConfig}'s {@code anonymous_analytics: true} is a yes
   * without the chart's variable; {@code DO_NOT_TRACK} from {@code extraEnv} wins over {@code
   * anonymousTelemetry}; the endpoint from either place is used; and the text {@code "true"} that
   * {@code --set-string} writes is refused with a line naming the field, as the README says.
   */
  @Test
  void theChartValuesTheReadmeListsDoWhatItSays() throws Exception {
    String readme = Files.readString(DIR.resolve("README.md")).replaceAll("\\s+", " ");
    for (String value : List.of("`tbotConfig: {anonymous_analytics: true}`",
        "`extraEnv: [{name: DO_NOT_TRACK, value: \"1\"}]`", "`tbotConfig: {anonymous_analytics: false}`",
        "`tbotConfig: {anonymous_analytics_endpoint: \"http://...\"}`",
        "`extraEnv: [{name: TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS, value: \"http://...\"}]`")) {
      assertTrue(readme.contains(value), "the README's table lists " + value);
    }
    String release = "18.1.0";
    String collector = "http://collector.example.internal:4318/v1/logs";
    Map<String, Object> event = Examples.event("continuous", release, "kubernetes", 1, 0, 0, 0);
    Map<String, String> chartYes = Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1");

    Examples.Preview yes = chartPreview(Map.of(), "anonymous_analytics: true");
    assertEquals(event, yes.attributes());
    assertTrue(yes.wouldSend(), "tbotConfig's yes, without anonymousTelemetry: " + yes.stderr());
    Examples.Preview envNo = chartPreview(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "DO_NOT_TRACK", "1"), null);
    assertTrue(envNo.stderr().contains("exec would send nothing (DO_NOT_TRACK says no)"),
        "extraEnv's DO_NOT_TRACK=1 wins over anonymousTelemetry: " + envNo.stderr());
    Examples.Preview configNo = chartPreview(chartYes, "anonymous_analytics: false");
    assertTrue(configNo.stderr().contains("exec would send nothing (anonymous_analytics in tbot's config says no)"),
        "tbotConfig's no wins over anonymousTelemetry: " + configNo.stderr());
    assertEquals(URI.create(collector),
        chartPreview(chartYes, "anonymous_analytics_endpoint: " + collector).endpoint(), "tbotConfig's endpoint");
    assertEquals(URI.create(collector),
        chartPreview(Map.of("TELEPORT_ANONYMOUS_TELEMETRY", "1", "TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", collector), null)
            .endpoint(), "extraEnv's endpoint");

    Path quoted = chartConfig("anonymous_analytics: \"true\"");
    List<String> args = new ArrayList<>(List.of("preview"));
    args.addAll(chartArgs(quoted));
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    env.putAll(chartYes);
    ChildJvm.Result r = ChildJvm.runJar(List.of(), args, env, Duration.ofSeconds(30));
    assertEquals(1, r.exitCode(), "a --set-string true is refused: " + r.stderr());
    assertTrue(r.stderr().contains("field 'anonymous_analytics' at line 1 must be true or false, unquoted"), r.stderr());

    // The README's preview in the chart's pod: the chart image's ENTRYPOINT with preview in place
    // of exec, then the chart's args.
    Matcher line = Pattern.compile("kubectl exec deployment/<the chart's Deployment> -c tbot -- (.*)")
        .matcher(Files.readString(DIR.resolve("README.md")));
    assertTrue(line.find(), "the README runs preview in the chart's pod");
    List<String> expected = new ArrayList<>(entrypoint());
    expected.addAll(List.of("preview", "--tbot-version", release, "--", "tbot", "start", "-c", "/config/tbot.yaml",
        "--log-format", "json", "--diag-addr", "0.0.0.0:3001"));
    assertEquals(expected, List.of(line.group(1).trim().split("\\s+")), "the chart pod's preview line");
  }

  /** preview of the chart's current render with {@code tbotConfig} (a top-level line, or null) and these variables. */
  private Examples.Preview chartPreview(Map<String, String> env, String tbotConfig) throws IOException {
    return Examples.preview(env, chartArgs(chartConfig(tbotConfig)));
  }

  /** exec's args in the chart's image, then the chart's: {@code debug: true} and {@code extraArgs: [--insecure]}. */
  private static List<String> chartArgs(Path config) {
    return List.of("--tbot-version", "18.1.0", "--", "tbot", "start", "-c", config.toString(), "--debug",
        "--log-format", "json", "--insecure", "--diag-addr", "0.0.0.0:3001");
  }

  /**
   * The chart's config for the guide's values as its current templates write it: keys sorted, the
   * default output and storage in a Secret, with {@code extra} (a top-level line of {@code
   * tbotConfig}, or null) in its sorted place, first.
   */
  private Path chartConfig(String extra) throws IOException {
    List<String> lines = new ArrayList<>();
    if (extra != null) {
      lines.add(extra);
    }
    lines.addAll(List.of(
        "onboarding:",
        "  join_method: kubernetes",
        "  token: example-bot",
        "outputs:",
        "- destination:",
        "    name: tbot-out",
        "    type: kubernetes_secret",
        "  type: identity",
        "proxy_server: example.teleport.sh:443",
        "storage:",
        "  name: tbot",
        "  type: kubernetes_secret",
        "version: v2",
        ""));
    return Examples.write(tmp, "chart-sorted-" + Integer.toHexString(lines.hashCode()) + ".yaml",
        String.join("\n", lines));
  }

  /**
   * The README warns against giving the chart the example's image as it is: its ENTRYPOINT ends in
   * the jar, so the chart's args make tbot-otel's own start, which refuses them with a usage error
   * (the container exits 2 and restarts, and tbot never runs), in the words the README quotes.
   */
  @Test
  void theExampleImageAsItIsRefusesTheChartsArgsAsTheReadmeSays() throws Exception {
    List<String> entrypoint = entrypoint();
    assertEquals("-jar", entrypoint.get(entrypoint.size() - 2), "the ENTRYPOINT ends in -jar JAR: " + entrypoint);
    Matcher quoted = Pattern.compile("which refuses them \\(`([^`]+)`\\)")
        .matcher(Files.readString(DIR.resolve("README.md")).replaceAll("\\s+", " "));
    assertTrue(quoted.find(), "the README quotes what start answers the chart's args");
    ChildJvm.Result r = ChildJvm.runJar(entrypoint.subList(1, entrypoint.indexOf("-jar")),
        List.of("start", "-c", "/config/tbot.yaml", "--log-format", "json", "--diag-addr", "0.0.0.0:3001"),
        ChildJvm.baseEnv(), java.time.Duration.ofSeconds(30));
    assertEquals(2, r.exitCode(), r.stderr());
    assertTrue(r.stderr().contains(quoted.group(1)), "the README quotes `" + quoted.group(1) + "`; start says " + r.stderr());
  }

  /**
   * COPY keeps the mode the file has in the build context, and makes root its owner: a jar that
   * `mvn package` made under a hardened umask (027, as CIS benchmarks ask, or 077) is 0640 or 0600
   * there, which the image's non-root USER could not read, and the pod would only say `Error: Unable
   * to access jarfile`. The COPY sets a mode every user can read.
   */
  @Test
  void theJarIsReadableByTheImagesUserWhateverTheBuildHostsUmask() throws Exception {
    List<String> entrypoint = entrypoint();
    String jar = entrypoint.get(entrypoint.size() - 1);
    List<String> copies = Files.readAllLines(DIR.resolve("Dockerfile")).stream()
        .filter(l -> l.startsWith("COPY ") && l.trim().endsWith(" " + jar)).toList();
    assertEquals(1, copies.size(), "one COPY to " + jar + ": " + copies);
    Matcher mode = Pattern.compile("\\s--chmod=([0-7]{3,4})\\s").matcher(copies.get(0));
    assertTrue(mode.find(), "the jar's COPY sets its mode (--chmod=), not the build host's umask: " + copies.get(0));
    int bits = Integer.parseInt(mode.group(1), 8);
    assertEquals(0004, bits & 0004, "readable by others (the image's USER is not root, the file's owner): " + mode.group(1));
    assertEquals(0, bits & 0022, "writable by its owner alone: " + mode.group(1));
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
    // mistyped option would fail here). The longest exit wait, not the default 500 ms after the
    // second's sleep: a cold JVM on a loaded machine may take longer to send, and the budget is not
    // what this checks.
    // sleep names no tbot: exec counts it only from a config it is given, here its own -c.
    Path config = Files.writeString(tmp.resolve("jvm-share-tbot.yaml"), "version: v2\n");
    try (OtlpReceiver receiver = OtlpReceiver.start()) {
      ChildJvm.Result r = ChildJvm.runJar(jvmOptions, List.of("exec", "--anonymous-analytics",
          "--anonymous-analytics-endpoint", receiver.url(), "--anonymous-analytics-exit-timeout", "10s",
          "--tbot-version", "18.1.0", "-c", config.toString(), "--", "sleep", "1"),
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
    // What the README tells a reader who changes one of them.
    String readme = Files.readString(DIR.resolve("README.md")).replaceAll("\\s+", " ");
    String says = String.format(Locale.ROOT, "The `emptyDir` has a `sizeLimit` of %s: `self-hosted.yaml` rotates the"
        + " file at %d MiB and keeps %d old ones (%,d MiB at most while a rotation prunes)",
        emptyDir.get("sizeLimit"), fileMiB, (Integer) rotation.get("max_backups"), most);
    assertTrue(readme.contains(says), "examples/kubernetes/README.md says: " + says);
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
