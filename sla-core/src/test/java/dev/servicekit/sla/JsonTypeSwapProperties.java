package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.sla.holidays.BundledCalendars;
import dev.servicekit.sla.holidays.CalendarCorrections;
import dev.servicekit.sla.holidays.ProductionCalendarJson;
import dev.servicekit.sla.imports.JiraChangelog;
import dev.servicekit.sla.imports.ServiceNowAudit;
import dev.servicekit.sla.imports.ZammadHistory;
import dev.servicekit.sla.imports.ZendeskAudits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every JSON reader of sla-core under structure-aware mutations of valid documents ({@link
 * JsonTreeMutations}): a value of another type or an extreme value at any path, a duplicate key, a
 * removed field, trailing garbage. The outcome is a value that round-trips, or an {@link
 * IllegalArgumentException} of at most 500 characters on one line, ending in {@code (at $path, line
 * L, column C)}. Clock checkpoints are resealed after the mutation, so the checksum does not hide
 * the fields behind it.
 */
class JsonTypeSwapProperties {

  private static final Pattern LINE_AND_COLUMN =
      Pattern.compile("(?s).+ \\(at \\$.*, line \\d+, (column|byte) \\d+\\)");

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static <T> T read(java.util.function.Supplier<T> reader) {
    return EveryReaderHostileInputProperties.read(LINE_AND_COLUMN, reader);
  }

  @Property(tries = 300)
  void events(@ForAll("eventJson") String json) {
    TicketEvent e = read(() -> TicketEventJson.read(json));
    if (e != null) {
      assertEquals(e, TicketEventJson.read(TicketEventJson.write(e)));
    }
    TicketInput i = read(() -> TicketEventJson.readInput(json));
    if (e != null) {
      assertEquals(e, i);
    }
  }

  @Property(tries = 200)
  void corrections(@ForAll("correctionJson") String json) {
    read(() -> TicketEventJson.readInput(json));
  }

  @Property(tries = 300)
  void transitions(@ForAll("transitionJson") String json) {
    SlaTransition t = read(() -> SlaTransition.fromJson(json));
    if (t != null) {
      assertEquals(t, SlaTransition.fromJson(t.toJson()));
    }
  }

  @Property(tries = 300)
  void clockSnapshots(@ForAll("snapshotJson") String json) {
    SlaClock c = read(() -> SlaClockSnapshot.fromJson(json, id -> clock(id)));
    // read without a policy set: the events of the clock a restore gives, in its order (a
    // reordered events array, resealed, is restored sorted)
    List<TicketEvent> events = read(() -> SlaClockSnapshot.eventsFromJson(json));
    if (c != null) {
      assertEquals(
          c.events(),
          SlaClockSnapshot.fromJson(SlaClockSnapshot.toJson(c), id -> clock(id)).events());
      assertEquals(c.events(), events);
    }
  }

  @Property(tries = 300)
  void calendars(@ForAll("calendarJson") String json) {
    BusinessCalendar c = read(() -> CalendarJson.read(json));
    if (c != null) {
      assertEquals(c, CalendarJson.read(CalendarJson.write(c)));
    }
  }

  @Property(tries = 300)
  void policies(@ForAll("policyJson") String json) {
    SlaPolicySet p = read(() -> SlaPolicyJson.read(json));
    if (p != null) {
      assertEquals(p, SlaPolicyJson.read(SlaPolicyJson.write(p)));
    }
  }

  @Property(tries = 200)
  void productionCalendars(@ForAll("productionCalendarJson") String json) {
    CalendarCorrections c = read(() -> ProductionCalendarJson.read(json));
    if (c != null) {
      assertEquals(c, ProductionCalendarJson.read(ProductionCalendarJson.write(c)));
    }
  }

  @Property(tries = 200)
  void zendeskAudits(@ForAll("zendeskJson") String json) {
    read(() -> ZendeskAudits.read(json));
  }

  @Property(tries = 200)
  void jiraChangelogs(@ForAll("jiraJson") String json) {
    read(() -> JiraChangelog.read(json));
  }

  @Property(tries = 200)
  void zammadHistories(@ForAll("zammadJson") String json) {
    read(() -> ZammadHistory.read(json));
  }

