package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * s10user finding 2: a group key with an unpaired surrogate was written as '?' by WindowedKpi's
 * binary snapshot (silently another group; two such keys made the snapshot unrestorable), and
 * RevisedValues accepted such a key and then refused every checkpoint, quoting the raw surrogate.
 * Text keys are now refused where they enter, as sla-core refuses such ids; keys of other types are
 * refused when a snapshot is written, naming the group or key and never changing it.
 */
class UnpairedSurrogateKeysTest {

  private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

  /** A group key that is not text: its key writer is only known at snapshot time. */
  record Agent(String name) {}

  private static <G> WindowedKpi<G, NpsAccumulator> table() {
    return WindowedKpi.create(
        NpsAccumulator::create,
        WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC),
        Duration.ofMinutes(10));
  }

  private static String refused(String expected, Executable call) {
    String m = assertThrows(IllegalArgumentException.class, call).getMessage();
    assertEquals(expected, m);
    assertTrue(m.chars().noneMatch(c -> Character.isSurrogate((char) c)), m);
    return m;
  }

  @Test
  void aTextGroupWithALoneSurrogateIsRefusedWhereItEnters() {
    WindowedKpi<String, NpsAccumulator> w = table();
    w.recordInt("agent", T, NpsAccumulator::add, 9);
    byte[] before = w.toBytes(k -> k);
    refused(
        "group 'agent\\ud800' has an unpaired surrogate at index 5 but must be well-formed UTF-16"
            + " (snapshots store it as UTF-8)",
        () -> w.recordInt("agent\ud800", T, NpsAccumulator::add, 9));
    assertArrayEquals(before, w.toBytes(k -> k));
    // a well-formed pair is text like any other, and restores as itself
    w.recordInt("agent\ud83d\ude00", T, NpsAccumulator::add, 3);
    WindowedKpi<String, NpsAccumulator> back =
        WindowedKpi.fromBytes(
            w.toBytes(k -> k), NpsAccumulator::create, NpsAccumulator.class, k -> k);
    assertEquals(w.groups(), back.groups());
  }

  @Test
  void aKeyWriterThatGivesALoneSurrogateIsRefusedAtSnapshotTimeNamingTheGroup() {
    WindowedKpi<Agent, NpsAccumulator> w = table();
    w.recordInt(new Agent("agent\ud800"), T, NpsAccumulator::add, 9);
    String before = w.toJson(a -> "ok");
    String expected =
        "groups[0].key 'agent\\ud800' has an unpaired surrogate at index 5 but must be well-formed"
            + " UTF-16 (snapshots store it as UTF-8): the key writer must write every key"
            + " losslessly";
    refused(expected, () -> w.toBytes(Agent::name));
    refused(expected, () -> w.toJson(Agent::name));
    assertEquals(before, w.toJson(a -> "ok"));
  }

  @Test
  void twoGroupsWrittenAsOneTextAreRefusedInsteadOfAnUnrestorableSnapshot() {
    WindowedKpi<Agent, NpsAccumulator> w = table();
    w.recordInt(new Agent("a"), T, NpsAccumulator::add, 9);
    w.recordInt(new Agent("b"), T, NpsAccumulator::add, 3);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> w.toBytes(a -> "same"));
    assertTrue(
        e.getMessage()
            .matches("groups\\[1]\\.key 'same' is also the text of groups\\[0]\\.key: .*"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> w.toJson(a -> "same"));
  }

  @Test
  void revisedValuesRefusesATextKeyWithALoneSurrogateAndStaysCheckpointable() {
    RevisedValues<String, RatingAccumulator> rv =
        RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    rv.apply("good", 1, 5);
    byte[] before = rv.toBytes(KeyCodec.strings());
    refused(
        "key 'a\\ud800' has an unpaired surrogate at index 1 but must be well-formed UTF-16"
            + " (snapshots store it as UTF-8)",
        () -> rv.apply("a\ud800", 1, 4));
    assertArrayEquals(before, rv.toBytes(KeyCodec.strings()));
    rv.toJson(KeyCodec.strings());
  }

  @Test
  void aCodecThatGivesALoneSurrogateIsRefusedWithTheKeyEscaped() {
    RevisedValues<Agent, RatingAccumulator> rv =
        RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint()));
    rv.apply(new Agent("a\ud800"), 1, 4);
    KeyCodec<Agent> codec = KeyCodec.of(Agent::name, Agent::new);
    String m = assertThrows(IllegalArgumentException.class, () -> rv.toBytes(codec)).getMessage();
    assertTrue(m.startsWith("key 'Agent[name=a\\ud800]' encodes to text with an unpaired"), m);
    assertTrue(m.chars().noneMatch(c -> Character.isSurrogate((char) c)), m);
  }

  @Test
  void otherTextKeysAreRefusedWhereTheyEnter() {
    refused(
        "value of dimension 'team' 'b\\udc00' has an unpaired surrogate at index 1 but must be"
            + " well-formed UTF-16 (snapshots store it as UTF-8)",
        () -> GroupKey.of("team", "b\udc00"));
    refused(
        "dimension name 't\\ud800' has an unpaired surrogate at index 1 but must be well-formed"
            + " UTF-16 (snapshots store it as UTF-8)",
        () -> GroupKey.of("t\ud800", "b"));
    RepeatContactTracker<String> tracker = RepeatContactTracker.create(Duration.ofDays(7));
    refused(
        "customer 'c\\ud800' has an unpaired surrogate at index 1 but must be well-formed UTF-16"
            + " (snapshots store it as UTF-8)",
        () -> tracker.contact("c\ud800", T));
    DrillDownSample sample = DrillDownSample.create(3);
    refused(
        "id 'x\\udc00' has an unpaired surrogate at index 1 but must be well-formed UTF-16"
            + " (snapshots store it as UTF-8)",
        () -> sample.add("x\udc00", 5));
    assertTrue(sample.isEmpty());
    refused(
        "action 'reply\\ud800' has an unpaired surrogate at index 5 but must be well-formed UTF-16"
            + " (snapshots store it as UTF-8)",
        () -> ProductivityIndex.of(Map.of("reply\ud800", 1.0), 0, 0));
    assertFalse(tracker.contact("c", T) == false);
  }

  /**
   * s12user: the JSON snapshot reader took an action name or a sample id with an unpaired surrogate
   * (a hand-made or foreign snapshot with a matching checksum), so the restored accumulator then
   * refused every snapshot of its own: a checkpoint that restores once and never again. Found by
   * {@code EveryReaderHostileInputProperties.accumulatorSnapshotJson} (seed -4940429400693003961),
   * which failed {@code ./mvnw -B verify}. The reader now refuses such text at its path, as the
   * writer and the entry points do.
   */
  @Test
  void aJsonSnapshotWithALoneSurrogateIsRefusedAtTheFieldsPath() {
    ProductivityAccumulator counts =
        ProductivityIndex.of(Map.of("reply", 1.0), 0, 0).newAccumulator();
    counts.add("reply");
    String action = Resealed.json(counts.toJson().replace("\"reply\"", "\"\\ud800reply\""));
    String m =
        assertThrows(IllegalArgumentException.class, () -> KpiSnapshots.fromJson(action))
            .getMessage();
    assertTrue(
        m.matches(
            "action\\[0\\] '\\\\ud800reply' has an unpaired surrogate at index 0 but must be"
                + " well-formed UTF-16 \\(snapshots store it as UTF-8\\) \\(at"
                + " \\$\\.state\\.action\\[0\\], line 1, column \\d+\\)"),
        m);
    assertTrue(m.chars().noneMatch(c -> Character.isSurrogate((char) c)), m);
    DrillDownSample sample = DrillDownSample.create(3);
    sample.add("call-7", 40);
    String id = Resealed.json(sample.toJson().replace("\"call-7\"", "\"call-\\udc007\""));
    m =
        assertThrows(IllegalArgumentException.class, () -> DrillDownSample.fromJson(id))
            .getMessage();
    assertTrue(
        m.startsWith(
            "samples[0].id 'call-\\udc007' has an unpaired surrogate at index 5 but must be"
                + " well-formed UTF-16 (snapshots store it as UTF-8) (at $.state.samples[0].id,"),
        m);
    // well-formed text, a pair included, still reads back
    ProductivityAccumulator pair =
        ProductivityIndex.of(Map.of("reply\ud83d\ude00", 1.0), 0, 0).newAccumulator();
    assertEquals(pair.actions(), ProductivityAccumulator.fromJson(pair.toJson()).actions());
  }
}
