package dev.servicekit.integrations.flink;

import dev.servicekit.integrations.flink.internal.KpiWindowRule;
import dev.servicekit.kpi.KpiAccumulator;
import java.time.Instant;
import java.util.Objects;

/**
 * The final value of one KPI window of one group, emitted by {@link FlinkKpiWindows#revised} or a
 * {@link FlinkKpiWindows#builder windowed KPI} when the watermark passes the window's end plus the
 * allowed lateness.
 *
 * <p>Immutable as a record; the accumulator is owned by the receiver (it is a fresh copy).
 *
 * @param group the group key
 * @param start the window start (inclusive)
 * @param end the window end (exclusive), after {@code start}
 * @param accumulator the window's accumulator (with revisions: every id counted once at its last
 *     revision)
 * @param stale revisions ignored because a later revision of the same id had been applied (always 0
 *     without revisions)
 * @param <A> the accumulator type
 */
public record KpiWindow<A extends KpiAccumulator<A, ?>>(
    String group, Instant start, Instant end, A accumulator, long stale) {

  /**
   * Checks the components.
   *
   * @throws IllegalArgumentException if {@code end} is not after {@code start} (the window is
   *     {@code [start, end)}, so it would hold no instant) or {@code stale} is negative
   */
  public KpiWindow {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(accumulator, "accumulator");
    KpiWindowRule.check("", start, end, stale);
  }
}
