package com.goteleport.tbot.otel.internal.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * In the full JDK the tests run on, nothing is missing and no hint is added; {@code RuntimeImageIT}
 * runs the runtimes where modules are.
 */
class RuntimeModulesTest {

  @Test
  void aFullJdkHasWhatTheSendNeeds() {
    assertNull(RuntimeModules.missingForSend());
    assertEquals("", RuntimeModules.connectionHint(new SSLHandshakeException("handshake_failure")));
  }
}
