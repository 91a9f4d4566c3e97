package dev.servicekit.kpi.staffing.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Erlang B, which Erlang C and Erlang A are built on, against the worked examples of the Westbay
 * Erlang B calculator manual (erlang.com/calculatormanual). The first stays on the recursion (15
 * lines), the second takes the incomplete-gamma path (from 64 lines on).
 */
class PublishedErlangBValuesTest {

  /**
   * "How much traffic can a trunk group carry if it has been engineered with 15 lines and I accept
   * that one call in one hundred will be blocked?" (howmuchtrafficcanatrunkgrouphandle.htm): 8.108
   * Erlangs. Printed to three decimals, rounded or cut: the traffic at which 15 lines block 1 %
   * lies between 8.107 and 8.109.
   */
  @Test
  void fifteenLinesAtOnePercentCarryEightPointOneErlangs() {
    assertTrue(QueueMath.erlangB(15, 8.107) < 0.01);
    assertTrue(QueueMath.erlangB(15, 8.109) > 0.01);
  }

  /**
   * "How many lines does a trunk group need? It is offered 50000 minutes of traffic per day and I
   * accept that 3% of calls will be blocked ... 19% of daily calls are made during the busiest
   * hour" (minutes_howmanylines.htm): 158.333 Erlangs of busy-hour traffic need 168 lines.
   */
  @Test
  void busyHourOf158ErlangsAtThreePercentNeeds168Lines() {
    double traffic = 158.333;
    assertTrue(QueueMath.erlangB(168, traffic) <= 0.03);
    assertTrue(QueueMath.erlangB(167, traffic) > 0.03);
  }
}
