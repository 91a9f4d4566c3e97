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
}
