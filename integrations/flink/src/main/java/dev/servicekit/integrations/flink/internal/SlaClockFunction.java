package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.FlinkSlaClocks;
import dev.servicekit.integrations.flink.TimeMode;
import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.SlaClock;
import dev.servicekit.sla.SlaClockSnapshot;
import dev.servicekit.sla.SlaEvaluation;
import dev.servicekit.sla.SlaPolicyJson;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The SLA clock of each ticket, keyed by ticket id. Keyed state: the clock as its {@link
 * SlaClockSnapshot} bytes, the last reported state of each cycle, the pending events (event time:
 * accepted once the watermark reaches them) and the registered transition timer.
 *
 * <p>Event time: an event at {@code t} waits in state until the watermark passes {@code ceil(t)}
 * (in milliseconds); then all events due are accepted and the clock is evaluated at that timer's
 * instant. The transition timer is an event-time timer at {@code ceil(nextTransition)}. An event
 * already behind the watermark (late) is accepted at once and evaluated at the later of the
 * watermark and the ticket's latest event. Processing time: events are accepted at once and
 * evaluated at the later of the wall clock and the ticket's latest event; the transition timer is a
 * processing-time timer.
 */
public final class SlaClockFunction
    extends KeyedProcessFunction<String, TicketEvent, SlaTransition> {

  private static final long serialVersionUID = 1L;

  private final String policyJson;
  private final HashMap<String, CalendarForm> calendarForms;
  private final TimeMode mode;

  private transient SlaPolicySet set;
  private transient Map<String, BusinessCalendar> calendars;
  private transient ValueState<byte[]> clockState;
  private transient ValueState<byte[]> reportedState;
  private transient ValueState<Long> dueState;
  private transient ListState<TicketEvent> pendingState;
  private transient Counter rejected;
  private transient List<SlaTransition> out;

  /**
   * Creates the function.
   *
   * @param set the policy set
   * @param calendars calendar key to calendar, as for {@link SlaClock#of}
   * @param mode what time drives the timers
   */
  public SlaClockFunction(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, TimeMode mode) {
    this.policyJson = SlaPolicyJson.write(Objects.requireNonNull(set, "set"));
    // Any calendar, unions and intersections included, ships as its rule-based parts' JSON.
    this.calendarForms = CalendarForm.of(Objects.requireNonNull(calendars, "calendars"));
    this.mode = Objects.requireNonNull(mode, "mode");
    SlaClock.of(set, calendars, "validate"); // fail at job construction, not at the first event
  }

  @Override
  public void open(OpenContext context) {
    set = SlaPolicyJson.read(policyJson);
    calendars = CalendarForm.calendars(calendarForms);
    clockState =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "sla-clock", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    reportedState =
        getRuntimeContext()
            .getState(
                new ValueStateDescriptor<>(
                    "sla-reported", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    dueState = getRuntimeContext().getState(new ValueStateDescriptor<>("sla-due", Types.LONG));
    pendingState =
        getRuntimeContext()
            .getListState(
                new ListStateDescriptor<>(
                    "sla-pending",
                    new SimpleTypeInfo<>(TicketEvent.class, TicketEventSerializer.INSTANCE)));
    rejected = getRuntimeContext().getMetricGroup().counter("servicekitRejectedEvents");
    out = new ArrayList<>();
  }

  @Override
  public void processElement(TicketEvent event, Context ctx, Collector<SlaTransition> collector)
      throws Exception {
    if (mode == TimeMode.EVENT_TIME) {
      long wm = ctx.timerService().currentWatermark();
      long t = ceilMillis(event.at());
      if (t > wm) {
        pendingState.add(event);
        ctx.timerService().registerEventTimeTimer(t);
        return;
      }
      // late: behind the watermark
      SlaClock clock = load(ctx.getCurrentKey());
      if (!accept(clock, event, ctx)) {
        return;
      }
      evaluate(clock, Math.max(wm, ceilMillis(latest(clock))), ctx.timerService(), collector);
      return;
    }
    SlaClock clock = load(ctx.getCurrentKey());
    if (!accept(clock, event, ctx)) {
      return;
    }
    long now = ctx.timerService().currentProcessingTime();
    evaluate(clock, Math.max(now, ceilMillis(latest(clock))), ctx.timerService(), collector);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<SlaTransition> collector)
      throws Exception {
    SlaClock clock = load(ctx.getCurrentKey());
    if (mode == TimeMode.EVENT_TIME) {
      List<TicketEvent> keep = new ArrayList<>();
      List<TicketEvent> due = new ArrayList<>();
      Iterable<TicketEvent> pending = pendingState.get();
      if (pending != null) {
        for (TicketEvent e : pending) {
          (ceilMillis(e.at()) <= timestamp ? due : keep).add(e);
        }
      }
      if (!due.isEmpty()) {
        due.sort(TicketEvent.ORDER);
        for (TicketEvent e : due) {
          accept(clock, e, ctx);
        }
        pendingState.update(keep);
      }
    }
    Long registered = dueState.value();
    if (registered != null && registered == timestamp) {
      dueState.clear();
    }
    long at = Math.max(timestamp, ceilMillis(latestOrMin(clock)));
    evaluate(clock, at, ctx.timerService(), collector);
  }

  private SlaClock load(String ticket) throws Exception {
    byte[] b = clockState.value();
    return b == null
        ? SlaClock.of(set, calendars, ticket)
        : SlaClockSnapshot.fromBytes(set, calendars, b);
  }

  /**
   * Accepts one event; a rejected event (e.g. a reused id with other content) is counted and sent
   * to the side output {@link dev.servicekit.integrations.flink.FlinkSlaClocks#REJECTED}, not
   * fatal.
   */
  private boolean accept(SlaClock clock, TicketEvent event, Context ctx) {
    try {
      return clock.accept(event);
    } catch (IllegalArgumentException e) {
      rejected.inc();
      ctx.output(FlinkSlaClocks.REJECTED, event);
      return false;
    }
  }

  private void evaluate(
      SlaClock clock,
      long atMillis,
      org.apache.flink.streaming.api.TimerService timers,
      Collector<SlaTransition> collector)
      throws Exception {
    clockState.update(SlaClockSnapshot.toBytes(clock));
    if (clock.events().isEmpty()) {
      return;
    }
    SlaEvaluation ev;
    try {
      ev = clock.evaluate(Instant.ofEpochMilli(atMillis));
    } catch (IllegalStateException noCreatedEventYet) {
      return; // the clock buffers events before Created; nothing to report yet
    }
    Reported reported = Reported.fromBytes(reportedState.value());
    reported.diff(ev, out);
    reportedState.update(reported.toBytes());
    Long old = dueState.value();
    Long next = ev.nextTransition().map(SlaClockFunction::ceilMillis).orElse(null);
    if (next != null && next <= atMillis) {
      next = atMillis + 1;
    }
    // A superseded timer is not deleted: it may coincide with an event's timer (Flink keeps one
    // timer per key and instant), and firing it only re-evaluates an unchanged clock.
    if (next == null) {
      dueState.clear();
    } else if (!next.equals(old)) {
      if (mode == TimeMode.EVENT_TIME) {
        timers.registerEventTimeTimer(next);
      } else {
        timers.registerProcessingTimeTimer(next);
      }
      dueState.update(next);
    }
    for (SlaTransition t : out) {
      collector.collect(t);
    }
    out.clear();
  }

  private static Instant latest(SlaClock clock) {
    return latestOrMin(clock);
  }

  private static Instant latestOrMin(SlaClock clock) {
    Instant max = Instant.EPOCH;
    for (TicketEvent e : clock.events()) {
      if (e.at().isAfter(max)) {
        max = e.at();
      }
    }
    return max;
  }

  /** The instant in epoch milliseconds, rounded up. */
  public static long ceilMillis(Instant t) {
    long ms = t.toEpochMilli();
    return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }
}
