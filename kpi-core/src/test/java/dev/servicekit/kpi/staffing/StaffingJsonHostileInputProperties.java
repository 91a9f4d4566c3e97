package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile-input properties of {@link StaffingJson}: random truncations, character flips and
 * inserted garbage of valid documents are either read or rejected with an {@link
 * IllegalArgumentException} whose message is at most 500 characters and carries a line and column.
 */
class StaffingJsonHostileInputProperties {

  static final List<String> GARBAGE =
      List.of(
          "1e999999999",
          "1E+2147483647",
          "-1e-2147483648",
          "1e-400",
          "0.9999999999",
          "\\u0000",
          "\u0000",
          "]",
          "}",
          "{",
          "\"",
          ",",
          "null",
          "x".repeat(70_000),
          "[".repeat(40));

  @Property(tries = 300)
  void mutatedTargets(@ForAll("targets") String json) {
    read(() -> StaffingJson.readTarget(json));
  }

  @Property(tries = 300)
  void mutatedForecasts(@ForAll("forecasts") String json) {
    read(() -> StaffingJson.readForecast(json));
  }

  static <T> void read(Supplier<T> reader) {
    try {
      assertNotNull(reader.get());
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      assertNotNull(m);
      assertTrue(m.length() <= 500, () -> m.length() + " chars: " + m.substring(0, 200));
      assertTrue(m.matches("(?s).*line \\d+, column \\d+.*"), m);
    }
  }

  @Provide
  Arbitrary<String> targets() {
    return mutations(
        Arbitraries.of(
            "{\"serviceLevel\": 0.8, \"answerWithin\": \"PT20S\", \"maxOccupancy\": 0.85,"
                + " \"shrinkage\": 0.3}"));
  }

  @Provide
  Arbitrary<String> forecasts() {
    return mutations(
        Arbitraries.of(
            "{\"intervalLength\": \"PT30M\", \"averageHandleTime\": \"PT3M\", \"intervals\": ["
                + "{\"start\": \"08:00\", \"calls\": 100},"
                + "{\"start\": \"08:30\", \"calls\": 120.5, \"averageHandleTime\": \"PT200S\"}]}"));
  }

  static Arbitrary<String> mutations(Arbitrary<String> seeds) {
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    Arbitrary<String> truncated =
        Combinators.combine(seeds, at).as((s, f) -> s.substring(0, (int) (f * s.length())));
    Arbitrary<String> flipped =
        Combinators.combine(seeds, at, Arbitraries.chars())
            .as(
                (s, f, c) -> {
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
    return Arbitraries.oneOf(truncated, flipped, inserted);
  }
}
