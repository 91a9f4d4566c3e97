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
 * Histories of one instant (an automation's chained transitions) are separate updates in list
 * order; a clock applies one instant's status changes in event-id order, as text, so histories 9
 * and 10 of one millisecond left the issue in the status it passed through ({@code jira-h10-0}
 * before {@code jira-h9-0}). Oracle: the chain of statuses the histories were generated from, whose
 * last one the clock must report; the import's own instants must not move where the ids are in
 * order.
 */
class JiraSameInstantClockOrderProperties {

  private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");
  private static final Instant AT = Instant.parse("2026-03-02T10:00:00Z");

  /** Statuses s0 ... sN, history i (id {@code firstId + i}) setting s(i+1), all at {@code AT}. */
  private static String export(int firstId, int n) {
    return export(firstId, n, false);
  }

  /** {@link #export(int, int)}, the histories listed newest first if {@code newestFirst}. */
  private static String export(int firstId, int n, boolean newestFirst) {
    List<String> histories = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      histories.add(
          "{\"id\":\""
              + (firstId + i)
              + "\",\"created\":\""
              + AT
              + "\",\"items\":[{\"field\":\"status\",\"fromString\":\"s"
              + i
              + "\",\"toString\":\"s"
              + (i + 1)
              + "\"}]}");
    }
    if (newestFirst) {
      java.util.Collections.reverse(histories);
    }
    return "{\"key\":\"SD-1\",\"fields\":{\"created\":\""
        + CREATED
        + "\",\"status\":{\"name\":\"s"
        + n
        + "\"},\"comment\":{\"comments\":[]}},\"changelog\":{\"histories\":["
        + String.join(",", histories)
        + "]}}";
  }

  private static String finalStatus(String json, int n) {
    return ChainedStatuses.finalStatus(JiraChangelog.read(json).events(), n, AT.plusSeconds(60));
  }

  @Property(tries = 200)
  void theClockEndsInTheLastStatusOfAChainOfOneInstant(
      @ForAll @IntRange(min = 1, max = 120) int firstId,
      @ForAll @IntRange(min = 2, max = 14) int n) {
    assertEquals("s" + n, finalStatus(export(firstId, n), n));
  }

  /**
   * Listed newest first, a chain of one instant has its first and last history at the same time, so
   * only the history ids (increasing as Jira makes them) tell the order; read in list order, the
   * issue ended in the chain's first status.
   */
  @Property(tries = 50)
  void aChainOfOneInstantListedNewestFirstReadsAsListedOldestFirst(
      @ForAll @IntRange(min = 1, max = 120) int firstId,
      @ForAll @IntRange(min = 2, max = 14) int n) {
    String newestFirst = export(firstId, n, true);
    assertEquals(
        JiraChangelog.read(export(firstId, n)).events(), JiraChangelog.read(newestFirst).events());
    assertEquals("s" + n, finalStatus(newestFirst, n));
  }

  @Test
  void historiesNineAndTenOfOneMillisecondEndInTheSecondsStatus() {
    // before: in-progress ("s1"), the status the issue passed through
    assertEquals("s2", finalStatus(export(9, 2), 2));
  }

  @Test
  void historiesOfOneInstantWhoseIdsAreInOrderKeepTheirInstant() {
    for (TicketEvent e : JiraChangelog.read(export(100, 5)).events()) {
      if (e instanceof TicketEvent.StatusChanged s && !s.id().equals("jira-created-status")) {
        assertEquals(AT, s.at(), s.id());
      }
    }
  }

  @Test
  void onlyTheUpdatesFromWhereTheIdsSortBackwardsMove() {
    // ids 95 ... 100: as text, 100 sorts before the others; an export that later gains an update
    // of the same instant must not move those already imported at it
    for (TicketEvent e : JiraChangelog.read(export(95, 6)).events()) {
      if (e instanceof TicketEvent.StatusChanged s && s.at().isAfter(AT.minusSeconds(1))) {
        assertEquals(s.id().equals("jira-h100-0") ? AT.plusNanos(1) : AT, s.at(), s.id());
      }
    }
    assertEquals("s6", finalStatus(export(95, 6), 6));
  }
}
