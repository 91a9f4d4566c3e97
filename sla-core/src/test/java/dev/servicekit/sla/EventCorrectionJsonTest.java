package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JSON form of {@link EventCorrection} ({@code Retracted}, {@code Replaced}, format version 3)
 * read by {@link TicketEventJson#readInput(String)} beside events: the documented form, round
 * trips, and hostile input rejected with the field, the rule and the position, never another
 * exception type.
 */
class EventCorrectionJsonTest {

  private static final Instant T = Instant.parse("2026-03-02T09:30:00Z");

  private static final String EVENT =
      "{\"v\":1,\"kind\":\"StatusChanged\",\"ticketId\":\"T-1\",\"id\":\"e7\","
          + "\"at\":\"2026-03-02T09:30:00Z\",\"status\":\"pending\"}";

  @Test
  void theDocumentedFormsReadAndWriteBack() {
    String retracted = "{\"v\":3,\"kind\":\"Retracted\",\"ticketId\":\"T-1\",\"id\":\"e7\"}";
    assertEquals(EventCorrection.retract("T-1", "e7"), TicketEventJson.readInput(retracted));
    assertEquals(retracted, TicketEventJson.write(EventCorrection.retract("T-1", "e7")));

    String replaced =
        "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T-1\",\"id\":\"e7\",\"event\":"
            + EVENT
            + "}";
    EventCorrection c =
        EventCorrection.replace(new TicketEvent.StatusChanged("T-1", "e7", T, "pending"));
    assertEquals(c, TicketEventJson.readInput(replaced));
    assertEquals(replaced, TicketEventJson.write(c));
    // fields in any order, the event's in any version
    assertEquals(
        c,
        TicketEventJson.readInput(
            "{\"event\":"
                + EVENT.replace("\"v\":1", "\"v\":3")
                + ",\"id\":\"e7\",\"kind\":\"Replaced\",\"ticketId\":\"T-1\",\"v\":3}"));
    // an event is an input too: readInput reads what read reads
    assertEquals(TicketEventJson.read(EVENT), TicketEventJson.readInput(EVENT));
  }

  @Test
  void theValueTypeIsNullHostileAndChecksIdsAsEventsDo() {
    assertThrows(NullPointerException.class, () -> EventCorrection.retract(null, "e"));
    assertThrows(NullPointerException.class, () -> EventCorrection.retract("T", null));
    assertThrows(NullPointerException.class, () -> EventCorrection.replace(null));
    IllegalArgumentException empty =
        assertThrows(IllegalArgumentException.class, () -> EventCorrection.retract("T-1", ""));
    assertEquals("event id must not be empty (ticket 'T-1')", empty.getMessage());
    assertThrows(IllegalArgumentException.class, () -> EventCorrection.retract(" ", "e"));
    assertThrows(
        IllegalArgumentException.class,
        () -> EventCorrection.retract("T", "x".repeat(TicketEvent.MAX_ID_CHARS + 1)));
    EventCorrection r = EventCorrection.retract("T-1", "e7");
    assertTrue(r.isRetraction());
    assertEquals(Optional.empty(), r.replacement());
    assertEquals("Retracted[ticketId=T-1, id=e7]", r.toString());
    TicketEvent e = new TicketEvent.CustomerMessage("T-1", "e7", T);
    EventCorrection p = EventCorrection.replace(e);
    assertFalse(p.isRetraction());
    assertEquals(Optional.of(e), p.replacement());
    assertEquals("e7", p.eventId());
    assertEquals("T-1", p.ticketId());
    assertFalse(p.equals(r));
    assertEquals(p, EventCorrection.replace(new TicketEvent.CustomerMessage("T-1", "e7", T)));
    assertEquals(p.hashCode(), EventCorrection.replace(e).hashCode());
  }

  @Test
  void applyToRetractsOrReplacesAndRefusesAnotherTicketsClock() {
    SlaPolicySet set = Fixtures.tiered();
    SlaClock clock = Fixtures.clock(set, "T-1");
    TicketEvent created = TicketEvent.Created.byCustomer("T-1", "c", T.minusSeconds(60));
    TicketEvent reply = TicketEvent.AgentReply.publicReply("T-1", "r", T);
    clock.accept(created);
    clock.accept(reply);
    TicketEvent note = TicketEvent.AgentReply.internalNote("T-1", "r", T);
    assertTrue(EventCorrection.replace(note).applyTo(clock));
    assertEquals(List.of(created, note), clock.events());
    assertTrue(EventCorrection.retract("T-1", "r").applyTo(clock));
    assertFalse(EventCorrection.retract("T-1", "r").applyTo(clock), "nothing left to retract");
    assertFalse(EventCorrection.replace(reply).applyTo(clock), "replace never accepts");
    assertEquals(List.of(created), clock.events());
    IllegalArgumentException other =
        assertThrows(
            IllegalArgumentException.class,
            () -> EventCorrection.retract("T-2", "c").applyTo(clock));
    assertEquals(
        "correction of event 'c' of ticket 'T-2' cannot apply to the clock of ticket 'T-1'",
        other.getMessage());
    assertEquals(List.of(created), clock.events(), "unchanged");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"v\":2,\"kind\":\"Retracted\",\"ticketId\":\"T\",\"id\":\"e\"}"
            + "|kind Retracted needs format version 3, found version 2 (at $.kind, line 1, column 15)",
        "{\"v\":3,\"kind\":\"Retracted\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\"}"
            + "|field at does not belong to kind Retracted; its fields are [id, kind, ticketId, v] (at $.at, line 1, column 56)",
        "{\"v\":3,\"kind\":\"Retracted\",\"ticketId\":\"T\",\"id\":\"e\",\"event\":{}}"
            + "|field event does not belong to kind Retracted",
        "{\"v\":3,\"kind\":\"Retracted\",\"ticketId\":\"T\"}"
            + "|id is required for kind Retracted (at $.id, line 1, column 1)",
        "{\"v\":3,\"kind\":\"Retracted\",\"ticketId\":\"T\",\"id\":\" \"}"
            + "|event id [U+0020] must not be blank (at $.id, line 1, column 47)",
        "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T\",\"id\":\"e\"}"
            + "|event is required for kind Replaced (at $.event, line 1, column 1)",
        "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T\",\"id\":\"e\",\"event\":[]}"
            + "|expected an event object but found an array (at $.event, line 1, column 58)",
        "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T\",\"id\":\"e\",\"event\":{\"v\":3,\"kind\":\"Retracted\"}}"
            + "|kind 'Retracted' is a correction, not an event: a Replaced record's event must be an event (at $.event.kind, line 1, column 72)",
        "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T\",\"id\":\"e\",\"event\":{\"v\":1,\"kind\":\"CustomerMessage\",\"ticketId\":\"T\",\"id\":\"e\"}}"
            + "|at is required for kind CustomerMessage (at $.event.at, line 1, column 58)",
        "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T\",\"id\":\"e\",\"event\":{\"v\":1,\"kind\":\"CustomerMessage\",\"ticketId\":\"T\",\"id\":\"f\",\"at\":\"2026-03-02T09:00:00Z\"}}"
            + "|event.id 'f' differs from the record's id 'e': a replacement keeps its event's ticket and id (retract the event and send a new one to change them) (at $.event.id, line 1, column 110)",
        "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T\",\"id\":\"e\",\"event\":{\"v\":1,\"kind\":\"CustomerMessage\",\"ticketId\":\"U\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\"}}"
            + "|event.ticketId 'U' differs from the record's ticketId 'T'",
        "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T\",\"id\":\"e\",\"event\":{\"v\":1,\"kind\":\"StatusChanged\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"status\":\" x\"}}"
            + "|(at $.event.status, line 1, column",
        "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T\",\"id\":\"e\",\"event\":{\"v\":1,\"colour\":1}}"
            + "|unknown field 'colour'; expected one of [assignee, at, attributes, automated, byAgent, callId, id, isPublic, key, kind, level, priority, status, tags, ticketId, v, value] (at $.event.colour, line 1, column",
        "{\"v\":3,\"kind\":\"Replaced\",\"colour\":1}"
            + "|unknown field 'colour'; expected one of [event, id, kind, ticketId, v] (at $.colour, line 1, column 35)",
        "{\"v\":3,\"kind\":\"Deleted\"}"
            + "|kind 'Deleted' is unknown: expected one of [Created, CustomerMessage, AgentReply, StatusChanged, PriorityChanged, AttributeChanged, TagsChanged, Assigned, Escalated, CallOffered, CallAnswered, CallAbandoned, AttributeCleared, PriorityCleared, Retracted, Replaced] (at $.kind, line 1, column 15)",
        "{\"v\":3,\"kind\":\"CustomerMessage\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"event\":{}}"
            + "|field event does not belong to kind CustomerMessage",
        "{\"v\":3,\"kind\":\"Retracted\",\"ticketId\":\"T\",\"id\":\"e\"} {}"
            + "|expected one event or correction object but found more after it (at $, line 1, column 52)",
        "[]|expected an event or correction object but found '[' (at $, line 1, column 1)",
        "{\"v\":5,\"kind\":\"Retracted\"}|format version 5 is not supported: this reader reads versions 1 to 4 (at $.v, line 1, column 6)",
      })
  void hostileCorrectionsAreRefusedNamingFieldRuleAndPosition(String json, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.readInput(json));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void theEventReadersRefuseACorrectionByName() {
    String retracted = "{\"v\":3,\"kind\":\"Retracted\",\"ticketId\":\"T-1\",\"id\":\"e7\"}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(retracted));
    assertEquals(
        "kind 'Retracted' is a correction, not an event: read it with TicketEventJson.readInput"
            + " (or inputReader for JSON Lines) (at $.kind, line 1, column 15)",
        e.getMessage());
    TicketEventJson.LineReader r =
        TicketEventJson.reader(new java.io.StringReader(EVENT + "\n" + retracted + "\n"));
    r.next();
    IllegalArgumentException line = assertThrows(IllegalArgumentException.class, r::next);
    assertTrue(line.getMessage().contains("line 2"), line.getMessage());
  }

  /**
   * JSON Lines of events and corrections: what a {@code LineWriter} writes (events, retractions,
   * replacements), an {@code inputReader} reads back in order, from characters and from UTF-8
   * bytes; a bad line is one error naming its line, and reading goes on after it.
   */
  @Test
  void mixedJsonLinesReadBackInOrder() throws Exception {
    TicketEvent e = TicketEventJson.read(EVENT);
    List<TicketInput> records =
        List.of(
            e,
            EventCorrection.retract(e.ticketId(), e.id()),
            EventCorrection.replace(
                new TicketEvent.CustomerMessage(e.ticketId(), e.id(), e.at().plusSeconds(60))),
            e);
    java.io.StringWriter text = new java.io.StringWriter();
    TicketEventJson.LineWriter w = TicketEventJson.writer(text);
    records.forEach(w::write);
    assertEquals(4, w.count());
    String lines =
        text
            + "\n{\"v\":3,\"kind\":\"Retracted\"}\n"
            + TicketEventJson.write((EventCorrection) records.get(1));
    for (TicketEventJson.InputLineReader r :
        List.of(
            TicketEventJson.inputReader(new java.io.StringReader(lines)),
            TicketEventJson.inputReader(
                new java.io.ByteArrayInputStream(
                    lines.getBytes(java.nio.charset.StandardCharsets.UTF_8))))) {
      List<TicketInput> back = new java.util.ArrayList<>();
      for (int k = 0; k < 4; k++) {
        back.add(r.next());
      }
      assertEquals(records, back);
      IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, r::hasNext);
      assertTrue(bad.getMessage().contains("line 6"), bad.getMessage());
      assertEquals(records.get(1), r.next());
      assertTrue(!r.hasNext());
      assertThrows(java.util.NoSuchElementException.class, r::next);
    }
  }

  @Test
  void errorsQuoteOnlyBoundedExcerpts() {
    String huge = "x".repeat(100_000);
    for (String json :
        List.of(
            "{\"v\":3,\"kind\":\"Replaced\",\"ticketId\":\"T\",\"id\":\""
                + huge
                + "\",\"event\":"
                + EVENT
                + "}",
            "{\"v\":3,\"kind\":\"Retracted\",\"ticketId\":\"T\",\"id\":\"" + huge + "\"}",
            "{\"v\":3,\"kind\":\"Retracted\",\"" + huge + "\":1}")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> TicketEventJson.readInput(json));
      assertTrue(e.getMessage().length() < 400, e.getMessage());
    }
  }

  // ---- properties ----

  @Provide
  Arbitrary<EventCorrection> corrections() {
    return Arbitraries.oneOf(
        RandomEvents.events().map(EventCorrection::replace),
        RandomEvents.events().map(e -> EventCorrection.retract(e.ticketId(), e.id())));
  }

  @Property(tries = 400)
  void readInputOfWriteIsTheSameCorrection(@ForAll("corrections") EventCorrection c) {
    String json = TicketEventJson.write(c);
    assertFalse(json.contains("\n"), "one record is one line");
    assertEquals(c, TicketEventJson.readInput(json));
    assertEquals(json, TicketEventJson.write((EventCorrection) TicketEventJson.readInput(json)));
  }

  private static final Pattern LINE_AND_COLUMN =
      Pattern.compile("(?s).+ \\(at \\$.*, line \\d+, (column|byte) \\d+\\)");

  @Provide
  Arbitrary<String> hostile() {
    return EveryReaderHostileInputProperties.mutations(
        corrections().map(c -> TicketEventJson.write(c)));
  }

  /**
   * Truncated, mutated and garbage-laden correction records: a value or a bounded, located {@link
   * IllegalArgumentException}, and what is read writes back to itself.
   */
  @Property(tries = 400)
  void hostileRecordsGiveAValueOrALocatedIllegalArgumentException(@ForAll("hostile") String json) {
    TicketInput in =
        EveryReaderHostileInputProperties.read(
            LINE_AND_COLUMN, () -> TicketEventJson.readInput(json));
    if (in instanceof EventCorrection c) {
      assertEquals(c, TicketEventJson.readInput(TicketEventJson.write(c)));
    } else if (in instanceof TicketEvent e) {
      assertEquals(e, TicketEventJson.readInput(TicketEventJson.write(e)));
    }
  }
}
