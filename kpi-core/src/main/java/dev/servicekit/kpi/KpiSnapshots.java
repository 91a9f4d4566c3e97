package dev.servicekit.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.kpi.internal.Binary;
import dev.servicekit.kpi.internal.Excerpt;
import dev.servicekit.kpi.internal.JsonInput;
import dev.servicekit.kpi.internal.SnapshotFrame;
import dev.servicekit.kpi.internal.Utf16;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Versioned binary and JSON snapshots of every accumulator, to checkpoint state, store it in the
 * CRM's database and restore it.
 *
 * <p><b>Binary format, version {@value #FORMAT_VERSION}</b> (the frame of sla-core's and qa-core's
 * snapshots): bytes {@code 'S' 'K'}, the kind byte, the version byte, the payload, then the CRC32C
 * ({@link java.util.zip.CRC32C}) of everything before it in 4 big-endian bytes. The payload is the
 * kind's fields in a fixed order, integers as zig-zag varints (1 byte for values in &minus;64..63),
 * doubles as 8 little-endian bytes, byte blocks length-prefixed. Kind bytes 1..12 are the built-in
 * accumulators ({@code "rating"}, {@code "nps"}, ..., {@code "productivity"}); kind byte 0 is a
 * plugin kind whose name follows as a length-prefixed UTF-8 string.
 *
 * <p><b>JSON format:</b> {@code {"format":"servicekit-kpi","version":2,"kind":"nps",
 * "state":{"promoters":6,...},"crc32c":"1a2b3c4d"}} with the same field names; {@code crc32c} is
 * the CRC32C of the document's compact UTF-8 form without that field, as 8 lowercase hex digits (a
 * pretty-printed document still verifies, an edited value does not). Nested snapshots (in {@link
 * RevisedValues}, {@link RepeatContactTracker}, {@link WindowedKpi}) are covered by the checksum of
 * the document that holds them.
 *
 * <p>Decoding checks, in order, length and checksum (so every single-bit flip and every truncation
 * is rejected), magic, version, and kind, before any state is read: a snapshot of another kind
 * fails with {@code "kind mismatch: expected \"nps\", found \"duration\""}. Both decoders then
 * validate every field and report bad input as {@link IllegalArgumentException} naming the field,
 * the rule and a bounded excerpt of the value; decoding another version fails rather than guessing.
 * The JSON decoders report it in the layout of every JSON reader, {@code "<what is wrong> (at
 * $.state.count, line L, column C)"}, located at the offending value. The JSON decoder is strict:
 * an unknown or repeated field, or text after the document, is an error.
 *
 * <p><b>Codecs.</b> Each kind owns its {@link SnapshotCodec}; this class finds them, built-in and
 * plugin kinds alike, through {@link java.util.ServiceLoader} (see {@link #kinds()}), so a custom
 * accumulator with a registered codec is snapshotted, restored and used in a {@link WindowedKpi}
 * like a built-in one. The keyed, stateful types use the same frame with their own kinds and
 * codecs, since their keys need a {@link KeyCodec}: kind 13 {@code "revisedValues"} ({@link
 * RevisedValues#toBytes(KeyCodec)}, {@link RevisedValues#fromBytes(byte[], Class, KeyCodec)}), kind
 * 14 {@code "repeatContacts"} ({@link RepeatContactTracker#toBytes(KeyCodec)}, {@link
 * RepeatContactTracker#fromBytes(byte[], KeyCodec)}) and kind 200 {@code "windowTable"} ({@link
 * WindowedKpi#toBytes(java.util.function.Function)}), each embedding the snapshots of the
 * accumulators it holds.
 *
 * <p>Encoding is O(state size). This class is stateless and thread-safe.
 */
public final class KpiSnapshots {

  /** The current format version. */
  public static final int FORMAT_VERSION = SnapshotFrame.VERSION;

  private static final String FORMAT = "servicekit-kpi";
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private KpiSnapshots() {}

  /**
   * Encodes an accumulator into the binary format.
   *
   * @param accumulator an accumulator whose class has a registered {@link SnapshotCodec}
   * @return the snapshot
   * @throws IllegalArgumentException if no codec is registered for the accumulator's class
   */
  public static byte[] toBytes(KpiAccumulator<?, ?> accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    SnapshotCodec<?> codec = codecOf(accumulator);
    int id = builtInId(codec.kind());
    Binary.Writer w = SnapshotFrame.begin(id);
    if (id == PLUGIN_KIND) {
      w.writeString(codec.kind());
    }
    write(
        codec,
        accumulator,
        new SnapshotCodec.Output() {
          @Override
          public void putLong(String name, long value) {
            w.writeLong(value);
          }

          @Override
          public void putDouble(String name, double value) {
            w.writeDouble(value);
          }

          @Override
          public void putBytes(String name, byte[] value) {
            w.writeBlock(Objects.requireNonNull(value, name));
          }

          @Override
          public void putString(String name, String value) {
            w.writeString(Utf16.require(Objects.requireNonNull(value, name), name));
          }
        });
    return SnapshotFrame.finish(w);
  }

  /**
   * Decodes a binary snapshot.
   *
   * @param bytes the snapshot
   * @return the restored accumulator
   * @throws IllegalArgumentException if the snapshot is corrupted, truncated, malformed, or of an
   *     unknown kind or version
   */
  public static KpiAccumulator<?, ?> fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return decode(bytes, null);
  }

  /**
   * Decodes a binary snapshot of a known type.
   *
   * @param bytes the snapshot
   * @param type the expected accumulator class
   * @param <A> the accumulator type
   * @return the restored accumulator
   * @throws IllegalArgumentException if corrupted, malformed or of another kind
   */
  public static <A extends KpiAccumulator<?, ?>> A fromBytes(byte[] bytes, Class<A> type) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(type, "type");
    return cast(decode(bytes, type), type, null);
  }

  private static KpiAccumulator<?, ?> decode(byte[] bytes, Class<?> type) {
    SnapshotFrame.Opened frame = SnapshotFrame.open(bytes);
    Binary.Reader r = frame.reader();
    int id = frame.kind();
    String kind;
    if (id == PLUGIN_KIND) {
      kind = r.readString("kind");
    } else if (id < NAMES.length) {
      kind = NAMES[id];
    } else if (id == WindowedKpi.WINDOWS_KIND) {
      kind = WindowedKpi.WINDOWS_KIND_NAME;
    } else {
      kind = null;
    }
    if (type != null) {
      checkKind(kind == null ? "kind " + id : "\"" + kind + "\"", type, "kind", null);
    }
    String reader = statefulReader(kind);
    if (reader != null) {
      throw new IllegalArgumentException(
          "kind is " + id + " (\"" + kind + "\"); decode it with " + reader + ".fromBytes");
    }
    SnapshotCodec<?> codec = kind == null ? null : CodecRegistry.forKind(kind);
    if (codec == null) {
      throw unknownKind(
          kind == null ? Integer.toString(id) : Excerpt.of(MAPPER.getNodeFactory().textNode(kind)),
          "kind",
          null);
    }
    KpiAccumulator<?, ?> a;
    try {
      a = readBinary(codec, r);
    } catch (RuntimeException e) {
      throw pluginFailure(codec, e);
    }
    r.expectEnd();
    return a;
  }

  private static KpiAccumulator<?, ?> readBinary(SnapshotCodec<?> codec, Binary.Reader r) {
    return codec.read(
        new SnapshotCodec.Input() {
          @Override
          public long getLong(String name) {
            return r.readLong(name);
          }

          @Override
          public double getDouble(String name) {
            return r.readDouble(name);
          }

          @Override
          public byte[] getBytes(String name) {
            return r.readBlock(name);
          }

          @Override
          public String getString(String name) {
            return r.readString(name);
          }

          @Override
          public IllegalArgumentException invalid(String name, Object value, String rule) {
            return new IllegalArgumentException(
                "snapshot field " + name + " is " + Excerpt.of(value) + " but " + rule);
          }
        });
  }

  /**
   * What a codec's {@code read} threw, as the documented exception with a message that cannot break
   * or forge a log line: a built-in codec's errors as they are (bounded already, and any other
   * exception a bug its tests must see); a plugin's {@link IllegalArgumentException} with its
   * message escaped and bounded, and any other {@link RuntimeException} of a plugin (an index out
   * of bounds on hostile bytes) as an {@link IllegalArgumentException} naming the codec, with the
   * original as the cause.
   */
  static RuntimeException pluginFailure(SnapshotCodec<?> codec, RuntimeException e) {
    if (codec instanceof BuiltInCodec<?> || e instanceof PathError) {
      return e;
    }
    if (e instanceof IllegalArgumentException && clean(e.getMessage())) {
      return e;
    }
    String what =
        e instanceof IllegalArgumentException
            ? String.valueOf(e.getMessage())
            : "its codec "
                + codec.getClass().getName()
                + " failed: "
                + e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new IllegalArgumentException(
        "snapshot of kind \""
            + Excerpt.of(codec.kind())
            + "\" is not valid: "
            + Excerpt.message(what),
        e);
  }

  /** Whether a message is within 500 characters, with nothing that {@link Excerpt} escapes. */
  private static boolean clean(String m) {
    if (m == null || m.length() > JsonInput.MAX_MESSAGE) {
      return false;
    }
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      if (Excerpt.escapes(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The class whose reader decodes a snapshot of {@code kind}, if that is one of the stateful
   * snapshots (a table of windows, a revision tracker, a repeat-contact tracker), which share the
   * frame but are no single accumulator's; else null.
   */
  static String statefulReader(String kind) {
    if (WindowedKpi.WINDOWS_KIND_NAME.equals(kind)) {
      return "WindowedKpi";
    } else if (RevisedValues.KIND_NAME.equals(kind)) {
      return "RevisedValues";
    } else if (RepeatContactTracker.KIND_NAME.equals(kind)) {
      return "RepeatContactTracker";
    }
    return null;
  }

  /**
   * Refuses a JSON snapshot of a table of windows ({@code "format": "servicekit-kpi-windows"}) or
   * of a tracker ({@code "kind": "revisedValues"} or {@code "repeatContacts"}), naming its reader,
   * before its fields are checked against an accumulator's (which named a field, e.g. {@code
   * "unit"}, as unknown).
   */
  static void rejectStateful(JsonNode root) {
    if (WindowedKpi.WINDOWS_FORMAT.equals(root.path("format").textValue())) {
      throw error(
          "format is \""
              + WindowedKpi.WINDOWS_FORMAT
              + "\", a WindowedKpi snapshot; decode it with WindowedKpi.fromJson",
          "format");
    }
    String reader = statefulReader(root.path("kind").textValue());
    if (reader != null && FORMAT.equals(root.path("format").textValue())) {
      throw error(
          "kind is \""
              + root.path("kind").textValue()
              + "\"; decode it with "
              + reader
              + ".fromJson",
          "kind");
    }
  }

  private static IllegalArgumentException unknownKind(String found, String field, String path) {
    return error(
        field
            + " is "
            + found
            + " but no SnapshotCodec is registered for it; known kinds: "
            + Excerpt.message(String.join(", ", CodecRegistry.kinds())),
        path);
  }

  /**
   * An error of a JSON snapshot: {@code "<what> (<path>)"}, whose path the public reader turns into
   * {@code "(at $.path, line L, column C)"} ({@link #locating}); or {@code what} alone for a binary
   * snapshot ({@code path} null).
   *
   * @param what what is wrong
   * @param path the JSON path relative to the root (e.g. {@code groups[2].key}), or null
   */
  static IllegalArgumentException error(String what, String path) {
    if (path == null) {
      return new IllegalArgumentException(what);
    }
    String p = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    return new PathError(what + " (" + (p.isEmpty() ? "$" : p) + ")");
  }

  /** An error of a JSON snapshot whose message ends with the path of the bad value. */
  private static final class PathError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    PathError(String message) {
      super(message);
    }
  }

  /**
   * The last name of {@code path} (relative, possibly ending with a dot), e.g. {@code count} of
   * {@code groups[0].allTime.state.count}, {@code entries[3]} of {@code state.entries[3]}: how a
   * message names the field whose full path follows it.
   */
  static String nameOf(String path) {
    String p = path.endsWith(".") ? path.substring(0, path.length() - 1) : path;
    return p.substring(p.lastIndexOf('.') + 1);
  }

  /**
   * Runs a JSON snapshot reader over {@code json}, writing its errors in the layout of every JSON
   * reader, with the line and column of the path each names.
   */
  static <T> T locating(String json, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      if (JsonInput.isLocated(e.getMessage())) {
        throw e; // a syntax error, located by the parser
      }
      // an error without a path (a plugin codec's own) is about the document as a whole: its
      // message, which a plugin wrote, is bounded and escaped, and the error kept as the cause
      if (e instanceof PathError) {
        throw JsonInput.locate(json, e);
      }
      String what = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      IllegalArgumentException whole = error(JsonInput.excerptMessage(what), "$");
      whole.initCause(e);
      throw JsonInput.locate(json, whole);
    }
  }

  /**
   * Fails with "kind mismatch: expected X, found Y" when {@code found} (quoted name or "kind N") is
   * not the kind of {@code type}.
   */
  static void checkKind(String found, Class<?> type, String field, String path) {
    SnapshotCodec<?> expected = CodecRegistry.forType(type);
    if (expected != null && !found.equals("\"" + expected.kind() + "\"")) {
      throw error(
          field
              + " mismatch: expected \""
              + expected.kind()
              + "\", found "
              + Excerpt.message(found),
          path);
    }
  }

  /**
   * The names of the registered snapshot kinds: the built-in accumulators and every {@link
   * SnapshotCodec} found through {@link java.util.ServiceLoader}.
   *
   * @return the kind names, unmodifiable
   */
  public static Set<String> kinds() {
    return CodecRegistry.kinds();
  }

  /**
   * Checks, before any data arrives, that the accumulators a factory makes can be checkpointed: the
   * empty one it gives is written and read back as {@code type}. A window store, a stream adapter
   * or a plugin's own state keeps accumulators as these bytes, so an accumulator without a
   * registered snapshot format would otherwise fail at its first checkpoint, or have every record
   * refused as bad data. Thread-safe when the factory is.
   *
   * @param factory gives an empty accumulator
   * @param type the class the snapshot is read back as
   * @param factoryName the factory's name in the messages, e.g. {@code "factory"}
   * @param <A> the accumulator type
   * @throws IllegalArgumentException if the factory gives {@code null}, or the accumulator has no
   *     snapshot format or does not read back as {@code type}; the message names the factory and
   *     the class
   */
  public static <A extends KpiAccumulator<A, ?>> void requireStorable(
      Supplier<? extends A> factory, Class<A> type, String factoryName) {
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(factoryName, "factoryName");
    A empty = factory.get();
    if (empty == null) {
      throw new IllegalArgumentException(
          factoryName + " gave null, not an empty " + type.getName());
    }
    try {
      fromBytes(toBytes(empty), type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "accumulators are kept as KpiSnapshots bytes, but the "
              + empty.getClass().getName()
              + " that "
              + factoryName
              + " gives cannot be: "
              + e.getMessage(),
          e);
    }
  }

  private static SnapshotCodec<?> codecOf(KpiAccumulator<?, ?> a) {
    SnapshotCodec<?> codec = CodecRegistry.forType(a.getClass());
    if (codec == null) {
      throw new IllegalArgumentException(
          "accumulator "
              + a.getClass().getName()
              + " has no snapshot format: register a SnapshotCodec for it through ServiceLoader");
    }
    return codec;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void write(SnapshotCodec codec, KpiAccumulator<?, ?> a, SnapshotCodec.Output out) {
    codec.write((KpiAccumulator) codec.type().cast(a), out);
  }

  /** The frame's kind byte of a kind name: 1..12 for the built-in accumulators, else 0. */
  private static int builtInId(String kind) {
    for (int k = 1; k <= LAST_ACCUMULATOR; k++) {
      if (NAMES[k].equals(kind)) {
        return k;
      }
    }
    return PLUGIN_KIND;
  }

  /**
   * Encodes an accumulator as JSON.
   *
   * @param accumulator any accumulator of this package
   * @return the JSON text
   */
  public static String toJson(KpiAccumulator<?, ?> accumulator) {
    try {
      return MAPPER.writeValueAsString(SnapshotFrame.sealJson(MAPPER, toTree(accumulator)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON snapshot", e);
    }
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }

  static ObjectNode toTree(KpiAccumulator<?, ?> accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    ObjectNode root = MAPPER.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", FORMAT_VERSION);
    SnapshotCodec<?> codec = codecOf(accumulator);
    root.put("kind", codec.kind());
    ObjectNode state = root.putObject("state");
    write(
        codec,
        accumulator,
        new SnapshotCodec.Output() {
          @Override
          public void putLong(String name, long value) {
            state.put(name, value);
          }

          @Override
          public void putDouble(String name, double value) {
            state.put(name, value);
          }

          @Override
          public void putBytes(String name, byte[] value) {
            state.put(name, Base64.getEncoder().encodeToString(value));
          }

          @Override
          public void putString(String name, String value) {
            state.put(name, Utf16.require(Objects.requireNonNull(value, name), name));
          }
        });
    return root;
  }

  /**
   * Decodes a JSON snapshot.
   *
   * @param json the JSON text
   * @return the restored accumulator
   * @throws IllegalArgumentException if malformed; the message names the JSON path
   */
  public static KpiAccumulator<?, ?> fromJson(String json) {
    String text = JsonInput.withoutBom(Objects.requireNonNull(json, "json"));
    return locating(text, () -> fromTree(parse(text), ""));
  }

  /**
   * Parses snapshot JSON strictly (no repeated keys, nothing after the document); a syntax error is
   * located where the parser stopped, and a checksum error at {@code crc32c}.
   */
  static JsonNode parse(String json) {
    JsonNode root;
    try {
      root = JsonInput.readSnapshotTree(MAPPER, json);
    } catch (JsonProcessingException e) {
      String what =
          "snapshot is not valid JSON: "
              + Excerpt.message(JsonInput.jacksonMessage(e.getOriginalMessage()));
      var l = e.getLocation();
      if (l == null || l.getLineNr() < 1) {
        // a read constraint (e.g. the nesting depth) carries no location: read to the same failure
        throw new IllegalArgumentException(failureOf(json, what));
      }
      String path =
          e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser p
              ? JsonInput.pathOf(p.getParsingContext())
              : "$";
      throw new IllegalArgumentException(
          JsonInput.located(what, path, l.getLineNr(), l.getColumnNr()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // the text is in memory: cannot happen
    }
    if (root == null || root.isMissingNode()) {
      throw new IllegalArgumentException(
          failureOf(json, "snapshot is not valid JSON: no JSON value: the document is empty"));
    }
    if (root instanceof ObjectNode object) {
      try {
        SnapshotFrame.unsealJson(MAPPER, object);
      } catch (IllegalArgumentException e) {
        throw JsonInput.locate(json, error(e.getMessage(), SnapshotFrame.JSON_CRC));
      }
    }
    return root;
  }

  /**
   * {@code what}, located where a streaming read of {@code json} fails or, for text without a
   * value, ends.
   */
  private static String failureOf(String json, String what) {
    com.fasterxml.jackson.core.JsonParser p = null;
    try {
      p = MAPPER.getFactory().createParser(json);
      while (p.nextToken() != null) {
        // read until the same failure, or the end
      }
    } catch (java.io.IOException e) {
      // p stops where the document fails
    }
    if (p == null) {
      return JsonInput.located(what, "$");
    }
    var l = p.currentLocation();
    String located =
        JsonInput.located(
            what, JsonInput.pathOf(p.getParsingContext()), l.getLineNr(), l.getColumnNr());
    try {
      p.close();
    } catch (java.io.IOException ignored) {
      // a string parser holds no resource
    }
    return located;
  }

  /** Decodes a snapshot object; {@code path} prefixes field names in errors (e.g. "groups[2]."). */
  static KpiAccumulator<?, ?> fromTree(JsonNode root, String path) {
    return fromTree(root, path, null);
  }

  private static final Set<String> ENVELOPE = Set.of("format", "version", "kind", "state");

  /**
   * Decodes a snapshot object; {@code path} prefixes field names in errors (e.g. "groups[2].");
   * {@code type}, if not null, is checked against the kind before the state is read.
   */
  static KpiAccumulator<?, ?> fromTree(JsonNode root, String path, Class<?> type) {
    if (root == null || !root.isObject()) {
      throw error(
          (path.isEmpty() ? "snapshot" : nameOf(path)) + " must be a JSON object",
          path.isEmpty() ? "$" : path);
    }
    if (path.isEmpty()) {
      rejectStateful(root);
    }
    rejectUnknown(root, ENVELOPE, path);
    if (!FORMAT.equals(root.path("format").asText())) {
      throw error(
          "format is " + Excerpt.of(root.path("format")) + " but must be \"" + FORMAT + "\"",
          path + "format");
    }
    JsonNode version = root.path("version");
    if (!version.isIntegralNumber() || !version.canConvertToInt()) {
      throw error(
          "version is " + Excerpt.of(version) + " but must be an integer", path + "version");
    }
    if (version.intValue() != FORMAT_VERSION) {
      throw error(
          "version is " + version.intValue() + " but this library reads version " + FORMAT_VERSION,
          path + "version");
    }
    JsonNode kindNode = root.path("kind");
    if (type != null) {
      checkKind(
          kindNode.isTextual() ? "\"" + kindNode.textValue() + "\"" : Excerpt.of(kindNode),
          type,
          "kind",
          path + "kind");
    }
    SnapshotCodec<?> codec =
        kindNode.isTextual() ? CodecRegistry.forKind(kindNode.textValue()) : null;
    if (codec == null) {
      throw unknownKind(Excerpt.of(kindNode), "kind", path + "kind");
    }
    String kind = codec.kind();
    JsonNode state = root.path("state");
    if (!state.isObject()) {
      throw error("state is " + Excerpt.of(state) + " but must be an object", path + "state");
    }
    Set<String> read = new HashSet<>();
    SnapshotCodec.Input src =
        new SnapshotCodec.Input() {
          private JsonNode field(String name) {
            JsonNode n = state.get(name);
            read.add(name);
            if (n == null || n.isNull()) {
              throw error(
                  name + " is missing, which kind \"" + kind + "\" needs", path + "state." + name);
            }
            return n;
          }

          @Override
          public long getLong(String name) {
            JsonNode n = field(name);
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
              throw invalid(name, n, "must be an integer");
            }
            return n.longValue();
          }

          @Override
          public double getDouble(String name) {
            JsonNode n = field(name);
            if (!n.isNumber()) {
              throw invalid(name, n, "must be a number");
            }
            return n.doubleValue();
          }

          @Override
          public byte[] getBytes(String name) {
            JsonNode n = field(name);
            if (!n.isTextual()) { // an array or object read as "" was an empty sketch: data lost
              throw invalid(name, n, "must be a base64 string");
            }
            try {
              return Base64.getDecoder().decode(n.asText());
            } catch (IllegalArgumentException e) {
              throw invalid(name, n, "must be base64");
            }
          }

          @Override
          public String getString(String name) {
            JsonNode n = field(name);
            if (!n.isTextual()) {
              throw invalid(name, n, "must be a string");
            }
            // as the writer requires (putString): a text the snapshot could not store again
            int bad = Utf16.unpairedSurrogate(n.textValue());
            if (bad >= 0) {
              throw error(Utf16.problem(name, n.textValue(), bad), path + "state." + name);
            }
            return n.textValue();
          }

          @Override
          public IllegalArgumentException invalid(String name, Object value, String rule) {
            // a number the codec read quotes the document's literal (1e3, not 1000.0)
            JsonNode n = state.get(name);
            Object quoted =
                value instanceof Number v
                        && n != null
                        && n.isNumber()
                        && Double.compare(v.doubleValue(), n.doubleValue()) == 0
                    ? n
                    : value;
            return error(
                name + " is " + Excerpt.of(quoted) + " but " + rule, path + "state." + name);
          }
        };
    KpiAccumulator<?, ?> a;
    try {
      a = codec.read(src);
    } catch (PathError e) {
      throw e;
    } catch (RuntimeException e) {
      // a codec's own check, not through Input.invalid: about the state as a whole
      RuntimeException failure = pluginFailure(codec, e);
      if (!(failure instanceof IllegalArgumentException)) {
        throw failure; // a built-in codec's bug
      }
      throw error(String.valueOf(failure.getMessage()), path + "state");
    }
    rejectUnknown(state, read, path + "state.");
    return a;
  }

  /** Fails on the first field of {@code node} not in {@code known}. */
  static void rejectUnknown(JsonNode node, Set<String> known, String path) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw error(
            (name.length() <= JsonInput.MAX_EXCERPT
                    ? "unknown field " + Excerpt.of(MAPPER.getNodeFactory().textNode(name))
                    // the path quotes its bounded excerpt: say it once
                    : "unknown field of " + name.length() + " characters")
                + "; known: "
                + String.join(", ", new java.util.TreeSet<>(known)),
            path + JsonInput.excerpt(name));
      }
    }
  }

  /**
   * Decodes a JSON snapshot of a known type.
   *
   * @param json the JSON text
   * @param type the expected accumulator class
   * @param <A> the accumulator type
   * @return the restored accumulator
   * @throws IllegalArgumentException if malformed or of another kind
   */
  public static <A extends KpiAccumulator<?, ?>> A fromJson(String json, Class<A> type) {
    String text = JsonInput.withoutBom(Objects.requireNonNull(json, "json"));
    Objects.requireNonNull(type, "type");
    return locating(text, () -> cast(fromTree(parse(text), "", type), type, "kind"));
  }

  private static <A> A cast(KpiAccumulator<?, ?> a, Class<A> type, String path) {
    if (!type.isInstance(a)) {
      throw error(
          "kind is " + a.getClass().getSimpleName() + " but must be " + type.getSimpleName(), path);
    }
    return type.cast(a);
  }

  /** The kind byte of a plugin kind, whose name follows as a string. */
  private static final int PLUGIN_KIND = 0;

  private static final int LAST_ACCUMULATOR = 12;

  /**
   * The frame's kind bytes of the built-in kinds (index = byte); the format reserves them, the
   * codecs themselves come from the registry.
   */
  private static final String[] NAMES = {
    "",
    "rating",
    "nps",
    "duration",
    "handleTime",
    "outcome",
    "serviceLevel",
    "percentile",
    "drillDown",
    "agentTime",
    "cost",
    "backlog",
    "productivity",
    "revisedValues",
    "repeatContacts"
  };

  /** The name of a built-in kind byte (1..14). */
  static String kindName(int id) {
    return id >= 1 && id < NAMES.length ? NAMES[id] : "kind " + id;
  }
}
