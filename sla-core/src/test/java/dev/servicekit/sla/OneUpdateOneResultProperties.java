package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Events at one instant give one evaluation whatever their ids: any permutation of the ids among
 * the events of each instant gives the same evaluation (up to the ids it names).
 *
 * <p>The histories put several changes in one instant on purpose (severity, tier, channel,
 * priority, one or two statuses, a customer message, a reply; at the creation's instant too, and a
 * creation in a status of its own), and clears of the attributes and of the explicit priority. An
 * instant holds up to two writes of a field (two status changes; a change and a clear of an
 * attribute or of the priority, in either order), whose ids keep their order, since two writes of
 * one field at one instant are ordered by id by definition.
 */
class OneUpdateOneResultProperties {

  private static final String[] STATUSES = {"open", "pending", "on-hold", "analysis", "solved"};

  /** Events of one ticket grouped by instant, each instant with at most one write per field. */
  static TreeMap<Instant, List<TicketEvent>> history(long seed) {
    Random r = new Random(seed);
    TreeMap<Instant, List<TicketEvent>> out = new TreeMap<>();
    Instant at = Fixtures.mon(r.nextInt(3), 6 + r.nextInt(12), r.nextInt(4) * 15);
    int id = 0;
    String[] tiers = {"gold", "silver"};
    String[] sev = {"s1", "s2"};
    String[] channels = {"email", "phone"};
    Map<String, String> attrs = new HashMap<>();
    attrs.put("tier", tiers[r.nextInt(2)]);
    attrs.put("severity", sev[r.nextInt(2)]);
    attrs.put("channel", channels[r.nextInt(2)]);
    List<TicketEvent> first = new ArrayList<>();
    String own = r.nextInt(4) == 0 ? STATUSES[r.nextInt(STATUSES.length)] : null;
    first.add(TicketEvent.created("T", "x", at, attrs, Set.of(), r.nextInt(4) == 0, own));
    out.put(at, first);
    int instants = 1 + r.nextInt(6);
    for (int i = 0; i < instants; i++) {
      List<TicketEvent> here = i == 0 && r.nextBoolean() ? first : new ArrayList<>();
      if (here != first) {
        at = at.plus(Duration.ofMinutes(15L * (1 + r.nextInt(12))));
        out.put(at, here);
      }
      if (r.nextInt(3) > 0) {
        writes(
            r, here, new TicketEvent.AttributeChanged("T", "x", at, "severity", sev[r.nextInt(2)]));
      }
      if (r.nextInt(3) > 0) {
        writes(
            r, here, new TicketEvent.AttributeChanged("T", "x", at, "tier", tiers[r.nextInt(2)]));
      }
      if (r.nextInt(4) == 0) {
        writes(
            r,
            here,
            new TicketEvent.AttributeChanged("T", "x", at, "channel", channels[r.nextInt(2)]));
      }
      if (r.nextInt(4) == 0) {
        writes(
            r,
            here,
            new TicketEvent.PriorityChanged("T", "x", at, r.nextBoolean() ? "high" : "urgent"));
      }
      if (r.nextInt(4) == 0) { // read only by a set whose rule takes its due date from it
        Instant due = at.plus(Duration.ofMinutes(15L * (r.nextInt(96) - 16)));
        writes(r, here, new TicketEvent.AttributeChanged("T", "x", at, "due_at", due.toString()));
      }
      for (int k = r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0; k > 0; k--) {
        here.add(new TicketEvent.StatusChanged("T", "x", at, STATUSES[r.nextInt(STATUSES.length)]));
      }
      if (r.nextInt(3) == 0) {
        here.add(new TicketEvent.CustomerMessage("T", "x", at));
      }
      if (r.nextInt(3) == 0) {
        here.add(TicketEvent.reply("T", "x", at, r.nextInt(3) > 0, r.nextInt(4) == 0));
      }
    }
    return out;
  }

