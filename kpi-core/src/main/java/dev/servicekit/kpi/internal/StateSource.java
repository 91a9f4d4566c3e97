package dev.servicekit.kpi.internal;

/**
 * Supplies an accumulator's state fields, in the order they were written. Errors are {@link
 * IllegalArgumentException}s naming the field (and JSON path for JSON). Not API.
 */
public interface StateSource {
  /**
   * Reads a long field.
   *
   * @param name the field name
   * @return the value
   */
  long getLong(String name);

  /**
   * Reads a double field.
   *
   * @param name the field name
   * @return the value
   */
  double getDouble(String name);

  /**
   * Reads an opaque byte field.
   *
   * @param name the field name
   * @return the bytes
   */
  byte[] getBytes(String name);

  /**
   * Reads a string field.
   *
   * @param name the field name
   * @return the string
   */
  String getString(String name);

  /**
   * Builds the error for a field whose value breaks a rule.
   *
   * @param name the field name
   * @param value the bad value
   * @param rule the rule, e.g. "must be >= 0"
   * @return the exception to throw
   */
  IllegalArgumentException invalid(String name, Object value, String rule);

  /**
   * Reads a long field that must be {@code >= 0}.
   *
   * @param name the field name
   * @return the value
   */
  default long getCount(String name) {
    long v = getLong(name);
    if (v < 0) {
      throw invalid(name, v, "must be >= 0");
    }
    return v;
  }
}
