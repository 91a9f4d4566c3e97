package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.TimeMode;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The clocks the function caches keep their stopped cycles' states ({@link
 * SlaClock#keepStoppedCycleStates}), new ones and those restored from state on a miss alike: they
 * are read after each of their ticket's events, between other tickets' reads. That the state bytes
 * and outputs are those without the cache is {@code LiveClockCacheDifferentialTest}'s.
 */
class SlaClockFunctionKeptStatesTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("new", "open", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("standard")
                  .matrix(PriorityMatrix.constant("normal"))
                  .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                  .target("normal", SlaMetric.nextResponse(), Duration.ofHours(2))
                  .rule(MetricRule.builder(SlaMetric.firstResponse()).warnAt(50).build())
                  .build())
          .build();

  /** Size 1 with two tickets alternating: every event restores; 8: every event finds its clock. */
  @ParameterizedTest
  @ValueSource(ints = {1, 8})
  void cachedClocksKeepTheirStoppedCyclesStates(int cache) throws Exception {
    SlaClockFunction f =
        new SlaClockFunction(SET, Map.of(), TimeMode.PROCESSING_TIME, null, null, cache);
    try (KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(f), TicketEvent::ticketId, Types.STRING)) {
      h.setProcessingTime(T0.toEpochMilli());
      h.open();
      for (int k = 0; k < 4; k++) {
        for (String t : new String[] {"T-1", "T-2"}) {
          Instant at = T0.plusSeconds(600L * k);
          TicketEvent e =
              k == 0
                  ? TicketEvent.Created.byCustomer(t, t + "-c", at, Map.of(), Set.of())
                  : k % 2 == 1
                      ? TicketEvent.AgentReply.publicReply(t, t + "-r" + k, at)
                      : new TicketEvent.CustomerMessage(t, t + "-m" + k, at);
          h.processElement(e, at.toEpochMilli());
          SlaClock c = f.liveClock(t);
          assertNotNull(c, e::toString);
          assertTrue(c.keepsStoppedCycleStates(), e::toString);
        }
      }
    }
  }
}
