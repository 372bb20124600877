package com.goteleport.tbot.otel.privacy;

import com.goteleport.tbot.otel.event.Attribute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import javax.annotation.Nullable;

/**
 * Seeded, property-style generator of {@code start} invocations that put a unique marker into every
 * string a tbot config, the command line and the environment can hold. A marker is lowercase
 * letters and digits, so it is valid YAML anywhere and can be searched for in the raw request.
 * Each case also says what the event must contain, so the wire check is exact.
 */
final class LeakCases {

  /** Join methods tbot accepts, as the schema lists them (EventSchemaTest holds it to tbot's). */
  static final List<String> JOIN_METHODS = Attribute.JOIN_TYPE.allowedValues().stream()
      .filter(method -> !method.equals(Attribute.UNKNOWN)).toList();

  /** The helper a real wrapper sets; allowed through unchanged. */
  static final String GOOD_HELPER = "gha:teleport-actions/auth";
  static final String GOOD_HELPER_VERSION = "v2.0.1";

  /** What the event must carry for a case. */
  record Expected(
      String runMode,
      String version,
      String joinType,
      @Nullable String helper,
      @Nullable String helperVersion,
      long total,
      long database,
      long kubernetes,
      long application) {

    Map<String, Object> attributes() {
      return com.goteleport.tbot.otel.testing.Events.expected(
          runMode, version, joinType, helper, helperVersion, total, database, kubernetes, application);
    }
  }

  /**
   * One invocation: {@code common} args work for start and preview alike (config, consent, event
   * flags); {@code endpointArgs} point start at the receiver unless the environment does.
   */
  record Case(
      int index,
      String description,
      Path config,
      List<String> common,
      List<String> endpointArgs,
      Map<String, String> env,
      List<String> markers,
      Expected expected) {

    /** {@code start} with consent pointed at {@code url}, waiting at most {@code budget}. */
    List<String> startArgs(String url, String budget) {
      List<String> args = new ArrayList<>(List.of("start"));
      args.addAll(common);
      args.addAll(endpointArgs(url));
      args.addAll(List.of("--anonymous-analytics-exit-timeout", budget));
      return args;
    }

    /** {@code preview} for the same inputs. */
    List<String> previewArgs(String url) {
      List<String> args = new ArrayList<>(List.of("preview"));
      args.addAll(common);
      args.addAll(endpointArgs(url));
      return args;
    }

    /** The environment, with the receiver's URL where the case takes the endpoint from it. */
    Map<String, String> env(String url) {
      Map<String, String> e = new LinkedHashMap<>(env);
      e.replaceAll((k, v) -> v.replace(URL_PLACEHOLDER, url));
      return e;
    }

    private List<String> endpointArgs(String url) {
      List<String> out = new ArrayList<>();
      for (String a : endpointArgs) {
        out.add(a.replace(URL_PLACEHOLDER, url));
      }
      return out;
    }
  }

  static final String URL_PLACEHOLDER = "@RECEIVER_URL@";

  private final Random random;
  private final Path dir;
  private final int index;
  private final List<String> markers = new ArrayList<>();
  private final StringBuilder yaml = new StringBuilder();

  private LeakCases(long seed, int index, Path dir) {
    // Mixed: java.util.Random's first outputs for consecutive seeds are nearly the same.
    this.random = new Random(new SplittableRandom(seed + 0x9E3779B97F4A7C15L * index).nextLong());
    this.dir = dir;
    this.index = index;
  }

  /** Case {@code index} of the sequence for {@code seed}, its config written under {@code dir}. */
  static Case generate(long seed, int index, Path dir) {
    return new LeakCases(seed, index, dir).build();
  }

  /** A fresh marker, recorded for the leak check. */
  private String m() {
    StringBuilder s = new StringBuilder("mk").append(index).append('q');
    for (int i = 0; i < 8; i++) {
      s.append((char) ('a' + random.nextInt(26)));
    }
    String marker = s.toString();
    markers.add(marker);
    return marker;
  }

  private <T> T pick(List<T> options) {
    return options.get(random.nextInt(options.size()));
  }

  private boolean coin() {
    return random.nextBoolean();
  }

