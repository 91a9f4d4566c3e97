package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exact messages of {@link TicketEventJson} for every required field of every kind, the bounds of
 * its excerpts and of the line reader, and the line writer's contract (issue 14, mutation testing).
 */
class TicketEventJsonBoundaryTest {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  /** A complete object of {@code kind} with its own fields, in the order the JSON lists them. */
  private static Map<String, String> complete(String kind, String... own) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("v", "1");
    m.put("kind", "\"" + kind + "\"");
    m.put("ticketId", "\"T-1\"");
    m.put("id", "\"e1\"");
    m.put("at", "\"2026-03-02T09:00:00Z\"");
    for (int i = 0; i < own.length; i += 2) {
      m.put(own[i], own[i + 1]);
    }
    return m;
  }

  private static String json(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> "\"" + e.getKey() + "\":" + e.getValue())
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static Map<String, String[]> ownFields() {
    Map<String, String[]> kinds = new LinkedHashMap<>();
    kinds.put("CustomerMessage", new String[] {});
    kinds.put("AgentReply", new String[] {"isPublic", "true", "automated", "false"});
    kinds.put("StatusChanged", new String[] {"status", "\"open\""});
    kinds.put("PriorityChanged", new String[] {"priority", "\"high\""});
    kinds.put("AttributeChanged", new String[] {"key", "\"tier\"", "value", "\"gold\""});
    kinds.put("TagsChanged", new String[] {"tags", "[\"vip\"]"});
    kinds.put("Assigned", new String[] {"assignee", "\"ann\""});
    kinds.put("Escalated", new String[] {"level", "2"});
    kinds.put("CallOffered", new String[] {"callId", "\"c1\""});
    kinds.put("CallAnswered", new String[] {"callId", "\"c1\""});
    kinds.put("CallAbandoned", new String[] {"callId", "\"c1\""});
    return kinds;
  }

  static Stream<Arguments> requiredFields() {
    Map<String, String[]> kinds = ownFields();
    Stream.Builder<Arguments> out = Stream.builder();
    kinds.forEach(
        (kind, own) -> {
          Map<String, String> full = complete(kind, own);
          for (String field : full.keySet()) {
            Map<String, String> missing = new LinkedHashMap<>(full);
            missing.remove(field);
            String forKind = field.equals("kind") ? "" : " for kind " + kind;
            out.add(
                Arguments.of(
                    json(missing),
                    field + " is required" + forKind + " (at $." + field + ", line 1, column 1)"));
          }
        });
    return out.build();
  }

  @ParameterizedTest
  @MethodSource("requiredFields")
  void everyRequiredFieldOfEveryKindIsNamedWhenMissing(String json, String message) {
    assertEquals(
        message,
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(json))
            .getMessage());
  }

  @Test
  void everyCompleteObjectReads() {
    ownFields()
        .forEach(
            (kind, own) -> {
              TicketEvent e = TicketEventJson.read(json(complete(kind, own)));
              assertEquals(kind, e.getClass().getSimpleName());
              assertEquals(json(complete(kind, own)), TicketEventJson.write(e));
            });
  }

  @Test
  void errorsAlreadyPositionedPassUnchangedAndValueErrorsArePositionedAtTheirField() {
    String created = json(complete("Created", "status", "\"open\""));
    assertEquals(
        "field status of kind Created needs format version 2, found version 1 (at $.status, line 1,"
            + " column 89)",
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(created))
            .getMessage());
    String escalated = "  " + json(complete("Escalated", "level", "0"));
    assertEquals(
        "escalation level 0 must be 1 or more (at $.level, line 1, column 92)",
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(escalated))
            .getMessage());
  }

  @Test
  void valuesAreQuotedUpToFortyCharacters() {
    String forty = "k".repeat(40);
    assertEquals(
        "kind '"
            + forty
            + "' is unknown: expected one of "
            + TicketEventJson.kinds()
            + " (at $.kind, line 1, column 15)",
        assertThrows(
                IllegalArgumentException.class,
                () -> TicketEventJson.read("{\"v\":1,\"kind\":\"" + forty + "\"}"))
            .getMessage());
    assertEquals(
        "kind '"
            + forty
            + "...' is unknown: expected one of "
            + TicketEventJson.kinds()
            + " (at $.kind, line 1, column 15)",
        assertThrows(
                IllegalArgumentException.class,
                () -> TicketEventJson.read("{\"v\":1,\"kind\":\"" + forty + "k\"}"))
            .getMessage());
  }

  /** Jackson's own message for {@code json}, whatever its wording in this Jackson version. */
  private static String jacksonMessage(String json) throws IOException {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      while (p.nextToken() != null) {
        // read to the error
      }
    } catch (JsonProcessingException e) {
      return e.getOriginalMessage();
    }
    throw new AssertionError("no syntax error in " + json);
  }

  @Test
  void syntaxErrorsQuoteAtMost200CharactersOfTheParsersMessage() throws IOException {
    boolean exact = false;
    boolean longer = false;
    for (int n = 1; n < 300 && !(exact && longer); n++) {
      String json = "{\"v\":" + "x".repeat(n) + "}";
      String jackson = jacksonMessage(json);
      String message =
          assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(json))
              .getMessage();
      String shown = message.substring(0, message.lastIndexOf(" (at $"));
      if (jackson.length() == 200) {
        assertEquals("malformed JSON: " + jackson, shown);
        exact = true;
      } else if (jackson.length() > 200) {
        assertEquals("malformed JSON: " + jackson.substring(0, 200) + "...", shown);
        longer = true;
      }
    }
    assertTrue(exact && longer, "token lengths give a message of exactly 200 and one of more");
  }

  @Test
  void theLineReaderReadsALastLineWithoutNewlineAndCountsIt() {
    String text = json(complete("CustomerMessage")) + "\n" + json(complete("Assigned"));
    TicketEventJson.LineReader r = TicketEventJson.reader(new StringReader(text));
    assertEquals(new TicketEvent.CustomerMessage("T-1", "e1", T), r.next());
    assertEquals(1, r.lineNumber());
    assertEquals(
        "assignee is required for kind Assigned (at $.assignee, line 2, column 1)",
        assertThrows(IllegalArgumentException.class, r::next).getMessage());
    assertEquals(2, r.lineNumber());
  }

  @Test
  void aCarriageReturnBeforeTheNewlineIsNotPartOfTheLine() {
    String cut = "{\"v\":1,\"kind\":\"Assigned\",\"id\":\"e1";
    String lf =
        assertThrows(
                IllegalArgumentException.class,
                () -> TicketEventJson.reader(new StringReader(cut + "\n")).next())
            .getMessage();
    String crlf =
        assertThrows(
                IllegalArgumentException.class,
                () -> TicketEventJson.reader(new StringReader(cut + "\r\n")).next())
            .getMessage();
    assertEquals(lf, crlf);
  }

  @Test
  void aLineOfExactlyTheMaximumLengthIsReadAndOneCharacterMoreIsNot() {
    String event = json(complete("CustomerMessage"));
    String max = event + " ".repeat(TicketEventJson.MAX_LINE_CHARS - event.length());
    // a blank first line, so that the long line starts inside the reader's buffer
    TicketEventJson.LineReader r = TicketEventJson.reader(new StringReader("\n" + max + "\n"));
    assertEquals(new TicketEvent.CustomerMessage("T-1", "e1", T), r.next());
    assertFalse(r.hasNext());
    TicketEventJson.LineReader over = TicketEventJson.reader(new StringReader("\n" + max + " \n"));
    assertEquals(
        "line is longer than 1048576 characters (at $, line 2, column 1)",
        assertThrows(IllegalArgumentException.class, over::hasNext).getMessage());
  }

  @Test
  void closingTheLineReaderClosesItsSource() {
    StringReader in = new StringReader(json(complete("CustomerMessage")));
    TicketEventJson.reader(in).close();
    assertThrows(IOException.class, in::ready);
  }

  @Test
  void theLineWriterChainsFlushesAndClosesItsTarget() {
    boolean[] closed = {false};
    StringWriter out =
        new StringWriter() {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    TicketEvent a = new TicketEvent.CustomerMessage("T-1", "e1", T);
    TicketEvent b = new TicketEvent.Assigned("T-1", "e2", T, "ann");
    TicketEventJson.LineWriter w = TicketEventJson.writer(out);
    assertSame(w, w.write(a));
    assertSame(w, w.write(b));
    assertEquals(2, w.count());
    w.close();
    assertTrue(closed[0]);
    assertEquals(TicketEventJson.write(a) + "\n" + TicketEventJson.write(b) + "\n", out.toString());
  }
}
