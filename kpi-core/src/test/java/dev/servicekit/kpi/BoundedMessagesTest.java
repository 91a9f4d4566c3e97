package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * A name of a million characters in a refused call gives a message of at most a few hundred: the
 * name is quoted as an excerpt. A review found four messages that quoted it whole (up to 2,000,052
 * characters, both action lists of a productivity index).
 */
class BoundedMessagesTest {

  private static final String HUGE = "x".repeat(1_000_000);

  private static void bounded(Executable call) {
    String m = assertThrows(RuntimeException.class, call).getMessage();
    assertTrue(
        m.length() < 600, m.length() + " characters: " + m.substring(0, Math.min(200, m.length())));
  }

  @Test
  void aHugeNameIsQuotedAsAnExcerpt() {
    bounded(() -> ProductivityIndex.of(Map.of(HUGE, Double.NaN), 0, 0));
    bounded(() -> KpiTarget.atLeast(HUGE, Double.NaN));
    ProductivityIndex huge = ProductivityIndex.of(Map.of(HUGE, 1.0), 0, 0);
    ProductivityIndex other = ProductivityIndex.of(Map.of(HUGE + "y", 1.0), 0, 0);
    bounded(() -> huge.index(other.newAccumulator()));
    bounded(() -> huge.newAccumulator().retract(HUGE));
    bounded(() -> huge.newAccumulator().merge(other.newAccumulator()));
    bounded(() -> GroupKey.of(HUGE, null));
  }
}
