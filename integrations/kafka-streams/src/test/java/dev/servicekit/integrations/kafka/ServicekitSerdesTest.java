package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServicekitSerdesTest {

  @Test
  void slaTransitionSerdeRoundTripsTheJsonForm() {
    var serde = ServicekitSerdes.slaTransitions();
    for (SlaTransition.Kind k : SlaTransition.Kind.values()) {
      SlaTransition t =
          new SlaTransition(
              "T-1",
              SlaMetric.stage("analysis"),
              3,
              "c1",
              k,
              Instant.EPOCH,
              80,
              k == SlaTransition.Kind.ESCALATED
                  ? java.util.Optional.of(dev.servicekit.sla.EscalationLevel.of(2, 150, "head"))
                  : java.util.Optional.empty());
      byte[] bytes = serde.serializer().serialize("x", t);
      assertEquals(t.toJson(), new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
      assertEquals(t, serde.deserializer().deserialize("x", bytes));
    }
  }

  @Test
  void serdesPassTombstonesAndRoundTripValues() {
    var events = ServicekitSerdes.ticketEvents();
    TicketEvent e = new TicketEvent.CustomerMessage("T-1", "m1", Instant.EPOCH);
    assertEquals(e, events.deserializer().deserialize("t", events.serializer().serialize("t", e)));
    assertNull(events.deserializer().deserialize("t", null));
    var kpi = ServicekitSerdes.kpi(RatingAccumulator.class);
    RatingAccumulator a = RatingAccumulator.create(RatingScale.csatFivePoint());
    a.add(4);
    assertEquals(
        a.result(),
        kpi.deserializer().deserialize("t", kpi.serializer().serialize("t", a)).result());
    assertThrows(
        IllegalArgumentException.class,
        () -> kpi.deserializer().deserialize("t", new byte[] {1, 2}));
  }
}
