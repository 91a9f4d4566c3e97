package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * removed field, trailing garbage. The outcome is a value that round-trips, or an {@link
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

  private static String resource(String name) throws IOException {
    try (InputStream in = JsonTypeSwapProperties.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
