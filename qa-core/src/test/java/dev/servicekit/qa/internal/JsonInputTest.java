package dev.servicekit.qa.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * qa-core's JSON entry ({@link JsonInput}): number bounds checked on the literal (10^±50), bounded
 * excerpts and messages, field-name limit, strict UTF-8 streams, empty and trailing documents, and
 * the line and column added to a reader's error that ends with {@code " (at $.path)"}.
 */
class JsonInputTest {

  private static String failure(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  private static JsonNode parse(String json) {
    return JsonInput.read(json, "bad: ", Function.identity());
  }

  @Test
  void numbersWithinTenToThePlusMinus50AreAccepted() {
    for (String ok :
        new String[] {
          "0",
          "-0.0",
          "1",
          "1E5",
          "1e50",
          "-1e50",
          "9.99e49",
          "1e-50",
          "12345e-50",
          "0e50",
          "0e-50",
          "1e+000040",
          "1e-000040",
          "0.000",
          "123456789012345678901234567890"
        }) {
      assertTrue(JsonInput.withinBounds(ok), ok);
    }
  }

  @Test
  void numbersBeyondTheBoundsOrWithTooManyExponentDigitsAreRefused() {
    for (String bad :
        new String[] {
          "1e51",
          "10e50",
          "1e-51",
          "1.5e-50",
          "100e-52",
          "0e51",
          "0e-51",
          "1e+0000040",
          "1e-0000040",
          "1e0000040",
          "1e999999999",
          "1e",
          "e5",
          "1e+"
        }) {
      assertFalse(JsonInput.withinBounds(bad), bad);
    }
  }

  @Test
  void aNumberOutOfRangeOrALongFieldNameInADocumentIsASyntaxError() {
    String m = failure(() -> parse("{\"a\": [1, 1e51]}"));
    assertTrue(m.startsWith("bad: number 1e51 is out of range"), m);
    assertTrue(m.contains("a[1], line 1, column 11"), m);
    String okName = "n".repeat(JsonInput.MAX_NAME_LENGTH);
    assertEquals(1, parse("{\"" + okName + "\": 1}").get(okName).asInt());
    String longName = okName + "n";
    String n = failure(() -> parse("{\"" + longName + "\": 1}"));
    assertTrue(n.contains("field name of 257 characters is longer than 256"), n);
  }

  @Test
  void excerptsKeepShortTextAndCutLongTextAtEightyCharacters() {
    assertNull(JsonInput.excerpt((String) null));
    String eighty = "x".repeat(80);
    assertSame(eighty, JsonInput.excerpt(eighty));
    assertEquals("x".repeat(80) + "…(81 chars)", JsonInput.excerpt("x".repeat(81)));
    String pair = "x".repeat(79) + "\uD83D\uDE00" + "y";
    assertEquals("x".repeat(79) + "…(82 chars)", JsonInput.excerpt(pair));
  }

  @Test
  void nodeExcerptsNameLargeContainersByTheirSize() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertEquals("nothing", JsonInput.excerpt((JsonNode) null));
    assertEquals("\"ab\"", JsonInput.excerpt(f.textNode("ab")));
    var array = f.arrayNode();
    var object = f.objectNode();
    for (int i = 0; i < 80; i++) {
      array.add(i % 10);
      object.put("k" + i, 0);
    }
    assertTrue(JsonInput.excerpt(array).startsWith("[0,1,2"), JsonInput.excerpt(array));
    array.add(0);
    object.put("k80", 0);
    assertEquals("an array of 81 members", JsonInput.excerpt(array));
    assertEquals("an object of 81 members", JsonInput.excerpt(object));
  }

  @Test
  void messagesAreBoundedToFiveHundredCharactersKeepingBothEnds() {
    String exact = "m".repeat(500);
    assertSame(exact, JsonInput.bound(exact));
    String bounded = JsonInput.bound("h".repeat(300) + "t".repeat(300));
    assertEquals(500, bounded.length());
    assertEquals("h".repeat(250) + " … " + "t".repeat(247), bounded);
  }

