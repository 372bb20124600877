package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.DestinationCounts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config is found where tbot finds it: -c, TBOT_CONFIG_PATH or TBOT_CONFIG. */
class TbotConfigSourceTest {

  static final String DATABASE = "version: v2\nanonymous_analytics: true\noutputs:\n  - type: database\n";
  static final String APPLICATION = "version: v2\noutputs:\n  - type: application\n";

  @TempDir Path dir;

  static String base64(String yaml) {
    return Base64.getEncoder().encodeToString(yaml.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void flagThenPathVariableThenBase64Variable() throws Exception {
    Path db = Files.writeString(dir.resolve("db.yaml"), DATABASE);
    Path app = Files.writeString(dir.resolve("app.yaml"), APPLICATION);
    assertEquals(new DestinationCounts(1, 0, 0, 1),
        TbotConfigSource.resolve(app.toString(), Map.of("TBOT_CONFIG_PATH", db.toString())).read().destinations());
    assertEquals(new DestinationCounts(1, 1, 0, 0),
        TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG_PATH", db.toString())).read().destinations());
    TbotConfigSource fromBase64 = TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64(DATABASE)));
    assertEquals(new DestinationCounts(1, 1, 0, 0), fromBase64.read().destinations());
    assertEquals(Boolean.TRUE, fromBase64.readConsent());
    assertEquals(TbotConfig.EMPTY, TbotConfigSource.resolve("", Map.of("TBOT_CONFIG_PATH", db.toString())).read(),
        "an empty -c is given: no file, and the variable is not read");
    assertEquals(TbotConfig.EMPTY, TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", "")).read());
  }

  @Test
  void onWindowsTheVariablesAreFoundInAnyCaseAsTbotFindsThem() throws Exception {
    // tbot reads them with Go's os.Getenv, which has no case on Windows; the JDK's System.getenv()
    // map there has. Unseen, a "no" in that config would go unread.
    Path no = Files.writeString(dir.resolve("no.yaml"), "anonymous_analytics: false\n");
    assertEquals(Boolean.FALSE,
        TbotConfigSource.resolve(null, null, Map.of("tbot_config_path", no.toString()), true).readConsent());
    assertEquals(Boolean.TRUE,
        TbotConfigSource.resolve(null, null, Map.of("Tbot_Config", base64(DATABASE)), true).readConsent());
    assertNull(TbotConfigSource.resolve(null, null, Map.of("tbot_config_path", no.toString()), false).name(),
        "elsewhere a name in another case is another variable, which tbot does not read");
    // Two spellings with different values: which one tbot reads is unknown, so neither is taken.
    Map<String, String> both = new java.util.HashMap<>(Map.of(
        "TBOT_CONFIG_PATH", dir.resolve("yes.yaml").toString(), "tbot_config_path", no.toString()));
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigSource.resolve(null, null, both, true));
    assertEquals("TBOT_CONFIG_PATH is set more than once, in different cases, to different values, which Windows "
        + "takes for one variable; keep one.", e.getMessage());
    both.put("tbot_config_path", both.get("TBOT_CONFIG_PATH"));
    assertEquals(both.get("TBOT_CONFIG_PATH"), TbotConfigSource.resolve(null, null, both, true).name());
  }

  @Test
  void onWindowsAMapThatCannotBeListedIsReadByTheExactName() throws Exception {
    // Listing is what the any-case reading adds; a host's map that refuses it (its own view of the
    // environment) must not turn a read that worked before into an exception in the host, nor be
    // told it set a variable twice: whatever it throws, also the type a disagreement is told by.
    Path no = Files.writeString(dir.resolve("no.yaml"), "anonymous_analytics: false\n");
    for (RuntimeException refusal : List.of(
        new UnsupportedOperationException("not listable"), new IllegalArgumentException("not listable"))) {
      Map<String, String> unlistable = new java.util.AbstractMap<>() {
        @Override
        public String get(Object key) {
          return "TBOT_CONFIG_PATH".equals(key) ? no.toString() : null;
        }

        @Override
        public java.util.Set<Map.Entry<String, String>> entrySet() {
          throw refusal;
        }
      };
      assertEquals(Boolean.FALSE, TbotConfigSource.resolve(null, null, unlistable, true).readConsent(),
          refusal.toString());
    }
  }

  @Test
  void aPathThisJvmCannotOpenIsToldTheLocaleOnlyWhenItsNameIsOutsideAscii() {
    // A NUL (a host's string), or on Windows a name with <>:"|?*: no locale would help.
    ConfigException e = assertThrows(ConfigException.class, () -> TbotConfigSource.resolve("bad\u0000path", Map.of()));
    assertEquals("-c/--config is not a path this JVM can open; give tbot's YAML config file.", e.getMessage());
    // A name outside ASCII in the C/POSIX locale, which cannot be made in this JVM's own locale.
    assertEquals("TBOT_CONFIG_PATH is not a path this JVM can open; give tbot's YAML config file (a name outside "
        + "ASCII needs a UTF-8 locale, e.g. LANG=C.UTF-8).", TbotConfigSource.invalidPath("TBOT_CONFIG_PATH", "caf\u00e9"));
  }

  @Test
  void theNameIsWhatErrorLinesStartWith() throws Exception {
    Path db = Files.writeString(dir.resolve("db.yaml"), DATABASE);
    assertEquals(db.toString(), TbotConfigSource.resolve(db.toString(), Map.of()).name());
    assertEquals(db.toString(), TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG_PATH", db.toString())).name());
    assertEquals("TBOT_CONFIG", TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64(DATABASE))).name());
    assertEquals("--config-string", TbotConfigSource.resolve(null, base64(DATABASE), Map.of()).name());
    assertNull(TbotConfigSource.resolve(null, Map.of()).name());
    assertNull(TbotConfigSource.resolve("", Map.of("TBOT_CONFIG", "")).name());
  }

