package dev.servicekit.sla.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * {@link WorkQueue} against an oracle written from the README and the {@link QueuePolicy} javadoc,
 * not from the keys: at every instant {@code t} the queue's order equals a sort of the live,
 * unpaused items by the policy's definition evaluated at {@code t} (slack as {@code between(t,
 * deadline) - handleTime} on the team calendar), ties by creation time, then id. "Every key stays
 * valid as time passes" is checked at many later instants, across calendar closes, holidays and the
 * 2026 DST changes (US 8 March, EU 29 March, both back in autumn).
 */
class QueueOrderOracleProperties {

  static final BusinessCalendar NY =
      BusinessCalendar.builder(ZoneId.of("America/New_York"))
          .id("ny")
          .weekdays(TimeRange.parse("08:00-12:00"), TimeRange.parse("13:00-17:30"))
          .holiday(LocalDate.parse("2026-03-10"))
          .build();
  static final BusinessCalendar BERLIN_NIGHT =
      BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
          .id("berlin-night")
          .weekdays(TimeRange.parse("22:00-06:00"))
          .build();
  static final List<BusinessCalendar> CALENDARS =
      List.of(NY, BERLIN_NIGHT, RandomWorlds.MOSCOW_DAY, RandomWorlds.ALWAYS);
  static final List<Instant> STARTS =
      List.of(
          Instant.parse("2026-03-06T20:00:00Z"),
          Instant.parse("2026-03-27T18:00:00Z"),
          Instant.parse("2026-10-23T18:00:00Z"),
          Instant.parse("2026-10-30T12:00:00Z"));

  @Property(tries = 200)
  void orderEqualsTheDefinitionAtEveryInstant(@ForAll long seed) {
    Random r = new Random(seed);
    QueuePolicy policy;
    BusinessCalendar cal = null;
    Duration ka = Duration.ofMinutes(r.nextInt(4) * 30);
    Duration step = Duration.ofMinutes(r.nextInt(4) * 20);
    Duration gold = Duration.ofMinutes(r.nextInt(4) * 30);
    Duration other = Duration.ofMinutes(r.nextInt(3) * 15);
    int kind = r.nextInt(4);
    switch (kind) {
      case 0:
        policy = QueuePolicy.earliestDeadlineFirst();
        break;
      case 1:
        cal = CALENDARS.get(r.nextInt(CALENDARS.size()));
        policy = QueuePolicy.leastSlack(cal);
        break;
      case 2:
        policy = QueuePolicy.priorityThenAge();
        break;
      default:
        policy =
            QueuePolicy.weighted()
                .keyAccountBoost(ka)
                .priorityStep(step)
                .tierBoost("gold", gold)
                .otherTiersBoost(other)
                .build();
    }
    final BusinessCalendar calendar = cal;
    WorkQueue q = WorkQueue.create(policy);
    Map<String, WorkItem> live = new LinkedHashMap<>();
    Set<String> paused = new HashSet<>();
    Instant now = STARTS.get(r.nextInt(STARTS.size()));
    int next = 0;
    for (int s = 0; s < 60; s++) {
      List<String> ids = new ArrayList<>(live.keySet());
      int op = r.nextInt(12);
      if (op < 5 || ids.isEmpty()) {
        WorkItem w = item(r, "q" + next++, now);
        assertEquals(true, q.offer(w));
        live.put(w.id(), w);
      } else if (op < 7) {
        String id = ids.get(r.nextInt(ids.size()));
        WorkItem w = retarget(r, live.get(id), now);
        assertEquals(false, q.offer(w));
        live.put(id, w);
      } else if (op < 8) {
        String id = ids.get(r.nextInt(ids.size()));
        q.pause(id);
        paused.add(id);
      } else if (op < 9) {
        String id = ids.get(r.nextInt(ids.size()));
        q.resume(id);
        paused.remove(id);
      } else if (op < 10) {
        String id = ids.get(r.nextInt(ids.size()));
        assertEquals(Optional.of(live.remove(id)), q.remove(id));
        paused.remove(id);
      } else if (op < 11 && r.nextBoolean()) {
        // a ticket's SLA state: pause, or resume with the evaluation's deadline
        String id = ids.get(r.nextInt(ids.size()));
        dev.servicekit.sla.SlaEvaluation e = RouterModelProperties.evaluation(r, now);
        SlaUrgency u = RouterModelProperties.urgency(e);
        q.apply(id, e);
        live.put(id, live.get(id).withDeadline(u.deadline()));
        if (u.paused()) {
          paused.add(id);
        } else {
          paused.remove(id);
        }
      } else if (op < 11) {
        List<WorkItem> want =
            expected(live, paused, policy, calendar, kind, now, ka, step, gold, other);
        Optional<WorkItem> got = q.poll();
        assertEquals(want.isEmpty() ? Optional.empty() : Optional.of(want.get(0)), got);
        got.ifPresent(w -> live.remove(w.id()));
      } else {
        now = now.plus(Duration.ofMinutes(r.nextInt(r.nextInt(6) == 0 ? 5000 : 240)));
      }
      // the order at now and at several later instants (keys never go stale)
      Instant t = now;
      for (int k = 0; k < 4; k++) {
        List<WorkItem> want =
            expected(live, paused, policy, calendar, kind, t, ka, step, gold, other);
        assertEquals(ids(want), ids(q.items()), "order at " + t + " after step " + s);
        assertEquals(want.isEmpty() ? Optional.empty() : Optional.of(want.get(0)), q.peek());
        t = t.plus(Duration.ofMinutes(r.nextInt(3000)));
      }
      assertEquals(live.size() - paused.size(), q.size());
      assertEquals(paused.size(), q.pausedCount());
      for (String id : live.keySet()) {
        assertEquals(Optional.of(live.get(id)), q.get(id));
        assertEquals(paused.contains(id), q.isPaused(id));
      }
    }
  }

