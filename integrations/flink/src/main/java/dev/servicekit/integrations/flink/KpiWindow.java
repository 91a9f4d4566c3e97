package dev.servicekit.integrations.flink;

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
 * @param end the window end (exclusive)
 * @param accumulator the window's accumulator (with revisions: every id counted once at its last
 *     revision)
 * @param stale revisions ignored because a later revision of the same id had been applied (always 0
 *     without revisions)
 * @param <A> the accumulator type
 */
public record KpiWindow<A extends KpiAccumulator<A, ?>>(
    String group, Instant start, Instant end, A accumulator, long stale) {

  /** Checks the components. */
  public KpiWindow {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(accumulator, "accumulator");
    if (stale < 0) {
      throw new IllegalArgumentException("stale must be 0 or more, was " + stale);
    }
  }
}
