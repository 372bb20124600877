package com.goteleport.tbot.otel.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.annotation.Nullable;

/**
 * Whether exec can hand a command line on unchanged. The JVM decodes its arguments in the locale's
 * charset and encodes a child's again: in the C/POSIX locale (ASCII) every byte outside ASCII, and
 * in a UTF-8 locale every byte that is not UTF-8, becomes U+FFFD on the way in and {@code ?} or
 * U+FFFD on the way out. tbot would then get another path or name than the user gave ({@code -c
 * café.yaml} as {@code -c caf??.yaml}), so exec refuses to run such a line.
 */
final class CommandCharset {

  private static final char REPLACEMENT = '\uFFFD';

  private CommandCharset() {}

  /**
   * One line saying which argument cannot be passed on and how to fix it; {@code null} if all can.
   * Where the original bytes are known ({@code raw}, the command's own), an argument passes if it
   * encodes back to them exactly; where not, if it holds nothing the JVM could not decode or
   * cannot encode.
   */
  @Nullable
  static String problem(List<String> command, @Nullable List<byte[]> raw, Charset in, Charset out) {
    CharsetEncoder encoder = out.newEncoder();
    for (int i = 0; i < command.size(); i++) {
      String arg = command.get(i);
      boolean faithful = raw != null
          ? encoder.canEncode(arg) && Arrays.equals(arg.getBytes(out), raw.get(i))
          : arg.indexOf(REPLACEMENT) < 0 && encoder.canEncode(arg);
      if (!faithful) {
        String what = i == 0 ? "the program name" : "argument " + i + " of COMMAND";
        // Read right, but the way out differs from the way in: only up to JDK 17, whose default
        // charset (file.encoding) a child's arguments go in, set apart from the locale's by
        // -Dfile.encoding, or on macOS, where the JVM reads them as UTF-8 in any locale.
        boolean readRight = raw != null ? Arrays.equals(arg.getBytes(in), raw.get(i)) : arg.indexOf(REPLACEMENT) < 0;
        // The cure is the charset they were read in: UTF-8 in a UTF-8 locale and on macOS.
        if (readRight && !in.equals(out)) {
          String fix = "; run exec with -Dfile.encoding=" + in.name();
          return encoder.canEncode(arg)
              ? what + " would reach the child as other bytes: this JVM gives a child's arguments in " + out.name()
                  + " (file.encoding), not in " + in.name() + ", the charset it read them in" + fix
              : what + " has characters outside " + out.name() + ", the charset this JVM gives a child's arguments in "
                  + "(file.encoding), so exec cannot pass it on unchanged" + fix;
        }
        return in.equals(StandardCharsets.UTF_8)
            ? what + " is not UTF-8 text, which exec cannot pass on unchanged; give it in UTF-8"
            : what + " has characters outside " + in.name() + ", this JVM's charset for command lines, "
                + "so exec cannot pass it on unchanged; run exec in a UTF-8 locale (e.g. LANG=C.UTF-8)";
      }
    }
    return null;
  }

  /**
   * {@link #problem(List, List, Charset, Charset)} for this JVM. {@code fromThisProcess}: the
   * command is the end of this process's own command line, whose bytes Linux shows.
   */
  @Nullable
  static String problem(List<String> command, boolean fromThisProcess) {
    return problem(command, fromThisProcess ? rawTail(command.size()) : null, jnuCharset(), childCharset());
  }

  /** The last {@code n} arguments of this process as given, or {@code null} where unknown. */
  @Nullable
  private static List<byte[]> rawTail(int n) {
    byte[] all;
    try {
      all = ProcFiles.read("/proc/self/cmdline");
    } catch (IOException | RuntimeException e) {
      return null; // not Linux, or no /proc: the decoded text is all there is
    }
    List<byte[]> args = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == 0) {
        args.add(Arrays.copyOfRange(all, from, i));
        from = i + 1;
      }
    }
    return args.size() < n ? null : args.subList(args.size() - n, args.size());
  }

  private static Charset jnuCharset() {
    return charset(System.getProperty("sun.jnu.encoding"));
  }

  // How ProcessBuilder encodes a child's arguments: the default charset up to JDK 17, the
  // command-line charset from JDK 18 on, where the default became UTF-8 everywhere (JEP 400).
  private static Charset childCharset() {
    return Runtime.version().feature() >= 18 ? jnuCharset() : Charset.defaultCharset();
  }

  private static Charset charset(@Nullable String name) {
    try {
      return name == null ? Charset.defaultCharset() : Charset.forName(name);
    } catch (RuntimeException e) {
      return Charset.defaultCharset();
    }
  }
}
