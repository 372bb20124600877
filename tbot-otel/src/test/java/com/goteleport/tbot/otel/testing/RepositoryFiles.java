package com.goteleport.tbot.otel.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository's files for tests that read docs, configs and examples: found from a module's
 * directory (where Maven runs a module's tests) or from the repository's root (an IDE's run).
 */
public final class RepositoryFiles {

  private RepositoryFiles() {}

  /** The repository's root: the directory holding the {@code tbot-otel} module. */
  public static Path root() {
    Path cwd = Path.of("").toAbsolutePath();
    return Files.isDirectory(cwd.resolve("tbot-otel")) ? cwd : cwd.getParent();
  }

  /** A file of the repository, by its path from the root ({@code docs/attributes.md}), as UTF-8. */
  public static String read(String relativeToRoot) throws IOException {
    return Files.readString(root().resolve(relativeToRoot), StandardCharsets.UTF_8);
  }
}
