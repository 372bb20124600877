package com.goteleport.tbot.otel.config;

import com.goteleport.tbot.otel.event.DestinationCounts;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the few fields tbot-otel needs from a tbot config, v1 ({@code destinations:}) or v2
 * ({@code version: v2}, {@code outputs:} and {@code services:}). The file is only read, never written. Unknown keys are
 * ignored; a field that is read but has the wrong type is a {@link ConfigException} naming it.
 */
public final class TbotConfigReader {

  /** The largest config file read; tbot configs are a few KiB. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private static final Set<String> DATABASE_TYPES = Set.of("database");
  private static final Set<String> KUBERNETES_TYPES = Set.of("kubernetes", "kubernetes/v2", "kubernetes/argo-cd");
  private static final Set<String> APPLICATION_TYPES = Set.of("application");
  // Outputs that tbot also takes under services: (where outputs: now lead), besides any entry
  // that names a destination. Tunnels, proxies and workload APIs under services: are not outputs.
  private static final Set<String> OUTPUT_TYPES = Set.of(
      "identity", "database", "kubernetes", "kubernetes/v2", "kubernetes/argo-cd", "application", "ssh_host");

  private TbotConfigReader() {}

  /**
   * One output of tbot's v2 {@code type} (e.g. {@code database}, {@code kubernetes/v2}), counted
   * by access kind; any other type counts in the total only. Also what {@code tbot start TYPE}
   * adds to a config.
   */
  public static DestinationCounts oneOutput(String type) {
    return new DestinationCounts(1, DATABASE_TYPES.contains(type) ? 1 : 0, KUBERNETES_TYPES.contains(type) ? 1 : 0,
        APPLICATION_TYPES.contains(type) ? 1 : 0);
  }

  /**
   * Reads {@code anonymous_analytics} alone, for a caller that must know consent when the rest of
   * the file is unusable. A file that cannot be read or parsed gives {@code null}, as if the key
   * were absent; only a key that is there but not a boolean is an error.
   */
  @Nullable
  public static Boolean readConsent(Path path) throws ConfigException {
    String text;
    try {
      text = decode(path);
    } catch (ConfigException e) {
      return null;
    }
    return consentIn(text, path.toString());
  }

  /** As {@link #readConsent(Path)}, for a config given as base64 text (tbot's {@code TBOT_CONFIG}). */
  @Nullable
  static Boolean readConsentBase64(String base64, String source) throws ConfigException {
    String text;
    try {
      text = decodeBase64(base64, source);
    } catch (ConfigException e) {
      return null;
    }
    return consentIn(text, source);
  }

  @Nullable
  private static Boolean consentIn(String text, String source) throws ConfigException {
    Object root;
    try {
      root = newYaml().load(text);
    } catch (YAMLException e) {
      return null;
    }
    return root instanceof Map ? new Fields(source, (Map<?, ?>) root).anonymousAnalytics() : null;
  }

  /** Reads and interprets the config file at {@code path}. */
  public static TbotConfig read(Path path) throws ConfigException {
    return parse(decode(path), path.toString());
  }

  /** Reads and interprets a config given as base64 text, as tbot reads {@code TBOT_CONFIG}. */
  static TbotConfig readBase64(String base64, String source) throws ConfigException {
    return parse(decodeBase64(base64, source), source);
  }

