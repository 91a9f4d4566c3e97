package dev.servicekit.kpi;

import static dev.servicekit.kpi.WindowedKpiEdgesTest.assertMessageStarts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Return values and snapshot structure of RevisedValues, GroupKey escapes, percentile limits. */
class TrackerAndKeyEdgesTest {

  private static RevisedValues<String, NpsAccumulator> tracker() {
    return RevisedValues.create(NpsAccumulator.create());
  }

  @Test
  void removeAndForgetSayWhetherTheKeyWasPresent() {
    RevisedValues<String, NpsAccumulator> t = tracker();
    t.apply("r-1", 1, 9);
    t.apply("r-2", 1, 3);
    assertTrue(t.remove("r-1"));
    assertFalse(t.remove("r-1"));
    assertEquals(new NpsResult(0, 0, 1), t.target().result());
    assertTrue(t.forget("r-2"));
    assertFalse(t.forget("r-2"));
    assertEquals(0, t.size());
    assertEquals(new NpsResult(0, 0, 1), t.target().result(), "forget keeps the contribution");
  }

  @Test
  void aTieOfRevisionsKeepsTheLargerValueInEitherMergeOrder() {
    RevisedValues<String, NpsAccumulator> high = tracker();
    high.apply("r", 4, 9);
    RevisedValues<String, NpsAccumulator> low = tracker();
    low.apply("r", 4, 2);
    high.merge(low);
    assertEquals(new NpsResult(1, 0, 0), high.target().result());
    RevisedValues<String, NpsAccumulator> low2 = tracker();
    low2.apply("r", 4, 2);
    RevisedValues<String, NpsAccumulator> high2 = tracker();
    high2.apply("r", 4, 9);
    low2.merge(high2);
    assertEquals(new NpsResult(1, 0, 0), low2.target().result());
    assertEquals(high.toJson(KeyCodec.strings()), low2.toJson(KeyCodec.strings()));
  }

  private static RevisedValues<String, NpsAccumulator> fromJson(String json) {
    return RevisedValues.fromJson(json, NpsAccumulator.class, KeyCodec.strings());
  }

  @Test
  void trackerSnapshotsRefuseUnknownFieldsTrailingBytesAndNonObjectEntries() throws Exception {
    RevisedValues<String, NpsAccumulator> t = tracker();
    t.apply("r-1", 2, 7);
    ObjectNode root = (ObjectNode) KpiSnapshots.mapper().readTree(t.toJson(KeyCodec.strings()));
    ObjectNode state = (ObjectNode) root.get("state");
    state.put("extra", 1);
    assertMessageStarts(
        "unknown field \"extra\"; known: entries, removed, staleCount, target",
        () -> fromJson(Resealed.json(root.toString())));
    state.remove("extra");
    ((ObjectNode) state.withArray("entries").get(0)).put("extra", 1);
    assertMessageStarts(
        "unknown field \"extra\"; known: key, revision, value",
        () -> fromJson(Resealed.json(root.toString())));
    state.withArray("entries").set(0, KpiSnapshots.mapper().getNodeFactory().numberNode(5));
    assertMessageStarts(
        "state.entries[0] is 5 but must be an object",
        () -> fromJson(Resealed.json(root.toString())));

    byte[] b = t.toBytes(KeyCodec.strings());
    byte[] longer = Arrays.copyOf(b, b.length + 1);
    System.arraycopy(b, b.length - 4, longer, b.length - 3, 4);
    longer[b.length - 4] = 0;
    byte[] resealed = Resealed.bytes(longer);
    // after the entries, a byte starts the section of removed keys, never empty when written
    assertMessageStarts(
        "snapshot field removed is 0 but must be >= 1 when present",
        () -> RevisedValues.fromBytes(resealed, NpsAccumulator.class, KeyCodec.strings()));
    RevisedValues<String, NpsAccumulator> withRemoval = tracker();
    withRemoval.remove("r-2", 3);
    byte[] r = withRemoval.toBytes(KeyCodec.strings());
    byte[] past = Arrays.copyOf(r, r.length + 1);
    System.arraycopy(r, r.length - 4, past, r.length - 3, 4);
    past[r.length - 4] = 0;
    byte[] pastResealed = Resealed.bytes(past);
    assertMessageStarts(
        "snapshot has 1 trailing bytes after the last field",
        () -> RevisedValues.fromBytes(pastResealed, NpsAccumulator.class, KeyCodec.strings()));
    assertEquals(
        t.toJson(KeyCodec.strings()),
        RevisedValues.fromBytes(b, NpsAccumulator.class, KeyCodec.strings())
            .toJson(KeyCodec.strings()));
  }

