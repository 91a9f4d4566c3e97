package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Serializes a {@link TicketEvent} as its versioned JSON form ({@link TicketEventJson}),
 * length-prefixed UTF-8: the same validation as every other reader of events.
 */
public final class TicketEventSerializer extends TypeSerializerSingleton<TicketEvent> {

  private static final long serialVersionUID = 1L;

  /** The one instance. */
  public static final TicketEventSerializer INSTANCE = new TicketEventSerializer();

  private TicketEventSerializer() {}

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public TicketEvent createInstance() {
    return null;
  }

  @Override
  public TicketEvent copy(TicketEvent from) {
    return from;
  }

  @Override
  public TicketEvent copy(TicketEvent from, TicketEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(TicketEvent record, DataOutputView target) throws IOException {
    byte[] b = TicketEventJson.write(record).getBytes(StandardCharsets.UTF_8);
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public TicketEvent deserialize(DataInputView source) throws IOException {
    return TicketEventJson.read(new String(Bytes.read(source), StandardCharsets.UTF_8));
  }

  @Override
  public TicketEvent deserialize(TicketEvent reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    byte[] b = Bytes.read(source);
    target.writeInt(b.length);
    target.write(b);
  }

  @Override
  public TypeSerializerSnapshot<TicketEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** The serializer's configuration snapshot (it has no configuration). */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<TicketEvent> {
    /** Creates the snapshot (called by Flink on restore). */
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
