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
 * What an engine in recording mode notes besides its state: every status change, re-target and
 * cycle start, stop and resume, with the id of the event that caused it, in application order. Only
 * engines replayed for an audit trail carry one, so the live clock pays nothing for it.
 */
final class Recorder {

  private static final int STATUS = 0;
  private static final int TARGET = 1;
  private static final int OPEN = 2;
  private static final int CLOSE = 3;

  /** One noted change. */
  private record Mark(
      Instant at, String eventId, int type, int status, Targeting targeting, Cycle cycle) {}

  private final ArrayList<Mark> marks = new ArrayList<>();
  private String eventId = "";

  void event(String id) {
    eventId = id;
  }

  void status(Instant at, int status) {
    marks.add(new Mark(at, eventId, STATUS, status, null, null));
  }

  void target(Instant at, Targeting t) {
    marks.add(new Mark(at, eventId, TARGET, -1, t, null));
  }

  void open(Cycle c, Instant at) {
    marks.add(new Mark(at, eventId, OPEN, -1, null, c));
  }

  void close(Cycle c, Instant at) {
    marks.add(new Mark(at, eventId, CLOSE, -1, null, c));
  }

  /** A segment being built. */
  private static final class Seg {
    final CycleSegment.Kind kind;
    final Instant from;
    String openedBy;
    final Targeting targeting;
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
   * the targeting in force changed.
   */
  List<CycleSegment> trail(Cycle c, Slot eval, Instant now) {
    ArrayList<Seg> out = new ArrayList<>();
    Seg cur = null;
    boolean started = false;
    boolean open = false;
    int status = -1;
    Targeting tg = null;
    for (Mark m : marks) {
      switch (m.type) {
        case STATUS -> status = m.status;
        case TARGET -> tg = m.targeting;
        default -> {
          if (m.cycle != c) {
            continue;
          }
          open = m.type == OPEN;
          started = true;
        }
      }
      if (!started) {
        continue;
      }
      CycleSegment.Kind kind;
      if (!open) {
        kind = CycleSegment.Kind.STOPPED;
      } else if (eval != null && status >= 0 && eval.pause[status]) {
        kind = CycleSegment.Kind.PAUSED;
      } else {
        kind = CycleSegment.Kind.RUNNING;
      }
      if (cur == null) {
        cur = new Seg(kind, m.at, m.eventId, tg);
        continue;
      }
      if (kind == cur.kind && (tg == cur.targeting || kind == CycleSegment.Kind.STOPPED)) {
        continue;
      }
      if (cur.from.equals(m.at)) {
        // The current segment is empty: what it was is superseded by this later event at the same
        // instant, and if that restores the running or paused segment before it, that one goes on.
        // A resume and a stop at one instant stay visible: the cycle's stop is the later one.
        Seg prev = out.isEmpty() ? null : out.get(out.size() - 1);
        if (prev != null
            && prev.to.equals(m.at)
            && prev.kind == kind
            && kind != CycleSegment.Kind.STOPPED
            && prev.targeting == tg) {
          out.remove(out.size() - 1);
          prev.to = null;
          prev.closedBy = null;
          cur = prev;
        } else {
          cur = new Seg(kind, m.at, m.eventId, tg);
          if (prev != null && prev.to.equals(m.at)) {
            prev.closedBy = m.eventId; // the last event of the instant is what began the next one
          }
        }
        continue;
      }
      cur.to = m.at;
      cur.closedBy = m.eventId;
      out.add(cur);
      cur = new Seg(kind, m.at, m.eventId, tg);
    }
    if (cur == null) {
      return List.of();
    }
    out.add(cur);
    BusinessTime cal = eval == null ? BusinessTime.always() : eval.calendar;
    String key = eval == null ? dev.servicekit.sla.MetricRule.ALWAYS : eval.calendarKey;
    ArrayList<CycleSegment> trail = new ArrayList<>(out.size());
    for (Seg s : out) {
      Instant to = s.to == null ? now : s.to;
      Duration business =
          s.kind == CycleSegment.Kind.RUNNING && s.from.isBefore(to)
              ? cal.between(s.from, to)
              : Duration.ZERO;
      Slot hist = s.targeting == null ? null : s.targeting.slot(c.metric);
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
              s.targeting == null ? "" : s.targeting.policy.name(),
              hist == null ? Optional.empty() : Optional.ofNullable(hist.target(c.spanStart(0)))));
    }
    return List.copyOf(trail);
  }
}
