package com.goteleport.tbot.otel.collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/** Reads parts of the shipped warehouse.yaml, so tests derive their set-ups from it. */
final class WarehouseConfig {

  private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:[A-Z_]+:-([^}]*)}");

  private WarehouseConfig() {}

  @SuppressWarnings("unchecked")
  private static Map<String, Object> section(String name) throws IOException {
    Map<String, Object> yaml = (Map<String, Object>) new Yaml().load(
        Files.readString(Collector.config("warehouse.yaml"), StandardCharsets.UTF_8));
    return (Map<String, Object>) yaml.get(name);
  }

  /** A processor's settings, as written. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> processor(String name) throws IOException {
    return (Map<String, Object>) section("processors").get(name);
  }

  /** The clickhouse exporter's settings, each {@code ${env:X:-default}} resolved to its default. */
  static Map<String, Object> clickhouseExporter() throws IOException {
    Map<String, Object> exporters = section("exporters");
    @SuppressWarnings("unchecked")
    Map<String, Object> clickhouse = new LinkedHashMap<>((Map<String, Object>) exporters.get("clickhouse"));
    clickhouse.replaceAll((k, v) -> {
      if (!(v instanceof String)) {
        return v;
      }
      Matcher m = ENV_DEFAULT.matcher((String) v);
      return m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)));
    });
    return clickhouse;
  }
}
