package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Configurations with many keys (statuses, dates): reading them stays linear. The timeouts are hang
 * guards, not speed bounds: they are more than ten times what the reads take now, and less than
 * they took before the fixes.
 */
class ManyKeysTest {

  private static final String TAIL =
      "\"defaultPolicy\":{\"name\":\"d\",\"matrix\":{\"default\":\"p\"}}}";

  private static String names(String prefix, int n) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      b.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append('"');
    }
    return b.append(']').toString();
  }

  private static String message(Runnable r) {
    String m = assertThrows(IllegalArgumentException.class, r::run).getMessage();
    assertTrue(m.length() <= 500, () -> m.length() + " chars: " + m.substring(0, 300));
    return m;
  }

  /**
   * Every solved and cancelled status was looked up in lists, once by the reader and again by the
   * builder: a set of 146 000 statuses took 218 s to read on the shared machine (1.7 s now).
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aPolicySetOfManyStatusesIsReadInLinearTime() {
    int n = 146_000;
    String json =
        "{\"statuses\":"
            + names("s", n).replace("[", "[\"new\",")
            + ",\"solvedStatuses\":"
            + names("s", n)
            + ",\"cancelledStatuses\":"
            + names("s", n)
            + ","
            + TAIL;
    SlaPolicySet set = SlaPolicyJson.read(json);
    assertEquals(n + 1, set.statuses().size());
    assertEquals(n, set.cancelledStatuses().size());
  }

  /**
   * A public-holiday entry's {@code except} dates were checked for repeats in a list: every date of
   * the supported years (146 097) took 26 s before the entry was refused (1.2 s now).
   */
  @Test
  @Timeout(value = 15, unit = TimeUnit.SECONDS)
  void anExceptListOfEveryDateIsCheckedInLinearTime() {
    StringBuilder except = new StringBuilder();
    for (LocalDate d = LocalDate.of(1900, 1, 1); d.getYear() < 2300; d = d.plusDays(1)) {
      except.append(except.length() == 0 ? "" : ",").append('"').append(d).append('"');
    }
    String m =
        message(
            () ->
                CalendarJson.read(
                    "{\"id\":\"a\",\"zone\":\"UTC\",\"publicHolidays\":[{\"country\":\"de\","
                        + "\"from\":1900,\"to\":2299,\"except\":["
                        + except
                        + "]}]}"));
    assertTrue(m.startsWith("date 1900-01-02 is not a public holiday of DE"), m);
  }
}
