package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@code ChecklistJson.read(InputStream)} and {@code readAnswers(InputStream)} read the UTF-8 bytes
 * of a text exactly as the {@code String} readers read the text: the same checklist or answers, or
 * the same message; bytes that are not UTF-8 are one located error; the stream is not closed.
 */
class ChecklistJsonStreamProperties {

  private static final Checklist CHECKLIST =
      Checklist.builder("calls", 1)
          .section(
              Section.of(
                  "s",
                  1,
                  List.of(Criterion.builder("greet").build(), Criterion.builder("solve").build())))
          .build();

  @Property(tries = 300)
  void checklistStreamReadsAsTheText(@ForAll("checklistTexts") String text) {
    assertSameOutcome(text, ChecklistJson::read, ChecklistJson::read);
  }

  @Property(tries = 300)
  void answersStreamReadsAsTheText(@ForAll("answerTexts") String text) {
    assertSameOutcome(text, ChecklistJson::readAnswers, ChecklistJson::readAnswers);
  }

  @Example
  void bytesThatAreNotUtf8AreOneLocatedError() {
    byte[] bytes = "{\"greet\":\n \"y\u00e9s\"}".getBytes(StandardCharsets.UTF_8);
    byte[] bad = java.util.Arrays.copyOf(bytes, bytes.length);
    bad[bad.length - 4] = (byte) 0xC3; // 0xC3 0xC3: a lead byte not followed by a continuation
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChecklistJson.readAnswers(new ByteArrayInputStream(bad)));
    assertEquals(
        "answers JSON is malformed: the document is not valid UTF-8 (at $, line 2, byte 4)",
        e.getMessage());
  }

  @Example
  void theStreamIsNotClosed() {
    boolean[] closed = {false};
    InputStream in =
        new ByteArrayInputStream(ChecklistJson.write(CHECKLIST).getBytes(StandardCharsets.UTF_8)) {
          @Override
          public void close() {
            closed[0] = true;
          }
        };
    assertEquals(CHECKLIST, ChecklistJson.read(in));
    assertFalse(closed[0]);
  }

  private static <T> void assertSameOutcome(
      String text, Function<String, T> fromText, Function<InputStream, T> fromStream) {
    // a lone surrogate has no UTF-8 form (getBytes would write '?'): no byte stream holds that text
    net.jqwik.api.Assume.that(StandardCharsets.UTF_8.newEncoder().canEncode(text));
    T expected = null;
    String refusal = null;
    try {
      expected = fromText.apply(text);
    } catch (IllegalArgumentException e) {
      refusal = e.getMessage();
    }
    InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    if (refusal == null) {
      assertEquals(expected, fromStream.apply(in));
    } else {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fromStream.apply(in));
      assertEquals(refusal, e.getMessage());
    }
  }

  @Provide
  Arbitrary<String> checklistTexts() {
    String valid = ChecklistJson.write(CHECKLIST);
    return Arbitraries.oneOf(
        Arbitraries.just(valid),
        Arbitraries.just("\uFEFF" + valid),
        edits(valid),
        Arbitraries.strings().ofMaxLength(40));
  }

  @Provide
  Arbitrary<String> answerTexts() {
    String valid = "{\"greet\": \"yes\", \"solve\": null, \"caf\u00e9\": \"\u00fc\"}";
    return Arbitraries.oneOf(
        Arbitraries.just(valid),
        Arbitraries.just("\uFEFF" + valid),
        edits(valid),
        Arbitraries.strings().ofMaxLength(40));
  }

  /** The text with one character replaced, inserted or removed (any char, including non-ASCII). */
  private static Arbitrary<String> edits(String valid) {
    Arbitrary<Integer> at = Arbitraries.integers().between(0, valid.length() - 1);
    Arbitrary<Character> c =
        Arbitraries.oneOf(
            Arbitraries.of('{', '}', '"', ':', ',', '[', ']', '\n', '\r', 'e', '1', ' ', '\u00e9'),
            Arbitraries.chars());
    return net.jqwik.api.Combinators.combine(at, c, Arbitraries.integers().between(0, 2))
        .as(
            (i, ch, op) ->
                switch (op) {
                  case 0 -> valid.substring(0, i) + ch + valid.substring(i + 1);
                  case 1 -> valid.substring(0, i) + ch + valid.substring(i);
                  default -> valid.substring(0, i) + valid.substring(i + 1);
                });
  }
}
