package dev.servicekit.sla.internal.clock;

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

    @Override
    public Instant plus(Instant a, Duration d) {
      return a.plus(d);
    }
  }
}
