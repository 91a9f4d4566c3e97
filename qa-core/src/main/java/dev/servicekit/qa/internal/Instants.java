package dev.servicekit.qa.internal;

import java.time.Instant;
import java.util.Objects;

/**
 * The rule for every instant a qa-core value carries (evaluated, revised, dispute raised and
 * resolved): within {@code [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)}, the range of sla-core, so
 * that every zone gives it a date and no analytics path can raise a {@link
 * java.time.DateTimeException}. Stateless and thread-safe.
 */
public final class Instants {

  /** The first accepted instant, {@code 1900-01-01T00:00:00Z}. */
  public static final Instant FIRST = Instant.parse("1900-01-01T00:00:00Z");

  /** The end (exclusive) of the accepted instants, {@code 2300-01-01T00:00:00Z}. */
  public static final Instant END = Instant.parse("2300-01-01T00:00:00Z");

  private Instants() {}

  /**
   * Returns {@code at} if it is in {@code [FIRST, END)}.
   *
   * @param at the instant
   * @param field names it in the message, e.g. {@code "raisedAt"}
   * @return {@code at}
   * @throws IllegalArgumentException naming the field, the instant and the range
   */
  public static Instant require(Instant at, String field) {
    Objects.requireNonNull(at, field);
    if (at.isBefore(FIRST) || !at.isBefore(END)) {
      throw new IllegalArgumentException(
          field + " " + at + " must be in [" + FIRST + ", " + END + ")");
    }
    return at;
  }
}
