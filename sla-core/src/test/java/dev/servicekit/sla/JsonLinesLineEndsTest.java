package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * The JSON Lines reader of {@link TicketEventJson} ends a line at "\n", "\r\n" or a bare "\r", as
 * {@link java.io.BufferedReader#readLine()} does (old Mac tools write bare CRs; before, such a file
 * was one line and failed as "more than one object per line"), with line numbers that count every
 * one of them, however the input is split into reads.
 */
class JsonLinesLineEndsTest {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  private static String event(String id) {
    return TicketEventJson.write(new TicketEvent.CustomerMessage("T-1", id, T));
  }

  @Test
  void bareCarriageReturnsEndLinesAndErrorsNameTheirLine() {
    String text = event("e1") + "\r" + event("e2") + "\r\r" + "{\"v\":1,\"kind\":\"Nope\"}\r";
    TicketEventJson.LineReader r = TicketEventJson.reader(new StringReader(text));
    assertEquals("e1", r.next().id());
    assertEquals(1, r.lineNumber());
    assertEquals("e2", r.next().id());
    assertEquals(2, r.lineNumber());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::hasNext);
    assertTrue(e.getMessage().startsWith("kind 'Nope' is unknown"), e.getMessage());
    assertTrue(e.getMessage().endsWith("(at $.kind, line 4, column 15)"), e.getMessage());
    assertEquals(4, r.lineNumber());
    assertFalse(r.hasNext());
    assertEquals(4, r.lineNumber());
  }

  /**
   * Only spaces and tabs make a blank line, as they are JSON's whitespace: a line of a vertical
   * tab, a file separator, a line separator or an ideographic space (all {@link String#isBlank})
   * was skipped without a word; it is an error of its line, after which the reader goes on.
   */
  @Test
  void aLineOfOtherSpacesIsAnErrorNotABlankLine() {
    for (String odd : List.of("\u000B", "\u001C", "\u001F", "\u2028", "\u3000", " \u2029\t")) {
      String text = event("e1") + "\n \t \n" + odd + "\n" + event("e2") + "\n";
      TicketEventJson.LineReader r = TicketEventJson.reader(new StringReader(text));
      assertEquals("e1", r.next().id());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::hasNext);
      assertTrue(e.getMessage().contains("line 3"), e.getMessage());
      assertEquals("e2", r.next().id(), "read on after the bad line");
      assertFalse(r.hasNext());
    }
  }

  @Test
  void aCarriageReturnAndLineFeedSplitAcrossReadsIsOneLineEnd() {
    String text = event("e1") + "\r\n" + event("e2") + "\r\n\r\n" + event("e3");
    TicketEventJson.LineReader r = TicketEventJson.reader(oneCharAtATime(text));
    List<String> seen = new ArrayList<>();
    while (r.hasNext()) {
      seen.add(r.next().id() + "@" + r.lineNumber());
    }
    assertEquals(List.of("e1@1", "e2@2", "e3@4"), seen);
  }

  @Test
  void aLineEndedByABareCarriageReturnIsReturnedWithoutWaitingForMoreInput() {
    // A live stream (a pipe, a socket) that has sent one line and a CR and nothing more yet: the
    // reader must not read on to see whether a '\n' follows.
    String first = event("e1") + "\r";
    Reader live =
        new Reader() {
          private int at;

          @Override
          public int read(char[] b, int off, int len) throws IOException {
            if (at == first.length()) {
              throw new IOException("the test's stream would block here");
            }
            int n = Math.min(len, first.length() - at);
            first.getChars(at, at + n, b, off);
            at += n;
            return n;
          }

          @Override
          public void close() {}
        };
    TicketEventJson.LineReader r = TicketEventJson.reader(live);
    assertEquals("e1", r.next().id());
    assertEquals(1, r.lineNumber());
  }

  @Test
  void anOverlongLineEndedByABareCarriageReturnIsOneErrorAndTheNextLineIsRead() {
    String huge = "{\"v\":1,\"ticketId\":\"" + "T".repeat(TicketEventJson.MAX_LINE_CHARS) + "\"}";
    for (String eol : new String[] {"\r", "\r\n", "\n"}) {
      TicketEventJson.LineReader r =
          TicketEventJson.reader(new StringReader(huge + eol + event("e2") + eol));
      assertEquals(
          "line is longer than 1048576 characters (at $, line 1, column 1)",
          assertThrows(IllegalArgumentException.class, r::hasNext).getMessage(),
          eol);
      assertEquals("e2", r.next().id());
      assertEquals(2, r.lineNumber(), eol);
      assertFalse(r.hasNext());
    }
  }

  /**
   * Any mix of the three line ends, blank lines among them, any split of the input into reads: the
   * same events, each at the line number a {@link java.io.BufferedReader} gives it (the oracle).
   */
  @Property(tries = 200)
  void everyMixOfLineEndsAndReadSizesReadsLikeBufferedReader(
      @ForAll("lineEnds") List<String> ends, @ForAll @IntRange(min = 1, max = 40) int readSize)
      throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < ends.size(); i++) {
      // every third line blank, so that empty lines between the ends are counted too
      String content = i % 3 == 2 ? "" : event("e" + i);
      text.append(content).append(ends.get(i));
    }
    try (java.io.BufferedReader oracle =
        new java.io.BufferedReader(new StringReader(text.toString()))) {
      int n = 0;
      for (String l = oracle.readLine(); l != null; l = oracle.readLine()) {
        n++;
        if (!l.isEmpty()) {
          expected.add(TicketEventJson.read(l).id() + "@" + n);
        }
      }
    }
    TicketEventJson.LineReader r = TicketEventJson.reader(chunked(text.toString(), readSize));
    List<String> seen = new ArrayList<>();
    while (r.hasNext()) {
      seen.add(r.next().id() + "@" + r.lineNumber());
    }
    assertEquals(expected, seen);
  }

  @Provide
  Arbitrary<List<String>> lineEnds() {
    return Arbitraries.of("\n", "\r\n", "\r").list().ofMinSize(1).ofMaxSize(12);
  }

  private static Reader oneCharAtATime(String text) {
    return chunked(text, 1);
  }

  /** A reader that returns at most {@code size} characters per read. */
  private static Reader chunked(String text, int size) {
    return new Reader() {
      private int at;

      @Override
      public int read(char[] b, int off, int len) {
        if (at == text.length()) {
          return -1;
        }
        int n = Math.min(Math.min(len, size), text.length() - at);
        text.getChars(at, at + n, b, off);
        at += n;
        return n;
      }

      @Override
      public void close() {}
    };
  }
}