  @Test
  void groupKeysEscapePercentEqualsAndCommaAndRejectBadEscapes() {
    GroupKey k = GroupKey.of("queue", "a=b,c%d", "team", "x");
    assertEquals("queue=a%3Db%2Cc%25d,team=x", k.toString());
    GroupKey parsed = GroupKey.parse(k.toString());
    assertEquals(k, parsed);
    assertEquals(Map.of("queue", "a=b,c%d", "team", "x"), parsed.values());
    assertEquals(GroupKey.of("q", "%"), GroupKey.parse("q=%25"));
    assertMessageStarts(
        "group key \"q=ab%2\" has an invalid escape %2", () -> GroupKey.parse("q=ab%2"));
    assertMessageStarts(
        "group key \"q=%41\" has an invalid escape %41", () -> GroupKey.parse("q=%41"));
    assertMessageStarts("group key \"q=%\" has an invalid escape %", () -> GroupKey.parse("q=%"));
  }

  @Test
  void groupKeysOfOtherValuesDifferInEqualityAndHash() {
    GroupKey a = GroupKey.of("team", "a");
    GroupKey b = GroupKey.of("team", "b");
    assertNotEquals(a, b);
    assertNotEquals(a.hashCode(), b.hashCode());
    assertEquals(a.hashCode(), GroupKey.parse("team=a").hashCode());
    assertNotEquals(a, "team=a");
  }

  @Test
  void percentileAccuracyIsBetweenOneInTenThousandAndAHalf() {
    String rule = " must be in [1.0E-4, 0.5] (finer accuracies need unbounded memory)";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PercentileAccumulator.create(0));
    assertEquals("relativeAccuracy 0.0" + rule, e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> PercentileAccumulator.create(Math.nextUp(0.5)));
    assertEquals("relativeAccuracy 0.5000000000000001" + rule, e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PercentileAccumulator.create(Math.nextDown(1e-4)));
    assertEquals("relativeAccuracy " + Math.nextDown(1e-4) + rule, e.getMessage());
    for (double tooFine : new double[] {1e-7, 1e-10, 1e-12, Double.MIN_VALUE, Double.NaN}) {
      assertThrows(IllegalArgumentException.class, () -> PercentileAccumulator.create(tooFine));
    }
    assertEquals(0.5, PercentileAccumulator.create(0.5).relativeAccuracy());
    assertEquals(1e-4, PercentileAccumulator.create(1e-4).relativeAccuracy());
  }

  @Test
  void mergingAPercentileAccumulatorIntoItselfDoublesIt() {
    PercentileAccumulator p = PercentileAccumulator.create(0.01);
    p.add(Duration.ofSeconds(1));
    p.add(Duration.ofSeconds(3));
    p.add(Duration.ofSeconds(9));
    double median = p.quantileMillis(0.5).getAsDouble();
    p.merge(p);
    assertEquals(6, p.count());
    assertEquals(median, p.quantileMillis(0.5).getAsDouble(), 0.0);
    assertEquals(p.quantileMillis(0.99).getAsDouble(), p.quantileMillis(0.9).getAsDouble(), 0.0);
  }
}
