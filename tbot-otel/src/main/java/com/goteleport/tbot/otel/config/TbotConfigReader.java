package com.goteleport.tbot.otel.config;

import static java.util.Objects.requireNonNull;

import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.internal.text.ShownWords;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;

/**
 * Reads the few fields tbot-otel needs from a tbot config, v1 ({@code destinations:}) or v2
 * ({@code version: v2}, {@code outputs:} and {@code services:}). The file is only read, never written. Unknown keys are
 * ignored; a field that is read but has the wrong type is a {@link ConfigException} naming it.
 */
public final class TbotConfigReader {

  /** How the config file is given when the caller does not say. */
  static final String FLAG = "-c/--config";

  private static final Set<String> DATABASE_TYPES = Set.of("database");
  private static final Set<String> KUBERNETES_TYPES = Set.of("kubernetes", "kubernetes/v2", "kubernetes/argo-cd");
  private static final Set<String> APPLICATION_TYPES = Set.of("application");
  // Outputs, under outputs: or services: (today's tbot takes each list as the other), as is any
  // other entry that names a destination. Tunnels, proxies and workload APIs are not, in either.
  private static final Set<String> OUTPUT_TYPES = Set.of(
      "identity", "database", "kubernetes", "kubernetes/v2", "kubernetes/argo-cd", "application", "ssh_host");
  // tbot's services that write to no destination: a destination key there is one tbot ignores.
  private static final Set<String> NO_DESTINATION_TYPES = Set.of("database-tunnel", "application-tunnel",
      "application-proxy", "example", "workload-identity-api", "spiffe-workload-api");

  // The words Go's YAML decoder (yaml.v3) takes for a bool field besides true and false.
  private static final Set<String> GO_YAML_TRUE = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
  private static final Set<String> GO_YAML_FALSE = Set.of("n", "N", "no", "No", "NO", "off", "Off", "OFF");

  private TbotConfigReader() {}

  /** The output types, each counted as {@link #oneOutput} says (for the tests against tbot's list). */
  static Set<String> outputTypes() {
    return OUTPUT_TYPES;
  }

  /** The service types known to write to no destination (for the tests against tbot's list). */
  static Set<String> noDestinationTypes() {
    return NO_DESTINATION_TYPES;
  }

  /**
   * One output of tbot's v2 {@code type} (e.g. {@code database}, {@code kubernetes/v2}), counted
   * by access kind; any other type counts in the total only. Also what {@code tbot start TYPE}
   * adds to a config.
   *
   * @param type the output's {@code type}, as tbot's YAML spells it
   * @return one output, of that kind if it has one
   */
  public static DestinationCounts oneOutput(String type) {
    return new DestinationCounts(1, DATABASE_TYPES.contains(type) ? 1 : 0, KUBERNETES_TYPES.contains(type) ? 1 : 0,
        APPLICATION_TYPES.contains(type) ? 1 : 0);
  }

  /**
   * The join method a joining URI names (tbot's {@code join_uri}, or its {@code --join-uri}), or
   * {@code null} if tbot would not take the URI. The method comes from its scheme; the rest is
   * only checked, as Go's url.Parse checks it.
   *
   * @param joinUri the joining URI, e.g. {@code tbot+proxy+github://TOKEN@example.teleport.sh:443}
   * @return the join method, or {@code null}
   */
  @Nullable
  public static String joinUriMethod(String joinUri) {
    return JoinUri.joinMethodOf(joinUri);
  }

  /**
   * Reads {@code anonymous_analytics} alone, for a caller that must know consent when the rest of
   * the file is unusable (an unknown {@code version}, a field of the wrong type).
   *
   * @return the key's value; {@code null} when there is no file at {@code path}, or the file's YAML
   *     holds no such key
   * @throws ConfigException when the key is there but not a boolean, and when the file cannot be
   *     read or is not YAML (unreadable, not UTF-8, too large, malformed): it may say no, so a caller
   *     must take the exception for a no, as for {@link #read}; its {@link ConfigException#field()}
   *     is {@code anonymous_analytics} only in the first case
   */
  @Nullable
  static Boolean readConsent(Path path) throws ConfigException {
    String text;
    try {
      text = ConfigText.ofFile(path, FLAG);
    } catch (ConfigException e) {
      if (ConfigText.missing(path)) {
        return null; // nothing there to say no
      }
      throw e;
    }
    return consentIn(text, path.toString());
  }

