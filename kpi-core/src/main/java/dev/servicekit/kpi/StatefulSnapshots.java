package dev.servicekit.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.kpi.internal.Binary;
import dev.servicekit.kpi.internal.Excerpt;
import dev.servicekit.kpi.internal.KeyText;
import dev.servicekit.kpi.internal.SnapshotFrame;
import dev.servicekit.kpi.internal.Utf16;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Envelope and field helpers shared by the snapshots of the keyed, stateful types ({@link
 * RevisedValues}, {@link RepeatContactTracker}); the same envelope as {@link KpiSnapshots}.
 */
final class StatefulSnapshots {

  private static final String FORMAT = "servicekit-kpi";

  private StatefulSnapshots() {}

  static Binary.Writer beginBytes(int kind) {
    return SnapshotFrame.begin(kind);
  }

  static byte[] finishBytes(Binary.Writer w) {
    return SnapshotFrame.finish(w);
  }

  /** Checks the frame (checksum, magic, version) and then the kind; returns the payload reader. */
  static Binary.Reader openBytes(byte[] bytes, int kind, String kindName) {
    Objects.requireNonNull(bytes, "bytes");
    SnapshotFrame.Opened frame = SnapshotFrame.open(bytes);
    if (frame.kind() != kind) {
      String found =
          frame.kind() == 0 ? "a plugin kind" : "\"" + KpiSnapshots.kindName(frame.kind()) + "\"";
      if (frame.kind() == WindowedKpi.WINDOWS_KIND) {
        found = "\"" + WindowedKpi.WINDOWS_KIND_NAME + "\"";
      }
      throw new IllegalArgumentException(
          "kind mismatch: expected \"" + kindName + "\", found " + found);
    }
    return frame.reader();
  }

  static IllegalArgumentException invalidBytes(String field, Object value, String rule) {
    return new IllegalArgumentException(
        "snapshot field " + field + " is " + Excerpt.of(value) + " but " + rule);
  }

