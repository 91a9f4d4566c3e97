package dev.servicekit.sla.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The limits of {@link JsonInput} at their exact values and one past, and the line and column it
 * adds to a reader's error (issue 14, mutation testing of the json group).
 */
class JsonInputBoundaryTest {

  private static final String MALFORMED = "malformed JSON: ";

  private static JsonNode read(String json) {
    return JsonInput.read(json, MALFORMED, Function.identity());
  }

  private static String rejected(String json) {
    return assertThrows(IllegalArgumentException.class, () -> read(json)).getMessage();
  }

  /** The message a reader's error gets after {@code JsonInput} has located its path. */
  private static String located(String json, String message) {
    return assertThrows(
            IllegalArgumentException.class,
            () ->
                JsonInput.read(
                    json,
                    MALFORMED,
                    n -> {
                      throw new IllegalArgumentException(message);
                    }))
        .getMessage();
  }

  @Test
  void aDocumentOfExactlyTheMaximumLengthIsReadAndOneCharacterMoreIsNot() {
    char[] doc = new char[JsonInput.MAX_DOCUMENT_LENGTH];
    Arrays.fill(doc, ' ');
    doc[0] = '7';
    assertEquals(7, read(new String(doc)).intValue());
    assertEquals(
        MALFORMED + "document of 16777217 characters is longer than 16777216 (at $)",
        rejected(new String(doc) + " "));
  }

