package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Evaluation;
import java.nio.ByteBuffer;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Weeks that start on any day ({@code firstDayOfWeek}): every period start is the one found by
 * walking back day by day to the chosen first day (the brute-force oracle), in the aggregator, the
 * outcome shares and the ledger; merges of one week start commute and merges of two are refused
 * naming both; snapshots round-trip, carry the week start, and those of Monday weeks are byte for
 * byte what the code before week starts wrote. Before, weeks started on Monday only: {@code
 * create(granularity, zone, firstDayOfWeek)} did not exist.
 */
class WeekStartProperties {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final LocalDate D0 = LocalDate.of(2026, 2, 20);
  private static final Function<String, String> TEAM = a -> a.equals("ann") ? "red" : "blue";

  record Score(String agent, int day, int points) {}

  /** The oracle: the period start found by walking back one day at a time. */
  static LocalDate walkBack(Granularity g, LocalDate date, DayOfWeek first) {
    LocalDate d = date;
    switch (g) {
      case WEEK:
        while (d.getDayOfWeek() != first) {
          d = d.minusDays(1);
        }
        return d;
      case MONTH:
        while (d.getDayOfMonth() != 1) {
          d = d.minusDays(1);
        }
        return d;
      default:
        return d;
    }
  }

  @Provide
  Arbitrary<List<Score>> scores() {
    return Combinators.combine(
            Arbitraries.of("ann", "bob"),
            Arbitraries.integers().between(0, 40),
            Arbitraries.integers().between(0, 100))
        .as(Score::new)
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 500)
  void periodStartIsTheDayFoundByWalkingBack(
      @ForAll @IntRange(min = -36_600, max = 120_000) int offset,
      @ForAll Granularity g,
      @ForAll DayOfWeek first) {
    LocalDate date = LocalDate.of(1900, 1, 1).plusDays(offset);
    assertEquals(walkBack(g, date, first), g.periodStart(date, first));
  }

  @Property(tries = 200)
  void monthsAndDaysIgnoreTheWeekStart(
      @ForAll @IntRange(min = 0, max = 100_000) int offset, @ForAll DayOfWeek first) {
    LocalDate date = LocalDate.of(1900, 1, 1).plusDays(offset);
    for (Granularity g : List.of(Granularity.DAY, Granularity.MONTH)) {
      assertEquals(g.periodStart(date), g.periodStart(date, first));
    }
    assertEquals(
        Granularity.WEEK.periodStart(date), Granularity.WEEK.periodStart(date, DayOfWeek.MONDAY));
  }

  /** Each agent's scores grouped by the oracle's period start: count and sum. */
  private static Map<AgentPeriod, double[]> oracleCells(
      List<Score> scores, Granularity g, DayOfWeek first) {
    Map<AgentPeriod, double[]> out = new HashMap<>();
    for (Score s : scores) {
      AgentPeriod key = new AgentPeriod(s.agent(), walkBack(g, D0.plusDays(s.day()), first));
      double[] c = out.computeIfAbsent(key, k -> new double[2]);
      c[0]++;
      c[1] += s.points();
    }
    return out;
  }

  private static void assertCells(Map<AgentPeriod, double[]> want, ScoreAggregator got) {
    SortedMap<AgentPeriod, ScoreSummary> s = got.summaries(0.95, 5);
    assertEquals(want.keySet(), s.keySet());
    want.forEach(
        (k, v) -> {
          assertEquals((long) v[0], s.get(k).count(), k::toString);
          assertEquals(v[1] / v[0], s.get(k).mean(), 1e-9, k::toString);
        });
  }

  @Property(tries = 200)
  void aggregatorCountsEachScoreInTheOraclesPeriod(
      @ForAll("scores") List<Score> scores, @ForAll Granularity g, @ForAll DayOfWeek first) {
    ScoreAggregator a = ScoreAggregator.create(g, NEW_YORK, first);
    scores.forEach(s -> a.add(s.agent(), D0.plusDays(s.day()), s.points()));
    assertCells(oracleCells(scores, g, first), a);
  }

