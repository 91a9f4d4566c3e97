package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Every public reader of kpi-core under hostile input, in the normal build (the Jazzer targets of
 * {@link SnapshotFuzzTest} only replay their inputs there): the fuzz seeds of every snapshot
 * decoder (accumulators, revision and repeat-contact trackers, window tables; binary and JSON)
 * truncated, with a character or byte changed, with garbage inserted (huge strings, deep nesting,
 * huge numbers, control, line and paragraph separators, byte order marks, lone surrogates) or a
 * slice repeated, as given and with the checksum made to match again, and {@link GroupKey#parse}.
 * The only outcomes allowed are a value or an {@link IllegalArgumentException} (never an internal
 * subclass) whose message is bounded, carries no raw line break, and names where: the JSON readers
 * a line and column.
 */
class EveryReaderHostileInputProperties {

  static final int MAX_MESSAGE = 500;

  /**
   * The one layout of a JSON error, snapshots included: what is wrong, then {@code (at $.path, line
   * L, column C)} (or {@code byte B} for a stream that is not UTF-8).
   */
  private static final Pattern LINE_AND_COLUMN =
      Pattern.compile("(?s).+ \\(at \\$.*, line \\d+, (column|byte) \\d+\\)");

  private static final Pattern ANY_NONEMPTY = Pattern.compile("(?s).+");

  static final List<String> GARBAGE =
      List.of(
          "1e999999999",
          "99999999999999999999999",
          "-0.0e-99999",
          "\\u0000",
          "\\ud800",
          "\u0000",
          "\r",
          "\u2028",
          "\uFEFF",
          "\uD800",
          "]",
          "}",
          "{",
          "[",
          "\"",
          ",",
          ":",
          "null",
          "x".repeat(70_000),
          "\"" + "y".repeat(70_000) + "\"",
          "[".repeat(40),
          "{\"a\":".repeat(40));

  static <T> T read(Pattern location, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      assertEquals(
          IllegalArgumentException.class,
          e.getClass(),
          "only the public exception type reaches callers");
      String m = e.getMessage();
      assertNotNull(m);
      assertTrue(
          m.length() <= MAX_MESSAGE,
          () -> m.length() + " chars: " + m.substring(0, Math.min(200, m.length())));
      assertTrue(location.matcher(m).matches(), () -> "no location in: " + m);
      assertFalse(
          m.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0 || c == 0x2028),
          () -> "a line break or NUL in: " + m);
      return null;
    }
  }

  @Property(tries = 300)
  void accumulatorSnapshotBytes(@ForAll("accumulatorBytes") byte[] bytes) {
    KpiAccumulator<?, ?> a = read(ANY_NONEMPTY, () -> KpiSnapshots.fromBytes(bytes));
    if (a != null) {
      assertTrue(Arrays.equals(a.toBytes(), KpiSnapshots.fromBytes(a.toBytes()).toBytes()));
    }
  }

  @Property(tries = 300)
  void accumulatorSnapshotJson(@ForAll("accumulatorJson") String json) {
    KpiAccumulator<?, ?> a = read(LINE_AND_COLUMN, () -> KpiSnapshots.fromJson(json));
    if (a != null) {
      String again = KpiSnapshots.toJson(a);
      assertEquals(again, KpiSnapshots.toJson(KpiSnapshots.fromJson(again)));
    }
  }

  /**
   * The keyed and window snapshots: the seed's first byte picks the decoder, as in the fuzz test.
   */
  @Property(tries = 400)
  void keyedAndWindowSnapshots(@ForAll("keyed") Tuple.Tuple2<Integer, byte[]> input) {
    byte[] rest = input.get2();
    String text = new String(rest, StandardCharsets.UTF_8);
    switch (input.get1()) {
      case 0 ->
          read(
              ANY_NONEMPTY,
              () -> RevisedValues.fromBytes(rest, RatingAccumulator.class, KeyCodec.strings()));
      case 1 ->
          read(
              LINE_AND_COLUMN,
              () -> RevisedValues.fromJson(text, NpsAccumulator.class, KeyCodec.strings()));
      case 2 -> read(ANY_NONEMPTY, () -> RepeatContactTracker.fromBytes(rest, KeyCodec.strings()));
      case 3 ->
          read(LINE_AND_COLUMN, () -> RepeatContactTracker.fromJson(text, KeyCodec.strings()));
      case 4 ->
          read(
              ANY_NONEMPTY,
              () ->
                  WindowedKpi.fromBytes(
                      rest, DurationAccumulator::create, DurationAccumulator.class, k -> k));
      case 5 ->
          read(
              LINE_AND_COLUMN,
              () ->
                  WindowedKpi.fromJson(text, NpsAccumulator::create, NpsAccumulator.class, k -> k));
      case 6 ->
          read(ANY_NONEMPTY, () -> KpiSnapshots.fromBytes(rest, ServiceLevelAccumulator.class));
      default ->
          read(LINE_AND_COLUMN, () -> KpiSnapshots.fromJson(text, PercentileAccumulator.class));
    }
  }

  @Property(tries = 200)
  void staffing(@ForAll("staffingJson") String json) {
    read(STAFFING_LOCATION, () -> dev.servicekit.kpi.staffing.StaffingJson.readTarget(json));
    read(STAFFING_LOCATION, () -> dev.servicekit.kpi.staffing.StaffingJson.readForecast(json));
  }

  /** The staffing reader goes through kpi-core's JsonInput, which names a line and column. */
  private static final Pattern STAFFING_LOCATION = LINE_AND_COLUMN;

  @Property(tries = 300)
  void groupKeys(@ForAll("groupKeyText") String text) {
    GroupKey k = read(ANY_NONEMPTY, () -> GroupKey.parse(text));
    if (k != null) {
      assertEquals(k, GroupKey.parse(k.toString()));
    }
  }

  // ---- seeds: the fuzz tests' inputs ----

  static List<byte[]> seeds(String method) {
    try {
      Path dir =
          Path.of(
              EveryReaderHostileInputProperties.class
                  .getResource("SnapshotFuzzTestInputs/" + method)
                  .toURI());
      List<byte[]> out = new ArrayList<>();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path p : files.sorted().toList()) {
          out.add(Files.readAllBytes(p));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Provide
  Arbitrary<byte[]> accumulatorBytes() {
    Arbitrary<byte[]> seeds = Arbitraries.of(seeds("binaryAccumulatorSnapshot"));
    return Arbitraries.oneOf(byteMutations(seeds), byteMutations(seeds).map(Resealed::bytes));
  }

  @Provide
  Arbitrary<String> accumulatorJson() {
    Arbitrary<String> seeds =
        Arbitraries.of(seeds("jsonAccumulatorSnapshot"))
            .map(b -> new String(b, StandardCharsets.UTF_8));
    return Arbitraries.oneOf(mutations(seeds), mutations(seeds).map(Resealed::json));
  }

  @Provide
  Arbitrary<Tuple.Tuple2<Integer, byte[]>> keyed() {
    List<Tuple.Tuple2<Integer, byte[]>> inputs = new ArrayList<>();
    for (byte[] s : seeds("keyedAndWindowSnapshots")) {
      if (s.length > 0) {
        inputs.add(Tuple.of(Math.floorMod(s[0], 8), Arrays.copyOfRange(s, 1, s.length)));
      }
    }
    return Arbitraries.of(inputs)
        .flatMap(
            t -> {
              Arbitrary<byte[]> seed = Arbitraries.just(t.get2());
              boolean json = t.get1() % 2 == 1;
              Arbitrary<byte[]> mutated =
                  json
                      ? Arbitraries.oneOf(
                              mutations(seed.map(b -> new String(b, StandardCharsets.UTF_8))),
                              mutations(seed.map(b -> new String(b, StandardCharsets.UTF_8)))
                                  .map(Resealed::json))
                          .map(s -> s.getBytes(StandardCharsets.UTF_8))
                      : Arbitraries.oneOf(
                          byteMutations(seed), byteMutations(seed).map(Resealed::bytes));
              return mutated.map(b -> Tuple.of(t.get1(), b));
            });
  }

  @Provide
  Arbitrary<String> staffingJson() {
    return mutations(
        Arbitraries.of(
            "{\"serviceLevel\":0.8,\"answerWithin\":\"PT20S\",\"shrinkage\":0.3}",
            "{\"intervalLength\":\"PT30M\",\"averageHandleTime\":\"PT3M\",\"intervals\":"
                + "[{\"start\":\"08:00\",\"calls\":100},{\"start\":\"08:30\",\"calls\":120,"
                + "\"averageHandleTime\":\"PT200S\"}]}"));
  }

  @Provide
  Arbitrary<String> groupKeyText() {
    return mutations(Arbitraries.of("channel=chat,team=billing", "a=b", "", "x=\\,y"));
  }

  // ---- mutation operators (the same as sla-core's and qa-core's suites) ----

  static Arbitrary<String> mutations(Arbitrary<String> seeds) {
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    Arbitrary<String> truncated =
        Combinators.combine(seeds, at).as((s, f) -> s.substring(0, (int) (f * s.length())));
    Arbitrary<String> flipped =
        Combinators.combine(seeds, at, Arbitraries.chars())
            .as(
                (s, f, c) -> {
                  if (s.isEmpty()) {
                    return String.valueOf(c);
                  }
                  int i = Math.min(s.length() - 1, (int) (f * s.length()));
                  return s.substring(0, i) + c + s.substring(i + 1);
                });
    Arbitrary<String> inserted =
        Combinators.combine(seeds, at, Arbitraries.of(GARBAGE))
            .as(
                (s, f, g) -> {
                  int i = (int) (f * s.length());
                  return s.substring(0, i) + g + s.substring(i);
                });
    Arbitrary<String> twice =
        Combinators.combine(seeds, at, at)
            .as(
                (s, f, g) -> {
                  int i = (int) (f * s.length());
                  int j = i + (int) (g * (s.length() - i));
                  return s.substring(0, j) + s.substring(i);
                });
    return Arbitraries.frequencyOf(
        Tuple.of(3, truncated),
        Tuple.of(3, flipped),
        Tuple.of(4, inserted),
        Tuple.of(1, twice),
        Tuple.of(1, seeds));
  }

  static Arbitrary<byte[]> byteMutations(Arbitrary<byte[]> seeds) {
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    Arbitrary<byte[]> truncated =
        Combinators.combine(seeds, at).as((b, f) -> Arrays.copyOf(b, (int) (f * b.length)));
    Arbitrary<byte[]> flipped =
        Combinators.combine(seeds, at, Arbitraries.integers().between(0, 7))
            .as(
                (b, f, bit) -> {
                  if (b.length == 0) {
                    return b;
                  }
                  byte[] out = b.clone();
                  out[Math.min(b.length - 1, (int) (f * b.length))] ^= (byte) (1 << bit);
                  return out;
                });
    Arbitrary<byte[]> set =
        Combinators.combine(
                seeds, at, Arbitraries.of((byte) 0xFF, (byte) 0x80, (byte) 0x7F, (byte) 0))
            .as(
                (b, f, v) -> {
                  if (b.length == 0) {
                    return b;
                  }
                  byte[] out = b.clone();
                  out[Math.min(b.length - 1, (int) (f * b.length))] = v;
                  return out;
                });
    Arbitrary<byte[]> inserted =
        Combinators.combine(seeds, at, Arbitraries.bytes().array(byte[].class).ofMaxSize(12))
            .as(
                (b, f, junk) -> {
                  int i = (int) (f * b.length);
                  byte[] out = new byte[b.length + junk.length];
                  System.arraycopy(b, 0, out, 0, i);
                  System.arraycopy(junk, 0, out, i, junk.length);
                  System.arraycopy(b, i, out, i + junk.length, b.length - i);
                  return out;
                });
    return Arbitraries.oneOf(truncated, flipped, set, inserted);
  }
}
