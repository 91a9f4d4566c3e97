package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * Algebraic laws of {@link ProductionCalendar} overrides and merges, checked against a brute-force
 * oracle on plain maps. Dates come from a 40-day window so that generated calendars collide often.
 */
class ProductionCalendarProperties {

  private static final LocalDate START = LocalDate.of(2025, 1, 1);
  private static final LocalDate END = START.plusDays(40);
  private static final int TRIES = 200;

  @Property(tries = TRIES)
  void explicitOverrideWins(
      @ForAll("calendars") ProductionCalendar base,
      @ForAll("calendars") ProductionCalendar explicit) {
    TreeMap<LocalDate, DayRule> expected = new TreeMap<>(base.rules());
    expected.putAll(explicit.rules());
    ProductionCalendar result = base.withOverride(explicit);
    assertEquals(expected, result.rules());
    for (Map.Entry<LocalDate, DayRule> e : explicit.rules().entrySet()) {
      assertEquals(Optional.of(e.getValue()), result.rule(e.getKey()));
    }
  }

  @Property(tries = TRIES)
  void overrideIsAssociative(
      @ForAll("calendars") ProductionCalendar a,
      @ForAll("calendars") ProductionCalendar b,
      @ForAll("calendars") ProductionCalendar c) {
    assertEquals(a.withOverride(b).withOverride(c), a.withOverride(b.withOverride(c)));
  }

  @Property(tries = TRIES)
  void overrideWithItselfIsIdentity(@ForAll("calendars") ProductionCalendar a) {
    assertEquals(a, a.withOverride(a));
  }

  @Property(tries = TRIES)
  void withRuleThenRuleReturnsIt(
      @ForAll("calendars") ProductionCalendar a,
      @ForAll("dates") LocalDate d,
      @ForAll("rules") DayRule r) {
    ProductionCalendar b = a.withRule(d, r);
    assertEquals(Optional.of(r), b.rule(d));
    TreeMap<LocalDate, DayRule> others = new TreeMap<>(a.rules());
    others.remove(d);
    TreeMap<LocalDate, DayRule> bOthers = new TreeMap<>(b.rules());
    bOthers.remove(d);
    assertEquals(others, bOthers);
  }

  @Property(tries = TRIES)
  void removingThenReAddingIsIdentity(@ForAll("calendars") ProductionCalendar a, @ForAll int pick) {
    Assume.that(!a.rules().isEmpty());
    List<LocalDate> dates = new ArrayList<>(a.rules().keySet());
    LocalDate d = dates.get(Math.floorMod(pick, dates.size()));
    DayRule r = a.rule(d).orElseThrow();
    assertEquals(a, a.withoutRule(d).withRule(d, r));
  }

  @Property(tries = TRIES)
  void addingThenRemovingIsIdentity(
      @ForAll("calendars") ProductionCalendar a,
      @ForAll("dates") LocalDate d,
      @ForAll("rules") DayRule r) {
    Assume.that(a.rule(d).isEmpty());
    assertEquals(a, a.withRule(d, r).withoutRule(d));
  }

  @Property(tries = TRIES)
  void mergeMatchesTheOracle(
      @ForAll("calendars") ProductionCalendar a, @ForAll("calendars") ProductionCalendar b) {
    Optional<Map<LocalDate, DayRule>> expected = oracleMerge(a.rules(), b.rules());
    if (expected.isPresent()) {
      assertEquals(expected.get(), a.merge(b).rules());
    } else {
      assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    }
  }

  @Property(tries = TRIES)
  void mergeIsCommutativeInRules(
      @ForAll("calendars") ProductionCalendar a, @ForAll("calendars") ProductionCalendar b) {
    Optional<ProductionCalendar> ab = tryMerge(a, b);
    Optional<ProductionCalendar> ba = tryMerge(b, a);
    assertEquals(ab.map(ProductionCalendar::rules), ba.map(ProductionCalendar::rules));
  }

  @Property(tries = TRIES)
  void mergeIsAssociativeAndDefinedAlike(
      @ForAll("compatibleCalendars") ProductionCalendar a,
      @ForAll("compatibleCalendars") ProductionCalendar b,
      @ForAll("compatibleCalendars") ProductionCalendar c) {
    Optional<ProductionCalendar> left = tryMerge(a, b).flatMap(ab -> tryMerge(ab, c));
    Optional<ProductionCalendar> right = tryMerge(b, c).flatMap(bc -> tryMerge(a, bc));
    assertEquals(left, right);
  }

