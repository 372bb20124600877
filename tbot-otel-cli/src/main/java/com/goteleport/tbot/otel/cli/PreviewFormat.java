package com.goteleport.tbot.otel.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How preview prints the request: OTLP JSON on one line, for a parser, or the record's fields one
 * per line, for a person or a screen reader.
 */
enum PreviewFormat {
  JSON,
  TEXT;

  /** Reads {@code json} or {@code text}, as written in the help. */
  static final class Converter implements ITypeConverter<PreviewFormat> {
    @Override
    public PreviewFormat convert(String value) {
      switch (value) {
        case "json":
          return JSON;
        case "text":
          return TEXT;
        default:
          throw new TypeConversionException("'" + value + "' is not a format; give json or text");
      }
    }
  }
}
