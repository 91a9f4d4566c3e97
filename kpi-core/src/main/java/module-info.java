/**
 * servicekit KPI core: incremental, mergeable KPI aggregators, and staffing math.
 *
 * <p>Exported: {@code dev.servicekit.kpi} (aggregators) and {@code dev.servicekit.kpi.staffing}
 * (Erlang C / Erlang A and capacity planning). Everything under {@code ...internal} is
 * implementation, including DDSketch ({@code com.datadoghq:sketches-java}), which the published jar
 * carries relocated to {@code dev.servicekit.kpi.internal.ddsketch}. The staffing math reads its
 * special functions from Apache Commons Numbers ({@code org.apache.commons.numbers.gamma}, an
 * explicit Automatic-Module-Name).
 */
module dev.servicekit.kpi {
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.numbers.gamma;

  exports dev.servicekit.kpi;
  exports dev.servicekit.kpi.staffing;

  uses dev.servicekit.kpi.SnapshotCodec;

  provides dev.servicekit.kpi.SnapshotCodec with
      dev.servicekit.kpi.internal.BuiltInCodecs.Rating,
      dev.servicekit.kpi.internal.BuiltInCodecs.Nps,
      dev.servicekit.kpi.internal.BuiltInCodecs.Duration,
      dev.servicekit.kpi.internal.BuiltInCodecs.HandleTime,
      dev.servicekit.kpi.internal.BuiltInCodecs.Outcome,
      dev.servicekit.kpi.internal.BuiltInCodecs.ServiceLevel,
      dev.servicekit.kpi.internal.BuiltInCodecs.Percentile,
      dev.servicekit.kpi.internal.BuiltInCodecs.DrillDown,
      dev.servicekit.kpi.internal.BuiltInCodecs.AgentTime,
      dev.servicekit.kpi.internal.BuiltInCodecs.Cost,
      dev.servicekit.kpi.internal.BuiltInCodecs.Backlog,
      dev.servicekit.kpi.internal.BuiltInCodecs.Productivity;
}
