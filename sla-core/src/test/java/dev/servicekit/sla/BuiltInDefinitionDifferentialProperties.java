package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The ready-made definitions of the built-in metrics ({@link MetricDefinition#firstResponse} and
 * the others, call answer time included: {@link MetricDefinition#answerTime}) give the built-in
 * metric's cycles, differentially, on random histories (agent- and customer-created tickets,
 * replies of every shape, messages on solved tickets, reopens, priority and attribute re-targets,
 * calls) under every re-target, reopen, breach and closing rule. The twin also reports untargeted
 * cycles, which the built-in leaves out; the targeted ones must be identical, cycle numbers
 * included. Half of the histories also offer several calls at one instant, whose call-id order
 * differs from their events' id order: both number them in call-id order. Half run under {@code
 * CANCEL_AND_REATTACH} (at the change or retroactive) with calls ringing across priority, channel
 * and tier changes: both cancel and re-attach each ringing call under its own call id. Half run
 * with first reply paused while solved ({@link SolveRule#PAUSE}, twin {@link
 * MetricDefinition#firstResponse(String, SolveRule, java.util.Set, java.util.Set)}), and,
 * independently, half with {@code closed} declared cancelled, under both solve rules, with every
 * twin built for the set's solved and cancelled statuses ({@link
 * MetricDefinition#nextResponse(String, java.util.Set, java.util.Set)} and the others): a solve
 * into {@code closed} cancels where another solve meets. Half (the first-only variant) count notes
 * and bots for first reply only, in every policy, target next reply wherever first reply is
 * targeted, and splice in a solve early in the ticket, a note or bot while solved, a reopen and a
 * customer message; three quarters of them under {@code PAUSE}, where the note meets the paused
 * first reply and releases the solve's arm, held while first reply was owed, for the built-in next
 * reply and its twin alike.
 */
class BuiltInDefinitionDifferentialProperties {

  record Case(SlaClockProperties.History history, SlaPolicySet set, Instant now) {}

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 30),
            Arbitraries.integers().between(0, 255),
            Arbitraries.integers().between(0, 96))
        .as(
            (seed, size, variant, later) -> {
              SlaClockProperties.History h = SlaClockProperties.history(seed, size);
              boolean firstOnly = (variant & 128) != 0;
              if (firstOnly) {
                h = withSolvedFirstOnlyReply(h, new Random(seed * 31 + variant));
              }
              if ((variant & 32) != 0) {
                h = withCallBursts(h, new Random(seed ^ variant));
              }
              boolean ringing = (variant & 64) != 0;
              if (ringing) { // calls ringing across re-targets under CANCEL_AND_REATTACH
                h = h.withRingingAcrossRetarget(new Random(~seed ^ variant));
              }
              SlaPolicySet base =
                  (variant & 4) != 0 && !ringing ? Fixtures.tieredKeepReached() : h.set();
              base =
                  AuditTrailProperties.withRules(
                      base,
                      (variant & 1) != 0 ? BreachRule.AT_DEADLINE : BreachRule.AFTER_DEADLINE,
                      (variant & 2) != 0 ? ClosingRule.AT_NEXT_OPENING : ClosingRule.AT_CLOSE);
              String json = SlaPolicyJson.write(base);
              if ((variant & 8) != 0) {
                json =
                    json.replaceFirst(
                        "\"retargetRule\": \"[A-Z_]+\"",
                        "\"retargetRule\": \"CANCEL_AND_REATTACH\"");
              }
              if ((variant & 16) != 0) { // RESTART or ONCE (the resolution applies once)
                json =
                    json.replace(
                        "\"resolutionReopen\": \"RESUME\"",
                        "\"resolutionReopen\": \"" + ((seed & 1) == 0 ? "RESTART" : "ONCE") + "\"");
              }
              if ((seed & 2) != 0) { // periodic update from the creation on too
                json =
                    json.replace(
                        "\"rejectUnknownKeys\"",
                        "\"periodicUpdateFromCreation\": true, \"rejectUnknownKeys\"");
              }
              // first reply paused while solved (SolveRule.PAUSE), in most first-only cases
              if ((seed & 4) != 0 || firstOnly && (later & 1) == 0) {
                json =
                    json.replace(
                        "\"rejectUnknownKeys\"",
                        "\"firstResponseSolve\": \"PAUSE\", \"rejectUnknownKeys\"");
              }
              if ((seed & 8) != 0) { // closed cancels the cycles solving ends, from open or solved
                json =
                    json.replaceFirst(
                        "\"solvedStatuses\": \\[",
                        "\"cancelledStatuses\": [\"closed\"], \"solvedStatuses\": [");
              }
              if (firstOnly) {
                json = firstOnlyReplies(json);
              }
              SlaPolicySet set = SlaPolicyJson.read(json);
              // A stop at a re-target's instant judged by the targeting before it; the creating
              // update's stops overriding its starts.
              set = SlaClockProperties.withStopRule(set, (seed & 16) != 0);
              set = SlaClockProperties.withCreationStop(set, (seed & 32) != 0);
              set = Mirrors.withTwins(set);
              return new Case(h, set, h.last().plus(Duration.ofMinutes(15L * later)));
            });
  }

  /**
   * {@code h} plus, early in the ticket (the first hour), a solve (into {@code solved}, or {@code
   * closed} in a quarter), a note or bot while solved (sometimes in the same update as the solve),
   * a reopen an hour after the solve, and a customer message at the reopen or after it, sometimes
   * one written while solved as well.
   */
  static SlaClockProperties.History withSolvedFirstOnlyReply(
      SlaClockProperties.History h, Random r) {
    List<TicketEvent> out = new ArrayList<>(h.events());
    Instant solve = h.events().get(0).at().plus(Duration.ofMinutes(15L * r.nextInt(4)));
    Instant reopen = solve.plus(Duration.ofHours(1));
    out.add(
        new TicketEvent.StatusChanged("T", "fo-s", solve, r.nextInt(4) == 0 ? "closed" : "solved"));
    Instant note = solve.plus(Duration.ofMinutes(15L * r.nextInt(3)));
    out.add(
        r.nextBoolean()
            ? TicketEvent.AgentReply.internalNote("T", "fo-n", note)
            : TicketEvent.AgentReply.automated("T", "fo-n", note));
    if (r.nextInt(3) == 0) {
      out.add(
          new TicketEvent.CustomerMessage(
              "T", "fo-w", solve.plus(Duration.ofMinutes(15L * r.nextInt(4)))));
    }
    out.add(new TicketEvent.StatusChanged("T", "fo-o", reopen, "open"));
    Instant message = reopen.plus(Duration.ofMinutes(15L * r.nextInt(3)));
    out.add(new TicketEvent.CustomerMessage("T", "fo-m", message));
    return new SlaClockProperties.History(
        out,
        h.last().isAfter(message) ? h.last() : message,
        h.notesCount(),
        h.targetCalendars(),
        h.replyOverrides(),
        h.definitions(),
        h.extra());
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * {@code json} (a policy set) where, in every policy, first reply counts notes and bots and next
   * reply counts neither, and every target cell with a first reply target has a next reply target.
   */
  static String firstOnlyReplies(String json) {
    try {
      ObjectNode root = (ObjectNode) MAPPER.readTree(json);
      List<JsonNode> policies = new ArrayList<>();
      if (root.has("policies")) {
        root.get("policies").forEach(policies::add);
      }
      policies.add(root.get("defaultPolicy"));
      for (JsonNode p : policies) {
        for (JsonNode byPriority : p.get("targets")) {
          for (JsonNode cell : byPriority) {
            if (cell.has("first_response") && !cell.has("next_response")) {
              ((ObjectNode) cell).put("next_response", "PT8H");
            }
          }
        }
        ArrayNode rules =
            p.has("metrics") ? (ArrayNode) p.get("metrics") : ((ObjectNode) p).putArray("metrics");
        for (String metric : List.of("first_response", "next_response")) {
          ObjectNode rule = null;
          for (JsonNode r : rules) {
            if (r.get("metric").textValue().equals(metric)) {
              rule = (ObjectNode) r;
            }
          }
          if (rule == null) {
            rule = rules.addObject().put("metric", metric);
          }
          boolean counts = metric.equals("first_response");
          rule.put("internalNotesCount", counts).put("automatedRepliesCount", counts);
        }
      }
      return MAPPER.writeValueAsString(root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Whether, in the first-only variant, a note or bot met the built-in first reply while the ticket
   * was solved and the next reply that follows started before a public reply or another solve armed
   * it: the case in which the solve's held arm is released.
   */
  static boolean releasesTheHeldArm(SlaPolicySet set, List<TicketEvent> events, SlaEvaluation e) {
    List<TicketEvent> sorted = new ArrayList<>(events);
    sorted.sort(TicketEvent.ORDER);
    for (MetricCycle first : e.cycles(SlaMetric.firstResponse())) {
      if (first.stop().isEmpty() || first.state() == CycleState.CANCELLED) {
        continue;
      }
      Instant at = first.stop().get();
      boolean solved = false;
      boolean byNote = false;
      for (TicketEvent ev : sorted) {
        if (ev.at().isAfter(at)) {
          break;
        }
        if (ev instanceof TicketEvent.StatusChanged st) {
          solved = set.solvedStatuses().contains(st.status());
        } else if (ev.at().equals(at) && ev instanceof TicketEvent.AgentReply r) {
          if (r.isPublic() && !r.automated()) {
            byNote = false; // a reply that counts for next reply arms it by itself
            break;
          }
          byNote = true;
        }
      }
      if (!solved || !byNote) {
        continue;
      }
      for (MetricCycle next : e.cycles(SlaMetric.nextResponse())) {
        if (next.start().isBefore(at)) {
          continue;
        }
        boolean armed = false;
        boolean wasSolved = true;
        for (TicketEvent ev : sorted) {
          if (!ev.at().isAfter(at) || ev.at().isAfter(next.start())) {
            continue;
          }
          if (ev instanceof TicketEvent.AgentReply r && r.isPublic() && !r.automated()) {
            armed = true;
          } else if (ev instanceof TicketEvent.StatusChanged st) {
            boolean now = set.solvedStatuses().contains(st.status());
            armed |= now && !wasSolved;
            wasSolved = now;
          }
        }
        return !armed;
      }
    }
    return false;
  }

  /**
   * {@code h} plus one or two bursts of two to four calls offered at the instant of one of its
   * events, with call ids out of their events' id order; each call is then answered (sometimes at
   * that very instant), abandoned or left ringing.
   */
  static SlaClockProperties.History withCallBursts(SlaClockProperties.History h, Random r) {
    List<TicketEvent> out = new ArrayList<>(h.events());
    Instant last = h.last();
    for (int b = 1 + r.nextInt(2); b > 0; b--) {
      Instant at = h.events().get(r.nextInt(h.events().size())).at();
      List<String> calls = new ArrayList<>();
      for (int i = 2 + r.nextInt(3); i > 0; i--) {
        calls.add("k" + b + "-" + i); // descending: the first offer has the greatest call id
      }
      if (r.nextBoolean()) {
        Collections.shuffle(calls, r);
      }
      for (int i = 0; i < calls.size(); i++) {
        String call = calls.get(i);
        out.add(new TicketEvent.CallOffered("T", "burst" + b + "-" + i, at, call));
        Instant end = at.plusSeconds(r.nextInt(3) == 0 ? 0 : r.nextInt(60));
        switch (r.nextInt(3)) {
          case 0 -> out.add(new TicketEvent.CallAnswered("T", "burst" + b + "-a" + i, end, call));
          case 1 -> out.add(new TicketEvent.CallAbandoned("T", "burst" + b + "-a" + i, end, call));
          default -> end = at; // left ringing
        }
        if (end.isAfter(last)) {
          last = end;
        }
      }
    }
    return new SlaClockProperties.History(
        out,
        last,
        h.notesCount(),
        h.targetCalendars(),
        h.replyOverrides(),
        h.definitions(),
        h.extra());
  }

  @Property(tries = 400)
  void aReadyMadeDefinitionGivesTheBuiltInMetricsCycles(@ForAll("cases") Case c) {
    SlaEvaluation e = Fixtures.eval(c.set(), c.history().events(), c.now());
    Statistics.label("calls offered at one instant out of call-id order")
        .collect(c.history().events().stream().anyMatch(ev -> ev.id().startsWith("burst")));
    List<MetricCycle> calls = e.cycles(Mirrors.twin(SlaMetric.answerTime()));
    Statistics.label("a call re-attached (two cycles under one call id)")
        .collect(calls.stream().map(MetricCycle::key).distinct().count() < calls.size());
    Statistics.label("first reply solve rule, cancelled statuses")
        .collect(c.set().firstResponseSolve(), !c.set().cancelledStatuses().isEmpty());
    boolean firstOnly = c.history().events().stream().anyMatch(ev -> ev.id().equals("fo-n"));
    Statistics.label("first-only variant: the solve's held arm released (under PAUSE)")
        .collect(
            firstOnly
                && c.set().firstResponseSolve() == SolveRule.PAUSE
                && releasesTheHeldArm(c.set(), c.history().events(), e));
    for (SlaMetric builtIn : Mirrors.twinned(c.set())) {
      List<MetricCycle> twin = new ArrayList<>();
      for (MetricCycle m : e.cycles(Mirrors.twin(builtIn))) {
        if (m.targeted()) {
          twin.add(Mirrors.as(builtIn, m));
        }
      }
      assertEquals(e.cycles(builtIn), twin, builtIn + " " + c.history().events());
    }
  }

  /**
   * Under {@code CANCEL_AND_REATTACH} at the change, no call's answer time (the built-in's or its
   * twin's, targeted or not) runs across a re-target: a cycle that rings at a change ends there and
   * the same call goes on in a new cycle from the change, so each call's cycles tile its ringing.
   */
  @Property(tries = 150)
  void noCallRingsAcrossAReattachInOneCycle(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 20) int size) {
    SlaClockProperties.History r =
        SlaClockProperties.history(seed, size).withRingingAcrossRetarget(new Random(seed));
    SlaClockProperties.History h =
        new SlaClockProperties.History(
            r.events(), r.last(), false, false, false, false, 5); // at the change
    SlaPolicySet set = Mirrors.withTwins(h.set());
    assertEquals(RetargetRule.CANCEL_AND_REATTACH, set.retargetRule());
    Instant now = h.last().plus(Duration.ofMinutes(5));
    SlaEvaluation e = Fixtures.eval(set, h.events(), now);
    List<Instant> changes =
        e.policyChanges().stream().skip(1).map(PolicyChange::at).toList(); // not the creation
    Statistics.label("re-targets").collect(changes.size());
    for (SlaMetric m : List.of(SlaMetric.answerTime(), Mirrors.twin(SlaMetric.answerTime()))) {
      for (MetricCycle c : e.cycles(m)) {
        Instant end = c.stop().orElse(now);
        for (Instant t : changes) {
          assertFalse(
              c.start().isBefore(t) && end.isAfter(t),
              () -> c + " rings across the change at " + t);
        }
      }
    }
  }

  @Property(tries = 100)
  void twinsAgreeOnLongHistoriesReadAfterEveryEvent(
      @ForAll long seed, @ForAll @IntRange(min = 20, max = 60) int size) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    if (seed % 2 == 0) {
      h = withCallBursts(h, new Random(seed));
    }
    SlaPolicySet set = Mirrors.withTwins(h.set());
    SlaClock clock = Fixtures.clock(set, "T");
    for (TicketEvent ev : h.events()) {
      clock.accept(ev);
    }
    SlaEvaluation e = clock.evaluate(h.last().plus(Duration.ofHours(30)));
    for (SlaMetric builtIn : Mirrors.twinned(set)) {
      List<MetricCycle> twin =
          e.cycles(Mirrors.twin(builtIn)).stream()
              .filter(MetricCycle::targeted)
              .map(m -> Mirrors.as(builtIn, m))
              .toList();
      assertEquals(e.cycles(builtIn), twin, builtIn.toString());
    }
  }
}
