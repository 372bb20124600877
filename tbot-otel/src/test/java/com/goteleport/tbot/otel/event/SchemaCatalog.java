package com.goteleport.tbot.otel.event;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders the public catalogue of the {@code tbot.start} event, the generated block of {@code
 * docs/attributes.md}, from the schema ({@link EventSchema} and {@link Attribute}). A test fails
 * when the file's block differs from {@link #render()}, so the published catalogue is always the
 * code's schema. Test code: only that test runs it, so the shipped jar does not carry it.
 */
final class SchemaCatalog {

  /** The line that opens the generated block in {@code docs/attributes.md}. */
  static final String BEGIN = "<!-- BEGIN GENERATED: tbot.start schema -->";

  /** The line that closes the generated block. */
  static final String END = "<!-- END GENERATED -->";

  private SchemaCatalog() {}

  /**
   * The generated block, from {@link #BEGIN} to {@link #END} inclusive, ending in a newline.
   *
   * @return the block, as Markdown
   */
  static String render() {
    StringBuilder md = new StringBuilder();
    md.append(BEGIN).append('\n');
    md.append("<!-- Rendered by com.goteleport.tbot.otel.event.SchemaCatalog from the Attribute enum;")
        .append(" do not edit by hand. -->\n\n");
    md.append("| event | |\n|---|---|\n");
    row(md, "event name (`LogRecord.event_name`)", code(EventSchema.EVENT_NAME));
    row(md, "severity", "`INFO` (`severity_number` 9; no `severity_text`)");
    row(md, "body", "none");
    row(md, "instrumentation scope name", code(EventSchema.SCOPE_NAME));
    row(md, "instrumentation scope version (the schema version)", code(EventSchema.VERSION));
    row(md, "resource", "present and empty: no attributes at all");
    row(md, "`schema_url` (`ResourceLogs` and `ScopeLogs`)", "not set");
    row(md, "attributes", Attribute.values().length + ", listed below; no other attribute can be sent");
    md.append('\n');

    md.append("| attribute | type | sent | example | bound |\n|---|---|---|---|---|\n");
    for (Attribute a : Attribute.values()) {
      md.append("| ").append(code(a.key()))
          .append(" | ").append(typeName(a))
          .append(" | ").append(a.required() ? "always" : "only when valid")
          .append(" | ").append(code(a.example()))
          .append(" | ").append(bound(a))
          .append(" |\n");
    }

    for (Attribute a : Attribute.values()) {
      md.append("\n### ").append(code(a.key())).append("\n\n");
      md.append(a.purpose()).append("\n\n");
      md.append("- Type: ").append(typeName(a)).append(" (OTLP `")
          .append(a.type() == AttributeType.STRING ? "stringValue" : "intValue").append("`)\n");
      md.append("- Sent: ").append(a.required() ? "in every event" : "only when set and valid").append('\n');
      md.append("- Example: ").append(code(a.example())).append('\n');
      md.append("- Rule: ").append(rule(a)).append('\n');
      md.append("- Otherwise: ").append(otherwise(a)).append('\n');
    }
    md.append('\n').append(END).append('\n');
    return md.toString();
  }

  /**
   * Returns {@code document} with its generated block replaced by {@link #render()}.
   *
   * @param document the text of {@code docs/attributes.md}
   * @return the document with the block rendered anew
   * @throws IllegalArgumentException if the document lacks the {@link #BEGIN} or {@link #END}
   *     line, or has them out of order
   */
  static String replaceGeneratedBlock(String document) {
    int begin = document.indexOf(BEGIN);
    int end = begin < 0 ? -1 : document.indexOf(END, begin);
    if (begin < 0 || end < 0) {
      throw new IllegalArgumentException(
          "no generated block: the document must contain the lines " + BEGIN + " and " + END);
    }
    int after = end + END.length();
    if (after < document.length() && document.charAt(after) == '\n') {
      after++;
    }
    return document.substring(0, begin) + render() + document.substring(after);
  }

  private static void row(StringBuilder md, String name, String value) {
    md.append("| ").append(name).append(" | ").append(value).append(" |\n");
  }

  private static String typeName(Attribute a) {
    return a.type() == AttributeType.STRING ? "string" : "int";
  }

  private static String bound(Attribute a) {
    return a.type() == AttributeType.INT
        ? "0 to " + a.maxValue()
        : "at most " + a.maxLength() + " characters";
  }

