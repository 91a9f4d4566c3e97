package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One rule for {@code null} in every field of a checklist: it reads as if the field were absent. An
 * optional field takes its default; a required one is missing. Before, {@code "name": null} was
 * read as absent but {@code "naAllowed": null}, {@code "weight": null}, {@code "scale": null} or
 * {@code "bands": null} were refused, and {@code "mode": null} was "missing" although {@code mode}
 * is optional.
 */
class ChecklistJsonNullFieldsTest {

  /** The checklist with every optional field present, as {@code "<name>": <value>} placeholders. */
  private static final String FULL =
      "{\"id\":\"c\",\"version\":1,\"name\":\"C\",\"mode\":\"WEIGHTED_SECTIONS\","
          + "\"bonusAbove100\":false,\"sections\":[{\"id\":\"s\",\"name\":\"S\",\"weight\":1,"
          + "\"criteria\":[{\"id\":\"k\",\"name\":\"K\",\"weight\":1,\"scale\":{\"type\":\"binary\"},"
          + "\"naAllowed\":false,\"required\":true,\"criticality\":\"NONE\",\"bonus\":false}]}],"
          + "\"bands\":[{\"name\":\"red\",\"from\":0,\"action\":\"a\"}]}";

  /** {@code FULL} with the member {@code member} (as written in FULL) replaced. */
  private static String with(String member, String replacement) {
    assertTrue(FULL.contains(member), member);
    return FULL.replaceFirst(java.util.regex.Pattern.quote(member), replacement);
  }

  private static String nullOf(String member) {
    return with(member, member.substring(0, member.indexOf(':') + 1) + "null");
  }

  /** {@code FULL} without the member, a comma before it taken with it. */
  private static String without(String member) {
    String json = with("," + member, "");
    return json.equals(FULL) ? with(member + ",", "") : json;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"name\":\"C\"",
        "\"mode\":\"WEIGHTED_SECTIONS\"",
        "\"bonusAbove100\":false",
        "\"name\":\"S\"",
        "\"weight\":1,\"criteria\"",
        "\"name\":\"K\"",
        "\"weight\":1,\"scale\"",
        "\"scale\":{\"type\":\"binary\"}",
        "\"naAllowed\":false",
        "\"required\":true",
        "\"criticality\":\"NONE\"",
        "\"bonus\":false",
        "\"bands\":[{\"name\":\"red\",\"from\":0,\"action\":\"a\"}]",
      })
  void anOptionalFieldThatIsNullTakesItsDefaultAsIfAbsent(String member) {
    String absent;
    String nulled;
    if (member.endsWith(",\"criteria\"") || member.endsWith(",\"scale\"")) {
      // a weight, named with what follows it to tell the section's from the criterion's
      String weight = member.substring(0, member.indexOf(','));
      String next = member.substring(member.indexOf(',') + 1);
      absent = with(member, next);
      nulled = with(member, "\"weight\":null," + next);
      assertTrue(weight.startsWith("\"weight\""));
    } else {
      absent = without(member);
      nulled = nullOf(member);
    }
    assertEquals(ChecklistJson.read(absent), ChecklistJson.read(nulled), nulled);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"id\":\"c\"|$.id",
        "\"version\":1|$.version",
        "\"sections\":[|$.sections",
        "\"id\":\"s\"|$.sections[0].id",
        "\"criteria\":[|$.sections[0].criteria",
        "\"id\":\"k\"|$.sections[0].criteria[0].id",
        "\"type\":\"binary\"|$.sections[0].criteria[0].scale.type",
        "\"name\":\"red\"|$.bands[0].name",
        "\"from\":0|$.bands[0].from",
        "\"action\":\"a\"|$.bands[0].action",
      })
  void aRequiredFieldThatIsNullIsMissingAsIfAbsent(String memberAndPath) {
    String member = memberAndPath.substring(0, memberAndPath.indexOf('|'));
    String path = memberAndPath.substring(memberAndPath.indexOf('|') + 1);
    String nulled;
    if (member.endsWith("[")) {
      // an array: null in place of the whole array
      int start = FULL.indexOf(member);
      int end = matchingBracket(FULL, start + member.length() - 1);
      nulled =
          FULL.substring(0, start)
              + member.substring(0, member.length() - 1)
              + "null"
              + FULL.substring(end + 1);
    } else {
      nulled = nullOf(member);
    }
    String m =
        assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(nulled)).getMessage();
    assertTrue(m.startsWith("missing required field (at " + path + ", line 1, column "), m);
  }

  private static int matchingBracket(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      if (s.charAt(i) == '[') {
        depth++;
      } else if (s.charAt(i) == ']' && --depth == 0) {
        return i;
      }
    }
    throw new AssertionError(s);
  }
}
