package com.goteleport.tbot.otel.cli;

import java.io.PrintStream;
import java.io.Writer;

/**
 * A writer for picocli (help, version) that prints through {@code stream}'s own charset, the one
 * the CLI's other lines ({@code println} on that stream) are in. {@code new PrintWriter(stream)}
 * would encode in the JVM's default charset instead (file.encoding), which on JDK 17 differs from
 * System.out's where a console's ({@code sun.stdout.encoding}, Windows') or a caller's stream's
 * does; JDK 17 has no {@code PrintStream.charset()} to name it. Closing leaves the stream open:
 * it is the process's stdout or stderr, or the caller's.
 */
final class StreamWriter extends Writer {

  private final PrintStream stream;

  StreamWriter(PrintStream stream) {
    this.stream = stream;
  }

  @Override
  public void write(char[] chars, int off, int len) {
    stream.print(new String(chars, off, len));
  }

  @Override
  public void write(String s, int off, int len) {
    stream.print(s.substring(off, off + len));
  }

  @Override
  public void flush() {
    stream.flush();
  }

  @Override
  public void close() {
    stream.flush();
  }
}
