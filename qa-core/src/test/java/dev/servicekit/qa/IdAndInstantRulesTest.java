package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.qa.analytics.Granularity;
import dev.servicekit.qa.analytics.ScoreAggregator;
import dev.servicekit.qa.analytics.ScriptCompliance;
import dev.servicekit.qa.calibration.Calibration;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Exact messages of the id and instant rules on evaluations, disputes, revisions and analytics. */
class IdAndInstantRulesTest {

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");
  private static final String RANGE = " must be in [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)";
  private static final Checklist V1 =
      Checklist.builder("calls", 1)
          .section(Section.of("s", 1, List.of(Criterion.builder("greet").build())))
          .build();

  private static final Map<String, Answer> NO = Map.of("greet", Answer.of("no"));

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }

  private static Evaluation evaluation(String interaction, String agent, String reviewer) {
    return Evaluation.of(V1, interaction, agent, reviewer, T0, Map.of("greet", Answer.of("yes")));
  }

  @Test
  void evaluationIdsAreCheckedNamingTheFieldWithABoundedExcerpt() {
    assertEquals("interactionId must not be blank", message(() -> evaluation("", "a", "r")));
    assertEquals(
        "agentId '" + "x".repeat(80) + "'…(1000000 chars) must have at most 128 characters",
        message(() -> evaluation("i", "x".repeat(1_000_000), "r")));
    assertEquals(
        "reviewerId 'r\\u0000' must not contain control characters or unpaired surrogates, found"
            + " one at index 1",
        message(() -> evaluation("i", "a", "r\u0000")));
    assertEquals(
        "agentId 'a\\uD800' must not contain control characters or unpaired surrogates, found one"
            + " at index 1",
        message(() -> evaluation("i", "a\uD800", "r")));
    // the longest id, and non-ASCII ids with a surrogate pair, are ids
    evaluation("i".repeat(128), "Zoë \uD83D\uDE00", "r");
  }

  @Test
  void idsOfOnlyInvisibleCharactersAreBlankAndSeparatorsAreRefused() {
    // review21: a no-break space, a zero-width space and a line separator passed as ids
    assertEquals("agentId must not be blank", message(() -> evaluation("i", "\u00A0", "r")));
    assertEquals("agentId must not be blank", message(() -> evaluation("i", "\u200B", "r")));
    assertEquals(
        "agentId must not be blank", message(() -> evaluation("i", "\u2003\u200B\uFEFF", "r")));
    assertEquals(
        // quoted escaped (session 8), so the message itself stays one line
        "agentId 'a\\u2028b' must not contain line or paragraph separators, found one at index 1",
        message(() -> evaluation("i", "a\u2028b", "r")));
    // visible text around them is an id
    evaluation("i", "a\u00A0b", "r");
  }

  @Test
  void disputeInstantsAreLimitedToTheEvaluationRangeNamingTheField() {
    assertEquals(
        "raisedAt " + Instant.MAX + RANGE,
        message(() -> Dispute.open("anna", Instant.MAX, Optional.empty(), "why")));
    assertEquals(
        "raisedAt 1899-12-31T23:59:59.999999999Z" + RANGE,
        message(
            () ->
                Dispute.open(
                    "anna",
                    Instant.parse("1900-01-01T00:00:00Z").minusNanos(1),
                    Optional.empty(),
                    "why")));
    Dispute open = Dispute.open("anna", T0, Optional.of("greet"), "why");
    assertEquals(
        "resolvedAt 2300-01-01T00:00:00Z" + RANGE,
        message(
            () ->
                open.resolve(
                    Dispute.Status.UPHELD, "lead", Instant.parse("2300-01-01T00:00:00Z"))));
    // the last instant of the range is accepted
    open.resolve(
        Dispute.Status.REJECTED, "lead", Instant.parse("2300-01-01T00:00:00Z").minusNanos(1));
  }

  @Test
  void disputeAndRevisionIdsAreChecked() {
    assertEquals(
        "raisedBy must not be blank",
        message(() -> Dispute.open(" ", T0, Optional.empty(), "why")));
    assertEquals(
        "criterionId 'gr\\u000Aeet' must not contain control characters or unpaired surrogates,"
            + " found one at index 2",
        message(() -> Dispute.open("anna", T0, Optional.of("gr\neet"), "why")));
    Dispute open = Dispute.open("anna", T0, Optional.empty(), "why");
    assertEquals(
        "resolvedBy '" + "l".repeat(80) + "'…(129 chars) must have at most 128 characters",
        message(() -> open.resolve(Dispute.Status.UPHELD, "l".repeat(129), T0)));
    Evaluation e = evaluation("i", "a", "r");
    assertEquals(
        "revisedBy must not be blank",
        message(() -> e.revise(V1, NO, Map.of(), "", T0.plusSeconds(1), "why")));
    assertEquals(
        "revisedAt " + Instant.MIN + RANGE,
        message(() -> e.revise(V1, NO, Map.of(), "lead", Instant.MIN, "why")));
    assertEquals(
        "revisions[0].revisedAt 2026-01-05T09:59:59Z must not be before the evaluation or the"
            + " previous revision (2026-01-05T10:00:00Z)",
        message(() -> e.revise(V1, NO, Map.of(), "lead", T0.minusSeconds(1), "why")));
  }

  @Test
  void jsonIdsAndInstantsAreCheckedAtTheirPathLineAndColumn() {
    ChecklistRegistry reg = new ChecklistRegistry();
    reg.register(V1);
    String json =
        EvaluationJson.write(evaluation("i", "a", "r"))
            .replace("\"agentId\" : \"a\"", "\"agentId\" : \"\"");
    assertEquals(
        "agentId must not be blank (at $.agentId, line 5, column 15)",
        message(() -> EvaluationJson.read(json, reg)));
    String late =
        EvaluationJson.write(evaluation("i", "a", "r"))
            .replace("2026-01-05T10:00:00Z", "+1000000000-12-31T23:59:59.999999999Z");
    assertEquals(
        "evaluatedAt " + Instant.MAX + RANGE + " (at $.evaluatedAt, line 7, column 19)",
        message(() -> EvaluationJson.read(late, reg)));
  }

  @Test
  void scoreAggregatorRefusesAnAgentIdItsSnapshotCouldNotWrite() {
    // 70,000 chars do not fit DataOutput.writeUTF: toBytes used to fail with UncheckedIOException
    ScoreAggregator agg = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    agg.add("anna", LocalDate.of(2026, 1, 5), 80);
    byte[] before = agg.toBytes();
    assertEquals(
        "agentId '" + "x".repeat(80) + "'…(70000 chars) must have at most 128 characters",
        message(() -> agg.add("x".repeat(70_000), LocalDate.of(2026, 1, 5), 80)));
    assertEquals(
        "agentId must not be blank", message(() -> agg.add("", LocalDate.of(2026, 1, 5), 80)));
    assertArrayEquals(before, agg.toBytes());
  }

  @Test
  void aSnapshotWithABlankAgentIdIsRefusedOnRead() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.write(new byte[] {'S', 'K', (byte) ScoreAggregator.SNAPSHOT_KIND, 1});
    out.writeUTF("DAY");
    out.writeUTF("UTC");
    out.writeInt(1);
    out.writeUTF(" ");
    out.writeLong(LocalDate.of(2026, 1, 5).toEpochDay());
    out.writeLong(1);
    out.writeDouble(80);
    out.writeDouble(0);
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
    byte[] b = bytes.toByteArray();
    assertEquals(
        "snapshot cell 0 agentId must not be blank", message(() -> ScoreAggregator.fromBytes(b)));
  }

  @Test
  void scriptAndCalibrationIdsFollowTheSameRule() {
    assertEquals(
        "script criterionIds[0] 'gr\\u0000' must not contain control characters or unpaired"
            + " surrogates, found one at index 2",
        message(() -> ScriptCompliance.of(List.of("gr\u0000"), 0.9)));
    assertEquals(
        "referenceReviewerId must not be blank",
        message(() -> Calibration.deviationsFromReference(List.of(), "")));
  }
}
