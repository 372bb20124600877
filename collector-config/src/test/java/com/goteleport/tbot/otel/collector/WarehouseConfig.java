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

  /** The clickhouse exporter's settings, each {@code ${env:X:-default}} resolved to its default. */
  static Map<String, Object> clickhouseExporter() throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> yaml = (Map<String, Object>) new Yaml().load(
        Files.readString(Collector.config("warehouse.yaml"), StandardCharsets.UTF_8));
    @SuppressWarnings("unchecked")
    Map<String, Object> exporters = (Map<String, Object>) yaml.get("exporters");
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
