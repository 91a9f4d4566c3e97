/**
 * servicekit on Apache Flink 2.x (DataStream API): SLA clocks as a keyed process function with
 * event-time timers ({@link dev.servicekit.integrations.flink.FlinkSlaClocks}), revision-aware
 * windowed KPIs ({@link dev.servicekit.integrations.flink.FlinkKpiWindows}) and type information
 * whose serializers are the cores' snapshot formats ({@link
 * dev.servicekit.integrations.flink.ServicekitTypes}).
 *
 * <p>Flink is a provided dependency: the job brings its own Flink 2.x.
 */
package dev.servicekit.integrations.flink;
