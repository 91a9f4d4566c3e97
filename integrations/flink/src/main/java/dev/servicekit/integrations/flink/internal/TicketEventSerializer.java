package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;

/**
 * Serializes a {@link TicketEvent} as its versioned JSON form ({@link TicketEventJson}),
 * length-prefixed UTF-8: the same validation as every other reader of events (see {@link
 * JsonTextSerializer}).
 */
public final class TicketEventSerializer extends JsonTextSerializer<TicketEvent> {

  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final TicketEventSerializer INSTANCE = new TicketEventSerializer();

  private TicketEventSerializer() {}

  @Override
  String field() {
    return "TicketEvent JSON";
  }

  @Override
  String toJson(TicketEvent record) {
    return TicketEventJson.write(record);
  }

  @Override
  TicketEvent fromJson(String json) {
    return TicketEventJson.read(json);
  }

  @Override
  public TypeSerializerSnapshot<TicketEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /**
   * The serializer's configuration snapshot: it has no configuration. Version {@value #VERSION},
   * with no payload: the bytes that Flink's {@code SimpleTypeSerializerSnapshot} wrote for it in
   * earlier builds, so their savepoints restore; any other version is refused with an {@link
   * IOException} instead of being read as that class's older formats.
   */
  public static final class Snapshot extends NoConfigSnapshot<TicketEvent> {

    /** The one version. */
    static final int VERSION = 3;

    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {}

    @Override
    int version() {
      return VERSION;
    }

    @Override
    TypeSerializer<TicketEvent> serializer() {
      return INSTANCE;
    }
  }
}
