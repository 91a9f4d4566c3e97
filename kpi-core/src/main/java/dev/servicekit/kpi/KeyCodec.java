package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Excerpt;
import dev.servicekit.kpi.internal.Utf16;
import java.util.Objects;
import java.util.function.Function;

/**
 * Converts the keys of a stateful KPI object (survey response ids, customer ids) to and from the
 * strings stored in its snapshot, for {@link RevisedValues} and {@link RepeatContactTracker}
 * checkpoints.
 *
 * <p>Contract: {@code encode} is injective and {@code decode(encode(k)).equals(k)}. Encoding two
 * different keys to the same string, to a {@code null} string or to text with an unpaired surrogate
 * (which UTF-8 cannot store) is reported as {@link IllegalArgumentException} when the snapshot is
 * written; a decoder failure or {@code null} result is reported with the snapshot path of the key
 * when it is read.
 *
 * <p>Immutable and thread-safe if the functions are.
 *
 * @param <K> the key type
 */
public final class KeyCodec<K> {

  private static final KeyCodec<String> STRINGS = new KeyCodec<>(k -> k, s -> s, "strings");
  private static final KeyCodec<Long> LONGS =
      new KeyCodec<>(
          k -> Long.toString(k),
          s -> {
            try {
              return Long.valueOf(s);
            } catch (NumberFormatException e) {
              // quoted through the excerpt helper, since decode may be called with any text; no
              // cause, whose message would quote the text raw
              throw new IllegalArgumentException("\"" + Excerpt.of(s) + "\" is not a decimal long");
            }
          },
          "longs");

  private final Function<? super K, String> encoder;
  private final Function<String, ? extends K> decoder;
  private final String name;

  private KeyCodec(
      Function<? super K, String> encoder, Function<String, ? extends K> decoder, String name) {
    this.encoder = encoder;
    this.decoder = decoder;
    this.name = name;
  }

  /**
   * Returns the identity codec for string keys.
   *
   * @return the codec
   */
  public static KeyCodec<String> strings() {
    return STRINGS;
  }

  /**
   * Returns the codec for {@code Long} keys (e.g. ticket ids) as decimal text.
   *
   * @return the codec
   */
  public static KeyCodec<Long> longs() {
    return LONGS;
  }

  /**
   * Creates a codec from two functions, e.g. {@code KeyCodec.of(UUID::toString, UUID::fromString)}.
   *
   * @param encoder encodes a key; must be injective and never return {@code null}
   * @param decoder the inverse of {@code encoder}; may throw on text it does not recognize
   * @param <K> the key type
   * @return the codec
   */
  public static <K> KeyCodec<K> of(
      Function<? super K, String> encoder, Function<String, ? extends K> decoder) {
    return new KeyCodec<>(
        Objects.requireNonNull(encoder, "encoder"),
        Objects.requireNonNull(decoder, "decoder"),
        "custom");
  }

  /**
   * Encodes a key. O(cost of the encoder).
   *
   * @param key the key
   * @return its text
   * @throws IllegalArgumentException if the encoder returns {@code null} or text with an unpaired
   *     surrogate
   */
  public String encode(K key) {
    Objects.requireNonNull(key, "key");
    String s = encoder.apply(key);
    if (s == null) {
      throw new IllegalArgumentException(
          "key '" + Excerpt.of(key) + "' encodes to null but must encode to text");
    }
    int bad = Utf16.unpairedSurrogate(s);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "key '"
              + Excerpt.of(key)
              + "' encodes to text with an unpaired surrogate at index "
              + bad
              + " but must be valid UTF-16 (it is stored as UTF-8)");
    }
    return s;
  }

  /**
   * Decodes a key. O(cost of the decoder).
   *
   * @param text the text written by {@link #encode(Object)}
   * @return the key
   * @throws IllegalArgumentException if the decoder rejects the text or returns {@code null}
   */
  public K decode(String text) {
    Objects.requireNonNull(text, "text");
    K k;
    try {
      k = decoder.apply(text);
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + Excerpt.of(text) + "' cannot be decoded: " + Excerpt.of(e), e);
    }
    if (k == null) {
      throw new IllegalArgumentException(
          "'" + Excerpt.of(text) + "' decodes to null but must give a key");
    }
    return k;
  }

  @Override
  public String toString() {
    return "KeyCodec[" + name + "]";
  }
}