  /** As {@link #readConsent(Path)}, for a config given as base64 text (tbot's {@code TBOT_CONFIG}). */
  @Nullable
  static Boolean readConsentBase64(String base64, String source) throws ConfigException {
    return consentIn(ConfigText.ofBase64(base64, source), source);
  }

  @Nullable
  private static Boolean consentIn(String text, String source) throws ConfigException {
    try {
      YamlMarks marks = new YamlMarks();
      Object root = YamlDocument.parse(text, source, marks);
      return root instanceof Map ? new Fields(source, (Map<?, ?>) root, marks).checked().anonymousAnalytics() : null;
    } catch (StackOverflowError | OutOfMemoryError e) {
      throw outOf(source, e);
    }
  }

  /**
   * A config this JVM ran out of stack or heap reading (a small -Xss or -Xmx, a host's thread of a
   * small stack): unread, as a file that cannot be read is, not an Error thrown into the host. What
   * the parser built is garbage once this is thrown.
   */
  private static ConfigException outOf(String source, VirtualMachineError e) {
    // String.concat, not +: a first string concatenation bootstraps invokedynamic, deep in stack.
    return new ConfigException(source.concat(e instanceof StackOverflowError
        ? ": this JVM ran out of thread stack reading it; give java a larger -Xss."
        : ": this JVM ran out of heap reading it; give java a larger -Xmx."));
  }

  /**
   * Reads and interprets the config file at {@code path}, given with {@code -c/--config}.
   *
   * @param path tbot's YAML config file, on any file system
   * @return what tbot-otel reads from it; {@link TbotConfig#EMPTY} for an empty file
   * @throws ConfigException if the file is missing, not a regular file, cannot be read (a
   *     SecurityManager's refusal included), is larger than 1 MiB, is not UTF-8 (nor UTF-16 with its
   *     byte order mark) or not valid YAML, its top level is not a mapping, or a field tbot-otel
   *     reads has the wrong type or form ({@link ConfigException#field()} names it), or this JVM
   *     runs out of thread stack or heap reading it
   */
  public static TbotConfig read(Path path) throws ConfigException {
    return read(path, FLAG);
  }

  /** As {@link #read(Path)}; {@code givenBy} (a flag or variable) is named when the file is missing. */
  static TbotConfig read(Path path, String givenBy) throws ConfigException {
    return interpret(ConfigText.ofFile(path, givenBy), path.toString());
  }

  /** Reads and interprets a config given as base64 text, as tbot reads {@code TBOT_CONFIG}. */
  static TbotConfig readBase64(String base64, String source) throws ConfigException {
    return interpret(ConfigText.ofBase64(base64, source), source);
  }

  /**
   * Interprets YAML text; {@code source} names it in error messages. Text larger than a config file
   * may be (1 MiB as UTF-8) is refused as that file would be.
   *
   * @param yamlText the config's YAML
   * @param source what to call the text in error messages, e.g. a file name
   * @return what tbot-otel reads from it; {@link TbotConfig#EMPTY} for an empty text
   * @throws ConfigException as {@link #read(Path)} does for the file's text
   */
  public static TbotConfig parse(String yamlText, String source) throws ConfigException {
    requireNonNull(yamlText, "yamlText"); // a caller's bug, not bad YAML
    requireNonNull(source, "source");
    // Here, not by the parser's code-point limit: that counts one YAML document at a time, and its
    // message is the parser's.
    ConfigText.checkSize(yamlText, source);
    return interpret(yamlText, source);
  }

  /** Interprets YAML text already bounded by its reader; {@code source} names it in error messages. */
  private static TbotConfig interpret(String yamlText, String source) throws ConfigException {
    try {
      YamlMarks marks = new YamlMarks();
      Object root = YamlDocument.parse(yamlText, source, marks);
      if (root == null) {
        return TbotConfig.EMPTY;
      }
      if (!(root instanceof Map)) {
        throw new ConfigException(source + ": the top level must be a mapping of tbot's settings, one per line (such as"
            + " version: v2), got " + Fields.kind(root) + "; give tbot's YAML config.");
      }
      return new Fields(source, (Map<?, ?>) root, marks).checked().toConfig();
    } catch (StackOverflowError | OutOfMemoryError e) {
      throw outOf(source, e);
    }
  }

