package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Text that names a group, key, customer, sample or action is not blank: an empty or all-space
 * string is what a CRM sends for a missing field, and taken as a key it pooled every record lacking
 * the field into one group, one survey (whose revisions then replaced each other) or one customer
 * (whose contacts all became repeats). Every entry refuses it, naming the field, and changes
 * nothing; so does every snapshot reader. {@link GroupKey#empty()}, the key with no dimensions, is
 * not text and still round-trips.
 */
class BlankKeysTest {

  private static final Instant T = Instant.parse("2026-03-04T10:15:00Z");
  private static final WindowSpec HOURLY =
      WindowSpec.of(WindowUnit.HOUR, ZoneId.of("Europe/Berlin"));

  /** The oracle: every code point is whitespace, a space separator or a format character. */
  static boolean blank(String s) {
    return s.codePoints()
        .allMatch(
            cp ->
                Character.isWhitespace(cp)
                    || Character.isSpaceChar(cp)
                    || Character.getType(cp) == Character.FORMAT);
  }

  @Provide
  Arbitrary<String> keys() {
    Arbitrary<String> blanks =
        Arbitraries.of(' ', '\t', '\n', '\u00a0', '\u2007', '\u3000', '\u200b', '\ufeff', '\u2028')
            .list()
            .ofMaxSize(4)
            .map(l -> l.stream().map(String::valueOf).reduce("", String::concat));
    Arbitrary<String> visible =
        Arbitraries.strings().withCharRange('a', 'c').withChars(' ', '\u00a0', 'é').ofMinLength(1);
    return Arbitraries.oneOf(blanks, visible, Arbitraries.strings().ofMaxLength(3));
  }

  private static void refused(String field, Runnable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().startsWith(field + " '"), e.getMessage());
    assertTrue(e.getMessage().contains("must not be blank"), e.getMessage());
  }

  /**
   * The engines' check (Flink's and Kafka's KPI windows) refuses what record refuses, in its words.
   */
  @Property(tries = 300)
  void requireNonBlankGroupRefusesExactlyTheBlankGroupsWithRecordsMessage(
      @ForAll("keys") String key) {
    if (!blank(key)) {
      assertEquals(key, WindowedKpi.requireNonBlankGroup(key));
      return;
    }
    WindowedKpi<String, NpsAccumulator> table =
        WindowedKpi.create(NpsAccumulator::create, HOURLY, Duration.ZERO);
    IllegalArgumentException byRecord =
        assertThrows(
            IllegalArgumentException.class, () -> table.recordInt(key, T, NpsAccumulator::add, 9));
    IllegalArgumentException byCheck =
        assertThrows(IllegalArgumentException.class, () -> WindowedKpi.requireNonBlankGroup(key));
    assertEquals(byRecord.getMessage(), byCheck.getMessage());
    refused("group", () -> WindowedKpi.requireNonBlankGroup(key));
  }

  /** Text of blank, visible, paired and unpaired surrogate chars, up to five of them. */
  @Provide
  Arbitrary<String> groupTexts() {
    return Arbitraries.of('a', ' ', '\u00a0', '\u200b', '\ud800', '\udc00', '\ud83d', '\ude00')
        .list()
        .ofMaxSize(5)
        .map(l -> l.stream().map(String::valueOf).reduce("", String::concat));
  }

  /** The oracle for well-formed UTF-16: the text survives a round trip through UTF-8. */
  private static boolean wellFormed(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8).equals(s);
  }

  /**
   * The engines' group check (Flink's and Kafka's KPI windows) refuses exactly what {@code record}
   * refuses of a new group, blank text before an unpaired surrogate, in its words, and the same
   * {@code NullPointerException} for {@code null}.
   */
  @Property(tries = 500)
  void requireGroupRefusesExactlyWhatRecordRefusesInItsWords(@ForAll("groupTexts") String key) {
    WindowedKpi<String, NpsAccumulator> table =
        WindowedKpi.create(NpsAccumulator::create, HOURLY, Duration.ZERO);
    if (!blank(key) && wellFormed(key)) {
      assertEquals(key, WindowedKpi.requireGroup(key));
      table.recordInt(key, T, NpsAccumulator::add, 9);
      return;
    }
    String byRecord =
        assertThrows(
                IllegalArgumentException.class,
                () -> table.recordInt(key, T, NpsAccumulator::add, 9))
            .getMessage();
    String byCheck =
        assertThrows(IllegalArgumentException.class, () -> WindowedKpi.requireGroup(key))
            .getMessage();
    assertEquals(byRecord, byCheck);
    assertTrue(
        blank(key)
            ? byCheck.contains("must not be blank")
            : byCheck.contains("has an unpaired surrogate at index"),
        byCheck);
    assertEquals(java.util.Set.of(), table.groups(), "a refused group changes nothing");
  }

  @Test
  void requireGroupRefusesNullAsRecordDoes() {
    WindowedKpi<String, NpsAccumulator> table =
        WindowedKpi.create(NpsAccumulator::create, HOURLY, Duration.ZERO);
    assertEquals(
        assertThrows(
                NullPointerException.class, () -> table.recordInt(null, T, NpsAccumulator::add, 9))
            .getMessage(),
        assertThrows(NullPointerException.class, () -> WindowedKpi.requireGroup(null))
            .getMessage());
  }

  @Property(tries = 300)
  void everyEntryRefusesExactlyTheBlankKeysAndChangesNothing(@ForAll("keys") String key) {
    if (Character.isSurrogate(key.isEmpty() ? 'a' : key.charAt(key.length() - 1))) {
      return; // unpaired surrogates have their own rule (UnpairedSurrogateKeysTest)
    }
    WindowedKpi<String, NpsAccumulator> table =
        WindowedKpi.create(NpsAccumulator::create, HOURLY, Duration.ZERO);
    table.recordInt("team-a", T, NpsAccumulator::add, 9);
    RevisedValues<String, NpsAccumulator> revised = RevisedValues.create(NpsAccumulator.create());
    revised.apply("survey-1", 1, 9);
    RepeatContactTracker<String> tracker = RepeatContactTracker.create(Duration.ofDays(7));
    tracker.contact("customer-1", T);
    DrillDownSample sample = DrillDownSample.create(3);
    sample.add("call-1", 5);
    String tableBefore = table.toJson(KeyCodec.strings());
    String revisedBefore = revised.toJson(KeyCodec.strings());
    String trackerBefore = tracker.toJson(KeyCodec.strings());
    String sampleBefore = sample.toJson();
    if (blank(key)) {
      refused("group", () -> table.recordInt(key, T, NpsAccumulator::add, 9));
      refused("group", () -> table.rollUp(g -> key));
      refused("key", () -> revised.apply(key, 1, 9));
      refused("key", () -> revised.remove(key, 1));
      refused("customer", () -> tracker.contact(key, T));
      refused("id", () -> sample.add(key, 7));
      refused("id", () -> new DrillDownSample.Sample(key, 7));
      refused("value of dimension 'team'", () -> GroupKey.of("team", key));
      refused("dimension name", () -> GroupKey.of(key, "red"));
      assertThrows(
          IllegalArgumentException.class, () -> ProductivityIndex.of(Map.of(key, 1.0), 0, 0));
      refused("target name", () -> KpiTarget.atLeast(key, 85));
    } else {
      table.recordInt(key, T, NpsAccumulator::add, 9);
      revised.apply(key, 1, 9);
      revised.remove(key, 2);
      tracker.contact(key, T);
      sample.add(key, 7);
      GroupKey k = GroupKey.of("team", key, key, "red");
      assertEquals(k, GroupKey.parse(k.toString()));
      ProductivityIndex.of(Map.of(key, 1.0), 0, 0);
      KpiTarget.atLeast(key, 85);
      return;
    }
    assertEquals(tableBefore, table.toJson(KeyCodec.strings()));
    assertEquals(revisedBefore, revised.toJson(KeyCodec.strings()));
    assertEquals(trackerBefore, tracker.toJson(KeyCodec.strings()));
    assertEquals(sampleBefore, sample.toJson());
  }

  /** A codec that writes the key "x" as {@code blank}: a snapshot no accepted call could make. */
  private static KeyCodec<String> writingXAs(String blank) {
    return KeyCodec.of(k -> k.equals("x") ? blank : k, Function.identity());
  }

  @Test
  void snapshotReadersRefuseABlankStringKeyAtItsField() {
    for (String blank : List.of("", " ", "\u00a0\u200b")) {
      KeyCodec<String> writer = writingXAs(blank);
      WindowedKpi<String, NpsAccumulator> table =
          WindowedKpi.create(NpsAccumulator::create, HOURLY, Duration.ZERO);
      table.recordInt("x", T, NpsAccumulator::add, 9);
      assertRefusedAt(
          "$.groups[0].key",
          () ->
              WindowedKpi.fromJson(
                  table.toJson(writer), NpsAccumulator::create, NpsAccumulator.class, k -> k));
      assertRefusedAt(
          "groups[0].key",
          () ->
              WindowedKpi.fromBytes(
                  table.toBytes(writer),
                  NpsAccumulator::create,
                  NpsAccumulator.class,
                  KeyCodec.strings()));

      RevisedValues<String, NpsAccumulator> revised = RevisedValues.create(NpsAccumulator.create());
      revised.apply("x", 1, 9);
      assertRefusedAt(
          "key",
          () ->
              RevisedValues.fromJson(
                  revised.toJson(writer), NpsAccumulator.class, KeyCodec.strings()));
      assertRefusedAt(
          "key",
          () ->
              RevisedValues.fromBytes(
                  revised.toBytes(writer), NpsAccumulator.class, KeyCodec.strings()));

      RepeatContactTracker<String> tracker = RepeatContactTracker.create(Duration.ofDays(7));
      tracker.contact("x", T);
      assertRefusedAt(
          "customer",
          () -> RepeatContactTracker.fromJson(tracker.toJson(writer), KeyCodec.strings()));
      assertRefusedAt(
          "customer",
          () -> RepeatContactTracker.fromBytes(tracker.toBytes(writer), KeyCodec.strings()));

      DrillDownSample sample = DrillDownSample.create(3);
      sample.add("x", 5);
      String quoted = KpiSnapshots.mapper().getNodeFactory().textNode(blank).toString();
      String sampleJson = Resealed.json(sample.toJson().replace("\"x\"", quoted));
      assertRefusedAt("$.state.samples[0].id", () -> DrillDownSample.fromJson(sampleJson));

      ProductivityAccumulator counts =
          ProductivityIndex.of(Map.of("x", 1.0), 0, 0).newAccumulator();
      String countsJson = Resealed.json(counts.toJson().replace("\"x\"", quoted));
      assertRefusedAt("$.state.action[0]", () -> ProductivityAccumulator.fromJson(countsJson));
    }
  }

  private static void assertRefusedAt(String where, Runnable read) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, read::run);
    assertTrue(e.getMessage().contains("must not be blank"), e.getMessage());
    assertTrue(e.getMessage().contains(where), where + " not in: " + e.getMessage());
  }

  @Test
  void theEmptyGroupKeyIsNoTextAndRoundTrips() {
    WindowedKpi<GroupKey, NpsAccumulator> table =
        WindowedKpi.create(NpsAccumulator::create, HOURLY, Duration.ZERO);
    table.recordInt(GroupKey.empty(), T, NpsAccumulator::add, 9);
    table.recordInt(GroupKey.of("team", "red"), T, NpsAccumulator::add, 3);
    WindowedKpi<GroupKey, NpsAccumulator> back =
        WindowedKpi.fromBytes(
            table.toBytes(GroupKey::toString),
            NpsAccumulator::create,
            NpsAccumulator.class,
            GroupKey::parse);
    assertArrayEquals(table.toBytes(GroupKey::toString), back.toBytes(GroupKey::toString));
    assertEquals(
        table.toJson(GroupKey::toString),
        WindowedKpi.fromJson(
                table.toJson(GroupKey::toString),
                NpsAccumulator::create,
                NpsAccumulator.class,
                GroupKey::parse)
            .toJson(GroupKey::toString));
    assertEquals(GroupKey.empty(), GroupKey.parse(""));
    // a key text with an empty value is refused by the key reader, located at the key's field
    String edited =
        Resealed.json(table.toJson(GroupKey::toString).replace("\"team=red\"", "\"team=\""));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                WindowedKpi.fromJson(
                    edited, NpsAccumulator::create, NpsAccumulator.class, GroupKey::parse));
    assertTrue(e.getMessage().contains("value of dimension 'team' '' must not be"), e.getMessage());
    assertTrue(e.getMessage().contains("$.groups[1].key"), e.getMessage());
  }
}
