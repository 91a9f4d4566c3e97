package dev.servicekit.sla.internal.clock;

import dev.servicekit.sla.CycleSegment;
import dev.servicekit.sla.internal.clock.ClockEngine.Cycle;
import dev.servicekit.sla.internal.clock.ClockPlan.Slot;
import dev.servicekit.sla.internal.clock.ClockPlan.Targeting;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an engine in recording mode notes besides its state: every status change, change of the
 * holding tag and attribute pause conditions, re-target and cycle start, stop and resume, with the
 * id of the event that caused it, in application order. Only engines replayed for an audit trail
 * carry one, so the live clock pays nothing for it.
 */
final class Recorder {

  private static final int STATUS = 0;
  private static final int TARGET = 1;
  private static final int OPEN = 2;
  private static final int CLOSE = 3;
  private static final int RETRO = 4; // a retroactive start, followed by the cycle's OPEN mark
  private static final int HOLD = 5; // the tag and attribute pause conditions that hold (bits)

  /** One noted change. */
  private record Mark(
      Instant at,
      String eventId,
      int type,
      int status,
      Targeting targeting,
      Cycle cycle,
      long hold) {
    Mark(Instant at, String eventId, int type, int status, Targeting targeting, Cycle cycle) {
      this(at, eventId, type, status, targeting, cycle, 0);
    }
  }

  private final ArrayList<Mark> marks = new ArrayList<>();

  // KEEP_REACHED: each breach a cycle kept, with the target it breached under, from when it kept it
  private record KeptMark(Object cycle, Instant at, Duration target) {}

  private final ArrayList<KeptMark> kept = new ArrayList<>();
  private String eventId = "";
  // The event that last changed the targeting, and when (see targetedAt).
  private String targetEvent;
  private Instant targetAt;

  void event(String id) {
    eventId = id;
  }

  /** The event whose effects are being recorded. */
  String currentEvent() {
    return eventId;
  }

  void status(Instant at, int status) {
    marks.add(new Mark(at, eventId, STATUS, status, null, null));
  }

  void hold(Instant at, long bits) {
    marks.add(new Mark(at, eventId, HOLD, -1, null, null, bits));
  }

  void target(Instant at, Targeting t) {
    marks.add(new Mark(at, eventId, TARGET, -1, t, null));
    targetEvent = eventId;
    targetAt = at;
  }

  /** The event that last changed the targeting if it did so at {@code at}, else null. */
  String targetedAt(Instant at) {
    return at.equals(targetAt) ? targetEvent : null;
  }

  void open(Cycle c, Instant at) {
    marks.add(new Mark(at, eventId, OPEN, -1, null, c));
  }

  /** A cycle attached now that starts at {@code from}, earlier; its {@link #open} follows. */
  void retro(Cycle c, Instant from) {
    marks.add(new Mark(from, eventId, RETRO, -1, null, c));
  }

  /** KEEP_REACHED: from {@code at}, cycle {@code c} keeps a breach reached under {@code target}. */
  void kept(Cycle c, Instant at, Duration target) {
    kept.add(new KeptMark(c.id, at, target));
  }

  /** Cycle {@code c} stopped at {@code at}, judged by its frozen targeting. */
  void close(Cycle c, Instant at) {
    marks.add(new Mark(at, eventId, CLOSE, -1, c.frozen, c));
  }

  /** The number of marks so far (see {@link #remove}). */
  int size() {
    return marks.size();
  }

  /** Forgets marks {@code from} (inclusive) to {@code to} (exclusive): a step that is undone. */
  void remove(int from, int to) {
    marks.subList(from, to).clear();
  }

  /** A segment being built. */
  private static final class Seg {
    final CycleSegment.Kind kind;
    final Instant from;
    String openedBy;
    final Targeting targeting;
    // A retroactive segment's targeting at the attach, which the cycle is measured by (shown as its
    // policy and target); null for every other segment, which shows its own targeting.
    Targeting measuredBy;
    Instant to;
    String closedBy;

    Seg(CycleSegment.Kind kind, Instant from, String openedBy, Targeting targeting) {
      this.kind = kind;
      this.from = from;
      this.openedBy = openedBy;
      this.targeting = targeting;
    }
  }

