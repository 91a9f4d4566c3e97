package dev.servicekit.examples.showcase;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TicketEvent;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A seeded generator of a support organisation's history: tickets as CRM events, phone calls with
 * abandons, survey answers with revisions and QA evaluations of calls. The same seed and days give
 * the same data. It knows nothing of the SLA policy: it only has habits (agents reply later on busy
 * days, night shifts are slower, some agents skip some checklist items), and the library then
 * measures what happened.
 */
final class Generator {

  static final String[] CHANNELS = {"phone", "chat", "email", "messenger"};
  static final String[] CRITERIA = {
    "greeting", "name-use", "hold-return", "objections", "goodbye", "no-filler"
  };
  static final String[] REVIEWERS = {"rev-lenient", "rev-neutral", "rev-strict"};
  static final String LEAD = "qa-lead";

  /** Interval length of the phone roster and the staffing plan. */
  static final Duration SLOT = Duration.ofMinutes(30);

  /** A team: its calendar, volume and agents. */
  record Team(
      String id, BusinessCalendar calendar, double ticketsPerDay, double callsPerDay, int agents) {
    String agent(int i) {
      return id.substring(0, 3) + "-" + (char) ('a' + i);
    }
  }

  /** One ticket's events in the order the CRM sent them, and what the generator decided. */
  record TicketHistory(
      String id,
      String team,
      String channel,
      String tier,
      String agent,
      List<TicketEvent> events) {}

  /** A call offered to a team's phone line. */
  record Call(String team, Instant offered, long waitMillis, boolean answered, long handleMillis) {}

  /** A survey answer (CSAT 1..5, NPS 0..10) and possibly a later revision of it. */
  record Survey(
      String id,
      String team,
      Instant at,
      int csat,
      int nps,
      Instant revisedAt,
      int revisedCsat,
      int revisedNps) {
    boolean revised() {
      return revisedAt != null;
    }
  }

  /** A reviewed call: the answers each reviewer gave (reviewer id to criterion id to option). */
  record ReviewedCall(
      String interactionId,
      String team,
      String agent,
      Instant at,
      Map<String, Map<String, String>> answersByReviewer) {}

  /** Everything generated. */
  record Dataset(
      Instant start,
      Instant end,
      List<Team> teams,
      List<TicketHistory> tickets,
      List<Call> calls,
      List<Survey> surveys,
      List<ReviewedCall> reviews,
      List<ReviewedCall> calibration,
      int[] roster) {}

  private final SplittableRandom random;
  private final LocalDate firstDay;
  private final int days;
  private final List<Team> teams;
  private final Map<String, double[]> weakness = new java.util.HashMap<>();
  private final Map<String, Double> skill = new java.util.HashMap<>();
  private final List<Survey> surveys = new ArrayList<>();
  private final List<ReviewedCall> reviews = new ArrayList<>();

  Generator(long seed, LocalDate firstDay, int days, List<Team> teams) {
    this.random = new SplittableRandom(seed);
    this.firstDay = firstDay;
    this.days = days;
    this.teams = List.copyOf(teams);
  }

  /**
   * The phone roster of the main (first) team: agents scheduled per 30-minute slot of a working
   * day, what its planner put on the phones, with staggered lunches.
   */
  static int[] roster() {
    int[] r = new int[48];
    int[] day = {5, 6, 7, 7, 7, 7, 7, 6, 0, 0, 7, 7, 7, 7, 6, 6, 5, 4};
    System.arraycopy(day, 0, r, 18, day.length); // 09:00 .. 18:00
    return r;
  }

