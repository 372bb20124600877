package com.goteleport.tbot.otel.cli;

import com.goteleport.tbot.otel.config.TbotConfigSource;
import com.goteleport.tbot.otel.consent.Consent;
import java.util.List;
import java.util.Locale;

/**
 * The variables a PAM session may give its command from files (pam_env): Debian's and Ubuntu's
 * {@code /etc/pam.d/su} and, on many of them, {@code /etc/pam.d/sudo} read {@code /etc/environment}
 * and {@code /etc/default/locale}; its default conffile is {@code /etc/security/pam_env.conf}
 * ({@code /usr/etc/...} where Linux-PAM uses libeconf). exec does not parse them: where one names a
 * variable that may say no or name tbot's config, a tbot behind su, sudo, runuser or doas may read a
 * no exec cannot see.
 */
final class PamEnvironment {

  // The files, under SystemFiles' root.
  private static final List<String> FILES = List.of("etc/environment", "etc/default/locale",
      "etc/security/pam_env.conf", "usr/etc/environment", "usr/etc/security/pam_env.conf");
  // Names that may say no there, or name tbot's config.
  private static final List<String> NAMES = List.of(Consent.ENV_TELEPORT, Consent.ENV_DO_NOT_TRACK,
      Consent.ENV_OTEL_SDK_DISABLED, TbotConfigSource.ENV_CONFIG, TbotConfigSource.ENV_CONFIG_PATH);
  // Such files are a few lines; one larger is not read, and may.
  private static final int MAX_BYTES = 1 << 20;

  private PamEnvironment() {}

  /**
   * Whether one of the files names such a variable (as text, in any case: in a comment too, not
   * told apart), or one there cannot be read whole (it may).
   */
  static boolean mayNameANo() {
    for (String name : FILES) {
      String text = SystemFiles.read(SystemFiles.get(name), MAX_BYTES);
      if (text == null) {
        return true;
      }
      // In any case and with '.' for '_', as Consent reads OpenTelemetry Java's other spellings of
      // OTEL_SDK_DISABLED (otel_sdk_disabled); the other names loosely too: less telemetry, never more.
      String folded = text.toLowerCase(Locale.ROOT).replace('.', '_');
      for (String variable : NAMES) {
        if (folded.contains(variable.toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }
}
