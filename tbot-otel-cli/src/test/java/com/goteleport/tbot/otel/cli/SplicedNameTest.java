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
      // From a review of the first version: a default's word split at its blanks, a quoted or
      // commented opener in front (it opened nothing there), dash's text $[, a substitution's text
      // (with X empty in bash and ksh, unset in mksh and zsh).
      "${W-t$(:)bot start -c no.yaml}", "${W-${X-tb}ot start -c no.yaml}",
      "echo '$('; ${X-${Y-tb}}ot start -c no.yaml", "echo '`'; ${X-tb}${Y+$((1))}ot start -c no.yaml",
      "# $(\n${X-${Y-tb}}ot start -c no.yaml", "echo $[; ${X-${Y-tb}}ot start -c no.yaml",
      "${X/#/tb}ot start -c no.yaml",
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
    // Each run of a default's text is kept or dropped on its own, not with the rest of its word:
    // ${X:-tb$(:)x}ot gives tbxot or ot, never tbot, and names tbot.
    assertTrue(SplicedName.mayNameTbot("./run.sh ${X:-tb$(:)x}ot start"));
    // What must stay still counts: a name after a path, a version or .exe may join it; no other.
    assertTrue(SplicedName.mayNameTbot("/usr/local/bin/${X-t$(:)b}ot-18.exe start"));
    assertFalse(SplicedName.mayNameTbot("./${X-t$(:)b}ot.log start"));
    assertFalse(SplicedName.mayNameTbot("x${X-t$(:)b}ot start"));
    assertFalse(SplicedName.mayNameTbot("${X-t$(:)b}o start t"));
    // A positional parameter is one digit: the t after $9 stays (the audit's $9t).
    assertTrue(SplicedName.mayNameTbot("${P1:=tb}${Y:+$(:)}o$9t start"));
  }

  @Test
  void realisticWrappersWithNestedExpansionsNameNone() {
    // From a second audit's 735 strings that run no tbot (CI, Docker, Kubernetes, systemd, cron):
    // a first version of SplicedName read every expansion's text as a possible value (a name, an
    // operator, a command) and named tbot in 26 (t, b, o, t from DB_HOST, GITHUB_TOKEN, latest...);
    // a value names none, a default's text is read whole, and an expansion ends where bash ends
    // it or, only for a parameter, where another shell may: none of them now.
    for (String string : List.of(
        "export DATABASE_URL=${DATABASE_URL:-postgres://postgres:postgres@${DB_HOST:-localhost}:5432/test}; pytest",
        "curl -X POST -H \"Authorization: token ${GITHUB_TOKEN:-${GH_TOKEN}}\" https://api.github.com/repos/$REPO/statuses/$SHA",
        "exec node bot.js --token=\"${BOT_TOKEN:-${SLACK_BOT_TOKEN}}\"",
        "exec ./app --config \"${CONFIG:-/etc/bot/${ENV:-prod}.json}\"",
        "export KUBECONFIG=\"${KUBECONFIG:-${TBOT_DEST:-/opt/machine-id}/kubeconfig.yaml}\"; kubectl get pods",
        "kubectl config use-context \"${KUBE_CONTEXT:-$(kubectl config current-context)}\"",
        "exec ./bot --token \"${BOT_TOKEN:-$(cat /run/secrets/bot_token)}\"",
        "VERSION=$(curl -s \"https://api.github.com/repos/o/r/releases/latest\" | jq -r .tag_name); echo $VERSION",
        "test $(( $(date +%s) - $(stat -c %Y /var/lib/tbot/identity) )) -lt 3600",
        "tsh -i \"${IDENTITY:-$(pwd)/tbot-user/identity}\" ls",
        "mkdir -p \"$(dirname \"${TBOT_CONFIG:-/etc/tbot/tbot.yaml}\")\"",
        "export DB_URL=\"${DB_URL:-postgresql://${DB_USER:-app}:${DB_PASS:-secret}@${DB_HOST:-localhost}/${DB_NAME:-app}}\"; exec ./app",
        "./run.sh --config ${CONF:-$(pwd)/tbot.yaml} start")) {
      assertFalse(SplicedName.mayNameTbot(string), string);
      assertFalse(StringReadings.namesTbot(string), string);
    }
  }

  @Test
  void itReadsAStringOnceHoweverItsExpansionsNest() {
    // Unclosed openers, many expansions, deep nesting: each expansion's end found in one pass from
    // it, the next looked for past it (the string about once per rule, not once per expansion).
    for (String string : List.of("${X-'".repeat(40_000), "$(".repeat(60_000) + "tbot", "${X[}}".repeat(100_000),
        "${X-${Y-".repeat(20_000) + "tb" + "}}".repeat(20_000) + "ot", "`".repeat(100_001),
        "${A-$(echo })}".repeat(10_000))) {
      SplicedName.mayNameTbot(string);
    }
    // Nested past DEPTH, each character is chosen on its own: named, within the scans' budget or past it.
    assertTrue(SplicedName.mayNameTbot("${X-${Y-".repeat(20_000) + "tb" + "}}".repeat(20_000) + "ot"));
  }
}
