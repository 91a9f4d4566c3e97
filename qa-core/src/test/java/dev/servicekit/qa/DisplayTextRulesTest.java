package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Display text of a checklist (checklist, section and criterion names, band actions) follows the id
 * rule without its length bound, and band names (the outcome keys of OutcomeShares) follow the id
 * rule; both in code and in ChecklistJson. Messages are asserted on the field and the rule, not on
 * the JSON location text.
 */
class DisplayTextRulesTest {

  /** A bad text, the rule it breaks, and the escaped form its excerpt must show. */
  static Stream<Arguments> badTexts() {
    return Stream.of(
        Arguments.of("a\u0000b", "control characters", "\\u0000"),
        Arguments.of("tab\there", "control characters", "\\u0009"),
        Arguments.of("line\nfeed", "control characters", "\\u000A"),
        Arguments.of("c1\u0085", "control characters", "\\u0085"),
        Arguments.of("ls\u2028", "line or paragraph separators", "\\u2028"),
        Arguments.of("ps\u2029", "line or paragraph separators", "\\u2029"),
        Arguments.of("lone\uD800", "unpaired surrogates", "\\uD800"),
        Arguments.of("\uDC00lone", "unpaired surrogates", "\\uDC00"),
        Arguments.of("", "must not be blank", ""),
        Arguments.of(" \u00A0\u200B", "must not be blank", ""));
  }

  private static void assertRefused(
      Runnable r, String field, String rule, String escaped, boolean excerpt) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    String m = e.getMessage();
    assertTrue(m.contains(field), m);
    assertTrue(m.contains(rule), m);
    if (excerpt) {
      assertTrue(m.contains(escaped), m);
    }
    // the message itself stays printable: no raw control character, separator or surrogate
    assertFalse(m.chars().anyMatch(c -> c < 0x20 || c == 0x2028 || c == 0x2029), m);
    assertFalse(m.chars().anyMatch(c -> Character.isSurrogate((char) c)), m);
  }

  private static Criterion criterion() {
    return Criterion.builder("c").build();
  }

  @ParameterizedTest
  @MethodSource("badTexts")
  void builderRefusesBadDisplayTextNamingTheField(String bad, String rule, String escaped) {
    boolean excerpt = !escaped.isEmpty();
    assertRefused(
        () -> Checklist.builder("k", 1).name(bad), "checklist 'k' name", rule, escaped, excerpt);
    assertRefused(
        () -> Section.of("s", bad, java.math.BigDecimal.ONE, List.of(criterion())),
        "section 's' name",
        rule,
        escaped,
        excerpt);
    assertRefused(
        () -> Criterion.builder("c").name(bad), "criterion 'c' name", rule, escaped, excerpt);
    assertRefused(
        () -> ScoreBands.builder().band(bad, 0, "coach"), "bands[0].name", rule, escaped, excerpt);
    if (rule.equals("must not be blank")) {
      // a band's action may be empty or blank: "no action"
      ScoreBands.builder().band("ok", 0, "coach").band("red", 50, bad).build();
    } else {
      assertRefused(
          () -> ScoreBands.builder().band("ok", 0, "coach").band("red", 50, bad),
          "bands[1].action",
          rule,
          escaped,
          excerpt);
    }
    assertRefused(
        () ->
            new ScoreBand(
                bad, java.math.BigDecimal.ZERO, java.math.BigDecimal.valueOf(100), "coach"),
        "band name",
        rule,
        escaped,
        excerpt);
  }

  /** JSON string literal of {@code s}, every non-ASCII or control char as a \\u escape. */
  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static Stream<Arguments> jsonPlaces() {
    Function<String, String> checklistName =
        t ->
            "{\"id\":\"k\",\"version\":1,\"name\":"
                + t
                + ",\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"c\"}]}]}";
    Function<String, String> sectionName =
        t ->
            "{\"id\":\"k\",\"version\":1,\"sections\":[{\"id\":\"s\",\"name\":"
                + t
                + ",\"criteria\":[{\"id\":\"c\"}]}]}";
    Function<String, String> criterionName =
        t ->
            "{\"id\":\"k\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"c\","
                + "\"name\":"
                + t
                + "}]}]}";
    Function<String, String> bandName =
        t ->
            "{\"id\":\"k\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"c\"}]}],"
                + "\"bands\":[{\"name\":"
                + t
                + ",\"from\":0,\"action\":\"coach\"}]}";
    Function<String, String> bandAction =
        t ->
            "{\"id\":\"k\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"c\"}]}],"
                + "\"bands\":[{\"name\":\"red\",\"from\":0,\"action\":"
                + t
                + "}]}";
    return Stream.of(
        Arguments.of("checklist 'k' name", checklistName),
        Arguments.of("section 's' name", sectionName),
        Arguments.of("criterion 'c' name", criterionName),
        Arguments.of("bands[0].name", bandName),
        Arguments.of("bands[0].action", bandAction));
  }

  @ParameterizedTest
  @MethodSource("jsonPlaces")
  void readerRefusesBadDisplayTextNamingTheField(String field, Function<String, String> doc) {
    // the good document reads
    assertEquals("k", ChecklistJson.read(doc.apply("\"Fine \\u00e9 \\uD83D\\uDE00\"")).id());
    badTexts()
        .forEach(
            a -> {
              Object[] x = a.get();
              String bad = (String) x[0];
              String escaped = (String) x[2];
              if (field.endsWith(".action") && "must not be blank".equals(x[1])) {
                ChecklistJson.read(doc.apply(jsonString(bad))); // an empty action is allowed
                return;
              }
              assertRefused(
                  () -> ChecklistJson.read(doc.apply(jsonString(bad))),
                  field,
                  (String) x[1],
                  escaped,
                  !escaped.isEmpty());
            });
  }

  @Test
  void readmeExampleMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Criterion.builder("greet").name("Greets\u0000"));
    assertEquals(
        "criterion 'greet' name 'Greets\\u0000' must not contain control characters or unpaired"
            + " surrogates, found one at index 6",
        e.getMessage());
  }

  // The finding: a lone surrogate in a name used to be accepted and then broke
  // write -> UTF-8 -> read equality (UTF-8 cannot carry it). Now text that survives the rule
  // round-trips, including supplementary characters written as surrogate pairs.
  @Test
  void acceptedDisplayTextRoundTripsThroughUtf8() {
    Checklist c =
        Checklist.builder("k", 1)
            .name("Inbound \uD83D\uDCDE calls \u00e9")
            .section(
                Section.of(
                    "s",
                    "Opening \u4e2d\u6587",
                    java.math.BigDecimal.ONE,
                    List.of(Criterion.builder("c").name("Greets \uD83D\uDC4B").build())))
            .bands(
                ScoreBands.builder().band("red \uD83D\uDD34", 0, "re-certify \u2192 now").build())
            .build();
    byte[] utf8 = ChecklistJson.write(c).getBytes(StandardCharsets.UTF_8);
    assertEquals(c, ChecklistJson.read(new String(utf8, StandardCharsets.UTF_8)));
  }
}
