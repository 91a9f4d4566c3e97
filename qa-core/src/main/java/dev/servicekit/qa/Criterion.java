package dev.servicekit.qa;

import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One item of a checklist: what is checked, its weight, its answer scale and its rules (N/A
 * allowed, required, critical, bonus).
 *
 * <p>A critical criterion <em>fails</em> when it is answered (not N/A) with fewer points than its
 * {@link #passAt()} mark (default: full marks). A bonus criterion is outside the base score: it
 * adds {@code weight * points / maxPoints} percentage points to the total, which is capped at 100,
 * and adds nothing when its section fails ({@link Criticality#FAIL_SECTION}) or the form fails.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String)}.
 */
public final class Criterion {

  private final String id;
  private final String name;
  private final BigDecimal weight;
  private final Scale scale;
  private final boolean naAllowed;
  private final boolean required;
  private final Criticality criticality;
  private final BigDecimal passAt;
  private final boolean bonus;

  private Criterion(Builder b) {
    this.id = b.id;
    this.name = b.name == null ? b.id : b.name;
    this.weight = b.weight;
    this.scale = Objects.requireNonNull(b.scale, "scale");
    this.naAllowed = b.naAllowed;
    this.required = b.required;
    this.criticality = b.criticality;
    this.bonus = b.bonus;
    this.passAt = validPassAt(id, b.passAt, criticality, scale);
    if (bonus && criticality != Criticality.NONE) {
      throw new IllegalArgumentException("bonus criterion '" + id + "' cannot be critical");
    }
  }

  /**
   * Starts a builder. Defaults: name = id, weight 1, binary scale, N/A not allowed, required, not
   * critical, not bonus.
   *
   * @param id the criterion id, unique within its checklist; not blank
   * @return a new builder
   * @throws IllegalArgumentException if the id is blank
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /**
   * The id, unique within the checklist.
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
   * The weight ({@code >= 0}, at most 4 decimals); for bonus criteria, the percentage points at
   * full marks.
   *
   * @return the weight
   */
  public BigDecimal weight() {
    return weight;
  }

  /**
   * The answer scale.
   *
   * @return the scale
   */
  public Scale scale() {
    return scale;
  }

  /**
   * Whether N/A is an allowed answer.
   *
   * @return true if N/A is allowed
   */
  public boolean naAllowed() {
    return naAllowed;
  }

  /**
   * Whether an answer is required; a missing answer to an optional criterion counts as N/A.
   *
   * @return true if required
   */
  public boolean required() {
    return required;
  }

  /**
   * The consequence of failing this criterion.
   *
   * @return the criticality
   */
  public Criticality criticality() {
    return criticality;
  }

  /**
   * The points an answer needs for a critical criterion to pass.
   *
   * @return the pass mark, in {@code (0, scale.maxPoints()]}
   */
  public BigDecimal passAt() {
    return passAt;
  }

  /**
   * Whether this is a bonus criterion (outside the base score).
   *
   * @return true if bonus
   */
  public boolean bonus() {
    return bonus;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Criterion c
        && id.equals(c.id)
        && name.equals(c.name)
        && weight.equals(c.weight)
        && scale.equals(c.scale)
        && naAllowed == c.naAllowed
        && required == c.required
        && criticality == c.criticality
        && passAt.equals(c.passAt)
        && bonus == c.bonus;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, name, weight, scale, naAllowed, required, criticality, passAt, bonus);
  }

  @Override
  public String toString() {
    return "Criterion[" + id + ", weight=" + weight.toPlainString() + ", " + scale + "]";
  }

  /** Builder of {@link Criterion}; not thread-safe. */
  public static final class Builder {
    private final String id;
    private String name;
    private BigDecimal weight = BigDecimal.ONE;
    private Scale scale = Scale.binary();
    private boolean naAllowed;
    private boolean required = true;
    private Criticality criticality = Criticality.NONE;
    private BigDecimal passAt;
    private boolean bonus;

    private Builder(String id) {
      Objects.requireNonNull(id, "id");
      Ids.require(id, "criterion id");
      this.id = id;
    }

    /**
     * Sets the display name.
     *
     * @param name the name: not blank, no control characters, line or paragraph separators or
     *     unpaired surrogates
     * @return this builder
     * @throws IllegalArgumentException naming the field and the rule if the name breaks it
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      this.name = Ids.requireText(name, "criterion '" + id + "' name");
      return this;
    }

    /**
     * Sets the weight.
     *
     * @param weight {@code >= 0}, at most 4 decimals, at most 1,000,000
     * @return this builder
     * @throws IllegalArgumentException if the weight is out of range
     */
    public Builder weight(BigDecimal weight) {
      Objects.requireNonNull(weight, "weight");
      this.weight = checkWeight(weight, "weight", "criterion '" + id + "'");
      return this;
    }

    /**
     * Sets an integral weight.
     *
     * @param weight {@code >= 0}
     * @return this builder
     */
    public Builder weight(long weight) {
      return weight(BigDecimal.valueOf(weight));
    }

    /**
     * Sets the scale.
     *
     * @param scale the scale
     * @return this builder
     */
    public Builder scale(Scale scale) {
      this.scale = Objects.requireNonNull(scale, "scale");
      return this;
    }

    /**
     * Sets whether N/A is allowed.
     *
     * @param naAllowed true to allow N/A
     * @return this builder
     */
    public Builder naAllowed(boolean naAllowed) {
      this.naAllowed = naAllowed;
      return this;
    }

    /**
     * Sets whether an answer is required.
     *
     * @param required false to count a missing answer as N/A
     * @return this builder
     */
    public Builder required(boolean required) {
      this.required = required;
      return this;
    }

    /**
     * Makes the criterion critical.
     *
     * @param criticality the consequence of failing it
     * @return this builder
     */
    public Builder criticality(Criticality criticality) {
      this.criticality = Objects.requireNonNull(criticality, "criticality");
      return this;
    }

    /**
     * Sets the pass mark of a critical criterion (default: the scale's maximum).
     *
     * @param passAt points in {@code (0, maxPoints]}
     * @return this builder
     */
    public Builder passAt(BigDecimal passAt) {
      this.passAt = Objects.requireNonNull(passAt, "passAt");
      return this;
    }

    /**
     * Sets an integral pass mark of a critical criterion, as {@link #passAt(BigDecimal)} does
     * ({@code passAt(2)} on a {@link Scale#rating(int) rating(5)}: the ratings worth 2 points or
     * more, {@code "3"} to {@code "5"}, pass).
     *
     * @param passAt points in {@code (0, maxPoints]}
     * @return this builder
     */
    public Builder passAt(long passAt) {
      return passAt(BigDecimal.valueOf(passAt));
    }

    /**
     * Sets whether this is a bonus criterion.
     *
     * @param bonus true for a bonus criterion
     * @return this builder
     */
    public Builder bonus(boolean bonus) {
      this.bonus = bonus;
      return this;
    }

    /**
     * Checks the pass mark against the criticality and scale set so far, as {@link #build} does.
     */
    void checkPassAt() {
      validPassAt(id, passAt, criticality, scale);
    }

    /**
     * Builds the criterion.
     *
     * @return the criterion
     * @throws IllegalArgumentException if the rules contradict each other
     */
    public Criterion build() {
      return new Criterion(this);
    }
  }

  /**
   * The pass mark of a criterion: {@code passAt} checked against its criticality and scale, or the
   * scale's maximum if {@code passAt} is null. One place for the rules, so that {@link
   * ChecklistJson} can locate their errors at the pass mark with the messages of code.
   */
  static BigDecimal validPassAt(
      String id, BigDecimal passAt, Criticality criticality, Scale scale) {
    BigDecimal pass =
        passAt == null
            ? scale.maxPoints()
            : Scale.normalize(Excerpts.requireBounded(passAt, "passAt", "criterion '" + id + "'"));
    if (passAt != null && criticality == Criticality.NONE) {
      throw new IllegalArgumentException("criterion '" + id + "' sets passAt but is not critical");
    }
    if (pass.signum() <= 0 || pass.compareTo(scale.maxPoints()) > 0) {
      throw new IllegalArgumentException(
          "passAt "
              + Excerpts.number(pass)
              + " of criterion '"
              + id
              + "' must be in (0, "
              + scale.maxPoints().toPlainString()
              + "]");
    }
    return pass;
  }

  static BigDecimal checkWeight(BigDecimal weight, String field, String owner) {
    Excerpts.requireBounded(weight, field, owner);
    if (weight.signum() < 0
        || weight.compareTo(BigDecimal.valueOf(1_000_000)) > 0
        || weight.stripTrailingZeros().scale() > Scale.MAX_DECIMALS) {
      throw new IllegalArgumentException(
          field
              + " "
              + Excerpts.number(weight)
              + " of "
              + owner
              + " must be in [0, 1000000] with at most "
              + Scale.MAX_DECIMALS
              + " decimals");
    }
    return Scale.normalize(weight);
  }
}
