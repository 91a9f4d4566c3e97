package dev.servicekit.integrations.flink.internal;

import java.util.Objects;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * The key selector of the generic KPI windows. Flink's {@code keyBy} fails the job when a key
 * selector throws or returns {@code null}, before any operator of ours runs; this one never does. A
 * record whose group is unusable ({@link #problem}) is keyed by the empty string instead and
 * rejected by {@link KpiWindowFunction} before it touches any state, so the empty string may also
 * be a real group.
 *
 * @param <T> the input record
 */
public final class GroupKeys<T> implements KeySelector<T, String> {

  private static final long serialVersionUID = 1L;

  /**
   * The most bytes a group may take in modified UTF-8: {@code DataOutput.writeUTF}'s limit, with
   * which a {@code KpiWindow} is serialized.
   */
  public static final int MAX_GROUP_UTF_BYTES = 65_535;

  private final KeySelector<T, String> groupOf;

  /**
   * Wraps the user's group selector.
   *
   * @param groupOf the group of a record
   */
  public GroupKeys(KeySelector<T, String> groupOf) {
    this.groupOf = Objects.requireNonNull(groupOf, "groupOf");
  }

  @Override
  public String getKey(T record) {
    try {
      String group = groupOf.getKey(record);
      return problem(group) == null ? group : "";
    } catch (Exception unusable) {
      return "";
    }
  }

  /**
   * The group of a record, checked.
   *
   * @param groupOf the user's group selector
   * @param record the record
   * @param <T> the input record
   * @return the group
   * @throws IllegalArgumentException if the selector throws, returns {@code null} or a group of
   *     more than {@value #MAX_GROUP_UTF_BYTES} bytes in modified UTF-8
   */
  public static <T> String group(KeySelector<T, String> groupOf, T record) {
    String group;
    try {
      group = groupOf.getKey(record);
    } catch (Exception e) {
      throw new IllegalArgumentException("the group of a KPI record cannot be computed: " + e, e);
    }
    String problem = problem(group);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return group;
  }

  /** Why a group cannot key a window, or {@code null} if it can. */
  static String problem(String group) {
    if (group == null) {
      return "the group of a KPI record must not be null";
    }
    if (group.length() <= MAX_GROUP_UTF_BYTES / 3) {
      return null;
    }
    long bytes = 0;
    for (int i = 0; i < group.length(); i++) {
      char c = group.charAt(i);
      bytes += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
    }
    return bytes <= MAX_GROUP_UTF_BYTES
        ? null
        : "the group of a KPI record must take at most "
            + MAX_GROUP_UTF_BYTES
            + " bytes in modified UTF-8, was "
            + bytes
            + " bytes ("
            + group.length()
            + " chars) starting \""
            + group.substring(0, 40)
            + "...\"";
  }
}
