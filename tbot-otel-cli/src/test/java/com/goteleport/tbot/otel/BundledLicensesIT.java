package com.goteleport.tbot.otel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The CLI jar redistributes its libraries' classes, each under the Apache License 2.0, which asks
 * that a copy of the license go with them: META-INF/THIRD-PARTY-NOTICES.txt names every library the
 * jar bundles (the module's runtime class path, target/bundled-classpath.txt), each library's own
 * pom names that license, and the license's text is in the jar as published. Some of their classes
 * include the work of others (copied from Protocol Buffers, gRPC, Guava ...), as the libraries'
 * sources say: the notices name each such class the jar bundles, with that work's copyright line
 * and license, and carry the text of any license but Apache 2.0 (Protocol Buffers' BSD 3-Clause
 * asks that a binary reproduce it).
 */
class BundledLicensesIT {

  static final String NOTICES = "META-INF/THIRD-PARTY-NOTICES.txt";
  static final String LICENSE = "META-INF/LICENSE-APACHE-2.0.txt";
  // SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt as published.
  static final String LICENSE_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";
  private static final Pattern APACHE_2 = Pattern.compile("(?i).*apache.*(license|licence).*2\\.0.*");
  /** The bundled libraries' sources jars (the bundled-sources execution). */
  static final Path SOURCES = Path.of("target/bundled-sources");
  static final String BSD_3 = "BSD 3-Clause";
  static final String APACHE = "Apache 2.0";
  // A header's copyright line, and a comment that names the project a class was copied from.
  private static final Pattern COPYRIGHT = Pattern.compile("Copyright\\b[^\\n]*");
  private static final Pattern TAKEN = Pattern.compile(
      "(?i)(?:copied|adapted|copied in and trimmed) from\\s*(?://\\s*)?https://github\\.com/([\\w.-]+/[\\w.-]+)/");
  // Where a class copies a project's code without its header, that project's copyright and license.
  private static final Map<String, String[]> PROJECTS =
      Map.of("protocolbuffers/protobuf", new String[] {"Copyright 2008 Google Inc. All rights reserved.", BSD_3});
  // A listed class, "name: copyright", under the last "Under the ..." line.
  private static final Pattern LISTED = Pattern.compile("([a-z][\\w.]*\\.[A-Z][\\w$]*): (.+)");

  /**
   * The jars of the libraries the CLI jar bundles (the module's runtime class path,
   * target/bundled-classpath.txt), without tbot-otel's own library: its classes or jar in a
   * reactor build, its installed jar otherwise.
   */
  static List<Path> bundledJars() throws IOException {
    List<Path> jars = new ArrayList<>();
    String classpath = Files.readString(Path.of("target/bundled-classpath.txt"), StandardCharsets.UTF_8).strip();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      String name = jar.getFileName().toString();
      boolean own = name.startsWith("tbot-otel-") || jar.getParent().getFileName().toString().equals("target");
      if (name.endsWith(".jar") && !own) {
        jars.add(jar);
      }
    }
    return jars;
  }

  /** Each bundled library, groupId:artifactId, as its pom beside its jar in the local repository names it. */
  static List<String[]> bundled() throws Exception {
    List<String[]> found = new ArrayList<>();
    for (Path jar : bundledJars()) {
      Path pom = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".pom"));
      assertTrue(Files.isRegularFile(pom), "no pom beside " + jar);
      Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
      Element project = d.getDocumentElement();
      String artifactId = child(project, "artifactId");
      String groupId = child(project, "groupId");
      if (groupId == null) {
        groupId = child((Element) project.getElementsByTagName("parent").item(0), "groupId");
      }
      NodeList names = project.getElementsByTagName("license");
      List<String> licenses = new ArrayList<>();
      for (int i = 0; i < names.getLength(); i++) {
        licenses.add(child((Element) names.item(i), "name"));
      }
      found.add(new String[] {groupId + ":" + artifactId, String.join(", ", licenses)});
    }
    return found;
  }

  private static String child(Element parent, String name) {
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element && ((Element) nodes.item(i)).getTagName().equals(name)) {
        return nodes.item(i).getTextContent().strip();
      }
    }
    return null;
  }

  @Test
  void everyBundledLibraryIsNamedWithItsLicenseAndTheLicenseShips() throws Exception {
    List<String[]> bundled = bundled();
    assertTrue(bundled.size() >= 5, "the class path read: " + bundled.size() + " libraries");
    List<String> notApache = bundled.stream().filter(b -> !APACHE_2.matcher(b[1]).matches())
        .map(b -> b[0] + " (" + b[1] + ")").collect(Collectors.toList());
    assertEquals(List.of(), notApache, "a bundled library under another license (or its pom names none): give its"
        + " license text and name it in " + NOTICES);
    try (JarFile jar = new JarFile(ChildJvm.jar().toFile())) {
      JarEntry notices = jar.getJarEntry(NOTICES);
      JarEntry license = jar.getJarEntry(LICENSE);
      assertTrue(notices != null && license != null, "the jar carries " + NOTICES + " and " + LICENSE);
      TreeSet<String> listed = new TreeSet<>();
      try (InputStream in = jar.getInputStream(notices)) {
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          if (line.matches("[a-z0-9.\\-]+:[a-z0-9.\\-]+")) {
            listed.add(line);
          }
        }
      }
      assertEquals(bundled.stream().map(b -> b[0]).collect(Collectors.toCollection(TreeSet::new)), listed,
          NOTICES + " names what the jar bundles, and nothing else");
      try (InputStream in = jar.getInputStream(license)) {
        assertEquals(LICENSE_SHA256, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(in.readAllBytes())), LICENSE + " is the license's text as published");
      }
    }
  }

  @Test
  void everyBundledClassThatIncludesOthersWorkIsNamedWithItsCopyrightAndLicense() throws Exception {
    Map<String, String> found = new TreeMap<>(); // class -> "license: copyright; copyright"
    String bsdText = null;
    try (JarFile cli = new JarFile(ChildJvm.jar().toFile())) {
      // Each bundled library's own sources jar, by its file name (a stale one from another version
      // is not read).
      List<Path> sources = new ArrayList<>();
      for (Path jar : bundledJars()) {
        Path source = SOURCES.resolve(jar.getFileName().toString().replaceFirst("\\.jar$", "-sources.jar"));
        assertTrue(Files.isRegularFile(source), "no sources jar for " + jar.getFileName() + " in " + SOURCES);
        sources.add(source);
      }
      for (Path source : sources) {
        Map<String, String> headers = new TreeMap<>(); // class -> its text
        Map<String, Integer> holders = new TreeMap<>();
        try (JarFile jar = new JarFile(source.toFile())) {
          for (JarEntry e : java.util.Collections.list(jar.entries())) {
            String name = e.getName();
            if (!name.endsWith(".java") || name.endsWith("package-info.java") || name.startsWith("META-INF/")) {
              continue;
            }
            try (InputStream in = jar.getInputStream(e)) {
              String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
              headers.put(name.substring(0, name.length() - ".java".length()).replace('/', '.'), text);
              for (String line : copyrights(header(text))) {
                holders.merge(line, 1, Integer::sum);
              }
            }
          }
        }
        // The library's own copyright is the one most of its files carry; any other is someone else's.
        String own = holders.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
        for (Map.Entry<String, String> c : headers.entrySet()) {
          if (cli.getJarEntry(c.getKey().replace('.', '/') + ".class") == null) {
            continue; // not bundled (the shade filter leaves it out)
          }
          String header = header(c.getValue());
          Set<String> others = new LinkedHashSet<>(copyrights(header));
          others.remove(own);
          String license = null;
          if (!others.isEmpty()) {
            String flat = flat(header);
            if (flat.contains("Redistribution and use in source and binary forms")) {
              license = BSD_3;
              if (bsdText == null) {
                bsdText = flat.substring(flat.indexOf(others.iterator().next()),
                    flat.indexOf("SUCH DAMAGE.") + "SUCH DAMAGE.".length());
              }
            } else if (APACHE_2.matcher(flat).matches()) {
              license = APACHE;
            } else {
              throw new AssertionError(c.getKey() + " (" + source.getFileName() + ") includes work under a license"
                  + " this test does not know: read its header, add that license's text to " + NOTICES + " and here");
            }
          }
          Matcher taken = TAKEN.matcher(c.getValue());
          while (taken.find()) {
            String[] project = PROJECTS.get(taken.group(1));
            if (project == null && !taken.group(1).startsWith("open-telemetry/")) {
              throw new AssertionError(c.getKey() + " says it copies " + taken.group(1) + ": find that project's"
                  + " copyright and license, and add them to PROJECTS and " + NOTICES);
            }
            if (project != null && others.isEmpty()) {
              others.add(project[0]);
              license = project[1];
            }
          }
          if (!others.isEmpty()) {
            found.put(c.getKey(), license + ": " + String.join("; ", others));
          }
        }
      }
      assertTrue(found.size() >= 3, "read: " + found);
      Map<String, String> listed = new TreeMap<>();
      String notices;
      try (InputStream in = cli.getInputStream(cli.getJarEntry(NOTICES))) {
        notices = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      String under = null;
      for (String line : notices.split("\n")) {
        if (line.startsWith("Under the BSD 3-Clause License")) {
          under = BSD_3;
        } else if (line.startsWith("Under the Apache License, Version 2.0")) {
          under = APACHE;
        }
        Matcher m = LISTED.matcher(line);
        if (m.matches()) {
          listed.put(m.group(1), under + ": " + m.group(2));
        }
      }
      List<String> differ = new ArrayList<>();
      found.forEach((c, want) -> {
        if (!want.equals(listed.get(c))) {
          differ.add(listed.containsKey(c) ? c + " is listed as \"" + listed.get(c) + "\", its source says \"" + want + "\""
              : "add \"" + c + ": " + want.substring(want.indexOf(": ") + 2) + "\" under " + want.substring(0, want.indexOf(':')));
        }
      });
      listed.keySet().stream().filter(c -> !found.containsKey(c)).forEach(c -> differ.add(c + " is listed, but is"
          + " not bundled or includes no one else's work: remove it"));
      assertEquals(List.of(), differ, NOTICES + " names each bundled class that includes others' work, under its"
          + " license's heading, with that work's copyright line, as the libraries' sources say");
      if (found.values().stream().anyMatch(v -> v.startsWith(BSD_3))) {
        assertTrue(bsdText != null && notices.replaceAll("\\s+", " ").contains(bsdText),
            NOTICES + " carries the BSD 3-Clause text as the sources give it: " + bsdText);
      }
    }
  }

  /** A source's header: what comes before its package line. */
  private static String header(String source) {
    Matcher m = Pattern.compile("(?m)^package ").matcher(source);
    return m.find() ? source.substring(0, m.start()) : source;
  }

  /** A comment's text without its comment marks, with single spaces. */
  private static String flat(String comment) {
    return comment.replaceAll("(?m)^[ \\t]*(?://+|/\\*+|\\*+/?)", " ").replaceAll("\\*/", " ")
        .replaceAll("\\s+", " ").strip();
  }

  /** A header's copyright lines, each without comment marks and with single spaces. */
  private static List<String> copyrights(String header) {
    List<String> lines = new ArrayList<>();
    Matcher m = COPYRIGHT.matcher(header);
    while (m.find()) {
      lines.add(m.group().replaceAll("\\s+", " ").strip());
    }
    return lines;
  }
}