  Dataset generate(Progress progress) {
    ZonedDateTime startZ = firstDay.atStartOfDay(teams.get(0).calendar().zone());
    Instant start = startZ.toInstant();
    Instant end = startZ.plusDays(days).toInstant();
    for (Team t : teams) {
      for (int a = 0; a < t.agents(); a++) {
        double[] w = new double[CRITERIA.length];
        for (int c = 0; c < w.length; c++) {
          w[c] = random.nextDouble() < 0.12 ? 0.35 + 0.2 * random.nextDouble() : 0;
        }
        weakness.put(t.agent(a), w);
        skill.put(t.agent(a), 0.86 + 0.07 * random.nextGaussian());
      }
    }
    List<TicketHistory> tickets = new ArrayList<>();
    List<Call> calls = new ArrayList<>();
    int[] roster = roster();
    for (int d = 0; d < days; d++) {
      LocalDate day = firstDay.plusDays(d);
      for (Team team : teams) {
        int n = poisson(team.ticketsPerDay() * weekdayFactor(day));
        for (int i = 0; i < n; i++) {
          tickets.add(ticket(team, day, end, tickets.size()));
        }
        if (team.callsPerDay() > 0) {
          calls.addAll(phoneLine(team, day, roster));
        }
      }
      progress.step("generating", d + 1, days);
    }
    List<ReviewedCall> calibration = new ArrayList<>();
    int sessionSize = Math.min(24, reviews.size()); // distinct calls, spread over the period
    for (int i = 0; i < sessionSize; i++) {
      ReviewedCall r = reviews.get(reviews.size() * i / sessionSize);
      calibration.add(review(r.interactionId(), r.team(), r.agent(), r.at(), true));
    }
    return new Dataset(
        start,
        end,
        teams,
        tickets,
        calls,
        List.copyOf(surveys),
        List.copyOf(reviews),
        calibration,
        roster);
  }

  private static double weekdayFactor(LocalDate day) {
    switch (day.getDayOfWeek()) {
      case MONDAY:
        return 1.3;
      case SATURDAY:
      case SUNDAY:
        return 0.35;
      default:
        return 1.0;
    }
  }

