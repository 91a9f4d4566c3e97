package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.servicekit.sla.internal.clock.BusinessTime;
import dev.servicekit.sla.internal.clock.ClockPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * A set whose matrices read other attributes than {@code severity} and {@code tier} ({@link
 * PriorityMatrix.Builder#rows}, {@code "rows"} in the policy JSON) measures a ticket exactly as the
 * same set reading {@code severity} and {@code tier} measures the same ticket with its attributes
 * renamed: same policy, priority, cycles and anomalies (whose reasons name the configured
 * attributes instead), in lenient and in strict ({@code rejectUnknownKeys}) mode.
 */
class MatrixAxesDifferentialProperties {

  /**
   * Axis names, JSON-hostile ones included; none occurs among the other keys of the fixtures or of
   * {@link RandomPolicySets} (whose words include {@code q"uote} and {@code 日本}), so that a message
   * can be renamed back by replacing text.
   */
  private static final String[][] AXES = {
    {"impact", "urgency"},
    {"u_impact", "u_urgency"},
    {"ïmpact.ü z", "urgency 日本"},
    {"im\"pact", "ur\\gency"},
    {"Impact 1", "urgency.x"}
  };

  @Property(tries = 150)
  void customAxesEvaluateLikeSeverityAndTierRenamed(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 60) int size,
      @ForAll @IntRange(min = 0, max = 4) int axes,
      @ForAll @IntRange(min = 0, max = 3000) int afterMinutes,
      @ForAll boolean strict) {
    SlaClockProperties.History h = SlaClockProperties.history(seed, size);
    String rows = AXES[axes][0];
    String columns = AXES[axes][1];
    SlaPolicySet plain = strict ? strict(h.set()) : h.set();
    SlaPolicySet custom = MatrixAxesRenaming.renamed(plain, rows, columns);
    assertEquals(rows, custom.rowAttribute());
    assertEquals(columns, custom.columnAttribute());
    List<TicketEvent> events = MatrixAxesRenaming.renamed(h.events(), rows, columns);
    Instant now = h.last().plus(Duration.ofMinutes(afterMinutes));
    Object expected = outcome(plain, h.events(), now);
    Object actual = outcome(custom, events, now);
    assertEquals(
        expected,
        actual instanceof SlaEvaluation e
            ? MatrixAxesRenaming.back(e, rows, columns)
            : MatrixAxesRenaming.back((String) actual, rows, columns));
  }

  /**
   * The same over random policy sets ({@link RandomPolicySets}): the compiled plan selects the same
   * policy, derives the same matrix priority and reports the same fallbacks ({@link
   * ClockPlan#keyMiss}) for tickets whose attributes come from what the set mentions.
   */
  @Property(tries = 300)
  void randomSetsTargetAlikeUnderCustomAxes(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 4) int axes) {
    Random r = new Random(seed);
    SlaPolicySet plain = RandomPolicySets.of(r);
    String rows = AXES[axes][0];
    String columns = AXES[axes][1];
    SlaPolicySet custom = MatrixAxesRenaming.renamed(plain, rows, columns);
    ClockPlan a = plan(plain);
    ClockPlan b = plan(custom);
    List<String> keys = new ArrayList<>(List.of("severity", "tier", "channel", "noise"));
    List<String> values = new ArrayList<>(List.of("", "noise"));
    List<SlaPolicy> all = new ArrayList<>(plain.policies());
    all.add(plain.defaultPolicy());
    for (SlaPolicy p : all) {
      p.condition()
          .attributes()
          .forEach(
              (k, v) -> {
                keys.add(k);
                values.addAll(v);
              });
      values.addAll(p.matrix().rowValues());
      values.addAll(p.matrix().columnValues());
      values.addAll(p.channels());
    }
    for (int ticket = 0; ticket < 20; ticket++) {
      Map<String, String> attributes = new HashMap<>();
      for (int i = r.nextInt(keys.size() + 1); i > 0; i--) {
        attributes.put(keys.get(r.nextInt(keys.size())), values.get(r.nextInt(values.size())));
      }
      Set<String> tags = Set.of();
      String[] va = values(a, attributes, null, null);
      String[] vb = values(b, attributes, rows, columns);
      SlaPolicy pa = a.select(va, tags);
      SlaPolicy pb = b.select(vb, tags);
      assertEquals(pa.name(), pb.name(), () -> attributes.toString());
      String priority = a.matrixPriority(pa, va);
      assertEquals(priority, b.matrixPriority(pb, vb), () -> "priority for " + attributes);
      String explicit = r.nextInt(4) == 0 ? "noise" : null;
      String[] missA = a.keyMiss(pa, va, explicit == null ? priority : explicit, explicit);
      String[] missB = b.keyMiss(pb, vb, explicit == null ? priority : explicit, explicit);
      String expected = Arrays.toString(missA);
      assertEquals(
          expected,
          MatrixAxesRenaming.back(Arrays.toString(missB), rows, columns),
          () -> "fallbacks for " + attributes);
    }
  }

  private static ClockPlan plan(SlaPolicySet set) {
    Map<String, BusinessTime> calendars = new HashMap<>();
    for (String k : set.calendarKeys()) {
      calendars.put(k, BusinessTime.always());
    }
    return ClockPlan.of(set, Map.copyOf(calendars));
  }

  /** The plan's attribute array for {@code attributes}, renamed for the custom plan. */
  private static String[] values(
      ClockPlan plan, Map<String, String> attributes, String rows, String columns) {
    String[] out = new String[plan.attributeCount()];
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      String name = rows == null ? e.getKey() : MatrixAxesRenaming.name(e.getKey(), rows, columns);
      for (int i = 0; i < out.length; i++) {
        if (plan.attributeName(i).equals(name)) {
          out[i] = e.getValue();
        }
      }
    }
    return out;
  }

  /** The evaluation, or the message of the exception evaluating throws. */
  private static Object outcome(SlaPolicySet set, List<TicketEvent> events, Instant now) {
    try {
      SlaEvaluation e = Fixtures.eval(set, events, now);
      assertNotNull(e);
      return e;
    } catch (IllegalArgumentException e) {
      return "refused: " + e.getMessage();
    }
  }

  /** {@code set} with {@code rejectUnknownKeys} on, through its JSON form. */
  private static SlaPolicySet strict(SlaPolicySet set) {
    String json =
        SlaPolicyJson.write(set)
            .replace("\"rejectUnknownKeys\": false", "\"rejectUnknownKeys\": true");
    SlaPolicySet out = SlaPolicyJson.read(json);
    assertEquals(true, out.rejectUnknownKeys(), json);
    return out;
  }
}
