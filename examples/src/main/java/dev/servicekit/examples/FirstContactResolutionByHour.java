package dev.servicekit.examples;

import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.kpi.SnapshotCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A custom KPI written against kpi-core's public API alone: first contact resolution (the share of
 * contacts resolved without a follow-up) by hour of day. It snapshots, restores and merges like a
 * built-in accumulator because its {@link Codec} is registered as a {@link SnapshotCodec} provider
 * ({@code META-INF/services/dev.servicekit.kpi.SnapshotCodec}; on the module path a {@code
 * provides} clause). Not thread-safe.
 */
public final class FirstContactResolutionByHour
    implements KpiAccumulator<FirstContactResolutionByHour, FirstContactResolutionByHour.Rates> {

  private static final int HOURS = 24;

  private final long[] contacts = new long[HOURS];
  private final long[] resolved = new long[HOURS];

  private FirstContactResolutionByHour() {}

  /**
   * Creates an empty accumulator.
   *
   * @return a new accumulator
   */
  public static FirstContactResolutionByHour create() {
    return new FirstContactResolutionByHour();
  }

  /**
   * Records one contact.
   *
   * @param hourOfDay the local hour the contact arrived, 0..23
   * @param resolvedOnFirstContact whether it needed no follow-up
   * @throws IllegalArgumentException if the hour is out of range
   * @throws ArithmeticException if a count would overflow
   */
  public void add(int hourOfDay, boolean resolvedOnFirstContact) {
    if (hourOfDay < 0 || hourOfDay >= HOURS) {
      throw new IllegalArgumentException("hourOfDay is " + hourOfDay + " but must be 0..23");
    }
    long c = Math.addExact(contacts[hourOfDay], 1);
    long r = resolvedOnFirstContact ? Math.addExact(resolved[hourOfDay], 1) : resolved[hourOfDay];
    contacts[hourOfDay] = c;
    resolved[hourOfDay] = r;
  }

  @Override
  public void merge(FirstContactResolutionByHour other) {
    Objects.requireNonNull(other, "other");
    long[] c = new long[HOURS];
    long[] r = new long[HOURS];
    for (int h = 0; h < HOURS; h++) {
      c[h] = Math.addExact(contacts[h], other.contacts[h]);
      r[h] = Math.addExact(resolved[h], other.resolved[h]);
    }
    System.arraycopy(c, 0, contacts, 0, HOURS);
    System.arraycopy(r, 0, resolved, 0, HOURS);
  }

  @Override
  public FirstContactResolutionByHour copy() {
    FirstContactResolutionByHour a = new FirstContactResolutionByHour();
    a.merge(this);
    return a;
  }

  @Override
  public Rates result() {
    return new Rates(
        Arrays.stream(contacts).boxed().toList(), Arrays.stream(resolved).boxed().toList());
  }

  @Override
  public boolean isEmpty() {
    return Arrays.stream(contacts).allMatch(c -> c == 0);
  }

  @Override
  public byte[] toBytes() {
    return KpiSnapshots.toBytes(this);
  }

  /**
   * Contacts and first-contact resolutions per hour of day.
   *
   * @param contacts contacts per hour, 24 entries
   * @param resolved resolved on first contact per hour, 24 entries
   */
  public record Rates(List<Long> contacts, List<Long> resolved) {
    /**
     * The first contact resolution rate of an hour.
     *
     * @param hourOfDay 0..23
     * @return resolved / contacts, empty if the hour had no contacts
     */
    public OptionalDouble rate(int hourOfDay) {
      long c = contacts.get(hourOfDay);
      return c == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of((double) resolved.get(hourOfDay) / c);
    }
  }

  /**
   * Runs the example: two shards record contacts, one ships its state as snapshot bytes (read back
   * through the registered codec), the other merges it, and the merged rates are printed by hour.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    FirstContactResolutionByHour morning = create();
    FirstContactResolutionByHour other = create();
    morning.add(9, true);
    morning.add(9, false);
    morning.add(10, true);
    other.add(9, true);
    other.add(14, false);
    FirstContactResolutionByHour shipped =
        KpiSnapshots.fromBytes(other.toBytes(), FirstContactResolutionByHour.class);
    morning.merge(shipped);
    Rates rates = morning.result();
    for (int h = 0; h < HOURS; h++) {
      if (rates.contacts().get(h) > 0) {
        System.out.printf(
            Locale.ROOT,
            "%02d:00  %d contacts, first contact resolution %.0f %%%n",
            h,
            rates.contacts().get(h),
            100 * rates.rate(h).getAsDouble());
      }
    }
  }

  /** The snapshot codec, found by kpi-core through {@link java.util.ServiceLoader}. */
  public static final class Codec implements SnapshotCodec<FirstContactResolutionByHour> {

    /** The provider constructor {@link java.util.ServiceLoader} calls. */
    public Codec() {}

    @Override
    public String kind() {
      return "dev.servicekit.examples.fcrByHour";
    }

    @Override
    public Class<FirstContactResolutionByHour> type() {
      return FirstContactResolutionByHour.class;
    }

    @Override
    public void write(FirstContactResolutionByHour a, Output out) {
      for (int h = 0; h < HOURS; h++) {
        out.putLong("contacts" + h, a.contacts[h]);
        out.putLong("resolved" + h, a.resolved[h]);
      }
    }

    @Override
    public FirstContactResolutionByHour read(Input in) {
      FirstContactResolutionByHour a = new FirstContactResolutionByHour();
      for (int h = 0; h < HOURS; h++) {
        a.contacts[h] = in.getCount("contacts" + h);
        a.resolved[h] = in.getCount("resolved" + h);
        if (a.resolved[h] > a.contacts[h]) {
          throw in.invalid("resolved" + h, a.resolved[h], "must be <= contacts" + h);
        }
      }
      return a;
    }
  }
}
