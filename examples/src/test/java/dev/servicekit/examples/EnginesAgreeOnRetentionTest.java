package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.In;
import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.Oracle;
import dev.servicekit.examples.EnginesAgreeOnSlaTransitionsTest.Outcome;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The retention of finished tickets on both engines ({@code SlaClockTopology.Builder.retention}
 * with a released topic, {@code FlinkSlaClocks.Options.retention} with {@code RELEASED}), which the
 * README gives one rule ("Retention of finished tickets"), over the histories of {@link
 * EnginesAgreeOnSlaTransitionsTest} (solves, reopens, redeliveries, late events, corrections and
 * bad records) with a retention of 2 or 12 hours, so that tickets are released and later events,
 * redeliveries and corrections of them are routed.
 *
 * <p>Checked: per ticket the same transitions on both, the same events routed as a released
 * ticket's (Kafka's released topic, Flink's {@code RELEASED}; a released replacement as its event,
 * a released retraction only counted on Flink, so left out of Kafka's), the same tickets still held
 * with the same clocks, and the same rejections. Against the core clock without a retention: a
 * ticket still held has exactly its transitions (the retention changes nothing else), a released
 * one a prefix of them (what came after the release is routed, not applied).
 *
 * <p>With no grace (events hours late) and with a grace of 30 minutes (disorder within it, each
 * ticket's events in time order). With a grace, an event stamped at or after its ticket's release
 * deadline that arrives while the task's time is still before it finds the ticket released on both:
 * Flink releases the ticket when the watermark passes the deadline, before it applies the waiting
 * event (README: "an event that was still waiting for the watermark when the ticket was released"),
 * and Kafka's event fires its ticket's release first, as it fires the timers due up to its instant.
 * Earlier builds of the Kafka topology applied such an event (a reopen kept the ticket), so this
 * property ran without a grace only.
 */
class EnginesAgreeOnRetentionTest {

  @Property(tries = 40)
  void bothEnginesReleaseTheSameTicketsAndRouteTheSameEvents(
      @ForAll long seed, @ForAll boolean shortRetention, @ForAll boolean grace) throws Exception {
    check(
        seed,
        shortRetention ? Duration.ofHours(2) : Duration.ofHours(12),
        grace ? Duration.ofMinutes(30).toMillis() : 0);
  }

  /** Runs one history and returns how many events both engines routed as a released ticket's. */
  static int check(long seed, Duration retention) throws Exception {
    return check(seed, retention, 0);
  }

  /** As {@link #check(long, Duration)}, the records in the arrival order of a grace. */
  static int check(long seed, Duration retention, long graceMillis) throws Exception {
    List<In> inputs = EnginesAgreeOnSlaTransitionsTest.inputs(seed, 12, graceMillis);
    var w = EnginesAgreeOnSlaTransitionsTest.WORLD;
    Outcome oracle = new Oracle(w).run(inputs, graceMillis);
    Outcome k = EnginesAgreeOnSlaTransitionsTest.kafka(w, inputs, graceMillis, retention);
    Outcome f = EnginesAgreeOnSlaTransitionsTest.flink(w, inputs, graceMillis, retention);
    List<String> flinkSide = new java.util.ArrayList<>(k.rejected());
    flinkSide.removeIf(s -> s.endsWith(" " + EnginesAgreeOnSlaTransitionsTest.Bad.UNDECODABLE));
    assertEquals(flinkSide, f.rejected(), "the same records rejected");
    assertEquals(k.reasons(), f.reasons(), "in the same words");
    assertEquals(k.released(), f.released(), "the same events routed as a released ticket's");
    assertEquals(k.clocks().keySet(), f.clocks().keySet(), "the same tickets held");
    Set<String> tickets = new TreeSet<>(oracle.transitions().keySet());
    tickets.addAll(k.transitions().keySet());
    tickets.addAll(f.transitions().keySet());
    int routed = 0;
    for (String t : tickets) {
      List<SlaTransition> kt = k.transitions().getOrDefault(t, List.of());
      assertEquals(kt, f.transitions().getOrDefault(t, List.of()), t + ": Kafka and Flink");
      List<SlaTransition> o = oracle.transitions().getOrDefault(t, List.of());
      if (k.clocks().containsKey(t)) {
        assertEquals(o, kt, t + ": held, so as without a retention");
        SlaClock kc = k.clocks().get(t);
        SlaClock fc = f.clocks().get(t);
        assertEquals(kc.events(), fc.events(), t);
        assertEquals(evaluateOrNull(kc), evaluateOrNull(fc), t);
      } else {
        assertTrue(
            kt.size() <= o.size() && o.subList(0, kt.size()).equals(kt),
            t + ": released, so a prefix of the transitions without a retention");
      }
      routed += k.released().getOrDefault(t, List.of()).size();
    }
    return routed;
  }

  private static SlaEvaluation evaluateOrNull(SlaClock c) {
    try {
      return c.evaluate(EnginesAgreeOnSlaTransitionsTest.END);
    } catch (IllegalStateException noCreated) {
      return null;
    }
  }

  /**
   * The histories do release tickets and route later records of them (a reopen, a redelivery, a
   * correction after the release) under both retentions, so the property compares something.
   */
  @Example
  void theGeneratedHistoriesReleaseTicketsAndRouteTheirLaterEvents() throws Exception {
    for (Duration retention : List.of(Duration.ofHours(2), Duration.ofHours(12))) {
      int routed = 0;
      int released = 0;
      for (long seed = 1; seed <= 6; seed++) {
        routed += check(seed, retention);
        List<In> inputs = EnginesAgreeOnSlaTransitionsTest.inputs(seed, 12, 0);
        Outcome k =
            EnginesAgreeOnSlaTransitionsTest.kafka(
                EnginesAgreeOnSlaTransitionsTest.WORLD, inputs, 0, retention);
        Set<String> seen = new TreeSet<>();
        for (In in : inputs) {
          if (in.value() instanceof TicketEvent e) {
            seen.add(e.ticketId());
          }
        }
        seen.removeAll(k.clocks().keySet());
        released += seen.size();
      }
      assertTrue(routed >= 3, retention + ": routed " + routed);
      assertTrue(released >= 10, retention + ": released " + released);
    }
  }

  @Example
  void aFixedSeed() throws Exception {
    check(1, Duration.ofHours(2));
  }

  /**
   * With a grace, a reopen stamped after its ticket's release deadline that arrived before the
   * task's time reached the deadline: earlier builds of the Kafka topology applied it (the ticket
   * kept, its cycles resumed), where Flink routes it as a released ticket's event.
   */
  @Example
  void withAGraceAnEventAfterTheDeadlineIsRoutedOnBoth() throws Exception {
    assertTrue(check(4, Duration.ofHours(2), 1_800_000) > 0);
  }
}
