package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.export.Fault;
import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.SecretShapes;
import com.goteleport.tbot.otel.testing.SecretShapes.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Seeded command lines built from the CLI's own vocabulary (its commands and flags, tbot's flags,
 * exec's and preview's COMMAND, the variables and config it reads), each with one random secret
 * marker ({@link SecretShapes}: a token, letters alone in mixed or lower case, digits, hex,
 * base64 or base64url, a passphrase of words joined by {@code -}, {@code _} or {@code .}) in one
 * role: a value tbot's flag carries, a word a flag given no value swallows, a misplaced word, an
 * endpoint's credentials, query or path, a variable's value, a config's value or broken YAML. At
 * the default level (no --debug) no output of the CLI, stdout (preview's JSON, help) or stderr (a
 * refusal, start's or exec's notice, preview's verdict, exec's "cannot run"), holds any 6
 * characters of the marker in a row (of a passphrase, 6 that hold characters of two of its words:
 * one word is a short word), and a refusal is one line. A run found is checked again on the same
 * line with another secret of its shape: output that holds it for both is the CLI's own wording.
 * {@code -Dechoes.seed=N -Dechoes.lines=N} for others.
 *
 * <p>Not roles here, as shown by design: a flag's name ({@code --SECRET}), the program exec is told
 * to run ({@code exec -- SECRET}: its name is what to fix), a missing file's name with an
 * extension ({@code SECRET.yaml}), an endpoint's host, a variable's name ({@code exec --
 * SECRET=VALUE}: a passphrase joined by '_' is written as one). No line sends beyond a refusing
 * loopback port, and exec starts at most a few dozen processes ({@code true}, or a program not
 * found).
 */
class CommandLinesEchoNoSecretTest {

  private static final long SEED = Long.getLong("echoes.seed", 20270114L);
  private static final int LINES = Integer.getInteger("echoes.lines", 1500);
  // exec runs its COMMAND: only this many lines of each kind reach that (a program that is not
  // found, and true); the others are run as preview, which reads COMMAND as exec does and runs nothing.
  // About one true in three prints exec's notice (the others are refused, or told no).
  private static final int SPAWNS = 24;

  @TempDir static Path dir;
  private static String closed; // an endpoint on a loopback port that refuses connections
  private static String goodConfig;

  @BeforeAll
  static void setUp() throws IOException {
    closed = "http://127.0.0.1:" + Fault.closedPort() + "/v1/logs";
    goodConfig = write("good.yaml", "version: v2\nonboarding:\n  join_method: github\n  token: bot-token\n"
        + "outputs:\n  - type: identity\n    destination:\n      type: directory\n      path: /tmp/id\n");
  }

  /** One generated line: the arguments, the environment, and what holds the marker. */
  private static final class Line {
    final Secret secret;
    final String marker;
    final List<String> args = new ArrayList<>();
    final Map<String, String> env = new TreeMap<>();
    final List<String> notes = new ArrayList<>();

    Line(Secret secret) {
      this.secret = secret;
      this.marker = secret.text();
      notes.add("a secret of shape " + secret.shape());
    }

    String shape() {
      Function<String, String> hide = s -> secret.hiddenIn(s.replace(marker, "SECRET"));
      StringBuilder b = new StringBuilder();
      env.forEach((k, v) -> b.append(k).append('=').append(quote(hide.apply(v))).append(' '));
      b.append("tbot-otel");
      for (String a : args) {
        b.append(' ').append(quote(hide.apply(a)));
      }
      for (String n : notes) {
        b.append("  [").append(hide.apply(n)).append(']');
      }
      return b.toString();
    }
  }

