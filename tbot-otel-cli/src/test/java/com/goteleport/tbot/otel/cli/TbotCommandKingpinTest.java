package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.goteleport.tbot.otel.config.TbotConfigReader;
import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.DestinationCounts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@link TbotCommand} against the real kingpin parser: a few thousand generated tbot command lines
 * are parsed by {@code src/test/go/kingpin-model} (tbot's command tree and flags, parsed by kingpin
 * v2.4.0, which stands in for Teleport's fork; docs/testing.md) and read by TbotCommand. Where
 * kingpin refuses a line, exec must record nothing, but for the leniencies TbotCommand documents
 * ({@link #leniency}); where kingpin accepts a start, exec must count it, as the same command
 * (classic or KIND, and the outputs it adds), run mode, config and join method. The model is built
 * with {@code go build} once and cached outside the repository; without Go the test fails.
 */
class TbotCommandKingpinTest {

  private static final Path MODEL_DIR = Path.of("src/test/go/kingpin-model");
  private static final long SEED = Long.getLong("kingpin.seed", 20261205L);
  private static final int LINES = Integer.getInteger("kingpin.lines", 4000);

  // Words a newer tbot may take as a KIND or a flag's value, which exec does not judge.
  private static final String FUTURE_KIND = "future-kind";
  // What a KIND's name looks like (kubernetes/v2, workload-identity-x509): lower case, digits, '-', '/'.
  private static final Pattern KIND_SHAPE = Pattern.compile("[a-z][a-z0-9/-]*");
  private static final Pattern UNKNOWN_FLAG = Pattern.compile("unknown (long|short) flag '(--?)(.*)'");

  // Flags exec knows as tbot's: the bools TbotCommand knows and TbotArgs' flags with values, and kingpin's own.
  private static final Set<String> EXEC_BOOLS = Set.of("debug", "fips", "trace", "insecure", "oneshot", "scoped");
  private static final Set<String> KINGPIN_OWN = Set.of("help", "help-long", "help-man", "completion-bash",
      "completion-script-bash", "completion-script-zsh");
  private static final Set<Character> EXEC_SHORTS = Set.of('c', 'a', 'o', 'd', 'h');

  @Test
  void readsCommandLinesAsKingpinDoes() throws Exception {
    List<List<String>> lines = generate(new Random(SEED), LINES);
    List<Map<String, Object>> parsed = kingpin(lines);
    Map<String, Integer> tally = new TreeMap<>();
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String mismatch = compare(lines.get(i), parsed.get(i), tally);
      if (mismatch != null) {
        tally.merge("MISMATCH " + parsed.get(i).get("err"), 1, Integer::sum);
      }
      if (mismatch != null && mismatches.size() < 25) {
        mismatches.add(String.join(" ", lines.get(i)) + "\n    kingpin: " + parsed.get(i) + "\n    " + mismatch);
      }
    }
    assertTrue(mismatches.isEmpty(), mismatches.size() + " mismatches (first ones), tally " + tally + ":\n"
        + String.join("\n", mismatches));
    // The lines must cover both sides, or the comparison proves little.
    assertTrue(tally.getOrDefault("accepted start", 0) > LINES / 8, tally.toString());
    assertTrue(tally.getOrDefault("refused, not counted", 0) > LINES / 8, tally.toString());
  }

  /** The model's verdicts on a few lines whose outcome in tbot is known (TbotCommandTest's). */
  @Test
  void theModelReadsKnownLinesAsTbotDoes() throws Exception {
    List<Map<String, Object>> parsed = kingpin(List.of(
        List.of("start", "--oneshot", "--", "app"), List.of("start", "--oneshot=true"),
        List.of("start", "-c", "tbot.yaml"), List.of("start", "db", "--destination", "d", "--service", "s",
            "--username", "u", "--database", "b"), List.of("--", "start", "-c", "x"), List.of("version")));
    assertEquals("unexpected app", parsed.get(0).get("err"));
    assertEquals("unexpected true", parsed.get(1).get("err"));
    assertEquals("start legacy", parsed.get(2).get("command"));
    assertEquals("tbot.yaml", parsed.get(2).get("config"));
    assertEquals("start database", parsed.get(3).get("command"));
    assertEquals("unexpected -c", parsed.get(4).get("err"));
    assertEquals("version", parsed.get(5).get("command"));
  }

  /**
   * Join methods the schema knows that the model's {@code --join-method} does not take, with why.
   * Each must still be missing from the model, so none stays here once the model has it.
   */
  private static final Map<String, String> NOT_IN_THE_MODEL = Map.of("generic_oidc",
      "the model follows tbot.mdx as generated at 0082105, whose flag lists no generic_oidc; tbot's"
          + " SupportedJoinMethods has it later (onboarding/config.go at 0429798, which the join-URI model follows)");

  /**
   * The model's {@code --join-method} takes the schema's join methods (both follow tbot's
   * SupportedJoinMethods, which tbot's flag takes), but for {@link #NOT_IN_THE_MODEL}: a method
   * added to the schema fails here until the model has it too, or this names why not.
   */
  @Test
  void tbotsFlagTakesTheSchemasJoinMethods() throws IOException {
    Matcher list = Pattern.compile("var joinMethods = \\[]string\\{([^}]*)}")
        .matcher(Files.readString(MODEL_DIR.resolve("main.go"), StandardCharsets.UTF_8));
    assertTrue(list.find(), "main.go's joinMethods");
    List<String> flag = Pattern.compile("\"([^\"]+)\"").matcher(list.group(1)).results().map(m -> m.group(1)).toList();
    assertTrue(flag.size() > 10, "joinMethods read: " + flag);
    Set<String> schema = new TreeSet<>(Attribute.JOIN_TYPE.allowedValues());
    schema.remove(Attribute.UNKNOWN);
    schema.removeAll(NOT_IN_THE_MODEL.keySet());
    assertEquals(schema, new TreeSet<>(flag), "main.go's joinMethods against the schema's (Attribute.JOIN_TYPE), but for"
        + " NOT_IN_THE_MODEL " + NOT_IN_THE_MODEL.keySet() + " (docs/testing.md, Changing the event schema)");
  }

  /**
   * The generator tries every KIND of the model, by name and alias, and none it lacks (but {@code
   * FUTURE_KIND}): a KIND added to the model alone would never be parsed here.
   */
  @Test
  void theGeneratorTriesEveryKindOfTheModel() throws IOException {
    String source = Files.readString(MODEL_DIR.resolve("main.go"), StandardCharsets.UTF_8);
    Matcher command = Pattern.compile("parent\\.Command\\(\"([^\"]+)\", \"\"\\)((?:\\.\\w+\\([^)]*\\))*)").matcher(source);
    Set<String> model = new TreeSet<>();
    while (command.find()) {
      model.add(command.group(1));
      Pattern.compile("\\.Alias\\(\"([^\"]+)\"\\)").matcher(command.group(2)).results().forEach(a -> model.add(a.group(1)));
    }
    assertTrue(model.size() > 20, "the model's KINDs read: " + model);
    Set<String> generated = new TreeSet<>(KINDS.keySet());
    generated.remove(FUTURE_KIND);
    assertEquals(model, generated, "the KINDs of " + MODEL_DIR + "/main.go's kinds() against KINDS here (docs/testing.md,"
        + " When tbot gains an output type or a start KIND)");
  }

  /** Why {@code line} is a mismatch, or {@code null}; counts what it was in {@code tally}. */
  private static String compare(List<String> args, Map<String, Object> k, Map<String, Integer> tally) {
    List<String> line = new ArrayList<>();
    line.add("tbot");
    line.addAll(args);
    TbotCommand what = TbotCommand.of(line);
    String command = (String) k.get("command");
    if (!Boolean.TRUE.equals(k.get("ok")) || !command.startsWith("start ")) {
      if (!what.counted()) {
        tally.merge(Boolean.TRUE.equals(k.get("ok")) ? "other command, not counted" : "refused, not counted", 1, Integer::sum);
        return null;
      }
      String leniency = leniency(k, args);
      if (leniency != null) {
        tally.merge("refused, counted: " + leniency, 1, Integer::sum);
        return null;
      }
      return "kingpin refuses it (or runs no start), but exec counts it: " + what.describe();
    }
    tally.merge("accepted start", 1, Integer::sum);
    if (!what.counted()) {
      return "kingpin accepts a start, but exec records nothing: " + what.whyNotCounted();
    }
    String kind = command.substring("start ".length());
    boolean legacy = kind.equals("legacy");
    if (what.legacyStart() != legacy) {
      return "exec reads the classic start as " + what.legacyStart() + ", kingpin runs " + command;
    }
    DestinationCounts outputs = legacy ? DestinationCounts.NONE
        : KIND_TYPES.containsKey(kind) ? TbotConfigReader.oneOutput(KIND_TYPES.get(kind))
        : Boolean.TRUE.equals(k.get("destination")) ? TbotConfigReader.oneOutput(kind) : DestinationCounts.NONE;
    if (!outputs.equals(what.outputs())) {
      return "outputs " + what.outputs() + ", kingpin's " + command + " adds " + outputs;
    }
    ChildArgs childArgs = ChildArgs.parse(line);
    Boolean oneshot = StartFlags.merge(new AnalyticsOptions(), childArgs, what).oneshot();
    Boolean kingpinOneshot = legacy
        ? (Boolean.TRUE.equals(k.get("oneshotSet")) ? (Boolean) k.get("oneshot") : null)
        : (Boolean.TRUE.equals(k.get("oneshot")) ? Boolean.TRUE : null);
    if (!Objects.equals(oneshot, kingpinOneshot)) {
      return "run mode over the config's: exec " + oneshot + ", kingpin " + kingpinOneshot;
    }
    String config = Boolean.TRUE.equals(k.get("configSet")) ? (String) k.get("config") : null;
    if (!Objects.equals(config, childArgs.config())) {
      return "config: exec " + childArgs.config() + ", kingpin " + config;
    }
    if (!Boolean.TRUE.equals(k.get("joinUriSet"))) {
      String method = Boolean.TRUE.equals(k.get("joinMethodSet")) ? (String) k.get("joinMethod") : null;
      if (!Objects.equals(method, childArgs.joinMethod())) {
        return "join method: exec " + childArgs.joinMethod() + ", kingpin " + method;
      }
    }
    return null;
  }

  /**
   * Which of TbotCommand's leniencies a line kingpin refuses is, or {@code null}: a flag exec does
   * not know (a newer tbot's, which may take the next word as its value), a word that may be a
   * newer tbot's KIND, and what exec does not validate: a flag's value (enum, duration) and a
   * KIND's required flags. tbot exits at once on those, and a start counts only once tbot has run
   * a second or exited with 0 (docs/cli.md).
   */
  private static String leniency(Map<String, Object> k, List<String> line) {
    String err = (String) k.get("err");
    if (err == null) {
      return null; // help, completion: kingpin printed and exited 0
    }
    Matcher unknown = UNKNOWN_FLAG.matcher(err);
    if (unknown.matches()) {
      return execKnows(unknown.group(2) + unknown.group(3)) ? null : "a flag exec does not know";
    }
    if (err.startsWith("unexpected ")) {
      String word = err.substring("unexpected ".length());
      List<TbotArgs.Arg> args = TbotArgs.split(line);
      // The word after start, which exec takes for a KIND it does not know (a newer tbot's), and
      // counts: kingpin's start has no such KIND (tbot start future-kind, tbot start true). Only one
      // of a KIND's shape: no tbot has a KIND named tbot.yaml or Foo.
      int start = 0;
      while (start < args.size() && !args.get(start).isWord()) {
        start++;
      }
      for (int a = start + 1; a < args.size(); a++) {
        if (args.get(a).isWord()) {
          if (args.get(start).value().equals("start") && args.get(a).value().equals(word)
              && (!KINDS.containsKey(word) || word.equals(FUTURE_KIND)) && KIND_SHAPE.matcher(word).matches()) {
            return "a KIND exec does not know";
          }
          break;
        }
      }
      // A word right after a flag exec does not know may be its value in a newer tbot ('--' between
      // or not): kingpin refuses it when that flag takes none (--scoped x, --allow-reissue x).
      for (int a = 1; a < args.size(); a++) {
        TbotArgs.Arg before = args.get(a - 1);
        if (args.get(a).isWord() && args.get(a).value().equals(word) && !before.isWord() && before.value() == null
            && !TbotArgs.ARGS_FILE.equals(before.flag()) && !execKnows("--" + before.flag())) {
          return "a word after a flag exec does not know";
        }
      }
    }
    if (err.startsWith("enum value must be one of") || err.startsWith("time: ")) {
      return "a flag's value";
    }
    if (err.startsWith("required flag")) {
      return "a KIND's required flag";
    }
    return null;
  }

  /** Whether exec knows {@code flag} ({@code --name} or {@code -x}) as tbot's: whether it takes a value. */
  private static boolean execKnows(String flag) {
    if (!flag.startsWith("--")) {
      return flag.length() == 2 && EXEC_SHORTS.contains(flag.charAt(1));
    }
    String name = flag.substring(2);
    return EXEC_BOOLS.contains(name.startsWith("no-") ? name.substring(3) : name) || TbotArgs.takesValue(name)
        || KINGPIN_OWN.contains(name);
  }

  // tbot start KIND (by kingpin's name) with an output of one access kind: its config type.
  private static final Map<String, String> KIND_TYPES = Map.of(
      "database", "database", "kubernetes", "kubernetes", "kubernetes/v2", "kubernetes/v2",
      "application", "application");

  // ---- the generator ----

  // KIND names and aliases, each with the flags its kingpin command requires.
  private static final Map<String, List<String>> KINDS = Map.ofEntries(
      Map.entry("legacy", List.of()),
      Map.entry("identity", List.of("--destination")), Map.entry("id", List.of("--destination")),
      Map.entry("ssh", List.of("--destination")),
      Map.entry("database", List.of("--destination", "--service", "--username", "--database")),
      Map.entry("db", List.of("--destination", "--service", "--username", "--database")),
      Map.entry("kubernetes", List.of("--destination", "--kubernetes-cluster")),
      Map.entry("k8s", List.of("--destination", "--kubernetes-cluster")),
      Map.entry("kubernetes/v2", List.of("--destination")), Map.entry("k8s/v2", List.of("--destination")),
      Map.entry("application", List.of("--destination", "--app")), Map.entry("app", List.of("--destination", "--app")),
      Map.entry("application-tunnel", List.of("--listen", "--app")), Map.entry("app-tunnel", List.of("--listen", "--app")),
      Map.entry("database-tunnel", List.of("--listen", "--service", "--username", "--database")),
      Map.entry("db-tunnel", List.of("--listen", "--service", "--username", "--database")),
      Map.entry("application-proxy", List.of("--listen")), Map.entry("app-proxy", List.of("--listen")),
      Map.entry("spiffe-svid", List.of("--destination", "--svid-path")),
      Map.entry("workload-identity-x509", List.of("--destination")),
      Map.entry("workload-identity-api", List.of("--listen")),
      Map.entry("workload-identity-jwt", List.of("--destination", "--audience")),
      Map.entry("workload-identity-aws-roles-anywhere",
          List.of("--destination", "--role-arn", "--profile-arn", "--trust-anchor-arn")),
      Map.entry("ssh-multiplexer", List.of("--destination")),
      Map.entry("noop", List.of()), Map.entry("no-op", List.of()), Map.entry(FUTURE_KIND, List.of()));
  private static final List<String> KIND_NAMES = KINDS.keySet().stream().sorted().toList();

  // Flags of tbot and others, as groups of arguments: global ones, start's (legacy's and the KINDs'
  // shared ones), bool values, unknown flags, short bundles.
  private static final String[][] GLOBAL_FLAGS = {
      {"-d"}, {"--debug"}, {"--no-debug"}, {"-c", "tbot.yaml"}, {"-ctbot.yaml"}, {"--config", "a.yaml"},
      {"--config=b.yaml"}, {"-c=c.yaml"}, {"-dc", "d.yaml"}, {"-dce.yaml"}, {"--fips"}, {"--insecure"},
      {"--no-insecure"}, {"--log-format", "json"}, {"--log-format=text"}, {"--log-format", "xml"}, {"--trace"},
      {"--config-string", "e30="}, {"--cpu-profile", "cpu.prof"}, {"--mem-profile=m"}, {"--debug=true"},
      {"--insecure="}, {"--config="}, {"-c", "--", "f.yaml"}};
  private static final String[][] START_FLAGS = {
      {"--oneshot"}, {"--no-oneshot"}, {"--oneshot=false"}, {"--oneshot=true"}, {"--join-method", "github"},
      {"--join-method=token"}, {"--join-method", "bogus"}, {"--token", "abc"}, {"--token="}, {"--ca-pin", "sha256:1"},
      {"--certificate-ttl", "1h"}, {"--renewal-interval=20m"}, {"--renewal-interval", "soon"},
      {"--join-uri", "tbot+proxy+bound-keypair://bot@example.com:443"}, {"--destination-dir", "./out"},
      {"--data-dir=/var/lib/tbot"}, {"--destination", "./d"}, {"--storage", "file:///s"}, {"--pid-file", "/run/t.pid"},
      {"-a", "auth:3025"}, {"-aauth:3025"}, {"--auth-server=auth:3025"}, {"--proxy-server", "p:443"},
      {"--diag-addr", "127.0.0.1:3001"}, {"--scoped"}, {"--reader-user", "bob"}, {"--cluster", "leaf"}};
  private static final String[][] OTHER_FLAGS = {
      {"--future-flag"}, {"--future-flag", "fv"}, {"--future-flag=fv"}, {"-t", "tok"}, {"--no-config"},
      {"--no-token"}, {"-o", "out.yaml"}, {"--output=out.yaml"}, {"-x"}, {"-dx"}, {"--help"}, {"-h"},
      {"--completion-bash"}, {"@tbot.args"}};
  private static final String[] STRAY_WORDS = {"app", "true", "start", "x", FUTURE_KIND, "legacy", "db", "tbot.yaml",
      "Foo"};
  private static final String[] OTHER_COMMANDS = {"version", "init", "configure", "migrate", "db", "proxy", "help",
      "wait", "spiffe-inspect", "keypair", "START", "tpm", FUTURE_KIND};

  /** {@code n} command lines (the arguments after tbot), from {@code random}. */
  static List<List<String>> generate(Random random, int n) {
    List<List<String>> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<String[]> items = new ArrayList<>();
      for (int g = random.nextInt(3); g > 0; g--) {
        items.add(pick(random, random.nextInt(5) == 0 ? OTHER_FLAGS : GLOBAL_FLAGS));
      }
      boolean start = random.nextInt(10) < 8;
      items.add(new String[] {start ? "start" : OTHER_COMMANDS[random.nextInt(OTHER_COMMANDS.length)]});
      if (start) {
        if (random.nextInt(4) == 0) { // a flag before the KIND
          items.add(pick(random, random.nextBoolean() ? START_FLAGS : GLOBAL_FLAGS));
        }
        String kind = random.nextInt(3) == 0 ? null : KIND_NAMES.get(random.nextInt(KIND_NAMES.size()));
        if (kind != null) {
          items.add(new String[] {kind});
          for (String required : KINDS.get(kind)) {
            if (random.nextInt(12) != 0) {
              items.add(new String[] {required, required.equals("--destination") ? "./out" : "v"});
            }
          }
        }
      }
      for (int f = random.nextInt(4); f > 0; f--) {
        int which = random.nextInt(10);
        items.add(pick(random, which < 5 ? START_FLAGS : which < 8 ? GLOBAL_FLAGS : OTHER_FLAGS));
      }
      if (random.nextInt(10) == 0 && items.size() > 1) { // a flag given twice
        items.add(items.get(1 + random.nextInt(items.size() - 1)));
      }
      if (random.nextInt(10) == 0) {
        items.add(1 + random.nextInt(items.size()), new String[] {STRAY_WORDS[random.nextInt(STRAY_WORDS.length)]});
      }
      if (random.nextInt(7) == 0) {
        items.add(random.nextInt(items.size() + 1), new String[] {"--"});
      }
      List<String> line = new ArrayList<>();
      for (String[] item : items) {
        line.addAll(List.of(item));
      }
      lines.add(line);
    }
    return lines;
  }

  private static String[] pick(Random random, String[][] from) {
    return from[random.nextInt(from.length)];
  }

  // ---- the model ----

  /** kingpin's verdict on each line, from one run of the model. */
  static List<Map<String, Object>> kingpin(List<List<String>> lines) throws IOException, InterruptedException {
    Path in = Files.createTempFile("kingpin-model", ".in");
    Path results = Files.createTempFile("kingpin-model", ".out");
    try {
      StringBuilder text = new StringBuilder();
      for (List<String> line : lines) {
        text.append('[');
        for (int i = 0; i < line.size(); i++) {
          text.append(i == 0 ? "" : ",").append('"')
              .append(line.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        text.append("]\n");
      }
      Files.writeString(in, text, StandardCharsets.UTF_8);
      // Through files: a model that hangs is stopped after the timeout, not read from forever.
      Process model = new ProcessBuilder(binary().toString()).redirectInput(in.toFile())
          .redirectOutput(results.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (!model.waitFor(60, TimeUnit.SECONDS)) {
        model.destroyForcibly();
        fail("kingpin-model did not finish in 60 s");
      }
      assertEquals(0, model.exitValue(), "kingpin-model's exit status");
      List<Map<String, Object>> parsed = new ArrayList<>();
      Yaml yaml = new Yaml(); // JSON is YAML
      for (String json : Files.readString(results, StandardCharsets.UTF_8).split("\n")) {
        if (!json.isEmpty()) {
          parsed.add(yaml.load(json));
        }
      }
      assertEquals(lines.size(), parsed.size(), "one result per line");
      return parsed;
    } finally {
      Files.deleteIfExists(in);
      Files.deleteIfExists(results);
    }
  }

  private static Path binary;

  /**
   * The model, built with {@code go build} on first use and cached in {@code
   * ${TBOT_OTEL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tbot-otel}/kingpin-model/KEY/}, KEY the
   * SHA-256 of its sources and the Go toolchain and target. Fails, never skips, without Go.
   */
  static synchronized Path binary() throws IOException, InterruptedException {
    if (binary != null) {
      return binary;
    }
    Map<String, String> env = Map.of("GOTOOLCHAIN", "local", "CGO_ENABLED", "0", "GOFLAGS", "-mod=readonly -buildvcs=false");
    String goEnv = run(List.of("go", "env", "GOVERSION", "GOOS", "GOARCH", "GOAMD64", "GOARM64"), env, 60);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
    for (String source : List.of("main.go", "go.mod", "go.sum")) {
      sha.update(source.getBytes(StandardCharsets.UTF_8));
      sha.update(Files.readAllBytes(MODEL_DIR.resolve(source)));
    }
    sha.update(goEnv.getBytes(StandardCharsets.UTF_8));
    String key = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    Path dir = cacheRoot().resolve("kingpin-model").resolve(key);
    Path built = dir.resolve("kingpin-model");
    if (!Files.isExecutable(built)) {
      Files.createDirectories(dir);
      Path scratch = Files.createTempFile(dir, "kingpin-model", ".tmp");
      run(List.of("go", "build", "-trimpath", "-o", scratch.toAbsolutePath().toString(), "."), env, 300);
      try {
        Files.move(scratch, built, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(scratch, built, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    binary = built;
    return built;
  }

  private static Path cacheRoot() {
    String own = System.getenv("TBOT_OTEL_CACHE");
    if (own != null && !own.isEmpty()) {
      return Path.of(own).toAbsolutePath();
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    return (xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
        .resolve("tbot-otel").toAbsolutePath();
  }

  /** Runs {@code command} in the model's directory; its stdout, or a failure with its output. */
  private static String run(List<String> command, Map<String, String> env, int seconds)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("kingpin-model", ".log");
    try {
      ProcessBuilder pb = new ProcessBuilder(command).directory(MODEL_DIR.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile());
      pb.environment().putAll(env);
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        throw new AssertionError("Go is needed to build src/test/go/kingpin-model (" + command + "): "
            + e.getMessage(), e);
      }
      p.getOutputStream().close();
      if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        fail(command + " did not finish in " + seconds + " s");
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        fail(command + " failed with status " + p.exitValue() + ":\n" + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
