package com.goteleport.tbot.otel.cli;

import java.io.FileInputStream;
import java.io.IOException;

/**
 * Reads the small files under {@code /proc} that exec looks at, with java.io rather than {@code
 * Files}: a {@code FileChannel} loads the JDK's network library, whose start-up probe opens
 * sockets (never connected), and without consent tbot-otel opens none.
 */
final class ProcFiles {

  private ProcFiles() {}

  static byte[] read(String path) throws IOException {
    try (FileInputStream in = new FileInputStream(path)) {
      return in.readAllBytes();
    }
  }
}
