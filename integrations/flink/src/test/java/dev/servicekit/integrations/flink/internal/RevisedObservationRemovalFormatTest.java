package dev.servicekit.integrations.flink.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.RevisedObservation;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * The revised observation's format with the removal flag (snapshot version 5): removals round-trip,
 * the format before it (version 4, no flag) still restores as values and migrates, and a flag byte
 * no writer writes is refused naming the field.
 */
class RevisedObservationRemovalFormatTest {

  private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

  private static byte[] bytes(TypeSerializer<RevisedObservation> s, RevisedObservation o)
      throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    s.serialize(o, out);
    return out.getCopyOfBuffer();
  }

  private static RevisedObservation read(TypeSerializer<RevisedObservation> s, byte[] b)
      throws IOException {
    return s.deserialize(new DataInputDeserializer(b));
  }

  private static TypeSerializerSnapshot<RevisedObservation> snapshotOf(
      TypeSerializer<RevisedObservation> s) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, s.snapshotConfiguration());
    return TypeSerializerSnapshot.readVersionedSnapshot(
        new DataInputDeserializer(out.getCopyOfBuffer()),
        RevisedObservationRemovalFormatTest.class.getClassLoader());
  }

  @Test
  void removalsRoundTripAndValuesKeepTheirForm() throws IOException {
    RevisedObservation removal = RevisedObservation.removal("team", "S-1", 3, AT);
    RevisedObservation value = new RevisedObservation("team", "S-1", 2, 5, AT);
    var s = RevisedObservationSerializer.INSTANCE;
    assertEquals(removal, read(s, bytes(s, removal)));
    assertEquals(value, read(s, bytes(s, value)));
    // one byte more than the format before it, which has no flag
    assertEquals(
        bytes(RevisedObservationSerializer.NO_REMOVALS, value).length + 1, bytes(s, value).length);
  }

  @Test
  void theFormatBeforeRemovalsStillRestoresAndMigrates() throws IOException {
    var old = RevisedObservationSerializer.NO_REMOVALS;
    RevisedObservation value = new RevisedObservation("team", "S-1", 2, 5, AT);
    TypeSerializerSnapshot<RevisedObservation> oldSnapshot = snapshotOf(old);
    assertEquals(StringFormatSnapshot.CURRENT, oldSnapshot.getCurrentVersion());
    assertEquals(old, oldSnapshot.restoreSerializer());
    assertEquals(value, read(oldSnapshot.restoreSerializer(), bytes(old, value)));
    assertTrue(
        RevisedObservationSerializer.INSTANCE
            .snapshotConfiguration()
            .resolveSchemaCompatibility(oldSnapshot)
            .isCompatibleAfterMigration());
    assertEquals(
        RevisedObservationSerializer.INSTANCE,
        snapshotOf(RevisedObservationSerializer.INSTANCE).restoreSerializer());
    // an earlier format cannot say "removed": refused rather than written as a value
    assertThrows(
        IOException.class, () -> bytes(old, RevisedObservation.removal("team", "S-1", 3, AT)));
  }

  @Test
  void aFlagNoWriterWritesIsRefusedNamingTheField() throws IOException {
    var s = RevisedObservationSerializer.INSTANCE;
    byte[] b = bytes(s, RevisedObservation.removal("team", "S-1", 3, AT));
    b[b.length - 1] = 2;
    IOException e = assertThrows(IOException.class, () -> read(s, b));
    assertEquals("RevisedObservation.removed must be the byte 0 or 1, was 2", e.getMessage());
    byte[] valued = bytes(s, new RevisedObservation("team", "S-1", 3, 5, AT));
    valued[valued.length - 1] = 1;
    IOException v = assertThrows(IOException.class, () -> read(s, valued));
    assertEquals("RevisedObservation.value must be 0 for a removal, was 5", v.getMessage());
  }
}
