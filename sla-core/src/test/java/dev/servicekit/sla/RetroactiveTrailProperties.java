package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The retroactive span of a re-attached cycle shows the target it is measured against (issue 17
 * review, finding 9): under {@code CANCEL_AND_REATTACH} with a retroactive start, every segment of
 * a cycle's span before its attach names the policy and target it was attached under (those of the
 * segment in force at the attach, which may run through it; a later re-target of a resumed cycle
 * shows from then on), and the segments still sum to its outputs.
 */
class RetroactiveTrailProperties {

  @Property(tries = 200)
  void aReattachedCyclesRetroactiveSpanShowsTheTargetItIsMeasuredAgainst(
      @ForAll long seed,
      @ForAll @IntRange(min = 0, max = 25) int size,
      @ForAll boolean atCreation,
      @ForAll boolean retroactivePause,
      @ForAll @IntRange(min = 0, max = 40) int later) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    String json =
        SlaPolicyJson.write(h.set())
            .replaceAll(
                "\"retargetRule\": \"RECALCULATE(_ALL)?\"",
                "\"retargetRule\": \"CANCEL_AND_REATTACH\"")
            .replace(
                "\"reattachStart\": \"AT_CHANGE\"",
                "\"reattachStart\": \""
                    + (atCreation ? "AT_CREATION" : "AT_CANCELLED_START")
                    + "\"")
            .replace("\"retroactivePause\": false", "\"retroactivePause\": " + retroactivePause);
    SlaPolicySet set = SlaPolicyJson.read(json);
    assertEquals(RetargetRule.CANCEL_AND_REATTACH, set.retargetRule(), json);
    SlaClock clock = Fixtures.clock(set, "T");
    h.events().forEach(clock::accept);
    Map<String, Instant> at = new HashMap<>();
    h.events().forEach(e -> at.put(e.id(), e.at()));
    Instant now = h.last().plus(Duration.ofMinutes(15L * later));
    int[] retroactive = {0};
    for (MetricCycle m : clock.evaluate(now).cycles()) {
      List<CycleSegment> trail = clock.auditTrail(m.metric(), m.cycle(), now);
      String what = m + " " + trail;
      Duration business = Duration.ZERO;
      for (CycleSegment s : trail) {
        business = business.plus(s.business());
      }
      assertEquals(m.elapsed(), business, what);
      Instant attach = at.get(trail.get(0).openedBy());
      if (attach == null || !m.start().isBefore(attach)) {
        continue; // not retroactive
      }
      // the segment in force at the attach (it begins there, or, where the cycle ran through the
      // attach without a pause, runs on from before it) names the targeting it was attached under
      CycleSegment attached =
          trail.stream()
              .filter(
                  s ->
                      !s.from().isAfter(attach)
                          && (s.to().isAfter(attach) || s.closedBy().isEmpty()))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no segment at the attach " + attach + ": " + what));
      for (CycleSegment s : trail) {
        if (s.from().isBefore(attach)) {
          assertEquals(attached.target(), s.target(), what);
          assertEquals(attached.policy(), s.policy(), what);
        }
      }
      retroactive[0]++;
    }
    net.jqwik.api.statistics.Statistics.label("retroactive cycles")
        .collect(Math.min(retroactive[0], 3));
  }
}
