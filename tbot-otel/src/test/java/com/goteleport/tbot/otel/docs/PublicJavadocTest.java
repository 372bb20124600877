package com.goteleport.tbot.otel.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.DocumentationTool;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library's public API documents itself cleanly: the JDK's javadoc, run in-process over the
 * main sources' public packages (every one but {@code internal}) with {@code -Xdoclint:all} and
 * {@code -public}, reports no error and no warning: no broken {@code {@link}}, no malformed HTML,
 * no public method without its {@code @param}, {@code @return} or {@code @throws}. Offline (no
 * {@code -link}); a few seconds.
 */
class PublicJavadocTest {

  private static final Path SOURCES = Paths.get("src", "main", "java");

  @Test
  void thePublicApisJavadocHasNoDoclintErrorOrWarning(@TempDir Path out) throws Exception {
    List<String> packages = publicPackages();
    assertTrue(packages.contains("com.goteleport.tbot.otel") && packages.contains("com.goteleport.tbot.otel.export"),
        "the public packages were found: " + packages);
    DocumentationTool javadoc = ToolProvider.getSystemDocumentationTool();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    StringWriter printed = new StringWriter();
    List<String> options = new ArrayList<>(List.of("-Xdoclint:all", "-Xmaxwarns", "10000", "-Xmaxerrs", "10000",
        "-public", "-quiet", "-encoding", "UTF-8", "-d", out.toString(),
        "-sourcepath", SOURCES.toString(), "-cp", System.getProperty("java.class.path")));
    options.addAll(packages);
    boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      try (StandardJavaFileManager files = javadoc.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        return javadoc.getTask(printed, files, diagnostics, null, options, null).call();
      }
    });
    List<String> found = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() != Diagnostic.Kind.NOTE) {
        String where = d.getSource() == null ? "" : Paths.get(d.getSource().toUri()).getFileName() + ":" + d.getLineNumber() + ": ";
        found.add(d.getKind() + " " + where + d.getMessage(Locale.ROOT));
      }
    }
    assertEquals(List.of(), found, printed.toString());
    assertTrue(ok, printed.toString());
    assertTrue(Files.isRegularFile(out.resolve("com/goteleport/tbot/otel/AnonymousAnalytics.html")), "javadoc wrote its pages");
  }

  /** The packages under the main sources that hold a package-info.java, {@code internal} ones left out. */
  private static List<String> publicPackages() throws Exception {
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      return walk.filter(p -> p.getFileName().toString().equals("package-info.java"))
          .map(p -> SOURCES.relativize(p.getParent()).toString().replace(File.separatorChar, '.'))
          .filter(p -> !p.contains(".internal"))
          .sorted()
          .toList();
    }
  }
}
