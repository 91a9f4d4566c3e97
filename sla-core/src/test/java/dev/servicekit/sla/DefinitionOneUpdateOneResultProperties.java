package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * "One update, one result" for metric definitions: for random definitions (every trigger kind,
 * every cycle and when-solved rule, arming, cancels, tag pause conditions, a stop rule of their own
 * or the set's) and random histories with several events per instant (tag and attribute changes, a
 * priority change, a status change, customer messages, replies of every kind, call offers, answers
 * and abandons), any permutation of the ids within each instant and any arrival order give the same
 * evaluation (up to the ids it names), read once or after every event.
 *
 * <p>An instant holds at most one write per field (one tag set, one value per attribute, one
 * priority), but up to two status changes, whose ids keep their order: two writes of one field at
 * one instant are ordered by id by definition. The creation sometimes carries a status of its own,
 * which is a status change of the creating update: it takes effect after the creation's attribute,
 * priority and tag changes and before its other status changes.
 */
class DefinitionOneUpdateOneResultProperties {

  private static final String[] STATUSES = {"new", "open", "pending", "on-hold", "solved"};
  private static final String[] TAGS = {"a", "b"};
  private static final String[] VALUES = {"x", "y"};

  /** A random set of one to three definitions over a small vocabulary, with targets for some. */
  static SlaPolicySet set(Random r) {
    SlaPolicySet.Builder b =
        SlaPolicySet.builder()
            .statuses(STATUSES)
            .solvedStatuses("solved")
            .retargetRule(RetargetRule.values()[r.nextInt(RetargetRule.values().length)]);
    SlaPolicy.Builder p =
        SlaPolicy.builder("pol")
            .matrix(PriorityMatrix.builder().cell("s1", "gold", "q").defaultPriority("p").build());
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      String name = "m" + i;
      MetricDefinition.Builder d = MetricDefinition.builder(name);
      d.startOn(triggers(r, 1, 3));
      MetricTrigger[] stop = triggers(r, 0, 3);
      MetricTrigger[] cancel = RandomPolicySets.notIn(triggers(r, 0, 2), stop);
      d.stopOn(stop.length == 0 && cancel.length == 0 ? triggers(r, 1, 1) : stop); // must end
      d.cancelOn(cancel);
      MetricDefinition.Cycles cycles =
          MetricDefinition.Cycles.values()[r.nextInt(MetricDefinition.Cycles.values().length)];
      d.cycles(cycles);
      d.armOn(triggers(r, 0, 2));
      MetricDefinition.WhenSolved whenSolved =
          MetricDefinition.WhenSolved.values()[
              r.nextInt(MetricDefinition.WhenSolved.values().length)];
      if (cycles == MetricDefinition.Cycles.PER_CALL
          && whenSolved == MetricDefinition.WhenSolved.DEFER) {
        whenSolved = MetricDefinition.WhenSolved.SKIP; // rejected: a reopen cannot start a call
      }
      d.whenSolved(whenSolved);
      if (r.nextInt(3) == 0) {
        d.stopRule(StopRule.values()[r.nextInt(2)]); // else the set's
      }
      if (r.nextInt(3) == 0) {
        d.pauseIn(STATUSES[1 + r.nextInt(3)]);
      }
      if (r.nextInt(4) == 0) {
        d.pauseWhileTag(TAGS[r.nextInt(2)]);
      }
      b.metric(d.build());
      if (r.nextInt(4) > 0) {
        Duration target = Duration.ofMinutes(15L * (1 + r.nextInt(24)));
        p.target("p", SlaMetric.custom(name), target);
        p.target("q", SlaMetric.custom(name), target.plusMinutes(30));
      }
    }
    p.target("p", SlaMetric.resolution(), Duration.ofHours(8));
    p.target("q", SlaMetric.resolution(), Duration.ofHours(4));
    b.stopRule(r.nextBoolean() ? StopRule.AFTER_UPDATE : StopRule.BEFORE_UPDATE); // drawn last
    b.creationStopOverridesStart(r.nextBoolean());
    return b.defaultPolicy(p.build()).build();
  }

  private static MetricTrigger[] triggers(Random r, int min, int max) {
    int n = min + r.nextInt(max - min + 1);
    Set<MetricTrigger> out = new LinkedHashSet<>(); // a trigger listed twice is refused
    MetricTrigger.On[] kinds = MetricTrigger.On.values();
    for (int i = 0; i < n; i++) {
      MetricTrigger.On on = kinds[r.nextInt(kinds.length)];
      out.add(
          switch (on) {
            case STATUS_ENTERED, STATUS_LEFT ->
                new MetricTrigger(
                    on, "", new LinkedHashSet<>(List.of(STATUSES[r.nextInt(STATUSES.length)])));
            case TAG_ADDED, TAG_REMOVED -> new MetricTrigger(on, "", Set.of(TAGS[r.nextInt(2)]));
            case ATTRIBUTE_ENTERED, ATTRIBUTE_LEFT ->
                new MetricTrigger(
                    on, r.nextBoolean() ? "k" : "m", Set.of(VALUES[r.nextInt(VALUES.length)]));
            default -> MetricTrigger.of(on);
          });
    }
    return out.toArray(MetricTrigger[]::new);
  }

  private static Set<String> tags(Random r) {
    Set<String> s = new LinkedHashSet<>();
    for (String t : TAGS) {
      if (r.nextBoolean()) {
        s.add(t);
      }
    }
    return s;
  }

  /** Events of one ticket grouped by instant, each instant with at most one write per field. */
  static TreeMap<Instant, List<TicketEvent>> history(Random r) {
    TreeMap<Instant, List<TicketEvent>> out = new TreeMap<>();
    Instant at = Fixtures.mon(r.nextInt(3), 6 + r.nextInt(12), r.nextInt(4) * 15);
    Map<String, String> attrs = new HashMap<>();
    for (String k : new String[] {"k", "m"}) {
      if (r.nextBoolean()) {
        attrs.put(k, VALUES[r.nextInt(2)]);
      }
    }
    List<TicketEvent> first = new ArrayList<>();
    String own = r.nextInt(4) == 0 ? STATUSES[r.nextInt(STATUSES.length)] : null;
    first.add(TicketEvent.created("T", "x", at, attrs, tags(r), r.nextInt(4) == 0, own));
    out.put(at, first);
    List<String> ringing = new ArrayList<>();
    int calls = 0;
    int instants = 1 + r.nextInt(8);
    for (int i = 0; i < instants; i++) {
      List<TicketEvent> here = i == 0 && r.nextBoolean() ? first : new ArrayList<>();
      if (here != first) {
        at = at.plus(Duration.ofMinutes(15L * (1 + r.nextInt(12))));
        out.put(at, here);
      }
      if (r.nextInt(3) == 0) {
        here.add(new TicketEvent.TagsChanged("T", "x", at, tags(r)));
      }
      for (String k : new String[] {"k", "m"}) {
        if (r.nextInt(3) == 0) {
          here.add(new TicketEvent.AttributeChanged("T", "x", at, k, VALUES[r.nextInt(2)]));
        }
      }
      if (r.nextInt(5) == 0) {
        here.add(new TicketEvent.PriorityChanged("T", "x", at, r.nextBoolean() ? "p" : "q"));
      }
      for (int k = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0; k > 0; k--) {
        here.add(new TicketEvent.StatusChanged("T", "x", at, STATUSES[r.nextInt(STATUSES.length)]));
      }
      for (int k = r.nextInt(3); k > 0; k--) {
        here.add(new TicketEvent.CustomerMessage("T", "x", at));
      }
      for (int k = r.nextInt(4); k > 0; k--) {
        here.add(TicketEvent.reply("T", "x", at, r.nextBoolean(), r.nextInt(3) == 0));
      }
      List<String> ending = new ArrayList<>(ringing);
      Collections.shuffle(ending, r);
      for (int k = Math.min(ending.size(), r.nextInt(3)); k > 0; k--) {
        String call = ending.get(k - 1);
        ringing.remove(call);
        here.add(
            r.nextBoolean()
                ? new TicketEvent.CallAnswered("T", "x", at, call)
                : new TicketEvent.CallAbandoned("T", "x", at, call));
      }
      for (int k = r.nextInt(3); k > 0; k--) {
        String call = "c" + calls++;
        ringing.add(call);
        here.add(new TicketEvent.CallOffered("T", "x", at, call));
      }
    }
    return out;
  }

  /**
   * The evaluation without the event ids it names, its anomalies sorted: anomalies (calls answered
   * after they were cut off, say) are listed in the order their events apply, by id within an
   * instant.
   */
  static SlaEvaluation normal(SlaEvaluation e) {
    SlaEvaluation n = OneUpdateOneResultProperties.withoutIds(e);
    List<EventAnomaly> anomalies = new ArrayList<>(n.anomalies());
    anomalies.sort(
        java.util.Comparator.comparing(EventAnomaly::at).thenComparing(EventAnomaly::reason));
    return new SlaEvaluation(
        n.ticketId(),
        n.at(),
        n.status(),
        n.policy(),
        n.priority(),
        n.cycles(),
        n.policyChanges(),
        anomalies,
        n.nextTransition());
  }

  @Property(tries = 400)
  void anyPermutationOfIdsWithinAnInstantGivesTheSameEvaluationOfEveryDefinition(
      @ForAll long seed,
      @ForAll long permSeed,
      @ForAll @IntRange(min = 0, max = 600) int afterMinutes) {
    Random r = new Random(seed);
    SlaPolicySet set = set(r);
    TreeMap<Instant, List<TicketEvent>> h = history(r);
    Instant now = h.lastKey().plus(Duration.ofMinutes(afterMinutes));
    SlaEvaluation sorted = Fixtures.eval(set, OneUpdateOneResultProperties.withIds(h, null), now);
    Random perm = new Random(permSeed);
    List<TicketEvent> permuted = OneUpdateOneResultProperties.withIds(h, perm);
    SlaEvaluation expected = normal(sorted);
    assertEquals(expected, normal(Fixtures.eval(set, permuted, now)));
    // fed one by one, in order, with a read after each event (the engine settles each group anew)
    SlaClock clock = Fixtures.clock(set, "T");
    for (TicketEvent e : permuted) {
      clock.accept(e); // the Created event comes first
      clock.evaluate(e.at());
    }
    assertEquals(expected, normal(clock.evaluate(now)));
    // in any arrival order
    List<TicketEvent> shuffled = new ArrayList<>(permuted);
    Collections.shuffle(shuffled, perm);
    SlaClock late = Fixtures.clock(set, "T");
    shuffled.forEach(late::accept);
    assertEquals(expected, normal(late.evaluate(now)));
  }

  /**
   * A ticket created in a status of its own is measured as if created in the initial status and
   * changed to its status by the creating update (a status change of the creation's instant, before
   * its others), whatever the instant's other events and ids, read once or after every event.
   */
  @Property(tries = 400)
  void aCreationInAStatusIsAStatusChangeOfTheCreatingUpdate(
      @ForAll long seed,
      @ForAll long permSeed,
      @ForAll @IntRange(min = 0, max = 600) int afterMinutes) {
    Random r = new Random(seed);
    SlaPolicySet set = set(r);
    TreeMap<Instant, List<TicketEvent>> h = history(r);
    List<TicketEvent> first = new ArrayList<>(h.firstEntry().getValue());
    TicketEvent.Created c = (TicketEvent.Created) first.get(0);
    if (c.status().isEmpty()) { // every creation here carries a status
      first.set(0, c.withStatus(STATUSES[r.nextInt(STATUSES.length)]));
      h.put(h.firstKey(), first);
    }
    TreeMap<Instant, List<TicketEvent>> changed = OneUpdateOneResultProperties.statusAsChange(h);
    Instant now = h.lastKey().plus(Duration.ofMinutes(afterMinutes));
    Random perm = new Random(permSeed);
    SlaEvaluation expected =
        normal(Fixtures.eval(set, OneUpdateOneResultProperties.withIds(changed, perm), now));
    List<TicketEvent> own = OneUpdateOneResultProperties.withIds(h, perm);
    assertEquals(expected, normal(Fixtures.eval(set, own, now)));
    SlaClock clock = Fixtures.clock(set, "T");
    for (TicketEvent e : own) {
      clock.accept(e); // the Created event comes first
      clock.evaluate(e.at()); // a read before the creation's state group ends
    }
    assertEquals(expected, normal(clock.evaluate(now)));
  }
}
