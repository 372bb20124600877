package com.goteleport.tbot.otel.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * build-collector.sh as a user runs it, on the cache the other tests filled, or on a cache of its
 * own with a stand-in for go that refuses to build (so nothing is built here).
 */
class BuildCollectorScriptTest {

  /**
   * A go that reports the toolchain FAKE_GOVERSION names, and like go env every other setting
   * from the environment (GOAMD64 v1 when unset, as on amd64), and refuses every other command;
   * with FAKE_GO_LOG set, it first appends the command refused (and its GOWORK and GOFLAGS) to that
   * file, and writes the go.mod and go.sum of its directory, if any, to FAKE_GO_LOG.module. With
   * FAKE_GO_RESOLVES set, it does what --relock asks of go up to the builder, writing a go.mod and
   * go.sum of its own and installing a builder that fails.
   */
  private static final String FAKE_GO = """
      #!/bin/sh
      if [ "$1" = env ]; then
        shift
        for v in "$@"; do
          case "$v" in
            GOVERSION)
              # As go does where a go.mod's toolchain line is newer and GOTOOLCHAIN allows a switch.
              if [ -n "$FAKE_SWITCH_TO" ] && [ "${GOTOOLCHAIN:-auto}" != local ]; then
                echo "$FAKE_SWITCH_TO"
              else
                echo "$FAKE_GOVERSION"
              fi ;;
            GOOS) echo linux ;;
            GOARCH) echo amd64 ;;
            GOAMD64) echo "${GOAMD64:-v1}" ;;
            *) printenv "$v" || echo ;;
          esac
        done
        exit 0
      fi
      if [ -n "$FAKE_GO_RESOLVES" ]; then
        case "$1 $2" in
          "mod init") echo "module $3" > go.mod; echo "fake sum" > go.sum; exit 0 ;;
          "mod edit") exit 0 ;;
          "get -tool") echo "tool fake/$3" >> go.mod; exit 0 ;;
          "install "*) printf '#!/bin/sh\necho fake builder fails >&2\nexit 1\n' > "$GOBIN/builder"
            chmod +x "$GOBIN/builder"; exit 0 ;;
        esac
      fi
      if [ -n "$FAKE_GO_LOG" ]; then
        echo "GOWORK=$GOWORK GOFLAGS=$GOFLAGS $*" >> "$FAKE_GO_LOG"
        if [ -f go.mod ]; then cat go.mod go.sum > "$FAKE_GO_LOG.module"; fi
      fi
      echo "fake go: refusing '$*'" >&2
      exit 3
      """;

  record Run(int exitCode, String lastLine, String stderr) {}

  /**
   * Go settings that compile the same sources into another binary, each with a value other than
   * its default; build-collector.sh must key its cache by every one of them.
   */
  static final Map<String, String> BUILD_SETTINGS = new java.util.TreeMap<>(Map.of(
      "GOFLAGS", "-tags=netgo", "GOAMD64", "v3", "GOARM64", "v8.1", "GOARM", "7", "GO386", "softfloat",
      "GOEXPERIMENT", "nogreenteagc", "GOFIPS140", "latest"));

  /** Runs {@code script} with the fake go first on PATH and {@code cache} as TBOT_OTEL_CACHE. */
  private static Run run(Path script, Path fakeBin, String goVersion, Path cache) throws Exception {
    return run(script, fakeBin, goVersion, cache, Map.of());
  }

  /**
   * The same, with none of {@link #BUILD_SETTINGS} and no CGO_ENABLED from this JVM's environment,
   * {@code settings} added, and {@code scriptArgs} given to the script.
   */
  private static Run run(Path script, Path fakeBin, String goVersion, Path cache, Map<String, String> settings,
      String... scriptArgs) throws Exception {
    Path out = Files.createTempFile(Collector.BUILD_DIR, "build-script", ".out");
    Path err = Files.createTempFile(Collector.BUILD_DIR, "build-script", ".err");
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(scriptArgs));
    ProcessBuilder pb = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().clear();
    pb.environment().putAll(Collector.environment(Map.of("TBOT_OTEL_CACHE", cache.toString(),
        "FAKE_GOVERSION", goVersion, "PATH", fakeBin + ":" + System.getenv("PATH"))));
    pb.environment().keySet().removeAll(BUILD_SETTINGS.keySet());
    pb.environment().remove("CGO_ENABLED");
    pb.environment().putAll(settings);
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the fake go answers at once");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    return new Run(p.exitValue(), lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim(),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The cache's key directories (collector/<key>). */
  private static Set<Path> keys(Path cache) throws IOException {
    Path dir = cache.resolve("collector");
    if (!Files.isDirectory(dir)) {
      return Set.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(Files::isDirectory).collect(Collectors.toSet());
    }
  }

