package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.kpi.staffing.StaffingJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every JSON reader of kpi-core under structure-aware mutations of valid documents ({@link
 * JsonTreeMutations}): a value of another type or an extreme value at any path, a duplicate key, a
 * removed field, trailing garbage; snapshots as mutated and with their checksum made to match again
 * ({@link Resealed#json}, also keeping the literals). The outcome is a value that re-encodes to
 * itself, or an {@link IllegalArgumentException} of at most 500 characters on one line, ending in
 * {@code (at $path, line L, column C)}.
 */
class JsonTypeSwapProperties {

  private static final Pattern LINE_AND_COLUMN =
      Pattern.compile("(?s).+ \\(at \\$.*, line \\d+, (column|byte) \\d+\\)");

  private static <T> T read(Supplier<T> reader) {
    return EveryReaderHostileInputProperties.read(LINE_AND_COLUMN, reader);
  }

  @Property(tries = 400)
  void accumulatorSnapshots(@ForAll("accumulatorJson") String json) {
    KpiAccumulator<?, ?> a = read(() -> KpiSnapshots.fromJson(json));
    if (a != null) {
      String again = KpiSnapshots.toJson(a);
      assertEquals(again, KpiSnapshots.toJson(KpiSnapshots.fromJson(again)));
    }
  }

  @Property(tries = 300)
  void revisedValues(@ForAll("revisedJson") String json) {
    var r = read(() -> RevisedValues.fromJson(json, NpsAccumulator.class, KeyCodec.strings()));
    if (r != null) {
      String again = r.toJson(KeyCodec.strings());
      assertEquals(
          again,
          RevisedValues.fromJson(again, NpsAccumulator.class, KeyCodec.strings())
              .toJson(KeyCodec.strings()));
    }
  }

  @Property(tries = 300)
  void repeatContacts(@ForAll("repeatJson") String json) {
    var t = read(() -> RepeatContactTracker.fromJson(json, KeyCodec.strings()));
    if (t != null) {
      String again = t.toJson(KeyCodec.strings());
      assertEquals(
          again,
          RepeatContactTracker.fromJson(again, KeyCodec.strings()).toJson(KeyCodec.strings()));
    }
  }

  @Property(tries = 300)
  void windows(@ForAll("windowJson") String json) {
    var w =
        read(
            () -> WindowedKpi.fromJson(json, NpsAccumulator::create, NpsAccumulator.class, k -> k));
    if (w != null) {
      String again = w.toJson(k -> k);
      assertEquals(
          again,
          WindowedKpi.fromJson(again, NpsAccumulator::create, NpsAccumulator.class, k -> k)
              .toJson(k -> k));
    }
  }

  @Property(tries = 200)
  void staffing(@ForAll("staffingJson") String json) {
    read(() -> StaffingJson.readTarget(json));
    read(() -> StaffingJson.readForecast(json));
  }

  // ---- seeds: the fuzz tests' inputs ----

  private static Arbitrary<String> snapshots(List<String> seeds) {
    Arbitrary<String> mutated = JsonTreeMutations.of(Arbitraries.of(seeds));
    return Arbitraries.oneOf(
        mutated,
        mutated.map(Resealed::json),
        mutated.map(JsonTypeSwapProperties::resealKeepingLiterals));
  }

  /**
   * {@link Resealed#jsonKeepingLiterals}: the checksum made to match while a literal such as {@code
   * 1E-400} or a duplicate key stays in the text (rewritten from the tree, they would read {@code
   * 0.0} or the last value); the text as it is if it is not a snapshot object.
   */
  private static String resealKeepingLiterals(String json) {
    try {
      return Resealed.jsonKeepingLiterals(json);
    } catch (IllegalStateException notAnObject) {
      return json;
    }
  }

  /** The keyed fuzz seeds whose selector byte is {@code selector}, without it, as text. */
  private static List<String> keyed(int selector) {
    List<String> out = new ArrayList<>();
    for (byte[] s : EveryReaderHostileInputProperties.seeds("keyedAndWindowSnapshots")) {
      if (s.length > 0 && s[0] == selector) {
        out.add(new String(Arrays.copyOfRange(s, 1, s.length), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Provide
  Arbitrary<String> accumulatorJson() {
    List<String> seeds = new ArrayList<>();
    for (byte[] s : EveryReaderHostileInputProperties.seeds("jsonAccumulatorSnapshot")) {
      seeds.add(new String(s, StandardCharsets.UTF_8));
    }
    return snapshots(seeds);
  }

  @Provide
  Arbitrary<String> revisedJson() {
    return snapshots(keyed(1));
  }

  @Provide
  Arbitrary<String> repeatJson() {
    return snapshots(keyed(3));
  }

  @Provide
  Arbitrary<String> windowJson() {
    return snapshots(keyed(5));
  }

  @Provide
  Arbitrary<String> staffingJson() {
    return JsonTreeMutations.of(
        Arbitraries.of(
            "{\"serviceLevel\":0.8,\"answerWithin\":\"PT20S\",\"shrinkage\":0.3}",
            "{\"intervalLength\":\"PT30M\",\"averageHandleTime\":\"PT3M\",\"intervals\":"
                + "[{\"start\":\"08:00\",\"calls\":100},{\"start\":\"08:30\",\"calls\":120,"
                + "\"averageHandleTime\":\"PT200S\"}]}"));
  }
}
