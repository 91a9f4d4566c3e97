package dev.servicekit.integrations.flink;

import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.jobgraph.OperatorID;
import org.apache.flink.runtime.metrics.groups.InternalOperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.runtime.metrics.util.InterceptingOperatorMetricGroup;
import org.apache.flink.runtime.operators.testutils.MockEnvironment;
import org.apache.flink.runtime.operators.testutils.MockEnvironmentBuilder;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * The keyed operator harness with the operator's metrics readable: its environment's task metric
 * group hands the operator Flink's {@link InterceptingOperatorMetricGroup}, which keeps every
 * metric registered on it (the harness's default environment registers them nowhere, so the
 * function's counters could not be read).
 */
final class MeteredHarness implements AutoCloseable {

  final KeyedOneInputStreamOperatorTestHarness<String, TicketEvent, SlaTransition> harness;
  private final InterceptingOperatorMetricGroup metrics = new InterceptingOperatorMetricGroup();
  private final MockEnvironment env;

  MeteredHarness(KeyedProcessFunction<String, TicketEvent, SlaTransition> f) throws Exception {
    this(f, 1, 1, 0);
  }

  /**
   * A harness for one parallel instance: subtask {@code subtask} of {@code parallelism}, which
   * holds the key groups Flink assigns it out of {@code maxParallelism} (a key of another subtask
   * is refused).
   */
  MeteredHarness(
      KeyedProcessFunction<String, TicketEvent, SlaTransition> f,
      int maxParallelism,
      int parallelism,
      int subtask)
      throws Exception {
    InterceptingOperatorMetricGroup operatorGroup = metrics;
    env =
        new MockEnvironmentBuilder()
            .setTaskName("MockTask")
            .setManagedMemorySize(3 * 1024 * 1024)
            .setMaxParallelism(maxParallelism)
            .setParallelism(parallelism)
            .setSubtaskIndex(subtask)
            .setMetricGroup(
                new UnregisteredMetricGroups.UnregisteredTaskMetricGroup() {
                  @Override
                  public InternalOperatorMetricGroup getOrAddOperator(
                      OperatorID id, String name, Map<String, String> variables) {
                    return operatorGroup;
                  }
                })
            .build();
    harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            new KeyedProcessOperator<>(f), TicketEvent::ticketId, Types.STRING, env);
  }

  /**
   * The count of a counter the function registered.
   *
   * @throws AssertionError if no counter of that name was registered
   */
  long count(String name) {
    Metric m = metrics.get(name);
    if (!(m instanceof Counter c)) {
      throw new AssertionError("no counter " + name + " registered, found " + m);
    }
    return c.getCount();
  }

  /** Whether a metric of that name was registered. */
  boolean registered(String name) {
    return metrics.get(name) != null;
  }

  void send(TicketEvent e) throws Exception {
    harness.processElement(e, e.at().toEpochMilli());
  }

  @Override
  public void close() throws Exception {
    try {
      harness.close();
    } finally {
      env.close();
    }
  }
}
