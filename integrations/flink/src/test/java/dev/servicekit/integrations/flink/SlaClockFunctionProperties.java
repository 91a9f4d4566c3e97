package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.TicketEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/** Laws of the SLA clock function, on the operator harness against in-process servicekit. */
class SlaClockFunctionProperties {

  /**
   * Whatever the arrival order and duplication, and however the watermark advances (never past an
   * event still to come), the transitions are those of in-process servicekit in event time.
   */
  @Property(tries = 25)
  void transitionsEqualInProcessWhateverTheArrivalOrder(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 4) int watermarkEvery) throws Exception {
    List<TicketEvent> events = Streams.ticketEvents(seed, 12);
    long disorder =
        Streams.maxDisorderMillis(
            events.stream().map(TicketEvent::at).collect(Collectors.toList()));
    List<String> actual = new ArrayList<>();
    try (var h =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(
                FlinkSlaClocks.function(
                    Fixtures.policySet(), Fixtures.CALENDARS, TimeMode.EVENT_TIME)),
            TicketEvent::ticketId,
            Types.STRING)) {
      h.open();
      long maxSeen = Long.MIN_VALUE;
      long watermark = Long.MIN_VALUE;
      int i = 0;
      for (TicketEvent e : events) {
        h.processElement(e, e.at().toEpochMilli());
        maxSeen = Math.max(maxSeen, e.at().toEpochMilli());
        if (++i % watermarkEvery == 0 && maxSeen - disorder - 1 > watermark) {
          watermark = maxSeen - disorder - 1;
          h.processWatermark(watermark);
        }
      }
      h.processWatermark(Long.MAX_VALUE);
      h.extractOutputValues().forEach(t -> actual.add(Streams.line(t)));
    }
    Collections.sort(actual);
    assertEquals(Streams.transitions(Fixtures.policySet(), events), actual);
  }
}
