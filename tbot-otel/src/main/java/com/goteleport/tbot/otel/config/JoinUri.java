package com.goteleport.tbot.otel.config;

import com.goteleport.tbot.otel.event.Attribute;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * The join method a joining URI ({@code tbot+proxy+METHOD://TOKEN[:PARAMETER]@ADDRESS}, or {@code
 * tbot+auth+...} for an Auth Service address) names, as tbot reads it. Only the scheme is read: the
 * token and parameter (a secret) are never looked at.
 */
final class JoinUri {

  // The URL-safe names a joining URI gives the join methods spelled with '_' (a scheme takes no
  // '_'; tbot's joinuri.MapURLSafeJoinMethod); the other methods are named as they are. tbot gained
  // generic_oidc's later: an older tbot refuses a URI naming it, and starts nothing.
  static final Map<String, String> URL_SAFE_METHODS = Map.of(
      "bound-keypair", "bound_keypair", "boundkeypair", "bound_keypair",
      "azure-devops", "azure_devops", "azuredevops", "azure_devops",
      "terraform-cloud", "terraform_cloud", "terraformcloud", "terraform_cloud",
      "generic-oidc", "generic_oidc", "genericoidc", "generic_oidc");

  private JoinUri() {}

  /**
   * The join method of {@code joinUri} as tbot reads it, or {@code null} if tbot would not take the
   * URI. Only a method's own name is returned.
   */
  @Nullable
  static String joinMethodOf(String joinUri) {
    int colon = joinUri.indexOf(':');
    // Go's url.Parse: a scheme of ASCII letters, digits, '+', '-' and '.', lower-cased; a token
    // (the user of an authority) is required.
    if (colon < 1 || !joinUri.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")
        || !joinUri.startsWith("//", colon + 1)) {
      return null;
    }
    String authority = joinUri.substring(colon + 3).split("[/?#]", 2)[0];
    String[] scheme = joinUri.substring(0, colon).toLowerCase(Locale.ROOT).split("\\+", 3);
    if (!authority.contains("@") || scheme.length != 3 || !scheme[0].equals("tbot")
        || !(scheme[1].equals("proxy") || scheme[1].equals("auth"))) {
      return null;
    }
    String method = scheme[2];
    if (URL_SAFE_METHODS.containsKey(method)) {
      return URL_SAFE_METHODS.get(method);
    }
    return Attribute.JOIN_TYPE.allowedValues().contains(method) && !method.equals(Attribute.UNKNOWN) ? method : null;
  }
}