  /** Typed access to the fields of one config, with errors that name the field. */
  private static final class Fields {
    private final String source;
    private final Map<?, ?> root;
    private final YamlMarks marks;

    Fields(String source, Map<?, ?> root, YamlMarks marks) {
      this.source = source;
      this.root = root;
      this.marks = marks;
    }

    /** This, once the top level's keys are checked as Go's decoder checks a struct's. */
    Fields checked() throws ConfigException {
      keys(root, "the top level");
      return this;
    }

    TbotConfig toConfig() throws ConfigException {
      Map<?, ?> onboarding = map(root, "onboarding", "onboarding");
      String joinMethod =
          onboarding == null ? null : string(onboarding, "join_method", "onboarding.join_method");
      if ("".equals(joinMethod)) {
        joinMethod = null; // tbot's unspecified method, as Go decodes "" and a missing key alike
      }
      Boolean oneshot = bool(root, "oneshot", "oneshot");
      Boolean consent = anonymousAnalytics();
      String endpoint = string(root, Endpoints.YAML_KEY, Endpoints.YAML_KEY);
      boolean v1 = isV1();
      // tbot fills an onboarding without a join method from its joining URI (v2 only: the v1
      // migration drops it), after its command line may have replaced onboarding.
      String joinUri = v1 ? null : string(root, "join_uri", "join_uri");
      String joinUriMethod = joinUri == null ? null : JoinUri.joinMethodOf(joinUri);
      DestinationCounts outputsList = v1 ? DestinationCounts.NONE : outputs("outputs");
      return new TbotConfig(consent, endpoint, Boolean.TRUE.equals(oneshot),
          joinMethod != null ? joinMethod : joinUriMethod, joinUriMethod,
          v1 ? v1Destinations() : outputsList.plus(outputs("services")), outputsList);
    }

    @Nullable
    Boolean anonymousAnalytics() throws ConfigException {
      return bool(root, "anonymous_analytics", "anonymous_analytics");
    }

    private boolean isV1() throws ConfigException {
      Object raw = root.get("version");
      if (raw != null && !(raw instanceof String || raw instanceof Map || raw instanceof List)) {
        // A number, boolean or date: Go's YAML reads the scalar's text into tbot's string (version: 2
        // is "2"), which tbot then refuses as a version. Say what a version is, not that it is text.
        throw error(root, "version", "version", "must be v1 or v2", raw, true);
      }
      String version = string(root, "version", "version");
      // Go's YAML decodes "" as it does a missing key: ReadConfig's case V1, "".
      if (version == null || version.isEmpty() || version.equals("v1")) {
        return true;
      }
      if (version.equals("v2")) {
        return false;
      }
      throw error(root, "version", "version", "must be v1 or v2", version, true);
    }

    private DestinationCounts v1Destinations() throws ConfigException {
      // A v2 config that lost its version line: tbot's v1 migration refuses it rather than
      // ignoring its outputs (configV1.migrate).
      List<?> outputs = list(root, "outputs", "outputs");
      if (outputs != null && !outputs.isEmpty()) {
        throw new ConfigException(source + ": field 'outputs'" + at(marks.lineOfField(root, "outputs"))
            + " needs version: v2 (without it the config is v1, where tbot refuses outputs); add version: v2 to "
            + fixIn() + ".");
      }
      List<?> list = list(root, "destinations", "destinations");
      int db = 0;
      int kube = 0;
      int app = 0;
      for (int i = 0; list != null && i < list.size(); i++) {
        String field = "destinations[" + i + "]";
        Map<?, ?> entry = entry(list, i, field);
        if (entry.get("database") instanceof Map) {
          Map<?, ?> database = keys((Map<?, ?>) entry.get("database"), "field '" + field + ".database'");
          for (String key : new String[] {"service", "database", "username"}) {
            named(database, key, field + ".database." + key); // tbot's strings: Go refuses a list or mapping
          }
        }
        // As tbot migrates a v1 destination: a database block that is there (even empty), or a
        // Kubernetes cluster or app that is named, makes it that kind of output; else identity.
        boolean isDb = entry.get("database") != null;
        boolean isKube = named(entry, "kubernetes_cluster", field + ".kubernetes_cluster");
        boolean isApp = named(entry, "app", field + ".app");
        if ((isDb ? 1 : 0) + (isKube ? 1 : 0) + (isApp ? 1 : 0) > 1) {
          throw new ConfigException(source + ": field '" + field + "'" + at(marks.lineOfItem(list, i))
              + " names more than one of database, kubernetes_cluster and app; tbot refuses that, so keep one per"
              + " destination.");
        }
        db += isDb ? 1 : 0;
        kube += isKube ? 1 : 0;
        app += isApp ? 1 : 0;
      }
      return new DestinationCounts(list == null ? 0 : list.size(), db, kube, app);
    }

