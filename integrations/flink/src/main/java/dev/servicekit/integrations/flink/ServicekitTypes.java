package dev.servicekit.integrations.flink;

import dev.servicekit.integrations.flink.internal.KpiAccumulatorSerializer;
import dev.servicekit.integrations.flink.internal.SimpleTypeInfo;
import dev.servicekit.integrations.flink.internal.SlaTransitionSerializer;
import dev.servicekit.integrations.flink.internal.TicketEventSerializer;
import dev.servicekit.integrations.flink.internal.TicketInputSerializer;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import dev.servicekit.sla.TicketInput;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/**
 * Flink type information for servicekit values. Their serializers are the cores' own formats, so
 * Flink state and network records carry exactly what servicekit checkpoints, and never fall back to
 * Kryo:
 *
 * <ul>
 *   <li>{@link #ticketEvents()}: the versioned event JSON ({@link TicketEventJson}), and {@link
 *       #ticketInputs()} the same with corrections;
 *   <li>{@link #accumulators(Class)}: the versioned, checksummed accumulator snapshot ({@link
 *       KpiSnapshots});
 *   <li>{@link #slaTransitions()}: a compact field-by-field form.
 * </ul>
 *
 * <p>All methods are thread-safe; the returned objects are immutable.
 */
public final class ServicekitTypes {

  private ServicekitTypes() {}

  /**
   * Type information for ticket events, e.g. {@code env.fromData(ServicekitTypes.ticketEvents(),
   * events)} or {@code stream.returns(ServicekitTypes.ticketEvents())}.
   *
   * @return the type information
   */
  public static TypeInformation<TicketEvent> ticketEvents() {
    return new SimpleTypeInfo<>(TicketEvent.class, TicketEventSerializer.INSTANCE);
  }

  /**
   * Type information for a ticket's input records, events and {@link
   * dev.servicekit.sla.EventCorrection}s, as their JSON ({@link TicketEventJson#readInput}): the
   * input of {@link FlinkSlaClocks#transitionsWithCorrections}, e.g. {@code
   * env.fromData(ServicekitTypes.ticketInputs(), inputs)}.
   *
   * @return the type information
   */
  public static TypeInformation<TicketInput> ticketInputs() {
    return new SimpleTypeInfo<>(TicketInput.class, TicketInputSerializer.INSTANCE);
  }

  /**
   * Type information for SLA transitions.
   *
   * @return the type information
   */
  public static TypeInformation<SlaTransition> slaTransitions() {
    return new SimpleTypeInfo<>(SlaTransition.class, SlaTransitionSerializer.INSTANCE);
  }

  /**
   * Type information for one KPI accumulator class, serialized as its {@link KpiSnapshots}
   * snapshot.
   *
   * @param type the accumulator class, e.g. {@code RatingAccumulator.class}
   * @param <A> the accumulator type
   * @return the type information
   */
  public static <A extends KpiAccumulator<?, ?>> TypeInformation<A> accumulators(Class<A> type) {
    return new SimpleTypeInfo<>(type, new KpiAccumulatorSerializer<>(type));
  }
}