  @Property(tries = TRIES)
  void mergeWithItselfIsIdentity(@ForAll("calendars") ProductionCalendar a) {
    assertEquals(a, a.merge(a));
  }

  @Property(tries = TRIES)
  void rangeQueryMatchesBruteForceFilter(
      @ForAll("calendars") ProductionCalendar a,
      @ForAll("dates") LocalDate x,
      @ForAll("dates") LocalDate y) {
    LocalDate from = x.isBefore(y) ? x : y;
    LocalDate to = x.isBefore(y) ? y : x;
    TreeMap<LocalDate, DayRule> expected = new TreeMap<>();
    for (Map.Entry<LocalDate, DayRule> e : a.rules().entrySet()) {
      if (!e.getKey().isBefore(from) && e.getKey().isBefore(to)) {
        expected.put(e.getKey(), e.getValue());
      }
    }
    assertEquals(expected, a.rules(from, to));
  }

  @Property(tries = TRIES)
  void builderResultDoesNotDependOnInsertionOrder(
      @ForAll("entries") List<Tuple2<LocalDate, DayRule>> entries, @ForAll long seed) {
    List<Tuple2<LocalDate, DayRule>> shuffled = new ArrayList<>(entries);
    Collections.shuffle(shuffled, new java.util.Random(seed));
    assertEquals(tryBuild(entries), tryBuild(shuffled));
  }

  @Property(tries = TRIES)
  void correctionsApplyRemovalsThenExplicitRules(
      @ForAll("calendars") ProductionCalendar base,
      @ForAll("calendars") ProductionCalendar explicit,
      @ForAll("dateSets") Set<LocalDate> removals) {
    TreeSet<LocalDate> effectiveRemovals = new TreeSet<>(removals);
    effectiveRemovals.removeAll(explicit.rules().keySet());
    CalendarCorrections corrections = CalendarCorrections.of(explicit, effectiveRemovals);
    TreeMap<LocalDate, DayRule> expected = new TreeMap<>(base.rules());
    expected.keySet().removeAll(effectiveRemovals);
    expected.putAll(explicit.rules());
    assertEquals(expected, corrections.applyTo(base).rules());
  }

  @Property(tries = TRIES)
  void correctionsBetweenTwoCalendarsTurnOneIntoTheOther(
      @ForAll("calendars") ProductionCalendar a, @ForAll("calendars") ProductionCalendar b) {
    CalendarCorrections diff = CalendarCorrections.between(a, b);
    assertEquals(b.rules(), diff.applyTo(a).rules());
    for (Map.Entry<LocalDate, DayRule> e : diff.rules().rules().entrySet()) {
      assertNotEquals(
          Optional.of(e.getValue()), a.rule(e.getKey()), "not minimal at " + e.getKey());
    }
    CalendarCorrections none = CalendarCorrections.between(a, a);
    assertTrue(none.rules().rules().isEmpty() && none.removals().isEmpty());
  }

  @Property(tries = TRIES)
  void jsonRoundTripIsIdentity(
      @ForAll("calendars") ProductionCalendar rules, @ForAll("dateSets") Set<LocalDate> removals) {
    TreeSet<LocalDate> r = new TreeSet<>(removals);
    r.removeAll(rules.rules().keySet());
    CalendarCorrections c = CalendarCorrections.of(rules, r);
    assertEquals(c, ProductionCalendarJson.read(ProductionCalendarJson.write(c)));
  }

  // --- oracle ---

  /** Union of two rule maps; empty if some date has incompatible rules. */
  static Optional<Map<LocalDate, DayRule>> oracleMerge(
      Map<LocalDate, DayRule> a, Map<LocalDate, DayRule> b) {
    TreeMap<LocalDate, DayRule> out = new TreeMap<>(a);
    for (Map.Entry<LocalDate, DayRule> e : b.entrySet()) {
      DayRule x = out.get(e.getKey());
      if (x == null) {
        out.put(e.getKey(), e.getValue());
        continue;
      }
      Optional<DayRule> j = oracleJoin(x, e.getValue());
      if (j.isEmpty()) {
        return Optional.empty();
      }
      out.put(e.getKey(), j.get());
    }
    return Optional.of(out);
  }

