package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A hand-built {@link ForecastLine} took an agent without a start, a finish before its start; a
 * {@link BreachForecast} a horizon that ends before it starts, and a null line failed with an
 * unnamed {@code NullPointerException}. They are refused, naming the component.
 */
class ForecastComponentsTest {

  private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
  private static final WorkItem ITEM = WorkItem.builder("i", "chat", NOW).build();
  private static final Optional<Instant> START = Optional.of(NOW);
  private static final Optional<Instant> FINISH = Optional.of(NOW.plusSeconds(600));

  private static String refused(Runnable build) {
    return assertThrows(IllegalArgumentException.class, build::run).getMessage();
  }

  @Test
  void aLineIsTakenWholeOrNotAtAll() {
    Optional<Instant> none = Optional.empty();
    Optional<String> ann = Optional.of("ann");
    for (Runnable half :
        List.<Runnable>of(
            () -> new ForecastLine(ITEM, ann, none, none, none),
            () -> new ForecastLine(ITEM, Optional.empty(), START, FINISH, none),
            () -> new ForecastLine(ITEM, ann, START, none, none))) {
      assertTrue(refused(half).startsWith("agentId, start and finish of item i must be all"));
    }
    assertTrue(
        refused(() -> new ForecastLine(ITEM, ann, FINISH, START, none)).startsWith("finish "));
    assertTrue(
        refused(() -> new ForecastLine(ITEM, ann, START, START, none)).startsWith("finish "));
    assertTrue(
        refused(() -> new ForecastLine(ITEM, Optional.of(" "), START, FINISH, none))
            .startsWith("agentId "));
    assertEquals(ann, new ForecastLine(ITEM, ann, START, FINISH, none).agentId());
  }

  @Test
  void aForecastEndsAfterItStartsAndNamesANullLine() {
    assertTrue(
        refused(() -> new BreachForecast(NOW, NOW, ServicePoint.START, List.of()))
            .startsWith("until "));
    NullPointerException npe =
        assertThrows(
            NullPointerException.class,
            () ->
                new BreachForecast(
                    NOW,
                    NOW.plusSeconds(1),
                    ServicePoint.START,
                    Arrays.asList(
                        new ForecastLine(
                            ITEM,
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty()),
                        null)));
    assertEquals("lines[1]", npe.getMessage());
  }
}
