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
import dev.servicekit.kpi.internal.StateSink;
import dev.servicekit.kpi.internal.StateSource;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;

/**
 * Versioned binary and JSON snapshots of every accumulator, to checkpoint state, store it in the
 * CRM's database and restore it.
 *
 * <p>Binary format, version 1: byte 0 = format version ({@value #FORMAT_VERSION}), byte 1 = the
 * accumulator kind, then the kind's fields in a fixed order, integers as zig-zag varints (1 byte
 * for values in &minus;64..63), doubles as 8 little-endian bytes, byte blocks length-prefixed. JSON
 * format: {@code {"format":"servicekit-kpi","version":1,"kind":"nps","state":{"promoters":6,...}}}
 * with the same field names. Both decoders validate every field and report bad input as {@link
 * IllegalArgumentException} naming the field (the JSON path for JSON), the rule and a bounded
 * excerpt of the value; decoding a newer version fails rather than guessing. The JSON decoder is
 * strict: an unknown or repeated field, or text after the document, is an error. Decoding with an
 * expected type checks the kind before the state, so a snapshot of another kind fails with {@code
 * "kind mismatch: expected \"nps\", found \"duration\""}.
 *
 * <p>Kinds 1..12 are the accumulators ({@code "rating"}, {@code "nps"}, ..., {@code
 * "productivity"}) this class decodes. The keyed, stateful types use the same envelope with their
 * own kinds and codecs, since their keys need a {@link KeyCodec}: kind 13 {@code "revisedValues"}
 * ({@link RevisedValues#toBytes(KeyCodec)}, {@link RevisedValues#fromBytes(byte[], Class,
 * KeyCodec)}) and kind 14 {@code "repeatContacts"} ({@link RepeatContactTracker#toBytes(KeyCodec)},
 * {@link RepeatContactTracker#fromBytes(byte[], KeyCodec)}), each embedding the snapshot of the
 * accumulator it feeds.
 *
 * <p>Encoding is O(state size). This class is stateless and thread-safe.
 */
public final class KpiSnapshots {

