package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.DestinationCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TbotConfigReaderTest {

  static Path resource(String name) {
    return Paths.get("src", "test", "resources", name);
  }

  @Test
  void v1CountsDestinationsByKind() throws Exception {
    TbotConfig c = TbotConfigReader.read(resource("configs/v1-mixed.yaml"));
    assertEquals(new DestinationCounts(5, 1, 1, 2), c.destinations());
    assertEquals("iam", c.joinMethod());
    assertFalse(c.oneshot());
    assertNull(c.anonymousAnalytics());
  }

  @Test
  void v2CountsOutputsByTypeAndIgnoresServices() throws Exception {
    TbotConfig c = TbotConfigReader.read(resource("configs/v2-all-kinds.yaml"));
    // identity, database, kubernetes, kubernetes/v2, application, ssh_host, spiffe-svid
    assertEquals(new DestinationCounts(7, 1, 2, 1), c.destinations());
    assertEquals("github", c.joinMethod());
    assertTrue(c.oneshot());
  }

  @Test
  void v2CountsTheOutputsUnderServicesToo() throws Exception {
    TbotConfig c = TbotConfigReader.read(resource("configs/v2-services.yaml"));
    // outputs: identity; services: database, kubernetes/argo-cd, application, workload-identity-x509 and
    // ssh-multiplexer (both write to a destination); not the database tunnel nor the workload API
    assertEquals(new DestinationCounts(6, 1, 1, 1), c.destinations());
    // tbot's --destination-dir replaces services: and keeps outputs: (they join services: after the
    // flags are applied, in CheckAndSetDefaults): the outputs list alone is kept apart.
    assertEquals(new DestinationCounts(1, 0, 0, 0), c.outputsList());
  }

  @Test
  void theOutputsListIsV2sOutputsAloneAndNoneInV1() throws Exception {
    assertEquals(new DestinationCounts(7, 1, 2, 1), TbotConfigReader.read(resource("configs/v2-all-kinds.yaml")).outputsList());
    // v1's destinations migrate into services:, which --destination-dir replaces.
    assertEquals(DestinationCounts.NONE, TbotConfigReader.read(resource("configs/v1-mixed.yaml")).outputsList());
    assertEquals(DestinationCounts.NONE, TbotConfig.EMPTY.outputsList());
  }

  @Test
  void servicesUnderOutputsAreNotCountedAsOutputs() throws Exception {
    // Today's tbot takes any service under outputs: as under services:; only identity and the
    // database output write anything, not the example, the tunnels nor the workload APIs.
    TbotConfig c = TbotConfigReader.read(resource("configs/v2-services-under-outputs.yaml"));
    assertEquals(new DestinationCounts(2, 1, 0, 0), c.destinations());
  }

  @Test
  void aServiceThatWritesToNoDestinationIsNotCountedForADestinationKeyItDoesNotRead() throws Exception {
    // tbot decodes these types without that key (a stray one is ignored, as any unknown key in a
    // service), so they write nowhere; only a type tbot-otel does not know counts by its destination.
    StringBuilder config = new StringBuilder("version: v2\nservices:\n");
    for (String type : new String[] {"database-tunnel", "application-tunnel", "application-proxy", "example",
        "workload-identity-api", "spiffe-workload-api", "some-future-output"}) {
      config.append("  - type: ").append(type).append("\n    destination: {type: directory, path: /opt/x}\n");
    }
    assertEquals(new DestinationCounts(1, 0, 0, 0), TbotConfigReader.parse(config.toString(), "x.yaml").destinations());
  }

  @Test
  void aJoiningUriGivesTheJoinMethod() throws Exception {
    // tbot takes the method from join_uri's scheme when onboarding names none.
    assertEquals("bound_keypair", TbotConfigReader.read(resource("configs/v2-join-uri.yaml")).joinMethod());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        // URL-safe names of the methods spelled with '_', and the others as they are
        "tbot+auth+azure-devops://t@auth.example.com:3025 | azure_devops",
        "tbot+proxy+terraformcloud://t:tag@example.com:443 | terraform_cloud",
        "TBOT+PROXY+GitHub://t@example.com:443 | github",
        // generic_oidc's URL-safe names (tbot's joinuri.MapURLSafeJoinMethod since it has them)
        "tbot+proxy+generic-oidc://t@example.com:443 | generic_oidc",
        "tbot+proxy+genericoidc://t@example.com:443 | generic_oidc",
        // onboarding.join_method wins (tbot refuses a URI that disagrees with it)
        "tbot+proxy+iam://t@example.com:443 | null",
        // not a joining URI tbot takes: no method from it
        "tbot+proxy+bound_keypair://t@example.com:443 | null",
        "tbot+relay+token://t@example.com:443 | null",
        "https://example.com | null",
        "tbot+proxy+my-secret-token://t@example.com:443 | null",
        "tbot+proxy+token://example.com:443 | null",
      })
  void theJoinMethodOfAJoiningUriIsOneTbotKnows(String uri, String method) throws Exception {
    String onboarding = uri.contains("+iam:") ? "onboarding: {join_method: gitlab}\n" : "";
    TbotConfig c = TbotConfigReader.parse("version: v2\n" + onboarding + "join_uri: \"" + uri + "\"\n", "u.yaml");
    assertEquals(method != null ? method : onboarding.isEmpty() ? null : "gitlab", c.joinMethod());
  }

  @Test
  void aJoiningUriGosUrlParseRefusesGivesNoMethod() {
    // tbot's joinuri.Parse starts with Go's url.Parse: a URI it refuses starts nothing (differential
    // check against Go 1.26's net/url).
    String[] refused = {
      "tbot+proxy+github://t{@example.com:443", // a character userinfo may not hold
      "tbot+proxy+github://t\u00e9@example.com",
      "tbot+proxy+github://t%zz@example.com:443", // a broken escape: in the userinfo, path, fragment
      "tbot+proxy+github://t@example.com/%zz",
      "tbot+proxy+github://t@example.com#%zz",
      "tbot+proxy+github://t@example.com/\n", // a control character before the fragment
      "tbot+proxy+github://t@example.com:44x", // no port
      "tbot+proxy+github://t@exa mple.com:443", // a character a host may not hold, or escape
      "tbot+proxy+github://t@ex%41.com",
      "tbot+proxy+github://t@a[b]", // no IPv6 literal in brackets
      "tbot+proxy+github://t@[1.2.3.4]:443",
      "tbot+proxy+github://t@[::ffff:010.1.2.3]",
      "tbot+proxy+github://t@[::1%25]",
      "tbot+proxy+github://t@example.com/%4", // an escape cut short at the end
      "tbot+proxy+github://t@[::1", // no ']', or no port after it
      "tbot+proxy+github://t@[::1]x",
      "tbot+proxy+github://t@:x",
      "tbot+proxy+github://t@h%7F.com", // an escape of ASCII in a host
      "tbot+proxy+github://t@[fe80::1%25en%2F0]", // an escape in a zone of what a host may not hold
      "x://", // Go takes it; tbot's scheme it is not (read without throwing, a scheme this short too)
    };
    for (String uri : refused) {
      assertNull(TbotConfigReader.joinUriMethod(uri), uri);
    }
    String[] taken = {
      "tbot+proxy+github://t:p%41@[::1%25eth0]:443/p?%zz#f",
      "tbot+proxy+github://t@h:",
      "tbot+proxy+github://t@x@h",
      "tbot+proxy+github://t@example.com#\n",
      "tbot+proxy+github://t@h\u00e9.com",
      "tbot+proxy+github://t@h%C3%A9.com",
      "tbot+proxy+github://t@a:b:443",
      "tbot+proxy+github://t@a]b",
      "tbot+proxy+github://t@[::ffff:1.2.3.4]:443",
      "tbot+proxy+github://t@example.com/a b", // a space is no control character
      "tbot+proxy+github://t@example.com/a%0Ab%30", // 0 is a hex digit, first and second
      "tbot+proxy+github://t@:443",
      "tbot+proxy+github://t@h%80.com", // escapes outside ASCII, in a host, from %80
      "tbot+proxy+github://t@h\u0080.com",
      "tbot+proxy+github://t@h!.com",
      "tbot+proxy+github://t@[fe80::1%25en%200]", // a zone may escape a space (Windows), and what a host holds
      "tbot+proxy+github://t@[fe80::1%25%41]",
    };
    for (String uri : taken) {
      assertEquals("github", TbotConfigReader.joinUriMethod(uri), uri);
    }
  }

  @Test
  void theJoiningUrisOwnMethodIsKeptBesideOnboardings() throws Exception {
    // tbot applies join_uri after its command line, which may have replaced onboarding: the URI's
    // method is then the one, so it is read even when onboarding names another.
    TbotConfig c = TbotConfigReader.parse(
        "version: v2\nonboarding: {join_method: gitlab}\njoin_uri: tbot+proxy+iam://t@example.com:443\n", "u.yaml");
    assertEquals("gitlab", c.joinMethod());
    assertEquals("iam", c.joinUriMethod());
    assertNull(TbotConfigReader.parse("version: v2\nonboarding: {join_method: gitlab}\n", "o.yaml").joinUriMethod());
    assertNull(TbotConfigReader.parse("join_uri: tbot+proxy+iam://t@example.com:443\n", "v1.yaml").joinUriMethod());
  }

  @Test
  void everyMethodAJoiningUriNamesIsOneTheSchemaSends() {
    // A URL-safe name read for a method the schema lacks would reach the event as unknown.
    for (String method : JoinUri.URL_SAFE_METHODS.values()) {
      assertTrue(Attribute.JOIN_TYPE.allowedValues().contains(method), method + " is not in Attribute.JOIN_TYPE");
    }
  }

  @Test
  void aJoiningUriIsNotReadFromAV1Config() throws Exception {
    // tbot's v1 config has no join_uri: its migration drops it.
    assertNull(TbotConfigReader.parse("join_uri: tbot+proxy+github://t@example.com:443\n", "v1.yaml").joinMethod());
  }

  @Test
  void readsAnalyticsKeys() throws Exception {
    TbotConfig yes = TbotConfigReader.read(resource("configs/v2-continuous-default-join.yaml"));
    assertEquals(Boolean.TRUE, yes.anonymousAnalytics());
    assertNull(yes.joinMethod());
    assertFalse(yes.oneshot());
    assertEquals(Boolean.FALSE, TbotConfigReader.read(resource("configs/v2-opt-out.yaml")).anonymousAnalytics());
    assertEquals(
        "http://collector.internal:4318/v1/logs",
        TbotConfigReader.read(resource("configs/v2-endpoint.yaml")).anonymousAnalyticsEndpoint());
  }

  @Test
  void emptyFileIsAConfigWithNothingSet() throws Exception {
    assertEquals(TbotConfig.EMPTY, TbotConfigReader.read(resource("configs/empty.yaml")));
    // a comment alone, or blanks, with no line break at the end
    assertEquals(TbotConfig.EMPTY, TbotConfigReader.parse("# c", "x.yaml"));
    assertEquals(TbotConfig.EMPTY, TbotConfigReader.parse("  ", "x.yaml"));
  }

  @Test
  void theCommonestSyntaxSlipsSayWhatIsWrongInTheFilesTerms() {
    // snakeyaml said "expected <block end>, but found '?'" (no '?' in the file), "found unexpected
    // end of stream" at a line past the file's end, "found duplicate key" naming no key.
    Map<String, String> slips = new LinkedHashMap<>();
    slips.put("version: v2\noutputs:\n  - type: identity\n  destination: x\n", "invalid YAML at line 4: this line is"
        + " not indented to match the lines above it (from line 3); line a key up with the other keys of its mapping,"
        + " and a list item's '-' with the others.");
    slips.put("version: v2\nonboarding:\n  token: \"abc\n", "invalid YAML at line 3: a quoted value starts here and"
        + " is never closed; end it with the same quote it starts with.");
    slips.put("version: v2\noutputs: [\n", "invalid YAML: the file ends inside a [ ] list or { } mapping; close it"
        + " with ] or }.");
    slips.put("version: v2\nonboarding: {join_method: x\n", "invalid YAML: the file ends inside a [ ] list or { }"
        + " mapping; close it with ] or }.");
    slips.put("version: v2\noneshot: true\nversion: v2\n", "invalid YAML at line 3: the key 'version' is given twice in"
        + " one mapping, which tbot refuses; keep one of them.");
    slips.put("onboarding:\n  join_method: iam\n    token: abc\n", "invalid YAML at line 3: a ': ' where no key can"
        + " start: the line is indented under a plain value, or a value holds ': '; check the indentation, or quote"
        + " the value.");
    // A key tbot-otel does not read is not quoted: it may be a value pasted in the wrong place.
    slips.put("hunter2: 1\nhunter2: 2\n", "invalid YAML at line 2: a key is given twice in"
        + " one mapping, which tbot refuses; keep one of them.");
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> slip : slips.entrySet()) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(slip.getKey(), "x.yaml"));
      if (!("x.yaml: " + slip.getValue()).equals(e.getMessage())) {
        wrong.add(slip.getKey().replace("\n", "\\n") + " -> " + e.getMessage());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void aFieldOfTheWrongTypeOrFormNamesTheLineOfItsValue() {
    // Where the user finds the field: its key's line (a list or mapping value starts on the lines
    // after it), a list item's own line, a merged field's where the anchored mapping writes it;
    // comments, blank lines and CRLF counted.
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("# c\n\nversion: v3\n", "field 'version' at line 3 must be v1 or v2, got 'v3'; fix it in the config file.");
    refusals.put("version: 2\n", "field 'version' at line 1 must be v1 or v2, got '2'; fix it in the config file.");
    refusals.put("x: 1\r\noneshot:\r\n  maybe\r\n",
        "field 'oneshot' at line 2 must be true or false, got 'maybe'; fix it in the config file.");
    refusals.put("anonymous_analytics: \"true\"\n", "field 'anonymous_analytics' at line 1 must be true or false, "
        + "unquoted, got the quoted or tagged text \"true\"; remove the quotes or the tag (!!str, !x) in the config file.");
    refusals.put("x: 1\noneshot: fAlSe\n",
        "field 'oneshot' at line 2 must be true or false, got the text \"fAlSe\"; write it as true or false in the config file.");
    refusals.put("onboarding:\n  token: t\n  join_method:\n  - iam\n",
        "field 'onboarding.join_method' at line 3 must be a string, got a list; fix it in the config file.");
    refusals.put("x: 1\nonboarding: secret\n", "field 'onboarding' at line 2 must be a mapping, got a string; fix it in the config file.");
    refusals.put("version: v2\noutputs:\n  type: identity\n",
        "field 'outputs' at line 2 must be a list, got a mapping; fix it in the config file.");
    refusals.put("version: v2\noutputs:\n- type: identity\n-\n  - x\n",
        "field 'outputs[1]' at line 5 must be a mapping, got a list; fix it in the config file.");
    refusals.put("version: v2\nservices:\n- type: identity\n- destination: {}\n",
        "field 'services[1].type' is missing from the entry at line 4; give each entry a type such as identity.");
    refusals.put("destinations:\n- app: a\n- app: b\n  kubernetes_cluster: k\n",
        "field 'destinations[1]' at line 3 names more than one of database, kubernetes_cluster and app; tbot refuses"
        + " that, so keep one per destination.");
    refusals.put("destinations:\n- database:\n    service:\n      x: 1\n",
        "field 'destinations[0].database.service' at line 3 must be a string, got a mapping; fix it in the config file.");
    refusals.put("destinations:\n- app: [a]\n", "field 'destinations[0].app' at line 2 must be a string, got a list;"
        + " fix it in the config file.");
    refusals.put("x: &k [1]\ny: 2\noneshot: *k\n",
        "field 'oneshot' at line 3 must be true or false, got a list; fix it in the config file.");
    refusals.put("base: &b\n  oneshot: later\nz:\n  <<: *b\n<<: *b\n",
        "field 'oneshot' at line 2 must be true or false, got 'later'; fix it in the config file.");
    refusals.put("oneshot: true\noutputs:\n- type: identity\n",
        "field 'outputs' at line 2 needs version: v2 (without it the config is v1, where tbot refuses outputs); add"
        + " version: v2 to the config file.");
    refusals.put("- oneshot: true\n", "the top level must be a mapping of tbot's settings, one per line (such as"
        + " version: v2), got a list; give tbot's YAML config.");
    // Its kind only: a number there may be an account's id.
    refusals.put("123456789012\n", "the top level must be a mapping of tbot's settings, one per line (such as"
        + " version: v2), got a number; give tbot's YAML config.");
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(refusal.getKey(), "x.yaml"));
      if (!("x.yaml: " + refusal.getValue()).equals(e.getMessage())) {
        wrong.add(refusal.getKey().replace("\n", "\\n").replace("\r", "\\r") + " -> " + e.getMessage());
      }
    }
    assertEquals(List.of(), wrong);
    // Base64 text is named by its variable, its lines counted in the text it encodes.
    String base64 = java.util.Base64.getEncoder().encodeToString("x: 1\n\noneshot: 7\n".getBytes(StandardCharsets.UTF_8));
    ConfigException e = assertThrows(ConfigException.class,
        () -> TbotConfigReader.readBase64(base64, TbotConfigSource.ENV_CONFIG));
    assertEquals("TBOT_CONFIG: field 'oneshot' at line 3 must be true or false, got '7'; fix it in TBOT_CONFIG.",
        e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed.yaml | invalid YAML at line 4",
        "wrong-type-oneshot.yaml | field 'oneshot' at line 2 must be true or false, got 'sometimes'",
        "wrong-type-outputs.yaml | field 'outputs' at line 2 must be a list, got a mapping",
        "wrong-type-join.yaml | field 'onboarding.join_method' at line 3 must be a string, got a list",
        "wrong-type-analytics.yaml | field 'anonymous_analytics' at line 2 must be true or false, got 'maybe'",
        "output-without-type.yaml | field 'outputs[0].type' is missing",
        "bad-version.yaml | field 'version' at line 1 must be v1 or v2, got 'v42'",
        "not-a-mapping.yaml | the top level must be a mapping of tbot's settings",
        "alias-bomb.yaml | field 'outputs[0]' at line 7 must be a mapping, got a list",
      })
  void badInputIsOneLineNamingTheField(String file, String expected) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> TbotConfigReader.read(resource("bad/" + file)));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertTrue(e.getMessage().contains(file), "names the file: " + e.getMessage());
  }

  @Test
  void missingFileAndDirectoryAreClearErrors(@TempDir Path dir) {
    ConfigException missing =
        assertThrows(ConfigException.class, () -> TbotConfigReader.read(dir.resolve("nope.yaml")));
    assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    ConfigException directory = assertThrows(ConfigException.class, () -> TbotConfigReader.read(dir));
    assertTrue(directory.getMessage().contains("is a directory"), directory.getMessage());
  }

  /** A file that is there but cannot be opened says why once, after the path, not the path again. */
  @Test
  void aFileThatCannotBeOpenedSaysWhy(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("tbot.yaml"), "version: v2\n");
    Path under = file.resolve("x.yaml"); // a file where a directory should be: ENOTDIR
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.read(under));
    String message = e.getMessage();
    // The reason is the C library's, in its locale: "Not a directory" in English; a file in the
    // path's way is the path's fault, not the file's permissions.
    String prefix = under + ": cannot be read (";
    String suffix = "); check the path given to -c/--config.";
    assertTrue(message.startsWith(prefix) && message.endsWith(suffix), message);
    assertEquals(message.indexOf(under.toString()), message.lastIndexOf(under.toString()), "the path once: " + message);
    // Only the reason inside the parentheses: not empty, and no piece of java.io's "PATH (" in it.
    String reason = message.substring(prefix.length(), message.length() - suffix.length());
    assertFalse(reason.isBlank(), message);
    assertFalse(reason.contains("(") || reason.contains("yaml"), message);
    // The same on JDK 25, whose java.nio.file calls ENOTDIR "no such file" (JDK-8356678), and
    // deeper down; a file that is there but cannot be opened may say no, so readConsent throws.
    Path deeper = under.resolve("y.yaml");
    ConfigException d = assertThrows(ConfigException.class, () -> TbotConfigReader.read(deeper));
    assertTrue(d.getMessage().startsWith(deeper + ": cannot be read ("), d.getMessage());
    assertNull(assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(under)).field());
    // A name with bytes this JVM could not decode is not found as the JVM reads it: said so.
    Path undecoded = dir.resolve("bad\uFFFDname.yaml");
    assertEquals(undecoded + ": no such file as this JVM reads the name (U+FFFD stands for bytes it could not"
        + " decode); run in a UTF-8 locale (e.g. LANG=C.UTF-8), or rename the file.",
        assertThrows(ConfigException.class, () -> TbotConfigReader.read(undecoded)).getMessage());
    // A name longer than the file system takes is the path's fault too.
    Path tooLong = dir.resolve("t".repeat(300) + ".yaml");
    ConfigException l = assertThrows(ConfigException.class, () -> TbotConfigReader.read(tooLong));
    assertTrue(l.getMessage().endsWith("); check the path given to -c/--config."), l.getMessage());
    // What is missing is still said to be missing, under a directory that is missing too.
    Path missing = dir.resolve("gone").resolve("x.yaml");
    ConfigException m = assertThrows(ConfigException.class, () -> TbotConfigReader.read(missing));
    assertEquals(missing + ": no such file; check the path given to -c/--config.", m.getMessage());
    assertNull(TbotConfigReader.readConsent(missing));
  }

  @Test
  void aConfigOnAnotherFileSystemIsReadAsOnTheDefaultOne(@TempDir Path dir) throws Exception {
    // A host may hand over a Path of any provider (a zip, an in-memory file system): read it, or
    // say why not in a ConfigException, never an UnsupportedOperationException from toFile().
    try (FileSystem zip = FileSystems.newFileSystem(dir.resolve("fs.zip"), Map.of("create", "true"))) {
      Path file = Files.writeString(zip.getPath("/tbot.yaml"), "version: v2\noneshot: true\nanonymous_analytics: false\n");
      TbotConfig c = TbotConfigReader.read(file);
      assertTrue(c.oneshot());
      assertEquals(Boolean.FALSE, c.anonymousAnalytics());
      assertEquals(Boolean.FALSE, TbotConfigReader.readConsent(file));
      Path gone = zip.getPath("/gone.yaml");
      ConfigException m = assertThrows(ConfigException.class, () -> TbotConfigReader.read(gone));
      assertEquals(gone + ": no such file; check the path given to -c/--config.", m.getMessage());
      assertNull(TbotConfigReader.readConsent(gone), "nothing there to say no");
      Path under = file.resolve("x.yaml"); // a file where a directory should be: not missing, unreadable
      assertEquals(under + ": cannot be read (not found); check the path given to -c/--config.",
          assertThrows(ConfigException.class, () -> TbotConfigReader.read(under)).getMessage());
      assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(under), "it may say no");
      Path big = zip.getPath("/big.yaml");
      Files.write(big, new byte[ConfigText.MAX_FILE_BYTES + 1]);
      assertTrue(assertThrows(ConfigException.class, () -> TbotConfigReader.read(big)).getMessage().contains("larger than"));
    }
  }

  @Test
  void oversizedAndBinaryFilesAreRefused(@TempDir Path dir) throws Exception {
    Path big = dir.resolve("big.yaml");
    Files.write(big, new byte[ConfigText.MAX_FILE_BYTES + 1]);
    assertTrue(assertThrows(ConfigException.class, () -> TbotConfigReader.read(big)).getMessage().contains("larger than"));
    Path binary = dir.resolve("bin.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
    assertTrue(assertThrows(ConfigException.class, () -> TbotConfigReader.read(binary)).getMessage().contains("UTF-8"));
  }

  @Test
  void aConfigWritesAtMostMaxNodesValues() throws Exception {
    // The document's mapping, three keys, v2, true and the list: seven values besides the list's items.
    String head = "version: v2\noneshot: true\nx:\n";
    String atLimit = head + "- 0\n".repeat(GoYamlComposer.MAX_NODES - 7);
    assertTrue(TbotConfigReader.parse(atLimit, "at-limit.yaml").oneshot());
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(atLimit + "- 0\n", "over.yaml"));
    assertEquals("over.yaml: has more than " + GoYamlComposer.MAX_NODES
        + " YAML values, where tbot's configs have hundreds; give tbot's YAML config.", e.getMessage());
    // An alias is no new value: a list of them stays within the limit (YamlGraph bounds their expansion).
    String aliases = "version: v2\noneshot: true\nx: &a 0\ny:\n" + "- *a\n".repeat(GoYamlComposer.MAX_NODES);
    assertTrue(TbotConfigReader.parse(aliases, "aliases.yaml").oneshot());
  }

  @Test
  void manyQuotedValuesBeyondTheBasicPlaneAreReadInLinearTime() throws Exception {
    // Each double-quoted value holding a surrogate is looked at in the text for an escape of one;
    // finding it from the text's start each time took 14 s of CPU here (a long comment, then 19 900
    // emoji; 13.8 and 14.4 s measured), where reading the text takes a fraction of one.
    String text = "# " + "x".repeat(800_000) + "\noneshot: true\nx: [" + "\"\uD83D\uDE00\",".repeat(19_900) + "0]\n";
    // The parsing thread's CPU time, not the wall clock, which a loaded machine stretches several
    // times over (0.6 s of it alone here); the wall clock only bounds a hang.
    long[] cpuNanos = new long[1];
    TbotConfig c = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      java.lang.management.ThreadMXBean threads = cpuClock();
      long before = threads.getCurrentThreadCpuTime();
      TbotConfig parsed = TbotConfigReader.parse(text, "emoji.yaml");
      cpuNanos[0] = threads.getCurrentThreadCpuTime() - before;
      return parsed;
    });
    assertTrue(cpuNanos[0] < 3_000_000_000L, "read in " + cpuNanos[0] / 1_000_000 + " ms of CPU");
    assertTrue(c.oneshot());
    // And an escape of a surrogate after them is still found.
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text + "y: \"\\ud800\"\n", "emoji.yaml"));
  }

  @Test
  void utf16WithItsByteOrderMarkIsReadAsGoReadsIt(@TempDir Path dir) throws Exception {
    // Go's YAML takes UTF-16 text that starts with its byte order mark (yaml.v3's
    // yaml_parser_determine_encoding), as Windows PowerShell 5's > writes a file: tbot runs it.
    String yaml = "version: v2\nonboarding: {join_method: azure}\nservices:\n"
        + "  - {type: database, destination: {type: memory}}\n";
    for (java.nio.charset.Charset utf16 : new java.nio.charset.Charset[] {
        StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
      byte[] bytes = ("\uFEFF" + yaml).getBytes(utf16);
      Path file = Files.write(dir.resolve(utf16.name() + ".yaml"), bytes);
      TbotConfig c = TbotConfigReader.read(file);
      assertEquals("azure", c.joinMethod(), utf16.name());
      assertEquals(new DestinationCounts(1, 1, 0, 0), c.destinations(), utf16.name());
      String base64 = java.util.Base64.getEncoder().encodeToString(bytes);
      assertEquals(c, TbotConfigReader.readBase64(base64, TbotConfigSource.ENV_CONFIG), utf16.name());
      // Without its mark, or with an odd byte at the end, it is not text Go reads.
      Path unmarked = Files.write(dir.resolve("unmarked.yaml"), yaml.getBytes(utf16));
      assertEquals(unmarked + ": invalid YAML: it looks like UTF-16 without its byte order mark; save it as UTF-8.",
          assertThrows(ConfigException.class, () -> TbotConfigReader.read(unmarked)).getMessage(), utf16.name());
      byte[] odd = java.util.Arrays.copyOf(bytes, bytes.length + 1);
      Path oddFile = Files.write(dir.resolve("odd.yaml"), odd);
      assertTrue(assertThrows(ConfigException.class, () -> TbotConfigReader.read(oddFile)).getMessage()
          .contains("nor UTF-16 with its byte order mark"));
      // The mark alone is an empty file (PowerShell's Out-File of nothing), not a refused one.
      Path markOnly = Files.write(dir.resolve("mark.yaml"), "\uFEFF".getBytes(utf16));
      assertEquals(TbotConfig.EMPTY, TbotConfigReader.read(markOnly), utf16.name());
    }
    // UTF-8's own mark, which yaml.v3 skips too (Notepad writes it).
    Path utf8 = Files.write(dir.resolve("utf8.yaml"), ("\uFEFF" + yaml).getBytes(StandardCharsets.UTF_8));
    assertEquals("azure", TbotConfigReader.read(utf8).joinMethod());
  }

  @Test
  void aSecondByteOrderMarkAtTheStartIsRefused(@TempDir Path dir) throws Exception {
    // Go's YAML skips one more mark after the encoding's, and then reads the first line as indented
    // by one: "anonymous_analytics: false" on it alone is a no, and the lines after it are not read
    // as snakeyaml reads them (which took the second mark into the key, so read no key at all: no
    // no, TbotConfigReaderGoAnswersTest yaml-92). Refused, as the no it may be.
    String twice = "\uFEFF\uFEFFanonymous_analytics: false\n";
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(twice, "x.yaml"));
    assertEquals("x.yaml: invalid YAML at line 1: two byte order marks (U+FEFF) at the start, which Go's YAML reads"
        + " its own way; remove one.", e.getMessage());
    Path utf8 = Files.write(dir.resolve("utf8.yaml"), twice.getBytes(StandardCharsets.UTF_8));
    assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(utf8));
    for (java.nio.charset.Charset utf16 : new java.nio.charset.Charset[] {
        StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE}) {
      Path file = Files.write(dir.resolve(utf16.name() + ".yaml"), twice.getBytes(utf16));
      assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(file), utf16.name());
      assertThrows(ConfigException.class, () -> TbotConfigReader.read(file), utf16.name());
      Path once = Files.write(dir.resolve("once.yaml"), twice.substring(1).getBytes(utf16));
      assertEquals(Boolean.FALSE, TbotConfigReader.readConsent(once), utf16.name());
    }
    // One mark, and a mark further on (part of a key there, to Go too), are read as before.
    assertEquals(Boolean.FALSE, TbotConfigReader.parse(twice.substring(1), "x.yaml").anonymousAnalytics());
    assertNull(TbotConfigReader.parse("x: 1\n\uFEFFanonymous_analytics: false\n", "x.yaml").anonymousAnalytics());
  }

  @Test
  void pipesAndDevicesAreNotRead() throws Exception {
    // Reading a FIFO or /dev/stdin would steal the input meant for tbot; /dev/zero never ends.
    for (String special : new String[] {"/dev/zero", "/dev/null"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.read(Path.of(special)));
      assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
    }
  }

  @Test
  void aFifoIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("tbot.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertEquals(0, mkfifo.waitFor());
    // Bounded: a reader that opened the FIFO would block forever waiting for a writer.
    ConfigException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
        () -> assertThrows(ConfigException.class, () -> TbotConfigReader.read(fifo)));
    assertTrue(e.getMessage().contains("is not a regular file"), e.getMessage());
  }

  @Test
  void yamlThatGoDecodesAsTbotDoesIsRead() throws Exception {
    // More than 20 merges of one block (a common way to share roles between outputs).
    assertEquals(new DestinationCounts(25, 25, 0, 0), TbotConfigReader.parse(merged(25, "database"), "m.yaml").destinations());
    // tbot decodes the first document only.
    TbotConfig first = TbotConfigReader.parse("version: v2\noneshot: true\n---\n: not yaml [\n", "d.yaml");
    assertTrue(first.oneshot());
    // Go's decoder takes YAML 1.1 words for a bool field, quoted or not.
    assertEquals(Boolean.FALSE, TbotConfigReader.parse("anonymous_analytics: n", "n.yaml").anonymousAnalytics());
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("anonymous_analytics: \"yes\"", "y.yaml").anonymousAnalytics());
    assertTrue(TbotConfigReader.parse("oneshot: Y", "y.yaml").oneshot());
    assertFalse(TbotConfigReader.parse("oneshot: \"off\"", "o.yaml").oneshot());
  }

  @Test
  void aValueUnderATagGoDoesNotKnowIsReadAsItIs() throws Exception {
    // Go's YAML passes a tag it does not know through (yaml.v3's resolve: not resolvable, the
    // text as it is), and tbot's string fields and structs take it: path: !path /opt is a path.
    // The whole file was refused as invalid YAML ("could not determine a constructor").
    String yaml = "version: !v v2\noneshot: !b yes\nonboarding: !local {join_method: !m github}\n"
        + "storage: !mem {type: memory}\nservices: !list\n  - type: !t database\n"
        + "    destination: {type: directory, path: !path /opt/db}\n  - !svc {type: identity}\n";
    TbotConfig c = TbotConfigReader.parse(yaml, "t.yaml");
    assertEquals("github", c.joinMethod());
    assertTrue(c.oneshot());
    assertEquals(new DestinationCounts(2, 1, 0, 0), c.destinations());
    assertEquals(Boolean.FALSE, TbotConfigReader.parse("anonymous_analytics: false\nx: !y [1]\n", "n.yaml")
        .anonymousAnalytics(), "a no beside a tagged list is read");
    // A bool field under such a tag gets its text, as in Go: a YAML 1.1 word is read (yaml.v3
    // takes yes/no text for a bool), but true is text Go refuses for one, never a yes.
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("anonymous_analytics: !x yes\n", "y.yaml").anonymousAnalytics());
    for (String tagged : new String[] {"!x true", "!x false", "!<tag:example.com,2000:b> true"}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> TbotConfigReader.parse("anonymous_analytics: " + tagged + "\n", "t.yaml"), tagged);
      assertEquals("anonymous_analytics", e.field(), tagged);
    }
  }

  @Test
  void aBinaryKeyOrValueIsTheTextItEncodesAsToGo(@TempDir Path dir) throws Exception {
    // yaml.v3 decodes a !!binary scalar into a string field, or a struct's field name, as the text
    // its base64 encodes: to tbot this key is anonymous_analytics, and its false a no. Read as
    // bytes, the key was no key, so a yes from the flag or the environment sent the event.
    String key = "!!binary YW5vbnltb3VzX2FuYWx5dGljcw==";
    for (String no : new String[] {
        "version: v2\n" + key + ": false\n",
        "? !<tag:yaml.org,2002:binary> |\n  YW5vbnltb3Vz\n  X2FuYWx5dGljcw==\n: false\n",
        "%TAG !e! tag:yaml.org,2002:\n---\n!e!binary YW5vbnltb3VzX2FuYWx5dGljcw==: false\n",
        "anonymous_analytics: !!binary bm8=\n", // "no", a YAML 1.1 word Go takes for a bool
        "<<: {" + key + ": false}\n"}) {
      assertEquals(Boolean.FALSE, TbotConfigReader.parse(no, "b.yaml").anonymousAnalytics(), no);
      Path file = Files.writeString(dir.resolve("b.yaml"), no);
      assertEquals(Boolean.FALSE, TbotConfigReader.readConsent(file), no);
    }
    assertEquals("github", TbotConfigReader.parse("onboarding:\n  !!binary am9pbl9tZXRob2Q=: !!binary Z2l0aHVi\n",
        "b.yaml").joinMethod());
    // The key given twice, once as text: Go refuses it, and so does the reader.
    assertThrows(ConfigException.class,
        () -> TbotConfigReader.parse("anonymous_analytics: true\n" + key + ": false\n", "b.yaml"));
    // Base64 as Go's StdEncoding takes it: line breaks skipped, padding required, nothing else.
    for (String bad : new String[] {"!!binary 'YW5vbnltb3Vz X2FuYWx5dGljcw=='", "!!binary YW5vbnltb3VzX2FuYWx5dGljcw"}) {
      assertThrows(ConfigException.class, () -> TbotConfigReader.parse(bad + ": false\n", "b.yaml"), bad);
    }
  }

  @Test
  void aTagNamingAJavaClassBuildsNothing() throws Exception {
    // The loader lets every global tag through (YamlDocument), so only the safe constructor stands
    // between a config and snakeyaml building the class a tag names: the known gadgets (a URL
    // fetched by equals, a ScriptEngineManager loading a remote jar, a JNDI lookup) are read as the
    // text, list or mapping they tag, as Go reads them.
    String yaml = "version: !!java.net.URL v2\n"
        + "onboarding: !!com.sun.rowset.JdbcRowSetImpl {join_method: github, dataSourceName: 'ldap://127.0.0.1:1/x'}\n"
        + "outputs: !!javax.script.ScriptEngineManager\n"
        + "  - !!java.net.URLClassLoader {type: database}\n"
        + "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n";
    TbotConfig c = TbotConfigReader.parse(yaml, "j.yaml");
    assertEquals("github", c.joinMethod());
    assertEquals(new DestinationCounts(1, 1, 0, 0), c.destinations());
    // On a key and on the whole document too: the no under them is read.
    for (String no : new String[] {"!!java.net.URL anonymous_analytics: false\n",
        "--- !!java.util.HashMap\nanonymous_analytics: false\n", "!x anonymous_analytics: false\n"}) {
      assertEquals(Boolean.FALSE, TbotConfigReader.parse(no, "n.yaml").anonymousAnalytics(), no);
    }
  }

  @Test
  void aSecondaryTagGoDoesNotKnowIsReadThroughToo() throws Exception {
    // !!foo, and snakeyaml's own !!set, !!omap and !!pairs, which yaml.v3 does not know either:
    // Go reads through them as through !foo (a mapping for !!set, a list for the others). The
    // loader refused !!foo ("Global tag is not allowed") and made a Set or Map of the others.
    String yaml = "version: v2\nx: !!foo y\nonboarding: !!set {join_method: github}\n"
        + "outputs: !!pairs\n  - {type: database}\nservices: !!omap\n  - {type: identity}\n";
    TbotConfig c = TbotConfigReader.parse(yaml, "s.yaml");
    assertEquals("github", c.joinMethod());
    assertEquals(new DestinationCounts(2, 1, 0, 0), c.destinations());
    assertEquals(Boolean.FALSE, TbotConfigReader.parse("anonymous_analytics: false\nx: !!python/object:os.system y\n",
        "n.yaml").anonymousAnalytics(), "a no beside such a tag is read, and nothing is built from the tag");
  }

  @Test
  void v1DestinationsAreTypedAsTbotMigratesThem() throws Exception {
    String v1 = "destinations:\n"
        + "  - {directory: {path: /a}, database: {}}\n" // an empty database block: a database output
        + "  - {directory: {path: /b}, database: }\n" // null: identity
        + "  - {directory: {path: /c}, kubernetes_cluster: \"\"}\n" // empty: identity
        + "  - {directory: {path: /d}, app: \"\"}\n"
        + "  - {directory: {path: /e}, app: grafana}\n";
    assertEquals(new DestinationCounts(5, 1, 0, 1), TbotConfigReader.parse(v1, "v1.yaml").destinations());
    ConfigException two = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(
        "destinations:\n  - {directory: {path: /a}, app: grafana, kubernetes_cluster: k}\n", "v1.yaml"));
    assertTrue(two.getMessage().contains("field 'destinations[0]' at line 2 names more than one"), two.getMessage());
    // A v2 config without its version line is read as v1, whose migration refuses outputs
    // (configV1.migrate in tbot's config package): tbot does not start on it.
    ConfigException noVersion = assertThrows(ConfigException.class,
        () -> TbotConfigReader.parse("outputs:\n  - type: database\n", "x.yaml"));
    assertEquals("x.yaml: field 'outputs' at line 1 needs version: v2 (without it the config is v1, where tbot refuses "
        + "outputs); add version: v2 to the config file.", noVersion.getMessage());
    assertEquals(TbotConfig.EMPTY, TbotConfigReader.parse("outputs: []\n", "x.yaml"), "an empty list is none");
    // A cluster or app that is a number or a boolean is its text to Go; a list or mapping Go's
    // YAML cannot read as text, and tbot refuses the file: not a Kubernetes output or app.
    assertEquals(new DestinationCounts(2, 0, 1, 1), TbotConfigReader.parse(
        "destinations: [{kubernetes_cluster: 5}, {app: false}]\n", "v1.yaml").destinations());
    // Nor, in a database block, a service, database or username: tbot refuses the file.
    assertEquals(new DestinationCounts(1, 1, 0, 0), TbotConfigReader.parse(
        "destinations: [{database: {service: 5, database: true, username: ~, other: [x]}}]\n", "v1.yaml").destinations());
    for (String value : new String[] {"database: {service: [x]}", "database: {database: {}}", "database: {username: [u]}"}) {
      assertThrows(ConfigException.class, () -> TbotConfigReader.parse("destinations:\n  - " + value + "\n", "v1.yaml"),
          value);
    }
    for (String value : new String[] {"kubernetes_cluster: [k]", "kubernetes_cluster: {}", "app: [a]", "app: {a: 1}"}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> TbotConfigReader.parse("destinations:\n  - " + value + "\n", "v1.yaml"), value);
      assertEquals("destinations[0]." + value.substring(0, value.indexOf(':')), e.field(), e.getMessage());
    }
  }

  @Test
  void anEmptyVersionOrJoinMethodIsAbsentAsToTbot() throws Exception {
    // Go's YAML decodes "" and a missing key alike into tbot's string fields: ReadConfig takes
    // version "" for v1 (case V1, ""), and join_uri fills an empty join method (tbot configure and
    // migrate write join_method: "" for one not given). Refused, and sent as unknown, before.
    TbotConfig v1 = TbotConfigReader.parse("version: \"\"\ndestinations:\n  - {directory: /a, app: grafana}\n", "v.yaml");
    assertEquals(new DestinationCounts(1, 0, 0, 1), v1.destinations());
    assertNull(TbotConfigReader.parse("version: v2\nonboarding: {join_method: \"\", token: t}\n", "e.yaml").joinMethod());
    assertEquals("bound_keypair", TbotConfigReader.parse("version: v2\nonboarding: {join_method: ''}\n"
        + "join_uri: tbot+proxy+bound-keypair://t@example.com:443\n", "u.yaml").joinMethod());
    assertNull(TbotConfigReader.parse("onboarding: {join_method: ''}\n", "v1.yaml").joinMethod());
  }

  @Test
  void stringsAreNotEchoedWhereASecretCouldHaveBeenPasted() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> TbotConfigReader.parse("onboarding: hunter2", "x.yaml"));
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    assertTrue(e.getMessage().contains("field 'onboarding' at line 1 must be a mapping, got a string"), e.getMessage());
  }

  @Test
  void valuesOfOtherTypesAreDescribedNotPrinted() {
    String[][] cases = {
      {"version: v2\noutputs: 1234567890123456789012345678901234567890123456789", "got a number", "1234567890"},
      {"outputs: !!set {hunter2secret: null}", "got a mapping", "hunter2secret"}, // a mapping, as to Go
      {"onboarding: !!binary aHVudGVyMnNlY3JldA==", "got a string", "hunter2secret"}, // text, as to Go
    };
    for (String[] c : cases) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(c[0], "x.yaml"));
      assertTrue(e.getMessage().contains(c[1]), e.getMessage());
      assertFalse(e.getMessage().contains(c[2]), e.getMessage());
    }
  }

  @Test
  void aQuotedTrueOrFalseIsNamedAsQuotedNotAsTheWrongWord() {
    // Go's YAML, like this reader, takes a quoted "true" as text and refuses it for a bool field;
    // "must be true or false, got 'true'" gave the user no way to see what was wrong.
    for (String value : new String[] {"\"true\"", "'false'", "\"True\""}) {
      for (String key : new String[] {"anonymous_analytics", "oneshot"}) {
        ConfigException e = assertThrows(ConfigException.class,
            () -> TbotConfigReader.parse("version: v2\n" + key + ": " + value, "x.yaml"));
        assertTrue(e.getMessage().contains("field '" + key + "' at line 2 must be true or false, unquoted, got the quoted or tagged text "
            + value.replace('\'', '"')), e.getMessage());
      }
    }
  }

  @Test
  void aTaggedTrueOrFalseIsNamedAsTaggedNotAsQuoted() {
    // !x false is text to Go's YAML as "false" is (an unknown tag is read through), and refused for
    // a bool field alike; there are no quotes to remove, the tag is what to remove.
    for (String value : new String[] {"!x false", "!<tag:example.com,2000:b> true", "!!java.lang.Boolean false"}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> TbotConfigReader.parse("anonymous_analytics: " + value + "\n", "x.yaml"));
      assertTrue(e.getMessage().contains("got the quoted or tagged text \"" + value.substring(value.indexOf(' ') + 1)
          + "\"; remove the quotes or the tag"), e.getMessage());
    }
  }

  @Test
  void aMixedCaseTrueOrFalseIsNotTakenForAQuotedOne() {
    // Unquoted fAlSe is text to every YAML reader; the fix is to write false, not to remove quotes.
    for (String value : new String[] {"fAlSe", "tRUE", "\"fAlSe\""}) {
      ConfigException e = assertThrows(ConfigException.class,
          () -> TbotConfigReader.parse("version: v2\nanonymous_analytics: " + value, "x.yaml"));
      assertTrue(e.getMessage().contains("must be true or false, got the text \"" + value.replace("\"", "")
          + "\"; write it as true or false"), e.getMessage());
      assertFalse(e.getMessage().contains("quotes"), e.getMessage());
    }
  }

  @Test
  void longValuesAreNotEchoedInErrors() {
    String secret = "s3cr3t".repeat(20);
    ConfigException e =
        assertThrows(ConfigException.class, () -> TbotConfigReader.parse("oneshot: " + secret, "x.yaml"));
    assertFalse(e.getMessage().contains(secret), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "token: \"\\Uhunter22\"", "token: \"\\uhunt\"", "token: \"\\xhu\"", "token: \"x\\hunter2\"", "token: *hunter2",
      "hunter2: 1\nhunter2: 2", "x:\n  ? {hunter2: 1}\n  : 1\n  ? {hunter2: 1}\n  : 2", "token: !hunter2!x y",
      "token: !!timestamp hunter2", "token: [!!timestamp hunter2]", "token: `hunter2", "token: @hunter2",
      "token: &a\u00e9hunter2 1", "token: |hunter2\n  x", "token: !<!hunter2 x"})
  void snakeyamlsOwnErrorsQuoteNothingOfTheText(String line) {
    // What snakeyaml found where it stopped is in its problem: an escape's digits (of a quoted
    // value, maybe a secret), an alias's, key's or tag handle's name, a timestamp, a character. The
    // line is enough to find it; docs/cli.md says the refusal quotes nothing of the file.
    String text = "version: v2\nanonymous_analytics: false\n" + line + "\n";
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    assertTrue(e.getMessage().startsWith("x.yaml: invalid YAML"), e.getMessage());
    for (String quoted : List.of("hu", "\u00e9", "`", "@")) {
      assertFalse(e.getMessage().contains(quoted), "'" + quoted + "' quoted: " + e.getMessage());
    }
    assertFalse(e.getMessage().matches(".*\\(\\d+\\).*"), "a character's code quoted: " + e.getMessage());
  }

  @Test
  void aTagHandleDefinedTwiceIsNotQuoted() {
    // snakeyaml's "duplicate tag handle !NAME!" names the handle as the %TAG lines write it, and no
    // pattern of what snakeyaml found cut it: ConfigErrorsQuoteNoSecretTest found it. The line
    // names the place.
    String text = "%TAG !hunter2hunter2! tag:example.com,2000:\n%TAG !hunter2hunter2! tag:example.com,2001:\n---\n"
        + "version: v2\n";
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    assertEquals("x.yaml: invalid YAML at line 2: duplicate tag handle ...; fix the syntax.", e.getMessage());
  }

  @Test
  void snakeyamlsOwnErrorsKeepTheKindOfTokenOrNodeFound() {
    // What kind of token or node snakeyaml found is none of the text, and helps: kept.
    Map<String, String> refusals = new LinkedHashMap<>();
    // (A line out of its indentation and a bracket never closed have words of their own: above.)
    refusals.put("a: ]\n", "line 1: expected the node content, but found ']'; fix the syntax.");
    refusals.put("[a, b}\n", "line 1: expected ',' or ']', but got }; fix the syntax.");
    refusals.put("a: - b\n", "line 1: sequence entries are not allowed here; fix the syntax.");
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(refusal.getKey(), "x.yaml"));
      assertEquals("x.yaml: invalid YAML at " + refusal.getValue(), e.getMessage(), refusal.getKey());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "oneshot: !!int hunter2", "token: !!binary 'hunter2!'", "token: !!float hunter2", "n: !!int 0x",
      "token: !!map [hunter2]", "token: !!seq {hunter2: 1}", "token: !!str [hunter2]", "token: \"\\UFFFFFFFF\""})
  void aTaggedValueTheLoaderCannotBuildIsInvalidYamlNotAnUncheckedException(String line, @TempDir Path dir)
      throws Exception {
    // snakeyaml lets these out unwrapped (NumberFormatException, IllegalArgumentException,
    // ClassCastException): a host that catches ConfigException, as the README's agent does, died.
    String text = "version: v2\nanonymous_analytics: false\n" + line + "\n";
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    assertTrue(e.getMessage().startsWith("x.yaml: invalid YAML"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2") || e.getMessage().contains("FFFF"), "no value echoed: " + e.getMessage());
    Path file = Files.writeString(dir.resolve("tbot.yaml"), text);
    assertThrows(ConfigException.class, () -> TbotConfigReader.read(file));
    ConfigException unread = assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(file),
        "a file that cannot be parsed may say no: not taken for one without the key");
    assertNull(unread.field());
  }

  @Test
  void aNullTextIsTheCallersBugNotInvalidYaml() {
    assertThrows(NullPointerException.class, () -> TbotConfigReader.parse(null, "x.yaml"));
  }

  @Test
  void readConsentReadsTheKeyEvenWhenTheRestOfTheFileIsUnusable(@TempDir Path dir) throws Exception {
    // What decides consent when the full read fails: an explicit no must come through as no.
    assertEquals(Boolean.FALSE, TbotConfigReader.readConsent(resource("configs/v2-opt-out.yaml")));
    assertEquals(Boolean.TRUE, TbotConfigReader.readConsent(resource("configs/v2-continuous-default-join.yaml")));
    Path brokenNo = Files.writeString(dir.resolve("no.yaml"), "version: v9\nanonymous_analytics: false\noutputs: {}\n");
    assertThrows(ConfigException.class, () -> TbotConfigReader.read(brokenNo));
    assertEquals(Boolean.FALSE, TbotConfigReader.readConsent(brokenNo));
    Path brokenYes = Files.writeString(dir.resolve("yes.yaml"), "version: v9\nanonymous_analytics: true\n");
    assertEquals(Boolean.TRUE, TbotConfigReader.readConsent(brokenYes));
    assertEquals(Boolean.FALSE, TbotConfigReader.readConsent(
        Files.writeString(dir.resolve("off.yaml"), "anonymous_analytics: \"off\"\n")), "Go's YAML words too");
  }

  @Test
  void readConsentIsAbsentWhereTheFileSaysNothingReadable(@TempDir Path dir) throws Exception {
    assertNull(TbotConfigReader.readConsent(resource("configs/v1-mixed.yaml")), "no key");
    assertNull(TbotConfigReader.readConsent(dir.resolve("missing.yaml")));
    assertNull(TbotConfigReader.readConsent(resource("bad/not-a-mapping.yaml")));
    assertNull(TbotConfigReader.readConsent(resource("configs/empty.yaml")));
    ConfigException e = assertThrows(ConfigException.class,
        () -> TbotConfigReader.readConsent(resource("bad/wrong-type-analytics.yaml")));
    assertTrue(e.getMessage().contains("field 'anonymous_analytics' at line 2 must be true or false, got 'maybe'"),
        e.getMessage());
    assertEquals("anonymous_analytics", e.field());
  }

  @Test
  void readConsentOfAFileItCannotReadThrowsForItMaySayNo(@TempDir Path dir) throws Exception {
    // Each says no on its first line; a null here let a host's yes from elsewhere send.
    String no = "anonymous_analytics: false\n";
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, (no + "name: caf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    Path[] files = {
      latin1,
      Files.writeString(dir.resolve("unclosed.yaml"), no + "outputs: [\n"),
      Files.writeString(dir.resolve("twice.yaml"), no + "anonymous_analytics: true\n"),
      Files.writeString(dir.resolve("cycle.yaml"), no + "a: &a [*a]\n"),
      dir,
      resource("bad/malformed.yaml"),
    };
    for (Path file : files) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(file), file.toString());
      assertNull(e.field(), e.getMessage());
      assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
    }
  }

  /**
   * A config read with little stack left (a host's thread of a small stack, java -Xss136k) is
   * refused as unreadable, in one line, not a StackOverflowError thrown into the host. Swept over how
   * much stack is left, so that some depth leaves the parser too little: none may let the Error out.
   */
  @Test
  void runningOutOfStackWhileReadingIsAConfigExceptionNotAnError() throws Exception {
    StringBuilder deep = new StringBuilder("version: v2\nanonymous_analytics: false\n");
    for (int i = 0; i < 38; i++) {
      deep.append("  ".repeat(i)).append("k").append(i).append(":\n");
    }
    deep.append("  ".repeat(38)).append("v: 1\n");
    List<String> seen = new java.util.ArrayList<>();
    Thread t = new Thread(null, () -> {
      // Steps of 5 frames: with 25, the window where the parser runs short but its refusal still fits
      // was once stepped over, every depth reading the file.
      for (int depth = 0; depth < 20_000; depth += STACK_STEP) {
        String outcome;
        try {
          outcome = readAtDepth(depth, deep.toString());
        } catch (StackOverflowError ours) {
          break; // this test's own recursion reached the end of the stack: deep enough
        }
        seen.add(outcome);
      }
    }, "small-stack", 256 * 1024);
    t.start();
    t.join();
    assertTrue(seen.contains("said"), "no depth left the parser too little stack: " + seen);
    assertTrue(seen.contains("read"), seen.toString());
    // Only at the very end, with no stack left for the refusal itself (a few frames), may the
    // Error go through: at the last few depths.
    int lastSaid = seen.lastIndexOf("said");
    assertFalse(seen.subList(0, lastSaid).contains("escaped"), "a StackOverflowError left the reader: " + seen);
    assertTrue((seen.size() - 1 - lastSaid) * STACK_STEP <= 125, "the reader let Errors out once short of stack: " + seen);
  }

  private static final int STACK_STEP = 5;

  private static String readAtDepth(int depth, String yaml) {
    if (depth > 0) {
      return readAtDepth(depth - 1, yaml);
    }
    try {
      TbotConfigReader.parse(yaml, "x.yaml");
      return "read";
    } catch (ConfigException e) {
      return e.getMessage().equals("x.yaml: this JVM ran out of thread stack reading it; give java a larger -Xss.")
          ? "said" : e.getMessage();
    } catch (StackOverflowError e) {
      return "escaped";
    }
  }

  /** The commonest slips say what is wrong and the fix, in the file's terms, not the parser's. */
  @Test
  void aTabThatIndentsTooDeepNestingAndANulSayTheirFix() {
    for (String tabbed : List.of("version: v2\nonboarding:\n\tjoin_method: github\n",
        "version: v2\noutputs:\n-\ttype: identity\n", "\tversion: v2\n")) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(tabbed, "x.yaml"));
      assertTrue(e.getMessage().matches("x\\.yaml: invalid YAML at line \\d: a tab in a line's indentation, where"
          + " YAML takes spaces only; replace the tab with spaces\\."), e.getMessage());
    }
    String deep = "a: " + "[".repeat(60) + "]".repeat(60) + "\n";
    assertEquals("x.yaml: nests lists and mappings more than 40 deep, where tbot's configs nest a few levels;"
        + " give tbot's YAML config.", assertThrows(ConfigException.class, () -> TbotConfigReader.parse(deep, "x.yaml"))
        .getMessage());
    String nul = "version: v2\r\n\r\nonboarding:\n  join_method: git\u0000hub\n";
    assertEquals("x.yaml: invalid YAML at line 4: a character YAML does not allow (U+0000); remove it.",
        assertThrows(ConfigException.class, () -> TbotConfigReader.parse(nul, "x.yaml")).getMessage());
  }

  @Test
  void aDuplicateKeyIsRefusedNotResolvedToTheLastValue(@TempDir Path dir) throws Exception {
    // Go's YAML refuses a key given twice, so tbot does not start on it; taking the last value
    // would turn "anonymous_analytics: false" into a yes for a library host that reads the file.
    String twice = "anonymous_analytics: false\nanonymous_analytics: true\n";
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(twice, "x.yaml"));
    // A key tbot-otel reads is named; another is not (a complex key would show its values, a
    // plain one may be a value pasted in the wrong place): the line says which.
    assertEquals("x.yaml: invalid YAML at line 2: the key 'anonymous_analytics' is given twice in one mapping, which"
        + " tbot refuses; keep one of them.", e.getMessage());
    Path file = Files.writeString(dir.resolve("t.yaml"), twice);
    assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(file), "neither value: it may say no");
  }

  @Test
  void aDuplicateKeyInAMergedMappingIsRefusedToo(@TempDir Path dir) throws Exception {
    // Go's YAML checks each mapping it decodes, a merged one too; snakeyaml checked only those it
    // built as values, so this read as the first value, a yes, from a file tbot refuses.
    for (String twice : new String[] {
        "<<: {anonymous_analytics: true, anonymous_analytics: false}\n",
        "<<: [{c: 1}, {anonymous_analytics: true, anonymous_analytics: false}]\n",
        "<<: {<<: {anonymous_analytics: true, anonymous_analytics: false}}\n",
        "onboarding:\n  <<: {join_method: github, join_method: token}\n"}) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(twice, "x.yaml"), twice);
      assertTrue(e.getMessage().contains(" is given twice in one mapping"), e.getMessage());
      Path file = Files.writeString(dir.resolve("m.yaml"), twice);
      assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(file), twice);
    }
    // A key a merge gives beside the mapping's own, or two merged mappings' alike, is no duplicate.
    assertEquals(Boolean.FALSE, TbotConfigReader.parse(
        "anonymous_analytics: false\n<<: [{anonymous_analytics: true}, {anonymous_analytics: true}]\n", "x.yaml")
        .anonymousAnalytics());
  }

  @Test
  void aMergedMappingsOwnKeysComeBeforeTheOnesItMergesInTurn(@TempDir Path dir) throws Exception {
    // Go's YAML reads a mapping merged in as it reads any: its own keys over those it merges in
    // turn. snakeyaml merged the inner merge's keys first, so here b's own "false" lost to a's
    // "true": a yes where tbot reads a no (TbotConfigReaderGoAnswersTest, yaml-43).
    String nested = "a: &a {anonymous_analytics: true}\nb: &b {<<: *a, anonymous_analytics: false}\n<<: *b\n";
    assertEquals(Boolean.FALSE, TbotConfigReader.parse(nested, "x.yaml").anonymousAnalytics());
    assertEquals(Boolean.FALSE, TbotConfigReader.readConsent(Files.writeString(dir.resolve("n.yaml"), nested)));
    assertEquals(Boolean.TRUE, TbotConfigReader.parse(
        "<<: {<<: {anonymous_analytics: false}, anonymous_analytics: true}\n", "x.yaml").anonymousAnalytics());
    // Deeper, and in a list: the first mapping listed, with what it merges, before the next.
    assertEquals(Boolean.FALSE, TbotConfigReader.parse("<<: [{<<: {<<: {anonymous_analytics: true}, x: 1},"
        + " anonymous_analytics: false}, {anonymous_analytics: true}]\n", "x.yaml").anonymousAnalytics());
    String outputs = "version: v2\nd: &d {type: database}\nk: &k {<<: *d, type: kubernetes}\n"
        + "outputs:\n  - <<: *k\n  - <<: [*d, *k]\n  - {<<: *k, type: application}\n";
    assertEquals(new DestinationCounts(3, 1, 1, 1), TbotConfigReader.parse(outputs, "x.yaml").destinations());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"[anonymous_analytics]: false\nanonymous_analytics: true\n",
      "? {a: 1}\n: x\nanonymous_analytics: true\n", "a: &k [x]\n*k : 1\nanonymous_analytics: true\n",
      "<<: {[x]: 1}\nanonymous_analytics: true\n", "anonymous_analytics: true\nonboarding: {[x]: 1, join_method: iam}\n",
      "anonymous_analytics: true\nversion: v2\noutputs: [{type: identity, [x]: 1}]\n",
      "anonymous_analytics: true\ndestinations: [{app: x, {a: 1}: 2}]\n",
      "anonymous_analytics: true\ndestinations: [{database: {[a]: 1}}]\n"})
  void aListOrMappingAsAKeyWhereGoDecodesAStructIsRefused(String text, @TempDir Path dir) throws Exception {
    // Go's YAML cannot read such a key as a field's name ("cannot unmarshal !!seq into string"), so
    // tbot refuses the file; snakeyaml read the rest, here a yes.
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    assertTrue(e.getMessage().matches(".* has a list or mapping as a key at line \\d+, which Go's YAML refuses; .*"),
        e.getMessage());
    if (!text.startsWith("anonymous_analytics: true")) { // a key of the top level's: consent alone refuses it too
      Path file = Files.writeString(dir.resolve("k.yaml"), text);
      assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(file));
    }
  }

  @Test
  void aListOrMappingAsAKeyWhereGoDecodesAStructNamesItsLine() throws Exception {
    // The key's own line, as Go's decoder names it ("line N: cannot unmarshal !!seq into string");
    // an alias's is where its value is anchored, as to Go (it decodes the anchored node).
    String form = "x.yaml: %s has a list or mapping as a key at line %d, which Go's YAML refuses; fix it in %s.";
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("# c\n\nx: 1\n[anonymous_analytics]: false\n", String.format(form, "the top level", 4, "the config file"));
    refusals.put("x: 1\r\n? {a: 1}\r\n: x\r\n", String.format(form, "the top level", 2, "the config file"));
    refusals.put("a: &k\n  - x\nb: 1\n*k : 1\n", String.format(form, "the top level", 1, "the config file"));
    refusals.put("x: 1\n<<:\n  y: 2\n  [x]: 1\n", String.format(form, "the top level", 4, "the config file"));
    refusals.put("onboarding:\n  join_method: iam\n  ? - x\n  : 1\n", String.format(form, "field 'onboarding'", 3,
        "the config file"));
    refusals.put("version: v2\noutputs:\n- type: identity\n- type: database\n  {x: 1}: 1\n",
        String.format(form, "field 'outputs[1]'", 5, "the config file"));
    refusals.put("destinations:\n- database:\n    service: s\n    [a]: 1\n",
        String.format(form, "field 'destinations[0].database'", 4, "the config file"));
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(refusal.getKey(), "x.yaml"));
      if (!refusal.getValue().equals(e.getMessage())) {
        wrong.add(refusal.getKey().replace("\n", "\\n").replace("\r", "\\r") + " -> " + e.getMessage());
      }
    }
    String base64 = java.util.Base64.getEncoder().encodeToString("x: 1\n[a]: 1\n".getBytes(StandardCharsets.UTF_8));
    ConfigException e = assertThrows(ConfigException.class,
        () -> TbotConfigReader.readBase64(base64, TbotConfigSource.ENV_CONFIG));
    assertEquals("TBOT_CONFIG: the top level has a list or mapping as a key at line 2, which Go's YAML refuses; fix it"
        + " in TBOT_CONFIG.", e.getMessage());
    assertEquals(List.of(), wrong);
  }

  @Test
  void aListOrMappingAsAKeyWhereGoDecodesNoStructIsRead() throws Exception {
    // Values tbot-otel does not read, which Go's YAML skips or decodes into a map, are not checked.
    TbotConfig c = TbotConfigReader.parse("storage: {[x]: 1}\nanonymous_analytics: true\nversion: v2\n"
        + "outputs: [{type: identity, destination: {[x]: 1}}]\n", "x.yaml");
    assertEquals(Boolean.TRUE, c.anonymousAnalytics());
    assertEquals(new DestinationCounts(1, 0, 0, 0), c.destinations());
  }

  @Test
  void aKeyTaggedMergeIsAMergeOnlyWhereItIsTheMergeKey() throws Exception {
    // Go's YAML merges under << alone, tagged or not; a key "x" tagged !!merge is the text x (so
    // this says nothing of consent), where snakeyaml merged its value: a yes tbot never reads.
    assertNull(TbotConfigReader.parse("!!merge x: {anonymous_analytics: true}\n", "x.yaml").anonymousAnalytics());
    assertNull(TbotConfigReader.parse("!<tag:yaml.org,2002:merge> x: {anonymous_analytics: true}\n"
        + "<<: {oneshot: true}\n", "x.yaml").anonymousAnalytics());
    // A value so tagged is its text, as to Go.
    assertEquals(new DestinationCounts(1, 1, 0, 0), TbotConfigReader.parse(
        "version: !!merge v2\noutputs: [{type: database}]\n", "x.yaml").destinations());
    assertEquals(Boolean.FALSE, TbotConfigReader.parse("!!merge <<: {anonymous_analytics: false}\n", "x.yaml")
        .anonymousAnalytics());
    assertEquals(Boolean.FALSE, TbotConfigReader.parse("! <<: {anonymous_analytics: false}\n", "x.yaml")
        .anonymousAnalytics());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"!!merge {a: 1}: {anonymous_analytics: true}\n", "!!merge [a]: {anonymous_analytics: true}\n",
      "? !!merge {a: 1}\n: {anonymous_analytics: true}\n", "{!!merge {a: 1}: {anonymous_analytics: true}}\n",
      "!<tag:yaml.org,2002:merge> {a: 1}: {anonymous_analytics: true}\n",
      "x: &m {anonymous_analytics: true}\n? !!merge [a]\n: [*m]\n"})
  void aListOrMappingKeyTaggedMergeIsNoMerge(String text) throws Exception {
    // Go's YAML merges under a scalar << alone: a list or mapping tagged !!merge is a key as any
    // other, one that cannot name a field ("cannot unmarshal !!merge into string"), so tbot refuses
    // the file. snakeyaml merged its value: a yes from a file tbot refuses (found by the yaml.v3
    // differential).
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    String base64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    assertThrows(ConfigException.class, () -> TbotConfigReader.readConsentBase64(base64, TbotConfigSource.ENV_CONFIG));
    // In an output too (its type is not database's, here; consent, at the top, is absent to Go).
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse("version: v2\noutputs:\n- type: identity\n"
        + "  !!merge {a: 1}: {type: database}\n  destination: {type: memory}\n", "x.yaml"));
    // A mapping so tagged as the value of << is merged, as by Go.
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("<<: !!merge {anonymous_analytics: true}\n", "x.yaml")
        .anonymousAnalytics());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"anonymous_analytics: yes\nversion: v2\n%YAML 1.1\nanonymous_analytics: FALSE\n",
      "anonymous_analytics: true\n%x\n", "anonymous_analytics: true\nx: |\n  a\n%x\n",
      "%YAML 1.2\n---\nanonymous_analytics: true\n", "%YAML 1.3\n---\nanonymous_analytics: true\n",
      "%FOO bar\n---\nanonymous_analytics: true\n", "%YAML 2.0\n---\nanonymous_analytics: true\n",
      "%YAML 1.1\n", "# c\n%TAG !e! tag:example.com,2000:\n# d\n", "%YAML 1.1\nanonymous_analytics: true\n"})
  void aDirectiveGosYamlRefusesIsRefused(String text) throws Exception {
    // A line that starts with % is a directive to both parsers. After the first document's own
    // lines, without --- after it, Go's YAML refuses the file where snakeyaml ended the document
    // there (so the first text read yes and never saw the no after it); Go's also refuses a
    // directive it does not know, a YAML version other than 1.1, and directives with no document
    // after them, which snakeyaml read through.
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
  }

  @Test
  void directivesGosYamlTakesAreRead() throws Exception {
    for (String text : new String[] {"%YAML 1.1\n---\nanonymous_analytics: true\n",
        "%YAML  1.1 # c\n%TAG !e! tag:example.com,2000:\n---\nanonymous_analytics: true\n",
        "anonymous_analytics: true\n%YAML 1.1\n---\nx: 1\n", "anonymous_analytics: true\n...\n%YAML 1.1\n---\n",
        "anonymous_analytics: true\n---\n%YAML 1.1\n---\nx: 1\n", "anonymous_analytics: true\n...\n%YAML 1.1\n--- x\n",
        // comments, spaces and empty lines between the directives and ---
        "%YAML 1.1\n# c\n  # d\n \n\n---\nanonymous_analytics: true\n",
        // a line of a quoted value that starts with %, at the end of the text: text to Go's YAML
        "anonymous_analytics: true\nnote: \"x\n%YAML 1.1 y\""}) {
      assertEquals(Boolean.TRUE, TbotConfigReader.parse(text, "x.yaml").anonymousAnalytics(), text);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\\ud800", "\\uDFFF", "\\U0000DC00", "\\ud83d\\ude00"})
  void anEscapeOfASurrogateIsRefusedAsGosYamlRefusesIt(String escape) throws Exception {
    // Go's YAML takes no \\u or \\U escape of a surrogate, not even of a pair ("found invalid
    // Unicode character escape code"); snakeyaml read the file, here a yes tbot never runs with.
    String text = "a: \"" + escape + "\"\nanonymous_analytics: true\n";
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    // The same characters unescaped, and other escapes, are read.
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("a: \"\\u00e9\\U0001F600\uD83D\uDE00\"\nb: '\\ud800'\n"
        + "anonymous_analytics: true\n", "x.yaml").anonymousAnalytics());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1: a\n\"1\": b\n", "~: a\n\"~\": b\n", "true: a\n'true': b\n", "<<: {1: a, \"1\": b}\n",
      "'<<': {x: 1}\n<<: {y: 2}\n"})
  void twoKeysWrittenAlikeAreDuplicatesAsToGo(String keys) throws Exception {
    // Go's YAML compares keys as written, so 1 and "1" are one key given twice and the file is
    // refused; snakeyaml compared the values they build (a number, a text) and read on, a yes.
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(keys + "anonymous_analytics: true\n", "x.yaml"));
  }

  @Test
  void aMergeOfAnAliasToAListIsRefusedAsGosYamlRefusesIt() throws Exception {
    // Go's YAML merges an alias only to a mapping ("map merge requires map or sequence of maps"),
    // though it takes the same list written out, or a list of aliases; snakeyaml merged the list.
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(
        "b: &b [{anonymous_analytics: true}]\n<<: *b\n", "x.yaml"));
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("<<: &b [{anonymous_analytics: true}]\nc: *b\n", "x.yaml")
        .anonymousAnalytics());
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("a: &a {anonymous_analytics: true}\n<<: [*a]\n", "x.yaml")
        .anonymousAnalytics());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{anonymous_analytics: true}\n  ---\nx: 1\n", "{anonymous_analytics: true}\nfoo\n",
      "  anonymous_analytics: true\nversion: v2\n", "\"x\"\n  anonymous_analytics: true\n",
      "anonymous_analytics: true\n...\n'\n", "anonymous_analytics: true\n...\ngarbage: [\n",
      "{anonymous_analytics: true} # c\nx: 1\n"})
  void textAfterTheFirstDocumentWithoutADocumentMarkerIsRefused(String text) throws Exception {
    // Go's parser reads on past the first document for its end, and refuses some of what it finds
    // there (the first one: "mapping values are not allowed"; after ..., the unterminated quote),
    // though not all (the second, third, last);
    // snakeyaml stopped at the first document. No config has anything there but ---, ..., a
    // directive or a comment: refused, on the safe side.
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    assertTrue(e.getMessage().contains("text follows the first document without --- before it"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"anonymous_analytics: true\n---\n\"\nx: 1\n", "anonymous_analytics: true\n---\n\t\nx: no\n"})
  void aNextDocumentThatStartsWithWhatGosScannerRefusesIsRefused(String text) throws Exception {
    // To end the first document, Go's parser scans the first value after the next ---, and
    // refuses the file if it cannot (an unterminated quote, a tab); snakeyaml stopped at ---. (Go
    // reads a little further: whatGosScannerReadsAheadPastTheNextDocumentStartIsChecked.)
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"anonymous_analytics: true\n---\n---\n\"", "anonymous_analytics: true\n---\n...\n\"",
      "anonymous_analytics: true\n---\n# c\n---\n\"x", "anonymous_analytics: true\n---\nx\ny: 1\n",
      "anonymous_analytics: true\n---\n|\n x\n\t", "anonymous_analytics: true\n---\n\uFEFF\nx: 1\n"})
  void whatGosScannerReadsAheadPastTheNextDocumentStartIsChecked(String text) throws Exception {
    // Go's scanner keeps tokens ahead of its parser, so to end the first document it reads past
    // the next document's first value too: an empty document, then the next one's quote; what
    // follows a value that goes over lines; a tab after a literal. It refuses each of these, where
    // the next document's first value alone, parsed, was read (found by a yaml.v3 differential
    // probe).
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    String base64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    assertThrows(ConfigException.class, () -> TbotConfigReader.readConsentBase64(base64, TbotConfigSource.ENV_CONFIG));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"anonymous_analytics: true\n...\n \t\n", "anonymous_analytics: true\n...\n\t# c\n",
      "{anonymous_analytics: true}\n...\n# c\n  \t\n", "anonymous_analytics: true\n...\n\n \t---\n"})
  void aTabAmongALinesLeadingBlanksAfterTheFirstDocumentIsRefused(String text) throws Exception {
    // Past ..., Go's scanner reads on to the next token, and a tab among a line's leading blanks
    // cannot start one: it refuses the file; snakeyaml stopped at ... (found by the differential's
    // random tab texts).
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    assertTrue(e.getMessage().contains("a tab among a line's leading blanks after the first document"), e.getMessage());
  }

  @Test
  void aDocumentMarkerOrACommentAfterTheFirstDocumentIsRead() throws Exception {
    for (String text : new String[] {"anonymous_analytics: true\n---\nfoo\n", "anonymous_analytics: true\n...\n# c\n---\nfoo\n",
        "anonymous_analytics: true\n# c\n\n  # d\n", "{anonymous_analytics: true} # c\n\n", "{anonymous_analytics: true}\n--- x\n",
        "{anonymous_analytics: true}\n...\n", "--- {anonymous_analytics: true}\n", "anonymous_analytics: true\n---\nx: [\n",
        "anonymous_analytics: true\n--- |\n  text\n",
        // the text ending in a comment or a marker, with no line break after it
        "{anonymous_analytics: true} # c", "anonymous_analytics: true\n...", "{anonymous_analytics: true}\n---",
        // Go's scanner reads no further past the next --- than the entry or key it opens: an
        // unterminated quote after it is not reached
        "anonymous_analytics: true\n---\n- \"", "anonymous_analytics: true\n---\n? \""}) {
      assertEquals(Boolean.TRUE, TbotConfigReader.parse(text, "x.yaml").anonymousAnalytics(), text);
    }
  }

  @Test
  void anAnchorNameGosYamlRefusesIsRefused() throws Exception {
    // Go's YAML takes letters, digits, _ and - in an anchor's name ("did not find expected
    // alphabetic or numeric character"); snakeyaml takes more, and read the file.
    for (String name : new String[] {"'off'", "x.y", "`a", "\u00e9"}) {
      assertThrows(ConfigException.class, () -> TbotConfigReader.parse(
          "a: &" + name + " [x]\nanonymous_analytics: true\n", "x.yaml"), name);
    }
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("a: &x-_9 {b: 1}\nc: *x-_9\nanonymous_analytics: true\n", "x.yaml")
        .anonymousAnalytics());
  }

  @Test
  void anyNumberOfMergesIsRead() throws Exception {
    // Go's decoder has no alias limit in a small document; SnakeYAML's default (50) would refuse this.
    assertEquals(new DestinationCounts(200, 0, 200, 0), TbotConfigReader.parse(merged(200, "kubernetes"), "m.yaml").destinations());
  }

  /** Anchors {@code a0} to {@code a<levels>}, each a list of nine aliases to the one before (830 bytes for 14). */
  static String aliasBomb(int levels) {
    StringBuilder b = new StringBuilder("a0: &a0 [lol]\n");
    for (int i = 1; i <= levels; i++) {
      b.append("a").append(i).append(": &a").append(i).append(" [").append(String.join(", ",
          java.util.Collections.nCopies(9, "*a" + (i - 1)))).append("]\n");
    }
    return b.toString();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "anonymous_analytics: *a14", "oneshot: *a14", "x: {? *a14 : 1}", "x: {k: *a14}", "outputs: *a14"})
  void anAliasBombIsRefusedAtOnceWhereverItIsUsed(String use, @TempDir Path dir) throws Exception {
    // Shared, its 9^14 leaves cost nothing to build; but a walk of the values (hashing a key for
    // the duplicate check, comparing a value with a word) ran for ever: start and preview hung,
    // even with anonymous_analytics: false ahead of the bomb under a key nothing reads.
    String text = "anonymous_analytics: false\n" + aliasBomb(14) + use.replace("anonymous_analytics: ", "y: ") + "\n";
    String bombAsConsent = aliasBomb(14) + use + "\n";
    for (String t : new String[] {text, bombAsConsent}) {
      ConfigException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> assertThrows(ConfigException.class, () -> TbotConfigReader.parse(t, "x.yaml")));
      assertEquals("x.yaml: invalid YAML: its aliases expand to more than 1000000 values (excessive aliasing,"
          + " which Go's YAML refuses too); fix the syntax.", e.getMessage());
      Path file = Files.writeString(dir.resolve("bomb.yaml"), t);
      ConfigException consent = assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> assertThrows(ConfigException.class, () -> TbotConfigReader.readConsent(file)));
      assertEquals(e.getMessage().replace("x.yaml", file.toString()), consent.getMessage());
    }
    // The bound counts every value once per use: with a0..a5 defined (141,163 values), six uses
    // of a5 (125,479 each) make 894,046, read; seven make 1,019,525, refused.
    String uses = aliasBomb(5) + "x: [*a5, *a5, *a5, *a5, *a5, *a5]\n";
    assertNull(TbotConfigReader.parse(uses, "x.yaml").anonymousAnalytics());
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(uses.replace("[*a5,", "[*a5, *a5,"), "x.yaml"));
    // Exactly a million (894,046 + 7 × 13,942 + 5 × 1,549 + 3 × 172 + 5 × 19 + 4), read; one more, refused.
    String million = aliasBomb(5) + "x: [" + uses(6, "*a5") + uses(7, "*a4") + uses(5, "*a3") + uses(3, "*a2")
        + uses(5, "*a1") + "1, 2, 3, 4]\n";
    assertNull(TbotConfigReader.parse(million, "x.yaml").anonymousAnalytics());
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(million.replace(", 4]", ", 4, 5]"), "x.yaml"));
    // One level less, 9^13 leaves: over the bound still; 9^5 (59,049) is not.
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(aliasBomb(13) + "x: *a13\n", "x.yaml"));
    assertEquals(null, TbotConfigReader.parse(aliasBomb(5) + "x: {? *a5 : 1}\n", "x.yaml").anonymousAnalytics());
  }

  /** {@code n} times {@code alias}, each followed by a comma. */
  private static String uses(int n, String alias) {
    return (alias + ", ").repeat(n);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "anonymous_analytics: &a [*a]", "x: &a [1, [2, *a]]\nanonymous_analytics: false", "x: &a {k: *a}",
      "x: &a {<<: *a}"})
  void anAnchorThatContainsItselfIsRefusedNotAStackOverflow(String text) throws Exception {
    // Built, such a list hashed itself for ever: a StackOverflowError and its trace reached the host.
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text + "\n", "x.yaml"));
    assertEquals("x.yaml: invalid YAML: an anchored value contains an alias to itself, which Go's YAML refuses"
        + " where tbot reads it; fix the syntax.", e.getMessage());
  }

  @Test
  void aliasesThatNestTooDeepAreRefused() throws Exception {
    StringBuilder chain = new StringBuilder("a0: &a0 [x]\n");
    for (int i = 1; i <= 60; i++) {
      chain.append("a").append(i).append(": &a").append(i).append(" [[[*a").append(i - 1).append("]]]\n");
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> TbotConfigReader.parse(chain + "anonymous_analytics: false\n", "x.yaml"));
    assertEquals("x.yaml: invalid YAML: its aliases nest values more than 100 deep; fix the syntax.", e.getMessage());
    // 30 links of three levels: 91 deep, read. 32 links and one of one level: the mapping, b's
    // list, 32 links of three and a0's list and scalar, 100 deep, read; one level more, refused.
    String shorter = chain.substring(0, chain.indexOf("a31:"));
    assertEquals(Boolean.FALSE, TbotConfigReader.parse(shorter + "anonymous_analytics: false\n", "x.yaml").anonymousAnalytics());
    String hundred = chain.substring(0, chain.indexOf("a33:")) + "b: [*a32]\nanonymous_analytics: false\n";
    assertEquals(Boolean.FALSE, TbotConfigReader.parse(hundred, "x.yaml").anonymousAnalytics());
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(hundred.replace("[*a32]", "[[*a32]]"), "x.yaml"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"!!bool n", "!!bool maybe", "!!bool 0", "!!null false", "!!null true", "!!null 0",
      "!!bool yes", "!!bool on", "!!bool Y", "!!bool no", "!!bool Off", "!<tag:yaml.org,2002:bool> yes"})
  void aTaggedBooleanOrNullThatIsNoneIsInvalidNotAbsent(String value) throws Exception {
    // snakeyaml read these as null, so "anonymous_analytics: !!bool n" was no vote at all, and a
    // yes from elsewhere went through; Go's YAML refuses them. It also refuses YAML 1.1's words
    // under the tag (its decoder takes them, untagged, for a bool field only), which snakeyaml read
    // as booleans: "!!bool yes" was a yes from a file tbot refuses.
    ConfigException e = assertThrows(ConfigException.class,
        () -> TbotConfigReader.parse("anonymous_analytics: " + value + "\n", "x.yaml"));
    assertTrue(e.getMessage().startsWith("x.yaml: invalid YAML at line 1: a value tagged !!"), e.getMessage());
    assertFalse(e.getMessage().contains(value.substring(value.indexOf(' ') + 1) + ";"), "no value echoed: " + e.getMessage());
  }

  @Test
  void taggedBooleansAndNullsThatAreSoStillRead() throws Exception {
    assertEquals(Boolean.FALSE, TbotConfigReader.parse("anonymous_analytics: !!bool false\n", "x.yaml").anonymousAnalytics());
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("anonymous_analytics: !!bool \"True\"\n", "x.yaml").anonymousAnalytics());
    assertEquals(Boolean.FALSE, TbotConfigReader.parse("%TAG ! tag:yaml.org,2002:\n---\nanonymous_analytics: !bool FALSE\n",
        "x.yaml").anonymousAnalytics());
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("anonymous_analytics: yes\noneshot: ! on\n", "x.yaml").anonymousAnalytics());
    assertNull(TbotConfigReader.parse("anonymous_analytics: !!null ~\n", "x.yaml").anonymousAnalytics());
    assertNull(TbotConfigReader.parse("anonymous_analytics: !!null\n", "x.yaml").anonymousAnalytics());
  }

  @Test
  void twoMergeKeysInOneMappingAreRefused() throws Exception {
    // snakeyaml took the first merge, here the yes; Go's YAML refuses the mapping, so tbot never runs.
    String two = "a: &a {anonymous_analytics: true}\nb: &b {anonymous_analytics: false}\nc:\n  <<: *a\n  <<: *b\n";
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(two, "x.yaml"));
    assertEquals("x.yaml: invalid YAML at line 5: a mapping has two merge keys (<<); merge a list instead, as in"
        + " <<: [*a, *b].", e.getMessage());
    String list = "version: v2\na: &a {type: identity}\nb: &b {type: database}\noutputs:\n  - <<: [*b, *a]\n";
    assertEquals(new DestinationCounts(1, 1, 0, 0), TbotConfigReader.parse(list, "x.yaml").destinations());
  }

  @Test
  void tabsInAFlowCollectionAreReadAsGosYamlReadsThem() throws Exception {
    // Go's YAML takes a tab inside [ ] and { } for a space; snakeyaml before 2.6 refused the file
    // ("found character '\t(TAB)' that cannot start any token"): a config tbot runs was invalid YAML.
    String config = "version: v2\nanonymous_analytics: true\n"
        + "outputs: [{type: database},\t{type:\tidentity},\n\t{ type: application }]\n";
    TbotConfig c = TbotConfigReader.parse(config, "x.yaml");
    assertEquals(Boolean.TRUE, c.anonymousAnalytics());
    assertEquals(new DestinationCounts(3, 1, 0, 1), c.destinations());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"x: {a: 1\n\t}\nanonymous_analytics: true\n", "x: {\n\ta: 1\n\t}\nanonymous_analytics: true\n",
      "x: {a: b\n\tc}\nanonymous_analytics: true\n", "x: {a: 1\n\n\t}\nanonymous_analytics: true\n",
      "x:\n  y: {a: 1\n  \t}\nanonymous_analytics: true\n", "x: [1\n\t]\nanonymous_analytics: true\n"})
  void aTabLeftOfTheIndentationAfterAPlainValuesLineBreakInAFlowCollectionIsRefused(String text) throws Exception {
    // Go's scanner reads the blanks and line breaks after a plain value in [ ] or { } as the
    // value's, and refuses a tab among a line's leading blanks left of one past the enclosing block's
    // indentation ("found a tab character that violates indentation"); snakeyaml reads the file.
    // Found by the differential's tab texts: tbot refuses the file, tbot-otel read a yes from it.
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    String base64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    assertThrows(ConfigException.class, () -> TbotConfigReader.readConsentBase64(base64, TbotConfigSource.ENV_CONFIG));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"a: |\n  \tno\nanonymous_analytics: true\n", "a: |\n\t\n  x\nanonymous_analytics: true\n",
      "a: >\n \t x\nanonymous_analytics: true\n", "a: |\n  x\n\n \t\n  y\nanonymous_analytics: true\n",
      "a:\n  b: |1\n  \tx\nanonymous_analytics: true\n"})
  void aTabAmongALiteralsIndentationIsRefusedAsGosYamlRefusesIt(String text) throws Exception {
    // Go's scanner refuses a tab among a literal's or folded value's indentation: left of it, or,
    // before its first line gives it, after any leading spaces ("found a tab character where an
    // indentation space is expected"); snakeyaml read the tab into the value (found by the
    // differential's random tab texts: tbot refuses the file, tbot-otel read the rest of it).
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    for (String read : new String[] {"a: |\n  x\n  \ty\nanonymous_analytics: true\n", "a: |2\n  \tx\nanonymous_analytics: true\n",
        "a: |\n  x\t\nanonymous_analytics: true\n", "a:\n  b: |1\n   \tx\nanonymous_analytics: true\n",
        "a: |\n  x\n  \t\n  y\nanonymous_analytics: true\n"}) {
      assertEquals(Boolean.TRUE, TbotConfigReader.parse(read, "x.yaml").anonymousAnalytics(), read);
    }
  }

  @Test
  void eachTabGosYamlRefusesNamesItsLineAndTheFix() throws Exception {
    // The two refusals each say which tab, on which line, and what to write instead: the line as
    // the other YAML errors count it (CR LF one break; a tab read as a space before it, or a
    // character beyond the basic plane, does not move it).
    String literal = "x.yaml: invalid YAML at line %d: a tab among a literal's or folded value's indentation (the"
        + " lines after | or >), which Go's YAML refuses; replace the tab with spaces.";
    String flow = "x.yaml: invalid YAML at line %d: a tab among a line's leading blanks in [ ] or { }, not right of"
        + " the indentation of the block around it, which Go's YAML refuses; replace the tab with spaces.";
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("a: |\n  \tno\nanonymous_analytics: true\n", String.format(literal, 2));
    refusals.put("a: |\n\n \n  \tx\nanonymous_analytics: true\n", String.format(literal, 4));
    refusals.put("a: |\r\n  \tx\r\nanonymous_analytics: true\r\n", String.format(literal, 2));
    refusals.put("\uD83D\uDE00:\t'x'\nb: >-\n\n  \tx\n", String.format(literal, 4));
    refusals.put("x: {a: 1\n\t}\nanonymous_analytics: true\n", String.format(flow, 2));
    refusals.put("x: {a: 1\n\n\t}\nanonymous_analytics: true\n", String.format(flow, 3));
    refusals.put("k:\t'v'\nx:\n  y: {a: 1\r\n  \t}\n", String.format(flow, 4));
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(refusal.getKey(), "x.yaml"));
      assertEquals(refusal.getValue(), e.getMessage(), refusal.getKey());
    }
  }

  @Test
  void eachTabGosYamlRefusesPastTheFirstDocumentNamesItsLineAndTheFix() throws Exception {
    // As eachTabGosYamlRefusesNamesItsLineAndTheFix: the tab's line, counted in the whole text as
    // the other YAML errors count it (CR LF one break, CR alone one; a character beyond the basic
    // plane does not move it), nothing of the text, and what to write instead.
    String nextDocument = "x.yaml: invalid YAML at line %d: a tab among a line's leading blanks in a literal or folded"
        + " value (the lines after | or >) after the next ---, which Go's YAML refuses; replace the tab with spaces.";
    String afterFirst = "x.yaml: invalid YAML at line %d: a tab among a line's leading blanks after the first document,"
        + " which Go's YAML refuses; replace the tab with spaces.";
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("anonymous_analytics: true\n--- >-\n \tx\n", String.format(nextDocument, 3));
    refusals.put("anonymous_analytics: true\n---\t>-\n \t\tx\n", String.format(nextDocument, 3));
    refusals.put("anonymous_analytics: true\r\n\r\n---\r\n|\r\n  \tx\r\n", String.format(nextDocument, 5));
    refusals.put("anonymous_analytics: true\r---\r|\r \tx\r", String.format(nextDocument, 4));
    refusals.put("\uD83D\uDE00: 1\nanonymous_analytics: true\n---\n>\n\n \tx\n", String.format(nextDocument, 6));
    refusals.put("anonymous_analytics: true\n...\n \t\n", String.format(afterFirst, 3));
    refusals.put("{anonymous_analytics: true}\n...\n# c\n  \t\n", String.format(afterFirst, 4));
    refusals.put("anonymous_analytics: true\r\n...\r\n\r\n \t---\r\n", String.format(afterFirst, 4));
    refusals.put("\uD83D\uDE00: 1\nanonymous_analytics: true\n...\n\t# c\n", String.format(afterFirst, 4));
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(refusal.getKey(), "x.yaml"));
      if (!refusal.getValue().equals(e.getMessage())) {
        wrong.add(refusal.getKey().replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + " -> " + e.getMessage());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void eachOtherRefusalOfAPlaceInTheTextNamesItsLine() throws Exception {
    // The refusals that are no snakeyaml error, of one place in the text, name its line as
    // snakeyaml's errors do (and, where one is plain, the fix): an escape's or anchor's own line,
    // the second of two keys, the alias merged. Nothing of the text is in them, and no "fix the
    // syntax" after their own fix.
    String form = "x.yaml: invalid YAML at line %d: %s.";
    String anchorName = "an anchor's name holds a character Go's YAML refuses (it takes A-Z, a-z, 0-9, _, -); write"
        + " it with those only";
    Map<String, String> refusals = new LinkedHashMap<>();
    refusals.put("x: 1\nanonymous_analytics: !!bool yes\n",
        String.format(form, 2, "a value tagged !!bool is not true or false; write true or false"));
    refusals.put("anonymous_analytics: true\nt: !!binary 'a!'\n",
        String.format(form, 2, "a value tagged !!binary is not base64 text; write it in base64"));
    refusals.put("anonymous_analytics: true\r\n\r\nn: !!null 0\r\n",
        String.format(form, 3, "a value tagged !!null is not null; write null or ~"));
    refusals.put("anonymous_analytics: true\nx:\n  1: a\n  \"1\": b\n", String.format(form, 4,
        "a mapping has two keys written alike (as 1 and \"1\"), which Go's YAML refuses; keep one of them"));
    refusals.put("anonymous_analytics: true\n? b\n|\n x\n", String.format(form, 3,
        "a value with no : before it after a ? key, which Go's YAML refuses; write : before the value"));
    refusals.put("anonymous_analytics: true\n...\n\n# c\nfoo\n", String.format(form, 5, "text follows the first"
        + " document without --- before it, which Go's YAML may refuse; write --- on a line before it, or remove it"));
    refusals.put("# c\n%FOO bar\n---\nanonymous_analytics: true\n", String.format(form, 2,
        "a directive Go's YAML refuses (it takes %YAML 1.1 and %TAG only); remove it"));
    refusals.put("%YAML 1.1\n%TAG ! tag:x,2000:\n\nanonymous_analytics: true\n", String.format(form, 4,
        "directives with no --- after them, which Go's YAML refuses; write --- on a line before this one"));
    // With nothing after them, the last directive's line: the --- goes after it.
    String nothingAfter = "directives with no --- after them, which Go's YAML refuses; write --- on a line after this one";
    refusals.put("%YAML 1.1\n", String.format(form, 1, nothingAfter));
    refusals.put("%YAML 1.1", String.format(form, 1, nothingAfter));
    refusals.put("# c\r\n%YAML 1.1\r\n%TAG ! tag:x,2000:\r\n\r\n# c\r\n\r\n", String.format(form, 3, nothingAfter));
    refusals.put("\uFEFF%YAML 1.1\n\n", String.format(form, 1, nothingAfter));
    refusals.put("l: &l [1]\nm:\n  <<: *l\nanonymous_analytics: true\n", String.format(form, 3,
        "a merge (<<) of an alias to a list, which Go's YAML refuses; merge a list of aliases"));
    refusals.put("anonymous_analytics: true\nb: \"x\n  \\uD800\"\n", String.format(form, 3, "an escape names half of a"
        + " character (\\uD800 to \\uDFFF), which Go's YAML refuses; write the character itself, or \\U and its eight"
        + " hex digits"));
    refusals.put("\uD83D\uDE00: 1\nanonymous_analytics: true\nx: &a\u00e9 1\n", String.format(form, 3, anchorName));
    refusals.put("anonymous_analytics: true\r\n---\r\n\r\n&x? a\r\n", String.format(form, 4, anchorName));
    refusals.put("a: &a {anonymous_analytics: true}\nb: &b {anonymous_analytics: false}\nc:\n  <<: *a\n  <<: *b\n",
        String.format(form, 5, "a mapping has two merge keys (<<); merge a list instead, as in <<: [*a, *b]"));
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> refusal : refusals.entrySet()) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(refusal.getKey(), "x.yaml"));
      if (!refusal.getValue().equals(e.getMessage())) {
        wrong.add(refusal.getKey().replace("\n", "\\n").replace("\r", "\\r") + " -> " + e.getMessage());
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void tabsGosYamlTakesAfterAPlainValueInAFlowCollectionAreRead() throws Exception {
    // Right of the block's indentation, after a quoted value or a comma, or in a collection at the
    // document's top (no block around it), Go reads the tab as a space.
    for (String text : new String[] {"x: {a: 1\n \t}\nanonymous_analytics: true\n", "x: {a: \"1\"\n\t}\nanonymous_analytics: true\n",
        "x: [1,\n\t2]\nanonymous_analytics: true\n", "{a: 1\n\t, anonymous_analytics: true}\n",
        "x:\n  y: {a: 1\n   \t}\nanonymous_analytics: true\n"}) {
      assertEquals(Boolean.TRUE, TbotConfigReader.parse(text, "x.yaml").anonymousAnalytics(), text);
    }
  }

  @Test
  void aTabGosYamlSkipsBetweenValuesIsReadAsASpace() throws Exception {
    // Go's scanner skips a tab before a token where no key may start (after a value, the : of a
    // key on its line, an anchor, a tag, ---, ...) and anywhere in [ ] or { }; snakeyaml refused
    // the file ("found character '\t(TAB)' that cannot start any token"): a config tbot reads
    // was invalid YAML, and read no consent.
    for (String text : new String[] {"anonymous_analytics:\tfalse\n", "anonymous_analytics: 'no'\t# c\n",
        "'anonymous_analytics'\t:\tfalse\n", "x: 1\n'anonymous_analytics'\t: false\n", "a: &b false\nanonymous_analytics: *b\t# c\n",
        "a: 'x'\t\nb: y\t\nanonymous_analytics: false\n", "{a: 1,\t \tanonymous_analytics: false}\n",
        "anonymous_analytics: &a\t!!bool\tfalse\n", "--- \t{anonymous_analytics: false}\n",
        "a: |\t\n  x\nk: >-\t# c\n  y\nanonymous_analytics_endpoint: !!str\tx\n\nanonymous_analytics: false\n"}) {
      assertEquals(Boolean.FALSE, TbotConfigReader.parse(text, "x.yaml").anonymousAnalytics(), text);
      String base64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
      assertEquals(Boolean.FALSE, TbotConfigReader.readConsentBase64(base64, TbotConfigSource.ENV_CONFIG), text);
    }
    for (String text : new String[] {"anonymous_analytics: true\n...\t\n", "anonymous_analytics: true\n... \t# c\n",
        "{anonymous_analytics: true}\t\n", "{anonymous_analytics: true} \t# c\n", "anonymous_analytics: true\n---\tx\n"}) {
      assertEquals(Boolean.TRUE, TbotConfigReader.parse(text, "x.yaml").anonymousAnalytics(), text);
    }
    String config = "version: v2\t\nanonymous_analytics: \t \tfalse \t# c\t\noneshot:\t \ttrue\nonboarding:\n  join_method:\tgithub\n"
        + "services:\n  - type:\tdatabase\n    destination:\t{type:\tmemory}\n";
    TbotConfig c = TbotConfigReader.parse(config, "x.yaml");
    assertEquals(Boolean.FALSE, c.anonymousAnalytics());
    assertTrue(c.oneshot());
    assertEquals("github", c.joinMethod());
    assertEquals(new DestinationCounts(1, 1, 0, 0), c.destinations());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\tanonymous_analytics: true\n", " \tanonymous_analytics: true\n", "x:\n  -\t1\nanonymous_analytics: true\n",
      "?\tanonymous_analytics\n: true\n", "? anonymous_analytics\n:\ttrue\n", "k:\n- :\tx\nanonymous_analytics: true\n",
      "anonymous_analytics: true\n? {a: 1}\n:\tx\n", "anonymous_analytics: true\n\t# c\n", "a: x\n \ty\nanonymous_analytics: true\n"})
  void aTabGosYamlDoesNotSkipStaysRefused(String text) throws Exception {
    // At a line's start, after -, ? or the : of a key that went before it (? key), a key may
    // start, and Go's scanner takes no tab there: it refuses the file (the last it reads, the tab
    // among the blanks of a value going over lines; refused here on the safe side).
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
  }

  @Test
  void tabsBetweenValuesAreReadInBoundedTime() throws Exception {
    // Each place with a tab snakeyaml stops at is read again from the text's start: as many as a
    // config of tbot's size has, and in a text at the size limit one, then a refusal.
    StringBuilder config = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      config.append("k").append(i).append(":\t'v'\t\n");
    }
    config.append("anonymous_analytics:\tfalse\n");
    String comments = ("#" + "x".repeat(98) + "\n").repeat((ConfigText.MAX_FILE_BYTES - 4096) / 100);
    String few = comments + "anonymous_analytics: false\nk:\n" + "- 'v'\t\n";
    String many = comments + "anonymous_analytics: false\nk:\n" + "- 'v'\t\n".repeat(2);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      long start = System.nanoTime();
      assertEquals(Boolean.FALSE, TbotConfigReader.parse(config.toString(), "x.yaml").anonymousAnalytics());
      long read = System.nanoTime();
      assertEquals(Boolean.FALSE, TbotConfigReader.parse(few, "x.yaml").anonymousAnalytics());
      long readFew = System.nanoTime();
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(many, "x.yaml"));
      assertEquals("x.yaml: invalid YAML: tabs between values in more places than are read again as spaces (each"
          + " from the text's start); write spaces there.", e.getMessage());
      System.out.println("401 tabs in " + config.length() + " characters: " + (read - start) / 1_000_000 + " ms; 1 in "
          + few.length() + ": " + (readFew - read) / 1_000_000 + " ms; 2: " + (System.nanoTime() - readFew) / 1_000_000
          + " ms (refused)");
    });
  }

  @Test
  void tabsBetweenValuesAfterALongValueAreReadInAFewReadsTime() throws Exception {
    // snakeyaml reads a value of 1 MiB slowly (its reader copies the value's characters again every
    // 1 024), and each place with a tab is a scan up to it and a read of the whole text again: 16
    // such places took 10 to 16 times as long as a read (5 to 7 s, for a read of 0.4 s). Bounded by
    // what the reads cost, they stay within a few reads' time, then a refusal (a no). Timed in the
    // parsing thread's CPU, not the wall clock, which a loaded machine stretches unevenly; both
    // paths run once before they are timed and each is timed at its fastest of two, as a path the
    // JIT had compiled once measured against one it had not failed under load (1.1 s for a read
    // of 0.13 s). The wall clock only bounds a hang.
    String value = "x: " + "a".repeat(ConfigText.MAX_FILE_BYTES - 400) + "\n";
    StringBuilder tabs = new StringBuilder(value);
    for (int i = 0; i < 16; i++) {
      tabs.append("k").append(i).append(":\t'v'\n");
    }
    String text = tabs.append("anonymous_analytics: false\n").toString();
    String spaces = text.replace('\t', ' ');
    assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
      readCpuNanos(spaces); // warm
      readCpuNanos(text);
      long oneRead = Math.min(readCpuNanos(spaces), readCpuNanos(spaces));
      long withTabs = Math.min(readCpuNanos(text), readCpuNanos(text));
      System.out.println("16 tabs after a value of 1 MiB: " + withTabs / 1_000_000 + " ms of CPU; one read of the text: "
          + oneRead / 1_000_000 + " ms");
      assertTrue(withTabs < 5 * oneRead + 500_000_000L, withTabs / 1_000_000 + " ms, a read " + oneRead / 1_000_000 + " ms");
    });
  }

  /** The threads' CPU clock, which must tick: where it cannot (-1), a bound on it would hold nothing. */
  private static java.lang.management.ThreadMXBean cpuClock() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    assertTrue(threads.isCurrentThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled(), "a thread CPU clock");
    return threads;
  }

  /** The current thread's CPU time to read {@code text}, whose answer is a no or a refusal. */
  private static long readCpuNanos(String text) throws Exception {
    java.lang.management.ThreadMXBean threads = cpuClock();
    long start = threads.getCurrentThreadCpuTime();
    try {
      assertEquals(Boolean.FALSE, TbotConfigReader.parse(text, "x.yaml").anonymousAnalytics());
    } catch (ConfigException refused) {
      // a no too
    }
    return threads.getCurrentThreadCpuTime() - start;
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"anonymous_analytics: true\n? b\n|\n", "anonymous_analytics: true\n? \"a\" |\n",
      "anonymous_analytics: true\n? b\n>-\n x\n", "anonymous_analytics: true\n? [a]\n|\n", "x: &x a\nanonymous_analytics: true\n? *x\n|\n",
      "anonymous_analytics: true\nk:\n  - ? \"{a: b}\" |"})
  void aValueWithoutItsColonAfterAQuestionMarksKeyIsRefused(String text) throws Exception {
    // snakeyaml's parser takes a scalar right after a ? key's value for the key's value, without
    // the : (a literal or folded one, on the key's line or at its indentation); Go's YAML refuses
    // the file ("did not find expected key"), so tbot never reads the yes before it. Found by a
    // review's random texts.
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    String base64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    assertThrows(ConfigException.class, () -> TbotConfigReader.readConsentBase64(base64, TbotConfigSource.ENV_CONFIG));
    assertEquals(Boolean.TRUE, TbotConfigReader.parse("anonymous_analytics: true\n? b\n: |\n x\n? c\n", "x.yaml")
        .anonymousAnalytics());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"anonymous_analytics: true\n---\n*x>-\n", "anonymous_analytics: true\n--- *x|\n",
      "anonymous_analytics: true\n--- &x> a\n", "anonymous_analytics: true\n---\n&x? a\n",
      "anonymous_analytics: true\n--- !!str\n*x|k: a\n", "anonymous_analytics: true\n---\n*x? !!str k: a\n",
      "anonymous_analytics: true\n---\t>-\n \t\tx\n", "anonymous_analytics: true\n--- >-\n \tx\n"})
  void anAnchorsNameGosYamlRefusesRightAfterTheNextDocumentsStartIsRefused(String text) throws Exception {
    // Go's scanner reads the tokens right after the next --- to end the first document, and
    // refuses an anchor's or alias's name with other characters than letters, digits, _ and -
    // ("did not find expected alphabetic or numeric character"); snakeyaml's takes more of them.
    // (a key's name written before it is no token of the text's); and a tab among the indentation
    // of a literal or folded value there (refused wherever among a line's leading blanks).
    // Found by a review's random texts against yaml.v3: the yes before it was read.
    assertThrows(ConfigException.class, () -> TbotConfigReader.parse(text, "x.yaml"));
    String base64 = java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    assertThrows(ConfigException.class, () -> TbotConfigReader.readConsentBase64(base64, TbotConfigSource.ENV_CONFIG));
    for (String read : new String[] {"anonymous_analytics: true\n--- &x a\n", "anonymous_analytics: true\n--- >-\n  x\t\n"}) {
      assertEquals(Boolean.TRUE, TbotConfigReader.parse(read, "x.yaml").anonymousAnalytics(), read);
    }
  }

  @Test
  void aFileNameWithControlCharactersStaysOneHarmlessLine(@TempDir Path dir) throws Exception {
    // The name is the user's, printed as the line's first word: a newline split the line in two,
    // an escape sequence reached the terminal.
    Path odd = Files.writeString(dir.resolve("a\nb\u001b[31mc\u202ed.yaml"), "oneshot: sometimes\n");
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.read(odd));
    assertTrue(e.getMessage().contains("a?b?[31mc?d.yaml: field 'oneshot' at line 1 must be true or false"), e.getMessage());
    assertTrue(e.getMessage().chars().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT),
        e.getMessage());
  }

  /** A v2 config of {@code n} outputs of {@code type}, each merging one shared block. */
  static String merged(int n, String type) {
    StringBuilder merges = new StringBuilder("version: v2\nx-common: &common {roles: [a]}\noutputs:\n");
    for (int i = 0; i < n; i++) {
      merges.append("  - {<<: *common, type: ").append(type).append("}\n");
    }
    return merges.toString();
  }

  @Test
  void aFileOfExactlyTheLargestSizeIsRead(@TempDir Path dir) throws Exception {
    String head = "version: v2\noneshot: true\n#";
    Path max = dir.resolve("max.yaml");
    Files.writeString(max, head + "x".repeat(ConfigText.MAX_FILE_BYTES - head.length() - 1) + "\n");
    assertEquals(ConfigText.MAX_FILE_BYTES, Files.size(max));
    assertTrue(TbotConfigReader.read(max).oneshot());
  }

  @Test
  void textLargerThanAFileMayBeIsRefusedByParseToo(@TempDir Path dir) throws Exception {
    // parse is public: a host handing it text it read itself gets the file's bound and message,
    // measured as the file is (UTF-8 bytes, every YAML document), not the parser's code points.
    String[] tooBig = {
      "oneshot: true\nx: " + "x".repeat(ConfigText.MAX_FILE_BYTES) + "\n",
      "oneshot: true\n---\n#" + "x".repeat(ConfigText.MAX_FILE_BYTES) + "\n",
      "oneshot: true\n#" + "\u00e9".repeat(ConfigText.MAX_FILE_BYTES / 2) + "\n",
    };
    for (String big : tooBig) {
      Path file = dir.resolve("big.yaml");
      Files.writeString(file, big);
      String fromFile = assertThrows(ConfigException.class, () -> TbotConfigReader.read(file)).getMessage();
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(big, file.toString()));
      assertEquals(file + ": larger than 1048576 bytes; pass tbot's YAML config file.", e.getMessage());
      assertEquals(fromFile, e.getMessage());
    }
    String max = "oneshot: true\n#" + "\u00e9".repeat((ConfigText.MAX_FILE_BYTES - 16) / 2) + "\n";
    assertEquals(ConfigText.MAX_FILE_BYTES, max.getBytes(StandardCharsets.UTF_8).length);
    assertTrue(TbotConfigReader.parse(max, "max.yaml").oneshot());
    // As many chars as the bound, one byte each: the most a file may be, so it parses too.
    String maxAscii = "oneshot: true\n#" + "x".repeat(ConfigText.MAX_FILE_BYTES - 16) + "\n";
    assertEquals(ConfigText.MAX_FILE_BYTES, maxAscii.length());
    assertTrue(TbotConfigReader.parse(maxAscii, "max.yaml").oneshot());
    Path file = dir.resolve("max.yaml");
    Files.writeString(file, maxAscii);
    assertTrue(TbotConfigReader.read(file).oneshot(), "the same text as a file");
  }

  @Test
  void valuesOfFixedWordFieldsAreShownOnlyWhenPlainWords() {
    String[][] cases = {
      {"version: v2.0", "field 'version' must be v1 or v2, got 'v2.0'"},
      {"version: true", "field 'version' must be v1 or v2, got 'true'"}, // Go reads the text "true"
      // A number or boolean as written, the text Go reads into tbot's string: not the 16 snakeyaml read.
      {"version: 0x10", "field 'version' must be v1 or v2, got '0x10'"},
      {"version: 012", "field 'version' must be v1 or v2, got '012'"},
      {"version: 1e3", "field 'version' must be v1 or v2, got '1e3'"},
      {"version: .inf", "field 'version' must be v1 or v2, got '.inf'"},
      {"oneshot: 0x10", "field 'oneshot' must be true or false, got '0x10'"},
      {"oneshot: 0b1010101010101010", "field 'oneshot' must be true or false, got a number"},
      {"version: 2001-12-14", "field 'version' must be v1 or v2, got a timestamp"},
      {"oneshot: 2", "field 'oneshot' must be true or false, got '2'"},
      {"oneshot: 2001-12-14", "field 'oneshot' must be true or false, got a timestamp"},
      // not plain ASCII letters, digits and dots: could be a password, never echoed
      {"oneshot: p@ss/w0rd", "field 'oneshot' must be true or false, got a string"},
      {"oneshot: p\u00e4sswort", "field 'oneshot' must be true or false, got a string"},
      {"version: v 2", "field 'version' must be v1 or v2, got a string"},
      // a word or a number up to 12 characters: longer ones are more likely pasted secrets
      {"version: abcdefghijkl", "field 'version' must be v1 or v2, got 'abcdefghijkl'"},
      {"version: abcdefghijklm", "field 'version' must be v1 or v2, got a string"},
      {"oneshot: 123456789012", "field 'oneshot' must be true or false, got '123456789012'"},
      {"oneshot: 1234567890123", "field 'oneshot' must be true or false, got a number"},
      {"oneshot: -12345678901", "field 'oneshot' must be true or false, got '-12345678901'"},
      {"oneshot: 12345678901234567890", "field 'oneshot' must be true or false, got a number"},
    };
    for (String[] c : cases) {
      ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigReader.parse(c[0], "x.yaml"));
      assertEquals("x.yaml: " + c[1].replaceFirst("' ", "' at line 1 ") + "; fix it in the config file.", e.getMessage());
    }
  }
}
