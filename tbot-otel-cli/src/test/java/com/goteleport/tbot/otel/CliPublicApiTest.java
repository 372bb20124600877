package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.cli.Main;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The CLI module's public surface, pinned as the library's is ({@link PublicApiTest}): its only
 * public type is the CLI jar's Main-Class; everything else stays package-private.
 */
class CliPublicApiTest {

  @Test
  void theOnlyPublicTypeIsTheMainClass() throws Exception {
    assertEquals(Set.of("com.goteleport.tbot.otel.cli.Main"), PublicApiTest.publicTopLevelTypes(Main.class));
  }

  @Test
  void everyPackageStatesItsNullPolicy() throws Exception {
    assertEquals(List.of(), PublicApiTest.packagesWithoutNullPolicy(),
        "each package's package-info.java says what it is for and its null policy");
  }
}
