package dev.servicekit.integrations.kafka;

import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.KpiSnapshots;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import dev.servicekit.sla.TicketInput;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka {@link Serde}s for servicekit values: ticket events (and, with {@link #ticketInputs()},
 * their corrections) in their {@link TicketEventJson} form, {@link SlaTransition}s in their JSON
 * form, and KPI accumulators in their {@link KpiSnapshots} binary form (versioned, checksummed).
 *
 * <p>A {@code null} payload (a tombstone) maps to {@code null} both ways. Bad bytes throw the
 * cores' {@link IllegalArgumentException} naming what is wrong (text values must be valid UTF-8: a
 * malformed byte is refused, naming its position, not replaced); Kafka Streams then applies its
 * deserialization exception handler. Stateless and thread-safe.
 */
public final class ServicekitSerdes {

  private ServicekitSerdes() {}

  /**
   * Ticket events as UTF-8 {@link TicketEventJson} objects.
   *
   * @return the serde
   */
  public static Serde<TicketEvent> ticketEvents() {
    return text(TicketEventJson::write, TicketEventJson::read);
  }

  /**
   * A ticket's input records, events and {@link EventCorrection}s, as UTF-8 {@link TicketEventJson}
   * objects ({@link TicketEventJson#readInput}): the values of {@link SlaClockTopology}'s input
   * topic.
   *
   * @return the serde
   */
  public static Serde<TicketInput> ticketInputs() {
    return text(
        in ->
            in instanceof TicketEvent e
                ? TicketEventJson.write(e)
                : TicketEventJson.write((EventCorrection) in),
        TicketEventJson::readInput);
  }

  /**
   * SLA transitions as UTF-8 JSON objects ({@link SlaTransition#toJson()}).
   *
   * @return the serde
   */
  public static Serde<SlaTransition> slaTransitions() {
    return text(SlaTransition::toJson, SlaTransition::fromJson);
  }

  /**
   * KPI accumulators of one type as {@link KpiSnapshots} bytes.
   *
   * @param type the accumulator class, e.g. {@code RatingAccumulator.class}
   * @param <A> the accumulator type
   * @return the serde
   */
  public static <A extends KpiAccumulator<?, ?>> Serde<A> kpi(Class<A> type) {
    Objects.requireNonNull(type, "type");
    Serializer<A> ser = (topic, a) -> a == null ? null : KpiSnapshots.toBytes(a);
    Deserializer<A> de = (topic, b) -> b == null ? null : KpiSnapshots.fromBytes(b, type);
    return Serdes.serdeFrom(ser, de);
  }

  private static <T> Serde<T> text(Function<T, String> write, Function<String, T> read) {
    Serializer<T> ser =
        (topic, v) -> v == null ? null : write.apply(v).getBytes(StandardCharsets.UTF_8);
    Deserializer<T> de = (topic, b) -> b == null ? null : read.apply(utf8(b));
    return Serdes.serdeFrom(ser, de);
  }

  /** {@code b} decoded as strict UTF-8 (a malformed sequence is refused, not replaced). */
  private static String utf8(byte[] b) {
    return dev.servicekit.integrations.kafka.internal.Utf8.strict(b, "the record value");
  }
}
