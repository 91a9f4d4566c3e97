package dev.servicekit.sla.queue.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.queue.Agent;
import dev.servicekit.sla.queue.AgentOrder;
import dev.servicekit.sla.queue.Capacity;
import dev.servicekit.sla.queue.WorkItem;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Routing classes no item is of are dropped once they outnumber the slack and half of all classes.
 * Classes were never dropped: every handle time (with the shift-end guard) or skill set ever seen
 * kept a class, held by every eligible agent and walked at each of their shift events, so a
 * long-running router grew without bound.
 */
class RoutingClassLifetimeProperties {

  /** The empty classes the engine may keep ({@code RoutingEngine.EMPTY_CLASS_SLACK}). */
  private static final int SLACK = 64;

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final BusinessCalendar SHIFT =
      BusinessCalendar.builder(ZoneOffset.UTC)
          .id("shift")
          .weekdays(TimeRange.parse("09:00-17:00"))
          .build();

  private static RoutingEngine engine() {
    RoutingEngine e =
        new RoutingEngine(
            List.of("chat", "email"),
            List.of(Duration.ofMinutes(10), Duration.ofMinutes(30)),
            true,
            AgentOrder.HIGHEST_SPARE_CAPACITY,
            BusinessCalendar.SUPPORTED_START);
    e.advance(T0);
    e.addAgent(
        Agent.builder("a", SHIFT, Capacity.builder().channel("chat", 2).channel("email", 1).build())
            .skills("billing")
            .build());
    e.addAgent(Agent.builder("b", SHIFT, Capacity.builder().channel("chat", 1).build()).build());
    return e;
  }

  /** The engine's classes, read from its index (a test of an internal invariant). */
  private static int classes(RoutingEngine e) {
    try {
      var f = RoutingEngine.class.getDeclaredField("classes");
      f.setAccessible(true);
      return ((Map<?, ?>) f.get(e)).size();
    } catch (ReflectiveOperationException x) {
      throw new AssertionError(x);
    }
  }

  /** Oracle: the distinct (channel, skills, language, tier, handle time) of the live items. */
  private static int liveKeys(RoutingEngine e, Set<String> live) {
    Set<List<Object>> keys = new HashSet<>();
    for (String id : live) {
      WorkItem w = e.item(id);
      keys.add(List.of(w.channel(), w.skills(), w.language(), w.tier(), e.handleTime(w)));
    }
    return keys.size();
  }

  @Test
  void itemsSeenOnceLeaveNoClassBehind() {
    RoutingEngine e = engine();
    for (int i = 0; i < 500; i++) {
      WorkItem w =
          WorkItem.builder("i" + i, "chat", T0).handleTime(Duration.ofSeconds(60 + i)).build();
      e.submit(new Entry(w, 0, i));
      e.remove(w.id());
    }
    assertTrue(classes(e) <= SLACK, "classes: " + classes(e));
  }

  @Property(tries = 60)
  void theClassesAreThoseOfTheLiveItems(@ForAll long seed) {
    Random r = new Random(seed);
    RoutingEngine e = engine();
    Set<String> live = new HashSet<>();
    List<String> ids = new ArrayList<>();
    Instant now = T0;
    for (int step = 0; step < 600; step++) {
      int op = r.nextInt(8);
      if (op <= 2 || live.isEmpty()) {
        String id = "i" + step;
        WorkItem w = item(r, id);
        e.submit(new Entry(w, r.nextInt(5), step));
        live.add(id);
        ids.add(id);
      } else {
        String id = ids.get(r.nextInt(ids.size()));
        if (!live.contains(id)) {
          continue;
        }
        switch (op) {
          case 3, 4 -> {
            e.remove(id);
            live.remove(id);
          }
          case 5 -> {
            WorkItem w = item(r, id);
            if (e.assignee(id) == null || w.channel().equals(e.item(id).channel())) {
              e.replace(new Entry(w, r.nextInt(5), step));
            }
          }
          case 6 -> e.setPaused(id, !e.isPaused(id));
          default -> {
            now = now.plus(Duration.ofMinutes(r.nextInt(90)));
            e.advance(now);
            while (e.next() != null) {
              // assign what can be
            }
            if (r.nextInt(4) == 0) {
              e.setOnline("a", !e.isOnline("a"));
            }
          }
        }
      }
      int liveClasses = liveKeys(e, live);
      int empty = classes(e) - liveClasses;
      assertTrue(
          empty >= 0 && empty <= Math.max(SLACK, liveClasses),
          "after step " + step + ": " + classes(e) + " classes, " + liveClasses + " live");
    }
  }

  private static WorkItem item(Random r, String id) {
    WorkItem.Builder b =
        WorkItem.builder(id, r.nextBoolean() ? "chat" : "email", T0).priority(r.nextInt(3));
    if (r.nextBoolean()) {
      b.skills("billing");
    }
    if (r.nextInt(4) != 0) {
      b.handleTime(Duration.ofMinutes(1 + r.nextInt(120)));
    }
    return b.build();
  }
}