  /** The current format version. */
  public static final int FORMAT_VERSION = 1;

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
   * @param accumulator any accumulator of this package
   * @return the snapshot
   */
  public static byte[] toBytes(KpiAccumulator<?, ?> accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    Binary.Writer w = new Binary.Writer();
    w.writeByte(FORMAT_VERSION);
    w.writeByte(kindOf(accumulator));
    write(
        accumulator,
        new StateSink() {
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
            w.writeBlock(value);
          }

          @Override
          public void putString(String name, String value) {
            w.writeString(value);
          }
        });
    return w.toByteArray();
  }

  /**
   * Decodes a binary snapshot.
   *
   * @param bytes the snapshot
   * @return the restored accumulator
   * @throws IllegalArgumentException if the snapshot is malformed, of an unknown kind or version
   */
  public static KpiAccumulator<?, ?> fromBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    Binary.Reader r = new Binary.Reader(bytes);
    int version = r.readByte("version");
    checkVersion(version, "version");
    int kind = r.readByte("kind");
    StateSource src =
        new StateSource() {
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
        };
    KpiAccumulator<?, ?> a = read(kind, src, "kind");
    r.expectEnd();
    return a;
  }

  /**
   * Decodes a binary snapshot of a known type.
   *
   * @param bytes the snapshot
   * @param type the expected accumulator class
   * @param <A> the accumulator type
   * @return the restored accumulator
   * @throws IllegalArgumentException if malformed or of another kind
   */
  public static <A extends KpiAccumulator<?, ?>> A fromBytes(byte[] bytes, Class<A> type) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(type, "type");
    if (bytes.length >= 2 && (bytes[0] & 0xFF) == FORMAT_VERSION) {
      checkKind(bytes[1] & 0xFF, type, "kind");
    }
    return cast(fromBytes(bytes), type);
  }

  /** Fails with "kind mismatch" when {@code kind} is not the kind of {@code type}. */
  static void checkKind(int kind, Class<?> type, String field) {
    int expected = kindOf(type);
    if (expected != 0 && kind != expected) {
      String found = kind >= 1 && kind < NAMES.length ? "\"" + NAMES[kind] + "\"" : "kind " + kind;
      throw new IllegalArgumentException(
          field + " mismatch: expected \"" + NAMES[expected] + "\", found " + found);
    }
  }

  /** The kind of an accumulator class, 0 if it has none (e.g. an interface). */
  private static int kindOf(Class<?> type) {
    for (int k = 1; k < NAMES.length; k++) {
      if (type == CLASSES[k]) {
        return k;
      }
    }
    return 0;
  }

  /**
   * Encodes an accumulator as JSON.
   *
   * @param accumulator any accumulator of this package
   * @return the JSON text
   */
  public static String toJson(KpiAccumulator<?, ?> accumulator) {
    try {
      return MAPPER.writeValueAsString(toTree(accumulator));
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
    root.put("kind", kindName(kindOf(accumulator)));
    ObjectNode state = root.putObject("state");
    write(
        accumulator,
        new StateSink() {
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
            state.put(name, value);
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
    Objects.requireNonNull(json, "json");
    return fromTree(parse(json), "");
  }

  /** Parses snapshot JSON strictly (no repeated keys, nothing after the document). */
  static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new IllegalArgumentException(
          "snapshot is not valid JSON" + where + ": " + Excerpt.message(e.getOriginalMessage()));
    }
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
      throw new IllegalArgumentException(
          (path.isEmpty() ? "snapshot" : path.substring(0, path.length() - 1))
              + " must be a JSON object");
    }
    rejectUnknown(root, ENVELOPE, path);
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(
          path
              + "format is "
              + Excerpt.of(root.path("format"))
              + " but must be \""
              + FORMAT
              + "\"");
    }
    JsonNode version = root.path("version");
    if (!version.isIntegralNumber() || !version.canConvertToInt()) {
      throw new IllegalArgumentException(
          path + "version is " + Excerpt.of(version) + " but must be an integer");
    }
    checkVersion(version.intValue(), path + "version");
    int kind = kindOf(root.path("kind"), path);
    if (type != null) {
      checkKind(kind, type, path + "kind");
    }
    JsonNode state = root.path("state");
    if (!state.isObject()) {
      throw new IllegalArgumentException(
          path + "state is " + Excerpt.of(state) + " but must be an object");
    }
    Set<String> read = new HashSet<>();
    StateSource src =
        new StateSource() {
          private JsonNode field(String name) {
            JsonNode n = state.get(name);
            read.add(name);
            if (n == null || n.isNull()) {
              throw new IllegalArgumentException(
                  path + "state." + name + " is missing (kind \"" + NAMES[kind] + "\")");
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
            return n.textValue();
          }

          @Override
          public IllegalArgumentException invalid(String name, Object value, String rule) {
            return new IllegalArgumentException(
                path + "state." + name + " is " + Excerpt.of(value) + " but " + rule);
          }
        };
    KpiAccumulator<?, ?> a = read(kind, src, path + "kind");
    rejectUnknown(state, read, path + "state.");
    return a;
  }

  /** Fails on the first field of {@code node} not in {@code known}. */
  static void rejectUnknown(JsonNode node, Set<String> known, String path) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!known.contains(name)) {
        throw new IllegalArgumentException(
            "unknown field "
                + path
                + Excerpt.of(MAPPER.getNodeFactory().textNode(name))
                + " (known: "
                + String.join(", ", new java.util.TreeSet<>(known))
                + ")");
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
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(type, "type");
    return cast(fromTree(parse(json), "", type), type);
  }

  private static <A> A cast(KpiAccumulator<?, ?> a, Class<A> type) {
    if (!type.isInstance(a)) {
      throw new IllegalArgumentException(
          "kind is " + a.getClass().getSimpleName() + " but must be " + type.getSimpleName());
    }
    return type.cast(a);
  }

  private static void checkVersion(int version, String field) {
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          field + " is " + version + " but this library reads version " + FORMAT_VERSION);
    }
  }

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
    "productivity"
  };

  private static String kindName(int kind) {
    return NAMES[kind];
  }

  private static final Class<?>[] CLASSES = {
    null,
    RatingAccumulator.class,
    NpsAccumulator.class,
    DurationAccumulator.class,
    HandleTimeAccumulator.class,
    OutcomeAccumulator.class,
    ServiceLevelAccumulator.class,
    PercentileAccumulator.class,
    DrillDownSample.class,
    AgentTimeAccumulator.class,
    CostAccumulator.class,
    BacklogAccumulator.class,
    ProductivityAccumulator.class
  };

  private static int kindOf(JsonNode name, String path) {
    for (int i = 1; i < NAMES.length; i++) {
      if (name.isTextual() && NAMES[i].equals(name.textValue())) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        path
            + "kind is "
            + Excerpt.of(name)
            + " but must be one of "
            + String.join(", ", NAMES).substring(2));
  }

  private static int kindOf(KpiAccumulator<?, ?> a) {
    if (a instanceof RatingAccumulator) {
      return RatingAccumulator.KIND;
    } else if (a instanceof NpsAccumulator) {
      return NpsAccumulator.KIND;
    } else if (a instanceof DurationAccumulator) {
      return DurationAccumulator.KIND;
    } else if (a instanceof HandleTimeAccumulator) {
      return HandleTimeAccumulator.KIND;
    } else if (a instanceof OutcomeAccumulator) {
      return OutcomeAccumulator.KIND;
    } else if (a instanceof ServiceLevelAccumulator) {
      return ServiceLevelAccumulator.KIND;
    } else if (a instanceof PercentileAccumulator) {
      return PercentileAccumulator.KIND;
    } else if (a instanceof DrillDownSample) {
      return DrillDownSample.KIND;
    } else if (a instanceof AgentTimeAccumulator) {
      return AgentTimeAccumulator.KIND;
    } else if (a instanceof CostAccumulator) {
      return CostAccumulator.KIND;
    } else if (a instanceof BacklogAccumulator) {
      return BacklogAccumulator.KIND;
    } else if (a instanceof ProductivityAccumulator) {
      return ProductivityAccumulator.KIND;
    }
    throw new IllegalArgumentException(
        "accumulator " + a.getClass().getName() + " has no snapshot format");
  }

  private static void write(KpiAccumulator<?, ?> a, StateSink out) {
    if (a instanceof RatingAccumulator r) {
      r.writeState(out);
    } else if (a instanceof NpsAccumulator n) {
      n.writeState(out);
    } else if (a instanceof DurationAccumulator d) {
      d.writeState(out);
    } else if (a instanceof HandleTimeAccumulator h) {
      h.writeState(out);
    } else if (a instanceof OutcomeAccumulator o) {
      o.writeState(out);
    } else if (a instanceof ServiceLevelAccumulator s) {
      s.writeState(out);
    } else if (a instanceof PercentileAccumulator p) {
      p.writeState(out);
    } else if (a instanceof DrillDownSample d) {
      d.writeState(out);
    } else if (a instanceof AgentTimeAccumulator t) {
      t.writeState(out);
    } else if (a instanceof CostAccumulator c) {
      c.writeState(out);
    } else if (a instanceof BacklogAccumulator b) {
      b.writeState(out);
    } else if (a instanceof ProductivityAccumulator p) {
      p.writeState(out);
    } else {
      kindOf(a);
    }
  }

  private static KpiAccumulator<?, ?> read(int kind, StateSource in, String field) {
    return switch (kind) {
      case RatingAccumulator.KIND -> RatingAccumulator.readState(in);
      case NpsAccumulator.KIND -> NpsAccumulator.readState(in);
      case DurationAccumulator.KIND -> DurationAccumulator.readState(in);
      case HandleTimeAccumulator.KIND -> HandleTimeAccumulator.readState(in);
      case OutcomeAccumulator.KIND -> OutcomeAccumulator.readState(in);
      case ServiceLevelAccumulator.KIND -> ServiceLevelAccumulator.readState(in);
      case PercentileAccumulator.KIND -> PercentileAccumulator.readState(in);
      case DrillDownSample.KIND -> DrillDownSample.readState(in);
      case AgentTimeAccumulator.KIND -> AgentTimeAccumulator.readState(in);
      case CostAccumulator.KIND -> CostAccumulator.readState(in);
      case BacklogAccumulator.KIND -> BacklogAccumulator.readState(in);
      case ProductivityAccumulator.KIND -> ProductivityAccumulator.readState(in);
      case RevisedValues.KIND, RepeatContactTracker.KIND ->
          throw new IllegalArgumentException(
              field
                  + " is "
                  + kind
                  + " but must be 1.."
                  + (NAMES.length - 1)
                  + "; decode kind "
                  + kind
                  + " with "
                  + (kind == RevisedValues.KIND ? "RevisedValues" : "RepeatContactTracker")
                  + ".fromBytes");
      default ->
          throw new IllegalArgumentException(
              field + " is " + kind + " but must be 1.." + (NAMES.length - 1));
    };
  }
}
