package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The ready-made definitions of the built-in metrics ({@link MetricDefinition#firstResponse} and
 * the others, call answer time included: {@link MetricDefinition#answerTime}) give the built-in
 * metric's cycles, differentially, on random histories (agent- and customer-created tickets,
 * replies of every shape, messages on solved tickets, reopens, priority and attribute re-targets,
 * calls) under every re-target, reopen, breach and closing rule. The twin also reports untargeted
 * cycles, which the built-in leaves out; the targeted ones must be identical, cycle numbers
 * included.
 */
class BuiltInDefinitionDifferentialProperties {

  record Case(SlaClockProperties.History history, SlaPolicySet set, Instant now) {}

  @Provide
  Arbitrary<Case> cases() {
    return Combinators.combine(
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 30),
            Arbitraries.integers().between(0, 31),
            Arbitraries.integers().between(0, 96))
        .as(
            (seed, size, variant, later) -> {
              SlaClockProperties.History h = SlaClockProperties.history(seed, size);
              SlaPolicySet base = (variant & 4) != 0 ? Fixtures.tieredKeepReached() : h.set();
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
              if ((variant & 16) != 0) {
                json =
                    json.replace(
                        "\"resolutionReopen\": \"RESUME\"", "\"resolutionReopen\": \"RESTART\"");
              }
              SlaPolicySet set = Mirrors.withTwins(SlaPolicyJson.read(json));
              return new Case(h, set, h.last().plus(Duration.ofMinutes(15L * later)));
            });
  }

  @Property(tries = 400)
  void aReadyMadeDefinitionGivesTheBuiltInMetricsCycles(@ForAll("cases") Case c) {
    SlaEvaluation e = Fixtures.eval(c.set(), c.history().events(), c.now());
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

  @Property(tries = 100)
  void twinsAgreeOnLongHistoriesReadAfterEveryEvent(
      @ForAll long seed, @ForAll @IntRange(min = 20, max = 60) int size) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
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
