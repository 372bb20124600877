package com.goteleport.tbot.otel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Unix mode each entry of a zip file carries in its central directory, which {@link
 * java.util.zip.ZipFile} does not expose: the upper half of the external attributes of an entry made
 * on Unix (version made by, high byte 3); 0 for an entry that carries none.
 */
final class UnixModes {

  private static final int END_SIGNATURE = 0x06054b50;
  private static final int ENTRY_SIGNATURE = 0x02014b50;
  private static final int UNIX = 3;

  private UnixModes() {}

  static Map<String, Integer> of(Path zip) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
    int end = b.limit() - 22; // the end record's fixed part; a comment may follow it
    while (end >= 0 && b.getInt(end) != END_SIGNATURE) {
      end--;
    }
    if (end < 0) {
      throw new IOException(zip + ": no end of central directory");
    }
    int count = Short.toUnsignedInt(b.getShort(end + 10));
    int at = b.getInt(end + 16);
    Map<String, Integer> modes = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      if (b.getInt(at) != ENTRY_SIGNATURE) {
        throw new IOException(zip + ": central directory entry " + i + " is malformed");
      }
      int madeBy = Short.toUnsignedInt(b.getShort(at + 4)) >> 8;
      int nameLength = Short.toUnsignedInt(b.getShort(at + 28));
      int extraLength = Short.toUnsignedInt(b.getShort(at + 30));
      int commentLength = Short.toUnsignedInt(b.getShort(at + 32));
      int external = b.getInt(at + 38);
      byte[] name = new byte[nameLength];
      b.get(at + 46, name);
      modes.put(new String(name, StandardCharsets.UTF_8), madeBy == UNIX ? (external >>> 16) & 07777 : 0);
      at += 46 + nameLength + extraLength + commentLength;
    }
    return modes;
  }
}
