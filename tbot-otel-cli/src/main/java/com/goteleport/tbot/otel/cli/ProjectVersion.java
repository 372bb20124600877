package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.event.EventSchema;
import java.io.IOException;
import java.io.InputStream;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import javax.annotation.Nullable;

/** tbot-otel's own version, from the jar manifest. */
final class ProjectVersion {

  private ProjectVersion() {}

  /** The version in the manifest, or {@code unknown} when run from classes (tests, IDE). */
  static String get() {
    String v = ProjectVersion.class.getPackage().getImplementationVersion();
    if (v == null) {
      v = fromModuleManifest(ProjectVersion.class.getModule());
    }
    return v == null ? "unknown" : v;
  }

  // Run as a module (java -p tbot-otel.jar -m ...), a package carries no manifest version: the
  // module's own manifest has it. Only a named module's: an unnamed one would find the class
  // path's first manifest, another jar's.
  @Nullable
  static String fromModuleManifest(Module module) {
    if (!module.isNamed()) {
      return null;
    }
    try (InputStream in = module.getResourceAsStream("META-INF/MANIFEST.MF")) {
      return in == null ? null : new Manifest(in).getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The {@code --version} text: the project's and the event schema's versions. */
  static String[] lines() {
    return new String[] {
      "tbot-otel " + get(),
      "event " + EventSchema.EVENT_NAME + " schema " + EventSchema.VERSION
    };
  }
}
