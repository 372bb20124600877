package com.goteleport.tbot.otel.config;

import com.goteleport.tbot.otel.internal.text.ShownWords;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The text of a tbot config, from a file or from base64 text, before it is parsed: at most
 * {@value #MAX_FILE_BYTES} bytes, UTF-8 (or UTF-16 with its byte order mark), with errors that say why it
 * cannot be read.
 */
final class ConfigText {

  /** The largest config file read; tbot configs are a few KiB. */
  static final int MAX_FILE_BYTES = 1024 * 1024;

  private ConfigText() {}

  /**
   * The file's text: bounded, decoded as Go's YAML decodes it, from a regular file; {@code givenBy}
   * is named when it is missing.
   */
  static String ofFile(Path path, String givenBy) throws ConfigException {
    String name = path.toString();
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        throw new ConfigException(name + ": is a directory; give tbot's YAML file with " + givenBy + ".");
      }
      if (Files.exists(path) && !Files.isRegularFile(path)) {
        // A pipe or device (-c /dev/stdin, -c <(...)): reading it would take tbot's own input.
        throw new ConfigException(name + ": is not a regular file; pass tbot's YAML config file.");
      }
      // java.io, not Files.newInputStream: a FileChannel loads the JDK's network library, whose
      // start-up probe opens sockets (never connected), and without consent not even that happens.
      // A host's Path of another provider (a zip file system) has no File: read through its own.
      boolean local = path.getFileSystem() == FileSystems.getDefault();
      try (var in = local ? new FileInputStream(path.toFile()) : Files.newInputStream(path)) {
        bytes = in.readNBytes(MAX_FILE_BYTES + 1); // bounded even if the file grows meanwhile
      }
      if (bytes.length > MAX_FILE_BYTES) {
        throw tooLarge(name);
      }
    } catch (FileNotFoundException | NoSuchFileException e) {
      // A flag given no path takes the next word as it: tbot's --token=VALUE, not to be printed;
      // nor is a word given as the path that names no file there (-c TOKEN).
      if (missing(path) && name.indexOf('\uFFFD') >= 0) {
        // A name whose bytes this JVM could not decode (not UTF-8, or a non-ASCII name in the C
        // locale) cannot be opened as given: the file may well be there.
        throw new ConfigException(shown(name, true) + ": no such file as this JVM reads the name (U+FFFD stands for"
            + " bytes it could not decode); run in a UTF-8 locale (e.g. LANG=C.UTF-8), or rename the file.");
      }
      if (missing(path)) {
        throw new ConfigException(shown(name, true) + ": no such file; check the path given to " + givenBy + ".");
      }
      String why = e instanceof FileNotFoundException ? reason((FileNotFoundException) e) : "not found";
      // Only a denial is the file's permissions; a file in the path's way (Not a directory) or a
      // name too long is the path's. The reason is in the C library's locale: a file that is there
      // and cannot be read is a denial in any language.
      boolean denied = why.startsWith("Permission denied") || why.startsWith("Access is denied")
          || readableNot(path);
      String fix = denied ? "check its permissions" : "check the path given to " + givenBy;
      throw new ConfigException(shown(name, false) + ": cannot be read (" + why + "); " + fix + ".");
    } catch (IOException e) {
      name = shown(name, false);
      throw new ConfigException(name + ": cannot be read (" + e.getMessage() + "); check its permissions.");
    } catch (SecurityException e) {
      // A host's SecurityManager that keeps the file from tbot-otel: unreadable, as any other.
      throw new ConfigException(name + ": cannot be read (the SecurityManager denies it); check its permissions.");
    }
    return decode(bytes, name);
  }

  /**
   * {@code name}, a path that cannot be read, as said: where it starts with '-' (a flag, so a flag
   * given no path took it), {@code '--token=...'}, {@code '-t...'}, its value left out, or {@code
   * '...'}; else as given, but for a {@code missing} one that names no file ({@link
   * ShownWords#fileName}: {@code tbot.yaml} does), which is not shown: a word given where the path
   * was expected ({@code -c TOKEN}) may be a token.
   */
  private static String shown(String name, boolean missing) {
    if (name.length() <= 2) {
      return name; // "-", "--", "-c": no room for a value
    }
    if (!name.startsWith("-")) {
      return !missing || ShownWords.fileName(name) ? name : "'...' (not shown: it may be a secret)";
    }
    String flag = ShownWords.withoutValue(name);
    return "'" + (flag != null ? flag : "...") + "'";
  }

  /** Whether {@code path} is there but this process may not read it; never throws. */
  private static boolean readableNot(Path path) {
    try {
      return Files.exists(path) && !Files.isReadable(path);
    } catch (SecurityException e) {
      return true;
    }
  }

  /** The text a config given as base64 text stands for, as tbot decodes {@code TBOT_CONFIG}. */
  static String ofBase64(String base64, String source) throws ConfigException {
    byte[] bytes;
    try {
      // As Go's base64.StdEncoding, which tbot decodes it with: it skips \r and \n (the lines of
      // `base64 tbot.yaml`) and wants the padding, which Java's decoder would not.
      String text = base64.length() > 2 * MAX_FILE_BYTES ? "!" : base64.replace("\r", "").replace("\n", "");
      bytes = Base64.getDecoder().decode(text.length() % 4 == 0 ? text : "!");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(source + " is not base64 text; give tbot's YAML config, base64-encoded.");
    }
    if (bytes.length > MAX_FILE_BYTES) {
      throw new ConfigException(source + ": larger than " + MAX_FILE_BYTES + " bytes; give tbot's YAML config.");
    }
    return decode(bytes, source);
  }

  /**
   * Whether nothing is at {@code path}, as the C library says it (ENOENT): not a path under a
   * file, which is "Not a directory" (ENOTDIR) there and on JDK 17, but which java.nio.file calls
   * missing from JDK 25 on (JDK-8356678). So a path under a file is said to be unreadable on every JDK.
   */
  static boolean missing(Path path) {
    try {
      if (!Files.notExists(path)) {
        return false;
      }
      for (Path up = path.toAbsolutePath().getParent(); up != null; up = up.getParent()) {
        if (Files.exists(up)) {
          return Files.isDirectory(up); // else ENOTDIR: something is in the way, not missing
        }
      }
      return true;
    } catch (SecurityException e) {
      return false; // a SecurityManager keeps it from view: it may be there
    }
  }

  /** Refuses text given as a string that a config file could not hold, as that file would be refused. */
  static void checkSize(String text, String source) throws ConfigException {
    if (largerThanAFile(text)) {
      throw tooLarge(source);
    }
  }

  /** Whether {@code text} takes more than {@value #MAX_FILE_BYTES} bytes as UTF-8. */
  private static boolean largerThanAFile(String text) {
    // UTF-8 takes at least one byte per char and at most three (four for a surrogate pair's two).
    if (text.length() > MAX_FILE_BYTES) {
      return true;
    }
    return text.length() > MAX_FILE_BYTES / 3 && text.getBytes(StandardCharsets.UTF_8).length > MAX_FILE_BYTES;
  }

  /** Why java.io could not open a file: its message is "PATH (REASON)", and the path is said already. */
  private static String reason(FileNotFoundException e) {
    String message = String.valueOf(e.getMessage());
    int open = message.lastIndexOf(" (");
    return open >= 0 && message.endsWith(")") ? message.substring(open + 2, message.length() - 1) : message;
  }

  private static String decode(byte[] bytes, String name) throws ConfigException {
    // Go's YAML also takes UTF-16 text that starts with its byte order mark (yaml.v3's
    // yaml_parser_determine_encoding), as Windows PowerShell 5's > writes a file; else UTF-8.
    boolean le = bytes.length >= 2 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe;
    boolean be = bytes.length >= 2 && (bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff;
    // The mark is kept, as U+FEFF, as UTF-8's is: the text starts as Go's YAML sees it once decoded.
    Charset charset = le ? StandardCharsets.UTF_16LE : be ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_8;
    try {
      return charset
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ConfigException(name + ": is not UTF-8 text (nor UTF-16 with its byte order mark); save it as UTF-8.");
    }
  }

  private static ConfigException tooLarge(String name) {
    return new ConfigException(name + ": larger than " + MAX_FILE_BYTES + " bytes; pass tbot's YAML config file.");
  }
}