  /**
   * A copy of the script and the manifest and lock it builds from, in {@code dir}; {@code scriptExtra}
   * appended to the script, {@code manifestExtra} to the manifest.
   */
  private static Path copyOfTheScript(Path dir, String scriptExtra, String manifestExtra) throws IOException {
    return copyOfTheScript(dir, scriptExtra, manifestExtra, "");
  }

  /** The same, with {@code sumExtra} appended to the lock's go.sum. */
  private static Path copyOfTheScript(Path dir, String scriptExtra, String manifestExtra, String sumExtra)
      throws IOException {
    Collector.deleteTree(dir);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("builder-config.yaml"),
        Files.readString(Collector.config("builder-config.yaml")) + manifestExtra);
    Files.copy(Collector.config(LOCK_MOD), dir.resolve(LOCK_MOD));
    Files.writeString(dir.resolve(LOCK_SUM), Files.readString(Collector.config(LOCK_SUM)) + sumExtra);
    Files.copy(Collector.config(BUILDER_MOD), dir.resolve(BUILDER_MOD));
    Files.copy(Collector.config(BUILDER_SUM), dir.resolve(BUILDER_SUM));
    Path script = dir.resolve("build-collector.sh");
    Files.writeString(script, Files.readString(Collector.config("build-collector.sh")) + scriptExtra);
    return script;
  }

  /** An empty directory of the build's, {@code name}. */
  private static Path emptyRoot(String name) throws IOException {
    Path root = Files.createDirectories(Collector.BUILD_DIR.resolve(name));
    Collector.deleteTree(root);
    return Files.createDirectories(root);
  }

  /** A bin directory in {@code root} holding {@link #FAKE_GO} as go. */
  private static Path fakeGo(Path root) throws IOException {
    Path fakeBin = Files.createDirectories(root.resolve("bin"));
    Path go = fakeBin.resolve("go");
    Files.writeString(go, FAKE_GO);
    assertTrue(go.toFile().setExecutable(true));
    return fakeBin;
  }

  /** The lock: the generated main module's go.mod and go.sum, beside the manifest. */
  static final String LOCK_MOD = "otelcol-tbot.go.mod";
  static final String LOCK_SUM = "otelcol-tbot.go.sum";

  /** The builder's lock: a module whose only tool is the builder, at the manifest's builder-version. */
  static final String BUILDER_MOD = "builder.go.mod";
  static final String BUILDER_SUM = "builder.go.sum";

  @Test
  void theCacheKeyCoversTheGoToolchainItsBuildSettingsTheScriptAndTheManifest() throws Exception {
    // A binary built by another Go, by another version of this script or from another manifest is
    // another binary: the key must change with each, and stay the same otherwise.
    Path root = emptyRoot("build-script-key");
    Path fakeBin = fakeGo(root);
    Path cache = root.resolve("cache");
    Path script = Collector.config("build-collector.sh");

    Run first = run(script, fakeBin, "go1.25.1", cache);
    assertNotEquals(0, first.exitCode(), "nothing cached: it tries to build, and the fake go refuses");
    assertTrue(first.stderr().contains("fake go: refusing"), first.stderr());
    Set<Path> keys = keys(cache);
    assertEquals(1, keys.size(), "one key directory: " + keys);
    // Stand in for the binary that build would have made.
    Path binary = keys.iterator().next().resolve("otelcol-tbot");
    Files.writeString(binary, "#!/bin/sh\n");
    assertTrue(binary.toFile().setExecutable(true));

    Run again = run(script, fakeBin, "go1.25.1", cache);
    assertEquals(0, again.exitCode(), again.stderr());
    assertEquals(binary.toString(), again.lastLine(), "the same Go and sources: the cached binary");
    Run elsewhere = run(copyOfTheScript(root.resolve("same"), "", ""), fakeBin, "go1.25.1", cache);
    assertEquals(binary.toString(), elsewhere.lastLine(), "the checkout's location is not in the key: " + elsewhere);

    Run upgraded = run(script, fakeBin, "go1.26.0", cache);
    assertNotEquals(binary.toString(), upgraded.lastLine(), "a Go upgrade reused the binary of the old Go");
    assertNotEquals(0, upgraded.exitCode(), "a Go upgrade builds anew: " + upgraded);
    assertEquals(2, keys(cache).size(), "a key of its own: " + keys(cache));

    Run edited = run(copyOfTheScript(root.resolve("edited"), "# a change to how it builds\n", ""), fakeBin,
        "go1.25.1", cache);
    assertNotEquals(binary.toString(), edited.lastLine(), "a changed script reused the old script's binary");
    assertNotEquals(0, edited.exitCode(), "a changed script builds anew: " + edited);
    assertEquals(3, keys(cache).size(), "a key of its own: " + keys(cache));

    Run bumped = run(copyOfTheScript(root.resolve("bumped"), "", "# a change to what it builds\n"), fakeBin,
        "go1.25.1", cache);
    assertNotEquals(binary.toString(), bumped.lastLine(), "a changed manifest reused the old manifest's binary");
    assertNotEquals(0, bumped.exitCode(), "a changed manifest builds anew: " + bumped);
    assertEquals(4, keys(cache).size(), "a key of its own: " + keys(cache));

    // Another module's version or checksum in the lock is another binary too.
    Run relocked = run(copyOfTheScript(root.resolve("relocked"), "", "",
        "example.com/another v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"), fakeBin, "go1.25.1", cache);
    assertNotEquals(binary.toString(), relocked.lastLine(), "a changed lock reused the old lock's binary");
    assertNotEquals(0, relocked.exitCode(), "a changed lock builds anew: " + relocked);
    assertEquals(5, keys(cache).size(), "a key of its own: " + keys(cache));

    // So is another builder: it writes the sources the binary is built from.
    Path rebuilt = copyOfTheScript(root.resolve("builder-relocked"), "", "");
    Files.writeString(rebuilt.resolveSibling(BUILDER_SUM), Files.readString(rebuilt.resolveSibling(BUILDER_SUM))
        + "example.com/another v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
    Run otherBuilder = run(rebuilt, fakeBin, "go1.25.1", cache);
    assertNotEquals(binary.toString(), otherBuilder.lastLine(), "a changed builder lock reused the old builder's binary");
    assertNotEquals(0, otherBuilder.exitCode(), "a changed builder lock builds anew: " + otherBuilder);
    assertEquals(6, keys(cache).size(), "a key of its own: " + keys(cache));

    // Each build setting: another binary from the same Go and sources, so a key of its own.
    int expected = keys(cache).size();
    for (Map.Entry<String, String> setting : BUILD_SETTINGS.entrySet()) {
      Run other = run(script, fakeBin, "go1.25.1", cache, Map.of(setting.getKey(), setting.getValue()));
      assertNotEquals(binary.toString(), other.lastLine(), setting + " reused the binary built without it");
      assertNotEquals(0, other.exitCode(), setting + " builds anew: " + other);
      assertEquals(++expected, keys(cache).size(), setting + " gets a key of its own: " + keys(cache));
    }
    // A toolchain Go would switch to (GOTOOLCHAIN=auto under a module asking for a newer Go) is not
    // the one that builds: the key names the Go on PATH, so the binary it built is reused.
    Run switching = run(script, fakeBin, "go1.25.1", cache, Map.of("GOTOOLCHAIN", "auto", "FAKE_SWITCH_TO", "go1.26.5"));
    assertEquals(binary.toString(), switching.lastLine(), "the key named a toolchain that does not build: " + switching);
    // CGO_ENABLED is not one: the script always builds with CGO_ENABLED=0, so its value changes
    // nothing and must not cost a rebuild.
    Run cgo = run(script, fakeBin, "go1.25.1", cache, Map.of("CGO_ENABLED", "1"));
    assertEquals(binary.toString(), cgo.lastLine(), "CGO_ENABLED=1 rebuilt what CGO_ENABLED=0 builds anyway: " + cgo);
    assertTrue(Files.readString(script).contains("CGO_ENABLED=0 GOFLAGS="), "the build sets CGO_ENABLED=0");
  }

  @Test
  void aRelativeCacheDirectoryStillGivesAnAbsolutePath() throws Exception {
    // TBOT_OTEL_CACHE=cache, relative to the caller's directory, names the same cache as the
    // absolute path the tests use (through a link). The printed path must work from anywhere
    // (the tests' Collector.binary() runs the script in collector-config/ and uses the path from
    // another directory), and a build must not fail on "GOBIN must be an absolute path".
    Path binary = Collector.binary();
    Path cacheRoot = binary.getParent().getParent().getParent();
    Path caller = Files.createDirectories(Collector.BUILD_DIR.resolve("build-script-relative"));
    Path link = caller.resolve("cache");
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, cacheRoot);

    Path out = caller.resolve("stdout.txt");
    Path err = caller.resolve("stderr.txt");
    ProcessBuilder pb = new ProcessBuilder("bash", Collector.config("build-collector.sh").toString())
        .directory(caller.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().clear();
    // An exported CDPATH makes bash's cd print the directory it found: not into the printed path.
    pb.environment().putAll(Collector.environment(Map.of("TBOT_OTEL_CACHE", "cache", "CDPATH", caller.toString())));
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "a cache hit must return at once");
    assertEquals(0, p.exitValue(), Collector.tail(err, 20));

    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
    Path printed = Path.of(last);
    assertTrue(printed.isAbsolute(), "printed a path relative to the script's caller: '" + last + "'");
    assertEquals(binary.toRealPath(), printed.toRealPath(), "the cached binary");
  }

  /**
   * The build uses the committed lock as it is (go build -mod=readonly): a manifest that names a
   * module at a version the lock does not hold, or no lock at all, fails at once with what to run,
   * before anything is installed or built (red before: the builder resolved the modules anew, and
   * no lock was read).
   */
  @Test
  void aManifestTheLockDoesNotMatchFailsBeforeAnyBuild() throws Exception {
    Path root = emptyRoot("build-script-lock");
    Path fakeBin = fakeGo(root);
    Path cache = root.resolve("cache");

    String manifest = Files.readString(Collector.config("builder-config.yaml"));
    String module = "github.com/open-telemetry/opentelemetry-collector-contrib/processor/filterprocessor";
    assertTrue(manifest.contains(module + " v0.155.0"), "the manifest names " + module);
    Path bumped = copyOfTheScript(root.resolve("bumped"), "", "");
    Files.writeString(bumped.resolveSibling("builder-config.yaml"),
        manifest.replace(module + " v0.155.0", module + " v0.156.0"));
    Run stale = run(bumped, fakeBin, "go1.25.1", cache);
    assertNotEquals(0, stale.exitCode(), stale.toString());
    assertTrue(stale.stderr().contains(LOCK_MOD + " does not require " + module + " v0.156.0, which the manifest"
        + " names: run build-collector.sh --relock"), stale.stderr());
    assertEquals(Set.of(), keys(cache), "nothing built or cached");

    // A manifest the check reads nothing from checks nothing: it fails rather than pass.
    Path unread = copyOfTheScript(root.resolve("unread"), "", "");
    Files.writeString(unread.resolveSibling("builder-config.yaml"), manifest.replace("gomod:", "module:"));
    Run blind = run(unread, fakeBin, "go1.25.1", cache);
    assertNotEquals(0, blind.exitCode(), blind.toString());
    assertTrue(blind.stderr().contains("no gomod lines read from"), blind.stderr());

    // Nor does one line it cannot read among others it can.
    Path odd = copyOfTheScript(root.resolve("odd"), "", "");
    Files.writeString(odd.resolveSibling("builder-config.yaml"),
        manifest.replace(module + " v0.155.0", module + "  # version elsewhere"));
    Run unchecked = run(odd, fakeBin, "go1.25.1", cache);
    assertNotEquals(0, unchecked.exitCode(), unchecked.toString());
    assertTrue(unchecked.stderr().contains("is not '- gomod: MODULE VERSION'"), unchecked.stderr());

    Path unlocked = copyOfTheScript(root.resolve("unlocked"), "", "");
    Files.delete(unlocked.resolveSibling(LOCK_SUM));
    Run none = run(unlocked, fakeBin, "go1.25.1", cache);
    assertNotEquals(0, none.exitCode(), none.toString());
    assertTrue(none.stderr().contains("no lock (" + LOCK_MOD + " and " + LOCK_SUM + " beside the manifest): run"
        + " build-collector.sh --relock"), none.stderr());
    assertEquals(Set.of(), keys(cache), "nothing built or cached");

    String script = Files.readString(Collector.config("build-collector.sh"));
    assertTrue(script.contains("--skip-get-modules") && script.contains("-mod=readonly"),
        "the builder only generates the sources, and go builds from the lock as it is");
  }

  /**
   * The builder is installed from its lock as it is: in a module whose go.mod and go.sum are
   * builder.go.mod and builder.go.sum, with -mod=readonly, by package path, not MODULE@VERSION
   * (which Go checks against a checksum database: red before, where an offline build with a module
   * mirror stopped at "verifying module: ... sum.golang.org"). A builder lock that does not name
   * the manifest's builder-version, or is missing, fails before anything is installed.
   */
  @Test
  void theBuilderIsInstalledFromItsLockAsItIs() throws Exception {
    Path root = emptyRoot("build-script-builder-lock");
    Path fakeBin = fakeGo(root);
    Path cache = root.resolve("cache");
    Path log = root.resolve("go.log");

    Run first = run(copyOfTheScript(root.resolve("as-is"), "", ""), fakeBin, "go1.25.1", cache,
        Map.of("FAKE_GO_LOG", log.toString()));
    assertNotEquals(0, first.exitCode(), "the fake go refuses the install: " + first);
    assertEquals(List.of("GOWORK=off GOFLAGS=-mod=readonly install go.opentelemetry.io/collector/cmd/builder"),
        Files.readAllLines(log, StandardCharsets.UTF_8), "the first command after go env: the builder, from its lock");
    assertEquals(Files.readString(Collector.config(BUILDER_MOD)) + Files.readString(Collector.config(BUILDER_SUM)),
        Files.readString(root.resolve("go.log.module")), "installed in a module that is the builder's lock");
    String builderMod = Files.readString(Collector.config(BUILDER_MOD));
    assertTrue(builderMod.contains("\ntool go.opentelemetry.io/collector/cmd/builder\n"), builderMod);

    String manifest = Files.readString(Collector.config("builder-config.yaml"));
    assertTrue(manifest.contains("\n# builder-version: v0.155.0\n"), "the manifest names the builder's version");
    Path bumped = copyOfTheScript(root.resolve("bumped"), "", "");
    Files.writeString(bumped.resolveSibling("builder-config.yaml"),
        manifest.replace("# builder-version: v0.155.0", "# builder-version: v0.156.0"));
    Run stale = run(bumped, fakeBin, "go1.25.1", cache);
    assertNotEquals(0, stale.exitCode(), stale.toString());
    assertTrue(stale.stderr().contains(BUILDER_MOD + " does not require go.opentelemetry.io/collector/cmd/builder"
        + " v0.156.0, which the manifest's builder-version names: run build-collector.sh --relock"), stale.stderr());

    Path toolless = copyOfTheScript(root.resolve("toolless"), "", "");
    Files.writeString(toolless.resolveSibling(BUILDER_MOD), builderMod.replace("\ntool ", "\n// tool "));
    Run noTool = run(toolless, fakeBin, "go1.25.1", cache);
    assertNotEquals(0, noTool.exitCode(), noTool.toString());
    assertTrue(noTool.stderr().contains("has no 'tool go.opentelemetry.io/collector/cmd/builder' line"), noTool.stderr());

    Path replaced = copyOfTheScript(root.resolve("replaced"), "", "");
    Files.writeString(replaced.resolveSibling(BUILDER_MOD), builderMod + "\nreplace golang.org/x/sys => ../sys\n");
    Run replacing = run(replaced, fakeBin, "go1.25.1", cache);
    assertNotEquals(0, replacing.exitCode(), replacing.toString());
    assertTrue(replacing.stderr().contains(BUILDER_MOD + " has a replace directive"), replacing.stderr());

    Path unlocked = copyOfTheScript(root.resolve("unlocked"), "", "");
    Files.delete(unlocked.resolveSibling(BUILDER_SUM));
    Run none = run(unlocked, fakeBin, "go1.25.1", cache);
    assertNotEquals(0, none.exitCode(), none.toString());
    assertTrue(none.stderr().contains("no lock for the builder (" + BUILDER_MOD + " and " + BUILDER_SUM), none.stderr());
    assertEquals(1, keys(cache).size(), "only the first run's key, none for the four refused: " + keys(cache));
  }

  /**
   * --relock rewrites the four lock files only once the binary is built: one that fails on the way
   * (here at the builder, after the builder's module was resolved anew) leaves them as they were
   * (red before: the builder's lock was rewritten first).
   */
  @Test
  void aRelockThatFailsLeavesTheLocksAsTheyWere() throws Exception {
    Path root = emptyRoot("build-script-relock");
    Path fakeBin = fakeGo(root);
    Path script = copyOfTheScript(root.resolve("relock"), "", "");
    Run relock = run(script, fakeBin, "go1.25.1", root.resolve("cache"), Map.of("FAKE_GO_RESOLVES", "1"), "--relock");
    assertNotEquals(0, relock.exitCode(), relock.toString());
    assertTrue(relock.stderr().contains("fake builder fails"), "it got as far as the builder: " + relock);
    for (String lock : List.of(LOCK_MOD, LOCK_SUM, BUILDER_MOD, BUILDER_SUM)) {
      assertEquals(Files.readString(Collector.config(lock)), Files.readString(script.resolveSibling(lock)),
          lock + " rewritten by a relock that failed");
    }
  }
}
