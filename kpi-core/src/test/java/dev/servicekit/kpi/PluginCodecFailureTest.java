package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A plugin codec's failures reach callers as the readers' documented exception (a new user's
 * review): an {@link IllegalArgumentException} with a raw line break and 2,000 characters passed
 * through both readers as it was (the JSON one cut it to 500 characters, line break included), and
 * any other exception of a plugin's {@code read} (an index out of bounds on hostile bytes) escaped
 * as itself. The plugin here is registered for this module's tests in {@code
 * META-INF/services/dev.servicekit.kpi.SnapshotCodec}.
 */
class PluginCodecFailureTest {

  /** A plugin KPI whose codec fails on chosen values of its one count. */
  public static final class Misbehaving implements KpiAccumulator<Misbehaving, Long> {
    private long n;

    static Misbehaving of(long n) {
      Misbehaving m = new Misbehaving();
      m.n = n;
      return m;
    }

    @Override
    public void merge(Misbehaving other) {
      n = Math.addExact(n, other.n);
    }

    @Override
    public Misbehaving copy() {
      return of(n);
    }

    @Override
    public Long result() {
      return n;
    }

    @Override
    public boolean isEmpty() {
      return n == 0;
    }

    @Override
    public byte[] toBytes() {
      return KpiSnapshots.toBytes(this);
    }

    /** The codec: 7 fails with a forged log line, 8 with an index out of bounds. */
    public static final class Codec implements SnapshotCodec<Misbehaving> {
      /** For ServiceLoader. */
      public Codec() {}

      @Override
      public String kind() {
        return "test.misbehaving";
      }

      @Override
      public Class<Misbehaving> type() {
        return Misbehaving.class;
      }

      @Override
      public void write(Misbehaving a, Output out) {
        out.putLong("n", a.n);
      }

      @Override
      public Misbehaving read(Input in) {
        long n = in.getCount("n");
        if (n == 7) {
          throw new IllegalArgumentException("bad\n2026-12-06 ERROR forged" + "x".repeat(2000));
        }
        if (n == 8) {
          long[] one = new long[1];
          return of(one[(int) n]);
        }
        if (n == 9) {
          throw new IllegalArgumentException("n is 9 but must not be");
        }
        return of(n);
      }
    }
  }

  private static void assertClean(String m) {
    assertTrue(m.length() <= 500, m);
    assertFalse(m.chars().anyMatch(c -> c == '\n' || c == '\r'), m);
  }

  @Test
  void aPluginMessageWithALineBreakIsEscapedAndBoundedInBothForms() {
    Misbehaving seven = Misbehaving.of(7);
    IllegalArgumentException bin =
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromBytes(seven.toBytes()));
    assertTrue(
        bin.getMessage()
            .startsWith(
                "snapshot of kind \"test.misbehaving\" is not valid: bad\\u000a2026-12-06 ERROR"),
        bin.getMessage());
    assertClean(bin.getMessage());
    IllegalArgumentException json =
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromJson(seven.toJson()));
    assertTrue(json.getMessage().endsWith("(at $.state, line 1, column 74)"), json.getMessage());
    assertClean(json.getMessage());
  }

  @Test
  void anyOtherExceptionOfAPluginIsTheDocumentedOneNamingTheCodec() {
    Misbehaving eight = Misbehaving.of(8);
    IllegalArgumentException bin =
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromBytes(eight.toBytes()));
    assertEquals(
        "snapshot of kind \"test.misbehaving\" is not valid: its codec"
            + " dev.servicekit.kpi.PluginCodecFailureTest$Misbehaving$Codec failed:"
            + " java.lang.ArrayIndexOutOfBoundsException: Index 8 out of bounds for length 1",
        bin.getMessage());
    assertInstanceOf(ArrayIndexOutOfBoundsException.class, bin.getCause());
    IllegalArgumentException json =
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromJson(eight.toJson()));
    assertTrue(json.getMessage().contains("ArrayIndexOutOfBoundsException"), json.getMessage());
    assertTrue(json.getMessage().endsWith("(at $.state, line 1, column 74)"), json.getMessage());
  }

  @Test
  void aCleanPluginMessageAndAGoodSnapshotAreAsBefore() {
    Misbehaving nine = Misbehaving.of(9);
    assertEquals(
        "n is 9 but must not be",
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromBytes(nine.toBytes()))
            .getMessage());
    assertEquals(
        "n is 9 but must not be (at $.state, line 1, column 74)",
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromJson(nine.toJson()))
            .getMessage());
    assertEquals(3L, KpiSnapshots.fromBytes(Misbehaving.of(3).toBytes()).result());
    assertEquals(3L, KpiSnapshots.fromJson(Misbehaving.of(3).toJson()).result());
  }
}
