/**
 * Incremental, mergeable KPI aggregators for customer service.
 *
 * <p>Every KPI family is a mutable, single-threaded {@link dev.servicekit.kpi.KpiAccumulator}
 * (create / add / merge / result, plus retract where the KPI is invertible) with primitive,
 * overflow-checked fields, and an immutable result whose accessors state the formula:
 *
 * <ul>
 *   <li>satisfaction: {@link dev.servicekit.kpi.RatingAccumulator} (CSAT, average rating, CES, QA
 *       average on a 0..100 scale), {@link dev.servicekit.kpi.NpsAccumulator};
 *   <li>speed: {@link dev.servicekit.kpi.DurationAccumulator} (first/next response, time to
 *       resolution), {@link dev.servicekit.kpi.HandleTimeAccumulator} (AHT), {@link
 *       dev.servicekit.kpi.PercentileAccumulator} (DDSketch median/p90/p99, retractable by bucket);
 *   <li>service level: {@link dev.servicekit.kpi.ServiceLevelAccumulator} with every {@link
 *       dev.servicekit.kpi.ServiceLevelVariant}, abandonment, missed calls, ASA;
 *   <li>resolution: {@link dev.servicekit.kpi.OutcomeAccumulator} (SLA compliance and breach, FCR,
 *       reopen, error rate), {@link dev.servicekit.kpi.RepeatContactTracker}, {@link
 *       dev.servicekit.kpi.BacklogAccumulator};
 *   <li>people and cost: {@link dev.servicekit.kpi.AgentTimeAccumulator}, {@link
 *       dev.servicekit.kpi.ProductivityIndex}, {@link dev.servicekit.kpi.CostAccumulator}, {@link
 *       dev.servicekit.kpi.RetentionRate}.
 * </ul>
 *
 * <p>Around them: {@link dev.servicekit.kpi.RevisedValues} (last revision wins, exactly once),
 * {@link dev.servicekit.kpi.WindowedKpi} (group-by and tumbling / sliding / all-time windows with a
 * late-event rule), {@link dev.servicekit.kpi.KpiSnapshots} (versioned binary and JSON; the keyed
 * types have their own {@code toBytes}/{@code toJson} in the same format: {@code RevisedValues} and
 * {@code RepeatContactTracker} with a {@link dev.servicekit.kpi.KeyCodec}, {@code WindowedKpi} with
 * a key writer and reader), {@link dev.servicekit.kpi.ConcurrentAccumulator} (concurrent writers),
 * {@link dev.servicekit.kpi.KpiTarget} and {@link dev.servicekit.kpi.DrillDownSample}.
 *
 * <p>Accumulators are plain objects without {@code Serializable}; with {@code create}, {@code
 * merge} and {@code result} they fit a stream engine's aggregate-function shape (Flink's {@code
 * AggregateFunction}, Kafka Streams' aggregator with a serde over {@link
 * dev.servicekit.kpi.KpiSnapshots}).
 */
package dev.servicekit.kpi;
