package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.qa.analytics.Granularity;
import dev.servicekit.qa.analytics.ScoreAggregator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Every public reader of qa-core under hostile input ({@link ChecklistJson} checklists and answers,
 * {@link EvaluationJson}, {@link ScoreAggregator#fromBytes}, the outcome shares' and the score
 * ledger's snapshots, and the three snapshots' JSON readers, half of those inputs with the checksum
 * recomputed): valid documents truncated, with a character or byte changed, with garbage inserted
 * (huge strings, deep nesting, huge numbers, control, line and paragraph separators, byte order
 * marks, lone surrogates, bare CRs) or a slice repeated. The only outcomes allowed are a value or
 * an {@link IllegalArgumentException} (never an internal subclass) whose message is bounded,
 * carries no raw line break and names where the problem is (the JSON readers a line and column).
 * Inputs stay small, so a hang or a runaway allocation shows.
 */
class EveryReaderHostileInputProperties {

  static final int MAX_MESSAGE = 500;

  /**
   * The one layout of a JSON error: what is wrong, then {@code (at $.path, line L, column C)} (or
   * {@code byte B} for a stream that is not UTF-8).
   */
  private static final Pattern LINE_AND_COLUMN =
      Pattern.compile("(?s).+ \\(at \\$.*, line \\d+, (column|byte) \\d+\\)");

  private static final Pattern ANY_NONEMPTY = Pattern.compile("(?s).+");

  static final List<String> GARBAGE =
      List.of(
          "1e999999999",
          "99999999999999999999999",
          "-0.0e-99999",
          "\\u0000",
          "\\ud800",
          "\u0000",
          "\r",
          "\r\n",
          "\u2028",
          "\uFEFF",
          "\uD800",
          "\uDC00x",
          "]",
          "}",
          "{",
          "[",
          "\"",
          ",",
          ":",
          "null",
          "x".repeat(70_000),
          "\"" + "y".repeat(70_000) + "\"",
          "[".repeat(40),
          "{\"a\":".repeat(40));

  private static final Checklist V1 =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(
                      Criterion.builder("greet").build(),
                      Criterion.builder("solve").scale(Scale.rating(5)).build())))
          .build();

  private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

  static <T> T read(Pattern location, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      assertEquals(
          IllegalArgumentException.class,
          e.getClass(),
          "only the public exception type reaches callers");
      String m = e.getMessage();
      assertNotNull(m);
      assertTrue(
          m.length() <= MAX_MESSAGE,
          () -> m.length() + " chars: " + m.substring(0, Math.min(200, m.length())));
      assertTrue(location.matcher(m).matches(), () -> "no location in: " + m);
      assertFalse(
          m.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0 || c == 0x2028),
          () -> "a line break or NUL in: " + m);
      return null;
    }
  }

  @Property(tries = 300)
  void checklists(@ForAll("checklistJson") String json) {
    Checklist c = read(LINE_AND_COLUMN, () -> ChecklistJson.read(json));
    if (c != null) {
      assertEquals(c, ChecklistJson.read(ChecklistJson.write(c)));
    }
  }

  @Property(tries = 200)
  void answers(@ForAll("answerJson") String json) {
    read(LINE_AND_COLUMN, () -> ChecklistJson.readAnswers(json));
  }

  @Property(tries = 300)
  void evaluations(@ForAll("evaluationJson") String json) {
    ChecklistRegistry registry = new ChecklistRegistry();
    registry.register(V1);
    Evaluation e = read(LINE_AND_COLUMN, () -> EvaluationJson.read(json, registry));
    if (e != null) {
      assertEquals(e, EvaluationJson.read(EvaluationJson.write(e), registry));
    }
  }

  @Property(tries = 300)
  void scoreAggregatorSnapshots(@ForAll("aggregatorBytes") byte[] bytes) {
    ScoreAggregator a = read(ANY_NONEMPTY, () -> ScoreAggregator.fromBytes(bytes));
    if (a != null) {
      assertTrue(
          Arrays.equals(a.toBytes(), ScoreAggregator.fromBytes(a.toBytes()).toBytes()),
          "a restored aggregator re-encodes to the same snapshot");
    }
  }

  @Property(tries = 300)
  void outcomeSharesSnapshots(@ForAll("sharesBytes") byte[] bytes) {
    dev.servicekit.qa.analytics.OutcomeShares s =
        read(
            ANY_NONEMPTY,
            () -> dev.servicekit.qa.analytics.OutcomeShares.fromBytes(bytes, bandsTemplate()));
    if (s != null) {
      assertTrue(
          Arrays.equals(
              s.toBytes(),
              dev.servicekit.qa.analytics.OutcomeShares.fromBytes(s.toBytes(), bandsTemplate())
                  .toBytes()),
          "a restored recorder re-encodes to the same snapshot");
    }
  }

  @Property(tries = 300)
  void scoreLedgerSnapshotsWithShares(@ForAll("ledgerBytes") byte[] bytes) {
    dev.servicekit.qa.analytics.ScoreLedger l =
        read(
            ANY_NONEMPTY,
            () ->
                dev.servicekit.qa.analytics.ScoreLedger.fromBytes(bytes, List.of(bandsTemplate())));
    if (l != null) {
      assertTrue(Arrays.equals(bytes, l.toBytes()), "a restored ledger re-encodes to its bytes");
    }
  }

  @Property(tries = 300)
  void scoreAggregatorJson(@ForAll("aggregatorJson") String json) {
    ScoreAggregator a = read(LINE_AND_COLUMN, () -> ScoreAggregator.fromJson(json));
    if (a != null) {
      assertEquals(a.toJson(), ScoreAggregator.fromJson(a.toJson()).toJson());
    }
  }

  @Property(tries = 300)
  void outcomeSharesJson(@ForAll("sharesJson") String json) {
    dev.servicekit.qa.analytics.OutcomeShares s =
        read(
            LINE_AND_COLUMN,
            () -> dev.servicekit.qa.analytics.OutcomeShares.fromJson(json, bandsTemplate()));
    if (s != null) {
      assertEquals(
          s.toJson(),
          dev.servicekit.qa.analytics.OutcomeShares.fromJson(s.toJson(), bandsTemplate()).toJson());
    }
  }

  @Property(tries = 300)
  void scoreLedgerJsonWithShares(@ForAll("ledgerJson") String json) {
    dev.servicekit.qa.analytics.ScoreLedger l =
        read(
            LINE_AND_COLUMN,
            () -> dev.servicekit.qa.analytics.ScoreLedger.fromJson(json, List.of(bandsTemplate())));
    if (l != null) {
      assertEquals(
          l.toJson(),
          dev.servicekit.qa.analytics.ScoreLedger.fromJson(l.toJson(), List.of(bandsTemplate()))
              .toJson());
    }
  }

  @Provide
  Arbitrary<String> aggregatorJson() {
    return jsonMutations(ScoreAggregator.fromBytes(seedAggregator().toBytes()).toJson());
  }

  @Provide
  Arbitrary<String> sharesJson() {
    return jsonMutations(seedShares().toJson());
  }

  @Provide
  Arbitrary<String> ledgerJson() {
    return jsonMutations(seedLedger().toJson());
  }

  /** Text mutations of a JSON snapshot, half of them with the checksum recomputed. */
  private static Arbitrary<String> jsonMutations(String seed) {
    return Arbitraries.oneOf(
        mutations(Arbitraries.just(seed)),
        mutations(Arbitraries.just(seed)).map(EveryReaderHostileInputProperties::resealJson));
  }

  /** {@code json} with its {@code crc32c} recomputed, if it is still a JSON object. */
  static String resealJson(String json) {
    try {
      com.fasterxml.jackson.databind.JsonNode n =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
      if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove("crc32c");
        return dev.servicekit.qa.internal.SnapshotJson.seal(o);
      }
    } catch (IOException e) {
      // not JSON: left as it is
    }
    return json;
  }

  static ScoreAggregator seedAggregator() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    a.add(evaluation());
    a.add("agent-2", LocalDate.of(2026, 1, 6), 75.5);
    a.add("agent-2", LocalDate.of(2026, 1, 7), 12.25);
    return a;
  }

  static dev.servicekit.qa.analytics.OutcomeShares seedShares() {
    dev.servicekit.qa.analytics.OutcomeShares s = bandsTemplate();
    s.add(evaluation());
    s.add(
        evaluation()
            .revise(
                V1,
                Map.of("greet", Answer.of("no"), "solve", Answer.of("1")),
                Map.of(),
                "lead-1",
                T0.plusSeconds(900),
                "re-scored"));
    return s;
  }

  static dev.servicekit.qa.analytics.ScoreLedger seedLedger() {
    dev.servicekit.qa.analytics.ScoreLedger l =
        dev.servicekit.qa.analytics.ScoreLedger.create(
            Granularity.DAY, ZoneOffset.UTC, List.of(bandsTemplate()));
    l.put("review-1", evaluation());
    l.remove("review-2");
    return l;
  }

  static dev.servicekit.qa.analytics.OutcomeShares bandsTemplate() {
    return dev.servicekit.qa.analytics.OutcomeShares.bands(
        Granularity.DAY, ZoneOffset.UTC, a -> a.endsWith("1") ? "red" : "blue");
  }

  @Provide
  Arbitrary<byte[]> sharesBytes() {
    dev.servicekit.qa.analytics.OutcomeShares s = bandsTemplate();
    s.add(evaluation());
    s.add(
        evaluation()
            .revise(
                V1,
                Map.of("greet", Answer.of("no"), "solve", Answer.of("1")),
                Map.of(),
                "lead-1",
                T0.plusSeconds(900),
                "re-scored"));
    byte[] seed = s.toBytes();
    return Arbitraries.oneOf(
        byteMutations(Arbitraries.just(seed)),
        byteMutations(Arbitraries.just(seed)).map(EveryReaderHostileInputProperties::reseal));
  }

  @Provide
  Arbitrary<byte[]> ledgerBytes() {
    dev.servicekit.qa.analytics.ScoreLedger l =
        dev.servicekit.qa.analytics.ScoreLedger.create(
            Granularity.DAY, ZoneOffset.UTC, List.of(bandsTemplate()));
    l.put("review-1", evaluation());
    l.remove("review-2");
    byte[] seed = l.toBytes();
    return Arbitraries.oneOf(
        byteMutations(Arbitraries.just(seed)),
        byteMutations(Arbitraries.just(seed)).map(EveryReaderHostileInputProperties::reseal));
  }

  // ---- seeds ----

  private static Evaluation evaluation() {
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
        Dispute.open("agent-1", T0.plusSeconds(60), Optional.of("greet"), "missed it")
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

  @Provide
  Arbitrary<String> checklistJson() throws IOException {
    return mutations(Arbitraries.of(resource("inbound-calls.json"), ChecklistJson.write(V1)));
  }

  @Provide
  Arbitrary<String> answerJson() {
    return mutations(
        Arbitraries.just(
            "{\"greet\":\"yes\",\"good-time\":null,\"verify\":\"yes\",\"solution\":\"4\"}"));
  }

  @Provide
  Arbitrary<String> evaluationJson() {
    return mutations(Arbitraries.just(EvaluationJson.write(evaluation())));
  }

  @Provide
  Arbitrary<byte[]> aggregatorBytes() {
    ScoreAggregator a = ScoreAggregator.create(Granularity.DAY, ZoneOffset.UTC);
    a.add(evaluation());
    a.add("agent-2", LocalDate.of(2026, 1, 6), 75.5);
    a.add("agent-2", LocalDate.of(2026, 1, 7), 12.25);
    byte[] seed = a.toBytes();
    return Arbitraries.oneOf(
        byteMutations(Arbitraries.just(seed)),
        byteMutations(Arbitraries.just(seed)).map(EveryReaderHostileInputProperties::reseal));
  }

  // ---- mutation operators (the same as sla-core's and kpi-core's suites) ----

  static Arbitrary<String> mutations(Arbitrary<String> seeds) {
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    Arbitrary<String> truncated =
        Combinators.combine(seeds, at).as((s, f) -> s.substring(0, (int) (f * s.length())));
    Arbitrary<String> flipped =
        Combinators.combine(seeds, at, Arbitraries.chars())
            .as(
                (s, f, c) -> {
                  int i = Math.min(s.length() - 1, (int) (f * s.length()));
                  return s.substring(0, i) + c + s.substring(i + 1);
                });
    Arbitrary<String> inserted =
        Combinators.combine(seeds, at, Arbitraries.of(GARBAGE))
            .as(
                (s, f, g) -> {
                  int i = (int) (f * s.length());
                  return s.substring(0, i) + g + s.substring(i);
                });
    Arbitrary<String> twice =
        Combinators.combine(seeds, at, at)
            .as(
                (s, f, g) -> {
                  int i = (int) (f * s.length());
                  int j = i + (int) (g * (s.length() - i));
                  return s.substring(0, j) + s.substring(i);
                });
    return Arbitraries.frequencyOf(
        Tuple.of(3, truncated),
        Tuple.of(3, flipped),
        Tuple.of(4, inserted),
        Tuple.of(1, twice),
        Tuple.of(1, seeds));
  }

  static Arbitrary<byte[]> byteMutations(Arbitrary<byte[]> seeds) {
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    Arbitrary<byte[]> truncated =
        Combinators.combine(seeds, at).as((b, f) -> Arrays.copyOf(b, (int) (f * b.length)));
    Arbitrary<byte[]> flipped =
        Combinators.combine(seeds, at, Arbitraries.integers().between(0, 7))
            .as(
                (b, f, bit) -> {
                  byte[] out = b.clone();
                  int i = Math.min(b.length - 1, (int) (f * b.length));
                  out[i] ^= (byte) (1 << bit);
                  return out;
                });
    Arbitrary<byte[]> set =
        Combinators.combine(
                seeds, at, Arbitraries.of((byte) 0xFF, (byte) 0x80, (byte) 0x7F, (byte) 0))
            .as(
                (b, f, v) -> {
                  byte[] out = b.clone();
                  out[Math.min(b.length - 1, (int) (f * b.length))] = v;
                  return out;
                });
    Arbitrary<byte[]> inserted =
        Combinators.combine(seeds, at, Arbitraries.bytes().array(byte[].class).ofMaxSize(12))
            .as(
                (b, f, junk) -> {
                  int i = (int) (f * b.length);
                  byte[] out = new byte[b.length + junk.length];
                  System.arraycopy(b, 0, out, 0, i);
                  System.arraycopy(junk, 0, out, i, junk.length);
                  System.arraycopy(b, i, out, i + junk.length, b.length - i);
                  return out;
                });
    return Arbitraries.oneOf(truncated, flipped, set, inserted);
  }

  /** {@code b} with its last four bytes replaced by the CRC32C (big-endian) of the rest. */
  static byte[] reseal(byte[] b) {
    if (b.length < 4) {
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

  private static String resource(String name) throws IOException {
    try (InputStream in = EveryReaderHostileInputProperties.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
