package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.goteleport.tbot.otel.event.Attribute;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Any text as an endpoint URL (flag, TELEPORT_ANONYMOUS_TELEMETRY_ADDRESS or
 * anonymous_analytics_endpoint) and as a joining URI (docs/testing.md, Fuzzing); the bytes are read
 * as UTF-8.
 */
class EndpointsFuzzTest {

  /**
   * A URL or its ConfigException, nothing else; and a URL taken is one the sender can use and that
   * can be logged: http or https in lower case, a host without a zone, a port from 1 to 65535 if
   * any, no credentials, query or fragment, ASCII only.
   */
  @FuzzTest(maxDuration = "2m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void endpoint(byte[] bytes) {
    String raw = new String(bytes, StandardCharsets.UTF_8);
    URI uri;
    try {
      uri = Endpoints.parse(raw, Endpoints.ENV_ADDRESS);
    } catch (ConfigException e) {
      return;
    }
    assertTrue(uri.getScheme().equals("http") || uri.getScheme().equals("https"), uri.getScheme());
    assertNotNull(uri.getHost());
    assertTrue(!uri.getHost().isEmpty() && uri.getHost().indexOf('%') < 0, uri.getHost());
    assertTrue(uri.getPort() == -1 || uri.getPort() >= 1 && uri.getPort() <= 65535, "port " + uri.getPort());
    assertNull(uri.getRawUserInfo());
    assertNull(uri.getRawQuery());
    assertNull(uri.getRawFragment());
    assertEquals(uri.toASCIIString(), uri.toString(), "not ASCII");
    assertNotNull(Endpoints.origin(uri));
  }

  /** A join method tbot knows, or null; never an exception, never the token's text. */
  @FuzzTest(maxDuration = "1m")
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void joinUri(byte[] bytes) {
    String method = TbotConfigReader.joinUriMethod(new String(bytes, StandardCharsets.UTF_8));
    assertTrue(method == null || Attribute.JOIN_TYPE.allowedValues().contains(method) && !method.equals(Attribute.UNKNOWN),
        method);
  }
}
