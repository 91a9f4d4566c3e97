/**
 * Staffing and capacity planning next to the KPIs: Erlang C ({@link
 * dev.servicekit.kpi.staffing.ErlangC}), Erlang A with abandonment ({@link
 * dev.servicekit.kpi.staffing.ErlangA}), per-interval plans for a day's forecast ({@link
 * dev.servicekit.kpi.staffing.StaffingPlan}) and QA reviewer capacity ({@link
 * dev.servicekit.kpi.staffing.ReviewerCapacity}).
 *
 * <p>All types are immutable and thread-safe; all operations are pure functions of their arguments.
 * Times are {@link java.time.Duration}s; probabilities are {@code double}s in [0, 1]. Bad input
 * raises {@link java.lang.IllegalArgumentException} naming the field, the value and the rule.
 */
package dev.servicekit.kpi.staffing;
