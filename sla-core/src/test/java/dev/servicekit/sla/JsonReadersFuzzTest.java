package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.servicekit.sla.holidays.CalendarCorrections;
import dev.servicekit.sla.holidays.ProductionCalendarJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz tests (Jazzer) of the JSON readers of sla-core: {@link CalendarJson}, {@link
 * SlaPolicyJson} and {@link ProductionCalendarJson}. The only outcomes allowed are a value (which
 * then survives a write/read round trip) or an {@link IllegalArgumentException} with a message of
 * at most 500 characters, within the per-input timeout. The text and the stream entry points must
 * agree.
 *
 * <p>Without {@code JAZZER_FUZZ=1} (the normal build) each method replays its seed and crash inputs
 * from {@code src/test/resources/dev/servicekit/sla/JsonReadersFuzzTestInputs/<method>/}. To fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl sla-core -am test -Dtest=JsonReadersFuzzTest#calendar
 * -Dsurefire.failIfNoSpecifiedTests=false -Djunit.jupiter.execution.timeout.mode=disabled} (the
 * {@code @Timeout} then bounds each input through libFuzzer instead of the whole run).
 */
class JsonReadersFuzzTest {
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
    "\"id\"", "\"zone\"", "\"UTC\"", "\"Europe/Berlin\"", "\"week\"", "\"MONDAY\"", "\"holidays\"",
    "\"shortened\"", "\"hours\"", "\"workingDays\"", "\"date\"", "\"by\"", "\"ranges\"", "\"as\"",
    "\"09:00-17:00\"", "\"22:00-06:00\"", "\"2026-12-24\"", "\"PT1H\"", "1e999999999"
  })
  void calendar(byte[] input) {
    BusinessCalendar text = read(() -> CalendarJson.read(utf8(input)));
    BusinessCalendar stream = read(() -> CalendarJson.read(new ByteArrayInputStream(input)));
    if (text != null) {
      assertEquals(text, CalendarJson.read(CalendarJson.write(text)));
    }
    if (isWellFormedUtf8(input)) {
      assertEquals(text, stream);
    }
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  @DictionaryEntries({
    "\"statuses\"",
    "\"solvedStatuses\"",
    "\"cancelledStatuses\"",
    "\"initialStatus\"",
    "\"stages\"",
    "\"reentry\"",
    "\"resolutionReopen\"",
    "\"firstResponseSolve\"",
    "\"PAUSE\"",
    "\"retargetRule\"",
    "\"breachRule\"",
    "\"closingRule\"",
    "\"reattachStart\"",
    "\"retroactivePause\"",
    "\"scheduleRule\"",
    "\"dueFrom\"",
    "\"dueDateRule\"",
    "\"ONE_SECOND_WHEN_MISSING_OR_PAST\"",
    "\"metricDefinitions\"",
    "\"startOn\"",
    "\"stopOn\"",
    "\"cancelOn\"",
    "\"armOn\"",
    "\"pauseIn\"",
    "\"cycles\"",
    "\"whenSolved\"",
    "\"on\"",
    "\"values\"",
    "\"attribute\"",
    "\"status_entered\"",
    "\"tag_added\"",
    "\"custom:x\"",
    "\"policies\"",
    "\"defaultPolicy\"",
    "\"name\"",
    "\"when\"",
    "\"matrix\"",
    "\"cells\"",
    "\"default\"",
    "\"channels\"",
    "\"targets\"",
    "\"metrics\"",
    "\"metric\"",
    "\"calendar\"",
    "\"pauseOn\"",
    "\"warnAt\"",
    "\"escalations\"",
    "\"level\"",
    "\"percent\"",
    "\"recipient\"",
    "\"first_response\"",
    "\"resolution\"",
    "\"stage:\"",
    "\"*\"",
    "\"PT1H\"",
    "\"24/7\""
  })
  void policy(byte[] input) {
    SlaPolicySet text = read(() -> SlaPolicyJson.read(utf8(input)));
    SlaPolicySet stream = read(() -> SlaPolicyJson.read(new ByteArrayInputStream(input)));
    if (text != null) {
      assertEquals(text, SlaPolicyJson.read(SlaPolicyJson.write(text)));
    }
    if (isWellFormedUtf8(input)) {
      assertEquals(text, stream);
    }
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  @DictionaryEntries({
    "\"country\"",
    "\"subdivision\"",
    "\"years\"",
    "\"from\"",
    "\"until\"",
    "\"source\"",
    "\"holidays\"",
    "\"dayOff\"",
    "\"shortened\"",
    "\"workingDays\"",
    "\"remove\"",
    "\"date\"",
    "\"name\"",
    "\"reason\"",
    "\"by\"",
    "\"as\"",
    "\"RU\"",
    "\"2025-01-01\"",
    "\"PT1H\""
  })
  void productionCalendar(byte[] input) {
    CalendarCorrections text = read(() -> ProductionCalendarJson.read(utf8(input)));
    CalendarCorrections stream =
        read(() -> ProductionCalendarJson.read(new ByteArrayInputStream(input)));
    if (text != null) {
      assertEquals(text, ProductionCalendarJson.read(ProductionCalendarJson.write(text)));
    }
    if (isWellFormedUtf8(input)) {
      assertEquals(text, stream);
    }
  }

  /** The value, or null after checking that the reader rejected the input as documented. */
  static <T> T read(java.util.function.Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage());
      assertTrue(e.getMessage().length() <= 500, () -> e.getMessage().length() + " chars");
      return null;
    }
  }

  private static String utf8(byte[] input) {
    return new String(input, StandardCharsets.UTF_8);
  }

  private static boolean isWellFormedUtf8(byte[] input) {
    return java.util.Arrays.equals(input, utf8(input).getBytes(StandardCharsets.UTF_8));
  }
}
