package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.BundledCalendars;
import dev.servicekit.sla.holidays.ProductionCalendarCsv;
import dev.servicekit.sla.queue.QueuePolicy;
import dev.servicekit.sla.queue.WorkItem;
import dev.servicekit.sla.queue.WorkQueue;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A value quoted in an exception message has its control characters and line or paragraph
 * separators written as {@code \\uXXXX}, as kpi-core and qa-core do: a message that reaches a log
 * cannot break or forge a log line with a NUL, a line feed or U+2028 taken from the input.
 */
class ControlCharactersInMessagesTest {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  private static String message(Executable call) {
    String m = assertThrows(IllegalArgumentException.class, call).getMessage();
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      assertTrue(
          !Character.isISOControl(c) && c != 0x2028 && c != 0x2029,
          "character " + (int) c + " at " + i + " in: " + m.replace('\n', '|'));
    }
    return m;
  }

  @Test
  void aKeyWithALineFeedIsQuotedEscaped() {
    // before: "status 'open<LF>FAKE' must not contain ..."
    String m = message(() -> new TicketEvent.StatusChanged("T", "e", T, "open\nFAKE"));
    assertTrue(m.startsWith("status 'open\\u000aFAKE' must not contain"), m);
  }

  @Test
  void jsonValuesWithControlCharactersOrSeparatorsAreQuotedEscaped() {
    String m =
        message(() -> CalendarJson.read("{\"id\":\"c\",\"zone\":\"Mars\\u0000Base\",\"week\":{}}"));
    assertTrue(m.startsWith("zone 'Mars\\u0000Base' is not a known time zone id"), m);
    message(
        () ->
            TicketEventJson.read(
                "{\"v\":1,\"kind\":\"Bad\\u2028Kind\",\"ticketId\":\"T\",\"id\":\"e\","
                    + "\"at\":\"2026-01-01T00:00:00Z\"}"));
    // a long value is cut first, then escaped: the excerpt stays bounded
    String longOne = "a\u0007".repeat(5000);
    String cut = message(() -> new TicketEvent.StatusChanged("T", "e", T, longOne));
    assertTrue(cut.contains("…(10000 chars)") && cut.length() < 600, cut);
  }

  @Test
  void productionCalendarAndQueueMessagesQuoteEscapedToo() {
    String csv = ProductionCalendarCsv.write(BundledCalendars.russia(2025));
    String m = message(() -> ProductionCalendarCsv.read(csv, "R\u0000U"));
    assertTrue(m.startsWith("region 'R\\u0000U' must be"), m);
    String q = message(() -> WorkQueue.create(QueuePolicy.earliestDeadlineFirst()).pause("a\rb"));
    assertTrue(q.startsWith("item \"a\\u000db\" is not in the queue"), q);
    message(() -> WorkItem.builder("x\n".repeat(150), "chat", T));
  }
}
