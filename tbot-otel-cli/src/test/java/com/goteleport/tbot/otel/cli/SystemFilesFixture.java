package com.goteleport.tbot.otel.cli;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Points {@link SystemFiles} at src/test/resources/system-root before every test class (registered
 * for all of this module's tests in junit-platform.properties), so that in-process tests read fixed
 * machine files; a test that wants another tree, or the machine's own, uses {@link #under}. Child
 * JVMs (ExecFlowTest, the ITs) read the machine's own.
 */
public final class SystemFilesFixture implements BeforeAllCallback {

  static final Path ROOT = Paths.get("src", "test", "resources", "system-root").toAbsolutePath();

  @Override
  public void beforeAll(ExtensionContext context) {
    SystemFiles.setRoot(ROOT);
  }

  /** {@code read}'s answer with the machine files under {@code root}; the fixture's again after. */
  static <T> T under(Path root, Supplier<T> read) {
    Path before = SystemFiles.root();
    SystemFiles.setRoot(root);
    try {
      return read.get();
    } finally {
      SystemFiles.setRoot(before);
    }
  }
}
