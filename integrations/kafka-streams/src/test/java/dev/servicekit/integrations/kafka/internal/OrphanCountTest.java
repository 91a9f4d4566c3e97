package dev.servicekit.integrations.kafka.internal;

import static dev.servicekit.integrations.kafka.internal.SlaClockProcessorLiveClocksTest.T0;
import static dev.servicekit.integrations.kafka.internal.SlaClockProcessorLiveClocksTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.integrations.kafka.internal.SlaClockProcessorLiveClocksTest.Task;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The orphan count ({@code orphan-tickets}) is recorded once the orphan's state is written, as
 * every other counter of the processors is recorded once the outcome is final (a rejected record
 * only after the state is known unchanged, a release after its marker is written) and as Flink's
 * {@code servicekitOrphanTickets} is incremented after the clock state is updated. It was recorded
 * before the write: a write that failed counted a ticket that was not stored, and the record's
 * retry (or the ticket's next event, once a processing-exception handler skipped the failed record)
 * counted it a second time.
 */
class OrphanCountTest {

  private static double total(Task task, String name) {
    for (java.util.Map.Entry<MetricName, ? extends Metric> e :
        task.context.metrics().metrics().entrySet()) {
      if (e.getKey().name().equals(name)) {
        return ((Number) e.getValue().metricValue()).doubleValue();
      }
    }
    throw new AssertionError("no metric " + name);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 4}) // without and with the live-clock cache
  void anOrphanWhoseWriteFailsIsNotCountedAndItsRetryCountsItOnce(int cache) {
    Task task = new Task(cache);
    task.failPutOf = SlaClockProcessorLiveClocksTest.CLOCKS;
    assertThrows(IllegalStateException.class, () -> task.process(message("T-1", 1, T0)));
    assertNull(task.clocks.get("T-1"), "nothing was stored");
    assertEquals(0, task.processor.orphanTickets());
    assertEquals(0.0, total(task, "orphan-tickets-total"));

    task.process(message("T-1", 1, T0)); // the retry
    assertEquals(1, task.processor.orphanTickets());
    assertEquals(1.0, total(task, "orphan-tickets-total"));
    task.process(message("T-1", 2, T0.plusSeconds(60))); // stored: not a new ticket
    assertEquals(1, task.processor.orphanTickets());
    assertEquals(1.0, total(task, "orphan-tickets-total"));
  }
}