  @Test
  void noLineAtTheDefaultLevelPrintsAnyPartOfItsSecret() throws IOException {
    Random random = new Random(SEED);
    // The failures by what went wrong (the output's words, its secret and paths left out), shortest first.
    Map<String, List<String>> failures = new TreeMap<>();
    Map<Boolean, Integer> spawns = new TreeMap<>(); // by whether the program is true
    int checked = 0;
    Map<String, Integer> seen = new TreeMap<>(); // what the lines came to: each kind must come up
    for (int i = 0; i < LINES; i++) {
      long lineSeed = random.nextLong();
      Line line = line(lineSeed, false);
      List<String> generated = List.copyOf(line.args);
      List<String> command = line.args.contains("exec") ? execCommand(line.args) : null;
      if (command != null) {
        boolean runsTrue = command.get(0).equals("true");
        if (spawns.getOrDefault(runsTrue, 0) < SPAWNS && safeToRun(line, command)) {
          spawns.merge(runsTrue, 1, Integer::sum);
        } else {
          line.args.set(line.args.indexOf("exec"), "preview");
          if (execCommand(line.args) != null) {
            continue;
          }
        }
      }
      if (line.args.contains("exec")) {
        // A line exec refuses while reading its flags (one this model gives no command) runs the
        // words after '--', analytics off: never a tbot, nor one found on PATH.
        int dashes = line.args.indexOf("--");
        if (dashes >= 0 && dashes + 1 < line.args.size() && line.args.get(dashes + 1).equals("tbot")) {
          line.args.set(dashes + 1, "/nonexistent-tbot-otel-test/tbot");
        }
      }
      checked++;
      Cli.Result r = Cli.run(line.env, line.args.toArray(new String[0]));
      seen.merge(outcome(r), 1, Integer::sum);
      String problem = problem(line, r);
      if (problem != null && problem.startsWith("prints")) {
        // The CLI's or a library's fixed wording that happens to hold 6 of its characters (a word
        // of a passphrase, in lower case) holds them for another secret of its shape too: the same
        // line with each letter or digit of the secret replaced by another of its kind.
        Line other = line(lineSeed, true);
        for (int j = 0; j < generated.size(); j++) {
          if (!generated.get(j).equals(line.args.get(j))) {
            other.args.set(j, line.args.get(j)); // as this line was run: exec as preview, tbot not found
          }
        }
        Cli.Result again = Cli.run(other.env, other.args.toArray(new String[0]));
        problem = problem(line, r, again.stdout() + "\n" + again.stderr());
      }
      if (problem != null) {
        String out = line.secret.hiddenIn(r.stdout().replace(line.marker, "SECRET")).strip();
        String err = line.secret.hiddenIn(r.stderr().replace(line.marker, "SECRET")).strip();
        String kind = problem.startsWith("prints") ? (err + " " + out).replaceAll("/\\S*|[0-9]+", "#")
            .replaceAll("^(.{0,70}).*", "$1") : problem;
        failures.computeIfAbsent(kind, k -> new ArrayList<>()).add(line.shape() + "\n    exit " + r.exitCode() + ", "
            + problem.replaceAll("'.*'", "part") + "\n    stdout: " + out + "\n    stderr: " + err);
      }
    }
    List<String> shortest = new ArrayList<>();
    int failed = 0;
    for (List<String> kind : failures.values()) {
      kind.sort(Comparator.comparingInt(String::length));
      shortest.add(kind.get(0) + (kind.size() > 1 ? "\n    (and " + (kind.size() - 1) + " more of this kind)" : ""));
      failed += kind.size();
    }
    shortest.sort(Comparator.comparingInt(String::length));
    int ran = spawns.values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(failures.isEmpty(), failed + " of " + checked + " lines (seed " + SEED + ", " + ran
        + " run by exec) failed; the shortest of each kind:\n" + String.join("\n", shortest));
    assertTrue(checked >= LINES * 9 / 10, "lines checked: " + checked);
    for (String outcome : List.of("a refused flag", "a refused config or endpoint", "a preview", "start's notice",
        "exec's notice", "a command exec cannot run")) {
      assertTrue(seen.getOrDefault(outcome, 0) >= (outcome.contains("exec") ? 3 : 20), outcome + ": " + seen);
    }
  }

  /** What a run came to, to show that the lines reach every kind of output. */
  private static String outcome(Cli.Result r) {
    if (r.exitCode() == 2) {
      return "a refused flag";
    }
    if (r.exitCode() == 1) {
      return "a refused config or endpoint";
    }
    if (r.exitCode() == 126 || r.exitCode() == 127) {
      return "a command exec cannot run";
    }
    if (r.stdout().startsWith("{\"resourceLogs\"")) {
      return "a preview";
    }
    if (r.stderr().contains("Anonymous usage analytics is on")) {
      return r.stderr().contains("in place of 'exec'") ? "exec's notice" : "start's notice";
    }
    return r.stdout().isEmpty() && r.stderr().isEmpty() ? "nothing" : "other";
  }

  /** What is wrong with this run's output, or null. */
  private static String problem(Line line, Cli.Result r) {
    return problem(line, r, "");
  }

