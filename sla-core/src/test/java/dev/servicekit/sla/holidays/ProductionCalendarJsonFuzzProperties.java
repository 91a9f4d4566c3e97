package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzes the JSON reader with single-character mutations of valid documents: every input is either
 * read or rejected with an {@link IllegalArgumentException}; no other exception escapes.
 */
class ProductionCalendarJsonFuzzProperties {

  private static final List<String> SEEDS =
      List.of(
          ProductionCalendarJson.write(BundledCalendars.russia(2025)),
          """
          {"country":"DE","subdivision":"BY","from":"2026-01-01","until":"2026-03-01",
           "source":["a","b"],"shortened":[{"date":"2026-01-05","by":"PT1H30M"}],
           "workingDays":[{"date":"2026-01-10","as":"friday"}],"remove":["2026-01-06"]}
          """);

  private static final String ALPHABET = "{}[]\":,.-0123456789PTHMSabcdefyrnu \\\u0000é";

  @Property(tries = 500)
  void mutatedDocumentsAreReadOrRejectedWithIllegalArgumentException(
      @ForAll("seeds") String seed,
      @ForAll("mutations") Mutation mutation,
      @ForAll("fractions") double at,
      @ForAll("characters") char c) {
    int pos = (int) (at * seed.length());
    String input =
        switch (mutation) {
          case DELETE -> seed.substring(0, pos) + seed.substring(Math.min(seed.length(), pos + 1));
          case INSERT -> seed.substring(0, pos) + c + seed.substring(pos);
          case REPLACE ->
              seed.substring(0, pos) + c + seed.substring(Math.min(seed.length(), pos + 1));
        };
    try {
      CalendarCorrections read = ProductionCalendarJson.read(input);
      // Whatever was accepted must survive a round trip unchanged.
      assertEquals(read, ProductionCalendarJson.read(ProductionCalendarJson.write(read)));
    } catch (IllegalArgumentException expected) {
      // rejected with a message; fine
    }
  }

  enum Mutation {
    DELETE,
    INSERT,
    REPLACE
  }

  @Provide
  Arbitrary<String> seeds() {
    return Arbitraries.of(SEEDS);
  }

  @Provide
  Arbitrary<Mutation> mutations() {
    return Arbitraries.of(Mutation.class);
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1).filter(d -> d < 1);
  }

  @Provide
  Arbitrary<Character> characters() {
    return Arbitraries.of(ALPHABET.chars().mapToObj(i -> (char) i).toList());
  }
}
