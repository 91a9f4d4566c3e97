package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.sla.holidays.ProductionCalendar;
import dev.servicekit.sla.holidays.ProductionCalendarCsv;
import dev.servicekit.sla.holidays.ProductionCalendarXml;
import dev.servicekit.sla.imports.ImportedHistory;
import dev.servicekit.sla.imports.JiraChangelog;
import dev.servicekit.sla.imports.ServiceNowAudit;
import dev.servicekit.sla.imports.ZammadHistory;
import dev.servicekit.sla.imports.ZendeskAudits;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz tests (Jazzer) of the sla-core readers that {@link JsonReadersFuzzTest} does
 * not cover: ticket events (one document and JSON Lines), clock checkpoints (binary and JSON),
 * transitions, production calendars in CSV and XML, and the Zendesk and Jira importers. The only
 * outcomes allowed are a value or an {@link IllegalArgumentException} (exactly that class) with a
 * message of at most 500 characters on one line. A value must then be usable: it round-trips, and
 * the events it holds drive a clock (which may only reject them with its documented exceptions, and
 * then holds the events it held before).
 *
 * <p>Checkpoints are fuzzed as given and resealed (their checksum recomputed), so that mutations
 * reach the fields behind the checksum. The seeds under {@code
 * src/test/resources/dev/servicekit/sla/EventsAndImportsFuzzTestInputs/<method>/} are valid
 * documents, so fuzzing mutates real structure rather than starting from nothing.
 *
 * <p>Without {@code JAZZER_FUZZ=1} (the normal build) each method replays its seeds and crash
 * inputs. To fuzz one: {@code JAZZER_FUZZ=1 ./mvnw -pl sla-core test
 * -Dtest=EventsAndImportsFuzzTest#clockSnapshotBytes -Dsurefire.failIfNoSpecifiedTests=false
 * -Djunit.jupiter.execution.timeout.mode=disabled}.
 */
class EventsAndImportsFuzzTest {

  /** A hang guard (see {@link JsonReadersFuzzTest#TIMEOUT_SECONDS}), not a speed bound. */
  static final long TIMEOUT_SECONDS = JsonReadersFuzzTest.TIMEOUT_SECONDS;

  static final int MAX_MESSAGE = 500;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  // ---- events ----

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  @DictionaryEntries({
    "\"type\"",
    "\"ticketId\"",
    "\"id\"",
    "\"at\"",
    "\"created\"",
    "\"status_changed\"",
    "\"status\"",
    "\"attribute_changed\"",
    "\"tags_changed\"",
    "\"added\"",
    "\"removed\"",
    "\"key\"",
    "\"value\"",
    "\"priority\"",
    "\"channel\"",
    "\"retract\"",
    "\"replace\"",
    "\"event\"",
    "\"2026-01-05T09:00:00Z\"",
    "\"+1000000000-01-01T00:00:00Z\"",
    "1e999999999"
  })
  void ticketEvent(byte[] input) {
    String json = utf8(input);
    TicketEvent e = read(() -> TicketEventJson.read(json));
    if (e != null) {
      assertEquals(e, TicketEventJson.read(TicketEventJson.write(e)));
      drive(List.of(e));
    }
    TicketInput i = read(() -> TicketEventJson.readInput(json));
    if (i instanceof TicketEvent ev) {
      assertEquals(ev, e);
    }
    // the same bytes as JSON Lines: one value or one located error per line, always past it
    TicketEventJson.InputLineReader r = TicketEventJson.inputReader(new StringReader(json));
    long lines = json.lines().count() + 1;
    for (int n = 0; n <= lines + 1; n++) {
      long before = r.lineNumber();
      Boolean more = read(r::hasNext);
      if (more == null) {
        assertTrue(r.lineNumber() > before, "an error moves past its line");
        continue;
      }
      if (!more) {
        break;
      }
      assertNotNull(r.next());
    }
    TicketEventJson.LineReader bytes = TicketEventJson.reader(new ByteArrayInputStream(input));
    for (int n = 0; n <= lines + 1; n++) {
      long before = bytes.lineNumber();
      Boolean more = read(bytes::hasNext);
      if (more == null) {
        assertTrue(bytes.lineNumber() > before, "an error moves past its line");
        continue;
      }
      if (!more) {
        break;
      }
      assertNotNull(bytes.next());
    }
  }