  private TicketHistory ticket(Team team, LocalDate day, Instant end, int seq) {
    String id = "T-" + (10001 + seq);
    BusinessCalendar cal = team.calendar();
    ZoneId zone = teams.get(0).calendar().zone();
    String channel = pick(CHANNELS, 0.30, 0.30, 0.28, 0.12);
    String tier = pick(new String[] {"key", "business", "standard"}, 0.10, 0.35, 0.55);
    String severity = pick(new String[] {"critical", "major", "minor"}, 0.05, 0.25, 0.70);
    String agent = team.agent(random.nextInt(team.agents()));
    // days are counted in the main team's zone, so that every team's tickets fall inside the period
    Instant t = day.atStartOfDay(zone).toInstant().plusSeconds(random.nextInt(86_400));
    if (!channel.equals("email") || random.nextDouble() < 0.6) {
      // phone and chat only reach the team while it is open; most e-mail arrives then too
      t = cal.nextOpen(t).orElse(t).plusSeconds(random.nextInt(2400));
    }
    if (!t.isBefore(end)) {
      t = end.minusSeconds(1 + random.nextInt(3600));
    }
    double pace = team.id().contains("night") ? 1.3 : team.id().equals("berlin") ? 0.8 : 1.0;
    if (day.getDayOfWeek() == DayOfWeek.MONDAY) {
      pace *= 1.2;
    }
    Events ev = new Events(id, end);
    Map<String, String> attrs =
        Map.of("channel", channel, "tier", tier, "severity", severity, "customer", customer(tier));
    ev.add(new TicketEvent.Created(id, ev.id(), t, attrs, Set.of()));
    ev.add(new TicketEvent.Assigned(id, ev.id(), t, agent));
    String priority = priority(tier, severity);
    Instant now = t;
    boolean solvedOnCall = false;
    if (channel.equals("phone")) {
      String call = id + "-c1";
      ev.add(new TicketEvent.CallOffered(id, ev.id(), now, call));
      long wait = (long) (-Math.log(1 - random.nextDouble()) * 7_000 * pace);
      long patience = (long) (-Math.log(1 - random.nextDouble()) * 150_000);
      if (patience < wait) {
        ev.add(new TicketEvent.CallAbandoned(id, ev.id(), now.plusMillis(patience), call));
        now = now.plusMillis(patience).plus(Duration.ofMinutes(5 + random.nextInt(60)));
        String again = id + "-c2";
        ev.add(new TicketEvent.CallOffered(id, ev.id(), now, again));
        wait = (long) (-Math.log(1 - random.nextDouble()) * 6_000 * pace);
        ev.add(new TicketEvent.CallAnswered(id, ev.id(), now.plusMillis(wait), again));
      } else {
        ev.add(new TicketEvent.CallAnswered(id, ev.id(), now.plusMillis(wait), call));
      }
      now = now.plusMillis(wait).plusSeconds(120 + random.nextInt(480));
      ev.add(TicketEvent.AgentReply.publicReply(id, ev.id(), now));
      solvedOnCall = random.nextDouble() < 0.7;
      if (solvedOnCall) {
        ev.add(new TicketEvent.StatusChanged(id, ev.id(), now, "solved"));
      } else {
        ev.add(new TicketEvent.StatusChanged(id, ev.id(), now, "open"));
      }
    } else {
      double fr = firstResponseMinutes(channel, priority);
      now = cal.plus(now, minutes(lognormal(0.3 * fr * pace, 0.6)));
      ev.add(new TicketEvent.StatusChanged(id, ev.id(), now, "open"));
      ev.add(TicketEvent.AgentReply.publicReply(id, ev.id(), now));
    }
    double firstReplySeconds =
        channel.equals("phone") ? 0.5 : ev.lastAt().getEpochSecond() - t.getEpochSecond();
    if (!solvedOnCall) {
      if (random.nextDouble() < 0.07) { // re-prioritised, often with a manual escalation
        now = now.plus(minutes(10 + random.nextInt(120)));
        String raised = severity.equals("minor") ? "major" : "critical";
        ev.add(new TicketEvent.AttributeChanged(id, ev.id(), now, "severity", raised));
        priority = priority(tier, raised);
        if (random.nextBoolean()) {
          ev.add(new TicketEvent.Escalated(id, ev.id(), now, 1));
        }
      }
      int exchanges = random.nextInt(3);
      String replyChannel = channel.equals("phone") ? "email" : channel;
      for (int i = 0; i < exchanges; i++) {
        if (random.nextDouble() < 0.35) { // waiting for the customer: the resolution clock pauses
          ev.add(new TicketEvent.StatusChanged(id, ev.id(), now.plusSeconds(30), "pending"));
          now = now.plus(minutes(lognormal(600, 1.0)));
          ev.add(new TicketEvent.CustomerMessage(id, ev.id(), now));
          ev.add(new TicketEvent.StatusChanged(id, ev.id(), now, "open"));
        } else {
          now = now.plus(minutes(lognormal(40, 1.0)));
          ev.add(new TicketEvent.CustomerMessage(id, ev.id(), now));
        }
        if (random.nextDouble() < 0.15) {
          ev.add(TicketEvent.AgentReply.internalNote(id, ev.id(), now)); // internal note
        }
        double nr = firstResponseMinutes(replyChannel, priority) * 2;
        now = cal.plus(now, minutes(lognormal(0.25 * nr * pace, 0.6)));
        ev.add(TicketEvent.AgentReply.publicReply(id, ev.id(), now));
      }
      double res = resolutionMinutes(priority);
      Instant solved = cal.plus(t, minutes(lognormal(0.3 * res * pace, 0.6)));
      now = solved.isAfter(now) ? solved : now.plus(minutes(5 + random.nextInt(60)));
      ev.add(new TicketEvent.StatusChanged(id, ev.id(), now, "solved"));
    }
    if (random.nextDouble() < 0.06) { // reopened by the customer, solved again
      now = now.plus(Duration.ofHours(4 + random.nextInt(72)));
      ev.add(new TicketEvent.CustomerMessage(id, ev.id(), now));
      ev.add(new TicketEvent.StatusChanged(id, ev.id(), now, "open"));
      now = cal.plus(now, minutes(lognormal(90 * pace, 0.8)));
      ev.add(TicketEvent.AgentReply.publicReply(id, ev.id(), now));
      ev.add(new TicketEvent.StatusChanged(id, ev.id(), now.plusSeconds(30), "solved"));
    }
    if (ev.solvedAt != null && random.nextDouble() < 0.3) {
      survey(id, team.id(), ev.solvedAt, end, firstReplySeconds, channel);
    }
    if (channel.equals("phone") && random.nextDouble() < 0.12 && t.isBefore(end)) {
      String reviewer = REVIEWERS[random.nextInt(REVIEWERS.length)];
      Instant at = t.plus(Duration.ofHours(2 + random.nextInt(70)));
      ReviewedCall r = review(id + "-c1", team.id(), agent, at, false);
      reviews.add(
          new ReviewedCall(
              r.interactionId(),
              r.team(),
              agent,
              at,
              Map.of(reviewer, r.answersByReviewer().get(reviewer))));
    }
    return new TicketHistory(id, team.id(), channel, tier, agent, ev.events);
  }

