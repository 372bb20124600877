package com.goteleport.tbot.otel.internal.export;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import javax.annotation.Nullable;

/**
 * Whether the OpenTelemetry on the class path is one the send keeps quiet with. A host that uses
 * OpenTelemetry itself decides its version for the whole class path (Maven's nearest wins, a BOM,
 * Gradle's constraints). Before 1.67.0 the OTLP exporter logs a failed export at SEVERE or WARNING
 * whenever it happens, not at FINE once shut down, so the record reaches whatever hooks {@code
 * Logger.log} (the OpenTelemetry Java agent exports it into the host's logs), and from 1.60.0 to
 * 1.62.x under a logger name {@link Diagnostics} does not filter, so the JVM's console handler
 * printed it, stack trace and all, on the host's stderr. Older versions fail on a class or method
 * that is not there. Below 1.67.0 the send is therefore not attempted at all (no connection, no
 * SDK class): one debug line says which module and version. Checked by {@code AnonymousAnalytics}
 * before it touches {@link EventSender}, which the JVM cannot even load on an OpenTelemetry without
 * the classes it links to (before 1.5x, {@code io.opentelemetry.common.ComponentLoader}).
 *
 * <p>Read from the {@code version.properties} each OpenTelemetry module carries ({@code
 * sdk.version=...}, since before 1.40.0), as resources, so no OpenTelemetry class is loaded. A
 * module whose file is missing or unreadable is not judged here: a missing jar fails as before.
 * Newer versions are allowed; {@code OpenTelemetryVersionsTest} pins what the oldest allowed does.
 *
 * <p>This class is internal and is not part of tbot-otel's public API. Its APIs are unstable and can
 * change at any time.
 */
public final class SdkVersions {

  /** The oldest OpenTelemetry Java release the send runs on. */
  static final String MINIMUM = "1.67.0";

  // The modules whose code the send runs, and where each keeps its version.
  private static final String[][] MODULES = {
    {"opentelemetry-api", "io/opentelemetry/api/version.properties"},
    {"opentelemetry-sdk-common", "io/opentelemetry/sdk/common/version.properties"},
    {"opentelemetry-sdk-logs", "io/opentelemetry/sdk/logs/version.properties"},
    {"opentelemetry-exporter-common", "io/opentelemetry/exporter/internal/version.properties"},
    {"opentelemetry-exporter-otlp-common", "io/opentelemetry/exporter/internal/otlp/version.properties"},
    {"opentelemetry-exporter-otlp", "io/opentelemetry/exporter/otlp/version.properties"},
  };

  private SdkVersions() {}

  /**
   * Why the send, or a preview, cannot run here, as one line, or null if it can: a Java runtime
   * without the modules the SDK needs ({@link RuntimeModules}), or an OpenTelemetry older than
   * {@value #MINIMUM} on the class path. Checked before any class that links to the SDK is loaded.
   * Loads no OpenTelemetry class; never throws.
   */
  @Nullable
  public static String cannotRun() {
    String missing = RuntimeModules.missingForSend();
    return missing != null ? missing : tooOld();
  }

  /**
   * Why the send must not run on the OpenTelemetry beside tbot-otel, as one line, or null if every
   * module found is {@value #MINIMUM} or newer. Loads no OpenTelemetry class; never throws.
   */
  @Nullable
  private static String tooOld() {
    return tooOld(SdkVersions.class.getClassLoader());
  }

  /** As {@link #tooOld()}, for the OpenTelemetry {@code loader} sees. */
  // Visible for testing
  @Nullable
  static String tooOld(@Nullable ClassLoader loader) {
    for (String[] module : MODULES) {
      String version = version(loader, module[1]);
      if (version != null && older(version, MINIMUM)) {
        return module[0] + " " + version + " is on the class path; tbot-otel needs OpenTelemetry Java "
            + MINIMUM + " or newer";
      }
    }
    return null;
  }

  @Nullable
  private static String version(@Nullable ClassLoader loader, String resource) {
    try (InputStream in = loader == null
        ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("sdk.version");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Whether {@code version} is before {@code minimum}, comparing the numbers of major.minor.patch
   * (a suffix such as {@code -SNAPSHOT} is ignored); a version that is not such is not judged.
   */
  // Visible for testing
  static boolean older(String version, String minimum) {
    int[] v = numbers(version);
    int[] m = numbers(minimum);
    if (v == null || m == null) {
      return false;
    }
    for (int i = 0; i < 3; i++) {
      if (v[i] != m[i]) {
        return v[i] < m[i];
      }
    }
    return false;
  }

  @Nullable
  private static int[] numbers(String version) {
    String core = version.trim();
    int dash = core.indexOf('-');
    if (dash >= 0) {
      core = core.substring(0, dash);
    }
    String[] parts = core.split("\\.", -1);
    if (parts.length < 2 || parts.length > 3) {
      return null;
    }
    int[] n = new int[3];
    try {
      for (int i = 0; i < parts.length; i++) {
        n[i] = Integer.parseInt(parts[i]);
        if (n[i] < 0) {
          return null;
        }
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return n;
  }
}
