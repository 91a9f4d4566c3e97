package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/**
 * {@link SlaPolicySet#isFinished}: a finished ticket's evaluation is the same at every later
 * instant (the law the stream adapters' retention relies on), and the rule's three parts each
 * matter.
 */
class FinishedTicketProperties {

  @Property(tries = 400)
  void aFinishedTicketsEvaluationNeverChangesAfterwards(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int size,
      @ForAll @IntRange(min = 0, max = 24 * 60 * 30) int laterMinutes) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    SlaPolicySet set = h.set();
    SlaClock clock = Fixtures.clock(set, "T");
    h.events().forEach(clock::accept);
    Instant at = h.last();
    SlaEvaluation now = clock.evaluate(at);
    boolean finished = set.isFinished(now);
    Statistics.collect(finished);
    Statistics.coverage(c -> c.check(true).percentage(p -> p >= 5));
    if (!finished) {
      return;
    }
    SlaEvaluation later = clock.evaluate(at.plus(Duration.ofMinutes(laterMinutes)));
    assertEquals(now.cycles(), later.cycles());
    assertEquals(now.status(), later.status());
    assertTrue(set.isFinished(later));
  }

  @Test
  void eachPartOfTheRuleMatters() {
    SlaPolicySet set =
        Fixtures.single(
            Map.of(
                SlaMetric.firstResponse(),
                Duration.ofHours(1),
                SlaMetric.resolution(),
                Duration.ofHours(8)));
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    SlaClock clock = Fixtures.clock(set, "T");
    clock.accept(TicketEvent.Created.byCustomer("T", "e1", t, Map.of(), Set.of()));
    assertFalse(set.isFinished(clock.evaluate(t)), "open, cycles running");
    clock.accept(TicketEvent.AgentReply.publicReply("T", "e2", t.plusSeconds(60)));
    clock.accept(new TicketEvent.StatusChanged("T", "e3", t.plusSeconds(120), "pending"));
    assertFalse(set.isFinished(clock.evaluate(t.plusSeconds(120))), "not a solved status");
    clock.accept(new TicketEvent.StatusChanged("T", "e4", t.plusSeconds(180), "solved"));
    assertTrue(set.isFinished(clock.evaluate(t.plusSeconds(180))));
    clock.accept(new TicketEvent.StatusChanged("T", "e5", t.plusSeconds(240), "open"));
    assertFalse(set.isFinished(clock.evaluate(t.plusSeconds(240))), "reopened");
    assertThrows(NullPointerException.class, () -> set.isFinished(null));
  }
}