  private void survey(
      String ticket, String team, Instant at, Instant end, double firstReply, String channel) {
    // slower first replies, worse ratings; phone and chat customers are a little happier
    double mood = 0.75 * random.nextGaussian() + (channel.equals("email") ? 3.9 : 4.2);
    if (firstReply > 4 * 3600) {
      mood -= 0.8;
    }
    int csat = clamp((int) Math.round(mood), 1, 5);
    int nps = clamp((int) Math.round(mood * 2.1 + random.nextGaussian()), 0, 10);
    Instant answered = at.plus(Duration.ofMinutes(10 + random.nextInt(2000)));
    if (!answered.isBefore(end)) {
      return; // not answered yet when the period ends
    }
    Instant revisedAt = answered.plus(Duration.ofHours(6 + random.nextInt(60)));
    if (random.nextDouble() < 0.08 && revisedAt.isBefore(end)) { // changed after a follow-up
      int delta = random.nextDouble() < 0.7 ? 1 + random.nextInt(2) : -1;
      surveys.add(
          new Survey(
              "S-" + ticket,
              team,
              answered,
              csat,
              nps,
              revisedAt,
              clamp(csat + delta, 1, 5),
              clamp(nps + 2 * delta, 0, 10)));
    } else {
      surveys.add(new Survey("S-" + ticket, team, answered, csat, nps, null, 0, 0));
    }
  }

  /** One call's answers by one reviewer, or by every reviewer and the lead (calibration). */
  private ReviewedCall review(
      String interaction, String team, String agent, Instant at, boolean everyone) {
    double[] quality = new double[CRITERIA.length];
    double base = skill.get(agent);
    double[] w = weakness.get(agent);
    double[] systemic = {0, 0, 0.05, 0, 0, 0.22}; // everyone says "well" and "basically"
    for (int c = 0; c < quality.length; c++) {
      quality[c] = base - w[c] - systemic[c] + 0.15 * random.nextGaussian();
    }
    boolean hold = random.nextDouble() < 0.4;
    boolean objection = random.nextDouble() < 0.5;
    Map<String, Map<String, String>> byReviewer = new java.util.TreeMap<>();
    List<String> who = new ArrayList<>(List.of(REVIEWERS));
    if (everyone) {
      who.add(LEAD);
    }
    for (String reviewer : who) {
      double strictness =
          reviewer.equals("rev-lenient") ? -0.06 : reviewer.equals("rev-strict") ? 0.08 : 0;
      Map<String, String> answers = new java.util.LinkedHashMap<>();
      for (int c = 0; c < CRITERIA.length; c++) {
        String criterion = CRITERIA[c];
        double q = quality[c] - strictness + 0.04 * random.nextGaussian();
        if (criterion.equals("hold-return") && !hold
            || criterion.equals("objections") && !objection) {
          answers.put(criterion, "n/a");
        } else if (criterion.equals("objections")) {
          answers.put(criterion, Integer.toString(clamp(1 + (int) Math.round(q * 5), 1, 5)));
        } else {
          answers.put(criterion, q > 0.5 ? "yes" : "no");
        }
      }
      byReviewer.put(reviewer, answers);
    }
    return new ReviewedCall(interaction, team, agent, at, byReviewer);
  }

