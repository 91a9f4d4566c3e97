package dev.servicekit.qa;

import dev.servicekit.qa.internal.Ids;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A named group of criteria with a weight (used by {@link ScoringMode#WEIGHTED_SECTIONS}, {@link
 * ScoringMode#WEIGHTED_SECTION_POINTS} and {@link ScoringMode#GROUP_WEIGHTED_POINTS}, where section
 * weights are proportions of any positive total, normalised exactly).
 *
 * <p>Immutable and thread-safe.
 */
public final class Section {

  private final String id;
  private final String name;
  private final BigDecimal weight;
  private final List<Criterion> criteria;

  private Section(String id, String name, BigDecimal weight, List<Criterion> criteria) {
    this.id = Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(weight, "weight");
    Objects.requireNonNull(criteria, "criteria");
    Ids.require(id, "section id");
    this.name = Ids.requireText(name, "section '" + id + "' name");
    this.weight =
        Criterion.checkWeight(
            Objects.requireNonNull(weight, "weight"), "weight", "section '" + id + "'");
    for (int i = 0; i < criteria.size(); i++) {
      Objects.requireNonNull(criteria.get(i), "section '" + id + "' criteria[" + i + "]");
    }
    this.criteria = List.copyOf(criteria);
    requireCriteria(id, this.criteria.size());
  }

  /** The rule that a section has a criterion (checked at the field by the JSON reader too). */
  static void requireCriteria(String id, int criteria) {
    if (criteria == 0) {
      throw new IllegalArgumentException("section '" + id + "' must have at least one criterion");
    }
  }

  /**
   * Creates a section.
   *
   * @param id the section id, unique within the checklist
   * @param name the display name
   * @param weight the weight ({@code >= 0}, at most 4 decimals)
   * @param criteria the criteria, at least one
   * @return the section
   * @throws IllegalArgumentException if the id is blank, the name is blank or holds a control
   *     character, a line or paragraph separator or an unpaired surrogate, the weight is out of
   *     range or criteria empty
   */
  public static Section of(String id, String name, BigDecimal weight, List<Criterion> criteria) {
    return new Section(id, name, weight, criteria);
  }

  /**
   * Creates a section with an integral weight, named after its id.
   *
   * @param id the section id
   * @param weight the weight
   * @param criteria the criteria, at least one
   * @return the section
   */
  public static Section of(String id, long weight, List<Criterion> criteria) {
    return new Section(id, id, BigDecimal.valueOf(weight), criteria);
  }

  /**
   * The id.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The display name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The weight.
   *
   * @return the weight
   */
  public BigDecimal weight() {
    return weight;
  }

  /**
   * The criteria in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<Criterion> criteria() {
    return criteria;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Section s
        && id.equals(s.id)
        && name.equals(s.name)
        && weight.equals(s.weight)
        && criteria.equals(s.criteria);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, weight, criteria);
  }

  @Override
  public String toString() {
    return "Section[" + id + ", weight=" + weight.toPlainString() + ", " + criteria + "]";
  }
}
