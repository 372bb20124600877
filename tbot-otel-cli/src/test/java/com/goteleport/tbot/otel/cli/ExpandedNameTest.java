package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tbot's name as the shell's own expansions make it: a bracket's POSIX class, equivalence class or
 * collating symbol, ksh's and zsh's pattern groups, a brace expansion around another expansion or
 * brace, and a word split at the characters a string sets {@code IFS} to. SAFETY: each string below
 * runs tbot with its no in no.yaml, and was read as a wrapper's, sent for from exec's own config.
 * Red before 7478538e: every one but zsh's {@code tbo*(.)}, whose split at {@code (} left {@code
 * tbo*} (older gaps the audits of 2026-12-06 left); red on 7478538e, a first version a helper's
 * audit then read: 17 (nested groups, braces beside braces or around a pattern, IFS set by another
 * command, from quotes or more than once).
 */
class ExpandedNameTest {

  // Each string and the shells that run tbot for it (with ./tbot in the directory and X, OLD unset),
  // checked below in those of them installed here: in CI all of them (.ci/install-shells, where it can).
  private static final Map<String, List<String>> RUN_TBOT = new LinkedHashMap<>();

  static {
    // A bracket with a POSIX class, an equivalence class or a collating symbol (dash: classes only).
    RUN_TBOT.put("tb[[:alpha:]]t start -c no.yaml", List.of("sh", "bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("/usr/local/bin/tb[[:alpha:]]t start -c no.yaml", List.of());
    RUN_TBOT.put("tb[![:digit:]]t start -c no.yaml", List.of("sh", "bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("tb[[=o=]]t start -c no.yaml", List.of("bash", "ksh", "mksh"));
    RUN_TBOT.put("tb[[.o.]]t start -c no.yaml", List.of("bash", "ksh", "mksh"));
    // ksh's groups (ksh and mksh; bash with extglob), zsh's (a group at a pattern's end may be zsh's
    // qualifiers: tbo*(.) is tbo*).
    RUN_TBOT.put("tb@(o)t start -c no.yaml", List.of("ksh", "mksh"));
    RUN_TBOT.put("tb?(o)t start -c no.yaml", List.of("ksh", "mksh"));
    RUN_TBOT.put("tb+(o)t start -c no.yaml", List.of("ksh", "mksh"));
    RUN_TBOT.put("tb@(x|o|y)t start -c no.yaml", List.of("ksh", "mksh"));
    RUN_TBOT.put("tb(o|x)t start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("tb@(@(o))t start -c no.yaml", List.of("ksh", "mksh"));
    RUN_TBOT.put("tb@(o|@(x))t start -c no.yaml", List.of("ksh", "mksh"));
    RUN_TBOT.put("exec (t|x)bot start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("tbo*(.) start -c no.yaml", List.of("zsh"));
    // A brace expansion around an expansion that gives nothing, or around another (not dash's).
    RUN_TBOT.put("tb{$(:)ot,x} start -c no.yaml", List.of("bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("tb{${X}ot,x} start -c no.yaml", List.of("bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("tb{`:`ot,x} start -c no.yaml", List.of("bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("tb{o{t,x},y} start -c no.yaml", List.of("bash", "zsh", "ksh", "mksh"));
    // Braces beside braces, a sequence, a pattern in a choice, a group beside (a helper's audit).
    RUN_TBOT.put("tb{o,x}{t,} start -c no.yaml", List.of("bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("t{,x}b{o,$X}t start -c no.yaml", List.of("bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("{t..t}{b..b}{o..o}{t..t} start -c no.yaml", List.of("bash", "ksh"));
    RUN_TBOT.put("tb{[[:alpha:]],x}t start -c no.yaml", List.of("bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("tb{?,x}t start -c no.yaml", List.of("bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("tb{o,x}t?(-18) start -c no.yaml", List.of("ksh", "mksh"));
    // Braces in a command substitution's code, and zsh's [!] (a review of 1175a92a).
    RUN_TBOT.put("echo $(tb{o,x}t start -c no.yaml)", List.of("bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("echo `tb{o,x}t start -c no.yaml`", List.of("bash", "zsh", "ksh", "mksh"));
    RUN_TBOT.put("tbo[!] start -c no.yaml", List.of("zsh"));
    // A word split at what the string sets IFS to (zsh splits no parameter unasked).
    RUN_TBOT.put("IFS=-; ${X:-tbot-start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("export IFS=_; exec ${X:-tbot_start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("IFS='x'; ${X:-tbotxstart} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("OLD=.; IFS=$OLD; ${X:-tbot.start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("IFS=-; t${X:-bot-start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("IFS=o; IFS=-; ${X:-tbot-start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("IFS=-; ${X:-t}${Y:-bot-start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("IFS=-; ${X#x}${X:-tbot-start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("IFS=-; ${X:-t$(:)bot-start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("exec sh -c 'IFS='\\''-'\\''; ${X:-tbot-start} -c no.yaml'", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("exec sh -c 'IFS='\\'' -'\\''; ${X:-tbot-start} -c no.yaml'", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("IFS=-; ${X:-t[[=b=]]ot-start} -c no.yaml", List.of("bash", "ksh", "mksh"));
    // IFS set by another command, or its name spliced from quotes (each found by a helper's audit).
    RUN_TBOT.put("for IFS in -; do ${X:-tbot-start} -c no.yaml; done", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("eval 'IF''S=-'; ${X:-tbot-start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("printf -v IFS -; ${X:-tbot-start} -c no.yaml", List.of("bash", "ksh"));
    RUN_TBOT.put("IFS[0]=-; ${X:-tbot-start} -c no.yaml", List.of("ksh", "mksh"));
    // The options a string sets for its own patterns, ksh93's repeated groups and options, and a
    // ksh default with braces split at IFS (each left by the audits of 2026-12-06, read since
    // 94f1209d).
    RUN_TBOT.put("shopt -s nocaseglob; TB?T start -c no.yaml", List.of("bash"));
    RUN_TBOT.put("setopt nocaseglob; TB?T start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt braceccl; tb{o}t start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt extendedglob; tbo#t start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt EXTENDED_GLOB; tbx#ot start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt extendedglob; tb(o)##t start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt extendedglob; tb^x start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt extendedglob; tbo(#c1)t start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt extendedglob; ./(#i)TB?T start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt extendedglob; t(#i)BOT start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt extendedglob; ./(#a1)tbxt start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("tb{1}(o)t start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("tb{1,2}(o)t start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("~(E)tbo+t start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("~(E)ot start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("~(i)TB?T start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("tb~(i:O)t start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("IFS=-; ${X:-tb{o,x}t-start} -c no.yaml", List.of("ksh"));
    // A helper's audit of the first version (8,831 generated strings in the six shells): ksh93's
    // other regex dialects, a regex in a group, POSIX classes in a regex, a count with a comma, an
    // exclusion of a negation, BRACE_CCL beside other braces and in a default, a class with
    // nocaseglob, options set by a pattern or spliced; and older gaps: a nested repeat, dash's and
    // mksh's [^o] (a set of ^ and o), zsh's default's brace words as words of their own.
    RUN_TBOT.put("~(G)tb.t start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("tb@(~(E)o)t start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("~(E)tb[[:alpha:]]+t start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("setopt extendedglob; tbo(#c1,2)t start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt extendedglob; *~^tbot start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt extendedglob; ^x~^tbot start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt braceccl; t{b,x}{o}t start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt braceccl; ${X:-tb{o}t} start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("shopt -s nocaseglob; TB[^[:upper:]]T start -c no.yaml", List.of("bash"));
    RUN_TBOT.put("setopt -m 'ext*glob'; tbo#t start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("shopt -s nocase${X}glob; TB?T start -c no.yaml", List.of("bash"));
    RUN_TBOT.put("tb{1}({1}(o))t start -c no.yaml", List.of("ksh"));
    RUN_TBOT.put("tb[^o]t start -c no.yaml", List.of("mksh")); // and dash, which may not be sh
    RUN_TBOT.put("${X:-tb{o,}t}-c no.yaml", List.of("zsh"));
    RUN_TBOT.put("IFS=-; ${X:-tb{o,x}t}x -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("setopt braceccl; tb{'o'}t start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("IFS=${X:--}; ${X:-tb[o]t-start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    // A review of d18d7b84: zsh's *(x) is a * and a group (sent there, read before by chance), a
    // class in a default split at an IFS from a value.
    RUN_TBOT.put("setopt extendedglob; *(x)#bot start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("*(x|)bot start -c no.yaml", List.of("zsh"));
    RUN_TBOT.put("SEP=-; IFS=$SEP; ${X:-tb[[:alpha:]]t-start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
    RUN_TBOT.put("SEP=_; IFS=$SEP; ${X:-tb[n-p]t_start} -c no.yaml", List.of("sh", "bash", "ksh", "mksh"));
  }

  @TempDir Path dir;

  @Test
  void eachNameTheShellsExpansionsMakeIsTbots() {
    for (String string : RUN_TBOT.keySet()) {
      assertTrue(StringReadings.namesTbot(string), string);
      assertFalse(TbotCommand.of(List.of("sh", "-c", string)).counted(), string);
    }
  }

  @Test
  void eachStringRunsTbotInTheShellsListed() throws Exception {
    // The list's claims, in each listed shell installed here: a string that stopped running tbot
    // would test nothing.
    Path marker = dir.resolve("ran");
    ExecRun.script(dir, "tbot", "echo \"$@\" > " + marker + "\n");
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, List<String>> each : RUN_TBOT.entrySet()) {
      for (String shell : each.getValue()) {
        if (!ExecRun.shellsHere(shell).contains(shell)) {
          continue; // not installed here (CI installs them: .ci/install-shells)
        }
        Files.deleteIfExists(marker);
        ProcessBuilder pb = new ProcessBuilder(shell, "-c", each.getKey()).directory(dir.toFile())
            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        pb.environment().put("PATH", dir + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin");
        Process p = pb.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), each.getKey());
        assertTrue(Files.exists(marker), shell + " -c " + each.getKey() + " ran no tbot");
        checked.add(shell);
      }
    }
    assertTrue(checked.contains("sh") && checked.contains("bash"), "sh and bash ran: " + checked);
  }

  @Test
  void optionsSetOnTheShellsOwnLineAreReadToo() throws Exception {
    // bash -O nocaseglob, zsh -o extendedglob: the string is not plain then, and is read for tbot's
    // name with the line's options (sent on 94f1209d, the first version).
    Map<List<String>, String> runTbot = new LinkedHashMap<>();
    runTbot.put(List.of("bash", "-O", "nocaseglob", "-c", "TB?T start -c no.yaml"), "bash");
    runTbot.put(List.of("zsh", "-f", "-o", "extendedglob", "-c", "tbx#ot start -c no.yaml"), "zsh");
    runTbot.put(List.of("zsh", "-f", "--extended-glob", "-c", "tb^x start -c no.yaml"), "zsh");
    runTbot.put(List.of("zsh", "-f", "-o", "braceccl", "-c", "tb{o}t start -c no.yaml"), "zsh");
    Path marker = dir.resolve("ran");
    ExecRun.script(dir, "tbot", "echo \"$@\" > " + marker + "\n");
    for (Map.Entry<List<String>, String> each : runTbot.entrySet()) {
      assertFalse(TbotCommand.of(each.getKey()).counted(), each.getKey().toString());
      if (!ExecRun.shellsHere(each.getValue()).contains(each.getValue())) {
        continue; // not installed here (CI installs them: .ci/install-shells)
      }
      Files.deleteIfExists(marker);
      ProcessBuilder pb = new ProcessBuilder(each.getKey()).directory(dir.toFile())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("PATH", dir + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin");
      assertTrue(pb.start().waitFor(20, TimeUnit.SECONDS), each.getKey().toString());
      assertTrue(Files.exists(marker), each.getKey() + " ran no tbot");
    }
    assertTrue(TbotCommand.of(List.of("bash", "-c", "TB?T start -c no.yaml")).counted(), "no option: TB?T is no tbot");
  }

  @Test
  void realisticWrappersWithTheseExpansionsNameNone() {
    // Parentheses, brackets, braces and IFS as wrappers use them: still wrappers (counted from
    // exec's own config), each read the same before.
    for (String string : List.of(
        "exec python -c 'import sys; print(sys.argv[1:])' a",
        "echo \"matrix=$(ls services | jq -R -s -c 'split(\"\\n\")[:-1]')\" >> \"$GITHUB_OUTPUT\"",
        "while IFS= read -r l; do echo \"$l\"; done < list; exec ./run.sh",
        "OLDIFS=$IFS; IFS=,; for d in $DIRS; do mkdir -p $d; done; IFS=$OLDIFS; exec ./agent",
        "set -eu; IFS=$'\\n\\t'; exec ./agent --to ${TO:-bot}",
        "set -eu; IFS=$'\\n\\t'; export TBOT_DATA=${DATA:-/srv/data}; exec ./agent",
        "shopt -s extglob; rm -rf !(keep|*.log); exec ./agent",
        "mkdir -p /srv/{a,b}/{x,y} && exec ./run.sh", "cp app.{conf,bak} && exec ./agent",
        "[[ $x == @(a|b)* ]] && exec ./run.sh", "case $x in @(start|stop)) exec ./run.sh;; esac",
        "ls [[:upper:]]* && exec ./run.sh", "awk '{print toupper($1)}' f; exec ./run.sh",
        "f() { echo hi; }; f; exec ./run.sh", "arr=(one two); exec ./run.sh \"${arr[@]}\"",
        "exec ./run.sh --name={bot,agent}-${ENV:-dev}",
        // From the helper's audit of the first version, which read any word with tbot in it where
        // IFS was set from a value: only a parameter's word is split, at what is not a letter or digit.
        "OLDIFS=$IFS; IFS=,; for d in $DIRS; do mkdir -p $d; done; IFS=$OLDIFS; export TBOT_DATA=/srv/data; exec ./agent",
        "IFS=$OLD; exec ./chatbot --port 8080", "IFS=$OLD; exec ./agent --token ${TBOT_TOKEN}",
        "IFS=$OLD; exec ./agent --url https://tbot.example.com ${PORT:-8080}",
        // From a review of 1175a92a: brace words past the bounds (named then), inline code with
        // many or deep groups, and IFS restored from where the string saved it.
        "mkdir -p ${DATA_DIR:-/data}/shard{0..99}; exec ./server", "touch /tmp/x/{a..z}{a..z}; exec ./server",
        "for p in {a..z}{0..9}; do echo $p; done; exec ./server", "exec python -c \"print(len(str(int(float(1)))))\"",
        "exec node -e \"require('./app')" + ".then(a)".repeat(17) + "\"",
        "OLDIFS=$IFS; IFS=,; set -- $L; IFS=$OLDIFS; exec java -jar ${JAR:-/opt/tbot-otel/tbot-otel.jar}",
        // Options set for a string's patterns, regexes with counts, ~ in paths: read since 94f1209d.
        "shopt -s nocaseglob; ls *.JPG *.txt; exec ./agent", "setopt extendedglob; rm -f ^*.log(#q.N); exec ./agent",
        "setopt extended_glob; print -l **/(#i)readme*; exec ./agent", "setopt braceccl; echo {abc}; exec ./agent",
        "grep -E '^[0-9]{3}(-[0-9]{4})?$' numbers; exec ./agent", "cp ~/.config/app.yaml ~/backup; exec ./agent",
        "[[ $v =~ ^v[0-9]+(\\.[0-9]+){2}$ ]] && exec ./agent",
        // A helper's audit of the first version: option names inside others, zsh's qualifiers,
        // their access times, # as a format's separator.
        "export USE_LOWERCASE_GLOBALS=1; ls T* 2>/dev/null; exec ./agent", "SHOWCASE_GLOBAL=1 ./gradlew test --tests '*Bot*'",
        "for f in ./*(#qN.); do wc -l $f; done; exec ./agent", "setopt extendedglob; print -rl -- *(#qN.mh-1); exec ./agent",
        "setopt extendedglob; rm -f ~/.cache/app/*.tmp(#qN.am+7); exec ./agent",
        "setopt extendedglob; git log --format=\"%h#%s#%an#%ae#%ad#%cn#%ce#%cd#%d#%b\"; exec ./agent",
        "EXTENDED_GLOBAL_CACHE=1 git log --format=\"%h#%s#%an#%ae#%ad#%cn#%ce#%cd#%d#%b\"; exec ./agent")) {
      assertFalse(StringReadings.namesTbot(string), string);
    }
  }

  @Test
  void aPatternIsMatchedAsTheShellsMatchIt() {
    // What may match tbot's file and what cannot; a class is many letters, as a range is: a
    // pattern of only those would name every program, and names none.
    for (String glob : List.of("tb[[:lower:]]t", "t[[:alnum:]][[=o=]]t", "tb[![:upper:]]t", "tb*(o)t", "tb!(x)t",
        "tbo@(t|x)", "t@(b@(o))t", "tbot?(.exe)", "tbo[[.t.]]", "tb[[:nosuch:]]t", "/opt/t@(b|/x)ot")) {
      assertTrue(TbotNameMatch.globMatchesTbot(glob, GlobOptions.NONE), glob);
    }
    for (String glob : List.of("tb[[:upper:]]t", "tb[[:digit:]o]x", "[[:alpha:]]*", "[[:alpha:]][[:alpha:]]??",
        "tb@(x|y)t", "tb+(o)", "tb@(o", "tb)ot", "tb@(o)t)", "t(b)o(t)x", "tb[[:alpha:]t")) {
      assertFalse(TbotNameMatch.globMatchesTbot(glob, GlobOptions.NONE), glob);
    }
    // More groups, or deeper, than a name has are not read: they may match.
    assertFalse(TbotNameMatch.globMatchesTbot("!(tbot)", GlobOptions.NONE), "a negation's letters are not the name's");
    assertTrue(TbotNameMatch.globMatchesTbot("x" + "@(y)".repeat(65), GlobOptions.NONE));
    assertFalse(TbotNameMatch.globMatchesTbot("x" + "@(y)".repeat(64), GlobOptions.NONE));
    assertTrue(TbotNameMatch.globMatchesTbot("x" + "*(y)".repeat(9), GlobOptions.NONE));
    assertFalse(TbotNameMatch.globMatchesTbot("x" + "*(y)".repeat(8), GlobOptions.NONE));
    assertTrue(TbotNameMatch.globMatchesTbot("x" + "@(".repeat(9) + "y" + ")".repeat(9), GlobOptions.NONE));
    assertFalse(TbotNameMatch.globMatchesTbot("x" + "@(".repeat(8) + "y" + ")".repeat(8), GlobOptions.NONE));
    // zsh's [!] and [^] match any one character (a review of 1175a92a: sent, as POSIX's unclosed [).
    assertTrue(TbotNameMatch.globMatchesTbot("tbo[!]", GlobOptions.NONE));
    assertTrue(TbotNameMatch.globMatchesTbot("t[^]ot", GlobOptions.NONE));
    // ksh93's repeated groups and options, whatever the string sets.
    for (String glob : List.of("tb{1}(o)t", "tb{1,2}(o)t", "t{,3}(b|x)ot", "~(E)tbo+t", "~(E)ot", "~(E)^tb.t$",
        "~(i)TB?T", "tb~(i:O)t", "~(F)bo", "~(E)tbo{1,2}t", "~(E)tb(o")) {
      assertTrue(TbotNameMatch.globMatchesTbot(glob, GlobOptions.NONE), glob);
    }
    for (String glob : List.of("tb{1}(x)t", "~(E)tbx", "~(E).*", "~(F)b.o", "~(K)TB?T", "~(i)tb?x", "tb~(i:X)t",
        "TB?T", "tbo#t", "tb^x")) {
      assertFalse(TbotNameMatch.globMatchesTbot(glob, GlobOptions.NONE), glob);
    }
    // The options a string sets: case ignored; zsh's extended patterns (~ excludes: tbo~x is tbo).
    GlobOptions noCase = GlobOptions.of("shopt -s nocaseglob");
    assertTrue(TbotNameMatch.globMatchesTbot("TB?T", noCase));
    assertTrue(TbotNameMatch.globMatchesTbot("T[B]OT", GlobOptions.of("setopt NO_CASE_GLOB")));
    assertFalse(TbotNameMatch.globMatchesTbot("TB?X", noCase));
    GlobOptions extended = GlobOptions.of("setopt extended_glob");
    for (String glob : List.of("tbo#t", "tbx#ot", "tbo##t", "tb(o)#t", "t(b|x)##ot", "tb^x", "tb(^x)t", "tbot~x",
        "(#i)TB?T", "t(#l)b?t", "tbo(#c1,2)t", "(#a1)tbxt", "tb(#s)ot")) {
      assertTrue(TbotNameMatch.globMatchesTbot(glob, extended), glob);
    }
    for (String glob : List.of("tbo~x", "tbx##ot", "^x", "^tbot", "(#I)TB?T", "tb(#b)x#t", "tbo#")) {
      assertFalse(TbotNameMatch.globMatchesTbot(glob, extended), glob);
    }
    assertTrue(TbotNameMatch.globMatchesTbot("x" + "t#".repeat(9), extended), "past 8 loops: not read");
    assertFalse(TbotNameMatch.globMatchesTbot("x" + "t#".repeat(8), extended));
    // A loop of a character tbot has not costs nothing, and is not counted; zsh's qualifiers
    // match no character, their a's none either (a helper's audit of realistic strings).
    assertFalse(TbotNameMatch.globMatchesTbot("%h#%s#%an#%ae#%ad#%cn#%ce#%cd#%d#%b", extended));
    assertFalse(TbotNameMatch.globMatchesTbot("*(#qN.am+1)", extended));
    assertFalse(TbotNameMatch.globMatchesTbot("x(#qa)", extended));
    assertFalse(TbotNameMatch.globMatchesTbot("xyz~#", extended), "a # after a cut repeats nothing");
    assertEquals("tb[o]t t[b][o]t {a,b} ${X} {} {a..c} x[a-z] [o!]", BraceWords.asBrackets(
        "tb{o}t t{b}{o}t {a,b} ${X} {} {a..c} x{a-z} {!o}"));
  }

  @Test
  void aBraceExpansionsWordsAreReadWholeWithinTheirBounds() {
    for (String string : List.of("t{x,{y,b{o,}}}t start", "tb{o$X{t,x},y} start", "x; tb{o,x}{t,} start",
        "{t..t}{b..b}{o..o}{t..t} start", "{r..t..2}{b,}ot", "tb{[[:alpha:]],x}t start", "tb{?,x}t start",
        "tb{o,x}t?(-18) start", "?(t)b{o,x}t start", "tb@(o|{x,y})t start", "$(echo tb{o,x}t) start")) {
      assertTrue(StringReadings.namesTbot(string), string);
    }
    for (String string : List.of("tb{o{x,y},z}t start", "tb{$(echo o)x,y}t start", "{a..c}bot", "{1..3}tbo",
        "t{b..c}o{1..2}t", "{s..u..2}bot", "mkdir -p /srv/{a,b}/{x,y}")) {
      assertFalse(StringReadings.namesTbot(string), string);
    }
    // Past 128 words a word, or 8 braces deep, each brace is read on its own with the text around
    // it (a review of 1175a92a found realistic words past them, then named: shard{0..99} beside a
    // default, {a..z}{a..z}).
    String five = "x{a,b}{c,d}{e,f}{g,h}{i,j}";
    assertTrue(StringReadings.namesTbot(five + "/t{b,x}{o,y}t"), "128 words");
    assertTrue(StringReadings.namesTbot(five + "{k,l}/t{b,x}ot"), "256 words: a brace with the text around it");
    assertTrue(StringReadings.namesTbot("t" + "{x,".repeat(8) + "b" + "}".repeat(8) + "ot"), "8 deep");
    assertFalse(StringReadings.namesTbot("x{a,$X{" + choices(128) + "c}}"));
  }

  @Test
  void theCharactersAStringSetsIfsToAreReadFromItsAssignments() {
    assertSplitsAt("IFS=-; x", "-", "_");
    assertSplitsAt("IFS=: read a; export IFS=\",\"; x", ":,", "-");
    assertSplitsAt(": ${IFS:=-}", "-", "_");
    assertSplitsAt("IFS[0]=-", "-", "_");
    assertSplitsAt("IFS=\"\\-\"", "\\-", "_");
    // $'...' is sh's $ and a quoted text; bash, ksh and zsh decode it (a spelling read apart).
    assertSplitsAt("IFS=$'\\n\\t'", "$\\nt", "-");
    assertSplitsAt(AnsiCQuotes.decoded("IFS=$'\\n\\t'"), "\n\t", "-");
    // A value, or a name another command sets: any character but a letter or digit.
    for (String any : List.of("IFS=$OLD", "IFS=`cat f`", "for IFS in -; do :; done", "read IFS", "printf -v IFS -",
        "IFS=" + "x".repeat(300))) {
      assertSplitsAt(any, "-._/:", "atb1");
    }
    for (String none : List.of("while IFS= read -r l; do :; done", "OLDIFS=$IFS", "echo $IFS ${IFS} ${#IFS} ${IFS:-x}",
        "MYIFS=-", "IFS_SAVED=-", "IFSX=-")) {
      assertEquals(List.of(), AssignedIfs.of(none), none);
    }
    // Each assignment on its own: split at o and - at once, tbot-start has no field tbot.
    assertEquals(2, AssignedIfs.of("IFS=o; IFS=-; IFS=-").size());
    assertEquals(4, AssignedIfs.of("IFS=a; IFS=b; IFS=c; IFS=d").size());
    assertEquals(2, AssignedIfs.of("IFS=a; IFS=b; IFS=c; IFS=d; IFS=e").size(), "any, past 4 (and any but a pattern's)");
    assertTrue(AssignedIfs.of("IFS=a; IFS=b; IFS=c; IFS=d; IFS=e").get(0).splitsAt('-'));
    // Any is read twice: at a pattern's characters and not (IFS=$SEP; ${X:-tb[o]t-start}).
    assertEquals(List.of(true, false), AssignedIfs.of("IFS=$SEP").stream().map(ifs -> ifs.splitsAt('[')).toList());
    assertEquals("b c d", AssignedIfs.of("IFS=-").get(0).blanked("b-c-d"));
  }

  // Whether one of what string sets IFS to splits at each of at, and none at any of notAt.
  private static void assertSplitsAt(String string, String at, String notAt) {
    List<AssignedIfs> assigned = AssignedIfs.of(string);
    for (char c : at.toCharArray()) {
      assertTrue(assigned.stream().anyMatch(ifs -> ifs.splitsAt(c)), string + " at " + c);
    }
    for (char c : notAt.toCharArray()) {
      assertFalse(assigned.stream().anyMatch(ifs -> ifs.splitsAt(c)), string + " not at " + c);
    }
  }

  @Test
  void longPatternsBracesAndAssignmentsAreReadInLinearTime() {
    for (String string : List.of("a@(".repeat(40_000), "a(".repeat(60_000) + "b)", "tb[[:".repeat(30_000),
        "t[[=".repeat(30_000) + "]", "x{a,$X{".repeat(20_000), "x{a,$X".repeat(20_000) + "}".repeat(20_000),
        "IFS=-; " + "${X:-a-b} ".repeat(10_000),
        // From a review of 1175a92a: an element's ] looked for to the end from each IFS[ (3.5 s);
        // the text after a word's last brace not charged (2.2 s); a sequence past a long's range
        // (an OutOfMemoryError after 100 s); a saved IFS looked for once a name (minutes).
        "${X:-a}$'\\x41' \\0101 \\101" + "IFS[".repeat(32_700),
        "IFS=-;IFS=_;IFS=.;IFS=+; echo ${X:-a-_.+b}{" + choices(64) + "c}" + "x".repeat(122_000),
        "{0..9223372036854775807..9223372036854775807} start", "{-9223372036854775808..9223372036854775807}",
        "IFS=$A; ".repeat(10_000) + "${X:-a-b}",
        // The readings since 94f1209d: ksh93's ~(...) and {n}(...), zsh's (#...), # and BRACE_CCL.
        "~(x)".repeat(30_000) + ":", "a~(".repeat(40_000), "tb{1}(".repeat(20_000), "{1,".repeat(40_000) + "}(o)",
        "setopt extendedglob; " + "a#(#".repeat(30_000), "setopt extendedglob; x" + "^a~b(".repeat(20_000),
        "setopt braceccl; " + "{a".repeat(60_000) + "}", "setopt braceccl; t" + "{o}".repeat(40_000),
        // A helper's audit: a ksh93 regex of many repeats ran Java's regex for minutes (7.9 s at 416 bytes).
        "~(E)" + ".*".repeat(200) + "x -c no.yaml", "~(E)" + ".*".repeat(60_000) + "x",
        ("~(E)" + ".*".repeat(8) + "x ").repeat(10_000),
        // A review of d18d7b84: choices Java's regex tried without end (minutes; the zsh group's
        // before too), and two StackOverflowErrors.
        "sleep 1; : ~(E)" + "(||||||||)".repeat(9) + "x", "~(E)" + "(|)".repeat(80) + "x",
        "tbo" + "(||||||||)".repeat(10) + " x", "x" + "(|)".repeat(40), "setopt " + "-a ".repeat(2_000),
        "setopt extendedglob; tbot" + "x#".repeat(4_000), "setopt -" + "setopt".repeat(20_000))) {
      long millis = ShellStringTest.cpuMillis(() -> StringReadings.namesTbot(string));
      assertTrue(millis < 3_000, string.substring(0, 10) + "...: " + millis + " ms of CPU");
    }
  }

  // b0,b1,... : that many distinct choices, each with its comma.
  private static String choices(int count) {
    StringBuilder choices = new StringBuilder();
    for (int i = 0; i < count; i++) {
      choices.append('b').append(i).append(',');
    }
    return choices.toString();
  }
}
