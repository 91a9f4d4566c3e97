package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.servicekit.kpi.staffing.StaffingJson;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A syntax error names what is wrong in JSON's terms, not Jackson's advice to switch on one of its
 * features, nor its redacted source description (a snapshot's read "start marker at [Source:
 * REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 4]").
 */
class JacksonAdviceMessageTest {

  private static final String NPS = NpsAccumulator.create().toJson();

  static Stream<Arguments> readers() {
    return Stream.of(
        Arguments.of(
            "snapshot NaN",
            (Executable) () -> NpsAccumulator.fromJson(NPS.replace(":0,", ":NaN,"))),
        Arguments.of("snapshot unclosed", (Executable) () -> NpsAccumulator.fromJson("[[[[")),
        Arguments.of("snapshot trailing", (Executable) () -> KpiSnapshots.fromJson(NPS + " {}")),
        Arguments.of(
            "staffing NaN", (Executable) () -> StaffingJson.readTarget("{\"serviceLevel\": NaN}")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("readers")
  void noReaderPassesOnJacksonsAdvice(String name, Executable read) {
    String m = assertThrows(IllegalArgumentException.class, read).getMessage();
    for (String jackson :
        new String[] {"`", "enable", "Feature", "JsonNode", "REDACTED", "Source:"}) {
      assertFalse(m.contains(jackson), () -> name + ": " + m);
    }
  }

  @Test
  void anUnclosedSnapshotSaysWhereTheArrayStarted() {
    assertEquals(
        "snapshot is not valid JSON: Unexpected end-of-input: expected close marker for Array"
            + " (start marker at [line: 1, column: 4]) (at $[0][0][0][0], line 1, column 5)",
        assertThrows(IllegalArgumentException.class, () -> NpsAccumulator.fromJson("[[[["))
            .getMessage());
  }
}
