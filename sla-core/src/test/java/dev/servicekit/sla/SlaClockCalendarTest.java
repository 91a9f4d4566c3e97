package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The public face over the production {@link BusinessCalendar}: it must agree exactly with the
 * naive test calendar, and the deadline laws must hold over real calendars too.
 */
class SlaClockCalendarTest {

  private static final BusinessCalendar NINE_TO_FIVE =
      BusinessCalendar.builder(ZoneOffset.UTC).weekdays(TimeRange.parse("09:00-17:00")).build();

  @Property(tries = 100)
  void productionCalendarAgreesWithTheNaiveTestCalendar(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 25) int size) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    Instant now = h.last().plus(Duration.ofMinutes(seed & 1023));
    SlaEvaluation naive = Fixtures.eval(h.set(), h.events(), now);
    SlaEvaluation real = SlaClock.evaluate(h.set(), Map.of("team", NINE_TO_FIVE), h.events(), now);
    assertEquals(naive, real);
  }

  @Property(tries = 60)
  void addingWorkingTimeNeverMakesADeadlineLaterOnRealCalendars(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 25) int size) {
    Random r = new Random(seed);
    ZoneId zone = ZoneId.of(r.nextBoolean() ? "Europe/Berlin" : "America/New_York");
    BusinessCalendar.Builder b = BusinessCalendar.builder(zone);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d == DayOfWeek.MONDAY || r.nextInt(3) > 0) {
        int from = 6 + r.nextInt(6);
        b.hours(
            d,
            TimeRange.parse(
                String.format(Locale.ROOT, "%02d:00-%02d:00", from, from + 1 + r.nextInt(8))));
      }
    }
    BusinessCalendar fewer = b.build();
    BusinessCalendar extra =
        BusinessCalendar.builder(zone)
            .hours(DayOfWeek.of(1 + r.nextInt(7)), TimeRange.parse("18:00-22:00"))
            .build();
    BusinessCalendar more = fewer.union(extra);
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    Instant now = h.last().plus(Duration.ofHours(1));
    List<MetricCycle> a =
        SlaClock.evaluate(h.set(), Map.of("team", fewer), h.events(), now).cycles();
    List<MetricCycle> c =
        SlaClock.evaluate(h.set(), Map.of("team", more), h.events(), now).cycles();
    assertEquals(a.size(), c.size());
    for (int i = 0; i < a.size(); i++) {
      // A due-date target (the business time from the start to the ticket's due date) grows with
      // the calendar, and a cycle stopped short of a bigger target is due later: the law is for
      // one target.
      if (a.get(i).deadline().isPresent() && a.get(i).target().equals(c.get(i).target())) {
        Instant x = a.get(i).deadline().get();
        Instant y = c.get(i).deadline().orElseThrow();
        assertTrue(!y.isAfter(x), () -> "deadline moved from " + x + " to " + y);
      }
    }
  }

  @Test
  void clockOverBusinessCalendarGivesTheDocumentedDeadline() {
    SlaPolicySet set =
        Fixtures.single(
            Map.of(SlaMetric.firstResponse(), Duration.ofHours(4)),
            Fixtures.team(SlaMetric.firstResponse()));
    SlaClock clock = SlaClock.of(set, Map.of("team", NINE_TO_FIVE), "T1");
    clock.accept(new Fixtures.Ticket("T1").created(Fixtures.mon(4, 15, 0)));
    // Friday 15:00 + 4 business hours = Monday 11:00.
    assertEquals(
        java.util.Optional.of(Fixtures.mon(7, 11, 0)),
        clock.evaluate(Fixtures.mon(4, 16, 0)).latest(SlaMetric.firstResponse()).get().deadline());
  }
}
