package dev.servicekit.qa;

import dev.servicekit.qa.internal.Ids;
import dev.servicekit.qa.internal.ScoringEngine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A versioned QA checklist (scorecard): sections of criteria, a {@link ScoringMode} and the {@link
 * ScoreBands} that turn scores into actions.
 *
 * <p>A checklist is identified by {@code (id, version)}; a changed checklist is a new version, and
 * every {@link Evaluation} is pinned to the version it was scored with. Scoring is exact (rational
 * arithmetic, one half-up rounding to 2 decimals), so permuting sections or criteria never changes
 * a score.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder(String, int)} or read from JSON with
 * {@link ChecklistJson}; both apply the same validation.
 */
public final class Checklist {

  private final String id;
  private final int version;
  private final String name;
  private final ScoringMode mode;
  private final List<Section> sections;
  private final ScoreBands bands;
  private final boolean bonusAbove100;
  private final List<Criterion> criteria;
  private final ScoringEngine engine;

  private Checklist(Builder b) {
    this.id = b.id;
    this.version = b.version;
    this.name = b.name == null ? b.id : b.name;
    this.mode = b.mode;
    this.sections = List.copyOf(b.sections);
    this.bands = b.bands;
    this.bonusAbove100 = b.bonusAbove100;
    String label = "'" + id + "' v" + version;
    if (sections.isEmpty()) {
      throw new IllegalArgumentException(
          "sections: checklist " + label + " must have at least one section");
    }
    Set<String> sectionIds = new HashSet<>();
    Set<String> criterionIds = new HashSet<>();
    List<Criterion> all = new ArrayList<>();
    BigDecimal sectionWeights = BigDecimal.ZERO;
    boolean scored = false;
    for (int s = 0; s < sections.size(); s++) {
      Section sec = sections.get(s);
      if (!sectionIds.add(sec.id())) {
        throw new IllegalArgumentException(
            "sections[" + s + "].id '" + sec.id() + "' is duplicated in checklist " + label);
      }
      sectionWeights = sectionWeights.add(sec.weight());
      for (int c = 0; c < sec.criteria().size(); c++) {
        Criterion cr = sec.criteria().get(c);
        if (!criterionIds.add(cr.id())) {
          throw new IllegalArgumentException(
              "sections["
                  + s
                  + "].criteria["
                  + c
                  + "].id '"
                  + cr.id()
                  + "' is duplicated in checklist "
                  + label);
        }
        scored |= !cr.bonus();
        all.add(cr);
      }
    }
    if (!scored) {
      throw new IllegalArgumentException(
          commonPath(bonusPaths(sections))
              + ": checklist "
              + label
              + " must have at least one non-bonus criterion");
    }
    if (mode.usesSectionWeights() && sectionWeights.signum() == 0) {
      throw new IllegalArgumentException(
          commonPath(sectionWeightPaths(sections))
              + ": section weights of checklist "
              + label
              + " add up to 0 but must have a positive sum in "
              + mode
              + " mode (any positive proportion, normalised exactly)");
    }
    if (!anyScorableWeight(mode, sections)) {
      throw new IllegalArgumentException(
          commonPath(unscorableWeightPaths(mode, sections))
              + ": "
              + (mode == ScoringMode.WEIGHTED_CRITERIA
                  ? "criterion weights of checklist " + label + " add up to 0"
                  : "checklist "
                      + label
                      + " has no non-bonus criterion of positive weight in a section of positive"
                      + " weight")
              + " but must have a positive sum in "
              + mode
              + " mode (bonus criteria excluded; else every evaluation would be unscored)");
    }
    this.criteria = List.copyOf(all);
    ScoringEngine e;
    try {
      e = new ScoringEngine(label, mode, sections, bands, bonusAbove100);
    } catch (ScoringEngine.TooLarge tooLarge) {
      // a public type for callers (the internal one stays the cause, naming the criterion)
      throw new IllegalArgumentException(tooLarge.getMessage(), tooLarge);
    }
    this.engine = e;
  }

  // Paths of the values a rule of the whole checklist is about, in the form of the messages that
  // name one value ("sections[0].criteria[1].id 'g' is duplicated") and of ChecklistJson's paths;
  // a message starts with the most specific path that holds them all (commonPath).

