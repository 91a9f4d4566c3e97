package dev.servicekit.integrations.flink.internal;

import dev.servicekit.kpi.WindowedKpi;
import java.time.Instant;
import java.util.Objects;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.util.function.SerializableFunction;

/**
 * The key selector of the KPI windows (the builder's, and {@code FlinkKpiWindows.revised}'s over
 * {@code RevisedObservation::group}). Flink's {@code keyBy} fails the job when a key selector
 * throws or returns {@code null}, before any operator of ours runs; this one never does. A record
 * without a usable group (the selector returns {@code null}, blank text as kpi-core's {@link
 * WindowedKpi#requireNonBlankGroup} refuses it, or throws) is keyed instead by one of {@value
 * #SPREAD} internal keys, chosen by a hash of its event time, and rejected by {@link
 * KpiWindowFunction} (or {@link RevisedWindowFunction}) before it touches any state. A flood of
 * such records is thus spread over the subtasks like good ones instead of all landing on one. The
 * choice is a function of the record alone, as Flink requires (it computes the key again after the
 * shuffle); an internal key may also be a real group, which is harmless since a rejected record
 * never reads or writes state.
 *
 * @param <T> the input record
 */
public final class GroupKeys<T> implements KeySelector<T, String> {

  private static final long serialVersionUID = 2L;

  /** How many internal keys records without a usable group are spread over. */
  static final int SPREAD = 256;

  private static final String[] UNUSABLE = new String[SPREAD];

  static {
    for (int i = 0; i < SPREAD; i++) {
      UNUSABLE[i] = "\u0000servicekit-unusable-group-" + i;
    }
  }

  private final KeySelector<T, String> groupOf;
  private final SerializableFunction<T, Instant> timeOf;

  /**
   * Wraps the user's group selector.
   *
   * @param groupOf the group of a record
   * @param timeOf the event time of a record, which spreads the records without a group
   */
  public GroupKeys(KeySelector<T, String> groupOf, SerializableFunction<T, Instant> timeOf) {
    this.groupOf = Objects.requireNonNull(groupOf, "groupOf");
    this.timeOf = Objects.requireNonNull(timeOf, "timeOf");
  }

  @Override
  public String getKey(T record) {
    String group;
    try {
      group = groupOf.getKey(record);
    } catch (Exception unusable) {
      group = null;
    }
    return group != null && !blank(group) ? group : unusable(record);
  }

  /** Whether kpi-core's blank-key rule refuses {@code group}: only bad records pay the throw. */
  private static boolean blank(String group) {
    try {
      WindowedKpi.requireNonBlankGroup(group);
      return false;
    } catch (IllegalArgumentException refused) {
      return true;
    }
  }

  /** The internal key of a record without a usable group: by its event time, if it has one. */
  private String unusable(T record) {
    int h;
    try {
      Instant at = timeOf.apply(record);
      h = at == null ? 0 : Long.hashCode(at.getEpochSecond() * 1_000_000_007L + at.getNano());
    } catch (RuntimeException noTime) {
      h = 0;
    }
    return UNUSABLE[Math.floorMod(h ^ (h >>> 16), SPREAD)];
  }

  /**
   * The group of a record, checked.
   *
   * @param groupOf the user's group selector
   * @param record the record
   * @param <T> the input record
   * @return the group
   * @throws IllegalArgumentException if the selector throws or returns {@code null} or blank text
   *     (with kpi-core's message: {@code group ' ' must not be blank (empty, or only spaces and
   *     invisible format characters)})
   */
  public static <T> String group(KeySelector<T, String> groupOf, T record) {
    String group = computed(groupOf, record);
    if (group == null) {
      throw new IllegalArgumentException(NULL_GROUP);
    }
    return WindowedKpi.requireNonBlankGroup(group); // a missing field, as the in-process table
  }

  /** The rejection of a record whose group is {@code null}, in the Kafka adapter's words. */
  public static final String NULL_GROUP = "group of a KPI record must not be null";

  /**
   * The group of a record as the selector gives it, unchecked.
   *
   * @param groupOf the user's group selector
   * @param record the record
   * @param <T> the input record
   * @return the group, possibly {@code null} or blank
   * @throws IllegalArgumentException if the selector throws, with the Kafka adapter's message
   *     ({@code the group of a KPI record cannot be computed: } and the exception)
   */
  public static <T> String computed(KeySelector<T, String> groupOf, T record) {
    try {
      return groupOf.getKey(record);
    } catch (Exception e) {
      throw new IllegalArgumentException("the group of a KPI record cannot be computed: " + e, e);
    }
  }
}