  @Test
  void emptyTrailingAndTooLongDocumentsAreRefused() {
    assertTrue(failure(() -> parse("")).contains("no JSON value"));
    String m = failure(() -> parse("{} {}"));
    assertTrue(m.startsWith("bad: trailing content after the JSON value"), m);
    assertTrue(m.contains("line 1, column 4"), m);
    String big = " ".repeat(JsonInput.MAX_DOCUMENT_LENGTH + 1);
    assertTrue(failure(() -> parse(big)).contains("16777217 characters"));
    byte[] bytes = new byte[JsonInput.MAX_DOCUMENT_LENGTH + 1];
    java.util.Arrays.fill(bytes, (byte) ' ');
    String s = failure(() -> JsonInput.read(new ByteArrayInputStream(bytes), "bad: ", n -> n));
    assertTrue(s.contains("longer than 16777216 bytes"), s);
  }

  @Test
  void streamsAreDecodedAsStrictUtf8() {
    InputStream ok = new ByteArrayInputStream("{\"a\": \"é\"}".getBytes(UTF_8));
    assertEquals("é", JsonInput.read(ok, "bad: ", n -> n.get("a").asText()));
    byte[] broken = "{\n  \"ab\": \"x\u00ff\"}".getBytes(UTF_8);
    for (int i = 0; i < broken.length; i++) {
      if (broken[i] == (byte) 0xC3) {
        broken[i] = (byte) 0xBF;
        broken[i + 1] = ' ';
      }
    }
    String m = failure(() -> JsonInput.read(new ByteArrayInputStream(broken), "bad: ", n -> n));
    assertTrue(m.endsWith("line 2, byte 11)"), m);
  }

  private static String readerError(String json, String message) {
    Function<JsonNode, Object> reader =
        n -> {
          throw new IllegalArgumentException(message);
        };
    return failure(() -> JsonInput.read(json, "bad: ", reader));
  }

  @Test
  void aReaderErrorGetsTheLineAndColumnOfThePathItEndsWith() {
    String json = "{\n \"a\": {\"b\": 1},\n \"list\": [10,\n   {\"x\": 2}]}";
    assertEquals("too big (at $.a.b, line 2, column 13)", readerError(json, "too big (at $.a.b)"));
    assertEquals("odd (at $.list[0], line 3, column 11)", readerError(json, "odd (at $.list[0])"));
    // a missing path: the nearest enclosing value that exists
    assertEquals(
        "missing (at $.list[1].y, line 4, column 4)",
        readerError(json, "missing (at $.list[1].y)"));
    assertEquals("missing (at $.a.c, line 2, column 7)", readerError(json, "missing (at $.a.c)"));
    // the last of several paths that exists is used
    assertEquals(
        "x (at $.zz) y (at $.a.b, line 2, column 13)",
        readerError(json, "x (at $.zz) y (at $.a.b)"));
    // without a path, the message is kept
    assertEquals("no path here", readerError(json, "no path here"));
  }

  @Test
  void childPathsStartAtTheRoot() {
    assertEquals("$.a", JsonInput.child("$", "a"));
    assertEquals("$.a.b", JsonInput.child("a", "b"));
  }

  @Test
  void aByteThatIsNotUtf8IsOnTheLineJacksonCountsAfterBareCarriageReturns() {
    // Lines end at "\r", "\r\n" or "\n", as Jackson counts them in every other error; the UTF-8
    // check counted '\n' only, so it named line 2 here, and a syntax error at the same place
    // line 4.
    String head = "{\r\"a\":\r\n[1,\n\"x";
    byte[] notUtf8 = (head + "\u00ff\"]}").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertEquals(
        "bad: " + "the document is not valid UTF-8 (at $, line 4, byte 3)",
        assertThrows(
                IllegalArgumentException.class,
                () -> JsonInput.read(new ByteArrayInputStream(notUtf8), "bad: ", n -> n))
            .getMessage());
    byte[] syntax = (head + "\"?]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String jackson =
        assertThrows(
                IllegalArgumentException.class,
                () -> JsonInput.read(new ByteArrayInputStream(syntax), "bad: ", n -> n))
            .getMessage();
    assertTrue(jackson.endsWith(", line 4, column 4)"), jackson);
  }
}
