package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.DestinationCounts;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TbotCommandTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // line | counted | total db kube app
        "tbot start -c tbot.yaml | true | 0 0 0 0",
        "tbot -d start --oneshot | true | 0 0 0 0",
        "tbot -c tbot.yaml --log-format json start | true | 0 0 0 0",
        "tbot --cpu-profile cpu.prof start -c tbot.yaml | true | 0 0 0 0",
        "tbot -dc tbot.yaml start | true | 0 0 0 0",
        "tbot start -dc tbot.yaml database --destination ./db | true | 1 1 0 0",
        "tbot start -dh | false | 0 0 0 0",
        "tbot start -c tbot.yaml --completion-bash | false | 0 0 0 0",
        "tbot --completion-script-bash | false | 0 0 0 0",
        "tbot --completion-script-zsh start | false | 0 0 0 0",
        "tbot --mem-profile mem.prof --trace-profile trace.out start db --destination ./db | true | 1 1 0 0",
        "tbot start --join-method github | true | 0 0 0 0",
        "tbot start database --destination ./db --service pg | true | 1 1 0 0",
        "tbot start db --destination=./db | true | 1 1 0 0",
        "tbot start kubernetes/v2 --destination ./k | true | 1 0 1 0",
        "tbot start k8s --destination ./k | true | 1 0 1 0",
        "tbot start app --destination ./a | true | 1 0 0 1",
        "tbot start identity --destination ./id | true | 1 0 0 0",
        "tbot start id --pid-file /run/tbot.pid --join-uri u --destination ./id | true | 1 0 0 0",
        "tbot start noop --join-uri u | true | 0 0 0 0",
        "tbot start spiffe-svid --destination ./svid | true | 1 0 0 0",
        "tbot start database-tunnel --listen tcp://127.0.0.1:5432 | true | 0 0 0 0",
        // No KIND takes an argument either: kingpin refuses a word after it (found against kingpin,
        // TbotCommandKingpinTest), but the one right after a flag exec does not know (the KIND's
        // own --listen, --service ...), '--' between or not, which may be its value.
        "tbot start app-tunnel --listen tcp://127.0.0.1:8080 -- --destination x | false | 0 0 0 0",
        "tbot start db --destination ./db extra | false | 0 0 0 0",
        "tbot start app --destination ./a -- --app x | false | 0 0 0 0",
        "tbot start app-tunnel --listen l --app a x | false | 0 0 0 0",
        "tbot start legacy k8s/v2 | false | 0 0 0 0",
        "tbot start true identity --destination ./id | false | 0 0 0 0",
        "tbot start db --destination ./db --service -- pg | true | 1 1 0 0",
        "tbot start app-tunnel --listen tcp://127.0.0.1:8080 | true | 0 0 0 0",
        // A flag exec knows, where the command kingpin has chosen by then does not take it: before
        // any command (only the global ones are there), configure's -o in a start, a KIND's own
        // on the classic start, the classic start's own on a KIND, and an output's on a KIND that
        // writes none. kingpin refuses it ("unknown long flag"; found by TbotCommandKingpinTest).
        "tbot --oneshot start | false | 0 0 0 0",
        "tbot -a auth:3025 start | false | 0 0 0 0",
        "tbot -o out.yaml start | false | 0 0 0 0",
        "tbot start -o out.yaml | false | 0 0 0 0",
        "tbot start db --destination ./db --output=x | false | 0 0 0 0",
        "tbot start --storage file:///s | false | 0 0 0 0",
        "tbot start --destination ./d | false | 0 0 0 0",
        "tbot start -c tbot.yaml --join-uri u | false | 0 0 0 0",
        "tbot start --reader-user bob | false | 0 0 0 0",
        "tbot start legacy --registration-secret s | false | 0 0 0 0",
        "tbot start db --destination ./db --data-dir /d | false | 0 0 0 0",
        "tbot start identity --destination ./id --destination-dir ./o | false | 0 0 0 0",
        "tbot start noop --destination ./d | false | 0 0 0 0",
        "tbot start app-tunnel --listen l --app a --reader-user bob | false | 0 0 0 0",
        // application-proxy's alias app-proxy (start_application_proxy.go) writes no output either.
        "tbot start app-proxy --listen l --destination ./d | false | 0 0 0 0",
        "tbot start app-proxy --listen tcp://127.0.0.1:8080 | true | 0 0 0 0",
        "tbot start --data-dir /d --destination-dir ./o --no-oneshot -a auth:3025 | true | 0 0 0 0",
        "tbot start noop --storage file:///s --join-uri u | true | 0 0 0 0",
        "tbot start future-kind --destination ./d | true | 1 0 0 0", // a KIND exec does not know: not judged
        // A word after start that cannot name a KIND (KINDs are lower-case words: a config file's
        // name, a path, an upper-case or dotted word cannot be one): kingpin refuses it ("expected
        // command but got ..."), as it refuses an unknown KIND, and tbot exits before reading its
        // config. One of a KIND's shape stays counted: a newer tbot may have that KIND.
        "tbot start Foo.yaml | false | 0 0 0 0",
        "tbot start tbot.yaml | false | 0 0 0 0",
        "tbot start ./tbot.yaml | false | 0 0 0 0",
        "tbot start /etc/tbot.yaml --destination ./d | false | 0 0 0 0",
        "tbot start Identity --destination ./d | false | 0 0 0 0",
        "tbot start 9kind | false | 0 0 0 0",
        "tbot -c tbot.yaml start my_kind | false | 0 0 0 0",
        "tbot start -c tbot.yaml tbot.yaml | false | 0 0 0 0",
        "tbot --debug start -d Foo | false | 0 0 0 0",
        "nice tbot start tbot.yaml | false | 0 0 0 0",
        "tbot -- start Foo.yaml | false | 0 0 0 0",
        "tbot start -- Foo.yaml | false | 0 0 0 0",
        "tbot start k8s/v3 | true | 0 0 0 0",
        "tbot start workload-identity-x510 --destination ./d | true | 1 0 0 0",
        // After a flag exec does not know the word may be its value (a newer tbot's): not judged.
        "tbot start --future-flag Foo.yaml | true | 0 0 0 0",
        // So after --no-X of a global flag that takes a value, which does not choose the classic
        // start: exec does not know it (kingpin refuses it, "unknown long flag", a leniency
        // TbotCommandKingpinTest counts as such), and the word may be its value.
        "tbot start --no-log-format Foo.yaml | true | 0 0 0 0",
        "tbot --token t version | false | 0 0 0 0",
        // kingpin lexes -aVALUE before it knows -a, the classic start's, right after start: as a
        // bool and a second flag -VALUE, and then refuses -a without its value (found by
        // TbotCommandKingpinTest). Once the classic start or a KIND is chosen, it knows -a.
        "tbot start -aauth:3025 | false | 0 0 0 0",
        // --[no-]scoped (19.x; 18.x from April 2026) is the classic start's and every KIND's bool:
        // it chooses the classic start as --oneshot does (found by TbotCommandKingpinTest), and
        // takes no value.
        "tbot start --scoped -c tbot.yaml app | false | 0 0 0 0",
        "tbot start --scoped=true | false | 0 0 0 0",
        "tbot start --no-scoped -c tbot.yaml | true | 0 0 0 0",
        "tbot start app --scoped --destination ./a | true | 1 0 0 1",
        "tbot -c tbot.yaml start -daauth:3025 | false | 0 0 0 0",
        "tbot start --oneshot -aauth:3025 | true | 0 0 0 0",
        "tbot start legacy -aauth:3025 | true | 0 0 0 0",
        "tbot start db -aauth:3025 --destination ./db | true | 1 1 0 0",
        "tbot start -c tbot.yaml database --destination ./db | true | 1 1 0 0",
        "tbot start -d --config-string e30= --log-format json app --destination ./a | true | 1 0 0 1",
        // A flag of start's own makes kingpin pick the classic start (start_legacy.go), which takes
        // no argument: it refuses a KIND after it, or any word ("unexpected app"), '--' or not.
        "tbot start --join-method github --oneshot app --destination ./a | false | 0 0 0 0",
        "tbot start --oneshot -- app | false | 0 0 0 0",
        "tbot start --oneshot app | false | 0 0 0 0",
        "tbot start --token abc db --destination ./db | false | 0 0 0 0",
        "tbot start --no-oneshot -- -c tbot.yaml | false | 0 0 0 0",
        "tbot start --oneshot -c tbot.yaml | true | 0 0 0 0", // a global flag's value is no argument
        // A flag exec does not know (a newer tbot's) may take the word after it as its value.
        "tbot start --oneshot --future-flag app | true | 0 0 0 0",
        "tbot start --oneshot --future-flag -- app | true | 0 0 0 0",
        "tbot start --future-flag app --destination ./a | true | 0 0 0 0",
        // So does 18.4's hidden --diag-socket-for-updater, which teleport-update's tbot unit passes
        // (gravitational/teleport#60477; docs/testing.md, Which tbot).
        "tbot start -c tbot.yaml --diag-socket-for-updater /run/tbot.sock --pid-file /run/tbot.pid | true | 0 0 0 0",
        // kingpin's lexer makes the value of --flag=VALUE an argument of its own, which a bool flag
        // does not take (flags.go): a stray argument, refused wherever it stands ("unexpected true").
        "tbot start --oneshot=true -c tbot.yaml | false | 0 0 0 0",
        "tbot start -c tbot.yaml --no-oneshot=false | false | 0 0 0 0",
        "tbot --debug=true start | false | 0 0 0 0",
        "tbot start identity --oneshot=false --destination ./id | false | 0 0 0 0",
        "tbot start --insecure= | false | 0 0 0 0",
        "tbot start --future-flag=x -c tbot.yaml | true | 0 0 0 0",
        "tbot start --data-dir /var/lib/tbot | true | 0 0 0 0",
        "tbot start --help | false | 0 0 0 0",
        "tbot --help start | false | 0 0 0 0",
        "tbot start database -h | false | 0 0 0 0",
        "tbot version | false | 0 0 0 0",
        "tbot -c tbot.yaml init --destination-dir ./out | false | 0 0 0 0",
        "tbot configure database --destination ./db | false | 0 0 0 0",
        "tbot --help | false | 0 0 0 0",
        "tbot | false | 0 0 0 0",
        "tbot -- start | true | 0 0 0 0", // after --, kingpin still matches commands
        // ... but every word after it is an argument, and start (or its KIND) takes none: kingpin
        // refuses the line (parser.go: "unexpected -c"), and tbot starts nothing.
        "tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "tbot start -- -c tbot.yaml | false | 0 0 0 0",
        "tbot -c -- tbot.yaml start -d | false | 0 0 0 0",
        "tbot start -- --no-anonymous-analytics | false | 0 0 0 0",
        // A KIND's name after it is still read, as the command's is.
        "tbot -- start db | true | 1 1 0 0",
        // A launcher passes the -- on to tbot; a program that is not one ends its options with it.
        "nice tbot -- start | true | 0 0 0 0",
        "nice -n 5 tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "flock /tmp/l tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "start-stop-daemon -S --exec /usr/local/bin/tbot -- start -c tbot.yaml | true | 0 0 0 0",
        "./run.sh nice tbot -- start -c tbot.yaml | false | 0 0 0 0",
        // ... with long options abbreviated as getopt_long takes them (--sig for --signal), an
        // option's value not taken for the launcher's command; and a launcher right in front of
        // tbot behind another program passes it on too (xargs runs nice, which runs tbot).
        "timeout --sig KILL 60 tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "timeout --k 5 60 tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "nice --adj 5 tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "stdbuf --out L tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "setpriv --reu 1000 tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "prlimit -o SOFT tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "xargs nice tbot -- start -c tbot.yaml | false | 0 0 0 0",
        // xargs runs its command with the arguments after it as given (getopt stops at the command),
        // the -- among them, as a launcher does; its options' values are not its command.
        "xargs tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "xargs -n 1 -a args.txt -I {} tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "xargs --max-procs 2 -0 tbot -- start -c tbot.yaml | false | 0 0 0 0",
        "xargs -a /dev/null tbot -- start | true | 0 0 0 0",
        // A launcher runs the program right after its options and operands: time -p tbot tbot start
        // runs tbot with the arguments 'tbot start' (no command tbot: kingpin refuses it), where
        // gosu's tbot is a user, and the second tbot the program.
        "time -p tbot tbot start | false | 0 0 0 0",
        "nice tbot tbot start -c tbot.yaml | false | 0 0 0 0",
        "timeout 60 tbot tbot start | false | 0 0 0 0",
        "xargs tbot tbot start | false | 0 0 0 0",
        "gosu tbot tbot start | true | 0 0 0 0",
        "sudo -u tbot tbot start | true | 0 0 0 0",
        "time -o tbot tbot start | true | 0 0 0 0",
        // kingpin replaces @FILE with the file's lines, which exec does not read: nothing is known
        "tbot start @tbot.args | false | 0 0 0 0",
        "tbot @tbot.args | false | 0 0 0 0",
        "tbot start -c @tbot.args | false | 0 0 0 0",
        "tbot start -c=@a.yaml | true | 0 0 0 0", // a value in the same word is not expanded
        "tbot start -- @a | false | 0 0 0 0", // no file: a word, which no KIND is
        "/usr/local/bin/tbot start | true | 0 0 0 0",
        "./run-tbot.sh start | true | 0 0 0 0",
        // Any program is looked through to a word naming tbot: sh -c tbot runs tbot without a command.
        "sh -c tbot | false | 0 0 0 0",
        "setpriv --reuid=1000 tbot start db --destination ./db | true | 1 1 0 0",
        // A launcher's option that takes tbot for its value: never thrown into the host.
        "nice -n tbot | false | 0 0 0 0",
        // util-linux's runuser -u USER runs its command itself, as sudo -u does: USER (tbot too) is
        // -u's value, and the program the first word after runuser's options.
        "runuser -u bot -- tbot start -c tbot.yaml | true | 0 0 0 0",
        "runuser -u tbot -- tbot start -c tbot.yaml | true | 0 0 0 0",
        "runuser --user=tbot tbot start | true | 0 0 0 0",
        "runuser -g tbot -u bot -- tbot start | true | 0 0 0 0",
        "nice runuser -Pu tbot -- tbot start db --destination=./db | true | 1 1 0 0",
        // Its getopt permutes (no '+' in su-common.c's "c:fg:G:lmpPs:u:hVw:"): it reads options
        // anywhere before a '--', after its command too, which then refuses -c (with -u), an option
        // it does not know, or runs tbot without the one it takes; its '--' after tbot is dropped.
        "runuser -u tbot tbot start -c tbot.yaml | false | 0 0 0 0",
        "runuser -u bot tbot start db --destination ./db | false | 0 0 0 0",
        "runuser -u bot tbot start -p | false | 0 0 0 0",
        "runuser tbot -u bot start | false | 0 0 0 0",
        "runuser -u bot tbot -- start -c tbot.yaml | true | 0 0 0 0",
        "runuser -u bot -- tbot -- start -c tbot.yaml | false | 0 0 0 0",
        // With -u it refuses -l, -c, -s, -f and a '-' as its first operand, and -h prints its help.
        "runuser -u bot -l -- tbot start | false | 0 0 0 0",
        "runuser --log -u bot tbot start | false | 0 0 0 0",
        "runuser -u bot -- - tbot start | false | 0 0 0 0",
        "runuser -s /bin/sh -u bot tbot start | false | 0 0 0 0",
        "runuser -u bot -h tbot start | false | 0 0 0 0",
        "runuser -u bot --s x tbot start | false | 0 0 0 0",
        // Checked against runuser 2.38.1 (as root, a script for tbot): --pty, -m, -p and -w alone run the
        // command; --pty=1, an unknown first option, and -m or -p with -w are refused; a unique
        // prefix is the option (--us); '--' with no command after it runs nothing.
        "runuser --pty -u bot -- tbot start | true | 0 0 0 0",
        "runuser --pty=1 -u bot -- tbot start | false | 0 0 0 0",
        "runuser --xyz -u bot -- tbot start | false | 0 0 0 0",
        "runuser -m -u bot -- tbot start | true | 0 0 0 0",
        "runuser -p -u bot -- tbot start | true | 0 0 0 0",
        "runuser -w FOO -u bot -- tbot start | true | 0 0 0 0",
        "runuser -m -w FOO -u bot -- tbot start | false | 0 0 0 0",
        "runuser -p -w FOO -u bot -- tbot start | false | 0 0 0 0",
        "runuser -w FOO -m -u bot -- tbot start | false | 0 0 0 0",
        "runuser --us bot -- tbot start | true | 0 0 0 0",
        "runuser --p -u bot -- tbot start | false | 0 0 0 0",
        "runuser -u bot -- | false | 0 0 0 0",
        // Behind launchers and xargs, as in front of them; its '--' after tbot dropped there too
        // (runuser -u root -- runuser -u root tbot -- start -c x runs tbot start -c x).
        "nice runuser -u bot tbot start -c tbot.yaml | false | 0 0 0 0",
        "xargs runuser -u bot tbot start -c tbot.yaml | false | 0 0 0 0",
        "nice runuser -u bot tbot -- start -c tbot.yaml | true | 0 0 0 0",
        "xargs runuser -u bot tbot -- start -c tbot.yaml | true | 0 0 0 0",
        "runuser -u root -- runuser -u bot tbot -- start -c tbot.yaml | true | 0 0 0 0",
        "runuser -u bot tbot -- start db --destination ./db | true | 1 1 0 0",
      })
  void readsTheCommandAsTbotDoes(String line, boolean counted, String outputs) {
    TbotCommand command = TbotCommand.of(List.of(line.split(" ")));
    assertEquals(counted, command.counted(), command.describe());
    int[] n = java.util.Arrays.stream(outputs.split(" ")).mapToInt(Integer::parseInt).toArray();
    assertEquals(new DestinationCounts(n[0], n[1], n[2], n[3]), command.outputs());
  }

  /**
   * What exec's --debug line and preview call a command tbot does not start with: its word, unless
   * that cannot be a command's name. A value after a flag exec does not know ({@code -t TOKEN}, a
   * join token meant for start) is read as the command word, and that line goes to tbot's log.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tbot version | tbot version",
        "tbot spiffe-inspect --path x | tbot spiffe-inspect",
        // tbot's commands with a subcommand, or '-' in the name (gravitational/teleport lib/tbot/cli)
        "tbot kube credentials --destination-dir ./id | tbot kube",
        "tbot ssh-multiplexer-proxy-command /opt/machine-id/v1.sock host:22 | tbot ssh-multiplexer-proxy-command",
        "tbot keypair create --proxy-server example.com:443 | tbot keypair",
        "tbot copy-binaries /out | tbot copy-binaries",
        "tbot mcp stdio-proxy | tbot mcp",
        "tbot -d wait | tbot wait",
        // Behind a launcher, as before; behind any other program "tbot" may be a value (a user's
        // name) and the next word another (htpasswd -b FILE USER PASSWORD): not shown.
        "nice -n 5 tbot version | tbot version",
        "htpasswd -b /etc/nginx/htpasswd tbot hunter | tbot with a command word not shown (it may be a value)",
        "rabbitmqctl change_password tbot hunter | tbot with a command word not shown (it may be a value)",
        // What counts is the program right in front of tbot once the launchers are peeled off,
        // with their options and operands: a launcher in front of such a program changes nothing.
        "sudo htpasswd -b /etc/nginx/htpasswd tbot hunter | tbot with a command word not shown (it may be a value)",
        "nice rabbitmqctl change_password tbot hunter | tbot with a command word not shown (it may be a value)",
        "nice -n 5 htpasswd -b /f tbot hunter | tbot with a command word not shown (it may be a value)",
        "timeout -s KILL 60 rabbitmqctl change_password tbot hunter | tbot with a command word not shown (it may be a value)",
        "gosu bot htpasswd -b /f tbot hunter | tbot with a command word not shown (it may be a value)",
        "sudo -u bot env A=1 rabbitmqctl change_password tbot hunter | tbot with a command word not shown (it may be a value)",
        "setarch x86_64 -R htpasswd -b /f tbot hunter | tbot with a command word not shown (it may be a value)",
        "chpst -u bot rabbitmqctl change_password tbot hunter | tbot with a command word not shown (it may be a value)",
        "timeout -s KILL 60 tbot version | tbot version",
        "nice -n5 -- tbot version | tbot version",
        "sudo -u bot env -C /opt A=1 tbot version | tbot version",
        "chpst -u bot -/ /srv tbot version | tbot version",
        "setarch x86_64 -R tbot version | tbot version",
        "flock -w 10 /tmp/l taskset -c 0-3 tbot version | tbot version",
        "setpriv --reuid 1000 --init-groups tbot version | tbot version",
        "gosu tbot tbot version | tbot version",
        "timeout --sig KILL 60 tbot version | tbot version",
        "timeout --sig KILL 60 htpasswd -b /f tbot hunter | tbot with a command word not shown (it may be a value)",
        "nice --adj 5 htpasswd -b /f tbot hunter | tbot with a command word not shown (it may be a value)",
        // Nor where that word is start and tbot would refuse what follows a -- after it: its name
        // is that word too.
        "htpasswd -b /f tbot start -- -x | tbot with a command word not shown (it may be a value)",
        "tbot start -- -x | tbot start with an argument after '--' it does not take",
        // A word after a KIND read after a '--' (given before start or right after it) is refused
        // for the '--': kingpin reads every word there as an argument.
        "tbot -- start db extra | tbot start with an argument after '--' it does not take",
        "tbot start -- db extra | tbot start with an argument after '--' it does not take",
        "tbot start db extra | tbot start with an argument its KIND does not take",
        "tbot start --oneshot app | tbot start with an argument its classic start does not take",
        "tbot start --oneshot=true | tbot with a value given to a flag that takes none",
        "htpasswd -b /f tbot start --oneshot hunter | tbot with a command word not shown (it may be a value)",
        "time -p tbot tbot version | tbot tbot",
        // env -S's string of options and NAME=VALUE only runs no program of its own; a lone '-' is
        // nice's command, not an option.
        "env --split-string=A=1 tbot version | tbot version",
        "nice - tbot version | tbot with a command word not shown (it may be a value)",
        "tbot -t 0f3a9c2e7b1d4e5f6a7b8c9d0e1f2a3b start | tbot with a command word not shown (it may be a value)",
        "tbot --join-secret Sup3r_Secret start | tbot with a command word not shown (it may be a value)",
        "tbot START | tbot with a command word not shown (it may be a value)",
        // A word of tbot's commands' shape that is no short word nor one of tbot's commands: a
        // token of lower-case letters, or a passphrase's words joined by '-' (red before).
        "tbot qzvbnmrtplkjhgfdswxcyeuoia start | tbot with a command word not shown (it may be a value)",
        "tbot correct-horse-battery-staple start | tbot with a command word not shown (it may be a value)",
        "tbot ssh-proxy-command --host h | tbot ssh-proxy-command",
        "tbot credentials | tbot credentials",
        "tbot --completion-bash | tbot --completion-bash",
        "tbot start @tbot.args | tbot with an @FILE argument",
        "runuser -u tbot -- tbot version | tbot version",
        "runuser -u bot tbot -- version | tbot version",
        // start-stop-daemon read as its getopt_long reads it: its program's words are known (red before).
        "start-stop-daemon -S --exec /usr/local/bin/tbot -- version | tbot version",
        "start-stop-daemon -S --exec /usr/local/bin/tbot -p P -- version | tbot version",
        "start-stop-daemon --stop --exec /usr/local/bin/tbot -- start | start-stop-daemon starting nothing",
        "runuser -u tbot tbot start -c tbot.yaml | runuser -u running other than the line as given",
        "runuser -u bot ./wrapper.sh --flag | runuser -u running other than the line as given",
      })
  void describesOnlyWhatCanBeACommandName(String line, String described) {
    assertEquals(described, TbotCommand.of(List.of(line.split(" "))).describe());
  }

  /**
   * A launcher's option that takes a value (getopt's "x:", from its source and --help) takes the word
   * after it, and the launcher runs the one after that: tbot here, which refuses the -c after the --
   * it is passed. Red before for each: the value was taken for another program in front of tbot,
   * which ended its options with the --, and the start was counted.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      // coreutils 9.6's env -a/--argv0 ARG; BSD's and macOS's env -P ALTPATH (GNU env refuses it)
      "env -a bot", "env --argv0 bot", "env --argv bot", "env -iP /opt/bin",
      // sudo's "+Aa:BbC:c:D:Eeg:Hh::iKklNnPp:R:r:SsT:t:U:u:Vv" (src/parse_args.c): -a TYPE, -c CLASS
      "sudo -a passwd", "sudo -na passwd", "sudo -c staff", "sudo --auth-type passwd", "sudo --auth passwd",
      // numactl's table (numactl.c): every option with has_arg 1
      "numactl -w 0", "numactl --weighted-interleave 0", "numactl -P 0,1", "numactl --preferred-many 0,1",
      "numactl -c 0", "numactl --cpubind 0", "numactl -S /k", "numactl --shm /k", "numactl -f /f",
      "numactl --file /f", "numactl -o 0", "numactl --offset 0", "numactl -L 1g", "numactl --length 1g",
      "numactl -M 600", "numactl --shmmode 600", "numactl -I 1", "numactl --shmid 1"})
  void aLaunchersOptionTakesItsValueBeforeTbot(String launcher) {
    List<String> line = new ArrayList<>(List.of(launcher.split(" ")));
    line.addAll(List.of("tbot", "--", "start", "-c", "tbot.yaml"));
    TbotCommand command = TbotCommand.of(line);
    assertFalse(command.counted(), command.describe());
    assertEquals("tbot start with an argument after '--' it does not take", command.describe());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "tbot start -c tbot.yaml | true",
        "tbot start legacy --oneshot | true",
        "tbot -d start identity --destination ./id | false",
        "tbot start -c tbot.yaml identity --destination ./id | false",
        // kingpin tries start's flags on its default subcommand, the classic start (start_legacy.go),
        // which refuses a KIND after them: no start runs (readsTheCommandAsTbotDoes).
        "tbot start --no-oneshot -c tbot.yaml | true",
        "tbot start --no-oneshot identity --destination ./id | false",
        // --pid-file is start legacy's and every KIND's (tbot.mdx), not global: the same.
        "tbot start --pid-file /run/tbot.pid | true",
        "tbot start --pid-file /run/tbot.pid identity --destination ./id | false",
        "tbot start identity --pid-file /run/tbot.pid --destination ./id | false",
        "tbot start --token abc db --destination ./db | false",
      })
  void theKindIsTheWordRightAfterStartWithOnlyGlobalFlagsBetween(String line, boolean legacy) {
    assertEquals(legacy, TbotCommand.of(List.of(line.split(" "))).legacyStart());
  }

  /**
   * A shell's -c string that names tbot is tbot's command line when it is one plain command (read
   * as if its words followed directly), and records nothing otherwise, as env -S's string does.
   * Red before: every such line was a wrapper's, counted from exec's own flags.
   */
  @Test
  void aShellStringIsTbotsCommandLineWhenItIsOnePlainCommand() {
    for (List<String> line : List.of(List.of("sh", "-c", "tbot start -c /etc/tbot.yaml"),
        List.of("/bin/sh", "-ec", "exec tbot start -c /etc/tbot.yaml"),
        List.of("bash", "-c", "TBOT_CONFIG_PATH=/etc/tbot.yaml exec /usr/local/bin/tbot start"),
        List.of("dash", "-c", "tbot 'start' -c \"/etc/tbot.yaml\""),
        List.of("busybox", "sh", "-c", "tbot start"), List.of("/bin/busybox", "ash", "-c", "tbot start"),
        List.of("bash.exe", "-o", "pipefail", "-c", "tbot.exe start"),
        List.of("nice", "sh", "-c", "tbot start", "sh", "ignored"),
        List.of("su", "bot", "-c", "tbot start"), List.of("flock", "/tmp/l", "-c", "tbot start"),
        List.of("sh", "-c", "sh -c 'tbot start db --destination ./db'"),
        List.of("sh", "-c", "exec tbot start \\\n  -c /etc/tbot.yaml\n\n"))) {
      TbotCommand command = TbotCommand.of(line);
      assertTrue(command.counted(), line + ": " + command.describe());
    }
    assertEquals(new DestinationCounts(1, 1, 0, 0), TbotCommand.of(List.of("sh", "-c", "tbot start db --destination ./db"))
        .outputs());
    // yash and posh are POSIX shells whose -c strings of plain words are read as sh's (checked
    // against the real shells, ShellStringTest). Red before: records nothing, as a string not read.
    for (String shell : List.of("yash", "/usr/bin/posh")) {
      assertEquals(List.of("tbot", "start", "-c", "/etc/tbot.yaml"),
          ShellString.commandLine(List.of(shell, "-c", "exec tbot start -c '/etc/tbot.yaml'"), java.util.Map.of()).words());
      assertEquals(List.of("nice", "env", "DO_NOT_TRACK=1", "tbot", "start"),
          ShellString.commandLine(List.of("nice", shell, "-ec", "DO_NOT_TRACK=1 tbot start"), java.util.Map.of()).words());
    }
    assertEquals("tbot start", TbotCommand.of(List.of("sh", "-c", "exec tbot start")).describe());
    // The string's tbot runs the command the string names, not the words after the string ($0, $1 ...).
    for (List<String> line : List.of(List.of("sh", "-c", "tbot version"), List.of("sh", "-ec", "exec tbot version"),
        List.of("zsh", "-c", "tbot"), List.of("ksh", "-c", "tbot --help"), List.of("mksh", "-c", "tbot init"),
        List.of("sudo", "-u", "bot", "sh", "-c", "tbot version"), List.of("su", "bot", "-c", "tbot version"),
        List.of("su", "-c", "tbot version", "bot"), List.of("flock", "/tmp/l", "-c", "tbot version"),
        List.of("flock", "-w", "5", "/tmp/l", "--command", "tbot version"),
        List.of("sh", "-c", "tbot version", "tbot", "start"), List.of("gosu", "tbot", "sh", "-c", "tbot version"),
        // rbash is bash, restricted: it runs tbot start too.
        List.of("rbash", "-c", "tbot version"))) {
      assertFalse(TbotCommand.of(line).counted(), line.toString());
    }
  }

  /**
   * runuser -u USER runs its command itself: a shell's string behind it is read as behind any
   * launcher, its USER (tbot too) not taken for the program; a -c before its '--' is runuser's own,
   * which it refuses with -u. Red before: the user tbot ended the reading, and runuser's -c was
   * read as su's.
   */
  @Test
  void runuserWithAUserRunsItsCommandAsALauncherDoes() {
    assertEquals(List.of("runuser", "-u", "tbot", "--", "tbot", "start", "-c", "/etc/tbot.yaml"),
        ShellString.commandLine(List.of("runuser", "-u", "tbot", "--", "sh", "-c", "tbot start -c /etc/tbot.yaml"),
            java.util.Map.of()).words());
    assertTrue(TbotCommand.of(List.of("runuser", "-u", "tbot", "--", "sh", "-c", "tbot start")).counted());
    for (List<String> line : List.of(List.of("runuser", "-u", "bot", "sh", "-c", "tbot start"),
        List.of("runuser", "-u", "bot", "-c", "tbot start"), List.of("runuser", "-c", "tbot start", "-u", "bot"))) {
      TbotCommand command = TbotCommand.of(line);
      assertFalse(command.counted(), line + ": " + command.describe());
      assertTrue(command.whyNotCounted().startsWith("COMMAND's runuser -u"), command.whyNotCounted());
    }
    // Without -u runuser is su: its string runs in the user's shell, as before, and is counted as su's is.
    assertEquals(List.of("runuser", "--", "tbot", "start"),
        ShellString.commandLine(List.of("runuser", "bot", "-c", "tbot start"), java.util.Map.of()).words());
    assertTrue(TbotCommand.of(List.of("runuser", "bot", "-c", "tbot start")).counted());
    // The string's flags are tbot's, not su's: su's options were read before its string was.
    for (List<String> line : List.of(List.of("su", "bot", "-c", "tbot start --oneshot"),
        List.of("su", "bot", "-c", "tbot start --config /etc/tbot.yaml"), List.of("su", "bot", "-c", "tbot start -c x -d"),
        List.of("runuser", "bot", "-c", "tbot start --oneshot"), List.of("sudo", "su", "bot", "-c", "tbot start -d"))) {
      TbotCommand command = TbotCommand.of(line);
      assertTrue(command.counted(), line + ": " + command.whyNotCounted());
    }
    assertFalse(TbotCommand.of(List.of("su", "-u", "bot", "-c", "tbot start --oneshot")).counted());
    // A line of launchers only, or env -S's own program, names no runuser that changes it: a wrapper's, counted.
    assertTrue(TbotCommand.of(List.of("env", "-S", "A=1 ./run-tbot.sh", "start")).counted());
    assertFalse(Launcher.runuserChangesTheLine(List.of("nice", "-n", "5")));
  }

  /**
   * runuser's getopt as runuser 2.38.1 reads it (checked by hand, as root): an option's value is
   * the rest of its cluster or the next word, a '-u' too, which then gives no -u (su's form: runuser
   * -c -u root -- tbot start runs the shell with '-u'); an ambiguous long option is an error, not the
   * first it matches.
   */
  @Test
  void runuserTakesItsOptionsValuesAsItsGetoptDoes() {
    for (List<String> line : List.of(List.of("runuser", "-c", "-u", "bot", "--", "tbot", "start"),
        List.of("runuser", "-cu", "bot", "tbot", "start"), List.of("runuser", "--command", "-u", "bot", "--", "tbot"),
        List.of("runuser", "--comm", "-u", "bot", "--", "tbot"))) {
      assertEquals(null, RunUser.read(line, 1), line.toString());
    }
    RunUser ambiguous = RunUser.read(List.of("runuser", "--p", "-u", "bot", "--", "tbot", "start"), 1);
    assertTrue(ambiguous != null && !ambiguous.runsAsGiven());
    RunUser read = RunUser.read(List.of("runuser", "-gwheel", "-u", "bot", "tbot", "--", "start"), 1);
    assertTrue(read.runsAsGiven());
    assertEquals(4, read.commandAt());
    assertEquals(5, read.dashesAt());
    RunUser before = RunUser.read(List.of("runuser", "--user", "bot", "--", "tbot", "--", "start"), 1);
    assertEquals(4, before.commandAt());
    assertEquals(-1, before.dashesAt());
  }

  /**
   * su (and runuser without -u, which is su) runs nothing where its getopt refuses an option (one
   * it does not know, or without its value at the line's end), where it is given -u (runuser's),
   * -m or -p with -w ("mutually exclusive arguments"), or -h or -V (it prints and exits 0): each
   * checked by hand against su 2.38.1, as root. The option first among su's and later alike, in
   * front of launchers, behind them and in a shell's string. Red before: su -m or -p with -w was
   * read as su's string, counted.
   */
  @Test
  void aSuThatRefusesItsOptionsOrPrintsItsHelpRunsNothing() {
    for (List<String> line : List.of(List.of("su", "-u", "bot", "tbot", "start", "-c", "tbot.yaml"),
        List.of("su", "-P", "--user=bot", "--", "tbot", "start"), List.of("su", "-h"), List.of("su", "-P", "-h"),
        List.of("su", "-V"), List.of("su", "bot", "-V", "-c", "tbot start"), List.of("su", "--xyz", "bot", "-c", "tbot start"),
        List.of("su", "bot", "-c", "tbot start", "--xyz"), List.of("su", "bot", "-s"), List.of("su", "-s"),
        List.of("su", "-m", "-w", "FOO", "bot", "-c", "tbot start"), List.of("su", "-p", "-w", "FOO", "bot", "-c", "tbot start"),
        List.of("su", "-w", "FOO", "-m", "bot", "-c", "tbot start"), List.of("su", "-w", "FOO", "-p", "bot", "-c", "tbot start"),
        List.of("su", "--preserve-environment", "--whitelist-environment=FOO", "bot", "-c", "tbot start"),
        List.of("nice", "su", "-u", "bot", "tbot", "start"), List.of("sudo", "su", "-m", "-wFOO", "bot", "-c", "tbot start"),
        List.of("xargs", "su", "-u", "bot", "tbot", "start"), List.of("xargs", "-0", "nice", "su", "-h"),
        List.of("runuser", "bot", "--xyz", "-c", "tbot start"), List.of("runuser", "-m", "-w", "FOO", "bot", "-c", "tbot start"),
        List.of("sh", "-c", "su -u bot tbot start"), List.of("sh", "-c", "su -m -w FOO bot -c 'tbot start'"))) {
      TbotCommand command = TbotCommand.of(line);
      assertFalse(command.counted(), line.toString());
      assertEquals("su running nothing", command.describe(), line.toString());
      assertTrue(command.whyNotCounted().startsWith("COMMAND's su (or runuser without -u) runs nothing: "),
          command.whyNotCounted());
    }
    // -m, -p and -w each alone, --pty, -c taking '-u' as its string: su runs the string.
    for (List<String> line : List.of(List.of("su", "-m", "bot", "-c", "tbot start"), List.of("su", "-p", "bot", "-c", "tbot start"),
        List.of("su", "-w", "FOO", "bot", "-c", "tbot start"), List.of("su", "--pty", "bot", "-c", "tbot start"),
        List.of("su", "-c", "tbot start", "-w", "FOO", "bot"), List.of("runuser", "-w", "FOO", "bot", "-c", "tbot start"))) {
      TbotCommand command = TbotCommand.of(line);
      assertTrue(command.counted(), line + ": " + command.describe());
    }
    assertFalse(TbotCommand.of(List.of("su", "-w", "FOO", "bot", "-c", "tbot version")).counted());
    assertFalse(RunUser.suRunsNothing(List.of("su", "-c", "-u", "bot"), 1));
    // Behind a program that is no launcher, "su" may be a value (a user's name): not su's line.
    assertFalse(Launcher.suRunsNothing(List.of("./run.sh", "su", "-u", "bot", "tbot", "start")));
  }

  @Test
  void aShellStringExecCannotReadAsOnePlainCommandRecordsNothing() {
    for (List<String> line : List.of(List.of("sh", "-c", "tbot start -c /etc/tbot.yaml; echo done"),
        List.of("sh", "-c", "cd /opt&&tbot start"), List.of("sh", "-c", "tbot start -c \"$CONFIG\""),
        List.of("sh", "-c", "tbot start -c `cat f`"), List.of("sh", "-c", "tbot start &> /dev/null"),
        List.of("sh", "-c", "tbot start -c *.yaml"), List.of("sh", "-c", "tbot start\necho"),
        List.of("sh", "-c", "tbot start -c 'a.yaml"), List.of("sh", "-c", "exec \"$@\"; tbot start"),
        List.of("bash", "-lc", "tbot start"), List.of("bash", "--login", "-c", "tbot start"),
        List.of("sh", "-ic", "tbot start"), List.of("sh", "-nc", "tbot start"),
        List.of("su", "-", "bot", "-c", "tbot start"), List.of("su", "-l", "bot", "-c", "tbot start"),
        List.of("flock", "/tmp/l", "-c", "tbot start | tee log"), List.of("xargs", "sh", "-c", "tbot start &"),
        List.of("sh", "-c", "if tbot start"), List.of("sh", "-c", "tbot start\n\ntbot version"),
        List.of("sh", "-c", "tbot start -c 'a\nb.yaml'"), List.of("sh", "-c", "tbot start -c a\\ b.yaml"),
        List.of("sh", "-c", "tbot start\r\n"), List.of("sh", "-c", "exec -a x tbot start"),
        List.of("sh", "-c", "'A=1' tbot start"), List.of("bash", "-O", "extglob", "-c", "tbot start"),
        List.of("bash", "-o", "noexec", "-c", "tbot start"),
        // bash's --rcfile FILE and --init-file FILE: the -c after them is bash's, not read as plain.
        List.of("bash", "--rcfile", "x", "-c", "tbot start"), List.of("bash", "--init-file", "x", "-c", "tbot start"),
        // A long option exec does not know may take the next argument as these do: not read either.
        List.of("zsh", "--emulate", "sh", "-c", "tbot start"),
        // zsh expands a word starting with = to the program's path (its EQUALS option, on by default).
        List.of("zsh", "-c", "=tbot start -c /etc/tbot.yaml"), List.of("sh", "-c", "A=1 =tbot start"))) {
      TbotCommand command = TbotCommand.of(line);
      assertFalse(command.counted(), line.toString());
      assertTrue(command.whyNotCounted().startsWith("COMMAND runs tbot in a shell's -c string exec does not parse"),
          line + ": " + command.whyNotCounted());
    }
    // A string that names no tbot leaves the line a wrapper's; a tbot after it ("$@") is read.
    assertTrue(TbotCommand.of(List.of("sh", "-c", "./run.sh; echo done")).counted());
    assertEquals("not tbot", TbotCommand.of(List.of("sh", "-c", "exec")).describe());
    assertEquals("not tbot", TbotCommand.of(List.of("sh", "-c", "A=1")).describe());
    assertEquals("not tbot", TbotCommand.of(List.of("sh", "-c", "exec ./run.sh")).describe());
    assertFalse(TbotCommand.of(List.of("sh", "-c", "exec \"$@\"", "sh", "tbot", "version")).counted());
    // flock takes -c only right after FILE: before it, flock refuses it; a -c after its command is that command's.
    assertTrue(TbotCommand.of(List.of("flock", "/tmp/l", "tbot", "start", "-c", "tbot version")).counted());
  }

  /**
   * A string that names tbot among the arguments of a program exec does not read (a shell it does
   * not know, script -c, watch, ssh HOST ...) may be run as shell code: which config, and which no,
   * that tbot reads is unknown, so nothing is recorded, as for env -S. Red before: each was a
   * wrapper's, counted from exec's own flags.
   */
  @Test
  void aStringThatNamesTbotInAProgramsArgumentsRecordsNothing() {
    for (List<String> line : List.of(List.of("watch", "-n", "60", "tbot start --oneshot"),
        List.of("ssh", "host", "tbot start -c /etc/tbot.yaml"), List.of("tmux", "new-session", "-d", "tbot start"),
        List.of("pwsh", "-Command", "tbot start"), List.of("elvish", "-c", "tbot start"),
        List.of("./run.sh", "cd /opt;tbot start"),
        List.of("nice", "./run.sh", "--then", "exec /usr/local/bin/tbot start"))) {
      TbotCommand command = TbotCommand.of(line);
      assertFalse(command.counted(), line.toString());
      assertTrue(command.whyNotCounted().startsWith("COMMAND names tbot in a string exec does not parse"),
          line + ": " + command.whyNotCounted());
      assertEquals("tbot in a string exec does not parse", command.describe());
    }
    // One word is no string: a word naming tbot is looked through as before, and another is a wrapper's.
    assertTrue(TbotCommand.of(List.of("./run.sh", "--name=tbot")).counted());
    assertTrue(TbotCommand.of(List.of("xargs", "tbot", "start")).counted());
    assertTrue(TbotCommand.of(List.of("./run.sh", "a b")).counted());
  }

  /**
   * A line of many names of programs that load an environment from files given a word after them
   * or a variable (op run, chamber exec, sops exec-env, uv run --env-file or UV_ENV_FILE) is read in
   * linear time, as one of many launchers is (ShellStringTest); so are the other names read there
   * (su, sudo, chpst, export, envdir). Red before: each op, uv or sops scanned the line to tbot again,
   * 21 s of CPU for 60 000 words. A bound on this thread's CPU time, not on the clock: the slowest
   * word takes under 0.3 s of it, under load on 2 cores (su and sudo took 2 to 3 s, linear still,
   * while each read PAM's files again: PamEnvironmentTest), so the bound is 2 s, 7x that, and a
   * tenth of the quadratic reading's 21 s, which fails it. Read past LineBound.MAX_WORDS, which
   * exec's line stops at, as a second guard.
   */
  @Test
  void aLineOfManyNamesOfEnvironmentLoadersIsReadInLinearTime() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String word : List.of("op", "uv", "sops", "su", "sudo", "chpst", "export", "envdir")) {
      List<String> line = new ArrayList<>(Collections.nCopies(60_000, word));
      line.addAll(List.of("tbot", "start"));
      long start = threads.getCurrentThreadCpuTime();
      TbotCommand.of(ShellString.Line.read(line), Map.of()).describe(); // past LineBound.MAX_WORDS, read all the same
      long millis = (threads.getCurrentThreadCpuTime() - start) / 1_000_000;
      assertTrue(millis < 2_000, word + " x 60000: " + millis + " ms of CPU");
    }
  }
}
