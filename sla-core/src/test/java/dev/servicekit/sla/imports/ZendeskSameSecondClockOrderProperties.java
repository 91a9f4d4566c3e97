package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Audits of one second are separate updates in list order; a clock applies one instant's status
 * changes in event-id order, as text, so events 9 and 10 of two audits of one second left the
 * ticket in the status it passed through ({@code zd-10} before {@code zd-9}). Oracle: the chain of
 * statuses the audits were generated from, whose last one the clock must report; the import's
 * instants must not move where the ids are in order.
 */
class ZendeskSameSecondClockOrderProperties {

  private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

  /** Status s0 at creation, then audit i (event id {@code firstId + i}) setting s(i+1) at AT. */
  private static String export(int firstId, int n) {
    return "{\"audits\":[" + String.join(",", audits(firstId, n)) + "]}";
  }

  /**
   * The audits of {@link #export} listed newest first, as List Audits for a Ticket returns them
   * with {@code sort_order=desc}: of one second, the last made first.
   */
  private static String exportNewestFirst(int firstId, int n) {
    List<String> audits = audits(firstId, n);
    java.util.Collections.reverse(audits);
    return "{\"audits\":[" + String.join(",", audits) + "]}";
  }

  private static List<String> audits(int firstId, int n) {
    List<String> audits = new ArrayList<>();
    audits.add(
        "{\"id\":1,\"ticket_id\":7,\"created_at\":\""
            + CREATED
            + "\",\"author_id\":5,\"events\":[{\"id\":2,\"type\":\"Create\",\"field_name\":"
            + "\"requester_id\",\"value\":5},{\"id\":3,\"type\":\"Create\",\"field_name\":"
            + "\"status\",\"value\":\"s0\"}]}");
    for (int i = 0; i < n; i++) {
      audits.add(
          "{\"id\":"
              + (1000 + i)
              + ",\"ticket_id\":7,\"created_at\":\""
              + AT
              + "\",\"author_id\":5,\"events\":[{\"id\":"
              + (firstId + i)
              + ",\"type\":\"Change\",\"field_name\":\"status\",\"value\":\"s"
              + (i + 1)
              + "\"}]}");
    }
    return audits;
  }

  private static String finalStatus(String json, int n) {
    return ChainedStatuses.finalStatus(ZendeskAudits.read(json).events(), n, AT.plusSeconds(60));
  }

  @Property(tries = 200)
  void theClockEndsInTheLastStatusOfAChainOfOneSecond(
      @ForAll @IntRange(min = 4, max = 120) int firstId,
      @ForAll @IntRange(min = 2, max = 14) int n) {
    assertEquals("s" + n, finalStatus(export(firstId, n), n));
  }

  /**
   * Listed newest first, the same audits are the same events, stamped apart the same way: read in
   * list order, the chain of one second was stamped in reverse (or, without the creating audit
   * first, refused).
   */
  @Property(tries = 100)
  void auditsListedNewestFirstReadAsListedOldestFirst(
      @ForAll @IntRange(min = 4, max = 120) int firstId,
      @ForAll @IntRange(min = 2, max = 14) int n) {
    String newestFirst = exportNewestFirst(firstId, n);
    assertEquals(
        ZendeskAudits.read(export(firstId, n)).events(), ZendeskAudits.read(newestFirst).events());
    assertEquals("s" + n, finalStatus(newestFirst, n));
  }

  /**
   * A ticket created and changed within one second, listed newest first: the first and the last
   * audit have the same {@code created_at}, so only the audit ids (increasing as Zendesk makes
   * them) tell the order; read in list order, the change came before the creation.
   */
  @Test
  void auditsOfOneSecondListedNewestFirstReadAsListedOldestFirst() {
    String create =
        "{\"id\":1,\"ticket_id\":7,\"created_at\":\""
            + AT
            + "\",\"author_id\":5,\"events\":[{\"id\":2,\"type\":\"Create\",\"field_name\":"
            + "\"requester_id\",\"value\":5},{\"id\":3,\"type\":\"Create\",\"field_name\":"
            + "\"status\",\"value\":\"s0\"}]}";
    String change =
        "{\"id\":4,\"ticket_id\":7,\"created_at\":\""
            + AT
            + "\",\"author_id\":5,\"events\":[{\"id\":5,\"type\":\"Change\",\"field_name\":"
            + "\"status\",\"value\":\"s1\"}]}";
    List<TicketEvent> oldestFirst =
        ZendeskAudits.read("{\"audits\":[" + create + "," + change + "]}").events();
    assertEquals(
        oldestFirst, ZendeskAudits.read("{\"audits\":[" + change + "," + create + "]}").events());
    assertEquals("s1", ChainedStatuses.finalStatus(oldestFirst, 1, AT.plusSeconds(60)));
  }

  @Test
  void eventsNineAndTenOfOneSecondEndInTheSecondsStatus() {
    // before: s1, the status the ticket passed through
    assertEquals("s2", finalStatus(export(9, 2), 2));
  }

  @Test
  void auditsOfOneSecondWhoseIdsAreInOrderKeepTheirInstant() {
    for (TicketEvent e : ZendeskAudits.read(export(100, 5)).events()) {
      if (e instanceof TicketEvent.StatusChanged s && !s.id().equals("zd-3")) {
        assertEquals(AT, s.at(), s.id());
      }
    }
  }

  @Test
  void onlyTheUpdatesFromWhereTheIdsSortBackwardsMove() {
    // ids 95 ... 100: as text, 100 sorts before the others; an export that later gains an update
    // of the same instant must not move those already imported at it
    for (TicketEvent e : ZendeskAudits.read(export(95, 6)).events()) {
      if (e instanceof TicketEvent.StatusChanged s && s.at().isAfter(AT.minusSeconds(1))) {
        assertEquals(s.id().equals("zd-100") ? AT.plusNanos(1) : AT, s.at(), s.id());
      }
    }
    assertEquals("s6", finalStatus(export(95, 6), 6));
  }
}
