package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplicedNameTest {

  // With X, Y, P1... unset, dash, bash, busybox sh, ksh and mksh (zsh where it parses them) run
  // tbot start -c no.yaml for each; found by an audit (8,500 generated strings, each run in the six
  // shells beside preview) after c9e69ba7, e01dcc43 and 67ea768c. SAFETY, red before: each read as
  // a wrapper's string, sent from exec's own config while tbot read no.yaml's no.
  private static final List<String> RUN_TBOT = List.of(
      // A default whose word holds another expansion.
      "${X-${Y-tb}}ot start -c no.yaml", "tbo${X-t${Y}} start -c no.yaml", "${X-t$(:)b}ot start -c no.yaml",
      "${X-t``}bot start -c no.yaml", "\"${X-\"${Y-t}\"}\"bot start -c no.yaml",
      // Arithmetic, a subshell or a quoted parenthesis inside an expansion that gives nothing.
      "${X-tb}${Y+$((1))}ot start -c no.yaml", "${X-tb}${Y+$( (:) )}ot start -c no.yaml",
      "t$(: \"(\")${X-bot} start -c no.yaml", "t${Y:+$(echo ')')}${X-bot} start -c no.yaml",
      // A quoted or escaped opener in a word.
      "${X-tb}${Y+'${'}ot start -c no.yaml", "${X-tb}${Y+\\`}ot start -c no.yaml",
      "${X-tb}${Y%\\`}ot start -c no.yaml", "${X-tb}${Y#'$('}ot start -c no.yaml",
      "${X-tb}${Y+\\${}ot start -c no.yaml",
      // Those one quoting level down, and mixed (the audit's last, after a first version of this).
      "eval '${X-tb}${Y+'\\''${'\\''}ot start -c no.yaml'",
      "( ${P1-t}${Y%\\`}\"${P2:-b}\"${Y:+`echo }`}${P3:=o}${Y:+\"\\`\"}${P4-t} start -c no.yaml)",
      "true && ${P1:=t}${Y:+$((1))}${P2:-'b'}${Y:+`echo x`}\"ot\" start -c no.yaml",
      // zsh balances braces in a word (zsh -f -c runs tbot; sh's kind runs tb}ot).
      "${X:-tb}${Y:+{x}}ot start -c no.yaml", "${X:-tb}${Y:+{a,b}}ot start -c no.yaml");

  @Test
  void aNameSplicedThroughExpansionsNotReadExactlyIsTbots() {
    for (String string : RUN_TBOT) {
      assertTrue(StringReadings.namesTbot(string), string);
      assertFalse(TbotCommand.of(List.of("sh", "-c", string)).counted(), string);
    }
  }

  @Test
  void eachSuchNameIsFoundByThisReadingAlone() {
    // SplicedName finds each on its own, whatever the exact readings find.
    for (String string : RUN_TBOT.subList(0, 15)) {
      assertTrue(SplicedName.mayNameTbot(string), string);
    }
  }

  @Test
  void wordsWithOnlyPlainExpansionsAreLeftToTheExactReadings() {
    // A wrapper's default names no tbot where its word is read exactly (its text is not its value).
    for (String string : List.of("./run.sh --log=/var/log/${APP:-tbot}.log start",
        "./run.sh --config ${CONF:-/etc/tbot.yaml} start", "exec ./run.sh \"$@\"",
        "./run.sh --name \"$(cat /etc/tbot/name)\" start", "./run.sh ${TBOT_DIR}/x")) {
      assertFalse(SplicedName.mayNameTbot(string), string);
      assertFalse(StringReadings.namesTbot(string), string);
    }
  }

  @Test
  void itErrsTowardNamingTbot() {
    // Each expansion's characters may be dropped, so a default's text in a word with an expansion
    // not read exactly may be tbot's name: records nothing, where the shell runs none.
    assertTrue(SplicedName.mayNameTbot("./run.sh --config ${CONF:-$(pwd)/tbot.yaml} start"));
    // But what must stay still counts: a name after a path, a version or .exe may join it; no other.
    assertTrue(SplicedName.mayNameTbot("/usr/local/bin/${X-t$(:)b}ot-18.exe start"));
    assertFalse(SplicedName.mayNameTbot("./${X-t$(:)b}ot.log start"));
    assertFalse(SplicedName.mayNameTbot("x${X-t$(:)b}ot start"));
    assertFalse(SplicedName.mayNameTbot("${X-t$(:)b}o start t"));
  }

  @Test
  void itReadsAStringOnceHoweverItsExpansionsNest() {
    // Unclosed openers, many expansions, deep nesting: each expansion's end found in one pass from
    // it, the next looked for past it (the string about once per rule, not once per expansion).
    for (String string : List.of("${X-'".repeat(40_000), "$(".repeat(60_000) + "tbot",
        "${X-${Y-".repeat(20_000) + "tb" + "}}".repeat(20_000) + "ot", "`".repeat(100_001),
        "${A-$(echo })}".repeat(10_000))) {
      SplicedName.mayNameTbot(string);
    }
    assertTrue(SplicedName.mayNameTbot("${X-${Y-".repeat(20_000) + "tb" + "}}".repeat(20_000) + "ot"));
  }
}