  // ---- clock checkpoints ----

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void clockSnapshotBytes(byte[] input) {
    clockFromBytes(input);
    clockFromBytes(reseal(input));
  }

  private static void clockFromBytes(byte[] bytes) {
    SlaClock c = read(() -> SlaClockSnapshot.fromBytes(bytes, EventsAndImportsFuzzTest::clock));
    // read without a policy set: where the restore succeeds, the restored clock's events in its
    // order (a checkpoint may list events of one second in another order)
    List<TicketEvent> events = read(() -> SlaClockSnapshot.eventsFromBytes(bytes));
    if (c != null) {
      assertEquals(c.events(), events);
      assertEquals(
          c.events(),
          SlaClockSnapshot.fromBytes(SlaClockSnapshot.toBytes(c), EventsAndImportsFuzzTest::clock)
              .events());
      use(c);
    }
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  @DictionaryEntries({
    "\"format\"",
    "\"servicekit.sla-clock\"",
    "\"v\"",
    "\"ticketId\"",
    "\"events\"",
    "\"crc32c\"",
    "\"type\"",
    "\"created\"",
    "\"status_changed\"",
    "\"at\"",
    "\"status\""
  })
  void clockSnapshotJson(byte[] input) {
    String json = utf8(input);
    clockFromJson(json);
    clockFromJson(reseal(json));
  }

  private static void clockFromJson(String json) {
    SlaClock c = read(() -> SlaClockSnapshot.fromJson(json, EventsAndImportsFuzzTest::clock));
    List<TicketEvent> events = read(() -> SlaClockSnapshot.eventsFromJson(json));
    if (c != null) {
      assertEquals(c.events(), events); // read without a policy set, in the restored clock's order
      assertEquals(
          c.events(),
          SlaClockSnapshot.fromJson(SlaClockSnapshot.toJson(c), EventsAndImportsFuzzTest::clock)
              .events());
      use(c);
    }
  }

  // ---- transitions ----

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void transition(byte[] input) {
    SlaTransition t = read(() -> SlaTransition.fromJson(utf8(input)));
    if (t != null) {
      assertEquals(t, SlaTransition.fromJson(t.toJson()));
    }
  }

  // ---- production calendars ----

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void productionCalendarCsv(byte[] input) {
    ProductionCalendar c = read(() -> ProductionCalendarCsv.read(utf8(input), "RU"));
    if (c != null) {
      assertEquals(c, ProductionCalendarCsv.read(ProductionCalendarCsv.write(c), "RU"));
    }
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void productionCalendarXml(byte[] input) {
    ProductionCalendar c = read(() -> ProductionCalendarXml.read(new ByteArrayInputStream(input)));
    if (c != null) {
      assertEquals(c, ProductionCalendarXml.read(ProductionCalendarXml.write(c)));
    }
  }

  // ---- helpdesk exports ----

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void zendeskAudits(byte[] input) {
    ImportedHistory text = read(() -> ZendeskAudits.read(utf8(input)));
    ImportedHistory stream = read(() -> ZendeskAudits.read(new ByteArrayInputStream(input)));
    if (isWellFormedUtf8(input)) {
      assertEquals(text, stream);
    }
    if (text != null) {
      drive(text.events());
    }
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void jiraChangelog(byte[] input) {
    ImportedHistory text = read(() -> JiraChangelog.read(utf8(input)));
    ImportedHistory stream = read(() -> JiraChangelog.read(new ByteArrayInputStream(input)));
    if (isWellFormedUtf8(input)) {
      assertEquals(text, stream);
    }
    if (text != null) {
      drive(text.events());
    }
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void zammadHistory(byte[] input) {
    ImportedHistory text = read(() -> ZammadHistory.read(utf8(input)));
    ImportedHistory stream = read(() -> ZammadHistory.read(new ByteArrayInputStream(input)));
    if (isWellFormedUtf8(input)) {
      assertEquals(text, stream);
    }
    if (text != null) {
      drive(text.events());
    }
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void serviceNowAudit(byte[] input) {
    ImportedHistory text = read(() -> ServiceNowAudit.read(utf8(input)));
    ImportedHistory stream = read(() -> ServiceNowAudit.read(new ByteArrayInputStream(input)));
    if (isWellFormedUtf8(input)) {
      assertEquals(text, stream);
    }
    if (text != null) {
      drive(text.events());
    }
  }

  // ---- helpers ----

  /** The value, or null after checking that the reader rejected the input as documented. */
  static <T> T read(Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      checkRejection(e);
      return null;
    }
  }

  static void checkRejection(RuntimeException e) {
    assertEquals(IllegalArgumentException.class, e.getClass(), "the public exception type");
    String m = e.getMessage();
    assertNotNull(m);
    assertTrue(
        m.length() <= MAX_MESSAGE,
        () -> m.length() + " chars: " + m.substring(0, Math.min(200, m.length())));
    assertTrue(
        m.chars().noneMatch(ch -> ch == '\n' || ch == '\r' || ch == 0),
        () -> "a line break or NUL in: " + m.substring(0, Math.min(200, m.length())));
  }

  private static SlaClock clock(String id) {
    return Fixtures.clock(Fixtures.tiered(), id);
  }

  /**
   * Events a reader accepted fed to a clock of their ticket, which is then read: it may reject an
   * event (an unknown status) or an instant out of its range only with its documented exceptions.
   */
  private static void drive(List<TicketEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    SlaClock c = clock(events.get(0).ticketId());
    for (TicketEvent e : events) {
      List<TicketEvent> before = c.events();
      try {
        c.accept(e);
      } catch (IllegalArgumentException rejected) {
        checkRejection(rejected);
        assertEquals(before, c.events(), "a rejected event changes nothing");
      }
    }
    use(c);
  }

  /** Reads a clock around its last event, allowing only the documented exceptions. */
  private static void use(SlaClock c) {
    List<TicketEvent> events = c.events();
    Instant last = events.isEmpty() ? Instant.EPOCH : events.get(events.size() - 1).at();
    for (Instant now : List.of(last, clamp(last.plus(Duration.ofDays(3))))) {
      try {
        SlaEvaluation e = c.evaluate(now);
        assertNotNull(e);
        c.nextTransition(now);
        SlaTransition.from(e).forEach(t -> assertEquals(t, SlaTransition.fromJson(t.toJson())));
      } catch (IllegalStateException noCreated) {
        // documented: no Created event at or before now
      } catch (IllegalArgumentException outOfRange) {
        checkRejection(outOfRange);
      }
    }
  }

  private static Instant clamp(Instant t) {
    Instant max = BusinessCalendar.SUPPORTED_END.minusSeconds(1);
    return t.isAfter(max) ? max : t.isBefore(BusinessCalendar.SUPPORTED_START) ? max : t;
  }

  /** {@code b} with its last four bytes replaced by the CRC32C (big-endian) of the rest. */
  static byte[] reseal(byte[] b) {
    return EveryReaderHostileInputProperties.reseal(b);
  }

  /** A JSON checkpoint with its crc32c recomputed from the events it holds, where they parse. */
  static String reseal(String json) {
    try {
      JsonNode root = MAPPER.readTree(json);
      if (root instanceof ObjectNode o && o.get("events") instanceof ArrayNode events) {
        CRC32C crc = new CRC32C();
        for (JsonNode event : events) {
          String line = TicketEventJson.write(TicketEventJson.read(event.toString()));
          crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        o.put("crc32c", HexFormat.of().toHexDigits((int) crc.getValue()));
        return MAPPER.writeValueAsString(o);
      }
    } catch (Exception notResealable) {
      // left as it is
    }
    return json;
  }

  private static String utf8(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }

  private static boolean isWellFormedUtf8(byte[] input) {
    return java.util.Arrays.equals(input, utf8(input).getBytes(StandardCharsets.UTF_8));
  }
}