  /**
   * What is wrong with this run's output, or null: a run of the secret it prints that {@code
   * fixed} (the output of the same line with another secret of its shape) does not.
   */
  private static String problem(Line line, Cli.Result r, String fixed) {
    String all = r.stdout() + "\n" + r.stderr();
    for (String part : line.secret.runs()) {
      if (all.contains(part) && !fixed.contains(part)) {
        return "prints '" + part + "' of the secret";
      }
    }
    if (r.exitCode() != 0) {
      String err = r.stderr();
      if (err.startsWith("tbot-otel: ") && err.contains("; analytics is off for this run, and the command runs; see ")) {
        err = err.substring(err.indexOf('\n') + 1); // exec's mistake, then the command's own: one line each
      }
      if (!err.startsWith("tbot-otel: ") || err.indexOf('\n') != err.length() - 1) {
        return "a refusal not on one line";
      }
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------
  // The marker

  /**
   * A secret of one of {@link SecretShapes}' shapes (a token, letters alone, digits, hex, base64,
   * a passphrase), as {@code other} the other of its shape: not a flag of its own, nor ending a
   * URL's authority in a way that changes where it is read.
   */
  static Secret marker(Random random, boolean other) {
    while (true) {
      Secret secret = SecretShapes.next(random);
      char first = secret.text().charAt(0);
      if (first != '-' && first != '/') {
        return other ? secret.other() : secret;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Lines

  /** The line of {@code seed}; with {@code other}, the same line with another secret of its shape. */
  private static Line line(long seed, boolean other) throws IOException {
    Random random = new Random(seed);
    Line line = new Line(marker(random, other));
    String m = line.marker;
    consent(random, line);
    int kind = random.nextInt(20);
    if (kind < 6) {
      ownLine(random, line, "start", m);
    } else if (kind < 11) {
      ownLine(random, line, "preview", m);
    } else if (kind < 15) {
      commandLine(random, line, "preview", m);
    } else if (kind < 18) {
      commandLine(random, line, "exec", m);
    } else {
      otherLine(random, line, m);
    }
    return line;
  }

  private static void consent(Random random, Line line) {
    switch (random.nextInt(6)) {
      case 0 -> line.env.put("TELEPORT_ANONYMOUS_TELEMETRY", "1");
      case 1 -> line.env.put("TELEPORT_ANONYMOUS_TELEMETRY", "0");
      case 2 -> line.env.put("DO_NOT_TRACK", "1");
      default -> { }
    }
  }

  /** start or preview with its own flags, one of which (or the environment, or the config) holds the marker. */
  private static void ownLine(Random random, Line line, String command, String m) throws IOException {
    line.args.add(command);
    List<List<String>> pieces = validFlags(random, command);
    if (random.nextInt(3) == 0) {
      // Settings that refuse nothing, so that start prints its notice (preview its JSON).
      pieces.add(List.of("--anonymous-analytics"));
      environment(random, line, m);
    } else {
      pieces.add(random.nextInt(pieces.size() + 1), secretPiece(random, line, m, command));
    }
    if (!command.equals("preview") || random.nextBoolean()) {
      // start sends: only ever to a refusing loopback port. First, so that an endpoint given later wins.
      pieces.add(0, List.of("--anonymous-analytics-endpoint", closed));
      pieces.add(0, List.of("--anonymous-analytics-exit-timeout=" + (random.nextInt(4) == 0 ? "0" : "200ms")));
    }
    for (List<String> p : pieces) {
      line.args.addAll(p);
    }
  }

  /** exec or preview with a COMMAND after its own flags; the marker in COMMAND, or where ownLine puts it. */
  private static void commandLine(Random random, Line line, String command, String m) throws IOException {
    line.args.add(command);
    List<List<String>> pieces = validFlags(random, command);
    pieces.add(0, List.of("--anonymous-analytics-endpoint", closed));
    // exec's notice comes from the thread that resolves the event, which exec waits for at most the
    // exit timeout: long enough for it to print, and a refusing collector ends the wait at once.
    pieces.add(0, List.of("--anonymous-analytics-exit-timeout=" + (command.equals("exec") ? "2s" : "0")));
    boolean inCommand = random.nextInt(3) != 0;
    if (!inCommand && command.equals("exec") && random.nextBoolean()) {
      // exec's own settings that refuse nothing, so that its command runs and its notice is printed.
      pieces.add(List.of("--anonymous-analytics"));
      environment(random, line, m);
    } else if (!inCommand) {
      pieces.add(random.nextInt(pieces.size() + 1), secretPiece(random, line, m, command));
    }
    for (List<String> p : pieces) {
      line.args.addAll(p);
    }
    if (random.nextInt(8) != 0) {
      line.args.add("--");
    }
    List<String> tail = inCommand ? secretCommand(random, line, m) : plainCommand(random);
    if (command.equals("exec") && tail.equals(List.of("true")) && !line.env.containsKey("TBOT_CONFIG")
        && !line.env.containsKey("TBOT_CONFIG_PATH")) {
      // A command that names no tbot is counted only from a config exec sees: its own -c, given
      // first, so that a -c among the pieces wins. Else exec's notice is never printed for it.
      line.args.addAll(1, List.of("-c", goodConfig));
    }
    line.args.addAll(tail);
  }

  private static void otherLine(Random random, Line line, String m) {
    switch (random.nextInt(12)) {
      case 0 -> line.args.addAll(List.of(m));
      case 1 -> line.args.addAll(List.of("help", m));
      case 2 -> line.args.addAll(List.of("help", "start", m));
      case 3 -> line.args.addAll(List.of("strt", m));
      case 4 -> line.args.addAll(List.of("prevew", "-c", m));
      case 5 -> line.args.addAll(List.of("exce" + m));
      case 6 -> line.args.addAll(List.of("--token=" + m));
      case 7 -> line.args.addAll(List.of("--version", m));
      case 8 -> line.args.addAll(List.of("-V" + m));
      case 9 -> line.args.addAll(List.of("--help=" + m));
      case 10 -> line.args.addAll(List.of("version", m));
      default -> line.args.addAll(List.of("-h", "--token", m));
    }
  }

  /** A few of the command's flags with valid values, in random order; each a piece to keep whole. */
  private static List<List<String>> validFlags(Random random, String command) {
    List<List<String>> all = new ArrayList<>(List.of(
        List.of("--anonymous-analytics"), List.of("--oneshot"), List.of("--no-oneshot"),
        List.of("--join-method", "github"), List.of("--join-method=token"), List.of("--destination-dir", "/tmp/out"),
        List.of("--tbot-version", "18.1.0"), List.of("-c", goodConfig), List.of("--config=" + goodConfig),
        List.of("--anonymous-analytics=true"), List.of("--no-anonymous-analytics"), List.of("--oneshot=false")));
    if (!command.equals("start")) {
      all.add(List.of("--keep-tbot-telemetry"));
    }
    List<List<String>> chosen = new ArrayList<>();
    for (int n = random.nextInt(4); n > 0; n--) {
      chosen.add(all.get(random.nextInt(all.size())));
    }
    return chosen;
  }

  /** A piece of tbot-otel's own command line, or an environment's or config's value, holding {@code m}. */
  private static List<String> secretPiece(Random random, Line line, String m, String command) throws IOException {
    String[] tbotFlags = {"--token", "--join-token", "--registration-secret", "--ca-pin", "--proxy-server",
        "--auth-server", "--data-dir", "--config-string", "--join-uri", "--certificate-ttl", "--renewal-interval"};
    String[] ownValueFlags = {"-c", "--config", "--join-method", "--destination-dir", "--tbot-version",
        "--anonymous-analytics-endpoint", "--anonymous-analytics-exit-timeout"};
    String[] booleans = {"--anonymous-analytics", "--no-anonymous-analytics", "--oneshot", "--no-oneshot", "--help",
        "--version", command.equals("start") ? "--oneshot" : "--keep-tbot-telemetry"};
    String flag = tbotFlags[random.nextInt(tbotFlags.length)];
    String own = ownValueFlags[random.nextInt(ownValueFlags.length)];
    String value = flag.equals("--join-uri") ? joinUri(random, m) : m;
    switch (random.nextInt(16)) {
      case 0: // tbot's flag, its value attached
        return List.of(flag + "=" + value);
      case 1: // tbot's flag and its value
        return List.of(flag, value);
      case 2: // tbot's short flags
        return random.nextBoolean() ? List.of("-t" + m) : List.of("-t", m);
      case 3: // a flag of ours given no value takes the next word: tbot's flag and its value
        return random.nextBoolean() ? List.of(own, flag + "=" + value)
            : random.nextBoolean() ? List.of(own, "-t" + m) : List.of(own, flag, value);
      case 4: // a flag of ours given a word that is no value of its own
        return random.nextBoolean() ? List.of(own, m) : List.of(own + "=" + m);
      case 5: // a boolean of ours given a value
        return random.nextBoolean() ? List.of(booleans[random.nextInt(booleans.length)] + "=" + m)
            : List.of(booleans[random.nextInt(booleans.length)], m);
      case 6: // a bad duration
        String[] durations = {m, m + "ms", "30s" + m, "1." + m, m + "s"};
        return List.of("--anonymous-analytics-exit-timeout", durations[random.nextInt(durations.length)]);
      case 7: // a bad, or credential-bearing, endpoint
        return random.nextBoolean() ? List.of("--anonymous-analytics-endpoint", endpoint(random, m))
            : List.of("--anonymous-analytics-endpoint=" + endpoint(random, m));
      case 8: // a misplaced word
        return List.of(m);
      case 9: // a flag twice, the second with the secret
        return List.of(own, own.startsWith("-c") || own.equals("--config") ? goodConfig : "github", own, m);
      case 10: // a config path that does not exist
        line.notes.add("missing config");
        return random.nextBoolean() ? List.of("-c", dir.resolve("missing").resolve(m).toString())
            : List.of("--config=" + m);
      case 11: // clustered short flags, the secret attached
        return List.of("-hc" + m);
      case 12: // the environment
        environment(random, line, m);
        return List.of();
      default: // the config: a file, or TBOT_CONFIG
        String yaml = yaml(random, m, line);
        if (random.nextBoolean()) {
          return List.of("-c", write("c" + Math.abs(random.nextLong()) + ".yaml", yaml));
        }
        line.env.put("TBOT_CONFIG", base64(yaml));
        return List.of();
    }
  }

  private static void environment(Random random, Line line, String m) {
    switch (random.nextInt(16)) {
      case 0 -> line.env.put("TELEPORT_ANONYMOUS_TELEMETRY", m);
      case 1 -> line.env.put("DO_NOT_TRACK", m);
      case 2 -> line.env.put("OTEL_SDK_DISABLED", m);
      case 3, 4 -> line.env.put("TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS", endpoint(random, m));
      // The helper's screen (docs/attributes.md, shared with the collector's configs) takes for a
      // token a run of 20 letters and digits mixing both once '.', '_' and '-' are taken out, or
      // nine digits in a row (this check asks for ten, which the screen takes too; its other rules
      // are not needed here): a '/' may split a token into runs it takes for words, and letters
      // alone (sEcReTtOkEn..., correct-horse-battery-staple) or fewer than 20 (a 22-character
      // token with 3 '_') are a wrapper's name to it. Known gaps of the screen, not of the CLI:
      // here the token is one run of the shape it documents, and any other secret plays tbot's
      // token instead.
      case 5 -> {
        String helper = m.replace('/', '_');
        String run = helper.replaceAll("[._-]", "");
        boolean screened = run.length() >= 20 && run.matches(".*[0-9].*") && run.matches(".*[A-Za-z].*")
            || helper.matches(".*[0-9]{10}.*") || !run.matches("[A-Za-z0-9]*"); // digits; + or =, refused
        line.env.put(screened ? "_TBOT_TELEMETRY_HELPER" : "TELEPORT_BOT_TOKEN",
            (random.nextBoolean() ? "" : "gha:") + helper);
      }
      case 6 -> line.env.put("_TBOT_TELEMETRY_HELPER_VERSION", random.nextBoolean() ? m : "v2.0.1-" + m);
      case 7 -> line.env.put("TELEPORT_BOT_TOKEN", m);
      case 8 -> line.env.put("TBOT_CONFIG", m);
      case 9 -> line.env.put("TBOT_CONFIG_PATH", m);
      case 10 -> line.env.put("HTTPS_PROXY", "http://bot:" + m + "@proxy.example.com:3128");
      case 11 -> line.env.put("HTTPS_PROXY",
          random.nextBoolean() ? m : "socks5://bot:" + m + "@proxy.example.com:1080");
      case 12 -> line.env.put("NO_PROXY", m);
      case 13 -> line.env.put("OTEL_EXPORTER_OTLP_HEADERS", "authorization=" + m);
      case 14 -> line.env.put("OTEL_RESOURCE_ATTRIBUTES", "service.name=" + m);
      default -> line.env.put("TBOT_CONFIG", base64(yaml(random, m, line)));
    }
    if (random.nextBoolean()) {
      line.env.put("TELEPORT_ANONYMOUS_TELEMETRY", line.env.getOrDefault("TELEPORT_ANONYMOUS_TELEMETRY", "1"));
    }
  }

  /** An endpoint holding {@code m}: credentials, a query, a fragment, a path, a port; or {@code m} itself. */
  private static String endpoint(Random random, String m) {
    String base = closed.substring(0, closed.indexOf("/v1/logs"));
    String[] all = {
      "http://bot:" + m + "@127.0.0.1:4318/v1/logs", "http://" + m + "@127.0.0.1:4318/v1/logs",
      base + "/v1/logs?token=" + m, base + "/v1/logs?" + m, base + "/v1/logs#" + m, base + "/" + m + "/v1/logs",
      base + "/v1/logs/" + m, "http://127.0.0.1:" + m + "/v1/logs", m, "ftp://" + m + "@example.com/",
      "http://[" + m + "]/v1/logs", "http://127.0.0.1:4318/v1/logs " + m,
    };
    return all[random.nextInt(all.length)];
  }

  private static String joinUri(Random random, String m) {
    String[] all = {"tbot+proxy+token://" + m + "@example.teleport.sh:443",
        "tbot+auth+bound-keypair://bot:" + m + "@auth.example.com:3025", "tbot+proxy+" + m + "://tok@example.com",
        m};
    return all[random.nextInt(all.length)];
  }

  /** tbot's YAML with {@code m} in a value, a key, a tag or broken syntax. */
  private static String yaml(Random random, String m, Line line) {
    String yes = random.nextBoolean() ? "anonymous_analytics: true\n" : "";
    String q = m.replace("\\", "");
    String[] all = {
      "version: v2\nonboarding:\n  join_method: token\n  token: " + q + "\nproxy_server: example.com:443\n"
          + "outputs:\n  - type: identity\n    destination:\n      type: directory\n      path: /opt/" + q + "\n",
      "version: " + q + "\n",
      "onboarding: " + q + "\n",
      "anonymous_analytics: " + q + "\n",
      "anonymous_analytics: \"" + q + "\"\n",
      "anonymous_analytics: !!bool " + q + "\n",
      "anonymous_analytics_endpoint: " + endpoint(random, m) + "\n",
      "join_uri: tbot+proxy+token://" + q + "@example.com:443\n",
      "join_uri: " + q + "\n",
      "oneshot: " + q + "\n",
      "version: v2\noutputs:\n  - type: " + q + "\n    destination:\n      type: directory\n      path: /x\n",
      "version: v2\noutputs: " + q + "\n",
      "onboarding:\n  token: [" + q + "]\n",
      "onboarding:\n  token: \"" + q + "\n",
      q + ": [\n",
      "token: *" + q.replaceAll("[^A-Za-z0-9]", "") + "\n",
      "token: !" + q.replaceAll("[^A-Za-z0-9]", "") + "! x\n",
      "token: \"\\q" + q + "\"\n",
      q + "\n",
      "- " + q + "\n",
      q + ":\n\t- x\n",
      "token: " + q + "\n x: y\n",
      "{" + q + "\n",
      "token: !!binary " + q + "\n",
      "oneshot: !!int " + q + "\n",
      q + ": 1\n" + q + ": 2\n",
      "? [" + q + "]\n: x\n",
      "%TAG !" + q.replaceAll("[^A-Za-z0-9]", "") + "! tag:x\n---\ntoken: x\n",
      "anonymous_analytics: true\n---\n" + q + "\n",
      "token: '" + q + "'\n\ttail: x\n",
      "storage:\n  type: directory\n  path: " + q + "\nproxy_server: " + q + ":443\n",
    };
    int i = random.nextInt(all.length);
    line.notes.add("yaml #" + i);
    return yes + all[i];
  }

  // ---------------------------------------------------------------------------------------------
  // COMMAND, for exec and preview

  private static List<String> plainCommand(Random random) {
    return random.nextBoolean() ? List.of("tbot", "start", "-c", goodConfig) : List.of("true");
  }

  private static List<String> secretCommand(Random random, Line line, String m) throws IOException {
    List<String> tbot = new ArrayList<>(List.of("tbot"));
    switch (random.nextInt(4)) {
      case 0 -> tbot.add("start");
      case 1 -> tbot.addAll(List.of("start", "identity", "--destination", "./id"));
      case 2 -> tbot.addAll(List.of("start", "-c", goodConfig));
      default -> tbot.addAll(List.of("start", "--oneshot"));
    }
    String[] flags = {"--token", "--registration-secret", "--ca-pin", "--proxy-server", "--auth-server",
        "--data-dir", "--destination-dir", "--join-method", "--config-string", "-c", "--config", "--join-uri",
        "--certificate-ttl", "--storage", "--anonymous-analytics-endpoint"};
    String flag = flags[random.nextInt(flags.length)];
    String value = flag.equals("--join-uri") ? joinUri(random, m)
        : flag.equals("--config-string") && random.nextBoolean() ? base64(yaml(random, m, line)) : m;
    List<String> secret = switch (random.nextInt(5)) {
      case 0 -> List.of(flag, value);
      case 1 -> List.of(flag + "=" + value);
      case 2 -> List.of(m); // a stray word
      case 3 -> List.of("-t" + m);
      default -> List.of("--debug", flag, value);
    };
    List<String> tail = new ArrayList<>(tbot);
    tail.addAll(random.nextInt(1 + tail.size() - 1) + 1, secret);
    String joined = String.join(" ", tail);
    String sq = joined.replace("'", "");
    return switch (random.nextInt(12)) {
      case 0, 1, 2 -> tail;
      case 3 -> concat(List.of("env", "TELEPORT_BOT_TOKEN=" + m), tbot);
      case 4 -> concat(List.of("TELEPORT_BOT_TOKEN=" + m), tbot);
      case 5 -> concat(List.of("env", "-S", "TELEPORT_BOT_TOKEN=" + m + " " + String.join(" ", tbot)), List.of());
      case 6 -> List.of("sh", "-c", sq);
      case 7 -> List.of("sh", "-c", "exec " + sq + " >> tbot.log 2>&1");
      case 8 -> concat(List.of("--token=" + m), tbot);
      case 9 -> concat(List.of("-t" + m), tbot);
      case 10 -> concat(List.of("sudo", "-u", "bot"), tail);
      default -> concat(List.of("tbot", m), tbot.subList(1, tbot.size()));
    };
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  // ---------------------------------------------------------------------------------------------
  // Running

  /** The COMMAND exec would start for this line, or null where picocli would not call exec. */
  private static List<String> execCommand(List<String> args) {
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    CliContext ctx = new CliContext(Map.of(), sink, sink, false);
    CommandLine cli = new CommandLine(new TbotOtelCommand())
        .addSubcommand("start", new StartCommand(ctx))
        .addSubcommand("preview", new PreviewCommand(ctx))
        .addSubcommand("exec", new ExecCommand(ctx))
        .setOverwrittenOptionsAllowed(true)
        .setExpandAtFiles(false);
    try {
      CommandLine.ParseResult parsed = cli.parseArgs(args.toArray(new String[0]));
      CommandLine.ParseResult sub = parsed.subcommand();
      boolean runs = !parsed.isUsageHelpRequested() && !parsed.isVersionHelpRequested() && sub != null
          && sub.commandSpec().name().equals("exec") && !sub.isUsageHelpRequested() && !sub.isVersionHelpRequested()
          && sub.hasMatchedPositional(0);
      return runs ? sub.matchedPositional(0).getValue() : null;
    } catch (CommandLine.ParameterException refused) {
      return null;
    }
  }

  /**
   * Whether exec may start this COMMAND here: a program that cannot be found (tbot is not installed
   * on a build host; a word holding the secret), or {@code true}; never a launcher or shell.
   */
  private static boolean safeToRun(Line line, List<String> command) {
    // COMMAND is the line's tail: everything from exec's first word that is no option of its own.
    int at = line.args.size() - command.size();
    String program = command.get(0);
    if (program.equals("tbot")) {
      line.args.set(at, "/nonexistent-tbot-otel-test/tbot");
      return true;
    }
    // A word that holds the secret as a flag's value or a variable's, as exec is given it by
    // mistake; not the secret as the program itself: the program is named, as what to fix.
    return program.equals("true")
        || program.contains(line.marker) && (program.startsWith("-") || program.contains("="));
  }

  private static String write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file.toString();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String quote(String word) {
    return word.isEmpty() || word.matches(".*[\\s'\"].*") ? "'" + word.replace("'", "'\\''") + "'" : word;
  }
}
