package dev.servicekit.integrations.flink;

import dev.servicekit.sla.TicketEvent;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

/**
 * Reads (and, for the staleness tests, writes) the SLA clock function's keyed state on an operator
 * harness, through the operator's keyed state backend with the function's own descriptors.
 */
final class StateDump {

  static final ValueStateDescriptor<byte[]> CLOCK =
      new ValueStateDescriptor<>(
          "sla-clock", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
  static final ValueStateDescriptor<byte[]> REPORTED =
      new ValueStateDescriptor<>(
          "sla-reported", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
  static final ValueStateDescriptor<Long> DUE = new ValueStateDescriptor<>("sla-due", Types.LONG);
  static final ValueStateDescriptor<Long> RELEASE =
      new ValueStateDescriptor<>("sla-release", Types.LONG);
  static final ValueStateDescriptor<Long> RELEASED =
      new ValueStateDescriptor<>("sla-released", Types.LONG);
  static final ListStateDescriptor<TicketEvent> PENDING =
      new ListStateDescriptor<>("sla-pending", ServicekitTypes.ticketEvents());

  private StateDump() {}

  private static KeyedStateBackend<String> backend(
      KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h) {
    return h.getOperator().getKeyedStateBackend();
  }

  /**
   * Every piece of keyed state, as {@code "state key"} to its value (byte arrays in hex), sorted.
   * States the function did not register (the retention's, without one) are left out.
   */
  static Map<String, String> of(
      KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, boolean retention) throws Exception {
    return of(backend(h), retention);
  }

  /** As {@link #of(KeyedOneInputStreamOperatorTestHarness, boolean)}, from a keyed backend. */
  static Map<String, String> of(KeyedStateBackend<String> b, boolean retention) throws Exception {
    Map<String, String> out = new TreeMap<>();
    List<StateDescriptor<?, ?>> all = new ArrayList<>(List.of(CLOCK, REPORTED, DUE, PENDING));
    if (retention) {
      all.add(RELEASE);
      all.add(RELEASED);
    }
    for (StateDescriptor<?, ?> d : all) {
      List<String> keys;
      try (Stream<String> s = b.getKeys(d.getName(), VoidNamespace.INSTANCE)) {
        keys = s.sorted().toList();
      }
      for (String k : keys) {
        b.setCurrentKey(k);
        String v;
        if (d instanceof ListStateDescriptor<?> l) {
          ListState<?> st =
              b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, l);
          List<String> items = new ArrayList<>();
          Iterable<?> it = st.get();
          if (it != null) {
            it.forEach(x -> items.add(String.valueOf(x)));
          }
          v = items.isEmpty() ? null : items.toString();
        } else {
          ValueState<?> st =
              b.getPartitionedState(
                  VoidNamespace.INSTANCE,
                  VoidNamespaceSerializer.INSTANCE,
                  (ValueStateDescriptor<?>) d);
          Object x = st.value();
          v = x instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : String.valueOf(x);
          if (x == null) {
            v = null;
          }
        }
        if (v != null) {
          out.put(d.getName() + " " + k, v);
        }
      }
    }
    return out;
  }

  /** The ticket's clock snapshot in state, or null. */
  static byte[] clock(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, String ticket)
      throws Exception {
    KeyedStateBackend<String> b = backend(h);
    b.setCurrentKey(ticket);
    return b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, CLOCK)
        .value();
  }

  /** The ticket's reported state in state, or null. */
  static byte[] reported(KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, String ticket)
      throws Exception {
    KeyedStateBackend<String> b = backend(h);
    b.setCurrentKey(ticket);
    return b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, REPORTED)
        .value();
  }

  /** Writes the ticket's clock snapshot behind the function's back (null clears it). */
  static void setClock(
      KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, String ticket, byte[] bytes)
      throws Exception {
    set(h, ticket, CLOCK, bytes);
  }

  /** Writes the ticket's reported state behind the function's back (null clears it). */
  static void setReported(
      KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h, String ticket, byte[] bytes)
      throws Exception {
    set(h, ticket, REPORTED, bytes);
  }

  private static void set(
      KeyedOneInputStreamOperatorTestHarness<String, ?, ?> h,
      String ticket,
      ValueStateDescriptor<byte[]> d,
      byte[] bytes)
      throws Exception {
    KeyedStateBackend<String> b = backend(h);
    b.setCurrentKey(ticket);
    ValueState<byte[]> st =
        b.getPartitionedState(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, d);
    if (bytes == null) {
      st.clear();
    } else {
      st.update(bytes);
    }
  }
}