  /**
   * Rules as pairs (pattern or none, reduction or none); equal atoms join to themselves, a working
   * day joins a shortening when the pattern and the non-zero reductions agree.
   */
  static Optional<DayRule> oracleJoin(DayRule a, DayRule b) {
    if (a.equals(b)) {
      return Optional.of(a);
    }
    if (a.isDayOff() || b.isDayOff()) {
      return Optional.empty();
    }
    DayOfWeek pa = a instanceof DayRule.WorkingDay w ? w.pattern() : null;
    DayOfWeek pb = b instanceof DayRule.WorkingDay w ? w.pattern() : null;
    if (pa == null && pb == null) {
      return Optional.empty();
    }
    if (pa != null && pb != null && pa != pb) {
      return Optional.empty();
    }
    Duration ra = reduction(a);
    Duration rb = reduction(b);
    Duration r;
    if (ra.isZero()) {
      r = rb;
    } else if (rb.isZero() || ra.equals(rb)) {
      r = ra;
    } else {
      return Optional.empty();
    }
    return Optional.of(new DayRule.WorkingDay(pa != null ? pa : pb, r));
  }

  private static Duration reduction(DayRule r) {
    if (r instanceof DayRule.Shortened s) {
      return s.reduction();
    }
    return ((DayRule.WorkingDay) r).shortenedBy();
  }

  private static Optional<ProductionCalendar> tryMerge(ProductionCalendar a, ProductionCalendar b) {
    try {
      return Optional.of(a.merge(b));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static Optional<Map<LocalDate, DayRule>> tryBuild(
      List<Tuple2<LocalDate, DayRule>> entries) {
    ProductionCalendar.Builder b = ProductionCalendar.builder("RU", START, END);
    try {
      for (Tuple2<LocalDate, DayRule> e : entries) {
        b.rule(e.get1(), e.get2());
      }
      return Optional.of(b.build().rules());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  // --- generators ---

  @Provide
  Arbitrary<LocalDate> dates() {
    return Arbitraries.integers().between(0, 39).map(START::plusDays);
  }

  @Provide
  Arbitrary<Set<LocalDate>> dateSets() {
    return dates().set().ofMaxSize(6);
  }

  @Provide
  Arbitrary<DayRule> rules() {
    return Arbitraries.oneOf(
        Arbitraries.of("A", "B").map(DayRule::holiday),
        Arbitraries.of("x", "y").map(DayRule::dayOff),
        Arbitraries.of(1, 2).map(h -> DayRule.shortened(Duration.ofHours(h))),
        Combinators.combine(
                Arbitraries.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Arbitraries.of(0, 1))
            .as((p, h) -> new DayRule.WorkingDay(p, Duration.ofHours(h))));
  }

  /** Rules that often combine: few names, one pattern, shortenings of one hour. */
  @Provide
  Arbitrary<DayRule> compatibleRules() {
    return Arbitraries.oneOf(
        Arbitraries.just(DayRule.holiday("A")),
        Arbitraries.just(DayRule.shortened(Duration.ofHours(1))),
        Arbitraries.of(0, 1)
            .map(h -> new DayRule.WorkingDay(DayOfWeek.MONDAY, Duration.ofHours(h))));
  }

  @Provide
  Arbitrary<List<Tuple2<LocalDate, DayRule>>> entries() {
    return Combinators.combine(dates(), Arbitraries.oneOf(rules(), compatibleRules()))
        .as(Tuple::of)
        .list()
        .ofMaxSize(10);
  }

  @Provide
  Arbitrary<ProductionCalendar> calendars() {
    return calendarsOf(rules());
  }

  @Provide
  Arbitrary<ProductionCalendar> compatibleCalendars() {
    return calendarsOf(compatibleRules());
  }

  private Arbitrary<ProductionCalendar> calendarsOf(Arbitrary<DayRule> rules) {
    return Combinators.combine(
            Arbitraries.maps(dates(), rules).ofMaxSize(8),
            Arbitraries.of("decree", "library", "manual").list().ofMaxSize(2))
        .as(
            (map, sources) -> {
              ProductionCalendar.Builder b = ProductionCalendar.builder("RU", START, END);
              map.forEach(b::rule);
              sources.forEach(b::source);
              return b.build();
            });
  }
}