    /** The entries of {@code key} ({@code outputs:} or {@code services:}) that are outputs. */
    private DestinationCounts outputs(String key) throws ConfigException {
      List<?> list = list(root, key, key);
      DestinationCounts counts = DestinationCounts.NONE;
      for (int i = 0; list != null && i < list.size(); i++) {
        String field = key + "[" + i + "].type";
        Map<?, ?> entry = entry(list, i, key + "[" + i + "]");
        String type = string(entry, "type", field);
        if (type == null) {
          throw new ConfigException(source + ": field '" + field + "' is missing from the entry"
              + at(marks.lineOfItem(list, i)) + "; give each entry a type such as identity.");
        }
        boolean writes = OUTPUT_TYPES.contains(type)
            || !NO_DESTINATION_TYPES.contains(type) && entry.containsKey("destination");
        if (!writes) {
          continue;
        }
        counts = counts.plus(oneOutput(type));
      }
      return counts;
    }

    /** Where the user fixes a field: base64 text is named by its flag or variable, a file is "the config file". */
    private String fixIn() {
      boolean base64 = source.equals(TbotConfigSource.ENV_CONFIG) || source.equals(TbotConfigSource.FLAG_CONFIG_STRING);
      return base64 ? source : "the config file";
    }

    /** " at line N", or nothing when the line is not known (0). */
    private static String at(int line) {
      return line > 0 ? " at line " + line : "";
    }

    // Given and not empty. A number or boolean still counts: Go's YAML reads it as text into tbot's
    // string. A list or mapping it cannot read so, and tbot refuses the file.
    private boolean named(Map<?, ?> in, String key, String field) throws ConfigException {
      Object value = in.get(key);
      if (value instanceof Map || value instanceof List) {
        throw error(in, key, field, "must be a string", value, false);
      }
      return value != null && !"".equals(value);
    }

    private Map<?, ?> entry(List<?> list, int index, String field) throws ConfigException {
      Object value = list.get(index);
      if (!(value instanceof Map)) {
        throw error(field, "must be a mapping", value, false, marks.lineOfItem(list, index), null);
      }
      return keys((Map<?, ?>) value, "field '" + field + "'");
    }

    @Nullable
    private Map<?, ?> map(Map<?, ?> in, String key, String field) throws ConfigException {
      Object v = in.get(key);
      if (v == null) {
        return null;
      }
      if (v instanceof Map) {
        return keys((Map<?, ?>) v, "field '" + field + "'");
      }
      throw error(in, key, field, "must be a mapping", v, false);
    }

    /**
     * {@code m}, if no key of it is a list or mapping: Go's YAML cannot read one as a field's name
     * where tbot decodes a struct ("cannot unmarshal !!seq into string"), so tbot refuses the file.
     */
    private Map<?, ?> keys(Map<?, ?> m, String what) throws ConfigException {
      for (Object k : m.keySet()) {
        if (k instanceof Map || k instanceof List) {
          throw new ConfigException(source + ": " + what + " has a list or mapping as a key" + at(marks.lineOfKey(k))
              + ", which Go's YAML refuses; fix it in " + fixIn() + ".");
        }
      }
      return m;
    }

    @Nullable
    private List<?> list(Map<?, ?> in, String key, String field) throws ConfigException {
      Object v = in.get(key);
      if (v == null || v instanceof List) {
        return (List<?>) v;
      }
      throw error(in, key, field, "must be a list", v, false);
    }

    @Nullable
    private String string(Map<?, ?> in, String key, String field) throws ConfigException {
      Object v = in.get(key);
      if (v == null || v instanceof String) {
        return (String) v;
      }
      throw error(in, key, field, "must be a string", v, false);
    }

