package dev.servicekit.sla;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A condition under which a metric does not count, for {@link MetricDefinition.Builder#pauseWhile}
 * and {@link MetricRule.Builder#pauseWhile}: the ticket is in one of some statuses ({@link
 * #status}), carries one of some tags ({@link #tag}), has an attribute with one of some values
 * ({@link #attribute}), has never had an attribute ({@link #attributeAbsent}), or all of several
 * such conditions hold at once ({@link #allOf}, e.g. ServiceNow's "state is On Hold and hold reason
 * is Awaiting Vendor"). A metric is paused while any of its conditions holds.
 *
 * <p>Events set attribute values and none removes one, so an attribute is absent from the creation
 * until the first event that sets it, and never again after that.
 *
 * <p>A condition is a list of parts that must all hold; {@link #allOf} flattens nested conditions.
 * Instances are immutable and thread-safe, equal when their parts are equal in order.
 */
public final class PauseCondition {

  /** What one part of a condition tests. */
  public enum Kind {
    /** The ticket's status is one of {@link Part#values()}. */
    STATUS,
    /** The ticket carries one of the tags {@link Part#values()}. */
    TAG,
    /** Attribute {@link Part#key()} has one of the values {@link Part#values()}. */
    ATTRIBUTE,
    /** Attribute {@link Part#key()} has never been set. */
    ATTRIBUTE_ABSENT
  }

  /**
   * One part of a condition.
   *
   * @param kind what it tests
   * @param key the attribute ({@link Kind#ATTRIBUTE}, {@link Kind#ATTRIBUTE_ABSENT}); empty
   *     otherwise
   * @param values statuses, tags or attribute values (any of them); empty for {@link
   *     Kind#ATTRIBUTE_ABSENT}
   */
  public record Part(Kind kind, String key, Set<String> values) {
    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException if a key or value is not a valid key, or a part that needs
     *     values has none
     */
    public Part {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(key, "key");
      String field = "pause condition " + kind.name().toLowerCase(java.util.Locale.ROOT);
      if (kind == Kind.ATTRIBUTE || kind == Kind.ATTRIBUTE_ABSENT) {
        Keys.requireKey(key, field + " attribute");
      } else if (!key.isEmpty()) {
        throw new IllegalArgumentException(field + " takes no attribute key, got " + key);
      }
      values = Keys.requireKeys(values, field + " values");
      if (kind == Kind.ATTRIBUTE_ABSENT ? !values.isEmpty() : values.isEmpty()) {
        throw new IllegalArgumentException(
            kind == Kind.ATTRIBUTE_ABSENT
                ? field + " " + key + " takes no values"
                : field + " lists no value: a condition needs one");
      }
    }

    /**
     * Returns e.g. {@code status[pending]}, {@code tag[vendor]}, {@code attribute(type)[incident]}
     * or {@code attribute_absent(type)}.
     */
    @Override
    public String toString() {
      // the kind's name as the constructor's messages use it; only attribute kinds have a key
      String head =
          kind.name().toLowerCase(java.util.Locale.ROOT) + (key.isEmpty() ? "" : "(" + key + ")");
      return values.isEmpty() ? head : head + new java.util.TreeSet<>(values);
    }
  }

  private final List<Part> parts;

  private PauseCondition(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * Returns the condition whose parts are exactly {@code parts} (all must hold).
   *
   * @param parts at least one part
   * @return the condition
   * @throws IllegalArgumentException if {@code parts} is empty or lists a part twice
   */
  public static PauseCondition of(List<Part> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("a pause condition needs at least one part");
    }
    Set<Part> seen = new java.util.HashSet<>();
    for (Part p : parts) {
      Objects.requireNonNull(p, "part");
      if (!seen.add(p)) { // all parts must hold: a second copy means nothing
        throw Keys.listedTwice("part", p, "a pause condition");
      }
    }
    return new PauseCondition(parts);
  }

  /**
   * The ticket is in one of these statuses.
   *
   * @param statuses at least one
   * @return the condition
   * @throws IllegalArgumentException if a value is not a key or is listed twice
   */
  public static PauseCondition status(String... statuses) {
    return one(Kind.STATUS, "", statuses);
  }

  /**
   * The ticket carries one of these tags.
   *
   * @param tags at least one
   * @return the condition
   * @throws IllegalArgumentException if a value is not a key or is listed twice
   */
  public static PauseCondition tag(String... tags) {
    return one(Kind.TAG, "", tags);
  }

  /**
   * Attribute {@code key} has one of these values.
   *
   * @param key the attribute
   * @param values at least one
   * @return the condition
   * @throws IllegalArgumentException if a value is not a key or is listed twice
   */
  public static PauseCondition attribute(String key, String... values) {
    return one(Kind.ATTRIBUTE, key, values);
  }

  /**
   * Attribute {@code key} has never been set (by the creation or an event).
   *
   * @param key the attribute
   * @return the condition
   */
  public static PauseCondition attributeAbsent(String key) {
    return one(Kind.ATTRIBUTE_ABSENT, key);
  }

  /**
   * All of these conditions hold at once.
   *
   * @param conditions at least one
   * @return the condition, with the parts of every condition in order
   * @throws IllegalArgumentException if two of the conditions have an equal part
   */
  public static PauseCondition allOf(PauseCondition... conditions) {
    Objects.requireNonNull(conditions, "conditions");
    List<Part> all = new ArrayList<>();
    for (PauseCondition c : conditions) {
      all.addAll(Objects.requireNonNull(c, "condition").parts);
    }
    return of(all);
  }

  private static PauseCondition one(Kind kind, String key, String... values) {
    Objects.requireNonNull(values, "values");
    String field = "pause condition " + kind.name().toLowerCase(java.util.Locale.ROOT) + " values";
    String what = kind == Kind.STATUS ? "status" : kind == Kind.TAG ? "tag" : "value";
    return new PauseCondition(
        List.of(
            new Part(
                kind,
                key,
                Keys.requireDistinctKeys(java.util.Arrays.asList(values), Set.of(), field, what))));
  }

  /**
   * Refuses a condition listed twice, in {@code conditions} or already in {@code before}: the
   * metric is paused while any condition holds, so a second copy means nothing.
   *
   * @return {@code conditions}, checked
   */
  static List<PauseCondition> requireDistinct(
      Collection<PauseCondition> conditions, Collection<PauseCondition> before, String field) {
    Objects.requireNonNull(conditions, field);
    List<PauseCondition> out = new ArrayList<>(conditions.size());
    Set<PauseCondition> seen = new HashSet<>(); // out.contains made this quadratic
    for (PauseCondition c : conditions) {
      Objects.requireNonNull(c, field + " condition");
      if (before.contains(c) || !seen.add(c)) {
        throw Keys.listedTwice("condition", c, field);
      }
      out.add(c);
    }
    return out;
  }

  /**
   * Returns the parts, all of which must hold.
   *
   * @return the parts, at least one
   */
  public List<Part> parts() {
    return parts;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PauseCondition c && c.parts.equals(parts);
  }

  @Override
  public int hashCode() {
    return parts.hashCode();
  }

  /** Returns its parts joined by {@code " and "}, e.g. {@code status[pending] and tag[vendor]}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    for (Part p : parts) {
      b.append(b.length() == 0 ? "" : " and ").append(p);
    }
    return b.toString();
  }
}