  /**
   * A day of the team's phone line as a queue simulation: Poisson arrivals with a morning peak,
   * first-come first-served to the agents the roster puts on the phones, callers who hang up when
   * their patience runs out.
   */
  private List<Call> phoneLine(Team team, LocalDate day, int[] roster) {
    List<Call> out = new ArrayList<>();
    BusinessCalendar cal = team.calendar();
    double volume = team.callsPerDay() * weekdayFactor(day);
    int maxAgents = 0;
    for (int r : roster) {
      maxAgents = Math.max(maxAgents, r);
    }
    long[] busyUntil = new long[maxAgents];
    for (int slot = 0; slot < 48; slot++) {
      Instant from =
          day.atTime(LocalTime.MIN.plus(SLOT.multipliedBy(slot))).atZone(cal.zone()).toInstant();
      if (!cal.isOpen(from) || roster[slot] == 0) {
        continue;
      }
      double shape = 1 + 0.6 * Math.sin(Math.PI * (slot - 18) / 9.0); // peak around 11:00-13:00
      double expected = volume / 14.0 * shape;
      int n = poisson(expected);
      long slotStart = from.toEpochMilli();
      long[] arrivals = new long[n];
      for (int i = 0; i < n; i++) {
        arrivals[i] = slotStart + (long) (random.nextDouble() * SLOT.toMillis());
      }
      java.util.Arrays.sort(arrivals);
      int agents = roster[slot];
      for (long arrival : arrivals) {
        int best = 0;
        for (int a = 1; a < agents; a++) {
          if (busyUntil[a] < busyUntil[best]) {
            best = a;
          }
        }
        long wait = Math.max(0, busyUntil[best] - arrival);
        long patience = (long) (-Math.log(1 - random.nextDouble()) * 120_000);
        long handle = (long) lognormal(230_000, 0.5);
        if (patience < wait) {
          out.add(new Call(team.id(), Instant.ofEpochMilli(arrival), patience, false, 0));
        } else {
          busyUntil[best] = arrival + wait + handle;
          out.add(new Call(team.id(), Instant.ofEpochMilli(arrival), wait, true, handle));
        }
      }
    }
    return out;
  }

  /** How a CRM maps severity and tier to a priority (the policy file decides for the clock). */
  static String priority(String tier, String severity) {
    if (tier.equals("key")) {
      return severity.equals("minor") ? "high" : "urgent";
    }
    boolean business = tier.equals("business");
    switch (severity) {
      case "critical":
        return business ? "urgent" : "high";
      case "major":
        return business ? "high" : "normal";
      default:
        return business ? "normal" : "low";
    }
  }

  private static double firstResponseMinutes(String channel, String priority) {
    int p = List.of("urgent", "high", "normal", "low").indexOf(priority);
    switch (channel) {
      case "chat":
        return new double[] {1, 2, 3, 5}[p];
      case "messenger":
        return new double[] {10, 15, 30, 60}[p];
      default:
        return new double[] {60, 120, 240, 480}[p];
    }
  }

  private static double resolutionMinutes(String priority) {
    int p = List.of("urgent", "high", "normal", "low").indexOf(priority);
    return new double[] {150, 480, 1440, 2400}[p];
  }

  private String customer(String tier) {
    return tier.equals("key") ? "key-" + (1 + random.nextInt(12)) : "c-" + random.nextInt(5000);
  }

  private String pick(String[] values, double... weights) {
    double r = random.nextDouble();
    for (int i = 0; i < values.length - 1; i++) {
      r -= weights[i];
      if (r < 0) {
        return values[i];
      }
    }
    return values[values.length - 1];
  }

  private int poisson(double mean) {
    if (mean > 50) {
      return Math.max(0, (int) Math.round(mean + Math.sqrt(mean) * random.nextGaussian()));
    }
    double l = Math.exp(-mean);
    double p = 1;
    int k = 0;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }

  private double lognormal(double median, double sigma) {
    return median * Math.exp(sigma * random.nextGaussian());
  }

  private static Duration minutes(double m) {
    return Duration.ofSeconds(Math.max(1, (long) (m * 60)));
  }

  private static int clamp(int v, int lo, int hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  /** Collects a ticket's events: ids in order, times never going back, none after the period. */
  private static final class Events {
    final String ticket;
    final Instant end;
    final List<TicketEvent> events = new ArrayList<>();
    int next = 1;
    Instant solvedAt;

    Events(String ticket, Instant end) {
      this.ticket = ticket;
      this.end = end;
    }

    String id() {
      return ticket + "-e" + next++;
    }

    Instant lastAt() {
      return events.get(events.size() - 1).at();
    }

    void add(TicketEvent e) {
      if (!e.at().isBefore(end)) {
        return; // after the reporting period: not happened yet
      }
      if (!events.isEmpty() && e.at().isBefore(lastAt())) {
        throw new IllegalStateException("events go back in time: " + e);
      }
      if (e instanceof TicketEvent.StatusChanged
          && ((TicketEvent.StatusChanged) e).status().equals("solved")) {
        solvedAt = e.at();
      }
      events.add(e);
    }
  }

  /** Reports progress of long steps. */
  interface Progress {
    void step(String what, int done, int total);
  }
}
