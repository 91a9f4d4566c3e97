package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.Evaluation;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.CRC32C;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link OutcomeShares#toBytes()} and {@link OutcomeShares#fromBytes(byte[], OutcomeShares)}: a
 * restored recorder reports what the original does and goes on exactly as it would (adds,
 * retractions, revisions, merges), for score bands and script compliance, with team names of any
 * text; corrupted snapshots (bit flips, cuts, splices, with and without a recomputed checksum) give
 * a recorder or an {@link IllegalArgumentException}, nothing else; a snapshot whose checksum is
 * right but whose state no sequence of adds gives is refused naming what is wrong. Before, the
 * recorder had no snapshot: its state could not leave the heap.
 */
class OutcomeSharesSnapshotProperties {

  private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

  /** Team names of any text, lone surrogates and controls included: they come from a function. */
  private static final Function<String, String> TEAM =
      a -> a.endsWith("0") ? "red \n\uD800" : a.endsWith("1") ? "\u00a0" + "x" : "blue";

  private static OutcomeShares recorder(boolean script) {
    return script
        ? OutcomeShares.scriptCompliance(
            ScriptCompliance.of(List.of("points"), 0.9), Granularity.WEEK, ZONE, TEAM)
        : OutcomeShares.bands(Granularity.WEEK, ZONE, TEAM);
  }

  private static String state(OutcomeShares s) {
    return s.perAgent(0.95) + "|" + s.perTeam(0.95) + "|" + s.skipped();
  }

