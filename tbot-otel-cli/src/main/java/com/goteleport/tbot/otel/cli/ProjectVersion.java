package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.event.EventSchema;

/** tbot-otel's own version, from the jar manifest. */
final class ProjectVersion {

  private ProjectVersion() {}

  /** The version in the manifest, or {@code unknown} when run from classes (tests, IDE). */
  static String get() {
    String v = ProjectVersion.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  /** The {@code --version} text: the project's and the event schema's versions. */
  static String[] lines() {
    return new String[] {
      "tbot-otel " + get(),
      "event " + EventSchema.EVENT_NAME + " schema " + EventSchema.VERSION
    };
  }
}
