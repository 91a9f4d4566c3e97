/**
 * servicekit KPI core: incremental, mergeable KPI aggregators, and staffing math.
 *
 * <p>Exported: {@code dev.servicekit.kpi} (aggregators) and {@code dev.servicekit.kpi.staffing}
 * (Erlang C / Erlang A and capacity planning). Everything under {@code ...internal} is
 * implementation.
 */
module dev.servicekit.kpi {
  requires com.fasterxml.jackson.databind;
  requires sketches.java;
  requires org.apache.commons.numbers.gamma;

  exports dev.servicekit.kpi;
  exports dev.servicekit.kpi.staffing;
}
