package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * s10user finding 1: a retraction of a value that was never added left a state (no observation but
 * a non-zero total, a call counted in a band it was never in) that the library's own snapshot
 * reader refuses, so a checkpoint written after it could never be restored. Such a retraction is
 * now refused, naming the field, the rule and the values, and changes nothing; a right one still
 * undoes its add.
 */
class RetractionLeavesReadableStateTest {

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  private static void assertRefused(
      String expected, KpiAccumulator<?, ?> acc, Executable retraction) {
    byte[] before = acc.toBytes();
    assertEquals(expected, assertThrows(IllegalArgumentException.class, retraction).getMessage());
    assertArrayEquals(before, acc.toBytes(), "a refused retraction changes nothing");
    KpiSnapshots.fromBytes(acc.toBytes(), acc.getClass());
  }

  @Test
  void theLastDurationMustBeRetractedWithExactlyTheRemainingTotal() {
    DurationAccumulator d = DurationAccumulator.create();
    d.addMillis(10);
    assertRefused(
        "cannot retract duration 5 ms: it was never added as one, since afterwards totalMillis"
            + " would be 5 but must be 0 when count is 0",
        d,
        () -> d.retractMillis(5));
    d.addMillis(7);
    d.retractMillis(5); // two observations: a wrong one cannot be told from a right one yet
    assertRefused(
        "cannot retract duration 11 ms: it was never added as one, since afterwards totalMillis"
            + " would be 1 but must be 0 when count is 0",
        d,
        () -> d.retract(Duration.ofMillis(11)));
    d.retractMillis(12);
    assertEquals(new DurationResult(0, 0), d.result());
  }

  @Test
  void theLastHandledContactMustBeRetractedWithExactlyTheRemainingTimes() {
    HandleTimeAccumulator h = HandleTimeAccumulator.create();
    h.addMillis(1000, 1000, 1000);
    assertRefused(
        "cannot retract a contact of talk 500 ms, hold 0 ms, after-work 0 ms: it was never added"
            + " as one, since afterwards handled would be 0 but must be > 0 when talk, hold or"
            + " after-call work is not 0 (talk 500 ms, hold 1000 ms, after-work 1000 ms)",
        h,
        () -> h.retractMillis(500, 0, 0));
    assertRefused(
        "cannot retract a contact of talk 2000 ms, hold 0 ms, after-work 0 ms: more than was"
            + " added (1 contacts, talk 1000 ms, hold 1000 ms, after-work 1000 ms)",
        h,
        () -> h.retractMillis(2000, 0, 0));
    h.retract(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertEquals(0, h.result().handled());
  }

  @Test
  void theLastAgentContactMustBeRetractedWithExactlyTheRemainingHandleTime() {
    AgentTimeAccumulator t = AgentTimeAccumulator.create();
    t.addContactMillis(1000);
    assertRefused(
        "cannot retract contact of 400 ms: it was never added as one, since afterwards"
            + " handleMillis would be 600 but must be 0 when handled is 0",
        t,
        () -> t.retractContactMillis(400));
    t.retractContact(Duration.ofSeconds(1));
    assertEquals(true, t.isEmpty());
  }

  @Test
  void aServiceLevelRetractionMustFindACallInItsBand() {
    ServiceLevelAccumulator s =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    s.answeredMillis(10);
    assertRefused(
        "cannot retract answered call with wait 5 ms: it was never added as one, since afterwards"
            + " answerWaitMillis would be 5 but must be 0 when answered is 0",
        s,
        () -> s.retractAnsweredMillis(5));
    s.answeredMillis(15_000);
    s.answeredMillis(15_000); // three calls within 20 s, 30010 ms in all
    assertRefused(
        "cannot retract answered call with wait 25000 ms: it was never added as one, since"
            + " afterwards answeredWithinThreshold would be 3 but must be <="
            + " answeredWithinMissedAfter (2) and so <= answered (2)",
        s,
        () -> s.retractAnsweredMillis(25_000));
    s.abandonedMillis(3000); // a short abandon
    assertRefused(
        "cannot retract abandoned call with wait 10000 ms: it was never added as one, since"
            + " afterwards shortAbandoned would be 1 but must be <= abandonedWithinThreshold (0)",
        s,
        () -> s.retractAbandonedMillis(10_000));
    assertRefused(
        "cannot retract abandoned call with wait 60000 ms: it was never added as one, since"
            + " afterwards abandonedWithinThreshold would be 1 but must be <= abandoned (0)",
        s,
        () -> s.retractAbandonedMillis(60_000));
    // a band that holds no call: named with every counter and the policy's times
    assertRefused(
        "cannot retract answered call with wait 40000 ms: none added (answered 3,"
            + " answeredWithinThreshold 3, answeredWithinMissedAfter 3, answerWaitMillis 30010;"
            + " threshold 20000 ms, missedAfter 30000 ms)",
        s,
        () -> s.retractAnsweredMillis(40_000));
    s.retractAbandonedMillis(3000);
    s.retractAnsweredMillis(15_000);
    s.retractAnsweredMillis(15_000);
    s.retractAnsweredMillis(10);
    assertEquals(true, s.isEmpty());
    assertRefused(
        "cannot retract abandoned call with wait 1000 ms: none added (abandoned 0,"
            + " abandonedWithinThreshold 0, shortAbandoned 0; threshold 20000 ms, shortAbandon"
            + " 5000 ms)",
        s,
        () -> s.retractAbandonedMillis(1000));
  }

  @Test
  void aWindowedTableRefusesTheWrongRetractionAndStaysRestorable() {
    WindowedKpi<String, DurationAccumulator> w =
        WindowedKpi.create(
            DurationAccumulator::create,
            WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC),
            Duration.ofMinutes(10));
    w.recordLong("a", T0, DurationAccumulator::addMillis, 10);
    String before = w.toJson(k -> k);
    assertThrows(
        IllegalArgumentException.class,
        () -> w.recordLong("a", T0, DurationAccumulator::retractMillis, 5));
    assertEquals(before, w.toJson(k -> k));
    WindowedKpi.fromBytes(
        w.toBytes(k -> k), DurationAccumulator::create, DurationAccumulator.class, k -> k);
  }

  @Test
  void aRetractionTheAllTimeAcceptsButTheWindowRefusesChangesNothing() {
    WindowedKpi<String, DurationAccumulator> w =
        WindowedKpi.create(
            DurationAccumulator::create,
            WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC),
            Duration.ofHours(5));
    w.recordLong("a", T0, DurationAccumulator::addMillis, 10);
    w.recordLong("a", T0.plusSeconds(3600), DurationAccumulator::addMillis, 20);
    String before = w.toJson(k -> k);
    // the 20 ms is in the 09:00 window: all-time (2 observations, 30 ms) accepts, 08:00 refuses
    assertThrows(
        IllegalArgumentException.class,
        () -> w.recordLong("a", T0, DurationAccumulator::retractMillis, 20));
    assertEquals(before, w.toJson(k -> k));
    assertEquals(new DurationResult(2, 30), w.allTime("a").result());
  }
}
