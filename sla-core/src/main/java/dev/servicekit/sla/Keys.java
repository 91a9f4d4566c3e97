package dev.servicekit.sla;

import dev.servicekit.sla.internal.JsonInput;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/** Validation of the customer-defined string keys (statuses, tiers, priorities, channels...). */
final class Keys {

  private Keys() {}

  /**
   * Checks that {@code value} is a key (the rule of {@link
   * dev.servicekit.sla.internal.KeyRule#requireKey}).
   */
  static String requireKey(String value, String field) {
    return dev.servicekit.sla.internal.KeyRule.requireKey(value, field);
  }

  /** Validates every element and returns an unmodifiable, iteration-ordered copy. */
  static Set<String> requireKeys(Collection<String> values, String field) {
    Objects.requireNonNull(values, field);
    Set<String> out = new LinkedHashSet<>();
    int i = 0;
    for (String v : values) {
      requireKey(v, field + "[" + i + "]");
      i++;
      out.add(v);
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * Validates every element and refuses one listed twice, in {@code values} or already in {@code
   * before} (what an earlier call of the same builder method added): a set lists each member once,
   * so a repeated value is a typing slip that would otherwise be merged without a word. Nothing is
   * returned, and so nothing added, unless every element passes.
   *
   * @param values the values given
   * @param before the values given before, to be added to
   * @param field the field, for the messages, e.g. {@code pauseOn of metric resolution}
   * @param what what one value is, e.g. {@code status}
   * @return an unmodifiable, iteration-ordered copy of {@code values}
   * @throws IllegalArgumentException {@code "<what> '<value>' is listed twice in <field>"}, or if
   *     an element is not a key
   */
  static Set<String> requireDistinctKeys(
      Collection<String> values, Collection<String> before, String field, String what) {
    Objects.requireNonNull(values, field);
    Set<String> out = new LinkedHashSet<>();
    for (String v : values) {
      requireKey(v, what + " in " + field); // e.g. "status in pauseOn of metric resolution"
      if (before.contains(v) || !out.add(v)) {
        throw listedTwice(what, v, field);
      }
    }
    return java.util.Collections.unmodifiableSet(out);
  }

  /**
   * The refusal of a value listed twice, in the wording of {@code SlaPolicyJson} (which names the
   * second occurrence's path instead of the field): {@code "<what> '<value>' is listed twice in
   * <field>"}.
   */
  static IllegalArgumentException listedTwice(String what, Object value, String field) {
    return new IllegalArgumentException(
        what + " '" + JsonInput.excerpt(String.valueOf(value)) + "' is listed twice in " + field);
  }

  /**
   * Validates a map of attribute key to values (each value set non-empty) and returns an
   * unmodifiable, iteration-ordered copy.
   */
  static java.util.Map<String, Set<String>> requireValueMap(
      java.util.Map<String, ? extends Collection<String>> map, String field) {
    Objects.requireNonNull(map, field);
    java.util.Map<String, Set<String>> out = new java.util.LinkedHashMap<>();
    for (java.util.Map.Entry<String, ? extends Collection<String>> e : map.entrySet()) {
      requireKey(e.getKey(), field + " attribute");
      Set<String> values = requireKeys(e.getValue(), field + " " + e.getKey() + " values");
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            field + " attribute " + e.getKey() + " lists no value: a condition needs one");
      }
      out.put(e.getKey(), values);
    }
    return java.util.Collections.unmodifiableMap(out);
  }
}
