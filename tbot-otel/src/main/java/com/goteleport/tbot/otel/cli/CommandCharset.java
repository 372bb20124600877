package com.goteleport.tbot.otel.cli;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Whether exec can hand a command line on unchanged. The JVM decodes its arguments in the locale's
 * charset and encodes a child's in its default charset: in the C/POSIX locale (ASCII) every byte
 * outside ASCII, and in a UTF-8 locale every byte that is not UTF-8, becomes U+FFFD on the way in
 * and {@code ?} or U+FFFD on the way out. tbot would then get another path or name than the user
 * gave ({@code -c café.yaml} as {@code -c caf??.yaml}), so exec refuses to run such a line.
 */
final class CommandCharset {

  private static final char REPLACEMENT = '\uFFFD';

  private CommandCharset() {}

  /** One line saying which argument cannot be passed on and how to fix it; {@code null} if all can. */
  @Nullable
  static String problem(List<String> command, Charset in, Charset out) {
    CharsetEncoder encoder = out.newEncoder();
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      if (arg.indexOf(REPLACEMENT) >= 0 || !encoder.canEncode(arg)) {
        String what = i == 0 ? "the program name" : "argument " + i + " of COMMAND";
        return in.equals(StandardCharsets.UTF_8)
            ? what + " is not UTF-8 text, which exec cannot pass on unchanged; give it in UTF-8"
            : what + " has characters outside " + in.name() + ", this JVM's charset for command lines, "
                + "so exec cannot pass it on unchanged; run exec in a UTF-8 locale (e.g. LANG=C.UTF-8)";
      }
    }
    return null;
  }

  /** {@link #problem(List, Charset, Charset)} for this JVM's charsets. */
  @Nullable
  static String problem(List<String> command) {
    return problem(command, jnuCharset(), Charset.defaultCharset());
  }

  private static Charset jnuCharset() {
    try {
      return Charset.forName(System.getProperty("sun.jnu.encoding", Charset.defaultCharset().name()));
    } catch (RuntimeException e) {
      return Charset.defaultCharset();
    }
  }
}