  private static List<Evaluation> evaluations(Random r, int n) {
    List<Evaluation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int points = r.nextInt(10) == 0 ? -1 : r.nextInt(5) == 0 ? 100 : r.nextInt(101);
      out.add(
          PointsEvaluations.of(
              "call-" + i,
              "agent-" + r.nextInt(6),
              T0.plusSeconds(r.nextInt(90 * 86_400)),
              points));
    }
    return out;
  }

  @Property(tries = 200)
  void aRestoredRecorderIsTheOriginalAndGoesOnAsIt(
      @ForAll long seed, @ForAll @IntRange(max = 80) int n, @ForAll boolean script) {
    Random r = new Random(seed);
    List<Evaluation> evals = evaluations(r, n);
    OutcomeShares original = recorder(script);
    evals.forEach(original::add);
    byte[] bytes = original.toBytes();
    OutcomeShares restored = OutcomeShares.fromBytes(bytes, recorder(script));
    assertEquals(state(original), state(restored));
    assertArrayEquals(bytes, restored.toBytes(), "equal recorders write equal bytes");
    // and on: the same calls give the same states, refusals included
    List<Evaluation> more = evaluations(r, 20);
    for (int i = 0; i < more.size(); i++) {
      boolean revise = i % 3 == 2 && !evals.isEmpty();
      Evaluation e = revise ? evals.get(r.nextInt(evals.size())) : more.get(i);
      Evaluation revised = revise ? PointsEvaluations.revised(e, r.nextInt(101)) : null;
      for (OutcomeShares s : List.of(original, restored)) {
        if (revise) {
          try {
            s.revise(e, revised);
          } catch (IllegalArgumentException refused) {
            // refused alike on both (compared below)
          }
        } else {
          s.add(e);
        }
      }
      assertEquals(state(original), state(restored));
    }
    OutcomeShares other = recorder(script);
    evaluations(r, 10).forEach(other::add);
    original.merge(other);
    restored.merge(OutcomeShares.fromBytes(other.toBytes(), recorder(script)));
    assertEquals(state(original), state(restored));
  }

  @Property(tries = 30)
  void corruptedSnapshotsGiveARecorderOrAClearRefusal(@ForAll long seed, @ForAll boolean script) {
    Random r = new Random(seed);
    OutcomeShares original = recorder(script);
    evaluations(r, 1 + r.nextInt(40)).forEach(original::add);
    byte[] good = original.toBytes();
    for (int k = 0; k < 1_000; k++) {
      byte[] bad = mutate(good, r);
      if (r.nextBoolean()) {
        reseal(bad);
      }
      try {
        OutcomeShares read = OutcomeShares.fromBytes(bad, recorder(script));
        assertArrayEquals(
            read.toBytes(), OutcomeShares.fromBytes(read.toBytes(), recorder(script)).toBytes());
      } catch (IllegalArgumentException refused) {
        String m = refused.getMessage();
        assertTrue(m != null && !m.isBlank() && m.length() < 600, m);
      }
    }
  }

  private static byte[] mutate(byte[] good, Random r) {
    switch (r.nextInt(4)) {
      case 0:
        {
          byte[] b = good.clone();
          int flips = 1 + r.nextInt(3);
          for (int i = 0; i < flips; i++) {
            int at = 4 + r.nextInt(b.length - 4);
            b[at] ^= (byte) (1 << r.nextInt(8));
          }
          return b;
        }
      case 1:
        return Arrays.copyOf(good, r.nextInt(good.length));
      case 2:
        {
          byte[] b = good.clone();
          int at = 4 + r.nextInt(b.length - 8);
          b[at] = (byte) r.nextInt(256);
          return b;
        }
      default:
        {
          byte[] b = new byte[good.length + 1 + r.nextInt(16)];
          System.arraycopy(good, 0, b, 0, good.length - 4);
          for (int i = good.length - 4; i < b.length; i++) {
            b[i] = (byte) r.nextInt(256);
          }
          return b;
        }
    }
  }

  /** Recomputes the checksum, so that only the content is wrong. */
  private static void reseal(byte[] b) {
    if (b.length < 8) {
      return;
    }
    CRC32C crc = new CRC32C();
    crc.update(b, 0, b.length - 4);
    ByteBuffer.wrap(b, b.length - 4, 4).putInt((int) crc.getValue());
  }

  @Example
  void aSnapshotOfAnotherRecorderIsRefusedNamingBoth() {
    byte[] bands = OutcomeShares.bands(Granularity.WEEK, ZONE, TEAM).toBytes();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> OutcomeShares.fromBytes(bands, recorder(true)));
    assertEquals(
        "snapshot of a WEEK/Europe/Berlin score-band recorder does not fit a"
            + " WEEK/Europe/Berlin script-compliance (1 criterion) recorder",
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OutcomeShares.fromBytes(
                    bands, OutcomeShares.bands(Granularity.MONTH, ZoneId.of("UTC"), TEAM)));
    assertTrue(
        e.getMessage().endsWith("does not fit a MONTH/UTC score-band recorder"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                OutcomeShares.fromBytes(
                    ScoreAggregator.create(Granularity.WEEK, ZONE).toBytes(), recorder(false)));
    assertEquals(
        "expected an outcome shares snapshot (kind 51), found kind 49 (a score aggregator snapshot:"
            + " ScoreAggregator.fromBytes)",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ScoreAggregator.fromBytes(bands));
    assertTrue(
        e.getMessage().endsWith("(an outcome shares snapshot: OutcomeShares.fromBytes)"),
        e.getMessage());
  }

  /** A sealed snapshot of a score-band recorder from raw cells, for states add cannot build. */
  private static byte[] crafted(long skipped, Object[][] agents, Object[][] teams)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'S', 'K', (byte) OutcomeShares.SNAPSHOT_KIND, 1});
    out.writeUTF("WEEK");
    out.writeUTF("Europe/Berlin");
    out.writeBoolean(false);
    out.writeInt(0);
    out.writeLong(skipped);
    for (Object[][] cells : List.of(agents, teams)) {
      out.writeInt(cells.length);
      for (Object[] c : cells) {
        String group = (String) c[0];
        out.writeInt(group.length());
        out.writeChars(group);
        out.writeLong(((LocalDate) c[1]).toEpochDay());
        out.writeInt((c.length - 2) / 2);
        for (int k = 2; k < c.length; k += 2) {
          String o = (String) c[k];
          out.writeInt(o.length());
          out.writeChars(o);
          out.writeLong((Long) c[k + 1]);
        }
      }
    }
    out.writeInt(0);
    byte[] b = bytes.toByteArray();
    reseal(b);
    return b;
  }

  @Example
  void statesNoSequenceOfAddsGivesAreRefusedNamingTheField() throws IOException {
    LocalDate monday = LocalDate.parse("2026-03-02");
    LocalDate tuesday = monday.plusDays(1);
    Object[][] agentA = {{"agent-1", monday, "high", 2L}};
    Object[][] teamBlue = {{"blue", monday, "high", 2L}};
    OutcomeShares read = OutcomeShares.fromBytes(crafted(0, agentA, teamBlue), recorder(false));
    assertEquals(2, read.perAgent(0.95).values().iterator().next().get("high").hits());
    assertEquals(2, read.perTeam(0.95).values().iterator().next().get("high").count());
    assertRefused(
        crafted(0, agentA, new Object[][] {{"blue", monday, "high", 1L}}),
        "snapshot agent and team cells differ for the period starting 2026-03-02 and outcome"
            + " 'high': agents count 1 more (every evaluation is counted once in its agent's cell"
            + " and once in its team's)");
    assertRefused(
        crafted(0, new Object[][] {{"agent-1", tuesday, "high", 2L}}, teamBlue),
        "snapshot agent cell 0 starts on 2026-03-03 (TUESDAY), not a WEEK start");
    assertRefused(
        crafted(0, new Object[][] {{"agent-1", monday, "high", 0L}}, teamBlue),
        "snapshot agent cell 0 outcome 'high' count must be 1 or more, was 0");
    assertRefused(
        crafted(0, new Object[][] {{"agent-1", monday, "low", 1L, "high", 1L}}, teamBlue),
        "snapshot agent cell 0 outcome 'high' repeats or is out of order");
    assertRefused(
        crafted(
            0,
            new Object[][] {{"agent-1", monday, "high", 1L}, {"agent-1", monday, "high", 1L}},
            teamBlue),
        "snapshot agent cell 1 (GroupPeriod[group='agent-1', periodStart=2026-03-02]) repeats or is"
            + " out of order after GroupPeriod[group='agent-1', periodStart=2026-03-02]");
    assertRefused(
        crafted(0, new Object[][] {{"agent 1\n", monday, "high", 2L}}, teamBlue),
        "snapshot agent cell 0 agentId");
    assertRefused(
        crafted(-1, agentA, teamBlue), "snapshot skipped count must be 0 or more, was -1");
    assertRefused(
        crafted(0, new Object[][] {{"agent-1", monday}}, teamBlue),
        "snapshot agent cell 0 (GroupPeriod[group='agent-1', periodStart=2026-03-02]) counts no"
            + " outcome: a cell counts at least one");
    assertRefused(
        crafted(
            0,
            new Object[][] {{"agent-1", monday, "high", Long.MAX_VALUE, "low", 1L}},
            new Object[][] {{"blue", monday, "high", Long.MAX_VALUE, "low", 1L}}),
        "snapshot agent cell 0 total is beyond a long");
  }

  private static void assertRefused(byte[] snapshot, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OutcomeShares.fromBytes(snapshot, recorder(false)));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