  @Property(tries = 200)
  void evaluationsCountInTheWeekOfTheirLocalDate(
      @ForAll @IntRange(min = 0, max = 2_000_000) int minutes,
      @ForAll DayOfWeek first,
      @ForAll @IntRange(min = 0, max = 100) int points) {
    Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * minutes);
    Evaluation e = PointsEvaluations.of("call", "ann", at, points);
    LocalDate want = walkBack(Granularity.WEEK, LocalDate.ofInstant(at, NEW_YORK), first);

    ScoreAggregator a = ScoreAggregator.create(Granularity.WEEK, NEW_YORK, first);
    a.add(e);
    assertEquals(List.of(new AgentPeriod("ann", want)), List.copyOf(a.summaries(0.95, 5).keySet()));

    OutcomeShares bands = OutcomeShares.bands(Granularity.WEEK, NEW_YORK, first, TEAM);
    bands.add(e);
    assertEquals(want, bands.perAgent(0.95).firstKey().periodStart());
    assertEquals(want, bands.perTeam(0.95).firstKey().periodStart());

    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, NEW_YORK, first, templates(first));
    l.put("r", e);
    assertEquals(want, l.summaries(0.95, 5).firstKey().periodStart());
    assertEquals(want, l.shares().get(0).perAgent(0.95).firstKey().periodStart());
    l.closeBefore(LocalDate.ofInstant(at, NEW_YORK));
    assertEquals(want, l.closedBefore().orElseThrow());
  }

  private static List<OutcomeShares> templates(DayOfWeek first) {
    return List.of(
        OutcomeShares.bands(Granularity.WEEK, NEW_YORK, first, TEAM),
        OutcomeShares.scriptCompliance(
            ScriptCompliance.of(List.of("points"), 0.9), Granularity.WEEK, NEW_YORK, first, TEAM));
  }

  @Property(tries = 150)
  void mergesOfOneWeekStartCommute(
      @ForAll("scores") List<Score> left,
      @ForAll("scores") List<Score> right,
      @ForAll Granularity g,
      @ForAll DayOfWeek first) {
    ScoreAggregator ab = ScoreAggregator.create(g, NEW_YORK, first);
    ScoreAggregator ba = ScoreAggregator.create(g, NEW_YORK, first);
    ScoreAggregator b = ScoreAggregator.create(g, NEW_YORK, first);
    left.forEach(s -> ab.add(s.agent(), D0.plusDays(s.day()), s.points()));
    right.forEach(s -> b.add(s.agent(), D0.plusDays(s.day()), s.points()));
    right.forEach(s -> ba.add(s.agent(), D0.plusDays(s.day()), s.points()));
    ScoreAggregator a = ScoreAggregator.fromBytes(ab.toBytes());
    ab.merge(b);
    ba.merge(a);
    List<Score> all = new java.util.ArrayList<>(left);
    all.addAll(right);
    Map<AgentPeriod, double[]> want = oracleCells(all, g, first);
    assertCells(want, ab);
    assertCells(want, ba);
  }

  @Property(tries = 100)
  void mergesOfTwoWeekStartsAreRefusedNamingBoth(
      @ForAll("scores") List<Score> scores, @ForAll DayOfWeek mine, @ForAll DayOfWeek theirs) {
    if (mine == theirs) {
      return;
    }
    ScoreAggregator a = ScoreAggregator.create(Granularity.WEEK, NEW_YORK, mine);
    ScoreAggregator b = ScoreAggregator.create(Granularity.WEEK, NEW_YORK, theirs);
    scores.forEach(s -> b.add(s.agent(), D0.plusDays(s.day()), s.points()));
    scores.forEach(s -> a.add(s.agent(), D0.plusDays(s.day()), 100 - s.points()));
    byte[] before = a.toBytes();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.merge(b));
    assertTrue(
        e.getMessage().endsWith(": their weeks start on " + theirs + " and " + mine),
        e::getMessage);
    assertArrayEquals(before, a.toBytes(), "a refused merge changes nothing");

    OutcomeShares sa = OutcomeShares.bands(Granularity.WEEK, NEW_YORK, mine, TEAM);
    OutcomeShares sb = OutcomeShares.bands(Granularity.WEEK, NEW_YORK, theirs, TEAM);
    sb.add(PointsEvaluations.of("c", "ann", Instant.parse("2026-03-04T12:00:00Z"), 70));
    byte[] sharesBefore = sa.toBytes();
    IllegalArgumentException se = assertThrows(IllegalArgumentException.class, () -> sa.merge(sb));
    assertTrue(
        se.getMessage().endsWith(": their weeks start on " + theirs + " and " + mine),
        se::getMessage);
    assertArrayEquals(sharesBefore, sa.toBytes());

    ScoreLedger la = ScoreLedger.create(Granularity.WEEK, NEW_YORK, mine);
    ScoreLedger lb = ScoreLedger.create(Granularity.WEEK, NEW_YORK, theirs);
    IllegalArgumentException le = assertThrows(IllegalArgumentException.class, () -> la.merge(lb));
    assertTrue(
        le.getMessage().endsWith(": their weeks start on " + theirs + " and " + mine),
        le::getMessage);

    IllegalArgumentException te =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreLedger.create(Granularity.WEEK, NEW_YORK, mine, templates(theirs)));
    assertTrue(te.getMessage().startsWith("shares 0 counts WEEK"), te::getMessage);
  }

  @Example
  void mergeMessageNamesBothWeekStarts() {
    ScoreAggregator monday = ScoreAggregator.create(Granularity.WEEK, NEW_YORK);
    ScoreAggregator sunday = ScoreAggregator.create(Granularity.WEEK, NEW_YORK, DayOfWeek.SUNDAY);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> monday.merge(sunday));
    assertEquals(
        "cannot merge a WEEK (starting SUNDAY)/America/New_York aggregator into a"
            + " WEEK/America/New_York aggregator: their weeks start on SUNDAY and MONDAY",
        e.getMessage());
  }

  @Property(tries = 50)
  void daysAndMonthsMergeWhateverWeekStartTheyWereGiven(
      @ForAll DayOfWeek mine, @ForAll DayOfWeek theirs, @ForAll("scores") List<Score> scores) {
    for (Granularity g : List.of(Granularity.DAY, Granularity.MONTH)) {
      ScoreAggregator a = ScoreAggregator.create(g, NEW_YORK, mine);
      ScoreAggregator b = ScoreAggregator.create(g, NEW_YORK, theirs);
      scores.forEach(s -> b.add(s.agent(), D0.plusDays(s.day()), s.points()));
      a.merge(b);
      assertArrayEquals(b.toBytes(), a.toBytes());
      assertEquals(2, a.toBytes()[3], "days and months are written as before");
    }
  }

  @Property(tries = 150)
  void snapshotsRoundTripAndCarryTheWeekStart(
      @ForAll("scores") List<Score> scores, @ForAll Granularity g, @ForAll DayOfWeek first) {
    ScoreAggregator a = ScoreAggregator.create(g, NEW_YORK, first);
    scores.forEach(s -> a.add(s.agent(), D0.plusDays(s.day()), s.points()));
    byte[] bytes = a.toBytes();
    boolean declared = g == Granularity.WEEK && first != DayOfWeek.MONDAY;
    assertEquals(declared ? 3 : 2, bytes[3]);
    ScoreAggregator back = ScoreAggregator.fromBytes(bytes);
    assertArrayEquals(bytes, back.toBytes());
    assertEquals(g.periodStart(D0, first), g.periodStart(D0, back.firstDayOfWeek()));
    back.merge(a); // the same week start: merges

    OutcomeShares shares = OutcomeShares.bands(g, NEW_YORK, first, TEAM);
    for (Score s : scores) {
      shares.add(
          PointsEvaluations.of(
              "c",
              s.agent(),
              D0.plusDays(s.day()).atTime(12, 0).atZone(NEW_YORK).toInstant(),
              s.points()));
    }
    byte[] sb = shares.toBytes();
    assertEquals(declared ? 2 : 1, sb[3]);
    OutcomeShares sback =
        OutcomeShares.fromBytes(sb, OutcomeShares.bands(g, NEW_YORK, first, TEAM));
    assertArrayEquals(sb, sback.toBytes());
    if (declared) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> OutcomeShares.fromBytes(sb, OutcomeShares.bands(g, NEW_YORK, TEAM)));
      assertEquals(
          "snapshot of a WEEK (starting "
              + first
              + ")/America/New_York score-band recorder does not fit a WEEK/America/New_York"
              + " score-band recorder",
          e.getMessage());
    }
  }

  @Property(tries = 60)
  void ledgerSnapshotsRoundTripWithTheirWeekStart(
      @ForAll("scores") List<Score> scores, @ForAll DayOfWeek first) {
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, NEW_YORK, first, templates(first));
    int i = 0;
    for (Score s : scores) {
      Instant at = D0.plusDays(s.day()).atTime(12, 0).atZone(NEW_YORK).toInstant();
      l.put("r-" + i, PointsEvaluations.of("c-" + i, s.agent(), at, s.points()));
      i++;
    }
    l.closeBefore(D0.plusDays(10));
    assertEquals(walkBack(Granularity.WEEK, D0.plusDays(10), first), l.closedBefore().get());
    byte[] bytes = l.toBytes();
    ScoreLedger back = ScoreLedger.fromBytes(bytes, templates(first));
    assertArrayEquals(bytes, back.toBytes());
    assertEquals(l.summaries(0.95, 5).keySet(), back.summaries(0.95, 5).keySet());
  }

  // Written by the code before week starts (main at 5143c164) for the same calls: snapshots of
  // Monday weeks are still written, and read, byte for byte alike.
  private static final String OLD_AGGREGATOR =
      "U0sxAgAEV0VFSwAQQW1lcmljYS9OZXdfWW9yawAAAAMAA2FubgAAAAAAAFAbAAAAAAAAAAFAVCAAAAAAAAAAAAAAAA"
          + "AAQFQgAAAAAAAAA2FubgAAAAAAAFAiAAAAAAAAAAFAVtAAAAAAAAAAAAAAAAAAQFbQAAAAAAAAA2JvYgAAAAAAAFAi"
          + "AAAAAAAAAAFATgAAAAAAAAAAAAAAAAAAQE4AAAAAAADootKP";
  private static final String OLD_SHARES =
      "U0szAQAEV0VFSwAQQW1lcmljYS9OZXdfWW9yawAAAAAAAAAAAAAAAAAAAAACAAAAAwBhAG4AbgAAAAAAAFAbAAAAAQ"
          + "AAAAMAbABvAHcAAAAAAAAAAQAAAAMAYQBuAG4AAAAAAABQIgAAAAEAAAAEAGgAaQBnAGgAAAAAAAAAAgAAAAIAAAAD"
          + "AHIAZQBkAAAAAAAAUBsAAAABAAAAAwBsAG8AdwAAAAAAAAABAAAAAwByAGUAZAAAAAAAAFAiAAAAAQAAAAQAaABpAG"
          + "cAaAAAAAAAAAAC5vJNBg==";
  private static final String OLD_LEDGER =
      "U0syAgAAAH5TSzECAARXRUVLABBBbWVyaWNhL05ld19Zb3JrAAAAAgADYW5uAAAAAAAAUBsAAAAAAAAAAUA+AAAAAA"
          + "AAAAAAAAAAAABAPgAAAAAAAAADYW5uAAAAAAAAUCIAAAAAAAAAAkBOAAAAAAAAQGkAAAAAAABAUYAAAAAAANrMMuAA"
          + "AAAAAAAAAAAAAAAAAAAAAwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
          + "EAAADZU0szAQAEV0VFSwAQQW1lcmljYS9OZXdfWW9yawAAAAAAAAAAAAAAAAAAAAACAAAAAwBhAG4AbgAAAAAAAFAb"
          + "AAAAAQAAAAMAbABvAHcAAAAAAAAAAQAAAAMAYQBuAG4AAAAAAABQIgAAAAEAAAAEAGgAaQBnAGgAAAAAAAAAAgAAAA"
          + "IAAAADAHIAZQBkAAAAAAAAUBsAAAABAAAAAwBsAG8AdwAAAAAAAAABAAAAAwByAGUAZAAAAAAAAFAiAAAAAQAAAAQA"
          + "aABpAGcAaAAAAAAAAAAC5vJNBgAAAAMAA3ItMAUABmNhbGwtMAADYW5uAANyZXYAAAAAaaRUcAAAAAAABnBvaW50cw"
          + "AAAAAAAAABQD4AAAAAAAABAAAAAwBsAG8AdwAAAAMAcgBlAGQAA3ItMQUABmNhbGwtMQADYW5uAANyZXYAAAAAaaWl"
          + "8AAAAAAABnBvaW50cwAAAAAAAAABQEkAAAAAAAABAAAABABoAGkAZwBoAAAAAwByAGUAZAADci0yBQAGY2FsbC0yAA"
          + "Nhbm4AA3JldgAAAABprY7wAAAAAAAGcG9pbnRzAAAAAAAAAAFAUYAAAAAAAAEAAAAEAGgAaQBnAGgAAAADAHIAZQBk"
          + "T6p4Ow==";

  @Example
  void mondayWeekSnapshotsAreByteIdenticalToTheOldCode() {
    for (boolean explicit : new boolean[] {false, true}) {
      ScoreAggregator agg =
          explicit
              ? ScoreAggregator.create(Granularity.WEEK, NEW_YORK, DayOfWeek.MONDAY)
              : ScoreAggregator.create(Granularity.WEEK, NEW_YORK);
      agg.add("ann", LocalDate.of(2026, 3, 1), 80.5);
      agg.add("ann", LocalDate.of(2026, 3, 2), 91.25);
      agg.add("bob", LocalDate.of(2026, 3, 8), 60);
      assertEquals(OLD_AGGREGATOR, Base64.getEncoder().encodeToString(agg.toBytes()));
      Function<String, String> red = x -> "red";
      OutcomeShares sh =
          explicit
              ? OutcomeShares.bands(Granularity.WEEK, NEW_YORK, DayOfWeek.MONDAY, red)
              : OutcomeShares.bands(Granularity.WEEK, NEW_YORK, red);
      ScoreLedger l =
          explicit
              ? ScoreLedger.create(Granularity.WEEK, NEW_YORK, DayOfWeek.MONDAY, List.of(sh))
              : ScoreLedger.create(Granularity.WEEK, NEW_YORK, List.of(sh));
      int i = 0;
      for (String at :
          List.of("2026-03-01T15:00:00Z", "2026-03-02T15:00:00Z", "2026-03-08T15:00:00Z")) {
        Evaluation e = PointsEvaluations.of("call-" + i, "ann", Instant.parse(at), 30 + 20 * i);
        sh.add(e);
        l.put("r-" + i, e);
        i++;
      }
      assertEquals(OLD_SHARES, Base64.getEncoder().encodeToString(sh.toBytes()));
      assertEquals(OLD_LEDGER, Base64.getEncoder().encodeToString(l.toBytes()));
    }
    // and the old snapshots read as Monday weeks
    assertArrayEquals(
        Base64.getDecoder().decode(OLD_LEDGER),
        ScoreLedger.fromBytes(
                Base64.getDecoder().decode(OLD_LEDGER),
                List.of(OutcomeShares.bands(Granularity.WEEK, NEW_YORK, x -> "red")))
            .toBytes());
    assertEquals(
        DayOfWeek.MONDAY,
        ScoreAggregator.fromBytes(Base64.getDecoder().decode(OLD_AGGREGATOR)).firstDayOfWeek());
  }

  /** {@code b} with the bytes from {@code at} replaced by {@code with}, resealed. */
  static byte[] edited(byte[] b, int at, int remove, byte... with) {
    byte[] out = new byte[b.length - remove + with.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(with, 0, out, at, with.length);
    System.arraycopy(b, at + remove, out, at + with.length, b.length - at - remove);
    CRC32C crc = new CRC32C();
    crc.update(out, 0, out.length - 4);
    ByteBuffer.wrap(out).putInt(out.length - 4, (int) crc.getValue());
    return out;
  }

  /** Where the day byte of a version 3 aggregator snapshot of a WEEK in New York lies. */
  private static final int DAY_AT = 4 + 2 + "WEEK".length() + 2 + "America/New_York".length();

  @Property(tries = 100)
  void aSnapshotWhosePeriodsDoNotStartOnItsDeclaredDayIsRefused(
      @ForAll DayOfWeek first, @ForAll DayOfWeek declared) {
    if (first == DayOfWeek.MONDAY || declared == first) {
      return;
    }
    ScoreAggregator a = ScoreAggregator.create(Granularity.WEEK, NEW_YORK, first);
    a.add("ann", D0, 50);
    byte[] good = a.toBytes();
    assertEquals(first.getValue(), good[DAY_AT]);
    byte[] bad =
        declared == DayOfWeek.MONDAY
            ? edited(edited(good, 3, 1, (byte) 2), DAY_AT, 1) // as version 2: Monday weeks
            : edited(good, DAY_AT, 1, (byte) declared.getValue());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(bad));
    LocalDate start = walkBack(Granularity.WEEK, D0, first);
    assertEquals(
        "snapshot cell 0 starts on "
            + start
            + " ("
            + first
            + "), not a "
            + (declared == DayOfWeek.MONDAY ? "WEEK" : "WEEK (starting " + declared + ")")
            + " start",
        e.getMessage());
  }

  @Example
  void aDeclaredWeekStartTheWriterNeverWritesIsRefused() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.WEEK, NEW_YORK, DayOfWeek.SUNDAY);
    byte[] good = a.toBytes();
    for (int day : new int[] {0, 8, 255}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> ScoreAggregator.fromBytes(edited(good, DAY_AT, 1, (byte) day)));
      assertEquals(
          "snapshot firstDayOfWeek " + day + " is not a day of the week (1 = MONDAY .. 7)",
          e.getMessage());
    }
    IllegalArgumentException monday =
        assertThrows(
            IllegalArgumentException.class,
            () -> ScoreAggregator.fromBytes(edited(good, DAY_AT, 1, (byte) 1)));
    assertEquals(
        "snapshot firstDayOfWeek MONDAY is declared for WEEK periods: only weeks starting on"
            + " another day than MONDAY declare one",
        monday.getMessage());
    ScoreAggregator month = ScoreAggregator.create(Granularity.MONTH, NEW_YORK);
    byte[] m = month.toBytes();
    int at = 4 + 2 + "MONTH".length() + 2 + "America/New_York".length();
    byte[] declared = edited(edited(m, 3, 1, (byte) 3), at, 0, (byte) 7);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(declared));
    assertTrue(e.getMessage().startsWith("snapshot firstDayOfWeek SUNDAY is declared for MONTH"));
  }

  @Example
  void aLedgerSnapshotClosedOffItsWeekStartIsRefused() {
    ScoreLedger l = ScoreLedger.create(Granularity.WEEK, NEW_YORK, DayOfWeek.SATURDAY);
    l.closeBefore(LocalDate.of(2026, 3, 4)); // Wednesday: closes before Saturday 2026-02-28
    assertEquals(LocalDate.of(2026, 2, 28), l.closedBefore().get());
    byte[] good = l.toBytes();
    int scoresLength = ByteBuffer.wrap(good, 4, 4).getInt();
    int flagAt = 8 + scoresLength;
    byte[] day = new byte[8];
    ByteBuffer.wrap(day).putLong(LocalDate.of(2026, 3, 1).toEpochDay());
    byte[] bad = edited(good, flagAt + 1, 8, day);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ScoreLedger.fromBytes(bad));
    assertEquals(
        "snapshot closedBefore 2026-03-01 (SUNDAY) is not a WEEK (starting SATURDAY) start",
        e.getMessage());
    assertTrue(Arrays.equals(good, ScoreLedger.fromBytes(good).toBytes()));
  }
}
