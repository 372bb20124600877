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
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
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
 * pom names that license, and the license's text is in the jar as published.
 */
class BundledLicensesIT {

  static final String NOTICES = "META-INF/THIRD-PARTY-NOTICES.txt";
  static final String LICENSE = "META-INF/LICENSE-APACHE-2.0.txt";
  // SHA-256 of https://www.apache.org/licenses/LICENSE-2.0.txt as published.
  static final String LICENSE_SHA256 = "cfc7749b96f63bd31c3c42b5c471bf756814053e847c10f3eb003417bc523d30";
  private static final Pattern APACHE_2 = Pattern.compile("(?i).*apache.*(license|licence).*2\\.0.*");

  /** Each bundled library, groupId:artifactId, as its pom beside its jar in the local repository names it. */
  static List<String[]> bundled() throws Exception {
    List<String[]> found = new ArrayList<>();
    String classpath = Files.readString(Path.of("target/bundled-classpath.txt"), StandardCharsets.UTF_8).strip();
    for (String entry : classpath.split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      boolean ownModule = !jar.getFileName().toString().endsWith(".jar")
          || jar.getParent().getFileName().toString().equals("target");
      if (ownModule) {
        continue; // tbot-otel's own library: its classes or jar, in a reactor build
      }
      Path pom = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ".pom"));
      assertTrue(Files.isRegularFile(pom), "no pom beside " + jar);
      Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
      Element project = d.getDocumentElement();
      String artifactId = child(project, "artifactId");
      String groupId = child(project, "groupId");
      if (groupId == null) {
        groupId = child((Element) project.getElementsByTagName("parent").item(0), "groupId");
      }
      if ("com.goteleport.tbot".equals(groupId)) {
        continue; // tbot-otel's own library
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
}
