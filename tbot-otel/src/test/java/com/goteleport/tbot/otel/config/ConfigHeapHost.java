package com.goteleport.tbot.otel.config;

import java.nio.file.Path;

/**
 * A host with a small heap, run in a child JVM by {@link ConfigHeapTest}: reads tbot's config at
 * each argument and prints what the read returned or threw.
 */
public final class ConfigHeapHost {

  private ConfigHeapHost() {}

  public static void main(String[] args) {
    for (String arg : args) {
      try {
        System.out.println("host: read " + TbotConfigReader.read(Path.of(arg)));
      } catch (Throwable t) {
        System.out.println("host: read threw " + t.getClass().getName() + ": " + t.getMessage());
      }
    }
  }
}
