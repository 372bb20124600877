package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tbot's arguments split as kingpin (Teleport's fork, parser.go and flags.go) splits them. */
class TbotArgsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // arguments | flags as name=value (or name alone), words as they are
        "start --config=a.yaml --oneshot | start config=a.yaml oneshot",
        "start --token abc --no-oneshot | start token=abc no-oneshot",
        "-dc a.yaml start | debug config=a.yaml start",
        "-dca.yaml start | debug config=a.yaml start",
        "-c=a.yaml | config==a.yaml",
        "-a proxy:443 -h | auth-server=proxy:443 help",
        "start --token --oneshot | start token oneshot", // no value: tbot refuses the line
        "start --data-dir x -- --oneshot -c y | start data-dir=x --oneshot -c y",
        "--unknown x start | unknown x start",
        // A flag's value is the next argument even past a '--' (kingpin's lexer skips it and reads
        // what follows as an argument), and a lone '-' is an argument too.
        "start -c -- a.yaml | start config=a.yaml",
        "start --config -- a.yaml x | start config=a.yaml x",
        "-c -- a.yaml start | config=a.yaml start",
        "start --token -- -abc | start token=-abc",
        "start -c - | start config=-",
        "start - | start -",
        // start KIND's shared value flags (tbot.mdx, generated from tbot's kingpin flags)
        "start identity --pid-file /run/tbot.pid --join-uri u | start identity pid-file=/run/tbot.pid join-uri=u",
        "start noop --registration-secret s --registration-secret-path p --static-key-path k"
            + " | start noop registration-secret=s registration-secret-path=p static-key-path=k",
      })
  void splitsAsKingpin(String args, String expected) {
    String got = TbotArgs.split(List.of(args.split(" "))).stream()
        .map(a -> a.isWord() ? a.value() : a.value() == null ? a.flag() : a.flag() + "=" + a.value())
        .collect(Collectors.joining(" "));
    assertEquals(expected, got);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Once a flag's value was read past a '--', the rest of the line is arguments, as after
        // any '--': a later --oneshot is not tbot's flag and must not make the start one-shot.
        "start -c -- a.yaml --oneshot | start config=a.yaml --oneshot",
        "start --config -- a.yaml -d --token t | start config=a.yaml -d --token t",
        // without the '--' the flags that follow are flags
        "start -c a.yaml --oneshot | start config=a.yaml oneshot",
      })
  void afterAValueReadPastDashDashTheRestAreWords(String args, String expected) {
    splitsAsKingpin(args, expected);
  }
}