  private static String rule(Attribute a) {
    if (a.type() == AttributeType.INT) {
      String rule = "a count from 0 to " + a.maxValue() + "; larger counts are sent as " + a.maxValue();
      if (!a.parts().isEmpty()) {
        rule += "; " + codes(a.parts().stream().map(Attribute::key).collect(Collectors.toList()))
            + " are parts of it";
      }
      Attribute whole = a.partOf();
      if (whole != null) {
        rule += "; a part of " + code(whole.key()) + " (each output has one kind): all its parts"
            + " together are at most it";
      }
      return rule + ".";
    }
    if (!a.allowedValues().isEmpty()) {
      return "one of " + codes(a.allowedValues()) + ".";
    }
    String rule = "matches " + code(String.valueOf(a.pattern())) + " in full (ASCII only), at most "
        + a.maxLength() + " characters";
    if (a.screened()) {
      rule += ", and does not look like a credential (a known key prefix at a word's start, in any"
          + " case, such as `ghp_`, `AKIA` or `eyJ`; " + Sanitizer.MIXED_RUN + " or more characters mixing letters and digits in a"
          + " word between `:`, `/` and `@`, not counting `.`, `_` and `-`; " + Sanitizer.BASE64_RUN + " or more letters,"
          + " digits and `/` in a row mixing upper case, lower case and digits, as a base64 key such as an AWS secret"
          + " access key is; " + Sanitizer.HEX_RUN + " or more hex digits with only `.`, `_`, `:`, `/`, `@` or `-`"
          + " between them, as a key or a hash"
          + " cut into short words is; " + Sanitizer.DIGIT_RUN_LENGTH + " or more digits in a row, an IPv4 address"
          + " written as one number among them; " + Sanitizer.DIGIT_GROUPS + " or more digits with only those between"
          + " them, as an AWS account's id is: `1234-5678-9012`),"
          + " an e-mail or `user@host` address (an `@` must be followed by a whole version: `v` or"
          + " not, one to three numbers of 1 to 3 digits joined by `.`, then no letter, digit, `.`, `_` or"
          + " `-`: `auth@v2`, `orb@1.2.3`), a URL (`://`), a host name (a letter, any letters, digits"
          + " or `-`, a dot, then two or more letters followed by no letter or digit: `name.tld`, `my.app-v2`), an IPv4 address"
          + " (four numbers of 1 to 3 digits joined by dots, or by any of `-`, `_` and `/`: `ip-10-0-1-23`; after a dot too, `runner.10.0.1.23`, but not right after a digit or a dot"
          + " after a digit, as in a calendar version's `2024.10.0.0.1`), an IPv6 address (`::`, or three groups of"
          + " hex digits each followed by `:`; with dashes, as DNS names built from one carry it, a word of groups of"
          + " 1 to 4 hex digits joined by `-` with a `--` among them, `fe80--1`, `2001-db8--1`, or eight such groups"
          + " joined by `-`, a word here being bounded by anything but a letter, digit or `-`), Windows' generated"
          + " computer name (`DESKTOP-` and 7, `LAPTOP-` and 8, `WIN-` and 11, or `EC2AMAZ-` and 7 letters or digits,"
          + " in any case, as a word: `DESKTOP-AB12CDE`, `desktop-ab12cde`, `EC2AMAZ-4B5I3RO`), a computer named"
          + " after its owner as its OS names it (`pc`, `mac`, `macbook`, `imac` or `mbp`, in any case, after a `-`"
          + " that follows a letter or digit and followed by no letter or digit: `JOHN-PC`, `Alices-MacBook-Pro`,"
          + " `Alices-Mac-mini`, `alice-mbp`), a MAC address anywhere in the value (six pairs of hex digits joined by"
          + " any of `-`, `_` and `.`: `00-1a-2b-3c-4d-5e`, `00.1a.2b.3c.4d.5e`; three groups of four joined by any of"
          + " `-`, `_`, `.` and `:`: `001a.2b3c.4d5e`, `001a-2b3c-4d5e`), a cloud instance's id (17 lower-case hex"
          + " digits after any `-`: `i-0abc123def4567890`; `i-`, `r-`, `vol-`, `snap-`, `eni-`, `ami-`, `sg-`, `subnet-`"
          + " or `vpc-` and 8 lower-case hex digits as a word: `vol-1a2b3c4d`), a word of 12 hex digits (a container's"
          + " short id, which Docker makes its host name, or a MAC address without separators), a Kubernetes pod's name"
          + " (of Kubernetes' suffix characters, consonants but `y` and the digits 2, 4 to 9, after a `-` and not followed"
          + " by a letter, digit or `_`: a Deployment's, 8 to 10 of them, a `-` and five: `tbot-7d9f8b6c5-x2k4q`; five,"
          + " one a consonant at least: `tbot-x2k4q`, `tbot-xkbqz`) or a path (an absolute one after a drive letter or a"
          + " prefix: `C:/Users/alice`, `gha:/home/alice`; an empty segment: `a//b`; a segment led by a dot:"
          + " `/.tbot`, `/../`, `gha:.tbot`; a first segment that is a file system's root for users' or the"
          + " machine's files, in any case: `home/`, `homes/`, `users/`, `root/`, `tmp/`, `var/`, `etc/`, `opt/`,"
          + " `usr/`, `mnt/`, `srv/`, `private/`, `volumes/`; the root of users' directories after any `/`"
          + " too: `builds/home/`, `ci/Users/`, `volume1/homes/`); other shapes pass, a host name without a dot"
          + " (`buildbox7`) among them. The rule exactly, as the collectors run it in RE2 and a Go tbot can copy it,"
          + " with its test of the cases below: [conformance/go/helper.go](conformance/go/helper.go)";
    }
    return rule + ".";
  }

  private static String otherwise(Attribute a) {
    if (a.type() == AttributeType.INT) {
      String otherwise = "cannot be negative; counted by tbot-otel, never copied from the config";
      Attribute whole = a.partOf();
      if (whole != null) {
        otherwise += ". Parts that, clamped, add up to more than " + code(whole.key())
            + " contradict it: each is sent as " + Attribute.INCONSISTENT_PART + " (the split is"
            + " unknown), " + code(whole.key()) + " as counted";
      }
      return otherwise + ".";
    }
    if (a.fallback() != null) {
      return "sent as " + code(a.fallback()) + "; the rejected value is never sent.";
    }
    if (!a.required()) {
      return "omitted; the rejected value is never sent.";
    }
    return "cannot happen in tbot-otel, which sets it from a fixed list; a port given another value sends"
        + " none, and a collector drops a record without it.";
  }

  private static String codes(List<String> values) {
    return values.stream().map(SchemaCatalog::code).collect(Collectors.joining(", "));
  }

  private static String code(String s) {
    return "`" + s + "`";
  }
}