  static WorkItem item(Random r, String id, Instant now) {
    // coarse values so that ties (same key, same creation instant) are common
    WorkItem.Builder b =
        WorkItem.builder(id, "chat", now.minusSeconds(r.nextInt(3) * 900L)).priority(r.nextInt(3));
    if (r.nextInt(6) > 0) {
      b.deadline(now.plusSeconds(r.nextInt(60) * 1800L - 7200));
    }
    if (r.nextInt(3) == 0) {
      b.tier(List.of("gold", "silver").get(r.nextInt(2)));
    }
    b.keyAccount(r.nextInt(3) == 0);
    if (r.nextInt(3) == 0) {
      b.handleTime(Duration.ofMinutes(15 * (1 + r.nextInt(4))));
    }
    return b.build();
  }

  static WorkItem retarget(Random r, WorkItem w, Instant now) {
    WorkItem.Builder b = w.toBuilder().priority(r.nextInt(3)).keyAccount(r.nextBoolean());
    b.deadline(
        r.nextInt(5) == 0
            ? Optional.empty()
            : Optional.of(now.plusSeconds(r.nextInt(60) * 1800L - 7200)));
    return b.build();
  }

  /** The definition: a sort by the policy's measure at instant t, then created, then id. */
  static List<WorkItem> expected(
      Map<String, WorkItem> live,
      Set<String> paused,
      QueuePolicy policy,
      BusinessCalendar cal,
      int kind,
      Instant t,
      Duration ka,
      Duration step,
      Duration gold,
      Duration other) {
    List<WorkItem> out = new ArrayList<>();
    for (WorkItem w : live.values()) {
      if (!paused.contains(w.id())) {
        out.add(w);
      }
    }
    Comparator<WorkItem> primary;
    Comparator<WorkItem> undatedLast = Comparator.comparing((WorkItem w) -> w.deadline().isEmpty());
    switch (kind) {
      case 0:
        primary = undatedLast.thenComparing(w -> w.deadline().orElse(Instant.MIN));
        break;
      case 1:
        // slack at t: business time left until the deadline minus the handle time (a queue knows
        // no channel, so an item without its own counts none)
        primary =
            undatedLast.thenComparing(
                w ->
                    w.deadline().isEmpty()
                        ? Duration.ZERO
                        : cal.between(t, w.deadline().get())
                            .minus(w.handleTime().orElse(Duration.ZERO)));
        break;
      case 2:
        primary = Comparator.comparingInt(WorkItem::priority);
        break;
      default:
        primary =
            undatedLast
                .thenComparing(
                    (WorkItem w) ->
                        w.deadline().isEmpty()
                            ? Instant.MIN
                            : w.deadline()
                                .get()
                                .minus(w.keyAccount() ? ka : Duration.ZERO)
                                .minus(w.tier().equals("gold") ? gold : other)
                                .plus(step.multipliedBy(w.priority())))
                .thenComparing(w -> w.deadline().isEmpty() ? w.priority() : 0);
    }
    out.sort(primary.thenComparing(WorkItem::created).thenComparing(WorkItem::id));
    return out;
  }

  static List<String> ids(List<WorkItem> items) {
    List<String> out = new ArrayList<>();
    items.forEach(w -> out.add(w.id()));
    return out;
  }
}
