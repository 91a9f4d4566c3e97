package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.servicekit.qa.analytics.Granularity;
import dev.servicekit.qa.analytics.OutcomeShares;
import dev.servicekit.qa.analytics.ScoreAggregator;
import dev.servicekit.qa.analytics.ScoreLedger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz tests (Jazzer) of the qa-core readers that {@link ChecklistJsonFuzzTest}
 * does not cover: {@link EvaluationJson} and the analytics snapshots ({@link ScoreAggregator},
 * {@link OutcomeShares}, {@link ScoreLedger}). The only outcomes allowed are a value or an {@link
 * IllegalArgumentException} (exactly that class) with a message of at most 500 characters. A value
 * must then be usable: it re-encodes to the same state, and recording into it, merging it and
 * reading its summaries either work or fail as documented, leaving its state as it was.
 *
 * <p>Snapshots are fuzzed as given and resealed (checksum recomputed) so that mutations reach the
 * fields. Seeds (valid documents and snapshots) are under {@code
 * src/test/resources/dev/servicekit/qa/EvaluationAndSnapshotsFuzzTestInputs/<method>/}; without
 * {@code JAZZER_FUZZ=1} each method replays them and every crash input kept there. To fuzz one:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl qa-core test -Dtest=EvaluationAndSnapshotsFuzzTest#scoreLedger
 * -Dsurefire.failIfNoSpecifiedTests=false -Djunit.jupiter.execution.timeout.mode=disabled}.
 */
class EvaluationAndSnapshotsFuzzTest {

  /** A hang guard (see {@link ChecklistJsonFuzzTest#TIMEOUT_SECONDS}), not a speed bound. */
  static final long TIMEOUT_SECONDS = ChecklistJsonFuzzTest.TIMEOUT_SECONDS;

  static final int MAX_MESSAGE = 500;

