package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Hostile-input properties of {@link ChecklistJson}: random truncations, character flips and
 * inserted garbage of valid documents are either read (and then round-trip) or rejected with an
 * {@link IllegalArgumentException} whose message is at most 500 characters and carries a line and
 * column. No other exception, no hang.
 */
class ChecklistJsonHostileInputProperties {

  private static final String ANSWERS =
      "{\"greet\":\"yes\",\"good-time\":null,\"verify\":\"yes\",\"solution\":\"4\"}";

  /** Fragments that have broken JSON readers before (issue 14) or are likely to. */
  static final List<String> GARBAGE =
      List.of(
          "1e999999999",
          "1E+2147483647",
          "-1e-2147483648",
          "0e-99999",
          "\\u0000",
          "\\u001b",
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
          "{\"id\":\"x\"}",
          "\"id\":\"y\",",
          "x".repeat(70_000),
          "[".repeat(40));

  @Property(tries = 400)
  void mutatedChecklistsAreReadOrRejectedWithABoundedLocatedMessage(
      @ForAll("checklists") String json) {
    Checklist c;
    try {
      c = ChecklistJson.read(json);
    } catch (IllegalArgumentException e) {
      assertBoundedAndLocated(e);
      return;
    }
    assertEquals(c, ChecklistJson.read(ChecklistJson.write(c)));
  }

  @Property(tries = 300)
  void mutatedAnswersAreReadOrRejectedWithABoundedLocatedMessage(@ForAll("answers") String json) {
    try {
      assertNotNull(ChecklistJson.readAnswers(json));
    } catch (IllegalArgumentException e) {
      assertBoundedAndLocated(e);
    }
  }

  static void assertBoundedAndLocated(IllegalArgumentException e) {
    String m = e.getMessage();
    assertNotNull(m);
    assertTrue(m.length() <= 500, () -> m.length() + " chars: " + m.substring(0, 200));
    assertTrue(m.matches("(?s).*line \\d+, column \\d+.*"), m);
  }

  @Provide
  Arbitrary<String> checklists() throws IOException {
    return mutations(Arbitraries.of(resource("inbound-calls.json")));
  }

  @Provide
  Arbitrary<String> answers() {
    return mutations(Arbitraries.of(ANSWERS));
  }

  /** Truncations, single-character replacements and inserted garbage of {@code seeds}. */
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
    try (InputStream in = ChecklistJsonHostileInputProperties.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
