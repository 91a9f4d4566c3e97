package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The algebraic laws of business-time arithmetic, over calendars from the configuration matrix
 * (24/7, lunch break, overnight, holiday-heavy, sparse dates, random) in 37 DST zones, instants in
 * 1990-2060.
 */
class BusinessCalendarProperties {
  private static final int TRIES = 400;

  /** One random calendar with exceptions around a random instant, plus operands. */
  private static final class Scenario {
    final BusinessCalendar cal;
    final Instant a;
    final Instant b;
    final Instant c;
    final Duration d1;
    final Duration d2;

    Scenario(long seed, String zone) {
      Random rnd = new Random(seed);
      a = RandomCalendars.instant(rnd, 1990, 2060);
      LocalDate around = LocalDate.ofInstant(a, ZoneOffset.UTC);
      int kind = rnd.nextInt(RandomCalendars.KINDS.length);
      cal =
          RandomCalendars.spec(
                  rnd, kind, ZoneId.of(zone), around.minusDays(20), around.plusDays(40))
              .build();
      b = a.plusSeconds(rnd.nextInt(40 * 86_400)).plusNanos(rnd.nextInt(1_000_000_000));
      c = b.plusSeconds(rnd.nextInt(10 * 86_400));
      d1 = RandomCalendars.duration(rnd, 100);
      d2 = RandomCalendars.duration(rnd, 100);
    }

    Optional<Instant> plus(Instant t, Duration d) {
      try {
        return Optional.of(cal.plus(t, d));
      } catch (IllegalStateException e) {
        return Optional.empty();
      }
    }

    Optional<Instant> minus(Instant t, Duration d) {
      try {
        return Optional.of(cal.minus(t, d));
      } catch (IllegalStateException e) {
        return Optional.empty();
      }
    }
  }

  @Provide
  Arbitrary<String> zones() {
    return Arbitraries.of(RandomCalendars.DST_ZONES);
  }

  @Property(tries = TRIES)
  void betweenOfPlusIsTheDurationAndPlusIsEarliest(
      @ForAll long seed, @ForAll("zones") String zone) {
    Scenario s = new Scenario(seed, zone);
    Optional<Instant> t = s.plus(s.a, s.d1);
    Assume.that(t.isPresent());
    assertEquals(s.d1, s.cal.between(s.a, t.get()));
    assertTrue(s.cal.between(s.a, t.get().minusNanos(1)).compareTo(s.d1) < 0);
  }

  @Property(tries = TRIES)
  void betweenOfMinusIsTheDurationAndMinusIsLatest(
      @ForAll long seed, @ForAll("zones") String zone) {
    Scenario s = new Scenario(seed, zone);
    Optional<Instant> t = s.minus(s.b, s.d1);
    Assume.that(t.isPresent());
    assertEquals(s.d1, s.cal.between(t.get(), s.b));
    assertTrue(s.cal.between(t.get().plusNanos(1), s.b).compareTo(s.d1) < 0);
  }

  @Property(tries = TRIES)
  void plusIsAdditive(@ForAll long seed, @ForAll("zones") String zone) {
    Scenario s = new Scenario(seed, zone);
    Optional<Instant> once = s.plus(s.a, s.d1.plus(s.d2));
    Optional<Instant> twice = s.plus(s.a, s.d1).flatMap(t -> s.plus(t, s.d2));
    assertEquals(once, twice);
  }

  @Property(tries = TRIES)
  void betweenIsAdditiveAndAntisymmetric(@ForAll long seed, @ForAll("zones") String zone) {
    Scenario s = new Scenario(seed, zone);
    // any order of the three instants
    Instant[] p = {s.a, s.b, s.c};
    Random r = new Random(seed);
    Instant x = p[r.nextInt(3)];
    Instant y = p[r.nextInt(3)];
    Instant z = p[r.nextInt(3)];
    assertEquals(s.cal.between(x, z), s.cal.between(x, y).plus(s.cal.between(y, z)));
    assertEquals(s.cal.between(x, y).negated(), s.cal.between(y, x));
  }

  @Property(tries = TRIES)
  void plusAndBetweenAreMonotonic(@ForAll long seed, @ForAll("zones") String zone) {
    Scenario s = new Scenario(seed, zone);
    // a <= b <= c by construction
    Duration ab = s.cal.between(s.a, s.b);
    Duration ac = s.cal.between(s.a, s.c);
    assertFalse(ab.isNegative());
    assertTrue(ab.compareTo(ac) <= 0);
    assertTrue(ab.compareTo(Duration.between(s.a, s.b)) <= 0, "business time <= elapsed time");
    Optional<Instant> pa = s.plus(s.a, s.d1);
    Optional<Instant> pb = s.plus(s.b, s.d1);
    if (pa.isPresent() && pb.isPresent()) {
      assertFalse(pa.get().isAfter(pb.get()));
    }
    Duration small = s.d1.compareTo(s.d2) <= 0 ? s.d1 : s.d2;
    Duration large = s.d1.compareTo(s.d2) <= 0 ? s.d2 : s.d1;
    Optional<Instant> ps = s.plus(s.a, small);
    Optional<Instant> pl = s.plus(s.a, large);
    if (pl.isPresent()) {
      assertTrue(ps.isPresent());
      assertFalse(ps.get().isAfter(pl.get()));
    }
  }

