package dev.servicekit.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.kpi.internal.Binary;
import dev.servicekit.kpi.internal.JsonInput;
import dev.servicekit.kpi.internal.StateSink;
import dev.servicekit.kpi.internal.StateSource;
import java.util.Base64;
import java.util.Objects;

/**
 * Versioned binary and JSON snapshots of every accumulator, to checkpoint state, store it in the
 * CRM's database and restore it.
 *
 * <p>Binary format, version 1: byte 0 = format version ({@value #FORMAT_VERSION}), byte 1 = the
 * accumulator kind, then the kind's fields in a fixed order, integers as zig-zag varints (1 byte
 * for values in &minus;64..63), doubles as 8 little-endian bytes, byte blocks length-prefixed. JSON
 * format: {@code {"format":"servicekit-kpi","version":1,"kind":"nps","state":{"promoters":6,...}}}
 * with the same field names. Both decoders validate every field and report bad input as {@link
 * IllegalArgumentException} naming the field (the JSON path for JSON) and the rule; decoding a
 * newer version fails rather than guessing.
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
  private static final ObjectMapper MAPPER = new ObjectMapper();

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
                "snapshot field " + name + " is " + value + " but " + rule);
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
    Objects.requireNonNull(type, "type");
    return cast(fromBytes(bytes), type);
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
    JsonNode root = JsonInput.parse(json, "snapshot is not valid JSON: ");
    return fromTree(root, "");
  }

  /** Decodes a snapshot object; {@code path} prefixes field names in errors (e.g. "groups[2]."). */
  static KpiAccumulator<?, ?> fromTree(JsonNode root, String path) {
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException(
          (path.isEmpty() ? "snapshot" : path.substring(0, path.length() - 1))
              + " must be a JSON object");
    }
    if (!FORMAT.equals(root.path("format").asText())) {
      throw new IllegalArgumentException(
          path + "format is " + root.path("format") + " but must be \"" + FORMAT + "\"");
    }
    JsonNode version = root.path("version");
    if (!version.canConvertToInt()) {
      throw new IllegalArgumentException(
          path + "version is " + version + " but must be an integer");
    }
    checkVersion(version.intValue(), path + "version");
    int kind = kindOf(root.path("kind").asText(), path);
    JsonNode state = root.path("state");
    if (!state.isObject()) {
      throw new IllegalArgumentException(path + "state is " + state + " but must be an object");
    }
    StateSource src =
        new StateSource() {
          private JsonNode field(String name) {
            JsonNode n = state.get(name);
            if (n == null || n.isNull()) {
              throw new IllegalArgumentException(path + "state." + name + " is missing");
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
                path + "state." + name + " is " + value + " but " + rule);
          }
        };
    return read(kind, src, path + "kind");
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
    Objects.requireNonNull(type, "type");
    return cast(fromJson(json), type);
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

  private static int kindOf(String name, String path) {
    for (int i = 1; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        path
            + "kind is \""
            + name
            + "\" but must be one of "
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
