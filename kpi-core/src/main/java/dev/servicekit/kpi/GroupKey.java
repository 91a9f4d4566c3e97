package dev.servicekit.kpi;

import dev.servicekit.kpi.internal.Excerpt;
import dev.servicekit.kpi.internal.KeyText;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A group-by key over any named dimensions (agent, team, channel, priority, tier, queue, ...), e.g.
 * {@code GroupKey.of("team", "billing", "channel", "chat")}. {@link #only(Set)} projects a key to
 * fewer of its dimensions (refusing one it does not have; {@link #onlyPresent(Set)} skips those),
 * which with {@link WindowedKpi#rollUp(java.util.function.Function)} turns an agent-level table
 * into team or channel totals without re-reading events.
 *
 * <p>{@link #toString()} gives {@code channel=chat,team=billing} (dimensions sorted, {@code %},
 * {@code =} and {@code ,} percent-encoded) and {@link #parse(String)} reads it back: a key codec
 * for {@link WindowedKpi} checkpoints. This class is immutable and thread-safe.
 */
public final class GroupKey {

  private static final GroupKey EMPTY = new GroupKey(Collections.emptySortedMap());

  private final SortedMap<String, String> values;

  private GroupKey(SortedMap<String, String> values) {
    this.values = values;
  }

  /**
   * Returns the key with no dimensions (the grand total).
   *
   * @return the empty key
   */
  public static GroupKey empty() {
    return EMPTY;
  }

  /**
   * Returns a key from alternating dimension names and values.
   *
   * @param dimensionsAndValues {@code "team", "billing", "channel", "chat", ...}
   * @return the key
   * @throws IllegalArgumentException if the count is odd, a name is repeated, or a name or value is
   *     blank (empty, or only spaces and invisible format characters: a key without a team is one
   *     without the {@code team} dimension, not {@code team=}) or has an unpaired surrogate (no
   *     snapshot could store it)
   */
  public static GroupKey of(String... dimensionsAndValues) {
    Objects.requireNonNull(dimensionsAndValues, "dimensionsAndValues");
    if (dimensionsAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "dimensionsAndValues has "
              + dimensionsAndValues.length
              + " strings but must alternate names and values");
    }
    TreeMap<String, String> m = new TreeMap<>();
    for (int i = 0; i < dimensionsAndValues.length; i += 2) {
      String name = Objects.requireNonNull(dimensionsAndValues[i], "dimension name");
      String value =
          Objects.requireNonNull(dimensionsAndValues[i + 1], "value of " + Excerpt.of(name));
      KeyText.require(name, "dimension name");
      KeyText.require(value, "value of dimension '" + Excerpt.of(name) + "'");
      if (m.put(name, value) != null) {
        throw new IllegalArgumentException(
            "dimension \"" + Excerpt.of(name) + "\" at index " + i + " is repeated");
      }
    }
    return new GroupKey(Collections.unmodifiableSortedMap(m));
  }

  /**
   * Returns the key's dimensions and values.
   *
   * @return an unmodifiable sorted map
   */
  public SortedMap<String, String> values() {
    return values;
  }

  /**
   * Returns this key restricted to some of its dimensions, e.g. an agent's key {@code
   * agent=anna,team=red} to its team's, {@code team=red}. O(dimensions).
   *
   * @param dimensions the dimensions to keep, each one of this key's
   * @return the projected key
   * @throws IllegalArgumentException if a dimension is not one of this key's (a misspelt {@code
   *     "taem"} would otherwise project every key to the empty one: one grand total, and no data
   *     under the name meant), naming it and this key, e.g. {@code dimension "taem" of dimensions
   *     is not a dimension of group key "agent=anna,team=red" (its dimensions: [agent, team]); use
   *     onlyPresent to skip dimensions some keys lack}; for keys that legitimately lack some of the
   *     dimensions, use {@link #onlyPresent(Set)}
   */
  public GroupKey only(Set<String> dimensions) {
    Objects.requireNonNull(dimensions, "dimensions");
    for (String d : dimensions) {
      if (!values.containsKey(Objects.requireNonNull(d, "dimensions element"))) {
        throw new IllegalArgumentException(
            "dimension \""
                + Excerpt.of(d)
                + "\" of dimensions is not a dimension of group key \""
                + Excerpt.of(toString())
                + "\" (its dimensions: "
                + Excerpt.of(String.valueOf(values.keySet()))
                + "); use onlyPresent to skip dimensions some keys lack");
      }
    }
    return onlyPresent(dimensions);
  }

  /**
   * Returns this key restricted to those of some dimensions it has, ignoring the others: for tables
   * whose keys do not all have the same dimensions (a {@code queue} only some tickets have). Unlike
   * {@link #only(Set)}, a misspelt dimension is not noticed. O(dimensions).
   *
   * @param dimensions the dimensions to keep where present
   * @return the projected key, empty if it has none of them
   */
  public GroupKey onlyPresent(Set<String> dimensions) {
    Objects.requireNonNull(dimensions, "dimensions");
    TreeMap<String, String> m = new TreeMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (dimensions.contains(e.getKey())) {
        m.put(e.getKey(), e.getValue());
      }
    }
    return m.isEmpty() ? EMPTY : new GroupKey(Collections.unmodifiableSortedMap(m));
  }

  /**
   * Parses the {@link #toString()} form.
   *
   * @param text e.g. {@code channel=chat,team=billing}; the empty string is the empty key
   * @return the key
   * @throws IllegalArgumentException if malformed, naming the part and quoting at most 80
   *     characters of the text, control characters escaped
   */
  public static GroupKey parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isEmpty()) {
      return EMPTY;
    }
    String[] parts = text.split(",", -1);
    String[] flat = new String[parts.length * 2];
    for (int i = 0; i < parts.length; i++) {
      String[] kv = parts[i].split("=", -1);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "group key \"" + Excerpt.of(text) + "\" part " + i + " is not name=value");
      }
      flat[2 * i] = decode(kv[0], text);
      flat[2 * i + 1] = decode(kv[1], text);
    }
    return of(flat);
  }

  private static String encode(String s) {
    return s.replace("%", "%25").replace("=", "%3D").replace(",", "%2C");
  }

  private static String decode(String s, String text) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        b.append(c);
        continue;
      }
      String esc = i + 3 <= s.length() ? s.substring(i, i + 3) : s.substring(i);
      switch (esc) {
        case "%25" -> b.append('%');
        case "%3D" -> b.append('=');
        case "%2C" -> b.append(',');
        default ->
            throw new IllegalArgumentException(
                "group key \"" + Excerpt.of(text) + "\" has an invalid escape " + Excerpt.of(esc));
      }
      i += 2;
    }
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GroupKey other && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : values.entrySet()) {
      if (b.length() > 0) {
        b.append(',');
      }
      b.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
    }
    return b.toString();
  }
}