  @Test
  void aStreamOfExactlyTheMaximumLengthIsReadAndOneByteMoreIsNot() {
    byte[] doc = new byte[JsonInput.MAX_DOCUMENT_LENGTH];
    Arrays.fill(doc, (byte) ' ');
    doc[0] = '7';
    assertEquals(
        7, JsonInput.read(new ByteArrayInputStream(doc), MALFORMED, JsonNode::intValue).intValue());
    byte[] longer = Arrays.copyOf(doc, doc.length + 1);
    longer[doc.length] = ' ';
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JsonInput.read(new ByteArrayInputStream(longer), MALFORMED, JsonNode::intValue));
    assertEquals(MALFORMED + "document is longer than 16777216 bytes (at $)", e.getMessage());
  }

  @Test
  void exponentsOfSixDigitsAreReadWithOrWithoutASignAndSevenAreRefused() {
    JsonNode read = read("[1e000001, 1E+00001, 1e-000001, 1e+000001]");
    double[] values = new double[read.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = read.get(i).doubleValue();
    }
    assertArrayEquals(new double[] {10, 10, 0.1, 10}, values);
    // each read as written, for an error that quotes it
    assertEquals("1E+00001", read.get(1).toString());
    assertEquals(
        MALFORMED
            + "number 1e0000001 is out of range: magnitude and decimals are limited to 10^±400"
            + " (at $[0], line 1, column 2)",
        rejected("[1e0000001]"));
    assertEquals(
        MALFORMED
            + "number 1e+0000001 is out of range: magnitude and decimals are limited to 10^±400"
            + " (at $[1], line 1, column 5)",
        rejected("[0, 1e+0000001]"));
    assertEquals(
        MALFORMED
            + "number 2E-0000001 is out of range: magnitude and decimals are limited to 10^±400"
            + " (at $.x, line 1, column 7)",
        rejected("{\"x\": 2E-0000001}"));
  }

  @Test
  void magnitudeAndDecimalsAreBoundedAtExactlyTenToThe400() {
    for (String good : new String[] {"0.5e-399", "1.5e-324", "1e400"}) {
      // within 10^±400: refused as beyond a double, not by that bound
      assertFalse(rejected(good).contains("10^±400"), good);
    }
    for (String bad : new String[] {"1e401", "1e-401", "123e399", "0e401"}) {
      assertEquals(
          MALFORMED
              + "number "
              + bad
              + " is out of range: magnitude and decimals are limited to 10^±400 (at $, line 1,"
              + " column 1)",
          rejected(bad));
    }
  }

  @Test
  void magnitudeIsBoundedAtExactlyADoublesRange() {
    // the largest double, the smallest above zero (4.9e-324; 3e-324 rounds up to it), zero
    for (String good :
        new String[] {"1.7976931348623157e308", "-1.7976931348623157e308", "4.9e-324", "3e-324"}) {
      double d = read(good).doubleValue();
      assertTrue(d != 0 && !Double.isInfinite(d), good);
    }
    assertEquals(0, read("0e400").doubleValue());
    assertEquals(0, read("-0.0e-399").doubleValue());
    // 1.7976931348623159e308 rounds to Infinity, 2e-324 to 0.0: a value not in the text
    for (String bad :
        new String[] {
          "1.7976931348623159e308", "1e400", "-1e309", "2e-324", "1e-400", "0.5e-399"
        }) {
      assertEquals(
          MALFORMED
              + "number "
              + bad
              + " is out of range: a number must be one a double holds, at most"
              + " 1.7976931348623157E308 in magnitude and, unless 0, at least 4.9E-324 (at $, line 1,"
              + " column 1)",
          rejected(bad));
    }
  }

  @Test
  void aFieldNameOfExactly256CharactersIsReadAndOneMoreIsNot() {
    String name = "n".repeat(JsonInput.MAX_NAME_LENGTH);
    assertEquals(1, read("{\"" + name + "\": 1}").get(name).intValue());
    assertEquals(
        MALFORMED
            + "field name of 257 characters is longer than 256 (at $."
            + "n".repeat(80)
            + "…(257 chars), line 1, column 2)",
        rejected("{\"" + name + "n\": 1}"));
  }

  @Test
  void excerptsKeepEightyCharactersAndNeverSplitASurrogatePair() {
    String eighty = "e".repeat(80);
    assertEquals(eighty, JsonInput.excerpt(eighty));
    assertEquals(eighty + "…(81 chars)", JsonInput.excerpt(eighty + "f"));
    String pair = "a".repeat(79) + "\uD83D\uDE00" + "b";
    assertEquals("a".repeat(79) + "…(82 chars)", JsonInput.excerpt(pair));
    String after = "a".repeat(80) + "\uD83D\uDE00";
    assertEquals("a".repeat(80) + "…(82 chars)", JsonInput.excerpt(after));
  }

  @Test
  void containersOfMoreThanEightyMembersAreNamedByTheirSize() {
    JsonNode eighty = read("[" + "1,".repeat(79) + "1]");
    assertEquals("[" + "1,".repeat(39) + "1…(161 chars)", JsonInput.excerpt(eighty));
    assertEquals("an array of 81 members", JsonInput.excerpt(read("[" + "1,".repeat(80) + "1]")));
    StringBuilder o = new StringBuilder("{");
    for (int i = 0; i < 81; i++) {
      o.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":0");
    }
    assertEquals("an object of 81 members", JsonInput.excerpt(read(o.append('}').toString())));
    assertEquals(
        "expected a string but found nothing (name)",
        assertThrows(IllegalArgumentException.class, () -> JsonInput.text(null, "name"))
            .getMessage());
  }

  @Test
  void aReaderErrorWithoutAPathIsPassedOnUnchanged() {
    IllegalArgumentException mine = new IllegalArgumentException("no path here");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                JsonInput.read(
                    "{}",
                    MALFORMED,
                    n -> {
                      throw mine;
                    }));
    assertSame(mine, e);
    assertEquals("closing paren only)", located("{}", "closing paren only)"));
  }

  @Test
  void aMessageThatIsOnlyAPathIsLocated() {
    assertEquals(" (at $.a, line 1, column 8)", located("{ \"a\": 1}", " (a)"));
  }

  @Test
  void aPathWhoseFieldNameContainsParenthesesIsFoundWithinThreeTries() {
    // the path is "k (1": the message is split at the last " (" first, then at the one before
    assertEquals("bad (at $.k (1, line 2, column 10)", located("{\n \"k (1\": 5}", "bad (k (1)"));
    // "k (1 (2 (3" needs a fourth split, so the first split's path is located instead: it does not
    // exist, and its nearest enclosing value is the root
    assertEquals(
        "bad (k (1 (2 (at $.3, line 1, column 1)",
        located("{\"k (1 (2 (3\": 5}", "bad (k (1 (2 (3)"));
  }

  @Test
  void aMissingPathIsLocatedAtItsNearestEnclosingValue() {
    assertEquals(
        "bad (at $.a.zzz, line 2, column 8)", located("{\n  \"a\": {\"b\": 1}}", "bad (a.zzz)"));
    assertEquals(
        "bad (at $.a[7].b, line 1, column 6)", located("{\"a\":[1, {\"b\": 2}]}", "bad (a[7].b)"));
  }

  @Test
  void longMessagesAreCutInTheMiddleKeepingTheirPathAndLocation() {
    String cut = located("{\"zone\": 1}", "h".repeat(600) + " (zone)");
    String where = " (at $.zone, line 1, column 10)";
    assertEquals("h".repeat(250) + " … " + "h".repeat(247 - where.length()) + where, cut);
    assertEquals(500, cut.length());
    // exactly 500 characters are kept whole
    String x = "x".repeat(500 - where.length());
    String whole = located("{\"zone\": 1}", x + " (zone)");
    assertEquals(500, whole.length());
    assertEquals(x + where, whole);
  }

  @Test
  void aByteThatIsNotUtf8IsOnTheLineJacksonCountsAfterBareCarriageReturns() {
    // Lines end at "\r", "\r\n" or "\n", as Jackson counts them in every other error; the UTF-8
    // check counted '\n' only, so it named line 2 here, and a syntax error at the same place
    // line 4.
    String head = "{\r\"a\":\r\n[1,\n\"x";
    byte[] notUtf8 = (head + "\u00ff\"]}").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertEquals(
        MALFORMED + "the document is not valid UTF-8 (at $, line 4, byte 3)",
        assertThrows(
                IllegalArgumentException.class,
                () -> JsonInput.read(new ByteArrayInputStream(notUtf8), MALFORMED, n -> n))
            .getMessage());
    byte[] syntax = (head + "\"?]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String jackson =
        assertThrows(
                IllegalArgumentException.class,
                () -> JsonInput.read(new ByteArrayInputStream(syntax), MALFORMED, n -> n))
            .getMessage();
    assertTrue(jackson.endsWith(", line 4, column 4)"), jackson);
  }
}
