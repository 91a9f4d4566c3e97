package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.servicekit.sla.internal.clock.BusinessTime;
import dev.servicekit.sla.internal.clock.ClockPlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The clock's compiled policy selection (attribute values in an array, conditions as arrays) picks
 * the same policy, matrix priority and channel as {@link SlaPolicySet#select} and {@link
 * PriorityMatrix#priorityFor} on the attribute map, for random policy sets and tickets whose
 * attributes and tags are drawn mostly from what the conditions accept.
 */
class PolicySelectionProperties {

  @Property(tries = 300)
  void compiledSelectionEqualsTheSetsSelection(@ForAll long seed) {
    Random r = new Random(seed);
    SlaPolicySet set = RandomPolicySets.of(r);
    Map<String, BusinessTime> calendars = new HashMap<>();
    for (String k : set.calendarKeys()) {
      calendars.put(k, BusinessTime.always());
    }
    ClockPlan plan = ClockPlan.of(set, Map.copyOf(calendars));
    // Vocabulary: everything conditions and matrices mention, plus words nobody mentions.
    List<String> keys = new ArrayList<>(List.of("severity", "tier", "channel", "noise"));
    List<String> values = new ArrayList<>(List.of("", "noise"));
    Set<String> tagWords = new HashSet<>(Set.of("noise"));
    for (SlaPolicy p : set.policies()) {
      p.condition()
          .attributes()
          .forEach(
              (k, v) -> {
                keys.add(k);
                values.addAll(v);
              });
      tagWords.addAll(p.condition().tags());
      values.addAll(p.matrix().rowValues());
      values.addAll(p.matrix().columnValues());
    }
    List<String> tagList = new ArrayList<>(tagWords);
    for (int ticket = 0; ticket < 30; ticket++) {
      Map<String, String> attributes = new HashMap<>();
      int n = r.nextInt(keys.size() + 1);
      for (int i = 0; i < n; i++) {
        attributes.put(keys.get(r.nextInt(keys.size())), values.get(r.nextInt(values.size())));
      }
      Set<String> tags = new HashSet<>();
      for (int i = r.nextInt(4); i > 0; i--) {
        tags.add(tagList.get(r.nextInt(tagList.size())));
      }
      String[] array = new String[plan.attributeCount()];
      for (int i = 0; i < array.length; i++) {
        array[i] = attributes.get(plan.attributeName(i));
      }
      SlaPolicy expected = set.select(attributes, tags);
      SlaPolicy actual = plan.select(array, tags);
      assertSame(expected, actual, () -> attributes + " " + tags);
      assertEquals(
          expected
              .matrix()
              .priorityFor(
                  attributes.getOrDefault("severity", ""), attributes.getOrDefault("tier", ""))
              .orElse(null),
          plan.matrixPriority(actual, array),
          () -> "priority for " + attributes);
      assertEquals(attributes.getOrDefault("channel", SlaPolicy.ANY_CHANNEL), plan.channel(array));
      for (String k : attributes.keySet()) {
        boolean read =
            k.equals("severity")
                || k.equals("tier")
                || k.equals("channel")
                || set.policies().stream().anyMatch(p -> p.condition().attributes().containsKey(k));
        assertEquals(read, plan.attributeIdOf(k) >= 0, () -> "is " + k + " tracked");
      }
    }
  }
}
