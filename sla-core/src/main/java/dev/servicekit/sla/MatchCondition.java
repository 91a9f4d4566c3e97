package dev.servicekit.sla;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which tickets a policy applies to: every listed attribute (channel, tier, queue, product or any
 * custom attribute) must have one of the listed values, and every listed tag must be present. The
 * empty condition matches every ticket.
 *
 * <p>{@link #matches} is {@code O(attributes + tags)}. This class is immutable and thread-safe.
 *
 * @param attributes attribute key -&gt; accepted values (a ticket lacking the attribute fails)
 * @param tags tags the ticket must all carry
 */
public record MatchCondition(Map<String, Set<String>> attributes, Set<String> tags) {

  private static final MatchCondition ALWAYS = new MatchCondition(Map.of(), Set.of());

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if a key is invalid or an attribute accepts no value
   */
  public MatchCondition {
    Objects.requireNonNull(attributes, "attributes");
    Map<String, Set<String>> copy = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> e : attributes.entrySet()) {
      Keys.requireKey(e.getKey(), "attribute");
      Set<String> values = Keys.requireKeys(e.getValue(), "attribute " + e.getKey() + " values");
      if (values.isEmpty()) {
        throw new IllegalArgumentException(
            "attribute " + e.getKey() + " lists no accepted value: a condition must accept one");
      }
      copy.put(e.getKey(), values);
    }
    attributes = java.util.Collections.unmodifiableMap(copy);
    tags = Keys.requireKeys(tags, "tags");
  }

  /**
   * Returns the condition that matches every ticket.
   *
   * @return the empty condition
   */
  public static MatchCondition always() {
    return ALWAYS;
  }

  /**
   * Returns a copy that also requires {@code attribute} to be one of {@code values}.
   *
   * @param attribute attribute key, e.g. {@code channel}
   * @param values accepted values
   * @return the new condition
   * @throws IllegalArgumentException if the attribute is already constrained, or a value is not a
   *     key or is listed twice
   */
  public MatchCondition withAttribute(String attribute, String... values) {
    Objects.requireNonNull(values, "values");
    return withAttribute(attribute, java.util.Arrays.asList(values));
  }

  /**
   * Returns a copy that also requires {@code attribute} to be one of {@code values}.
   *
   * @param attribute attribute key
   * @param values accepted values
   * @return the new condition
   * @throws IllegalArgumentException if the attribute is already constrained, or a value is not a
   *     key or is listed twice
   */
  public MatchCondition withAttribute(String attribute, Collection<String> values) {
    Keys.requireKey(attribute, "attribute");
    if (attributes.containsKey(attribute)) {
      throw new IllegalArgumentException("attribute " + attribute + " is already constrained");
    }
    Map<String, Set<String>> copy = new LinkedHashMap<>(attributes);
    copy.put(
        attribute,
        Keys.requireDistinctKeys(values, Set.of(), "attribute " + attribute + " values", "value"));
    return new MatchCondition(copy, tags);
  }

  /**
   * Returns a copy that also requires the given tags.
   *
   * @param required tags
   * @return the new condition
   * @throws IllegalArgumentException if a tag is not a key, or is listed twice (here, or here and
   *     already required)
   */
  public MatchCondition withTags(String... required) {
    Objects.requireNonNull(required, "required");
    java.util.Set<String> all = new java.util.LinkedHashSet<>(tags);
    all.addAll(Keys.requireDistinctKeys(java.util.Arrays.asList(required), tags, "tags", "tag"));
    return new MatchCondition(attributes, all);
  }

  /**
   * Tests a ticket.
   *
   * @param ticketAttributes the ticket's current attributes
   * @param ticketTags the ticket's current tags
   * @return whether the condition holds
   */
  public boolean matches(Map<String, String> ticketAttributes, Set<String> ticketTags) {
    Objects.requireNonNull(ticketAttributes, "ticketAttributes");
    Objects.requireNonNull(ticketTags, "ticketTags");
    for (Map.Entry<String, Set<String>> e : attributes.entrySet()) {
      String v = ticketAttributes.get(e.getKey());
      if (v == null || !e.getValue().contains(v)) {
        return false;
      }
    }
    return ticketTags.containsAll(tags);
  }
}