  /**
   * The trail of one cycle at {@code now}: running and paused as the evaluation classifies them
   * (under {@code eval}, the slot the evaluation measures the cycle by, null if none), split where
   * the targeting in force changed. A stopped segment splits only if {@code rejudged}
   * (RECALCULATE_ALL judges the stopped cycle again), where a targeting that gives the metric a
   * target comes into force: its pieces show what the cycle was judged by, that targeting or, while
   * one without a target is in force, the one it stopped under.
   */
  List<CycleSegment> trail(Cycle c, Slot eval, Instant now, boolean perPeriod, boolean rejudged) {
    ArrayList<Seg> out = new ArrayList<>();
    Seg cur = null;
    boolean started = false;
    boolean open = false;
    int status = -1;
    long hold = 0;
    Targeting tg = null;
    Targeting stoppedUnder = null; // the targeting the cycle's last stop froze
    for (int mi = 0; mi < marks.size(); mi++) {
      Mark m = marks.get(mi);
      switch (m.type) {
        case STATUS -> status = m.status;
        case HOLD -> hold = m.hold;
        case TARGET -> tg = m.targeting;
        default -> {
          if (m.cycle.id != c.id) {
            continue;
          }
          if (m.type == RETRO) {
            cur = retro(c, m, mi, eval, out, perPeriod);
            open = true;
            started = true;
            continue; // its OPEN mark, at the attach, follows
          }
          open = m.type == OPEN;
          started = true;
        }
      }
      if (!open && m.type == CLOSE) {
        // The targeting in force at the stop, or under StopRule.BEFORE_UPDATE the one before it.
        stoppedUnder = m.targeting;
      }
      if (!started) {
        continue;
      }
      CycleSegment.Kind kind;
      if (!open) {
        kind = CycleSegment.Kind.STOPPED;
      } else if (eval != null && ((status >= 0 && eval.pause[status]) || eval.held(hold, status))) {
        kind = CycleSegment.Kind.PAUSED;
      } else {
        kind = CycleSegment.Kind.RUNNING;
      }
      boolean stopped = kind == CycleSegment.Kind.STOPPED;
      Targeting segTg = stopped && (!rejudged || !targets(tg, c)) ? stoppedUnder : tg;
      if (cur == null) {
        cur = new Seg(kind, m.at, m.eventId, segTg);
        continue;
      }
      if (kind == cur.kind
          && (segTg == cur.targeting || (stopped && !rejudged))
          && cur.measuredBy == null) { // a retroactive span ends at the attach
        continue;
      }
      if (cur.from.equals(m.at)) {
        // The current segment is empty: what it was is superseded by this later event at the same
        // instant, and if that restores the running or paused segment before it, that one goes on.
        // A resume and a stop at one instant stay visible: the cycle's stop is the later one.
        // A stopped segment is restored only after a re-judging that lasted no time.
        Seg prev = out.isEmpty() ? null : out.get(out.size() - 1);
        if (prev != null
            && prev.to.equals(m.at)
            && prev.kind == kind
            && (!stopped || (rejudged && cur.kind == CycleSegment.Kind.STOPPED))
            && prev.targeting == segTg
            && prev.measuredBy == null) { // a retroactive span ends at the attach
          out.remove(out.size() - 1);
          prev.to = null;
          prev.closedBy = null;
          cur = prev;
        } else {
          cur = new Seg(kind, m.at, m.eventId, segTg);
          if (prev != null && prev.to.equals(m.at)) {
            prev.closedBy = m.eventId; // the last event of the instant is what began the next one
          }
        }
        continue;
      }
      cur.to = m.at;
      cur.closedBy = m.eventId;
      out.add(cur);
      cur = new Seg(kind, m.at, m.eventId, segTg);
    }
    if (cur == null) {
      return List.of();
    }
    out.add(cur);
    return segments(c, eval, now, out, perPeriod);
  }

