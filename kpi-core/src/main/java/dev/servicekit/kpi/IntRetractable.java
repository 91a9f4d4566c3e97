package dev.servicekit.kpi;

/**
 * A sink of integer observations that can also be taken back: the part of an accumulator that
 * {@link RevisedValues} drives when a rating or score is revised. Implementations in this package
 * are not thread-safe.
 */
public interface IntRetractable {
  /**
   * Adds one observation.
   *
   * @param value the observation
   */
  void add(int value);

  /**
   * Removes one observation previously added.
   *
   * @param value the observation
   */
  void retract(int value);

  /**
   * Checks that {@link #add(int)} takes {@code value} as an observation (a rating on the scale, an
   * NPS score 0..10), without changing anything. {@link RevisedValues#apply} calls it first, so
   * that a value out of range is refused whatever its revision, also when the revision is stale and
   * the value would otherwise be ignored. O(1). The default accepts every value; an implementation
   * that refuses values in {@code add} should refuse the same values here.
   *
   * @param value the observation
   * @throws IllegalArgumentException if {@code add} would refuse the value as out of range
   */
  default void checkValue(int value) {}
}