  @Property(tries = TRIES)
  void minusRetractsPlus(@ForAll long seed, @ForAll("zones") String zone) {
    Scenario s = new Scenario(seed, zone);
    Optional<Instant> t = s.plus(s.a, s.d1);
    Assume.that(t.isPresent());
    Instant back = s.cal.minus(t.get(), s.d1);
    assertFalse(back.isBefore(s.a));
    assertEquals(Duration.ZERO, s.cal.between(s.a, back));
    assertEquals(t.get(), s.cal.plus(back, s.d1));
  }

  @Property(tries = TRIES)
  void isOpenAgreesWithBetweenOverTinyIntervals(@ForAll long seed, @ForAll("zones") String zone) {
    Scenario s = new Scenario(seed, zone);
    Random r = new Random(seed);
    for (int i = 0; i < 20; i++) {
      Instant t = s.a.plusSeconds(r.nextInt(20 * 86_400));
      boolean open = s.cal.isOpen(t);
      assertEquals(open ? Duration.ofNanos(1) : Duration.ZERO, s.cal.between(t, t.plusNanos(1)));
      Instant whole = Instant.ofEpochSecond(t.getEpochSecond());
      assertEquals(
          s.cal.isOpen(whole) ? Duration.ofSeconds(1) : Duration.ZERO,
          s.cal.between(whole, whole.plusSeconds(1)));
    }
  }

  @Property(tries = TRIES)
  void nextOpenAndNextCloseBoundTheOpenPeriod(@ForAll long seed, @ForAll("zones") String zone) {
    Scenario s = new Scenario(seed, zone);
    Optional<Instant> open = s.cal.nextOpen(s.a);
    if (open.isPresent()) {
      assertTrue(s.cal.isOpen(open.get()));
      assertEquals(Duration.ZERO, s.cal.between(s.a, open.get()));
      Optional<Instant> close = s.cal.nextClose(open.get());
      if (close.isPresent()) {
        assertFalse(s.cal.isOpen(close.get()));
        assertEquals(
            Duration.between(open.get(), close.get()), s.cal.between(open.get(), close.get()));
        assertEquals(
            close.get(),
            s.cal.plus(open.get(), Duration.between(open.get(), close.get())),
            "a deadline that consumes a period lands on its close");
      }
    }
  }

  @Property(tries = TRIES)
  void zeroAndNegativeDurations(@ForAll long seed, @ForAll("zones") String zone) {
    Scenario s = new Scenario(seed, zone);
    assertEquals(s.a, s.cal.plus(s.a, Duration.ZERO));
    assertEquals(s.a, s.cal.minus(s.a, Duration.ZERO));
    assertEquals(Duration.ZERO, s.cal.between(s.a, s.a));
    assertEquals(s.minus(s.b, s.d1), s.plus(s.b, s.d1.negated()));
    assertEquals(s.plus(s.b, s.d1), s.minus(s.b, s.d1.negated()));
  }

  @Property(tries = 150)
  void unionAndIntersectionObeyInclusionExclusion(
      @ForAll long seed, @ForAll("zones") String zone1, @ForAll("zones") String zone2) {
    Scenario s = new Scenario(seed, zone1);
    Scenario t = new Scenario(seed ^ 0x5DEECE66DL, zone2);
    BusinessCalendar union = s.cal.union(t.cal);
    BusinessCalendar inter = s.cal.intersection(t.cal);
    assertEquals(
        s.cal.between(s.a, s.c).plus(t.cal.between(s.a, s.c)),
        union.between(s.a, s.c).plus(inter.between(s.a, s.c)));
    assertEquals(union.openPeriods(s.a, s.c), t.cal.union(s.cal).openPeriods(s.a, s.c));
    assertEquals(inter.openPeriods(s.a, s.c), t.cal.intersection(s.cal).openPeriods(s.a, s.c));
    assertEquals(s.cal.isOpen(s.b) || t.cal.isOpen(s.b), union.isOpen(s.b));
    assertEquals(s.cal.isOpen(s.b) && t.cal.isOpen(s.b), inter.isOpen(s.b));
  }
}