  static final Checklist V1 =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(
                      Criterion.builder("greet").build(),
                      Criterion.builder("solve").scale(Scale.rating(5)).build())))
          .build();

  static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  @DictionaryEntries({
    "\"format\"",
    "\"servicekit-evaluation\"",
    "\"checklist\"",
    "\"answers\"",
    "\"comments\"",
    "\"disputes\"",
    "\"revisions\"",
    "\"agentId\"",
    "\"reviewerId\"",
    "\"interactionId\"",
    "\"evaluatedAt\"",
    "\"UPHELD\"",
    "\"OPEN\"",
    "\"criterionId\"",
    "1e999999999",
    "\\ud800"
  })
  void evaluation(byte[] input) {
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(V1);
    Evaluation e = read(() -> EvaluationJson.read(utf8(input), registry));
    if (e != null) {
      assertEquals(e, EvaluationJson.read(EvaluationJson.write(e), registry));
      ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
      guarded(a::toBytes, () -> a.add(e));
      guarded(a::toBytes, () -> a.summaries(0.95, 5));
      OutcomeShares s = bands();
      guarded(s::toBytes, () -> s.add(e));
      guarded(s::toBytes, () -> s.perAgent(0.95));
      ScoreLedger l = ScoreLedger.create(Granularity.DAY, ZoneOffset.UTC, List.of(bands()));
      guarded(l::toBytes, () -> l.put("fuzz", e));
    }
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void scoreAggregator(byte[] input) {
    aggregator(input);
    aggregator(reseal(input));
  }

  private static void aggregator(byte[] bytes) {
    ScoreAggregator a = read(() -> ScoreAggregator.fromBytes(bytes));
    if (a == null) {
      return;
    }
    byte[] again = a.toBytes();
    assertArrayEquals(again, ScoreAggregator.fromBytes(again).toBytes());
    guarded(a::toBytes, () -> a.summaries(0.95, 5));
    guarded(a::toBytes, () -> a.add("agent-1", LocalDate.of(2026, 1, 5), 50));
    guarded(a::toBytes, () -> a.retract("agent-1", LocalDate.of(2026, 1, 5), 50));
    guarded(a::toBytes, () -> a.add(evaluation()));
    ScoreAggregator other = ScoreAggregator.fromBytes(again);
    guarded(a::toBytes, () -> a.merge(other));
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void outcomeShares(byte[] input) {
    shares(input);
    shares(reseal(input));
  }

  private static void shares(byte[] bytes) {
    OutcomeShares s = read(() -> OutcomeShares.fromBytes(bytes, bands()));
    if (s == null) {
      return;
    }
    byte[] again = s.toBytes();
    assertArrayEquals(again, OutcomeShares.fromBytes(again, bands()).toBytes());
    guarded(s::toBytes, () -> s.perAgent(0.95));
    guarded(s::toBytes, () -> s.perTeam(0.95));
    guarded(s::toBytes, () -> s.agentTrends("red", 0.95));
    guarded(s::toBytes, () -> s.add(evaluation()));
    OutcomeShares other = OutcomeShares.fromBytes(again, bands());
    guarded(s::toBytes, () -> s.merge(other));
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void scoreLedger(byte[] input) {
    ledger(input);
    ledger(reseal(input));
  }

  private static void ledger(byte[] bytes) {
    ScoreLedger l = read(() -> ScoreLedger.fromBytes(bytes, List.of(bands())));
    if (l == null) {
      return;
    }
    byte[] again = l.toBytes();
    assertArrayEquals(again, ScoreLedger.fromBytes(again, List.of(bands())).toBytes());
    guarded(l::toBytes, () -> l.summaries(0.95, 5));
    guarded(l::toBytes, () -> l.scores().toBytes());
    guarded(l::toBytes, () -> l.put("review-1", evaluation()));
    guarded(l::toBytes, () -> l.remove("review-1"));
    guarded(l::toBytes, () -> l.closeBefore(LocalDate.of(2026, 1, 1)));
    ScoreLedger other = ScoreLedger.fromBytes(again, List.of(bands()));
    guarded(l::toBytes, () -> l.merge(other));
  }

  // ---- helpers ----

  /** The value, or null after checking that the reader rejected the input as documented. */
  static <T> T read(Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      checkRejection(e);
      return null;
    }
  }

  static void checkRejection(RuntimeException e) {
    String m = e.getMessage();
    assertNotNull(m, () -> e.getClass().getName() + " without a message");
    assertTrue(
        m.length() <= MAX_MESSAGE,
        () -> m.length() + " chars: " + m.substring(0, Math.min(200, m.length())));
  }

  /**
   * Runs an operation on a restored value: it works, or throws one of the documented exceptions (an
   * argument or state out of range, a count overflowing a long) and changes nothing.
   */
  private static void guarded(Supplier<byte[]> state, Runnable op) {
    byte[] before = state.get();
    try {
      op.run();
    } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
      checkRejection(e);
      assertArrayEquals(before, state.get(), () -> "changed by a call that threw " + e);
    }
  }

  static OutcomeShares bands() {
    return OutcomeShares.bands(
        Granularity.DAY, ZoneOffset.UTC, a -> a.endsWith("1") ? "red" : "blue");
  }

  static Evaluation evaluation() {
    Evaluation e =
        Evaluation.of(
            V1,
            "int-1",
            "agent-1",
            "rev-1",
            T0,
            Map.of("greet", Answer.of("no"), "solve", Answer.of("4")),
            Map.of("greet", "no greeting"),
            List.of(),
            List.of());
    Dispute d =
        Dispute.open("agent-1", T0.plusSeconds(60), java.util.Optional.of("greet"), "missed it")
            .resolve(Dispute.Status.UPHELD, "lead-1", T0.plusSeconds(120));
    e = e.withDispute(d, V1);
    return e.revise(
        V1,
        Map.of("greet", Answer.of("yes"), "solve", Answer.of("4")),
        e.comments(),
        "lead-1",
        T0.plusSeconds(180),
        "dispute upheld");
  }

  /** {@code b} with its last four bytes replaced by the CRC32C (big-endian) of the rest. */
  static byte[] reseal(byte[] b) {
    if (b.length < 8) {
      return b;
    }
    byte[] out = b.clone();
    CRC32C crc = new CRC32C();
    crc.update(out, 0, out.length - 4);
    int c = (int) crc.getValue();
    for (int k = 0; k < 4; k++) {
      out[out.length - 4 + k] = (byte) (c >>> (24 - 8 * k));
    }
    return out;
  }

  private static String utf8(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }
}
