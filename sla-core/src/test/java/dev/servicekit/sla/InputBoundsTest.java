package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Ids, names and codes are bounded, and messages quote a bounded excerpt of a huge value. */
class InputBoundsTest {

  private static final String HUGE = "x".repeat(5_000_000);
  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  private static IllegalArgumentException rejected(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().length() < 300, () -> "message of " + e.getMessage().length());
    for (String p : parts) {
      assertTrue(e.getMessage().contains(p), e.getMessage());
    }
    return e;
  }

  @Test
  void aHugeKeyIsQuotedAsABoundedExcerptWithItsLength() {
    rejected(
        () -> SlaPolicy.builder(HUGE),
        "policy name 'xxxx",
        "…(5000000 chars)'",
        "between 1 and 64");
  }

  @Test
  void aHugeUnknownZoneIsQuotedAsABoundedExcerpt() {
    rejected(
        // under the JSON reader's string limit, so the zone id itself is checked
        () -> CalendarJson.read("{\"zone\":\"" + "x".repeat(60_000) + "\"}"),
        "zone 'xxxx",
        "(60000 chars)",
        "not a known time zone");
  }

  @Test
  void calendarIdsAreBounded() {
    BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneOffset.UTC);
    rejected(() -> b.id(HUGE), "id 'xxxx", "(5000000 chars)", "between 1 and 256");
    rejected(() -> b.id("y".repeat(257)), "between 1 and 256");
    assertEquals("y".repeat(256), b.id("y".repeat(256)).build().id());
  }

  @Test
  void ticketAndEventIdsAreBounded() {
    rejected(
        () -> new TicketEvent.CustomerMessage(HUGE, "e1", AT),
        "ticketId 'xxxx",
        "(5000000 chars)",
        "between 1 and 256");
    rejected(
        () -> new TicketEvent.CustomerMessage("T1", HUGE, AT),
        "event id 'xxxx",
        "between 1 and 256");
    String max = "t".repeat(TicketEvent.MAX_ID_CHARS);
    assertEquals(max, new TicketEvent.CustomerMessage(max, max, AT).ticketId());
  }

  @Test
  void eventTimestampsOutsideTheSupportedRangeAreRejectedAtConstruction() {
    Instant far = Instant.parse("+999999999-01-01T00:00:00Z");
    rejected(
        () -> new TicketEvent.CustomerMessage("T1", "e1", far),
        "at +999999999-01-01T00:00:00Z",
        "outside the supported range [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)");
    rejected(
        () -> new TicketEvent.CustomerMessage("T1", "e1", BusinessCalendar.SUPPORTED_END),
        "outside the supported range");
    rejected(
        () ->
            new TicketEvent.CustomerMessage(
                "T1", "e1", BusinessCalendar.SUPPORTED_START.minusNanos(1)),
        "outside the supported range");
    new TicketEvent.CustomerMessage("T1", "e1", BusinessCalendar.SUPPORTED_START);
    new TicketEvent.CustomerMessage("T1", "e2", BusinessCalendar.SUPPORTED_END.minusNanos(1));
  }

  @Test
  void regionCodesAreBounded() {
    LocalDate start = LocalDate.of(2026, 1, 1);
    LocalDate end = LocalDate.of(2026, 12, 31);
    rejected(
        () -> ProductionCalendar.builder(HUGE, start, end),
        "region 'xxxx",
        "(5000000 chars)",
        "at most 16");
    rejected(() -> ProductionCalendar.builder("A".repeat(17), start, end), "at most 16");
    assertEquals("DE-BY", ProductionCalendar.builder("de-by", start, end).build().region());
  }
}
