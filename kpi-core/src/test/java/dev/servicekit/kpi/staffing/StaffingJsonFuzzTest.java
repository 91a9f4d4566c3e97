package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz tests (Jazzer) of {@link StaffingJson}. The only outcomes allowed are a
 * value or an {@link IllegalArgumentException} with a message of at most 500 characters, within the
 * per-input timeout.
 *
 * <p>Without {@code JAZZER_FUZZ=1} (the normal build) each method replays its seed and crash inputs
 * from {@code src/test/resources/dev/servicekit/kpi/staffing/StaffingJsonFuzzTestInputs/<method>/}.
 * To fuzz: {@code JAZZER_FUZZ=1 ./mvnw -pl kpi-core -am test -Dtest=StaffingJsonFuzzTest#target
 * -Dsurefire.failIfNoSpecifiedTests=false -Djunit.jupiter.execution.timeout.mode=disabled} (the
 * {@code @Timeout} then bounds each input through libFuzzer instead of the whole run).
 */
class StaffingJsonFuzzTest {
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
    "\"serviceLevel\"",
    "\"answerWithin\"",
    "\"maxOccupancy\"",
    "\"shrinkage\"",
    "\"PT20S\"",
    "0.9999999999",
    "1e-400",
    "1e999999999"
  })
  void target(byte[] input) {
    read(() -> StaffingJson.readTarget(new String(input, StandardCharsets.UTF_8)));
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  @DictionaryEntries({
    "\"intervalLength\"", "\"averageHandleTime\"", "\"intervals\"", "\"start\"", "\"calls\"",
    "\"PT30M\"", "\"PT3M\"", "\"08:00\"", "1e308", "1e-400"
  })
  void forecast(byte[] input) {
    read(() -> StaffingJson.readForecast(new String(input, StandardCharsets.UTF_8)));
  }

  static <T> void read(Supplier<T> reader) {
    try {
      assertNotNull(reader.get());
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage());
      assertTrue(e.getMessage().length() <= 500, () -> e.getMessage().length() + " chars");
    }
  }
}