  /** Every criterion's {@code bonus} flag: none of them is false. */
  private static List<String> bonusPaths(List<Section> sections) {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < sections.size(); s++) {
      for (int c = 0; c < sections.get(s).criteria().size(); c++) {
        out.add("sections[" + s + "].criteria[" + c + "].bonus");
      }
    }
    return out;
  }

  /** Every section's weight: they add up to 0. */
  private static List<String> sectionWeightPaths(List<Section> sections) {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < sections.size(); s++) {
      out.add("sections[" + s + "].weight");
    }
    return out;
  }

  /**
   * For each non-bonus criterion, the weight of 0 that keeps it from ever counting ({@link
   * #anyScorableWeight}): its section's, if section weights count and it is 0, else its own.
   */
  private static List<String> unscorableWeightPaths(ScoringMode mode, List<Section> sections) {
    List<String> out = new ArrayList<>();
    for (int s = 0; s < sections.size(); s++) {
      Section sec = sections.get(s);
      boolean sectionCounts = !mode.usesSectionWeights() || sec.weight().signum() > 0;
      for (int c = 0; c < sec.criteria().size(); c++) {
        if (!sec.criteria().get(c).bonus()) {
          out.add(
              sectionCounts
                  ? "sections[" + s + "].criteria[" + c + "].weight"
                  : "sections[" + s + "].weight");
        }
      }
    }
    return out;
  }

  /**
   * The most specific path holding every path of {@code paths}: their longest common prefix that
   * ends where a path component does ({@code sections[0].criteria} for {@code
   * sections[0].criteria[1].weight} and {@code sections[0].criteria[2].weight}; {@code sections}
   * for {@code sections[1].weight} and {@code sections[12].weight}); {@code sections} if there are
   * none.
   */
  static String commonPath(List<String> paths) {
    if (paths.isEmpty()) {
      return "sections";
    }
    String p = paths.get(0);
    for (String q : paths) {
      int n = 0;
      int max = Math.min(p.length(), q.length());
      while (n < max && p.charAt(n) == q.charAt(n)) {
        n++;
      }
      if (!(endsComponent(p, n) && endsComponent(q, n))) {
        n--; // they differ inside a component: back to where it starts
        while (n > 0 && p.charAt(n) != '.' && p.charAt(n) != '[') {
          n--;
        }
      }
      p = p.substring(0, Math.max(n, 0));
    }
    return p;
  }

  private static boolean endsComponent(String path, int at) {
    return at == path.length() || path.charAt(at) == '.' || path.charAt(at) == '[';
  }

  /**
   * Whether some answer could ever give a non-bonus criterion a positive share of the score: the
   * weight that counts is the criterion's own in {@link ScoringMode#WEIGHTED_CRITERIA}, the
   * section's in the points-per-section modes and both in {@link ScoringMode#WEIGHTED_SECTIONS}.
   * N/A and criticality do not matter: a criterion that may be N/A may also be answered, and a
   * critical criterion of weight 0 can zero a score but never make one.
   */
  private static boolean anyScorableWeight(ScoringMode mode, List<Section> sections) {
    for (Section sec : sections) {
      boolean sectionCounts = !mode.usesSectionWeights() || sec.weight().signum() > 0;
      for (Criterion cr : sec.criteria()) {
        boolean criterionCounts =
            !(mode == ScoringMode.WEIGHTED_CRITERIA || mode == ScoringMode.WEIGHTED_SECTIONS)
                || cr.weight().signum() > 0;
        if (!cr.bonus() && sectionCounts && criterionCounts) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Starts a builder. Defaults: name = id, {@link ScoringMode#WEIGHTED_CRITERIA}, {@link
   * ScoreBands#unbanded()}.
   *
   * @param id the checklist id; not blank
   * @param version the version, {@code >= 1}
   * @return a new builder
   * @throws IllegalArgumentException if the id is blank or the version is below 1
   */
  public static Builder builder(String id, int version) {
    return new Builder(id, version);
  }

  /**
   * A builder pre-filled with this checklist, typically to derive the next version.
   *
   * @param version the version of the derived checklist
   * @return a new builder
   */
  public Builder toBuilder(int version) {
    Builder b =
        new Builder(id, version).name(name).mode(mode).bands(bands).bonusAbove100(bonusAbove100);
    sections.forEach(b::section);
    return b;
  }

  /**
   * Scores answers against this checklist, {@code O(criteria + answers)}.
   *
   * <p>Missing answers to optional criteria count as N/A. The result is exact up to one half-up
   * rounding to 2 decimals.
   *
   * @param answers answers by criterion id
   * @return the result
   * @throws IllegalArgumentException naming the criterion, for an unknown criterion, an answer
   *     outside the scale, a missing required answer, or N/A where it is not allowed
   */
  public ScoreResult score(Map<String, Answer> answers) {
    Objects.requireNonNull(answers, "answers");
    return engine.score(answers);
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
   * The version.
   *
   * @return the version, {@code >= 1}
   */
  public int version() {
    return version;
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
   * The scoring mode.
   *
   * @return the mode
   */
  public ScoringMode mode() {
    return mode;
  }

  /**
   * Whether bonus criteria may lift the total above 100 (MaestroQA bonus sections, Playvox bonus
   * sections); when false (the default) the total is capped at 100.
   *
   * @return true if the total may exceed 100
   */
  public boolean bonusAbove100() {
    return bonusAbove100;
  }

  /**
   * Compiles this checklist into an allocation-free scorer that takes answers by index, {@code
   * O(criteria * options)} once.
   *
   * @return the compiled scorer, equal in every score to {@link #score(Map)}
   */
  public CompiledChecklist compile() {
    return new CompiledChecklist(this, engine);
  }

  /**
   * The sections in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<Section> sections() {
    return sections;
  }

  /**
   * The score bands.
   *
   * @return the bands
   */
  public ScoreBands bands() {
    return bands;
  }

  /**
   * All criteria, section by section.
   *
   * @return an unmodifiable list
   */
  public List<Criterion> criteria() {
    return criteria;
  }

  /**
   * Finds a criterion, {@code O(1)}.
   *
   * @param criterionId the criterion id
   * @return the criterion, or empty
   */
  public Optional<Criterion> criterion(String criterionId) {
    Objects.requireNonNull(criterionId, "criterionId");
    int i = engine.indexOf(criterionId);
    return i < 0 ? Optional.empty() : Optional.of(criteria.get(i));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checklist c
        && id.equals(c.id)
        && version == c.version
        && name.equals(c.name)
        && mode == c.mode
        && bonusAbove100 == c.bonusAbove100
        && sections.equals(c.sections)
        && bands.equals(c.bands);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, version, name, mode, bonusAbove100, sections, bands);
  }

  @Override
  public String toString() {
    return "Checklist[" + id + " v" + version + ", " + mode + ", " + sections.size() + " sections]";
  }

  /** Builder of {@link Checklist}; not thread-safe. */
  public static final class Builder {
    private final String id;
    private final int version;
    private String name;
    private ScoringMode mode = ScoringMode.WEIGHTED_CRITERIA;
    private final List<Section> sections = new ArrayList<>();
    private ScoreBands bands = ScoreBands.unbanded();
    private boolean bonusAbove100;

    private Builder(String id, int version) {
      Objects.requireNonNull(id, "id");
      Ids.require(id, "checklist id");
      if (version < 1) {
        throw new IllegalArgumentException(
            "version " + version + " of checklist '" + id + "' must be >= 1");
      }
      this.id = id;
      this.version = version;
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
      this.name = Ids.requireText(name, "checklist '" + id + "' name");
      return this;
    }

    /**
     * Sets the scoring mode.
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder mode(ScoringMode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Appends a section.
     *
     * @param section the section
     * @return this builder
     */
    public Builder section(Section section) {
      sections.add(Objects.requireNonNull(section, "section"));
      return this;
    }

    /**
     * Sets the score bands. Without this call the checklist has {@link ScoreBands#unbanded()}:
     * every score is in one band {@code "all"} with action {@code "none"}.
     *
     * @param bands the bands
     * @return this builder
     */
    public Builder bands(ScoreBands bands) {
      this.bands = Objects.requireNonNull(bands, "bands");
      return this;
    }

    /**
     * Lets bonus criteria lift the total above 100 (default false: capped at 100). Bands are looked
     * up with the score capped at 100.
     *
     * @param bonusAbove100 true to allow totals above 100
     * @return this builder
     */
    public Builder bonusAbove100(boolean bonusAbove100) {
      this.bonusAbove100 = bonusAbove100;
      return this;
    }

    /**
     * Builds the checklist, {@code O(criteria * options)}.
     *
     * @return the checklist
     * @throws IllegalArgumentException if ids repeat, there is nothing to score, the section
     *     weights sum to 0 in a mode that uses them, or no non-bonus criterion could ever carry a
     *     positive weight (all criterion weights 0 in {@link ScoringMode#WEIGHTED_CRITERIA}); the
     *     message starts with the path of the value, or the most specific path holding the values,
     *     the rule is about ({@code sections[0].criteria[1].id 'g' is duplicated ...}, {@code
     *     sections[0].criteria: criterion weights of ... add up to 0 ...})
     */
    public Checklist build() {
      return new Checklist(this);
    }
  }
}
