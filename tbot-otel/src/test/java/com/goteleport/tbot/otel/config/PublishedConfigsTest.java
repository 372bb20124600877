package com.goteleport.tbot.otel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.goteleport.tbot.otel.event.Attribute;
import com.goteleport.tbot.otel.event.DestinationCounts;
import com.goteleport.tbot.otel.event.StartEvent;
import com.goteleport.tbot.otel.testing.RepositoryFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Configs in the shapes Teleport publishes (its configuration reference, guides and tbot's own
 * test configs; each file names its source), counted as docs/attributes.md says: an output type or
 * a destination makes an output, tunnels, proxies and workload APIs do not.
 */
class PublishedConfigsTest {

  /** Teleport's configuration reference, with an output of every type. */
  static final String REFERENCE = "configs/published/reference-every-type.yaml";

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

  /**
   * Schema drift: every per-kind count of the schema ({@link Attribute#parts()} of {@code
   * destinations_configured}) is counted from some output type. The reference has an output of
   * every type, so each kind counts one of them at least; a kind added to {@link Attribute} that no
   * output type is read into (TbotConfigReader, DestinationCounts, StartEvent) would be sent as 0 by
   * every bot, and the tests of the reading, which compare counts, would not notice.
   */
  @Test
  void everyPerKindCountOfTheSchemaCountsSomeOutputOfTheReference() throws Exception {
    StartEvent event = StartEvent.builder()
        .setDestinations(TbotConfigReader.read(TbotConfigReaderTest.resource(REFERENCE)).destinations()).build();
    for (Attribute kind : Attribute.DESTINATIONS_CONFIGURED.parts()) {
      Object count = event.get(kind);
      assertTrue(count instanceof Long && (Long) count > 0, REFERENCE + " has an output of every type, yet "
          + kind.key() + " counts none of them (" + count + "): read its output type into it (TbotConfigReader."
          + "oneOutput, DestinationCounts, StartEvent)");
    }
  }

  /**
   * docs/attributes.md and docs/cli.md say which output types count into which kind, as a list of
   * groups separated by {@code ;} that ends with "any other output": each group names the types of
   * one per-kind count as TbotConfigReader counts them, and the groups name every per-kind count.
   */
  @ParameterizedTest
  @ValueSource(strings = {"docs/attributes.md", "docs/cli.md"})
  void theDocsNameTheOutputTypesOfEveryKindAsTheyAreCounted(String doc) throws IOException {
    assertEquals(List.of(), kindProblems(read(doc)), doc);
  }

  @Test
  void aDocThatMissesAKindOrMovesATypeIsDetected() throws IOException {
    String text = read("docs/attributes.md");
    for (String[] change : new String[][] {
        {"; Kubernetes access `kubernetes`, `kubernetes/v2` and `kubernetes/argo-cd`", ""}, // a kind left out
        {"application access `application`", "application access `application`, `ssh_host`"}, // a type moved
        {"`kubernetes/v2` and `kubernetes/argo-cd`;", "`kubernetes/v2`; `kubernetes/argo-cd`;"}}) { // a kind split
      String drifted = text.replace(change[0], change[1]);
      assertTrue(!drifted.equals(text), "docs/attributes.md has " + change[0]);
      assertTrue(!kindProblems(drifted).isEmpty(), change[0] + " -> " + change[1] + " not detected");
    }
  }

  /** The Go model of tbot's config reading, whose {@code serviceKinds} is tbot's list of service types. */
  static final String GO_MODEL = "tbot-otel/src/test/go/config-answers/main.go";

  /**
   * The Go model's service types ({@code serviceKinds}: 0 an output in the total only, 1 to 3 an
   * output of a kind, -1 one that writes to its destination, -2 one that writes to none), read from
   * its source.
   */
  static Map<String, Integer> goServiceKinds() throws IOException {
    Matcher map = Pattern.compile("var serviceKinds = map\\[string]int\\{([^}]*)}").matcher(read(GO_MODEL));
    assertTrue(map.find(), GO_MODEL + "'s serviceKinds");
    Map<String, Integer> kinds = new TreeMap<>();
    Matcher entry = Pattern.compile("\"([^\"]+)\": (-?\\d+)").matcher(map.group(1));
    while (entry.find()) {
      kinds.put(entry.group(1), Integer.valueOf(entry.group(2)));
    }
    return kinds;
  }

