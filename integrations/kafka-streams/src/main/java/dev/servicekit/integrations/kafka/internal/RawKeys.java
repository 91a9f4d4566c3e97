package dev.servicekit.integrations.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Record keys read as text without losing a byte: a key that is strict UTF-8 and does not begin
 * with U+0000 reads as its text; any other key reads as U+0000 followed by the base64 of its bytes,
 * which no ticket id can be (ids hold no control character), and is written back as those bytes. So
 * a key that is not text is refused as a key other than the ticket id instead of being decoded
 * lossily (two byte strings read as one text), and a dead-letter or released record keeps the
 * original key bytes.
 */
public final class RawKeys {

  private static final char MARK = '\u0000';

  private RawKeys() {}

  /** Whether a key read by {@link #deserializer} stands for bytes that are not text. */
  public static boolean isRaw(String key) {
    return key != null && !key.isEmpty() && key.charAt(0) == MARK;
  }

  /** Reads a key as text, or as its marked base64 (see the class comment). */
  public static Deserializer<String> deserializer() {
    return (topic, b) -> {
      if (b == null) {
        return null;
      }
      String text = Utf8.strictOrNull(b);
      if (text != null && !isRaw(text)) {
        return text;
      }
      return MARK + Base64.getEncoder().encodeToString(b);
    };
  }

  /** Writes a key as {@link #deserializer} read it: the original bytes. */
  public static Serializer<String> serializer() {
    return (topic, key) -> {
      if (key == null) {
        return null;
      }
      return isRaw(key)
          ? Base64.getDecoder().decode(key.substring(1))
          : key.getBytes(StandardCharsets.UTF_8);
    };
  }
}