  @Test
  void aFileAndTheBase64VariableTogetherAreRefusedAsTbotRefusesThem() throws Exception {
    Path db = Files.writeString(dir.resolve("db.yaml"), DATABASE);
    ConfigException e = assertThrows(ConfigException.class,
        () -> TbotConfigSource.resolve(db.toString(), Map.of("TBOT_CONFIG", base64(APPLICATION))));
    assertTrue(e.getMessage().startsWith("TBOT_CONFIG and a config file are both given"), e.getMessage());
    ConfigException flag = assertThrows(ConfigException.class,
        () -> TbotConfigSource.resolve(db.toString(), base64(APPLICATION), Map.of()));
    assertTrue(flag.getMessage().startsWith("--config-string and a config file are both given"), flag.getMessage());
  }

  @Test
  void base64IsReadAsGoReadsItLineBreaksAndAll() throws Exception {
    // tbot decodes it with Go's base64.StdEncoding, which skips \r and \n: the 76-column lines of
    // `base64 tbot.yaml` (TBOT_CONFIG="$(base64 tbot.yaml)") are tbot's config as one line is.
    String oneLine = base64(DATABASE);
    String wrapped = oneLine.substring(0, 76) + "\n" + oneLine.substring(76);
    for (String text : new String[] {wrapped, wrapped.replace("\n", "\r\n"), oneLine + "\n"}) {
      TbotConfigSource source = TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", text));
      assertEquals(new DestinationCounts(1, 1, 0, 0), source.read().destinations());
      assertEquals(Boolean.TRUE, source.readConsent());
    }
  }

