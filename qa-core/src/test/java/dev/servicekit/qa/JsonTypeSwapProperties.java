package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.qa.analytics.OutcomeShares;
import dev.servicekit.qa.analytics.ScoreAggregator;
import dev.servicekit.qa.analytics.ScoreLedger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every JSON reader of qa-core under structure-aware mutations of valid documents ({@link
 * JsonTreeMutations}): a value of another type or an extreme value at any path, a duplicate key, a
 * removed field, reordered elements, trailing garbage; the analytics snapshots (score aggregator,
 * outcome shares, score ledger) with their checksum made to match again. The outcome is a value
 * that round-trips (a snapshot also through its binary form, to the same state), or an {@link
 * IllegalArgumentException} of at most 500 characters on one line, ending in {@code (at $path, line
 * L, column C)}.
 */
class JsonTypeSwapProperties {

  private static final Pattern LINE_AND_COLUMN =
      Pattern.compile("(?s).+ \\(at \\$.*, line \\d+, (column|byte) \\d+\\)");

  private static <T> T read(Supplier<T> reader) {
    return EveryReaderHostileInputProperties.read(LINE_AND_COLUMN, reader);
  }

  @Property(tries = 400)
  void checklists(@ForAll("checklistJson") String json) {
    Checklist c = read(() -> ChecklistJson.read(json));
    if (c != null) {
      assertEquals(c, ChecklistJson.read(ChecklistJson.write(c)));
    }
  }

  @Property(tries = 200)
  void answers(@ForAll("answerJson") String json) {
    read(() -> ChecklistJson.readAnswers(json));
  }

  @Property(tries = 400)
  void evaluations(@ForAll("evaluationJson") String json) {
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(EvaluationAndSnapshotsFuzzTest.V1);
    Evaluation e = read(() -> EvaluationJson.read(json, registry));
    if (e != null) {
      assertEquals(e, EvaluationJson.read(EvaluationJson.write(e), registry));
    }
  }

  @Property(tries = 300)
  void scoreAggregatorSnapshots(@ForAll("aggregatorJson") String json) {
    ScoreAggregator a = read(() -> ScoreAggregator.fromJson(json));
    if (a != null) {
      assertEquals(a.toJson(), ScoreAggregator.fromJson(a.toJson()).toJson());
      assertEquals(a.toJson(), ScoreAggregator.fromBytes(a.toBytes()).toJson());
    }
  }

  @Property(tries = 300)
  void outcomeSharesSnapshots(@ForAll("sharesJson") String json) {
    OutcomeShares template = EveryReaderHostileInputProperties.bandsTemplate();
    OutcomeShares s = read(() -> OutcomeShares.fromJson(json, template));
    if (s != null) {
      assertEquals(s.toJson(), OutcomeShares.fromJson(s.toJson(), template).toJson());
      assertEquals(s.toJson(), OutcomeShares.fromBytes(s.toBytes(), template).toJson());
    }
  }

  @Property(tries = 300)
  void scoreLedgerSnapshots(@ForAll("ledgerJson") String json) {
    List<OutcomeShares> shares = List.of(EveryReaderHostileInputProperties.bandsTemplate());
    ScoreLedger l = read(() -> ScoreLedger.fromJson(json, shares));
    if (l != null) {
      assertEquals(l.toJson(), ScoreLedger.fromJson(l.toJson(), shares).toJson());
      assertEquals(l.toJson(), ScoreLedger.fromBytes(l.toBytes(), shares).toJson());
    }
  }

  @Provide
  Arbitrary<String> aggregatorJson() {
    return JsonTreeMutations.of(
            Arbitraries.just(EveryReaderHostileInputProperties.seedAggregator().toJson()))
        .map(JsonTypeSwapProperties::reseal);
  }

  @Provide
  Arbitrary<String> sharesJson() {
    return JsonTreeMutations.of(
            Arbitraries.just(EveryReaderHostileInputProperties.seedShares().toJson()))
        .map(JsonTypeSwapProperties::reseal);
  }

  @Provide
  Arbitrary<String> ledgerJson() {
    return JsonTreeMutations.of(
            Arbitraries.just(EveryReaderHostileInputProperties.seedLedger().toJson()))
        .map(JsonTypeSwapProperties::reseal);
  }

  @Provide
  Arbitrary<String> checklistJson() throws IOException {
    return JsonTreeMutations.of(
        Arbitraries.of(
            resource("inbound-calls.json"),
            ChecklistJson.write(EvaluationAndSnapshotsFuzzTest.V1)));
  }

  @Provide
  Arbitrary<String> answerJson() {
    return JsonTreeMutations.of(
        Arbitraries.just(
            "{\"greet\":\"yes\",\"good-time\":null,\"verify\":\"yes\",\"solution\":\"4\"}"));
  }

  @Provide
  Arbitrary<String> evaluationJson() {
    return JsonTreeMutations.of(
        Arbitraries.just(EvaluationJson.write(EvaluationAndSnapshotsFuzzTest.evaluation())));
  }

  private static final Pattern CRC = Pattern.compile("\"crc32c\":\"([0-9a-f]{8})\"");

  /**
   * {@code edited} with the {@code crc32c} of the tree it parses to, its text otherwise as written:
   * a literal such as {@code 1E-400} or a duplicate key stays in the document and reaches the
   * reader's checks (rewritten from the tree it would read {@code 0.0}, or the last value).
   */
  static String reseal(String edited) {
    java.util.regex.Matcher m = CRC.matcher(EveryReaderHostileInputProperties.resealJson(edited));
    return m.find() ? CRC.matcher(edited).replaceAll(m.group()) : edited;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = JsonTypeSwapProperties.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
