package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** FCR by repeat-contact window against a brute-force oracle, in any arrival order. */
class RepeatContactTrackerProperties {

  record Contact(String customer, Instant at) {}

  private static final Duration WINDOW = Duration.ofDays(7);

  @Provide
  Arbitrary<List<Contact>> contacts() {
    return Combinators.combine(
            Arbitraries.of("c1", "c2", "c3"),
            Arbitraries.integers()
                .between(0, 30)
                .map(d -> Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofDays(d))))
        .as(Contact::new)
        .list()
        .ofMaxSize(40);
  }

  @Property(tries = 200)
  void outcomesEqualTheOracleInAnyOrder(
      @ForAll("contacts") List<Contact> contacts, @ForAll long seed) {
    Set<Contact> distinct = new LinkedHashSet<>(contacts);
    long fcr = 0;
    long repeat = 0;
    for (Contact c : distinct) {
      boolean repeated =
          distinct.stream()
              .anyMatch(
                  o ->
                      o.customer().equals(c.customer())
                          && o.at().isAfter(c.at())
                          && !o.at().isAfter(c.at().plus(WINDOW)));
      if (repeated) {
        repeat++;
      } else {
        fcr++;
      }
    }
    List<Contact> shuffled = new ArrayList<>(contacts);
    Collections.shuffle(shuffled, new Random(seed));
    RepeatContactTracker<String> t = RepeatContactTracker.create(WINDOW);
    shuffled.forEach(c -> t.contact(c.customer(), c.at()));
    assertEquals(new OutcomeResult(fcr, repeat), t.outcomes().result());
  }

  @Example
  void aRepeatWithinSevenDaysFailsTheFirstContact() {
    RepeatContactTracker<String> t = RepeatContactTracker.create(WINDOW);
    Instant day0 = Instant.parse("2026-11-02T09:00:00Z");
    t.contact("alice", day0.plus(Duration.ofDays(3))); // arrives first
    t.contact("alice", day0);
    t.contact("bob", day0);
    t.contact("bob", day0.plus(Duration.ofDays(8))); // outside the window
    // alice@0 repeated; alice@3, bob@0, bob@8 resolved: FCR 3/4 = 75 %
    assertEquals(75.0, t.outcomes().result().positivePercent().getAsDouble());
  }
}