  @Test
  void badBase64IsOneLineNamingTheVariable() throws Exception {
    // Go's StdEncoding wants the padding, and nothing after it.
    for (String bad : new String[] {"not base64!", "e30", "YQ==\nYg==", "YQ== "}) {
      TbotConfigSource source = TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", bad));
      ConfigException e = assertThrows(ConfigException.class, source::read);
      assertEquals("TBOT_CONFIG is not base64 text; give tbot's YAML config, base64-encoded.", e.getMessage());
      ConfigException consent = assertThrows(ConfigException.class, source::readConsent, "may say no");
      assertEquals(e.getMessage(), consent.getMessage());
    }
    ConfigException e = assertThrows(ConfigException.class,
        () -> TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64("version: v3\n"))).read());
    assertTrue(e.getMessage().startsWith("TBOT_CONFIG: field 'version' at line 1 must be v1 or v2"), e.getMessage());
  }

  @Test
  void consentFromBase64IsTheKeyItSays() throws Exception {
    assertEquals(Boolean.FALSE,
        TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64("anonymous_analytics: false\n"))).readConsent());
    assertEquals(Boolean.FALSE, TbotConfigSource.resolve(null, base64("version: v9\nanonymous_analytics: false\n"),
        Map.of()).readConsent(), "the key alone, though the rest is unusable");
    assertNull(TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64(APPLICATION))).readConsent());
    assertNull(TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64("- a list\n"))).readConsent());
    assertThrows(ConfigException.class,
        () -> TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64("anonymous_analytics: false\na: [\n"))).readConsent(),
        "YAML it cannot parse may say no");
    assertNull(TbotConfigSource.resolve(null, Map.of()).readConsent(), "no config at all");
  }

  @Test
  void consentFromAFileIsTheKeyItSays() throws Exception {
    Path no = Files.writeString(dir.resolve("no.yaml"), "version: v2\nanonymous_analytics: false\n");
    assertEquals(Boolean.FALSE, TbotConfigSource.resolve(no.toString(), Map.of()).readConsent());
    assertEquals(Boolean.FALSE, TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG_PATH", no.toString())).readConsent());
    Path db = Files.writeString(dir.resolve("db.yaml"), DATABASE);
    assertEquals(Boolean.TRUE, TbotConfigSource.resolve(db.toString(), Map.of()).readConsent());
  }

  @Test
  void errorsInBase64ConfigSayToFixThemInTheVariableOrFlag() throws Exception {
    // There is no config file to fix: the message names where the text came from.
    String[][] cases = {
      {"version: v3\n", "field 'version' at line 1 must be v1 or v2, got 'v3'; fix it in "},
      {"oneshot: \"true\"\n", "field 'oneshot' at line 1 must be true or false, unquoted, got the quoted or tagged text \"true\"; "
          + "remove the quotes or the tag (!!str, !x) in "},
      {"oneshot: fAlSe\n", "field 'oneshot' at line 1 must be true or false, got the text \"fAlSe\"; write it as true or "
          + "false in "},
      {"outputs:\n  - type: identity\n", "field 'outputs' at line 1 needs version: v2 (without it the config is v1, where "
          + "tbot refuses outputs); add version: v2 to "},
    };
    for (String[] c : cases) {
      ConfigException env = assertThrows(ConfigException.class,
          () -> TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64(c[0]))).read());
      assertEquals("TBOT_CONFIG: " + c[1] + "TBOT_CONFIG.", env.getMessage());
      ConfigException flag = assertThrows(ConfigException.class,
          () -> TbotConfigSource.resolve(null, base64(c[0]), Map.of()).read());
      assertEquals("--config-string: " + c[1] + "--config-string.", flag.getMessage());
    }
  }

  @Test
  void base64ConfigHasTheFilesSizeBound() throws Exception {
    // Decoded, the largest config a file may be is read; one byte more is refused in one line.
    String head = DATABASE + "#";
    String max = head + "x".repeat(ConfigText.MAX_FILE_BYTES - head.length() - 1) + "\n";
    assertEquals(ConfigText.MAX_FILE_BYTES, max.getBytes(StandardCharsets.UTF_8).length);
    assertEquals(new DestinationCounts(1, 1, 0, 0),
        TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64(max))).read().destinations());
    ConfigException e = assertThrows(ConfigException.class,
        () -> TbotConfigSource.resolve(null, Map.of("TBOT_CONFIG", base64(max + "\n"))).read());
    assertEquals("TBOT_CONFIG: larger than " + ConfigText.MAX_FILE_BYTES + " bytes; give tbot's YAML config.",
        e.getMessage());
  }
}
