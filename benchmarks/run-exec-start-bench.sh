#!/usr/bin/env bash
# How long tbot waits to start under `tbot-otel exec`: milliseconds from launch to the child's first
# command (a stand-in tbot that prints the time), for the child run directly, by a bare JVM (a
# ProcessBuilder with inheritIO, the least a Java wrapper can cost) and by exec without and with
# consent (to a closed loopback port), each run in turn (medians and ranges, JVM start-up included),
# and by two stand-ins that parse exec's command line as exec does, then spawn: one with exec's
# commands and flags declared by annotations (as the CLI does), one with the same built in code on
# picocli's programmatic API: what such a rewrite could remove, and what exec does besides parsing.
# Usage:
#   benchmarks/run-exec-start-bench.sh [JAR] [RUNS]
# JAR defaults to the CLI built by `mvn -DskipTests package`.
set -eu
jar=${1:-$(dirname "$0")/../tbot-otel/target/tbot-otel.jar}; runs=${2:-20}
dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
printf '#!/bin/sh\ndate +%%s%%N\n' > "$dir/tbot"; chmod +x "$dir/tbot"
cat > "$dir/Spawn.java" <<'JAVA'
public class Spawn {
  public static void main(String[] a) throws Exception {
    System.exit(new ProcessBuilder(a).inheritIO().start().waitFor());
  }
}
JAVA
cat > "$dir/ProgrammaticSpawn.java" <<'JAVA'
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

// exec's command model (root, start, preview, exec; exec's 11 options, help, version and COMMAND) on picocli's
// programmatic API, parsed as exec parses `exec -- COMMAND`; then COMMAND is spawned as exec does.
public class ProgrammaticSpawn {
  public static void main(String[] a) throws Exception {
    CommandSpec root = CommandSpec.create().name("tbot-otel").mixinStandardHelpOptions(true);
    CommandLine cli = new CommandLine(root).setOverwrittenOptionsAllowed(true).setExpandAtFiles(false);
    for (String name : new String[] {"start", "preview", "exec"}) {
      CommandSpec sub = CommandSpec.create().name(name).mixinStandardHelpOptions(true);
      for (String o : new String[] {"-c|--config", "--anonymous-analytics-endpoint", "--join-method",
          "--destination-dir", "--tbot-version", "--anonymous-analytics-exit-timeout"}) {
        sub.addOption(OptionSpec.builder(o.split("\\|")).type(String.class).build());
      }
      for (String o : new String[] {"--anonymous-analytics", "--no-anonymous-analytics", "--debug",
          "--keep-tbot-telemetry"}) {
        sub.addOption(OptionSpec.builder(o).type(boolean.class).build());
      }
      sub.addOption(OptionSpec.builder("--oneshot").negatable(true).type(boolean.class).build());
      sub.addPositional(PositionalParamSpec.builder().arity("0..*").type(String[].class).build());
      cli.addSubcommand(name, sub);
    }
    String[] args = new String[a.length + 2];
    args[0] = "exec";
    args[1] = "--";
    System.arraycopy(a, 0, args, 2, a.length);
    CommandLine.ParseResult parsed = cli.parseArgs(args);
    String[] command = parsed.subcommand().matchedPositional(0).getValue();
    System.exit(new ProcessBuilder(command).inheritIO().start().waitFor());
  }
}
JAVA
cat > "$dir/AnnotatedSpawn.java" <<'JAVA'
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

// ProgrammaticSpawn's model, declared by annotations.
public class AnnotatedSpawn {
  @Command(name = "tbot-otel", mixinStandardHelpOptions = true)
  static class Root {}

  @Command(mixinStandardHelpOptions = true)
  static class Sub {
    @Option(names = {"-c", "--config"}) String config;
    @Option(names = "--anonymous-analytics-endpoint") String endpoint;
    @Option(names = "--join-method") String joinMethod;
    @Option(names = "--destination-dir") String destinationDir;
    @Option(names = "--tbot-version") String tbotVersion;
    @Option(names = "--anonymous-analytics-exit-timeout") String exitTimeout;
    @Option(names = "--anonymous-analytics") boolean optIn;
    @Option(names = "--no-anonymous-analytics") boolean optOut;
    @Option(names = "--debug") boolean debug;
    @Option(names = "--keep-tbot-telemetry") boolean keep;
    @Option(names = "--oneshot", negatable = true) boolean oneshot;
    @Parameters(arity = "0..*") String[] command;
  }

  public static void main(String[] a) throws Exception {
    CommandLine cli = new CommandLine(new Root()).setOverwrittenOptionsAllowed(true).setExpandAtFiles(false);
    Sub exec = new Sub();
    cli.addSubcommand("start", new Sub()).addSubcommand("preview", new Sub()).addSubcommand("exec", exec);
    String[] args = new String[a.length + 2];
    args[0] = "exec";
    args[1] = "--";
    System.arraycopy(a, 0, args, 2, a.length);
    cli.parseArgs(args);
    System.exit(new ProcessBuilder(exec.command).inheritIO().start().waitFor());
  }
}
JAVA
cat > "$dir/JarSpawn.java" <<'JAVA'
// Spawn, after loading one small class (not initialized) from the CLI's jar: the cost of opening it.
public class JarSpawn {
  public static void main(String[] a) throws Exception {
    Class.forName("picocli.CommandLine$Help$Visibility", false, JarSpawn.class.getClassLoader());
    System.exit(new ProcessBuilder(a).inheritIO().start().waitFor());
  }
}
JAVA
javac -d "$dir" "$dir/Spawn.java"
javac -d "$dir" "$dir/JarSpawn.java"
javac -cp "$jar" -d "$dir" "$dir/AnnotatedSpawn.java"
javac -cp "$jar" -d "$dir" "$dir/ProgrammaticSpawn.java"
ms() { local s=$(date +%s%N) e; e=$("$@" 2>/dev/null | head -1); echo $(( (e - s) / 1000000 )); }
direct=(); bare=(); opened=(); annotated=(); coded=(); off=(); on=()
for i in $(seq "$runs"); do
  direct+=($(ms "$dir/tbot" start))
  bare+=($(ms java -cp "$dir" Spawn "$dir/tbot" start))
  opened+=($(ms java -cp "$dir:$jar" JarSpawn "$dir/tbot" start))
  annotated+=($(ms java -cp "$dir:$jar" AnnotatedSpawn "$dir/tbot" start))
  coded+=($(ms java -cp "$dir:$jar" ProgrammaticSpawn "$dir/tbot" start))
  off+=($(ms java -jar "$jar" exec -- "$dir/tbot" start))
  on+=($(ms java -jar "$jar" exec --anonymous-analytics \
    --anonymous-analytics-endpoint http://127.0.0.1:9/v1/logs -- "$dir/tbot" start))
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)] " [" a[1] "-" a[NR] "]"}'; }
echo "$runs runs, ms to the child's first command: direct $(median "${direct[@]}"); bare JVM $(median "${bare[@]}");" \
  "bare JVM opening the CLI's jar $(median "${opened[@]}");" \
  "picocli, annotations $(median "${annotated[@]}"); picocli, programmatic API $(median "${coded[@]}");" \
  "exec, consent off $(median "${off[@]}"); exec, consent on $(median "${on[@]}")"
