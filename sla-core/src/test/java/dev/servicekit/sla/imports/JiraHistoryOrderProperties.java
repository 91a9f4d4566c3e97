package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * Jira lists a changelog's histories newest first or oldest first; the importer sorted them by time
 * only, so in a newest-first export histories of one instant (an automation's chained transitions)
 * came out backwards: the initial status and the status they left were wrong. Oracle: the chain of
 * statuses the histories were generated from, read in either order.
 */
class JiraHistoryOrderProperties {

  private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");

  /** A request whose status went s0, s1, ... sN, history i at {@code CREATED + minutes[i]}. */
  private static String export(int[] minutes, boolean newestFirst) {
    List<String> histories = new ArrayList<>();
    for (int i = 0; i < minutes.length; i++) {
      histories.add(
          "{\"id\":\""
              + (100 + i)
              + "\",\"created\":\""
              + CREATED.plusSeconds(60L * minutes[i])
              + "\",\"items\":[{\"field\":\"status\",\"fromString\":\"s"
              + i
              + "\",\"toString\":\"s"
              + (i + 1)
              + "\"}]}");
    }
    if (newestFirst) {
      Collections.reverse(histories);
    }
    return "{\"key\":\"SD-1\",\"fields\":{\"created\":\""
        + CREATED
        + "\",\"status\":{\"name\":\"s"
        + minutes.length
        + "\"},\"comment\":{\"comments\":[]}},\"changelog\":{\"histories\":["
        + String.join(",", histories)
        + "]}}";
  }

  private static List<String> statuses(String json) {
    List<String> out = new ArrayList<>();
    for (TicketEvent e : JiraChangelog.read(json).events()) {
      if (e instanceof TicketEvent.StatusChanged s) {
        out.add(s.status());
      }
    }
    return out;
  }

  private static List<String> chain(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i <= n; i++) {
      out.add("s" + i);
    }
    return out;
  }

  @Property(tries = 300)
  void theStatusesComeInTheOrderTheyWereSetInEitherListOrder(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 2) Integer> gaps,
      @ForAll boolean newestFirst) {
    int[] minutes = new int[gaps.size()];
    int t = 1;
    for (int i = 0; i < minutes.length; i++) {
      t += gaps.get(i);
      minutes[i] = t;
    }
    // a list whose histories all share one instant says nothing of its order: it is read as given
    Assume.that(!newestFirst || minutes.length == 1 || minutes[0] != minutes[minutes.length - 1]);
    assertEquals(chain(minutes.length), statuses(export(minutes, newestFirst)));
  }

  @Test
  void twoTransitionsOfOneInstantInANewestFirstList() {
    assertEquals(chain(3), statuses(export(new int[] {1, 5, 5}, true)));
  }
}