  /**
   * Adds the writes of one field to an instant: the change {@code set}, or (one in four) its clear
   * instead, or (one in four) both, in either order.
   */
  static void writes(Random r, List<TicketEvent> here, TicketEvent set) {
    TicketEvent clear =
        set instanceof TicketEvent.AttributeChanged a
            ? new TicketEvent.AttributeCleared("T", "x", set.at(), a.key())
            : new TicketEvent.PriorityCleared("T", "x", set.at());
    switch (r.nextInt(8)) {
      case 0, 1 -> here.add(clear);
      case 2 -> {
        here.add(set);
        here.add(clear);
      }
      case 3 -> {
        here.add(clear);
        here.add(set);
      }
      default -> here.add(set);
    }
  }

  /** The field an event writes ({@code status}, an attribute key, {@code priority}), or null. */
  static String field(TicketEvent e) {
    if (e instanceof TicketEvent.StatusChanged) {
      return "status";
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      return "attribute " + a.key();
    } else if (e instanceof TicketEvent.AttributeCleared a) {
      return "attribute " + a.key();
    } else if (e instanceof TicketEvent.PriorityChanged
        || e instanceof TicketEvent.PriorityCleared) {
      return "priority";
    }
    return null;
  }

  /** Gives the events ids: per instant, a block of ids in the order {@code perm} picks. */
  static List<TicketEvent> withIds(TreeMap<Instant, List<TicketEvent>> h, Random perm) {
    List<TicketEvent> out = new ArrayList<>();
    int next = 0;
    for (List<TicketEvent> here : h.values()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < here.size(); i++) {
        ids.add(String.format(Locale.ROOT, "e%03d", next++));
      }
      if (perm != null) {
        Collections.shuffle(ids, perm);
        sameFieldWritesInOrder(here, ids);
      }
      for (int i = 0; i < here.size(); i++) {
        out.add(renamed(here.get(i), ids.get(i)));
      }
    }
    return out;
  }

  /**
   * Gives the writes of each field at one instant ({@code here}: its status changes, the changes
   * and clears of each attribute, of the priority) their ids in ascending order, so that a
   * permutation keeps their order: two writes of one field at one instant are ordered by id by
   * definition, and any other permutation must not change the evaluation.
   */
  static void sameFieldWritesInOrder(List<TicketEvent> here, List<String> ids) {
    Map<String, List<Integer>> byField = new java.util.LinkedHashMap<>();
    for (int i = 0; i < here.size(); i++) {
      String f = field(here.get(i));
      if (f != null) {
        byField.computeIfAbsent(f, k -> new ArrayList<>()).add(i);
      }
    }
    for (List<Integer> at : byField.values()) {
      List<String> theirs = new ArrayList<>();
      at.forEach(i -> theirs.add(ids.get(i)));
      Collections.sort(theirs);
      for (int k = 0; k < at.size(); k++) {
        ids.set(at.get(k), theirs.get(k));
      }
    }
  }

  /**
   * The history with only the last write of each attribute and of the priority at each instant:
   * what one update leaves, the state its later write gives.
   */
  static TreeMap<Instant, List<TicketEvent>> lastWrites(TreeMap<Instant, List<TicketEvent>> h) {
    TreeMap<Instant, List<TicketEvent>> out = new TreeMap<>();
    for (Map.Entry<Instant, List<TicketEvent>> en : h.entrySet()) {
      List<TicketEvent> here = en.getValue();
      List<TicketEvent> kept = new ArrayList<>();
      for (int i = 0; i < here.size(); i++) {
        String f = field(here.get(i));
        boolean overwritten = false;
        for (int j = i + 1; j < here.size() && f != null && !f.equals("status"); j++) {
          overwritten |= f.equals(field(here.get(j)));
        }
        if (!overwritten) {
          kept.add(here.get(i));
        }
      }
      out.put(en.getKey(), kept);
    }
    return out;
  }

  /**
   * The history with the creation's own status, if it carries one, moved to a status change of the
   * creation's instant that comes before the instant's other status changes.
   */
  static TreeMap<Instant, List<TicketEvent>> statusAsChange(TreeMap<Instant, List<TicketEvent>> h) {
    TreeMap<Instant, List<TicketEvent>> out = new TreeMap<>(h);
    List<TicketEvent> first = new ArrayList<>(h.firstEntry().getValue());
    TicketEvent.Created c = (TicketEvent.Created) first.get(0);
    if (c.status().isPresent()) {
      first.set(
          0,
          TicketEvent.created(
              c.ticketId(), c.id(), c.at(), c.attributes(), c.tags(), c.byAgent(), null));
      first.add(1, new TicketEvent.StatusChanged("T", "x", c.at(), c.status().get()));
      out.put(h.firstKey(), first);
    }
    return out;
  }

  static TicketEvent renamed(TicketEvent e, String id) {
    String t = e.ticketId();
    Instant at = e.at();
    if (e instanceof TicketEvent.Created c) {
      return TicketEvent.created(
          t, id, at, c.attributes(), c.tags(), c.byAgent(), c.status().orElse(null));
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      return new TicketEvent.AttributeChanged(t, id, at, a.key(), a.value());
    } else if (e instanceof TicketEvent.PriorityChanged p) {
      return new TicketEvent.PriorityChanged(t, id, at, p.priority());
    } else if (e instanceof TicketEvent.AttributeCleared a) {
      return new TicketEvent.AttributeCleared(t, id, at, a.key());
    } else if (e instanceof TicketEvent.PriorityCleared) {
      return new TicketEvent.PriorityCleared(t, id, at);
    } else if (e instanceof TicketEvent.StatusChanged s) {
      return new TicketEvent.StatusChanged(t, id, at, s.status());
    } else if (e instanceof TicketEvent.CustomerMessage) {
      return new TicketEvent.CustomerMessage(t, id, at);
    } else if (e instanceof TicketEvent.AgentReply a) {
      return TicketEvent.reply(t, id, at, a.isPublic(), a.automated());
    } else if (e instanceof TicketEvent.TagsChanged g) {
      return new TicketEvent.TagsChanged(t, id, at, g.tags());
    } else if (e instanceof TicketEvent.CallOffered o) {
      return new TicketEvent.CallOffered(t, id, at, o.callId());
    } else if (e instanceof TicketEvent.CallAnswered a) {
      return new TicketEvent.CallAnswered(t, id, at, a.callId());
    } else if (e instanceof TicketEvent.CallAbandoned a) {
      return new TicketEvent.CallAbandoned(t, id, at, a.callId());
    }
    throw new AssertionError(e);
  }

  /** The evaluation without the event ids it names (they are permuted by construction). */
  static SlaEvaluation withoutIds(SlaEvaluation e) {
    List<PolicyChange> changes = new ArrayList<>();
    for (PolicyChange c : e.policyChanges()) {
      changes.add(new PolicyChange(c.at(), "-", c.policy(), c.priority(), c.channel()));
    }
    List<EventAnomaly> anomalies = new ArrayList<>();
    for (EventAnomaly a : e.anomalies()) {
      anomalies.add(new EventAnomaly("-", a.at(), a.reason()));
    }
    return new SlaEvaluation(
        e.ticketId(),
        e.at(),
        e.status(),
        e.policy(),
        e.priority(),
        e.cycles(),
        changes,
        anomalies,
        e.nextTransition());
  }

  @Property(tries = 300)
  void anyPermutationOfIdsWithinAnInstantGivesTheSameEvaluation(
      @ForAll long seed,
      @ForAll long permSeed,
      @ForAll RetargetRule rule,
      @ForAll StopRule stop,
      @ForAll boolean creationStops,
      @ForAll ReattachStart start,
      @ForAll boolean retroactivePause,
      @ForAll ScheduleRule schedule,
      @ForAll boolean dueDates,
      @ForAll @IntRange(min = 0, max = 600) int afterMinutes) {
    SlaPolicySet t =
        schedule == ScheduleRule.PER_PERIOD
            ? Fixtures.tieredWithTargetCalendars()
            : dueDates ? Fixtures.semantics(1) : Fixtures.tiered();
    SlaPolicySet.Builder b =
        Fixtures.statusModel()
            .retargetRule(rule)
            .stopRule(stop)
            .creationStopOverridesStart(creationStops)
            .reattachStart(start)
            .retroactivePause(retroactivePause)
            .scheduleRule(schedule)
            .defaultPolicy(t.defaultPolicy());
    t.policies().forEach(b::policy);
    SlaPolicySet set = b.build();
    TreeMap<Instant, List<TicketEvent>> h = history(seed);
    Instant now = h.lastKey().plus(Duration.ofMinutes(afterMinutes));
    SlaEvaluation sorted = Fixtures.eval(set, withIds(h, null), now);
    List<TicketEvent> permuted = withIds(h, new Random(permSeed));
    assertEquals(withoutIds(sorted), withoutIds(Fixtures.eval(set, permuted, now)));
    // fed one by one with a read after each event: the same again
    SlaClock clock = Fixtures.clock(set, "T");
    for (TicketEvent e : permuted) {
      clock.accept(e); // the Created event comes first
      clock.evaluate(e.at());
    }
    assertEquals(withoutIds(sorted), withoutIds(clock.evaluate(now)));
  }

  /**
   * A ticket created in a status of its own is measured as if created in the initial status and
   * changed to its status by the creating update: after the creation's attribute, priority and
   * channel changes (so the cycles it ends are judged by the targeting after them), before its
   * other status changes; read once or after every event.
   */
  @Property(tries = 300)
  void aCreationInAStatusIsAStatusChangeOfTheCreatingUpdate(
      @ForAll long seed,
      @ForAll long permSeed,
      @ForAll RetargetRule rule,
      @ForAll StopRule stop,
      @ForAll boolean creationStops,
      @ForAll @IntRange(min = 0, max = 600) int afterMinutes) {
    SlaPolicySet t = Fixtures.tiered();
    SlaPolicySet.Builder b =
        Fixtures.statusModel()
            .retargetRule(rule)
            .stopRule(stop)
            .creationStopOverridesStart(creationStops)
            .defaultPolicy(t.defaultPolicy());
    t.policies().forEach(b::policy);
    SlaPolicySet set = b.build();
    TreeMap<Instant, List<TicketEvent>> h = history(seed);
    Instant now = h.lastKey().plus(Duration.ofMinutes(afterMinutes));
    Random perm = new Random(permSeed);
    SlaEvaluation expected = withoutIds(Fixtures.eval(set, withIds(statusAsChange(h), perm), now));
    List<TicketEvent> own = withIds(h, perm);
    assertEquals(expected, withoutIds(Fixtures.eval(set, own, now)));
    SlaClock clock = Fixtures.clock(set, "T");
    for (TicketEvent e : own) {
      clock.accept(e); // the Created event comes first
      clock.evaluate(e.at()); // a read before the creation's state group ends
    }
    assertEquals(expected, withoutIds(clock.evaluate(now)));
  }

  /**
   * A change and a clear of one field at one instant are two writes of it: the later id's is the
   * state after the instant, so the instant gives what its last write of each attribute and of the
   * priority alone gives (the earlier write was in force for no time), whatever the other ids.
   */
  @Property(tries = 300)
  void aChangeAndAClearOfOneFieldAtOneInstantLeaveTheLaterWrite(
      @ForAll long seed,
      @ForAll long permSeed,
      @ForAll RetargetRule rule,
      @ForAll StopRule stop,
      @ForAll boolean dueDates,
      @ForAll @IntRange(min = 0, max = 600) int afterMinutes) {
    SlaPolicySet t = dueDates ? Fixtures.semantics(1) : Fixtures.tiered();
    SlaPolicySet.Builder b =
        Fixtures.statusModel().retargetRule(rule).stopRule(stop).defaultPolicy(t.defaultPolicy());
    t.policies().forEach(b::policy);
    SlaPolicySet set = b.build();
    TreeMap<Instant, List<TicketEvent>> h = history(seed);
    Instant now = h.lastKey().plus(Duration.ofMinutes(afterMinutes));
    SlaEvaluation expected = withoutIds(Fixtures.eval(set, withIds(lastWrites(h), null), now));
    List<TicketEvent> permuted = withIds(h, new Random(permSeed));
    assertEquals(expected, withoutIds(Fixtures.eval(set, permuted, now)));
    List<TicketEvent> shuffled = new ArrayList<>(permuted);
    Collections.shuffle(shuffled, new Random(seed));
    SlaClock clock = Fixtures.clock(set, "T");
    shuffled.forEach(clock::accept); // any arrival order
    assertEquals(expected, withoutIds(clock.evaluate(now)));
  }
}