  /**
   * The segments of a retroactively started cycle from its start ({@code r.at}) up to its attach
   * (the instant of its OPEN mark, right after {@code r}): by the statuses in force then if its
   * pauses count ({@code c.noPauseUntil} null), else running, and split where the targeting in
   * force changed only under {@code perPeriod} (where each counts on its own calendar). Each shows
   * the policy and target in force at the attach, which the cycle is measured by, not the targeting
   * in force in its span. Closed ones are added to {@code out}; the last one, still open, is
   * returned. The first is opened by the re-target's event, the others by the event that changed
   * the status or targeting.
   */
  private Seg retro(Cycle c, Mark r, int before, Slot eval, ArrayList<Seg> out, boolean perPeriod) {
    boolean pauses = c.noPauseUntil == null && eval != null;
    Instant attach = marks.get(before + 1).at;
    // The targeting in force after the attach's instant: its re-target, noted just before the
    // cycle's marks, or a later one at the same instant (which re-targets the attached cycle).
    Targeting measuredBy = null;
    for (int j = before - 1; j >= 0 && measuredBy == null; j--) {
      if (marks.get(j).type == TARGET) {
        measuredBy = marks.get(j).targeting;
      }
    }
    for (int j = before + 1; j < marks.size(); j++) {
      Mark m = marks.get(j);
      if (m.type != RETRO && !m.at.equals(attach)) {
        break;
      }
      if (m.type == TARGET) {
        measuredBy = m.targeting;
      }
    }
    int status = -1;
    long hold = 0;
    Targeting tg = null;
    int i = 0;
    for (; i < before; i++) { // the state at r
      Mark m = marks.get(i);
      if (m.type == STATUS || m.type == TARGET || m.type == HOLD) {
        if (m.at.isAfter(r.at)) {
          break;
        }
        if (m.type == STATUS) {
          status = m.status;
        } else if (m.type == HOLD) {
          hold = m.hold;
        } else {
          tg = m.targeting;
        }
      }
    }
    Seg cur = new Seg(kind(pauses, eval, status, hold), r.at, r.eventId, tg);
    cur.measuredBy = measuredBy;
    for (; i < before; i++) {
      Mark m = marks.get(i);
      if (m.type != STATUS && m.type != TARGET && m.type != HOLD) {
        continue;
      }
      if (!m.at.isBefore(attach)) {
        break; // marks are in time order; the attach's own re-target shows at its OPEN mark
      }
      if (m.type == STATUS) {
        status = m.status;
      } else if (m.type == HOLD) {
        hold = m.hold;
      } else {
        tg = m.targeting;
      }
      CycleSegment.Kind kind = kind(pauses, eval, status, hold);
      if (kind == cur.kind && (tg == cur.targeting || !perPeriod)) {
        continue;
      }
      if (cur.from.equals(m.at)) {
        Seg prev = out.isEmpty() ? null : out.get(out.size() - 1);
        if (prev != null
            && prev.to.equals(m.at)
            && prev.kind == kind
            && (prev.targeting == tg || !perPeriod)) {
          out.remove(out.size() - 1);
          prev.to = null;
          prev.closedBy = null;
          cur = prev;
        } else {
          cur = new Seg(kind, m.at, m.eventId, tg);
          cur.measuredBy = measuredBy;
          if (prev != null && prev.to.equals(m.at)) {
            prev.closedBy = m.eventId;
          }
        }
        continue;
      }
      cur.to = m.at;
      cur.closedBy = m.eventId;
      out.add(cur);
      cur = new Seg(kind, m.at, m.eventId, tg);
      cur.measuredBy = measuredBy;
    }
    return cur;
  }

  /** Whether targeting {@code tg} gives cycle {@code c}'s metric a target (RECALCULATE_ALL). */
  private static boolean targets(Targeting tg, Cycle c) {
    Slot s = tg == null ? null : ClockEngine.slotOf(tg, c);
    return s != null && s.targeted();
  }

  private static CycleSegment.Kind kind(boolean pauses, Slot eval, int status, long hold) {
    return pauses && ((status >= 0 && eval.pause[status]) || eval.held(hold, status))
        ? CycleSegment.Kind.PAUSED
        : CycleSegment.Kind.RUNNING;
  }

  /**
   * The target a segment from {@code from} is measured by under {@code hist}, or empty: under
   * KEEP_REACHED the stricter of that and the target of the breach the cycle kept by then.
   */
  private Optional<Duration> targetOf(Slot hist, Cycle c, Instant from) {
    Duration t = hist == null ? null : hist.target(c.spanStart(0));
    Duration k = null;
    for (KeptMark m : kept) {
      if (m.cycle == c.id && !m.at.isAfter(from)) {
        k = m.target; // in application order: the last one at or before from
      }
    }
    return Optional.ofNullable(t != null && k != null && k.compareTo(t) < 0 ? k : t);
  }

  /**
   * The segments as {@link CycleSegment}s, counted on {@code eval}'s calendar, or under {@code
   * perPeriod} ({@link dev.servicekit.sla.ScheduleRule#PER_PERIOD}) on the calendar of the
   * targeting in force in each segment where the metric had a target then.
   */
  private List<CycleSegment> segments(
      Cycle c, Slot eval, Instant now, ArrayList<Seg> out, boolean perPeriod) {
    BusinessTime whole = eval == null ? BusinessTime.always() : eval.calendar;
    String wholeKey = eval == null ? dev.servicekit.sla.MetricRule.ALWAYS : eval.calendarKey;
    ArrayList<CycleSegment> trail = new ArrayList<>(out.size());
    for (Seg s : out) {
      Instant to = s.to == null ? now : s.to;
      Slot hist = s.targeting == null ? null : s.targeting.slot(c.metric);
      Targeting shown = s.measuredBy != null ? s.measuredBy : s.targeting;
      Slot shownSlot = shown == null ? null : shown.slot(c.metric);
      boolean own = perPeriod && eval != null && hist != null && hist.targeted();
      BusinessTime cal = own ? hist.calendar : whole;
      String key = own ? hist.calendarKey : wholeKey;
      Duration business =
          s.kind == CycleSegment.Kind.RUNNING && s.from.isBefore(to)
              ? cal.between(s.from, to)
              : Duration.ZERO;
      trail.add(
          new CycleSegment(
              s.kind,
              s.from,
              to,
              key,
              business,
              Duration.between(s.from, to),
              s.openedBy,
              Optional.ofNullable(s.closedBy),
              shown == null ? "" : shown.policy.name(),
              targetOf(shownSlot, c, s.from)));
    }
    return List.copyOf(trail);
  }
}
