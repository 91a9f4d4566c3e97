package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.sla.CycleState;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class SlaTransitionProperties {

  @Provide
  Arbitrary<SlaTransition> transitions() {
    Arbitrary<SlaMetric> metrics =
        Arbitraries.of(
            SlaMetric.firstResponse(),
            SlaMetric.nextResponse(),
            SlaMetric.resolution(),
            SlaMetric.answerTime(),
            SlaMetric.stage("analysis"));
    return Combinators.combine(
            Arbitraries.strings().ofMinLength(1).ofMaxLength(20),
            metrics,
            Arbitraries.integers().between(0, 1000),
            Arbitraries.strings().ofMaxLength(10),
            Arbitraries.of(SlaTransition.Kind.class),
            Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond),
            Arbitraries.integers().between(0, 300))
        .as(SlaTransition::new);
  }

  @Property
  void jsonRoundTripsEveryTransition(@ForAll("transitions") SlaTransition t) {
    assertEquals(t, SlaTransition.fromJson(t.toJson()));
    var serde = ServicekitSerdes.slaTransitions();
    assertEquals(t, serde.deserializer().deserialize("x", serde.serializer().serialize("x", t)));
  }

  @Example
  void badJsonNamesTheFieldAndBoundsTheExcerpt() {
    String ok =
        new SlaTransition(
                "T-1",
                SlaMetric.firstResponse(),
                0,
                "",
                SlaTransition.Kind.BREACHED,
                Instant.EPOCH,
                0)
            .toJson();
    assertThrows(IllegalArgumentException.class, () -> SlaTransition.fromJson("{"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaTransition.fromJson(ok.replace("BREACHED", "X".repeat(500))));
    assertTrue(e.getMessage().contains("$.kind") && e.getMessage().length() < 300, e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaTransition.fromJson(ok.replace("\"cycle\":0", "\"cycle\":-1")));
    assertTrue(e.getMessage().contains("cycle"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaTransition.fromJson(ok.replace("\"v\":1", "\"v\":1,\"extra\":2")));
    assertTrue(e.getMessage().contains("$.extra"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaTransition.fromJson(ok.replace("\"v\":1,", "")));
    assertTrue(e.getMessage().contains("missing field v"), e.getMessage());
  }

  @Example
  void kindIntoCoversEveryCycleState() {
    assertEquals(
        List.of("RESUMED", "PAUSED", "ACHIEVED", "BREACHED", "CANCELLED"),
        java.util.Arrays.stream(CycleState.values())
            .map(s -> SlaTransition.Kind.into(s).name())
            .toList());
  }

  @Example
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
