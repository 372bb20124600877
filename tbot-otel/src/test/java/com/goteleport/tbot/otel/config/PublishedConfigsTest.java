package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.goteleport.tbot.otel.event.DestinationCounts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Configs in the shapes Teleport publishes (its configuration reference, guides and tbot's own
 * test configs; each file names its source), counted as docs/attributes.md says: an output type or
 * a destination makes an output, tunnels, proxies and workload APIs do not.
 */
class PublishedConfigsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        // 12 outputs: identity, application, database, kubernetes, kubernetes/v2, kubernetes/argo-cd,
        // ssh_host, the three workload-identity outputs, spiffe-svid, ssh-multiplexer; not the
        // workload APIs, tunnels, application-proxy nor example
        "reference-every-type.yaml | 12 | 1 | 3 | 1 | token | false",
        // three identity outputs and the SSH multiplexer
        "tbot-standard-config.yaml | 4 | 0 | 0 | 0 | null | true",
        // nine destinations: identity, two apps, a cluster, four databases, an SSH host certificate
        "v1-migration.yaml | 9 | 4 | 1 | 2 | token | true",
        "github-actions-manual.yaml | 0 | 0 | 0 | 0 | github | true",
      })
  void countsAPublishedConfigAsDocumented(String file, int total, int database, int kubernetes, int application,
      String joinMethod, boolean oneshot) throws Exception {
    TbotConfig c = TbotConfigReader.read(TbotConfigReaderTest.resource("configs/published/" + file));
    assertEquals(new DestinationCounts(total, database, kubernetes, application), c.destinations());
    assertEquals(joinMethod, c.joinMethod());
    assertEquals(oneshot, c.oneshot());
  }
}
