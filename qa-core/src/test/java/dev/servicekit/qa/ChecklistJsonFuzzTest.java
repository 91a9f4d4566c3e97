package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz tests (Jazzer) of {@link ChecklistJson}. The only outcomes allowed are a
 * value (which then survives a write/read round trip) or an {@link IllegalArgumentException} with a
 * message of at most 500 characters, within the per-input timeout.
 *
 * <p>Without {@code JAZZER_FUZZ=1} (the normal build) each method replays its seed and crash inputs
 * from {@code src/test/resources/dev/servicekit/qa/ChecklistJsonFuzzTestInputs/<method>/}. To fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl qa-core -am test -Dtest=ChecklistJsonFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djunit.jupiter.execution.timeout.mode=disabled} (the
 * {@code @Timeout} then bounds each input through libFuzzer instead of the whole run); a finding is
 * written to that folder and then replays in every build.
 */
class ChecklistJsonFuzzTest {
  /**
   * A hang guard, not a speed bound. JUnit applies it on the wall clock to each replayed input (a
   * fuzzing run hands it to libFuzzer as the per-input timeout instead). The first replayed input
   * of a class also loads the code under test through Jazzer's instrumenting agent: 2.2 to 2.8 s on
   * the shared 2-core machine at load 16 (every other input under 0.6 s), too close to the former
   * ten seconds for a slower CI runner. Two minutes still catch a loop.
   */
  static final long TIMEOUT_SECONDS = 120;

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  @DictionaryEntries({
    "\"id\"",
    "\"version\"",
    "\"name\"",
    "\"mode\"",
    "\"sections\"",
    "\"bands\"",
    "\"criteria\"",
    "\"weight\"",
    "\"scale\"",
    "\"type\"",
    "\"points\"",
    "\"options\"",
    "\"min\"",
    "\"max\"",
    "\"naAllowed\"",
    "\"required\"",
    "\"criticality\"",
    "\"passAt\"",
    "\"bonus\"",
    "\"from\"",
    "\"action\"",
    "\"binary\"",
    "\"threeLevel\"",
    "\"rating\"",
    "\"range\"",
    "\"custom\"",
    "\"CRITICAL\"",
    "\"WEIGHTED_SECTIONS\"",
    "\"TOTAL_POINTS\"",
    "1e999999999",
    "\\u0000",
    "\\ud800"
  })
  void readChecklist(byte[] input) {
    String json = new String(input, StandardCharsets.UTF_8);
    Checklist c;
    try {
      c = ChecklistJson.read(json);
    } catch (IllegalArgumentException e) {
      assertBounded(e);
      return;
    }
    assertEquals(c, ChecklistJson.read(ChecklistJson.write(c)));
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  @DictionaryEntries({"\"greet\"", "\"yes\"", "null", "\\u001b", "\\udc00"})
  void readAnswers(byte[] input) {
    String json = new String(input, StandardCharsets.UTF_8);
    try {
      assertNotNull(ChecklistJson.readAnswers(json));
    } catch (IllegalArgumentException e) {
      assertBounded(e);
    }
  }

  static void assertBounded(IllegalArgumentException e) {
    assertNotNull(e.getMessage());
    assertTrue(e.getMessage().length() <= 500, () -> e.getMessage().length() + " chars");
  }
}