  /**
   * tbot's service types, as the Go model lists them, are the types TbotConfigReader knows, each
   * counted alike (an output of the same kind, or none for one that writes to no destination; one
   * that writes to its destination, -1, is counted by its destination, as any other type is), and
   * the types of the reference: a type added to one of the three and not the others fails here,
   * which the comparison of answers (TbotConfigReaderGoAnswersTest) cannot see for a type its
   * corpus lacks.
   */
  @Test
  void theGoModelTheReaderAndTheReferenceKnowTheSameServiceTypes() throws Exception {
    Map<String, Integer> go = goServiceKinds();
    assertTrue(go.size() > 15, "serviceKinds read: " + go);
    Map<String, Integer> java = new TreeMap<>();
    List<Attribute> parts = Attribute.DESTINATIONS_CONFIGURED.parts();
    for (String type : TbotConfigReader.outputTypes()) {
      Set<Attribute> kinds = kindsOf(type);
      java.put(type, kinds.isEmpty() ? 0 : parts.indexOf(kinds.iterator().next()) + 1);
    }
    TbotConfigReader.noDestinationTypes().forEach(type -> java.put(type, -2));
    Map<String, Integer> goCounted = new TreeMap<>(go);
    goCounted.values().removeIf(kind -> kind == -1);
    assertEquals(goCounted, java, "the Go model's serviceKinds (" + GO_MODEL + "; -1 left out) against"
        + " TbotConfigReader's OUTPUT_TYPES, its kinds' sets and NO_DESTINATION_TYPES (docs/testing.md, When tbot"
        + " gains an output type or a start KIND)");
    Set<String> reference = new TreeSet<>();
    Matcher type = Pattern.compile("(?m)^  - type: (\\S+)$").matcher(read("tbot-otel/src/test/resources/" + REFERENCE));
    while (type.find()) {
      reference.add(type.group(1));
    }
    assertEquals(go.keySet(), reference, REFERENCE + " has an entry of every type tbot has, and no other");
    assertEquals(read("tbot-otel/src/test/resources/" + REFERENCE), read("tbot-otel/src/test/resources/"
        + "com/goteleport/tbot/otel/config/TbotConfigReaderFuzzTestInputs/configFile/reference-every-type.yaml"),
        "the fuzz test's copy of " + REFERENCE);
  }

  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /** What is wrong with the one list of output types per kind in {@code markdown}; empty when right. */
  static List<String> kindProblems(String markdown) {
    int end = markdown.indexOf("any other output");
    if (end < 0 || markdown.indexOf("any other output", end + 1) >= 0) {
      return List.of("not exactly one list of output types per kind, ending with 'any other output'");
    }
    // The list starts after the '.' or ':' before it that is outside a code span.
    int start = end;
    int ticks = 0;
    while (start > 0 && !((markdown.charAt(start - 1) == '.' || markdown.charAt(start - 1) == ':') && ticks % 2 == 0)) {
      ticks += markdown.charAt(--start) == '`' ? 1 : 0;
    }
    List<String> problems = new ArrayList<>();
    Set<Attribute> named = new LinkedHashSet<>();
    Set<String> namedTypes = new TreeSet<>();
    for (String group : markdown.substring(start, end).replaceAll("\\s+", " ").split(";")) {
      Set<Attribute> kinds = new LinkedHashSet<>();
      Matcher m = CODE.matcher(group);
      while (m.find()) {
        namedTypes.add(m.group(1));
        kinds.addAll(kindsOf(m.group(1)));
        if (kindsOf(m.group(1)).size() != 1) {
          problems.add("`" + m.group(1) + "` counts into " + keys(kindsOf(m.group(1))) + ", not one kind: "
              + group.strip());
        }
      }
      if (kinds.size() > 1) {
        problems.add("one group, several kinds " + keys(kinds) + ": " + group.strip());
      }
      if (kinds.size() == 1 && !named.add(kinds.iterator().next())) {
        problems.add("a kind in two groups: " + keys(kinds) + ": " + group.strip());
      }
    }
    for (String type : new TreeSet<>(TbotConfigReader.outputTypes())) {
      if (!kindsOf(type).isEmpty() && !namedTypes.contains(type)) {
        problems.add("`" + type + "` counts into " + keys(kindsOf(type)) + ", but the list does not name it");
      }
    }
    if (!named.equals(new LinkedHashSet<>(Attribute.DESTINATIONS_CONFIGURED.parts()))) {
      problems.add("the list names the output types of " + keys(named) + ", the schema's kinds are "
          + keys(Attribute.DESTINATIONS_CONFIGURED.parts())
          + ": name each kind's types, as TbotConfigReader counts them");
    }
    return problems;
  }

  static List<String> keys(java.util.Collection<Attribute> attributes) {
    return attributes.stream().map(Attribute::key).toList();
  }

  /** The per-kind counts one output of {@code type} counts into, as tbot-otel sends them. */
  static Set<Attribute> kindsOf(String type) {
    StartEvent e = StartEvent.builder().setDestinations(TbotConfigReader.oneOutput(type)).build();
    Set<Attribute> kinds = new LinkedHashSet<>();
    for (Attribute kind : Attribute.DESTINATIONS_CONFIGURED.parts()) {
      if (Long.valueOf(1).equals(e.get(kind))) {
        kinds.add(kind);
      }
    }
    return kinds;
  }

  /** A file of the repository. */
  static String read(String name) throws IOException {
    return RepositoryFiles.read(name);
  }
}
