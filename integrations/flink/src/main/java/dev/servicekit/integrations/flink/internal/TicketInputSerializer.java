package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import dev.servicekit.sla.TicketInput;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Serializes a {@link TicketInput} (an event or an {@link EventCorrection}) as its versioned JSON
 * form ({@link TicketEventJson#readInput}), length-prefixed UTF-8: the layout of {@link
 * TicketEventSerializer}, whose bytes it reads too, with the same validation as every other reader
 * (see {@link JsonTextSerializer}).
 */
public final class TicketInputSerializer extends JsonTextSerializer<TicketInput> {

  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final TicketInputSerializer INSTANCE = new TicketInputSerializer();

  private TicketInputSerializer() {}

  @Override
  String field() {
    return "TicketInput JSON";
  }

  @Override
  String toJson(TicketInput record) {
    return record instanceof TicketEvent e
        ? TicketEventJson.write(e)
        : TicketEventJson.write((EventCorrection) record);
  }

  @Override
  TicketInput fromJson(String json) {
    return TicketEventJson.readInput(json);
  }

  @Override
  public TypeSerializerSnapshot<TicketInput> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * The serializer's configuration snapshot: it has no configuration. Version {@value #VERSION},
   * with no payload; any other version is refused with an {@link java.io.IOException}.
   */
  public static final class Snapshot extends NoConfigSnapshot<TicketInput> {

    /** The one version. */
    static final int VERSION = 1;

    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {}

    @Override
    int version() {
      return VERSION;
    }

    @Override
    TypeSerializer<TicketInput> serializer() {
      return INSTANCE;
    }
  }
}
