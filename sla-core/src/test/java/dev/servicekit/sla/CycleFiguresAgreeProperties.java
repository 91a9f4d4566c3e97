package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The figures of one cycle tell one story, whatever the rules: a breached cycle is due no later
 * than its breach and has no time left; a cycle that is not breached is due no earlier than now
 * (running or paused: due if it resumed now) or than its stop (met or cancelled: due if it had kept
 * counting), and has no negative time left. Checked on random histories evaluated at each of their
 * instants, under every closing, breach and re-target rule (a reviewer found a paused cycle due
 * before now, and a kept breach reported with time left).
 */
class CycleFiguresAgreeProperties {

  @Property(tries = 300)
  void aCyclesDeadlineBreachAndRemainingAgree(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 25) int size,
      @ForAll @IntRange(min = 0, max = 1) int closing,
      @ForAll @IntRange(min = 0, max = 1) int breach,
      @ForAll @IntRange(min = 0, max = 2) int retarget,
      @ForAll boolean stopsBefore,
      @ForAll boolean creationStops) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    SlaPolicySet set =
        SlaClockProperties.withCreationStop(
            SlaClockProperties.withStopRule(
                variant(h.set(), closing, breach, retarget), stopsBefore),
            creationStops);
    List<TicketEvent> sorted = new ArrayList<>(h.events());
    sorted.sort(TicketEvent.ORDER);
    SlaClock clock = Fixtures.clock(set, "T");
    for (int k = 0; k < sorted.size(); k++) {
      clock.accept(sorted.get(k));
      Instant at = sorted.get(k).at();
      if (k + 1 < sorted.size() && sorted.get(k + 1).at().equals(at)) {
        continue; // within one update
      }
      check(clock.evaluate(at), sorted.get(k));
      check(clock.evaluate(at.plus(Duration.ofMinutes(37L * (k + 1)))), sorted.get(k));
    }
  }

  private static void check(SlaEvaluation e, TicketEvent after) {
    for (MetricCycle c : e.cycles()) {
      if (c.target().isEmpty()) {
        continue;
      }
      String why = c + " after " + after;
      Duration signed = c.signedRemaining().orElseThrow();
      assertEquals(signed.isNegative() ? Duration.ZERO : signed, c.remaining(), why);
      if (c.state() == CycleState.BREACHED) {
        Instant breached = c.breachedAt().orElseThrow();
        assertFalse(breached.isAfter(e.at()), why);
        assertFalse(signed.compareTo(Duration.ZERO) > 0, "time left on a breached cycle: " + why);
        c.deadline().ifPresent(d -> assertFalse(d.isAfter(breached), "due after breach: " + why));
        assertTrue(c.metAt().isEmpty(), why);
      } else {
        assertTrue(c.breachedAt().isEmpty(), why);
        assertFalse(signed.isNegative(), "time overdrawn, not breached: " + why);
        Instant floor = c.stop().orElse(e.at());
        c.deadline()
            .ifPresent(d -> assertFalse(d.isBefore(floor), "due before " + floor + ": " + why));
        c.metAt().ifPresent(m -> assertEquals(c.stop().orElseThrow(), m, why));
      }
    }
  }

  private static SlaPolicySet variant(SlaPolicySet base, int closing, int breach, int retarget) {
    String json = SlaPolicyJson.write(base);
    if (closing == 1) {
      json =
          replaceOnce(
              json, "\"closingRule\": \"AT_CLOSE\"", "\"closingRule\": \"AT_NEXT_OPENING\"");
    }
    if (breach == 1) {
      json =
          replaceOnce(
              json, "\"breachRule\": \"AFTER_DEADLINE\"", "\"breachRule\": \"AT_DEADLINE\"");
    }
    if (retarget == 1 && json.contains("\"retargetRule\": \"RECALCULATE\"")) {
      json =
          json.replace("\"retargetRule\": \"RECALCULATE\"", "\"retargetRule\": \"KEEP_REACHED\"");
    }
    if (retarget == 2 && json.contains("\"retargetRule\": \"RECALCULATE\"")) {
      json =
          json.replace(
              "\"retargetRule\": \"RECALCULATE\"", "\"retargetRule\": \"CANCEL_AND_REATTACH\"");
    }
    return SlaPolicyJson.read(json);
  }

  private static String replaceOnce(String json, String from, String to) {
    if (!json.contains(from)) {
      throw new AssertionError("the fixture's JSON no longer says " + from);
    }
    return json.replace(from, to);
  }
}
