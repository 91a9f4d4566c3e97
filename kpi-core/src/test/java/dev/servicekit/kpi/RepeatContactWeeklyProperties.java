package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * FCR per week from {@link RepeatContactTracker#record}: its changes mirrored into a weekly table
 * (the README's recipe) equal, per team and week of the contact, a brute-force count over the
 * distinct contacts, in any arrival order; and they sum to the tracker's own outcomes.
 */
class RepeatContactWeeklyProperties {

  record Contact(String customer, Instant at) {}

  private static final Duration WINDOW = Duration.ofDays(7);
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Map<String, String> TEAM = Map.of("c1", "a", "c2", "a", "c3", "b");

  @Provide
  Arbitrary<List<Contact>> contacts() {
    return Combinators.combine(
            Arbitraries.of("c1", "c2", "c3"),
            Arbitraries.integers()
                .between(
                    0, 60 * 24 * 6) // ten-minute steps over six weeks, across summer time's end
                .map(m -> Instant.parse("2026-10-05T00:00:00Z").plus(Duration.ofMinutes(10L * m))))
        .as(Contact::new)
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 300)
  void weeklyOutcomesEqualTheOracleInAnyOrder(
      @ForAll("contacts") List<Contact> contacts, @ForAll long seed) {
    WindowSpec weeks = WindowSpec.of(WindowUnit.WEEK, BERLIN);
    Set<Contact> distinct = new LinkedHashSet<>(contacts);
    Map<String, long[]> expected = new HashMap<>(); // team|week start -> {resolved, repeated}
    for (Contact c : distinct) {
      boolean repeated =
          distinct.stream()
              .anyMatch(
                  o ->
                      o.customer().equals(c.customer())
                          && o.at().isAfter(c.at())
                          && !o.at().isAfter(c.at().plus(WINDOW)));
      long[] n =
          expected.computeIfAbsent(
              TEAM.get(c.customer()) + "|" + weeks.start(c.at()), k -> new long[2]);
      n[repeated ? 1 : 0]++;
    }

    List<Contact> shuffled = new ArrayList<>(contacts);
    Collections.shuffle(shuffled, new Random(seed));
    RepeatContactTracker<String> tracker = RepeatContactTracker.create(WINDOW);
    WindowedKpi<String, OutcomeAccumulator> weekly =
        WindowedKpi.create(OutcomeAccumulator::create, weeks, Duration.ofMillis(Long.MAX_VALUE));
    for (Contact c : shuffled) {
      String team = TEAM.get(c.customer());
      tracker
          .record(c.customer(), c.at())
          .ifPresent(
              ch -> {
                weekly.record(team, ch.at(), o -> o.add(ch.resolved()));
                ch.madeRepeat()
                    .ifPresent(
                        p ->
                            weekly.record(
                                team,
                                p,
                                o -> {
                                  o.retract(true);
                                  o.add(false);
                                }));
              });
    }

    Map<String, long[]> actual = new HashMap<>();
    long resolved = 0;
    long repeated = 0;
    for (String team : weekly.groups()) {
      for (Map.Entry<Instant, OutcomeAccumulator> w : weekly.windows(team).entrySet()) {
        OutcomeResult r = w.getValue().result();
        if (r.total() > 0) {
          actual.put(team + "|" + w.getKey(), new long[] {r.positive(), r.negative()});
        }
        resolved += r.positive();
        repeated += r.negative();
      }
    }
    assertEquals(render(expected), render(actual));
    assertEquals(tracker.result(), new OutcomeResult(resolved, repeated));
  }

  private static Map<String, List<Long>> render(Map<String, long[]> m) {
    Map<String, List<Long>> out = new java.util.TreeMap<>();
    m.forEach((k, v) -> out.put(k, List.of(v[0], v[1])));
    return out;
  }

  @Example
  void aLateContactSaysWhichEarlierContactItMadeARepeat() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(WINDOW);
    Instant mon = Instant.parse("2026-11-02T09:00:00Z");
    Instant fri = mon.plus(Duration.ofDays(4));
    Instant nextWed = mon.plus(Duration.ofDays(9));
    assertEquals(
        Optional.of(new RepeatContactTracker.Change(nextWed, true, Optional.empty())),
        t.record("alice", nextWed));
    // Monday's contact arrives late: Wednesday is 9 days later, outside its window
    assertEquals(
        Optional.of(new RepeatContactTracker.Change(mon, true, Optional.empty())),
        t.record("alice", mon));
    // Friday's: 5 days before Wednesday (so not resolved) and 4 days after Monday (a repeat of it)
    assertEquals(
        Optional.of(new RepeatContactTracker.Change(fri, false, Optional.of(mon))),
        t.record("alice", fri));
    assertEquals(Optional.empty(), t.record("alice", fri)); // a duplicate changes nothing
    assertEquals(new OutcomeResult(1, 2), t.result());
  }

  @Example
  void aChangeRefusesARepeatThatIsNotEarlier() {
    Instant at = Instant.parse("2026-11-02T09:00:00Z");
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RepeatContactTracker.Change(at, true, Optional.of(at)));
    assertTrue(x.getMessage().startsWith("madeRepeat 2026-11-02T09:00:00Z must be before"));
  }
}
