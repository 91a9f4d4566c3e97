package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Agents a hair above the traffic: a valid Erlang C input whose average speed of answer, {@code C
 * AHT / (N - A)}, is finite but longer than a {@link Duration} holds. It is refused with the
 * documented {@link IllegalArgumentException} naming the agents, the traffic and the rule (a plan
 * then names the interval too); it was an undocumented {@link ArithmeticException} from the
 * conversion to a Duration, which {@link StaffingPlan} did not locate.
 */
class ErlangCUnrepresentableWaitTest {

  private static final Duration DAY = Duration.ofDays(1);

  /** One day's AHT over a day: the traffic is the calls, the largest double below 10. */
  private static final Workload JUST_BELOW_TEN = Workload.of(Math.nextDown(10.0), DAY, DAY);

  @Test
  void theInputIsValidAndTheWaitBeyondADuration() {
    double a = JUST_BELOW_TEN.trafficErlangs();
    assertTrue(a < 10, "traffic " + a);
    // C <= 1, so the wait is at most AHT / (N - A); at least it is beyond any Duration when C is
    // near 1, as it is with N - A of one ulp
    double seconds = DAY.getSeconds() / (10 - a);
    assertTrue(seconds > Long.MAX_VALUE, "bound " + seconds);
  }

  @Test
  void evaluateRefusesNamingAgentsTrafficAndTheRule() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ErlangC.evaluate(JUST_BELOW_TEN, 10, Duration.ofSeconds(20)));
    String m = e.getMessage();
    assertTrue(
        m.startsWith("agents 10 exceed the traffic of " + JUST_BELOW_TEN.trafficErlangs()), m);
    assertTrue(m.endsWith("is longer than a java.time.Duration holds"), m);
  }

  @Test
  void requiredAgentsRefusesWhenTheFirstStableNMeetsATinyTarget() {
    StaffingTarget tiny = StaffingTarget.of(Double.MIN_VALUE, Duration.ZERO);
    assertThrows(
        IllegalArgumentException.class, () -> ErlangC.requiredAgents(JUST_BELOW_TEN, tiny));
  }

  @Test
  void aPlanNamesTheIntervalOfSuchAWorkload() {
    IntervalForecast f = IntervalForecast.of(java.time.LocalTime.MIDNIGHT, JUST_BELOW_TEN);
    StaffingTarget tiny = StaffingTarget.of(Double.MIN_VALUE, Duration.ZERO);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> StaffingPlan.erlangC(java.util.List.of(f), tiny));
    assertTrue(
        e.getMessage().startsWith("intervals[0] starting 00:00: agents 10 exceed"), e.getMessage());
  }

  @Test
  void aWaitWithinADurationIsStillAnswered() {
    Workload w = Workload.of(10 - 1e-9, DAY, DAY);
    ErlangCResult r = ErlangC.evaluate(w, 10, Duration.ofSeconds(20));
    assertEquals(10, r.agents());
    assertTrue(r.averageSpeedOfAnswer().getSeconds() > 1e13, r.toString());
  }
}
