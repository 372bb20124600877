package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.testing.ChildJvm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The encoder's buffer size after {@link EncoderBufferSize#pin}, in a fresh JVM each time (the SDK
 * reads it once): a size that breaks the send is replaced by the SDK's default, a workable one a
 * host chose is kept, and the system property is left as it was.
 */
class EncoderBufferSizeTest {

  @ParameterizedTest(name = "{0}={1} -D{2}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        // variable | value | system property | buffer | the exact property afterwards
        "- | - | - | 51200 | null",
        "OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE | 1 | - | 51200 | null",
        "OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE | 2000000000 | - | 51200 | null",
        "otel_experimental_otlp_buffer_size | -1 | - | 51200 | null",
        "Otel_Experimental_Otlp_Buffer_Size | 0 | - | 51200 | null",
        "OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE | 1048576 | - | 1048576 | null",
        "OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE | lots | - | 51200 | null",
        "- | - | otel.experimental.otlp.buffer-size=2048 | 2048 | 2048",
        "- | - | otel.experimental.otlp.buffer-size=7 | 51200 | 7",
        // the SDK reads properties in any case, with '.' for '-'
        "- | - | otel.experimental.otlp.buffer.size=1 | 51200 | null",
        "- | - | Otel.experimental.otlp.buffer-size=2000000000 | 51200 | null",
      })
  void aBrokenSizeIsReplacedAndAWorkableOneKept(String variable, String value, String property, int buffer,
      String propertyAfter) {
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    if (variable != null) {
      env.put(variable, value);
    }
    List<String> cmd = new ArrayList<>(List.of(ChildJvm.javaBinary(), "-cp", System.getProperty("java.class.path")));
    if (property != null) {
      cmd.add("-D" + property);
    }
    cmd.add(EncoderBufferSizeProbe.class.getName());
    ChildJvm.Result r = ChildJvm.run(cmd, env, Duration.ofSeconds(30));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals("buffer " + buffer + " property " + propertyAfter, r.stdout().strip());
  }

  /**
   * A preview initialises the encoder too, and first where a host shows it before sending: it pins
   * the size as the send does. Red before: 0 failed the preview (ArrayIndexOutOfBoundsException, not
   * the IllegalStateException OtlpJson promises) and 1 failed the send that followed it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0", "1", "-5"})
  void aPreviewBeforeTheSendPinsTheSizeToo(String size) {
    Map<String, String> env = new HashMap<>(ChildJvm.baseEnv());
    env.put("OTEL_EXPERIMENTAL_OTLP_BUFFER_SIZE", size);
    ChildJvm.Result r = ChildJvm.run(List.of(ChildJvm.javaBinary(), "-cp", System.getProperty("java.class.path"),
        PreviewThenSendProbe.class.getName()), env, Duration.ofSeconds(60));
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(List.of("preview ok", "send DELIVERED"), r.stdout().lines().toList(), r.stderr());
  }
}
