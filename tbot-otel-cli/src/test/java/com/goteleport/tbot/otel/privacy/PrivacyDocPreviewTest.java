package com.goteleport.tbot.otel.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.testing.Cli;
import com.goteleport.tbot.otel.testing.RepositoryFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/privacy.md, "See exactly what would be sent": the command it shows, run on the config it
 * describes (v2, GitHub join, an identity and a database output), prints the JSON it shows, to the
 * byte; and the command for its plain-text form, the text shown.
 */
class PrivacyDocPreviewTest {

  static final String CONFIG = String.join("\n",
      "version: v2",
      "proxy_server: tele.example.com:443",
      "onboarding:",
      "  join_method: github",
      "  token: my-bot",
      "outputs:",
      "  - type: identity",
      "    destination: {type: directory, path: /opt/machine-id}",
      "  - type: database",
      "    service: orders-db",
      "    database: orders",
      "    username: reporter",
      "    destination: {type: directory, path: /opt/machine-id/db}",
      "");

  @Test
  void theDocumentedCommandsPrintTheDocumentedJsonAndText(@TempDir Path dir) throws Exception {
    String doc = RepositoryFiles.read("docs/privacy.md");
    int section = doc.indexOf("## See exactly what would be sent");
    assertTrue(section >= 0, "privacy.md has the section");
    String text = doc.substring(section);

    Matcher command = Pattern.compile("```sh\\n(java -jar tbot-otel/target/tbot-otel\\.jar preview [^\\n]*)\\n```").matcher(text);
    assertTrue(command.find(), "the section shows a preview command");
    Matcher json = Pattern.compile("```json\\n([^\\n]*)\\n```").matcher(text);
    assertTrue(json.find(), "the section shows the JSON");
    Path config = Files.writeString(dir.resolve("tbot.yaml"), CONFIG, StandardCharsets.UTF_8);
    assertPrints(command.group(1), json.group(1), config);
    // And its plain-text form, shown after it.
    assertTrue(command.find(), "the section shows a second preview command");
    assertTrue(command.group(1).contains("--format text"), command.group(1));
    Matcher lines = Pattern.compile("```text\\n(.*?)\\n```", Pattern.DOTALL).matcher(text);
    assertTrue(lines.find(), "the section shows the text");
    assertPrints(command.group(1), lines.group(1), config);
  }

  private static void assertPrints(String command, String shown, Path config) {
    List<String> args = new ArrayList<>();
    for (String a : command.substring("java -jar tbot-otel/target/tbot-otel.jar ".length()).split(" +")) {
      args.add(a.equals("tbot.yaml") ? config.toString() : a);
    }
    assertTrue(args.contains(config.toString()), "the command reads tbot.yaml: " + command);
    Cli.Result r = Cli.run(Map.of(), args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(shown, r.stdout().trim(), "what `" + command + "` prints, to the byte");
  }
}
