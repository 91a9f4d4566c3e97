package dev.servicekit.kpi.internal;

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
 * The shared JSON entry of kpi-core's readers ({@link JsonInput}): number bounds checked on the
 * literal, bounded excerpts and messages, strict UTF-8 streams, empty and trailing documents, and
 * the line and column added to a reader's error, found from its path or the nearest enclosing one.
 */
class JsonInputTest {

  private static String failure(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  // ---- number literals ----

  @Test
  void numbersWithinTenToThePlusMinus400AreAccepted() {
    for (String ok :
        new String[] {
          "0",
          "-0.0",
          "1",
          "1E5",
          "1e400",
          "-1e400",
          "9.99e399",
          "1e-400",
          "12345e-400",
          "0e400",
          "0e-400",
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
          "1e401",
          "10e400",
          "1e-401",
          "1.5e-400",
          "100e-402",
          "0e401",
          "0e-401",
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
  void aNumberOutOfRangeInADocumentIsASyntaxErrorWithItsPath() {
    String m = failure(() -> JsonInput.parse("{\"a\": [1, 1e401]}", "bad: "));
    assertTrue(m.startsWith("bad: number 1e401 is out of range"), m);
    assertTrue(m.contains("(at $.a[1], line 1, column 11)"), m);
  }

  // ---- excerpts and bounded messages ----

  @Test
  void excerptsEscapeLoneSurrogatesAndKeepPairs() {
    assertEquals("a\\ud800b", JsonInput.excerpt("a\uD800b"));
    assertEquals("\\udc00x", JsonInput.excerpt("\uDC00x"));
    assertEquals("x\\ud83d", JsonInput.excerpt("x\uD83D"));
    String pair = "face \uD83D\uDE00";
    assertSame(pair, JsonInput.excerpt(pair));
  }

  @Test
  void excerptsKeepShortTextAndCutLongTextAtEightyCharacters() {
    assertNull(JsonInput.excerpt((String) null));
    String eighty = "x".repeat(80);
    assertSame(eighty, JsonInput.excerpt(eighty));
    assertEquals("x".repeat(80) + "…(81 chars)", JsonInput.excerpt("x".repeat(81)));
    // a surrogate pair is not split: the cut moves before its high half
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
    String head = "h".repeat(300);
    String tail = "t".repeat(300);
    String bounded = JsonInput.bound(head + tail);
    assertEquals(500, bounded.length());
    assertEquals("h".repeat(250) + " … " + "t".repeat(247), bounded);
  }

  // ---- documents ----

  @Test
  void emptyAndTrailingDocumentsAreRefused() {
    assertTrue(failure(() -> JsonInput.parse("", "bad: ")).contains("no JSON value"));
    assertTrue(failure(() -> JsonInput.parse("  ", "bad: ")).contains("no JSON value"));
    String m = failure(() -> JsonInput.parse("{} {}", "bad: "));
    assertTrue(m.startsWith("bad: trailing content after the JSON value"), m);
    assertTrue(m.contains("line 1, column 4"), m);
    assertEquals(1, JsonInput.parse("{\"a\": 1}", "bad: ").get("a").asInt());
  }

  @Test
  void aTooLongDocumentIsRefusedBeforeParsing() {
    String big = " ".repeat(JsonInput.MAX_DOCUMENT_LENGTH + 1);
    String m = failure(() -> JsonInput.parse(big, "bad: "));
    assertEquals("bad: document of 16777217 characters is longer than 16777216 (at $)", m);
    byte[] bytes = new byte[JsonInput.MAX_DOCUMENT_LENGTH + 1];
    java.util.Arrays.fill(bytes, (byte) ' ');
    String s = failure(() -> JsonInput.read(new ByteArrayInputStream(bytes), "bad: ", n -> n));
    assertEquals("bad: document is longer than 16777216 bytes (at $)", s);
  }

  @Test
  void streamsAreDecodedAsStrictUtf8() {
    InputStream ok = new ByteArrayInputStream("{\"a\": \"é\"}".getBytes(UTF_8));
    assertEquals("é", JsonInput.read(ok, "bad: ", n -> n.get("a").asText()));
    byte[] broken = "{\n  \"ab\": \"x\u00ff\"}".getBytes(UTF_8);
    // replace the two-byte encoding of ÿ (C3 BF) by a lone continuation byte and a space
    for (int i = 0; i < broken.length; i++) {
      if (broken[i] == (byte) 0xC3) {
        broken[i] = (byte) 0xBF;
        broken[i + 1] = ' ';
      }
    }
    String m = failure(() -> JsonInput.read(new ByteArrayInputStream(broken), "bad: ", n -> n));
    assertEquals("bad: the document is not valid UTF-8 (at $, line 2, byte 11)", m);
  }

  // ---- locating a reader's error (at the value the path names) ----

  private static String readerError(String json, String message) {
    Function<JsonNode, Object> reader =
        n -> {
          throw new IllegalArgumentException(message);
        };
    return failure(() -> JsonInput.read(json, "bad: ", reader));
  }

  @Test
  void aReaderErrorGetsTheLineAndColumnOfItsPath() {
    // line 2 is ' "a": {"b": 1},': the value 1 is its 13th character
    String json = "{\n \"a\": {\"b\": 1},\n \"list\": [10,\n   20]}";
    assertEquals("too big (at $.a.b, line 2, column 13)", readerError(json, "too big (a.b)"));
    assertEquals("odd (at $.list[1], line 4, column 4)", readerError(json, "odd (list[1])"));
    assertEquals("odd (at $.list[0], line 3, column 11)", readerError(json, "odd (list[0])"));
    assertEquals("empty (at $, line 1, column 1)", readerError(json, "empty ($)"));
    assertEquals("odd (at $.list[0], line 3, column 11)", readerError(json, "odd (at $.list[0])"));
  }

  @Test
  void aMissingPathIsLocatedAtItsNearestEnclosingValue() {
    String json = "{\n \"a\": {\"b\": 1},\n \"list\": [10,\n   {\"x\": 2}]}";
    assertEquals("missing (at $.a.c, line 2, column 7)", readerError(json, "missing (a.c)"));
    assertEquals(
        "missing (at $.list[1].y, line 4, column 4)", readerError(json, "missing (list[1].y)"));
    assertEquals(
        "missing (at $.list[7], line 3, column 10)", readerError(json, "missing (list[7])"));
    assertEquals("missing (at $.zz, line 1, column 1)", readerError(json, "missing (zz)"));
  }

  @Test
  void aReaderErrorWithoutAPathIsKeptAsItIs() {
    String json = "{\"a\": 1}";
    assertEquals("no path here", readerError(json, "no path here"));
    assertEquals(": starts with a colon", readerError(json, ": starts with a colon"));
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
