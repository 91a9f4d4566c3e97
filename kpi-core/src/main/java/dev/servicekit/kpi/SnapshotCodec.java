package dev.servicekit.kpi;

/**
 * The snapshot codec of one accumulator kind: a service provider interface, so that a custom {@link
 * KpiAccumulator} is snapshotted, restored and shipped like a built-in one.
 *
 * <p>A codec writes the accumulator's state as named fields in a fixed order and reads them back in
 * the same order; {@link KpiSnapshots} adds the envelope (kind, version, CRC32C checksum) and turns
 * the same calls into the binary or the JSON format. Register a codec as a {@link
 * java.util.ServiceLoader} provider of this interface: {@code provides
 * dev.servicekit.kpi.SnapshotCodec with ...} in {@code module-info.java}, and a {@code
 * META-INF/services/dev.servicekit.kpi.SnapshotCodec} entry for the class path. The provider class
 * needs a public no-argument constructor. Every built-in accumulator offers its codec too (e.g.
 * {@link NpsAccumulator#snapshotCodec()}).
 *
 * <p>{@link #read} must validate every field (through {@link Input#invalid}) and never return an
 * accumulator in a state its public methods could not produce. Implementations must be stateless
 * and thread-safe.
 *
 * @param <A> the accumulator type
 */
public interface SnapshotCodec<A extends KpiAccumulator<A, ?>> {

  /**
   * The kind's name, written into every snapshot: 1 to 64 characters of {@code [A-Za-z0-9._-]},
   * unique among registered codecs. A plugin should qualify it (e.g. {@code "com.acme.fcrByHour"}).
   *
   * @return the kind name
   */
  String kind();

  /**
   * The accumulator class this codec writes; snapshots are looked up by the exact class.
   *
   * @return the class
   */
  Class<A> type();

  /**
   * Writes the state of {@code accumulator}.
   *
   * @param accumulator the accumulator, not null
   * @param out the field sink
   */
  void write(A accumulator, Output out);

  /**
   * Reads a state written by {@link #write}, validating every field.
   *
   * @param in the field source, in the order written
   * @return a new accumulator
   * @throws IllegalArgumentException if a field is missing or breaks a rule
   */
  A read(Input in);

  /** Receives an accumulator's state as named fields, in a fixed order. */
  interface Output {
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
     * @param value the string: well-formed UTF-16, since snapshots store it as UTF-8; text with an
     *     unpaired surrogate is refused with an {@link IllegalArgumentException} naming the field,
     *     never written as {@code '?'}
     */
    void putString(String name, String value);
  }

  /**
   * Supplies an accumulator's state fields, in the order they were written. Errors are {@link
   * IllegalArgumentException}s naming the field (and the JSON path for JSON).
   */
  interface Input {
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
}
