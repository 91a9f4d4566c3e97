package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ticket, event and calendar ids hold no control character, line or paragraph separator or lone
 * surrogate and are not blank, so an id quoted in an error message (or a log line, or a Kafka
 * dead-letter record) cannot break or forge a line.
 */
class IdRuleTest {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  private static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("open", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("p")
                  .matrix(PriorityMatrix.constant("n"))
                  .target("n", SlaMetric.firstResponse(), Duration.ofHours(1))
                  .build())
          .build();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x\n2026-12-06 ERROR forged",
        "x\r",
        "x\u0000y",
        "x\u0085y",
        "x\u2028y",
        "x\u2029y",
        "\u007f"
      })
  void controlCharactersAndSeparatorsAreRefusedInEveryId(String bad) {
    String e =
        assertThrows(
                IllegalArgumentException.class, () -> new TicketEvent.CustomerMessage("T", bad, T))
            .getMessage();
    assertTrue(e.startsWith("event id '") && e.contains("must not contain control"), e);
    assertPrintable(e);
    String t =
        assertThrows(
                IllegalArgumentException.class, () -> new TicketEvent.CustomerMessage(bad, "e", T))
            .getMessage();
    assertTrue(t.startsWith("ticketId '") && t.contains("must not contain control"), t);
    assertPrintable(t);
    String c =
        assertThrows(
                IllegalArgumentException.class,
                () -> BusinessCalendar.builder(ZoneId.of("UTC")).id(bad))
            .getMessage();
    assertTrue(c.startsWith("id '") && c.contains("must not contain control"), c);
    assertPrintable(c);
    String k =
        assertThrows(IllegalArgumentException.class, () -> SlaClock.of(SET, Map.of(), bad))
            .getMessage();
    assertTrue(k.startsWith("ticketId '"), k);
    assertPrintable(k);
    // a transition read from a topic or a file follows the rule too
    String json =
        new SlaTransition("T", SlaMetric.firstResponse(), 0, "", SlaTransition.Kind.STARTED, T, 0)
            .toJson()
            .replace("\"ticketId\":\"T\"", "\"ticketId\":" + jsonString(bad));
    String tj =
        assertThrows(IllegalArgumentException.class, () -> SlaTransition.fromJson(json))
            .getMessage();
    assertTrue(tj.startsWith("ticketId '") && tj.contains("(at $.ticketId, line 1, column"), tj);
    assertPrintable(tj);
    // and so does one made in code (earlier builds took any ticket id there)
    String tc =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new SlaTransition(
                        bad, SlaMetric.firstResponse(), 0, "", SlaTransition.Kind.STARTED, T, 0))
            .getMessage();
    assertEquals(t, tc);
  }

  @ParameterizedTest
  @ValueSource(strings = {" ", "  \t", "\u00a0", "\u200b", "\ufeff"})
  void blankIdsAreRefused(String blank) {
    String e =
        assertThrows(
                IllegalArgumentException.class,
                () -> new TicketEvent.CustomerMessage(blank, "e", T))
            .getMessage();
    assertTrue(e.contains("must not be blank"), e);
    // the blank value is shown as code points, not printed raw (invisible in a log)
    assertTrue(e.startsWith("ticketId [U+"), e);
    assertTrue(e.chars().allMatch(c -> c >= 0x20 && c < 0x7F || c == 0x2026), e);
    assertThrows(
        IllegalArgumentException.class, () -> new TicketEvent.CustomerMessage("T", blank, T));
    assertEquals(
        e,
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new SlaTransition(
                        blank, SlaMetric.firstResponse(), 0, "", SlaTransition.Kind.STARTED, T, 0))
            .getMessage());
  }

  @Test
  void aTransitionsTicketIdIsBoundedAndWellFormed() {
    SlaMetric m = SlaMetric.answerTime();
    SlaTransition.Kind k = SlaTransition.Kind.BREACHED;
    String longest = "x".repeat(TicketEvent.MAX_ID_CHARS);
    assertEquals(longest, new SlaTransition(longest, m, 0, "", k, T, 0).ticketId());
    assertEquals(
        "ticketId 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            + "\u2026(257 chars)' must have between 1 and 256 characters",
        assertThrows(
                IllegalArgumentException.class,
                () -> new SlaTransition(longest + "x", m, 0, "", k, T, 0))
            .getMessage());
    assertEquals(
        "ticketId 'T-\\ud83d' has a lone surrogate at index 2: not a character",
        assertThrows(
                IllegalArgumentException.class,
                () -> new SlaTransition("T-\ud83d", m, 0, "", k, T, 0))
            .getMessage());
    for (String ok : List.of("INC 0010001", "Тикет №5", "a\uD83D\uDE00b")) {
      assertEquals(ok, new SlaTransition(ok, m, 0, "", k, T, 0).ticketId());
    }
  }

  /**
   * A transition's key is what its cycle is about: empty, or the call id of a per-call cycle, which
   * {@link TicketEvent.CallOffered} requires to be a key. Earlier builds read any text there, so a
   * transition read from a topic or a file could carry a NUL, a line break or a lone surrogate into
   * a log line or a dead-letter record; {@link SlaTransition#fromJson} now applies the key rule
   * ({@code Keys.requireKey}: the message the rule gives for a key anywhere in sla-core), located
   * at {@code $.key}. The public constructor now applies the same rule with the same message (it
   * took any key, so a transition built in code could carry what fromJson refuses).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "\u0000\n",
        "call\n2026-12-06 ERROR forged",
        "c\u0085",
        "c\u009f",
        "\u007f",
        "c\ud83d",
        "\udc00x",
        " call",
        "call  7",
        "call\u00a07",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
      })
  void aTransitionsKeyIsEmptyOrAKeyInCodeAndFromJson(String bad) {
    SlaMetric m = SlaMetric.answerTime();
    SlaTransition.Kind k = SlaTransition.Kind.BREACHED;
    String code =
        assertThrows(IllegalArgumentException.class, () -> Keys.requireKey(bad, "key"))
            .getMessage();
    assertTrue(code.startsWith("key '"), code);
    assertPrintable(code);
    // in code: the same rule and message (earlier builds took any key there)
    assertEquals(
        code,
        assertThrows(
                IllegalArgumentException.class, () -> new SlaTransition("T", m, 0, bad, k, T, 0))
            .getMessage());
    String json =
        new SlaTransition("T", m, 0, "c-1", k, T, 0)
            .toJson()
            .replace("\"key\":\"c-1\"", "\"key\":" + jsonString(bad));
    String read =
        assertThrows(IllegalArgumentException.class, () -> SlaTransition.fromJson(json))
            .getMessage();
    assertTrue(read.startsWith(code + " (at $.key, line 1, column "), read);
    assertPrintable(read);
  }

  @Test
  void aTransitionsKeyMayBeEmptyOrAnyCallIdAndReadsBackEqual() {
    SlaMetric m = SlaMetric.answerTime();
    SlaTransition.Kind k = SlaTransition.Kind.STARTED;
    for (String ok :
        List.of("", "call 7", "CA-0f3e", "звонок-5", "a\uD83D\uDE00b", "x".repeat(64))) {
      SlaTransition t = new SlaTransition("T", m, 0, ok, k, T, 0);
      assertEquals(ok, t.key());
      assertEquals(t, SlaTransition.fromJson(t.toJson()));
    }
    String json = new SlaTransition("T", m, 0, "c-1", k, T, 0).toJson();
    assertEquals(
        "key 'c\\u0000' must not contain whitespace other than single spaces, or control"
            + " characters (at $.key, line 1, column 62)",
        assertThrows(
                IllegalArgumentException.class,
                () -> SlaTransition.fromJson(json.replace("c-1", "c\\u0000")))
            .getMessage());
    assertEquals(
        "key 'c-\\ud83d' has a lone surrogate at index 2: not a character (at $.key, line 1,"
            + " column 62)",
        assertThrows(
                IllegalArgumentException.class,
                () -> SlaTransition.fromJson(json.replace("c-1", "c-\\ud83d")))
            .getMessage());
  }

  @Test
  void idsWithSpacesPunctuationAndOtherScriptsStayValid() {
    for (String ok : List.of("INC 0010001", "zd-20001", "Тикет №5", "票-7", "a\uD83D\uDE00b")) {
      assertDoesNotThrow(() -> new TicketEvent.CustomerMessage(ok, ok, T));
      assertDoesNotThrow(() -> BusinessCalendar.builder(ZoneId.of("UTC")).id(ok));
    }
    assertDoesNotThrow(
        () -> TicketEvent.Created.byCustomer("INC 0010001", "e 1", T, Map.of(), Set.of()));
  }

  private static void assertPrintable(String message) {
    for (int i = 0; i < message.length(); i++) {
      char ch = message.charAt(i);
      assertTrue(
          !Character.isISOControl(ch) && ch != '\u2028' && ch != '\u2029',
          () -> "raw control character in: " + message);
    }
  }

  /** A JSON string literal of {@code s}, every control or non-ASCII char as a \\u escape. */
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
}