  /** Reads a UTF-8 string block, rejecting malformed UTF-8 instead of replacing it. */
  static String readUtf8(Binary.Reader r, String field) {
    byte[] block = r.readBlock(field);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(block)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("snapshot field " + field + " is not valid UTF-8");
    }
  }

  static ObjectNode beginJson(String kindName) {
    ObjectNode root = KpiSnapshots.mapper().createObjectNode();
    root.put("format", FORMAT);
    root.put("version", KpiSnapshots.FORMAT_VERSION);
    root.put("kind", kindName);
    return root;
  }

  static String writeJson(ObjectNode root) {
    try {
      return KpiSnapshots.mapper()
          .writeValueAsString(SnapshotFrame.sealJson(KpiSnapshots.mapper(), root));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON snapshot", e);
    }
  }

  /** Parses and checks the envelope; returns the {@code state} object. */
  static JsonNode openJson(String json, String kindName) {
    Objects.requireNonNull(json, "json");
    JsonNode root = KpiSnapshots.parse(json);
    if (root == null || !root.isObject()) {
      throw KpiSnapshots.error("snapshot must be a JSON object", "$");
    }
    if (WindowedKpi.WINDOWS_FORMAT.equals(root.path("format").textValue())) {
      throw KpiSnapshots.error(
          "format is \""
              + WindowedKpi.WINDOWS_FORMAT
              + "\", a WindowedKpi snapshot, but must be \""
              + FORMAT
              + "\"; decode it with WindowedKpi.fromJson",
          "format");
    }
    KpiSnapshots.rejectUnknown(root, Set.of("format", "version", "kind", "state"), "");
    if (!FORMAT.equals(root.path("format").asText())) {
      throw invalidJson("format", root.path("format"), "must be \"" + FORMAT + "\"");
    }
    JsonNode version = root.path("version");
    // canConvertToLong first: asLong() wraps a big integer, so 2^64 + 2 read as version 2
    if (!version.isIntegralNumber()
        || !version.canConvertToLong()
        || version.asLong() != KpiSnapshots.FORMAT_VERSION) {
      throw invalidJson(
          "version", version, "this library reads version " + KpiSnapshots.FORMAT_VERSION);
    }
    if (!kindName.equals(root.path("kind").asText())) {
      throw KpiSnapshots.error(
          "kind mismatch: expected \"" + kindName + "\", found " + Excerpt.of(root.path("kind")),
          "kind");
    }
    return object(root, "state", "");
  }

  /** The error of a value at {@code path}: {@code "<name> is <value> but <rule> (<path>)"}. */
  static IllegalArgumentException invalidJson(String path, Object value, String rule) {
    return KpiSnapshots.error(
        KpiSnapshots.nameOf(path) + " is " + Excerpt.of(value) + " but " + rule, path);
  }

  /** The field {@code name} of {@code node}, at {@code path + name}; never null or JSON null. */
  static JsonNode field(JsonNode node, String name, String path) {
    JsonNode n = node.get(name);
    if (n == null || n.isNull()) {
      throw KpiSnapshots.error(name + " is missing", path + name);
    }
    return n;
  }

  static JsonNode object(JsonNode node, String name, String path) {
    JsonNode n = field(node, name, path);
    if (!n.isObject()) {
      throw invalidJson(path + name, n, "must be an object");
    }
    return n;
  }

  static JsonNode array(JsonNode node, String name, String path) {
    JsonNode n = field(node, name, path);
    if (!n.isArray()) {
      throw invalidJson(path + name, n, "must be an array");
    }
    return n;
  }

  static long longField(JsonNode node, String name, String path) {
    JsonNode n = field(node, name, path);
    if (!n.isIntegralNumber() || !n.canConvertToLong()) {
      throw invalidJson(path + name, n, "must be an integer");
    }
    return n.longValue();
  }

  static long countField(JsonNode node, String name, String path) {
    long v = longField(node, name, path);
    if (v < 0) {
      throw invalidJson(path + name, v, "must be >= 0");
    }
    return v;
  }

  static String textField(JsonNode node, String name, String path) {
    JsonNode n = field(node, name, path);
    if (!n.isTextual()) {
      throw invalidJson(path + name, n, "must be a string");
    }
    return n.textValue();
  }

  /** Decodes a nested accumulator snapshot block; errors are prefixed with {@code field}. */
  static <A extends KpiAccumulator<A, ?>> A accumulator(byte[] block, Class<A> type, String field) {
    KpiAccumulator<?, ?> a;
    try {
      a = KpiSnapshots.fromBytes(block, type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("snapshot field " + field + ": " + e.getMessage(), e);
    }
    if (!type.isInstance(a)) {
      throw invalidBytes(
          field + ".kind", a.getClass().getSimpleName(), "must be " + type.getSimpleName());
    }
    return type.cast(a);
  }

  /** Decodes a nested accumulator snapshot object at {@code path + name}. */
  static <A extends KpiAccumulator<A, ?>> A accumulator(
      JsonNode node, String name, Class<A> type, String path) {
    KpiAccumulator<?, ?> a =
        KpiSnapshots.fromTree(object(node, name, path), path + name + ".", type);
    if (!type.isInstance(a)) {
      throw invalidJson(
          path + name + ".kind", a.getClass().getSimpleName(), "must be " + type.getSimpleName());
    }
    return type.cast(a);
  }

  /**
   * Refuses key text with an unpaired surrogate, which no snapshot could hold again (the writers
   * require well-formed UTF-16; only JSON can carry one, binary text being strict UTF-8), naming
   * {@code where}.
   */
  static void requireWellFormedKey(String text, String where, boolean json) {
    int bad = Utf16.unpairedSurrogate(text);
    if (bad >= 0) {
      String value = KpiSnapshots.mapper().getNodeFactory().textNode(text).toString();
      String rule =
          "has an unpaired surrogate at index "
              + bad
              + " but must be well-formed UTF-16 (snapshots store it as UTF-8)";
      throw json ? invalidJson(where, value, rule) : invalidBytes(where, value, rule);
    }
  }

  /** {@code text} as a JSON string literal, so that an empty or blank value shows in a message. */
  static String quoted(String text) {
    return KpiSnapshots.mapper().getNodeFactory().textNode(text).toString();
  }

  /**
   * Refuses a key that decoded to blank text, which the calls that add keys refuse ({@link
   * KeyText}), naming {@code where}.
   */
  static void refuseBlankKey(String text, String where, boolean json) {
    String value = quoted(text);
    throw json ? invalidJson(where, value, KeyText.RULE) : invalidBytes(where, value, KeyText.RULE);
  }

  /**
   * Decodes a key; a codec failure becomes an error naming {@code where}, and so does a key that is
   * blank text.
   */
  static <K> K key(KeyCodec<K> codec, String text, String where, boolean json) {
    requireWellFormedKey(text, where, json);
    K key;
    try {
      key = codec.decode(text);
    } catch (IllegalArgumentException e) {
      String rule = Excerpt.message("cannot be decoded by " + codec + ": " + e.getMessage());
      String value = KpiSnapshots.mapper().getNodeFactory().textNode(text).toString();
      throw json ? invalidJson(where, value, rule) : invalidBytes(where, value, rule);
    }
    if (key instanceof String s && KeyText.blank(s)) {
      refuseBlankKey(s, where, json);
    }
    return key;
  }

  /**
   * The entries keyed by their encoded text, sorted so that equal states give identical snapshots.
   *
   * @param noun what the keys are, for the error ("keys", "customers")
   * @throws IllegalArgumentException if two keys encode to the same text
   */
  static <K, V> TreeMap<String, V> encodeKeys(Map<K, V> entries, KeyCodec<K> codec, String noun) {
    return encodeKeys(entries, codec, noun, Set.of());
  }

  /** As above, a text in {@code taken} (the encoded keys of another map) counting as a clash. */
  static <K, V> TreeMap<String, V> encodeKeys(
      Map<K, V> entries, KeyCodec<K> codec, String noun, Set<String> taken) {
    TreeMap<String, V> sorted = new TreeMap<>();
    for (Map.Entry<K, V> e : entries.entrySet()) {
      String text = codec.encode(e.getKey());
      if (sorted.put(text, e.getValue()) != null || taken.contains(text)) {
        throw new IllegalArgumentException(
            "two "
                + noun
                + " encode to \""
                + Excerpt.of(text)
                + "\" but "
                + codec
                + " must be injective");
      }
    }
    return sorted;
  }
}
