package com.goteleport.tbot.otel.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import javax.annotation.Nullable;

/**
 * The machine's own files exec reads to know what a launcher gives tbot: the password database
 * (su's login shell) and PAM's environment files (a session's variables). Read whole but bounded,
 * and only regular files: a FIFO there would block, a huge one would fill the heap.
 */
final class SystemFiles {

  // Where they are: "/", which the CLI's tests point at a fixture tree, so that a developer's own
  // /etc/environment or users do not change what they see (nothing else sets it).
  private static volatile Path root = Paths.get("/");

  private SystemFiles() {}

  /** {@code path} (relative: {@code etc/passwd}) under the root the files are read from. */
  static Path get(String path) {
    return root.resolve(path);
  }

  /** Reads the files from under {@code newRoot} from now on; for tests. */
  static void setRoot(Path newRoot) {
    root = newRoot;
  }

  /** The root the files are read from now; for tests. */
  static Path root() {
    return root;
  }

  /**
   * The text of {@code file} (ISO-8859-1: any bytes), "" where it does not exist, or {@code null}
   * where it cannot be read whole: not a regular file, more than {@code max} bytes, or unreadable.
   */
  @Nullable
  static String read(Path file, int max) {
    try {
      if (Files.notExists(file, LinkOption.NOFOLLOW_LINKS)) {
        return "";
      }
      if (!Files.isRegularFile(file)) {
        return null;
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(max + 1);
      }
      return bytes.length > max ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      return "";
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