  private Case build() {
    boolean v2 = coin();
    List<String> common = new ArrayList<>();
    List<String> endpointArgs = new ArrayList<>();
    Map<String, String> env = new LinkedHashMap<>();
    StringBuilder description = new StringBuilder(v2 ? "v2" : "v1");

    // Config format version: absent or v1 for v1, v2 for v2.
    line(0, "# tbot config for bot " + m() + " on host " + m());
    if (v2) {
      line(0, "version: v2");
    } else if (coin()) {
      line(0, "version: v1");
    }

    // Consent: one or more yes sources, never a no.
    int consent = random.nextInt(3);
    if (consent == 0) {
      common.add("--anonymous-analytics");
    } else if (consent == 1) {
      line(0, "anonymous_analytics: true");
    } else {
      env.put("TELEPORT_ANONYMOUS_TELEMETRY", pick(List.of("1", "true")));
    }
    description.append(" consent=").append(List.of("flag", "yaml", "env").get(consent));

    // Endpoint: flag or environment; a YAML endpoint with a marker host is always overridden.
    if (coin()) {
      line(0, "anonymous_analytics_endpoint: https://" + m() + ".example.com:4318/v1/logs");
    }
    if (coin()) {
      endpointArgs.addAll(List.of("--anonymous-analytics-endpoint", URL_PLACEHOLDER));
    } else {
      env.put("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", URL_PLACEHOLDER);
    }

    // Where tbot connects, and its own knobs.
    if (v2 || coin()) {
      line(0, "proxy_server: " + m() + ".teleport.example.com:443");
    }
    line(0, "auth_server: " + m() + ".example.com:3025");
    line(0, "certificate_ttl: 1h");
    line(0, "renewal_interval: 20m");
    line(0, "debug: " + coin());
    line(0, "diag_addr: 127.0.0.1:" + (3000 + random.nextInt(1000)) + "  # " + m());
    Boolean yamlOneshot = coin() ? Boolean.valueOf(coin()) : null;
    if (yamlOneshot != null) {
      line(0, "oneshot: " + yamlOneshot);
    }

    // Onboarding: every field, with the join method valid, a marker, or absent.
    String joinInYaml = pick(List.of("valid", "marker", "absent", "near"));
    String yamlJoin = switch (joinInYaml) {
      case "valid" -> pick(JOIN_METHODS);
      case "marker" -> m();
      case "near" -> pick(List.of("GitHub", "github-", "ec2", "token ")) + (coin() ? m() : "");
      default -> null;
    };
    line(0, "onboarding:");
    if (yamlJoin != null) {
      line(1, "join_method: " + quoted(yamlJoin));
    }
    line(1, "token: " + m());
    line(1, "ca_pins:");
    line(2, "- sha256:" + m());
    line(1, "ca_path: /etc/" + m() + "/ca.pem");
    line(1, "bound_keypair:");
    line(2, "initial_join_secret: " + m());
    line(2, "static_private_key_path: /secrets/" + m());
    line(1, "gitlab:");
    line(2, "token_env_var_name: " + m());
    line(1, "azure:");
    line(2, "client_id: " + m());
    line(1, "terraform:");
    line(2, "audience_tag: " + m());
    line(1, "kubernetes:");
    line(2, "static_jwks_path: /var/run/" + m());

    // Storage.
    if (v2) {
      line(0, "storage:");
      line(1, "type: " + pick(List.of("directory", "kubernetes_secret", "memory")));
      line(1, "path: /var/lib/" + m());
      line(1, "name: " + m());
      line(1, "symlinks: secure");
      line(1, "acls: try");
    } else {
      line(0, "storage:");
      line(1, "directory:");
      line(2, "path: /var/lib/" + m());
      line(2, "symlinks: try");
    }

    // Outputs (v2) or destinations (v1), counted by kind as tbot-otel counts them.
    long[] counts = v2 ? v2Outputs() : v1Destinations();
    // What tbot's --destination-dir keeps beside its identity output: the outputs: list (v2), not
    // services: nor v1's destinations, which it replaces.
    long[] kept = v2 ? counts.clone() : new long[4];

    // Services (v2): tunnels and workload APIs, never counted; the SSH multiplexer writes to a
    // destination, so it is one.
    if (v2 && coin()) {
      counts[0]++;
      line(0, "services:");
      line(1, "- type: database-tunnel");
      line(2, "listen: tcp://127.0.0.1:25432");
      line(2, "service: " + m());
      line(2, "database: " + m());
      line(2, "username: " + m());
      line(1, "- type: application-tunnel");
      line(2, "listen: tcp://127.0.0.1:8080");
      line(2, "app_name: " + m());
      line(1, "- type: spiffe-workload-api");
      line(2, "listen: unix:///run/" + m() + ".sock");
      line(2, "svids:");
      line(3, "- path: /" + m());
      line(4, "hint: " + m());
      line(4, "sans:");
      line(5, "dns: [" + m() + ".svc.cluster.local]");
      line(1, "- type: ssh-multiplexer");
      line(2, "destination:");
      line(3, "type: directory");
      line(3, "path: /opt/" + m());
    }

    // Flags that shape the event.
    boolean flagOneshot = coin();
    if (flagOneshot) {
      common.add("--oneshot");
    }
    String flagJoin = null;
    if (random.nextInt(4) == 0) {
      flagJoin = coin() ? pick(JOIN_METHODS) : m();
      common.addAll(List.of("--join-method", flagJoin));
    }
    boolean destinationDir = random.nextInt(3) == 0;
    if (destinationDir) {
      common.addAll(List.of("--destination-dir", "/opt/" + m()));
    }
    String version = pick(List.of(
        "valid", "valid", "marker", "prerelease", "build", "dev-name", "four", "absent"));
    String expectedVersion = "unknown";
    switch (version) {
      case "valid" -> {
        String v = pick(List.of("18.1.0", "v17.4.2", "18.0.0-rc.1", "19.0.0-dev"));
        common.addAll(List.of("--tbot-version", v));
        expectedVersion = v;
      }
      case "marker" -> common.addAll(List.of("--tbot-version", m()));
      case "prerelease" -> common.addAll(List.of("--tbot-version", "18.1.0-" + m()));
      case "build" -> common.addAll(List.of("--tbot-version", "18.1.0+" + m()));
      case "dev-name" -> common.addAll(List.of("--tbot-version", "18.0.0-dev." + m() + ".1"));
      case "four" -> common.addAll(List.of("--tbot-version", "18.1.0." + m()));
      default -> { } // in-process: the project version is unknown outside the jar
    }
    description.append(" version=").append(version);

    // Helper variables: the real wrapper's values, or a marker inside a value the schema rejects.
    String helper = null;
    String helperVersion = null;
    String helperClass = pick(HELPER_CLASSES);
    description.append(" helper=").append(helperClass);
    if (helperClass.equals("good")) {
      env.put("_TBOT_TELEMETRY_HELPER", GOOD_HELPER);
      env.put("_TBOT_TELEMETRY_HELPER_VERSION", GOOD_HELPER_VERSION);
      helper = GOOD_HELPER;
      helperVersion = GOOD_HELPER_VERSION;
    } else if (!helperClass.equals("absent")) {
      env.put("_TBOT_TELEMETRY_HELPER", badHelper(helperClass, m()));
      env.put("_TBOT_TELEMETRY_HELPER_VERSION", badHelper(pick(HELPER_CLASSES.subList(2, HELPER_CLASSES.size())), m()));
    }

    // The ambient environment: identity, OpenTelemetry and tbot's own variables.
    env.put("HOSTNAME", m());
    env.put("USER", m());
    env.put("LOGNAME", m());
    env.put("HOME", "/home/" + m());
    env.put("PWD", "/srv/" + m());
    env.put("OTEL_RESOURCE_ATTRIBUTES", "host.name=" + m() + ",service.name=" + m() + ",deployment.environment=" + m());
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer " + m() + ",x-tenant=" + m());
    env.put("OTEL_EXPORTER_OTLP_LOGS_HEADERS", "x-api-key=" + m());
    env.put("OTEL_SERVICE_NAME", m());
    env.put("TELEPORT_PROXY", m() + ".example.com:443");
    env.put("TBOT_REGISTRATION_SECRET", m());
    env.put("GITHUB_REPOSITORY", m() + "/" + m());
    env.put("CI_PROJECT_PATH", m());

    String expectedJoin = flagJoin != null ? flagJoin : yamlJoin == null ? "token" : yamlJoin;
    if (!JOIN_METHODS.contains(expectedJoin)) {
      expectedJoin = "unknown";
    }
    boolean oneshot = flagOneshot || Boolean.TRUE.equals(yamlOneshot);
    Path config = dir.resolve("tbot-" + index + ".yaml");
    try {
      Files.writeString(config, yaml, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Expected expected = new Expected(
        oneshot ? "one-shot" : "continuous",
        expectedVersion,
        expectedJoin,
        helper,
        helperVersion,
        destinationDir ? 1 + kept[0] : counts[0],
        destinationDir ? kept[1] : counts[1],
        destinationDir ? kept[2] : counts[2],
        destinationDir ? kept[3] : counts[3]);
    common.addAll(0, List.of("-c", config.toString()));
    return new Case(index, description.toString(), config, List.copyOf(common), List.copyOf(endpointArgs),
        Map.copyOf(env), List.copyOf(markers), expected);
  }

  /** The rejected helper classes, plus "good" and "absent" first. */
  static final List<String> HELPER_CLASSES = List.of(
      "good", "absent", "too-long", "control", "newline", "jwt", "github-token", "aws-key", "mixed-run",
      "unicode", "email", "host", "space", "path");

  /** A helper value of the given rejected class with {@code marker} inside. */
  static String badHelper(String kind, String marker) {
    Map<String, Function<String, String>> kinds = Map.ofEntries(
        Map.entry("too-long", s -> "gha:" + s + "/" + "a".repeat(60)),
        Map.entry("control", s -> "gha:" + s + "\u0007"),
        Map.entry("newline", s -> "gha:" + s + "\nx-injected: 1"),
        Map.entry("jwt", s -> "eyJ" + s),
        Map.entry("github-token", s -> "ghp_" + s),
        Map.entry("aws-key", s -> "AKIA" + s),
        Map.entry("mixed-run", s -> s + "0a1b2c3d4e5f6g7h8i9j"),
        Map.entry("unicode", s -> "gha:" + s + "\u2010auth"),
        Map.entry("email", s -> s + "@example.com"),
        Map.entry("host", s -> "gha:" + s + ".corp.internal"),
        Map.entry("space", s -> "gha " + s),
        Map.entry("path", s -> "/home/" + s + "/wrapper"));
    return kinds.get(kind).apply(marker);
  }

  private long[] v2Outputs() {
    long total = 0;
    long db = 0;
    long kube = 0;
    long app = 0;
    int n = random.nextInt(7);
    if (n == 0 && coin()) {
      return new long[] {0, 0, 0, 0};
    }
    line(0, "outputs:");
    for (int i = 0; i < n; i++) {
      String type = pick(List.of("identity", "database", "kubernetes", "kubernetes/v2", "application",
          "ssh_host", "workload-identity-x509", "workload-identity-jwt", "spiffe-svid", "marker"));
      total++;
      switch (type) {
        case "identity" -> {
          line(1, "- type: identity");
          line(2, "cluster: " + m());
          line(2, "allow_reissue: true");
        }
        case "database" -> {
          db++;
          line(1, "- type: database");
          line(2, "service: " + m());
          line(2, "database: " + m());
          line(2, "username: " + m());
          line(2, "format: " + pick(List.of("tls", "mongo", "cockroach")));
        }
        case "kubernetes" -> {
          kube++;
          line(1, "- type: kubernetes");
          line(2, "kubernetes_cluster: " + m());
        }
        case "kubernetes/v2" -> {
          kube++;
          line(1, "- type: kubernetes/v2");
          line(2, "selectors:");
          line(3, "- name: " + m());
          line(3, "- labels:");
          line(5, m() + ": " + m());
        }
        case "application" -> {
          app++;
          line(1, "- type: application");
          line(2, "app_name: " + m());
          line(2, "specific_tls_naming: true");
        }
        case "ssh_host" -> {
          line(1, "- type: ssh_host");
          line(2, "principals: [" + m() + ", " + m() + "]");
        }
        case "workload-identity-x509", "workload-identity-jwt" -> {
          line(1, "- type: " + type);
          line(2, "selector:");
          line(3, coin() ? "name: " + m() : "labels: {" + m() + ": [" + m() + "]}");
          if (type.endsWith("jwt")) {
            line(2, "audiences: [" + m() + "]");
          }
        }
        case "spiffe-svid" -> {
          line(1, "- type: spiffe-svid");
          line(2, "svid:");
          line(3, "path: /" + m());
          line(3, "sans: {dns: [" + m() + ".internal], ip: [10.1.2.3]}");
        }
        default -> line(1, "- type: " + m()); // a kind tbot-otel does not know: counted, never named
      }
      line(2, "roles: [" + m() + ", " + m() + "]");
      line(2, "destination:");
      if (coin()) {
        line(3, "type: directory");
        line(3, "path: /opt/machine-id/" + m());
      } else {
        line(3, "type: kubernetes_secret");
        line(3, "name: " + m());
        line(3, "labels: {" + m() + ": " + m() + "}");
      }
    }
    return new long[] {total, db, kube, app};
  }

  private long[] v1Destinations() {
    int n = random.nextInt(6);
    long db = 0;
    long kube = 0;
    long app = 0;
    if (n == 0 && coin()) {
      return new long[] {0, 0, 0, 0};
    }
    line(0, "destinations:");
    for (int i = 0; i < n; i++) {
      line(1, "- directory:");
      line(3, "path: /opt/machine-id/" + m());
      line(3, "symlinks: try");
      line(2, "roles: [" + m() + "]");
      line(2, "kinds: [ssh, tls]");
      line(2, "configs:");
      line(3, "- ssh_client:");
      line(5, "proxy_port: 443");
      switch (random.nextInt(4)) {
        case 0 -> {
          db++;
          line(2, "database:");
          line(3, "service: " + m());
          line(3, "database: " + m());
          line(3, "username: " + m());
        }
        case 1 -> {
          kube++;
          line(2, "kubernetes_cluster: " + m()); // a string, as tbot's v1 takes it
        }
        case 2 -> {
          app++;
          line(2, "app: " + m());
        }
        default -> { } // an ssh or identity destination
      }
    }
    return new long[] {n, db, kube, app};
  }

  private void line(int indent, String text) {
    yaml.append("  ".repeat(indent)).append(text).append('\n');
  }

  private static String quoted(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
