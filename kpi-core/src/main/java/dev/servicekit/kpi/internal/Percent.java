package dev.servicekit.kpi.internal;

/**
 * A share in percent, {@code 100 * part / whole}, for {@code |part| <= whole}: rounded once (the
 * double nearest the exact share) wherever {@code 100 * part} is exact, as it is for every count
 * below 2<sup>53</sup> / 100; at larger counts, where multiplying first rounds, clamped to
 * &minus;100..100, and exactly &plusmn;100 for a share of everything. Taking the share first would
 * bound it too but round twice: {@code 100 * (29 / 100.0)} is 28.999999999999996. Not API.
 * Stateless and thread-safe.
 */
public final class Percent {

  private Percent() {}

  /**
   * Returns {@code 100 * part / whole}.
   *
   * @param part the part, {@code |part| <= whole}
   * @param whole the whole, positive
   * @return the percent, in -100..100
   */
  public static double of(long part, long whole) {
    return of((double) part, (double) whole, part == whole, part == -whole);
  }

  /**
   * Returns {@code 100 * part / whole} for a part and whole held as doubles (sums of counts).
   *
   * @param part the part, {@code |part| <= whole}
   * @param whole the whole, positive
   * @return the percent, in -100..100
   */
  public static double of(double part, double whole) {
    return of(part, whole, part == whole, part == -whole);
  }

  private static double of(double part, double whole, boolean all, boolean none) {
    if (all) {
      return 100;
    }
    if (none) {
      return -100;
    }
    return Math.max(-100, Math.min(100, 100.0 * part / whole));
  }
}