    @Nullable
    private Boolean bool(Map<?, ?> in, String key, String field) throws ConfigException {
      Object v = in.get(key);
      if (v == null || v instanceof Boolean) {
        return (Boolean) v;
      }
      // Go's YAML decoder also takes these YAML 1.1 words for a bool field, quoted or not (the
      // YAML loader here already reads the unquoted yes/no/on/off as booleans).
      if (v instanceof String && GO_YAML_TRUE.contains(v)) {
        return Boolean.TRUE;
      }
      if (v instanceof String && GO_YAML_FALSE.contains(v)) {
        return Boolean.FALSE;
      }
      if (v instanceof String && ((String) v).matches("true|True|TRUE|false|False|FALSE")) {
        // Text only if quoted or tagged, !!str or a tag read through (the loader reads these words
        // plain as booleans); a quoted "true" or !x true is text to Go's YAML too, which tbot
        // refuses for a bool field. The reader cannot tell which it was: the line names both.
        throw new ConfigException(source + ": field '" + field + "'" + at(marks.lineOfField(in, key)) + " must be true"
            + " or false, unquoted, got the quoted or tagged text \"" + v + "\"; remove the quotes or the tag (!!str, !x)"
            + " in " + fixIn() + ".", field);
      }
      if (v instanceof String && ((String) v).matches("(?i)true|false")) {
        // fAlSe: no YAML reads mixed case as a boolean.
        throw new ConfigException(source + ": field '" + field + "'" + at(marks.lineOfField(in, key))
            + " must be true or false, got the text \"" + v + "\"; write it as true or false in " + fixIn() + ".",
            field);
      }
      throw error(in, key, field, "must be true or false", v, true);
    }

    /** As the other {@code error}, for the value of {@code key} in {@code in}: its line and text from the marks. */
    private ConfigException error(Map<?, ?> in, String key, String field, String rule, @Nullable Object got,
        boolean showWord) {
      return error(field, rule, got, showWord, marks.lineOfField(in, key), marks.writtenText(in, key));
    }

    /**
     * {@code showWord}: the field takes a few fixed words, so a short word given is shown. {@code
     * line}: where the field (its key, or a list's item) starts, or 0. {@code written}: the value's
     * text, where it is a scalar.
     */
    private ConfigException error(String field, String rule, @Nullable Object got, boolean showWord, int line,
        @Nullable String written) {
      return new ConfigException(source + ": field '" + field + "'" + at(line) + " " + rule + ", got "
          + describe(got, showWord, written) + "; fix it in " + fixIn() + ".", field);
    }

    /** What kind of value {@code v} is, and nothing of it: for a document that is not a mapping. */
    static String kind(Object v) {
      return v instanceof List ? "a list" : v instanceof String ? "a string" : v instanceof Number ? "a number"
          : v instanceof Boolean ? "true or false" : v instanceof Date ? "a timestamp" : "a value";
    }

    /**
     * What was found instead, without the value of a string, which could be a secret pasted in the
     * wrong place ({@code onboarding: <token>}), unless it is a short word given to a field of fixed
     * words ({@code version: v3}, {@code oneshot: maybe}). A number or boolean is shown as
     * {@code written} ({@code 0x10}, {@code yes}), where that is known: Go reads that text.
     */
    private static String describe(@Nullable Object v, boolean showWord, @Nullable String written) {
      if ((v instanceof Number || v instanceof Boolean) && written != null) {
        return written.length() <= 12 && written.matches("[-+0-9A-Za-z._]+") ? "'" + written + "'"
            : v instanceof Number ? "a number" : "a value";
      }
      if (v instanceof Map) {
        return "a mapping";
      }
      if (v instanceof List) {
        return "a list";
      }
      if (v instanceof String) {
        String s = (String) v;
        return showWord && ShownWords.shortWord(s) ? "'" + s + "'" : "a string";
      }
      // A number as long as a short word at most, as ShownWords allows a word: a longer one may be a
      // pasted secret (digits only).
      if (v instanceof Boolean || (v instanceof Number && String.valueOf(v).length() <= 12)) {
        return "'" + v + "'";
      }
      if (v instanceof Number) {
        return "a number";
      }
      return v instanceof Date ? "a timestamp" : "a value";
    }
  }
}
