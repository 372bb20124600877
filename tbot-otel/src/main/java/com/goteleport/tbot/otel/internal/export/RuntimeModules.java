package com.goteleport.tbot.otel.internal.export;

import javax.annotation.Nullable;
import javax.net.ssl.SSLException;

/**
 * The JDK modules a send needs beyond {@code java.base}, for an agent that ships a runtime image of
 * its own ({@code jlink}) or runs in a module graph it limits. Without {@code java.logging} the
 * OpenTelemetry SDK cannot load at all; without {@code jdk.crypto.ec}, before JDK 22, TLS has no
 * elliptic curves, and a collector that offers only those (Go's TLS, most load balancers) or
 * presents an EC certificate fails the handshake. Looked up in the boot layer, where the JDK's
 * modules are, so that a message can name the module and the fix.
 */
final class RuntimeModules {

  private RuntimeModules() {}

  /**
   * Why the send cannot run in this Java runtime, as one line, or null if it can. Loads no
   * OpenTelemetry class; never throws. See {@link SdkVersions#cannotRun()}.
   */
  @Nullable
  static String missingForSend() {
    if (absent("java.logging")) {
      return "this Java runtime has no java.logging module, which the OpenTelemetry SDK needs: add it "
          + "to the runtime image (jlink --add-modules java.logging) or the module graph (--add-modules)";
    }
    return null;
  }

  /**
   * What to add to the debug line of a failed connection when the runtime may be its cause, with a
   * leading "; ", or "" otherwise.
   */
  static String connectionHint(@Nullable Throwable failure) {
    if (failure instanceof SSLException && Runtime.version().feature() < 22 && absent("jdk.crypto.ec")) {
      return "; this Java runtime has no jdk.crypto.ec module, without which TLS before JDK 22 has no "
          + "elliptic curves: add it to the runtime image (jlink --add-modules jdk.crypto.ec) or the module "
          + "graph (--add-modules)";
    }
    return "";
  }

  private static boolean absent(String module) {
    try {
      return ModuleLayer.boot().findModule(module).isEmpty();
    } catch (RuntimeException e) {
      return false; // not judged
    }
  }
}