  private static String decodeBase64(String base64, String source) throws ConfigException {
    byte[] bytes;
    try {
      // As Go's base64.StdEncoding, which tbot decodes it with: padded, no line breaks.
      bytes = Base64.getDecoder().decode(base64.length() > 2 * MAX_FILE_BYTES ? "!" : base64);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + " is not base64 text; give tbot's YAML config, base64-encoded.");
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new ConfigException(source + ": larger than " + MAX_FILE_BYTES + " bytes; give tbot's YAML config.");
    }
    return utf8(bytes, source);
  }

  /** The file's text: bounded, UTF-8, from a regular file. */
  private static String decode(Path path) throws ConfigException {
    String name = path.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        throw new ConfigException(name + ": is a directory; pass the tbot YAML file with -c/--config.");
      }
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        // A pipe or device (-c /dev/stdin, -c <(...)): reading it would take tbot's own input.
        throw new ConfigException(name + ": is not a regular file; pass tbot's YAML config file.");
      }
      try (var in = Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1); // bounded even if the file grows meanwhile
      }
      if (bytes.length > MAX_FILE_BYTES) {
        throw new ConfigException(
            name + ": larger than " + MAX_FILE_BYTES + " bytes; pass tbot's YAML config file.");
      }
    } catch (NoSuchFileException e) {
      throw new ConfigException(name + ": no such file; check the path given to -c/--config.");
    } catch (IOException e) {
      throw new ConfigException(name + ": cannot be read (" + e.getMessage() + "); check its permissions.");
    }
    return utf8(bytes, name);
  }

  private static String utf8(byte[] bytes, String name) throws ConfigException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(name + ": is not UTF-8 text; pass tbot's YAML config file.");
    }
  }

  /** Interprets YAML text; {@code source} names it in error messages. */
  public static TbotConfig parse(String yamlText, String source) throws ConfigException {
    Object root;
    try {
      root = newYaml().load(yamlText);
    } catch (MarkedYAMLException e) {
      String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem();
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new ConfigException(
          source + ": invalid YAML at line " + line + ": " + oneLine(problem) + "; fix the syntax.");
    } catch (YAMLException e) {
      throw new ConfigException(source + ": invalid YAML: " + oneLine(e.getMessage()) + "; fix the syntax.");
    }
    if (root == null) {
      return TbotConfig.EMPTY;
    }
    if (!(root instanceof Map)) {
      throw new ConfigException(source + ": the top level must be a YAML mapping of tbot settings.");
    }
    return new Fields(source, (Map<?, ?>) root).toConfig();
  }

  private static Yaml newYaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(20);
    options.setAllowRecursiveKeys(false);
    options.setNestingDepthLimit(40);
    options.setCodePointLimit(MAX_FILE_BYTES);
    return new Yaml(new SafeConstructor(options));
  }

  private static String oneLine(@Nullable String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }

  /** Typed access to the fields of one config, with errors that name the field. */
  private static final class Fields {
    private final String source;
    private final Map<?, ?> root;

    Fields(String source, Map<?, ?> root) {
      this.source = source;
      this.root = root;
    }

    TbotConfig toConfig() throws ConfigException {
      Map<?, ?> onboarding = map(root, "onboarding", "onboarding");
      String joinMethod =
          onboarding == null ? null : string(onboarding, "join_method", "onboarding.join_method");
      Boolean oneshot = bool(root, "oneshot", "oneshot");
      return new TbotConfig(
          anonymousAnalytics(),
          string(root, "anonymous_analytics_endpoint", "anonymous_analytics_endpoint"),
          Boolean.TRUE.equals(oneshot),
          joinMethod,
          isV1() ? v1Destinations() : v2Outputs());
    }

    @Nullable
    Boolean anonymousAnalytics() throws ConfigException {
      return bool(root, "anonymous_analytics", "anonymous_analytics");
    }

    private boolean isV1() throws ConfigException {
      String version = string(root, "version", "version");
      if (version == null || version.equals("v1")) {
        return true;
      }
      if (version.equals("v2")) {
        return false;
      }
      throw error("version", "must be v1 or v2", version);
    }

    private DestinationCounts v1Destinations() throws ConfigException {
      List<?> list = list(root, "destinations", "destinations");
      int db = 0;
      int kube = 0;
      int app = 0;
      for (int i = 0; list != null && i < list.size(); i++) {
        Map<?, ?> entry = entry(list.get(i), "destinations[" + i + "]");
        db += entry.containsKey("database") ? 1 : 0;
        kube += entry.containsKey("kubernetes_cluster") ? 1 : 0;
        app += entry.containsKey("app") ? 1 : 0;
      }
      return new DestinationCounts(list == null ? 0 : list.size(), db, kube, app);
    }

    /** Every entry of {@code outputs:}, and the entries of {@code services:} that are outputs. */
    private DestinationCounts v2Outputs() throws ConfigException {
      return outputs("outputs", true).plus(outputs("services", false));
    }

    private DestinationCounts outputs(String key, boolean allOutputs) throws ConfigException {
      List<?> list = list(root, key, key);
      DestinationCounts counts = DestinationCounts.NONE;
      for (int i = 0; list != null && i < list.size(); i++) {
        String field = key + "[" + i + "].type";
        Map<?, ?> entry = entry(list.get(i), key + "[" + i + "]");
        String type = string(entry, "type", field);
        if (type == null) {
          throw new ConfigException(
              source + ": field '" + field + "' is missing; give each entry a type such as identity.");
        }
        if (!allOutputs && !OUTPUT_TYPES.contains(type) && !entry.containsKey("destination")) {
          continue;
        }
        counts = counts.plus(oneOutput(type));
      }
      return counts;
    }

    private Map<?, ?> entry(Object value, String field) throws ConfigException {
      if (!(value instanceof Map)) {
        throw error(field, "must be a mapping", value);
      }
      return (Map<?, ?>) value;
    }

    @Nullable
    private Map<?, ?> map(Map<?, ?> in, String key, String field) throws ConfigException {
      Object v = in.get(key);
      if (v == null || v instanceof Map) {
        return (Map<?, ?>) v;
      }
      throw error(field, "must be a mapping", v);
    }

    @Nullable
    private List<?> list(Map<?, ?> in, String key, String field) throws ConfigException {
      Object v = in.get(key);
      if (v == null || v instanceof List) {
        return (List<?>) v;
      }
      throw error(field, "must be a list", v);
    }

    @Nullable
    private String string(Map<?, ?> in, String key, String field) throws ConfigException {
      Object v = in.get(key);
      if (v == null || v instanceof String) {
        return (String) v;
      }
      throw error(field, "must be a string", v);
    }

    @Nullable
    private Boolean bool(Map<?, ?> in, String key, String field) throws ConfigException {
      Object v = in.get(key);
      if (v == null || v instanceof Boolean) {
        return (Boolean) v;
      }
      throw error(field, "must be true or false", v);
    }

    private ConfigException error(String field, String rule, Object got) {
      return new ConfigException(
          source + ": field '" + field + "' " + rule + ", got " + describe(got)
              + "; fix it in the config file.");
    }

    private static String describe(Object v) {
      if (v instanceof Map) {
        return "a mapping";
      }
      if (v instanceof List) {
        return "a list";
      }
      String s = String.valueOf(v);
      // Echo short scalars only: a long value could be a pasted secret.
      return s.length() <= 40 && !s.contains("\n") ? "'" + s + "'" : "a " + v.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
