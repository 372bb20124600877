package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading tbot's config in a host whose SecurityManager keeps files from tbot-otel ({@link
 * ConfigSecurityManagerHost}): a file it may not read is a {@link ConfigException}, as any file it
 * cannot read is, never a SecurityException into the host; {@code readConsent} throws it too (the
 * file may say no), missing or not, as a file it may not look at may be there.
 */
class ConfigSecurityManagerTest {

  @Test
  void aFileTheSecurityManagerKeepsFromTbotOtelIsAConfigException(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\nanonymous_analytics: false\n");
    Path gone = dir.resolve("gone.yaml");
    ChildJvm.Result r = ChildJvm.runMain(List.of("-Djava.security.manager=allow"), ConfigSecurityManagerHost.class,
        Duration.ofSeconds(60), file.toString(), gone.toString());
    if (Runtime.version().feature() >= 24) {
      // JDK 24 removed the SecurityManager (JEP 486): no host can run one. The JVM says so on stdout.
      assertTrue(r.exitCode() != 0 && r.stdout().contains("Enabling a Security Manager is not supported"), r.stdout());
      return;
    }
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> host = r.stdout().lines().filter(l -> l.startsWith("host: ")).toList();
    String denied = ConfigException.class.getName() + ": %s: cannot be read (the SecurityManager denies it); "
        + "check its permissions.";
    String fileDenied = String.format(denied, file);
    String goneDenied = String.format(denied, gone);
    assertEquals(List.of(
        "host: read threw " + fileDenied, "host: source read threw " + fileDenied, "host: readConsent threw " + fileDenied,
        "host: read threw " + goneDenied, "host: source read threw " + goneDenied, "host: readConsent threw " + goneDenied),
        host, r.stdout() + r.stderr());
  }
}
