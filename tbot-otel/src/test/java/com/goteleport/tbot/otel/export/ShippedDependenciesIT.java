package com.goteleport.tbot.otel.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What an agent that embeds the library ships, held to issue 4's budget: at most 1.5 MB (1 500 000
 * bytes) for tbot-otel's jar and its runtime dependencies without picocli (the CLI's alone), and
 * none of the okhttp sender's stack (okhttp, okio, Kotlin), which the exporter would otherwise
 * bring and prefer. The class path is the one Maven resolves for the module
 * (target/shipped-classpath.txt, the {@code shipped-classpath} execution), so a dependency update
 * or a lost exclusion fails here rather than in a host. docs/benchmarks.md reports the figures.
 */
class ShippedDependenciesIT {

  private static final long BUDGET_BYTES = 1_500_000;

  @Test
  void anEmbeddingAgentShipsAtMostOnePointFiveMegabytesAndNoOkhttpStack() throws IOException {
    List<Path> shipped = new ArrayList<>();
    for (String entry : Files.readString(Paths.get("target", "shipped-classpath.txt")).strip().split(File.pathSeparator)) {
      shipped.add(Paths.get(entry));
    }
    shipped.add(Paths.get(System.getProperty("tbot.otel.library.jar")));
    List<String> names = shipped.stream().map(p -> p.getFileName().toString()).collect(Collectors.toList());
    assertTrue(names.stream().anyMatch(n -> n.startsWith("opentelemetry-exporter-otlp-")), names::toString);
    assertTrue(names.stream().anyMatch(n -> n.startsWith("snakeyaml-")), names::toString);
    assertEquals(List.of(), names.stream()
        .filter(n -> n.startsWith("picocli") || n.contains("okhttp") || n.startsWith("okio") || n.startsWith("kotlin")
            || n.contains("sender-jdk"))
        .collect(Collectors.toList()), "the CLI's parser or a sender other than tbot-otel's own is shipped");
    long bytes = 0;
    StringBuilder sizes = new StringBuilder();
    for (Path jar : shipped) {
      bytes += Files.size(jar);
      sizes.append(String.format(Locale.ROOT, "%n  %,d %s", Files.size(jar), jar.getFileName()));
    }
    assertTrue(bytes <= BUDGET_BYTES, bytes + " bytes shipped, over the budget of " + BUDGET_BYTES + ":" + sizes);
  }
}
