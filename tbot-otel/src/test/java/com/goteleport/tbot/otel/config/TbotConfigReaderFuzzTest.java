package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Any bytes as tbot's config file (docs/testing.md, Fuzzing). In a normal build this runs the
 * checked-in inputs under {@code TbotConfigReaderFuzzTestInputs/configFile}; with {@code
 * JAZZER_FUZZ=1} Jazzer generates more for {@code maxDuration}.
 */
class TbotConfigReaderFuzzTest {

  // First lines that say no or that tbot refuses (either is no consent), one put before each input.
  private static final String[] NO_LINES = {
    "anonymous_analytics: false\n", "anonymous_analytics: no\n", "anonymous_analytics: \"off\"\n",
    "anonymous_analytics: N\n"
  };

  /**
   * The bytes are read as TBOT_CONFIG's (base64 of the file), the way in that takes the same
   * decoding and size bound as a file without writing one per input. Holds that the reader returns
   * a config or throws its ConfigException, nothing else (a snakeyaml exception, a stack overflow or
   * a full heap would reach the host); that the consent-only reading agrees with the full one; and
   * that a yes is only read where the text spells the key, directly or through a double-quoted
   * escape; and that the same text under a first line {@code anonymous_analytics: false} (or
   * another of Go's no words) is never a yes: that line is the first document's own key, which
   * neither a merge ({@code <<}), an alias nor a later document can turn, and a second such key is
   * refused. The timeout bounds each input (libFuzzer's -timeout when fuzzing).
   */
  @FuzzTest(maxDuration = "3m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void configFile(byte[] bytes) {
    String base64 = Base64.getEncoder().encodeToString(bytes);
    TbotConfig config;
    try {
      config = TbotConfigReader.readBase64(base64, TbotConfigSource.ENV_CONFIG);
    } catch (ConfigException e) {
      config = null;
    }
    Boolean consent;
    boolean consentRead;
    try {
      consent = TbotConfigReader.readConsentBase64(base64, TbotConfigSource.ENV_CONFIG);
      consentRead = true;
    } catch (ConfigException e) {
      consent = null;
      consentRead = false;
    }
    if (config != null) {
      // A file the full reader takes says the same to the reader that looks at consent alone.
      assertTrue(consentRead, "the config was read, its consent alone was not");
      assertEquals(config.anonymousAnalytics(), consent, "the two readings of anonymous_analytics differ");
    }
    if (Boolean.TRUE.equals(consent) || config != null && Boolean.TRUE.equals(config.anonymousAnalytics())) {
      String text = text(bytes);
      assertTrue(text != null && (text.contains("anonymous_analytics") || text.contains("\\")),
          "a yes read from a text that does not spell anonymous_analytics");
    }
    String text = text(bytes);
    if (text != null) {
      String saidNo = NO_LINES[bytes.length % NO_LINES.length] + text;
      String encoded = Base64.getEncoder().encodeToString(saidNo.getBytes(StandardCharsets.UTF_8));
      try {
        TbotConfig no = TbotConfigReader.readBase64(encoded, TbotConfigSource.ENV_CONFIG);
        assertTrue(!Boolean.TRUE.equals(no.anonymousAnalytics()), "a no on the first line read as a yes");
      } catch (ConfigException refused) {
        // a no too
      }
      try {
        assertTrue(!Boolean.TRUE.equals(TbotConfigReader.readConsentBase64(encoded, TbotConfigSource.ENV_CONFIG)),
            "a no on the first line read as a yes, by the consent-only reading");
      } catch (ConfigException refused) {
        // a no too
      }
    }
  }

  /** The text as ConfigText decodes it (UTF-16 with its byte order mark, else UTF-8), or null. */
  private static String text(byte[] bytes) {
    boolean le = bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe;
    boolean be = bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff;
    Charset charset = le ? StandardCharsets.UTF_16LE : be ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8;
    int mark = le || be ? 2 : 0;
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, mark, bytes.length - mark))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
