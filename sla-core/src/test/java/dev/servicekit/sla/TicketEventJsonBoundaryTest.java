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

  /**
   * A {@code Created} whose JSON line is exactly {@code chars} characters long (ASCII only, so
   * characters, UTF-16 units and UTF-8 bytes agree), made of attributes of at most 64 characters.
   */
  private static TicketEvent.Created createdOfLineLength(int chars) {
    Map<String, String> attributes = new LinkedHashMap<>();
    String value = "v".repeat(64);
    // each attribute "a00000":"vvv...v" adds 76 characters with its comma; leave room to tune
    for (int i = 0; i < (chars - 400) / 76; i++) {
      attributes.put(String.format("a%05d", i), value);
    }
    int length = TicketEventJson.write(created(attributes)).length();
    int filler = 0;
    while (chars - length > 8 + 64) { // ,"bNN":"..." adds 9 + its value's length
      int n = Math.min(64, chars - length - 9 - 9);
      attributes.put(String.format("b%02d", filler++), "w".repeat(n));
      length = TicketEventJson.write(created(attributes)).length();
    }
    attributes.put("zz", "z".repeat(chars - length - 8)); // ,"zz":"..." adds 8 + its length
    TicketEvent.Created e = created(attributes);
    assertEquals(chars, TicketEventJson.write(e).length());
    return e;
  }

  private static TicketEvent.Created created(Map<String, String> attributes) {
    return TicketEvent.Created.byCustomer("T-1", "big", T, attributes, java.util.Set.of());
  }

  @Test
  void theLineWriterRefusesALineNoLineReaderReadsAndWritesNothing() {
    TicketEvent first = new TicketEvent.CustomerMessage("T-1", "e1", T);
    TicketEvent.Created longest = createdOfLineLength(TicketEventJson.MAX_LINE_CHARS);
    Map<String, String> oneMore = new LinkedHashMap<>(longest.attributes());
    oneMore.put("zz", oneMore.get("zz") + "z");
    TicketEvent.Created tooLong = created(oneMore);
    StringWriter out = new StringWriter();
    TicketEventJson.LineWriter w = TicketEventJson.writer(out);
    w.write(first);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> w.write(tooLong));
    assertEquals(
        "event 'big' of ticket 'T-1' is 1048577 characters as JSON, longer than the 1048576 of a"
            + " JSON line (TicketEventJson.MAX_LINE_CHARS): no line reader would read it back, so"
            + " it is not written",
        e.getMessage());
    assertEquals(1, w.count());
    assertEquals(TicketEventJson.write(first) + "\n", out.toString());
    w.write(longest); // the longest line a reader reads is written, and the writer goes on
    w.write(first);
    assertEquals(3, w.count());
    for (TicketEventJson.LineReader in :
        java.util.List.of(
            TicketEventJson.reader(new StringReader(out.toString())),
            TicketEventJson.reader(
                new java.io.ByteArrayInputStream(
                    out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))))) {
      assertEquals(first, in.next());
      assertEquals(longest, in.next());
      assertEquals(first, in.next());
      assertFalse(in.hasNext());
    }
  }
}
