package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.BundledCalendars;
import dev.servicekit.sla.holidays.CalendarCorrections;
import dev.servicekit.sla.holidays.ProductionCalendarJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile-input properties of the JSON readers of sla-core: random truncations, character flips and
 * inserted garbage of valid documents are either read (and then round-trip) or rejected with an
 * {@link IllegalArgumentException} whose message is at most 500 characters and carries a line and
 * column. No other exception, no hang.
 */
class JsonReadersHostileInputProperties {

  static final List<String> GARBAGE =
      List.of(
          "1e999999999",
          "1E+2147483647",
          "-1e-2147483648",
          "\\u0000",
          "\\ud800",
          "\u0000",
          "]",
          "}",
          "{",
          "[",
          "\"",
          ",",
          ":",
          "null",
          "\"zone\":\"UTC\",",
          "x".repeat(70_000),
          "[".repeat(40));

  @Property(tries = 300)
  void mutatedCalendars(@ForAll("calendars") String json) {
    BusinessCalendar c = read(() -> CalendarJson.read(json));
    if (c != null) {
      assertEquals(c, CalendarJson.read(CalendarJson.write(c)));
    }
  }

  @Property(tries = 300)
  void mutatedPolicies(@ForAll("policies") String json) {
    SlaPolicySet p = read(() -> SlaPolicyJson.read(json));
    if (p != null) {
      assertEquals(p, SlaPolicyJson.read(SlaPolicyJson.write(p)));
    }
  }

  @Property(tries = 300)
  void mutatedProductionCalendars(@ForAll("productionCalendars") String json) {
    CalendarCorrections c = read(() -> ProductionCalendarJson.read(json));
    if (c != null) {
      assertEquals(c, ProductionCalendarJson.read(ProductionCalendarJson.write(c)));
    }
  }

  static <T> T read(java.util.function.Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      assertNotNull(m);
      assertTrue(m.length() <= 500, () -> m.length() + " chars: " + m.substring(0, 200));
      assertTrue(m.matches("(?s).*line \\d+, column \\d+.*"), m);
      return null;
    }
  }

  @Provide
  Arbitrary<String> calendars() {
    return mutations(
        Arbitraries.of(
            "{\"id\":\"support-eu\",\"zone\":\"Europe/Berlin\",\"week\":{\"MONDAY\":"
                + "[\"09:00-13:00\",\"14:00-18:00\"],\"FRIDAY\":[\"22:00-06:00\"]},"
                + "\"holidays\":[\"2026-12-25\"],\"shortened\":[{\"date\":\"2026-12-24\","
                + "\"by\":\"PT1H\"}],\"hours\":[{\"date\":\"2026-11-28\",\"ranges\":"
                + "[\"10:00-14:00\"]}],\"workingDays\":[{\"date\":\"2025-11-01\",\"as\":\"MONDAY\"}]}"));
  }

  @Provide
  Arbitrary<String> policies() throws IOException {
    return mutations(Arbitraries.of(resource("tiered-policy.json")));
  }

  @Provide
  Arbitrary<String> productionCalendars() {
    return mutations(Arbitraries.of(ProductionCalendarJson.write(BundledCalendars.russia(2025))));
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

  private static String resource(String name) throws IOException {
    try (InputStream in = JsonReadersHostileInputProperties.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
