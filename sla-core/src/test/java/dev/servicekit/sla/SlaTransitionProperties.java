package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 40))
        .as(SlaClockProperties::history);
  }

  /** Evaluations of one history after each event in time order, then two hours later. */
  private static List<SlaEvaluation> evaluations(SlaClockProperties.History h) {
    SlaClock clock = Fixtures.clock(h.set(), "T");
    List<TicketEvent> sorted = new ArrayList<>(h.events());
    sorted.sort(java.util.Comparator.comparing(TicketEvent::at));
    List<SlaEvaluation> out = new ArrayList<>();
    for (TicketEvent e : sorted) {
      clock.accept(e);
      if (clock.events().stream().anyMatch(x -> x instanceof TicketEvent.Created)) {
        out.add(clock.evaluate(e.at()));
      }
    }
    out.add(clock.evaluate(h.last().plus(Duration.ofHours(2))));
    return out;
  }

  @Property(tries = 200)
  void foldingTheTransitionsReproducesEveryCycleStateAndWarning(
      @ForAll("histories") SlaClockProperties.History h) {
    List<SlaEvaluation> evs = evaluations(h);
    // Oracle: the reported (state, warning) per cycle, rebuilt from the transitions alone.
    Map<String, int[]> folded = new HashMap<>();
    SlaEvaluation prev = null;
    for (SlaEvaluation ev : evs) {
      List<SlaTransition> ts =
          prev == null ? SlaTransition.from(ev) : SlaTransition.between(prev, ev);
      for (SlaTransition t : ts) {
        assertEquals(ev.ticketId(), t.ticketId());
        assertEquals(ev.at(), t.at());
        String id = t.metric() + "#" + t.cycle();
        switch (t.kind()) {
          case STARTED -> {
            assertNull(folded.put(id, new int[] {CycleState.ACTIVE.ordinal(), 0}), id);
          }
          case WARNING -> {
            assertTrue(t.warningPercent() > folded.get(id)[1], id);
            folded.get(id)[1] = t.warningPercent();
          }
          default -> {
            CycleState to = stateOf(t.kind());
            assertTrue(to.ordinal() != folded.get(id)[0], id);
            folded.get(id)[0] = to.ordinal();
          }
        }
      }
      for (MetricCycle c : ev.cycles()) {
        int[] f = folded.get(c.metric() + "#" + c.cycle());
        assertEquals(c.state(), CycleState.values()[f[0]], c.toString());
        assertTrue(f[1] >= c.warningPercent(), c.toString()); // every rise was reported
        f[1] = c.warningPercent(); // a drop (re-target) is not a transition, but is remembered
      }
      // A cycle that disappears is forgotten: it starts again if it comes back.
      folded
          .keySet()
          .retainAll(ev.cycles().stream().map(c -> c.metric() + "#" + c.cycle()).toList());
      prev = ev;
    }
  }

  @Property(tries = 100)
  void betweenEqualsThePerCycleStepsAndIsEmptyForAnUnchangedEvaluation(
      @ForAll("histories") SlaClockProperties.History h) {
    List<SlaEvaluation> evs = evaluations(h);
    for (int i = 1; i < evs.size(); i++) {
      SlaEvaluation a = evs.get(i - 1);
      SlaEvaluation b = evs.get(i);
      List<SlaTransition> steps = new ArrayList<>();
      for (MetricCycle c : b.cycles()) {
        a.cycles().stream()
            .filter(x -> x.metric().equals(c.metric()) && x.cycle() == c.cycle())
            .findFirst()
            .ifPresentOrElse(
                x -> steps.addAll(SlaTransition.changes(b, c, x.state(), x.warningPercent())),
                () -> steps.addAll(SlaTransition.started(b, c)));
      }
      assertEquals(steps, SlaTransition.between(a, b));
      assertEquals(List.of(), SlaTransition.between(b, b));
    }
  }

  @Example
  void anUnansweredUrgentTicketWarnsThenBreachesItsFirstResponse() {
    // vip/urgent: first response 1 h on the 9-17 team calendar, warnings at 50, 75 and 90 %.
    SlaClock clock = Fixtures.clock(Fixtures.tiered(), "T");
    clock.accept(
        new Fixtures.Ticket("T").created(Fixtures.mon(9, 0), "tier", "gold", "severity", "s1"));
    SlaEvaluation a = clock.evaluate(Fixtures.mon(9, 0));
    SlaEvaluation b = clock.evaluate(Fixtures.mon(9, 40));
    SlaEvaluation c = clock.evaluate(Fixtures.mon(10, 1));
    assertEquals(List.of("STARTED/0"), firstResponse(SlaTransition.from(a)));
    assertEquals(List.of("WARNING/50"), firstResponse(SlaTransition.between(a, b)));
    assertEquals(List.of("WARNING/90", "BREACHED/90"), firstResponse(SlaTransition.between(b, c)));
    assertEquals(
        List.of("STARTED/90", "WARNING/90", "BREACHED/90"), firstResponse(SlaTransition.from(c)));
    assertEquals(c.at(), SlaTransition.between(b, c).get(0).at());
  }

  private static List<String> firstResponse(List<SlaTransition> ts) {
    return ts.stream()
        .filter(t -> t.metric().equals(SlaMetric.firstResponse()))
        .map(t -> t.kind() + "/" + t.warningPercent())
        .toList();
  }

  @Example
  void betweenRejectsTwoTicketsAndNegativeWarnings() {
    SlaClock clock = Fixtures.clock(Fixtures.tiered(), "T");
    clock.accept(
        new Fixtures.Ticket("T").created(Fixtures.mon(9, 0), "tier", "gold", "severity", "s1"));
    SlaEvaluation a = clock.evaluate(Fixtures.mon(9, 0));
    SlaClock other = Fixtures.clock(Fixtures.tiered(), "U");
    other.accept(
        new Fixtures.Ticket("U").created(Fixtures.mon(9, 0), "tier", "gold", "severity", "s1"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaTransition.between(a, other.evaluate(Fixtures.mon(9, 0))));
    assertTrue(e.getMessage().contains("ticketId"), e.getMessage());
    MetricCycle c = a.cycles().get(0);
    assertThrows(
        IllegalArgumentException.class, () -> SlaTransition.changes(a, c, CycleState.ACTIVE, -1));
    assertEquals(List.of(), SlaTransition.changes(a, c, c.state(), c.warningPercent()));
  }

  private static CycleState stateOf(SlaTransition.Kind k) {
    for (CycleState s : CycleState.values()) {
      if (SlaTransition.Kind.into(s) == k) {
        return s;
      }
    }
    throw new AssertionError(k);
  }
}