  @Property(tries = 200)
  void serviceNowAudits(@ForAll("serviceNowJson") String json) {
    read(() -> ServiceNowAudit.read(json));
  }

  // ---- seeds ----

  @Provide
  Arbitrary<String> eventJson() {
    return JsonTreeMutations.of(RandomEvents.events().map(TicketEventJson::write));
  }

  @Provide
  Arbitrary<String> correctionJson() {
    return JsonTreeMutations.of(
        RandomEvents.events()
            .map(
                e ->
                    e.id().hashCode() % 2 == 0
                        ? TicketEventJson.write(EventCorrection.retract(e.ticketId(), e.id()))
                        : TicketEventJson.write(EventCorrection.replace(e))));
  }

  @Provide
  Arbitrary<String> transitionJson() {
    SlaClockProperties.History h = SlaClockProperties.history(11, 10);
    SlaEvaluation e = Fixtures.eval(h.set(), h.events(), h.last().plus(Duration.ofDays(3)));
    List<String> seeds = new ArrayList<>();
    SlaTransition.from(e).forEach(t -> seeds.add(t.toJson()));
    return JsonTreeMutations.of(Arbitraries.of(seeds));
  }

  @Provide
  Arbitrary<String> snapshotJson() {
    SlaClockProperties.History h = SlaClockProperties.history(7, 12);
    SlaClock c = Fixtures.clock(h.set(), "T");
    h.events().forEach(c::accept);
    return JsonTreeMutations.of(Arbitraries.just(SlaClockSnapshot.toJson(c)))
        .map(JsonTypeSwapProperties::reseal);
  }

  @Provide
  Arbitrary<String> calendarJson() {
    return JsonTreeMutations.of(
        Arbitraries.of(
            "{\"id\":\"support-eu\",\"zone\":\"Europe/Berlin\",\"week\":{\"MONDAY\":"
                + "[\"09:00-13:00\",\"14:00-18:00\"],\"friday\":[\"22:00-06:00\"]},"
                + "\"holidays\":[\"2026-12-25\"],"
                + "\"workingDays\":[{\"date\":\"2026-05-02\",\"as\":\"monday\"}]}",
            CalendarJson.write(
                CalendarJson.read(
                    "{\"id\":\"a\",\"zone\":\"UTC\",\"week\":{\"MONDAY\":[\"00:00-24:00\"]}}"))));
  }

  @Provide
  Arbitrary<String> policyJson() throws IOException {
    return JsonTreeMutations.of(Arbitraries.just(resource("tiered-policy.json")));
  }

  @Provide
  Arbitrary<String> productionCalendarJson() {
    return JsonTreeMutations.of(
        Arbitraries.just(ProductionCalendarJson.write(BundledCalendars.russia(2025))));
  }

  @Provide
  Arbitrary<String> zammadJson() throws IOException {
    return JsonTreeMutations.of(Arbitraries.just(resource("/imports/zammad-ticket-31.json")));
  }

  @Provide
  Arbitrary<String> serviceNowJson() throws IOException {
    return JsonTreeMutations.of(
        Arbitraries.just(resource("/imports/servicenow-incident-INC0010031.json")));
  }

  @Provide
  Arbitrary<String> zendeskJson() throws IOException {
    return JsonTreeMutations.of(
        Arbitraries.just(resource("/imports/zendesk-audits-ticket-4711.json")));
  }

  @Provide
  Arbitrary<String> jiraJson() throws IOException {
    return JsonTreeMutations.of(Arbitraries.just(resource("/imports/jira-issue-SD-12.json")));
  }

  private static SlaClock clock(String id) {
    return Fixtures.clock(Fixtures.tiered(), id);
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
        // spliced into the text, which keeps what a tree would lose (duplicate keys)
        return json.replaceFirst(
            "\"crc32c\":\"[0-9a-f]{8}\"",
            "\"crc32c\":\"" + HexFormat.of().toHexDigits((int) crc.getValue()) + "\"");
      }
    } catch (Exception notResealable) {
      // left as it is
    }
    return json;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = JsonTypeSwapProperties.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
