package dev.servicekit.sla.queue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Random agents, items and policies for the router and queue properties. */
final class RandomWorlds {
  private RandomWorlds() {}

  static final Instant T0 = Instant.parse("2026-03-02T06:00:00Z"); // a Monday
  static final List<String> CHANNELS = List.of("call", "chat", "email");
  static final Map<String, Duration> HANDLE = handle();

  private static Map<String, Duration> handle() {
    Map<String, Duration> m = new LinkedHashMap<>();
    m.put("call", Duration.ofMinutes(6));
    m.put("chat", Duration.ofMinutes(15));
    m.put("email", Duration.ofMinutes(40));
    return m;
  }

  static final BusinessCalendar ALWAYS = BusinessCalendar.always(ZoneOffset.UTC).withId("24/7");
  static final BusinessCalendar MOSCOW_DAY =
      BusinessCalendar.builder(ZoneId.of("Europe/Moscow"))
          .id("moscow-day")
          .weekdays(TimeRange.parse("09:00-13:00"), TimeRange.parse("14:00-18:00"))
          .build();
  static final BusinessCalendar NEW_YORK_DAY =
      BusinessCalendar.builder(ZoneId.of("America/New_York"))
          .id("ny-day")
          .weekdays(TimeRange.parse("08:00-16:30"))
          .build();
  static final BusinessCalendar NIGHT =
      BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
          .id("berlin-night")
          .weekdays(TimeRange.parse("22:00-06:00"))
          .hours(DayOfWeek.SATURDAY, TimeRange.parse("10:00-14:00"))
          .build();
  static final List<BusinessCalendar> SHIFTS = List.of(ALWAYS, MOSCOW_DAY, NEW_YORK_DAY, NIGHT);

  static WorkRouter.Builder routerBuilder(QueuePolicy policy) {
    WorkRouter.Builder b = WorkRouter.builder(policy);
    HANDLE.forEach(b::channel);
    return b;
  }

  static QueuePolicy policy(Random r) {
    switch (r.nextInt(4)) {
      case 0:
        return QueuePolicy.earliestDeadlineFirst();
      case 1:
        return QueuePolicy.leastSlack(SHIFTS.get(r.nextInt(SHIFTS.size())));
      case 2:
        return QueuePolicy.priorityThenAge();
      default:
        return QueuePolicy.weighted()
            .keyAccountBoost(Duration.ofMinutes(r.nextInt(300)))
            .priorityStep(Duration.ofMinutes(r.nextInt(120)))
            .tierBoost("gold", Duration.ofMinutes(r.nextInt(200)))
            .build();
    }
  }

  static Agent agent(Random r, int i) {
    Capacity.Builder cap = Capacity.builder();
    boolean budget = r.nextBoolean();
    int channels = 0;
    for (String c : CHANNELS) {
      if (r.nextInt(4) > 0 || (channels == 0 && c.equals("email"))) {
        int weight = c.equals("call") ? 6 : c.equals("chat") ? 2 : 1;
        cap.channel(c, 1 + r.nextInt(3), budget ? weight : 1);
        channels++;
      }
    }
    if (budget) {
      cap.budget(6 + r.nextInt(4));
    }
    Agent.Builder b = Agent.builder("a" + i, SHIFTS.get(r.nextInt(SHIFTS.size())), cap.build());
    if (r.nextBoolean()) {
      b.skills("billing");
    }
    if (r.nextBoolean()) {
      b.skills("tech");
    }
    b.languages(r.nextBoolean() ? "ru" : "en");
    if (r.nextInt(3) == 0) {
      b.languages("de");
    }
    if (r.nextInt(3) == 0) {
      b.tiers("gold");
    }
    return b.build();
  }

  static WorkItem item(Random r, int i, Instant now, List<String> agentIds) {
    WorkItem.Builder b =
        WorkItem.builder(
                "t" + i,
                CHANNELS.get(r.nextInt(CHANNELS.size())),
                now.minusSeconds(r.nextInt(4) * 600L))
            .priority(r.nextInt(4));
    if (r.nextInt(5) > 0) {
      b.deadline(now.plusSeconds(r.nextInt(48) * 900L - 3600));
    }
    if (r.nextInt(3) == 0) {
      b.skills(r.nextBoolean() ? "billing" : "tech");
    }
    int lang = r.nextInt(4);
    if (lang > 0) {
      b.language(List.of("ru", "en", "de").get(lang - 1));
    }
    if (r.nextInt(3) == 0) {
      b.tier(r.nextBoolean() ? "gold" : "silver");
    }
    if (r.nextInt(4) == 0) {
      b.keyAccount(true);
      if (!agentIds.isEmpty()) {
        // one to three of them, most preferred first
        List<String> pool = new ArrayList<>(agentIds);
        java.util.Collections.shuffle(pool, r);
        b.preferredAgents(
            pool.subList(0, Math.min(pool.size(), 1 + r.nextInt(3))).toArray(new String[0]));
      }
    }
    if (r.nextInt(4) == 0) {
      b.handleTime(Duration.ofMinutes(1 + r.nextInt(90)));
    }
    return b.build();
  }

  static List<String> ids(List<Agent> agents) {
    List<String> out = new ArrayList<>();
    for (Agent a : agents) {
      out.add(a.id());
    }
    return out;
  }
}
