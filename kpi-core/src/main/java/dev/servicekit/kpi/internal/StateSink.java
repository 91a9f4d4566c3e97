package dev.servicekit.kpi.internal;

/** Receives an accumulator's state as named fields, in a fixed order. Not API. */
public interface StateSink {
  /**
   * Writes a long field.
   *
   * @param name the field name
   * @param value the value
   */
  void putLong(String name, long value);

  /**
   * Writes a double field.
   *
   * @param name the field name
   * @param value the value
   */
  void putDouble(String name, double value);

  /**
   * Writes an opaque byte field.
   *
   * @param name the field name
   * @param value the bytes
   */
  void putBytes(String name, byte[] value);

  /**
   * Writes a string field.
   *
   * @param name the field name
   * @param value the string
   */
  void putString(String name, String value);
}
