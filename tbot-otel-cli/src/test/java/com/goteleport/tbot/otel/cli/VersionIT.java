package com.goteleport.tbot.otel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.EventSchema;
import com.goteleport.tbot.otel.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --version} of the shaded jar: the project's version (from the build) and the schema's. */
class VersionIT {

  @ParameterizedTest(name = "{0}--version")
  @ValueSource(strings = {"", "start ", "preview ", "exec "})
  void versionNamesTheProjectAndTheEventSchema(String subcommand) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of(subcommand.trim().split(" ")));
    args.removeIf(String::isEmpty);
    args.add("--version");
    ChildJvm.Result r = ChildJvm.runJar(List.of(), args, ChildJvm.baseEnv(), Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of("tbot-otel " + projectVersion(), "event tbot.start schema " + EventSchema.VERSION),
        r.stdout().lines().toList());
    assertEquals("", r.stderr());
  }

  /** The version in this module's pom (its parent's), which the build writes into the jar. */
  static String projectVersion() throws Exception {
    String pom = Files.readString(Paths.get("pom.xml"));
    Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
    assertTrue(m.find(), "no parent version in pom.xml");
    return m.group(1).trim();
  }
}
