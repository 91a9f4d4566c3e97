package dev.servicekit.sla.internal.clock;

import dev.servicekit.sla.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;

/**
 * The two calendar operations the SLA clock needs. Contract (as {@code BusinessCalendar}): {@code
 * between(a, b)} is the business time in {@code [a, b)}, monotone in {@code b}; {@code plus(a, d)}
 * is the earliest {@code t >= a} with {@code between(a, t) == d}, and {@code plus(a, 0) == a}.
 */
public interface BusinessTime {

  /** Business time in {@code [a, b)}, for {@code a <= b}. */
  Duration between(Instant a, Instant b);

  /** Earliest {@code t >= a} with {@code between(a, t) == d}, for {@code d >= 0}. */
  Instant plus(Instant a, Duration d);

  /** Returns 24/7 business time: plain elapsed time. */
  static BusinessTime always() {
    return Always.INSTANCE;
  }

  /** 24/7. */
  enum Always implements BusinessTime {
    INSTANCE;

    @Override
    public Duration between(Instant a, Instant b) {
      // exact: Instant's range keeps the difference of seconds far from overflow
      return Duration.ofSeconds(b.getEpochSecond() - a.getEpochSecond(), b.getNano() - a.getNano());
    }

    /**
     * {@code a + d}; an {@link IllegalStateException} if that is at or past {@link
     * BusinessCalendar#SUPPORTED_END}, as a calendar whose time runs out in the supported range, so
     * that no deadline or timer lies where no evaluation can be made.
     */
    @Override
    public Instant plus(Instant a, Duration d) {
      Instant t;
      try {
        t = a.plus(d);
      } catch (java.time.DateTimeException | ArithmeticException past) {
        t = Instant.MAX;
      }
      if (!t.isBefore(BusinessCalendar.SUPPORTED_END)) {
        throw new IllegalStateException(
            "24/7 time from " + a + " plus " + d + " ends at or past the supported range's end");
      }
      return t;
    }
  }
}
