package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * {@link TicketEventJson#reader(InputStream)} decodes each line strictly: a byte that is not UTF-8
 * is one error naming its line and byte, after the lines before it were delivered (a decoding
 * {@code Reader} reads ahead and fails before them, without a position), and reading goes on with
 * the next line. Otherwise it reads what the character reader reads.
 */
class JsonLinesByteStreamTest {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  private static String event(String id) {
    return TicketEventJson.write(new TicketEvent.CustomerMessage("T-1", id, T));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aByteThatIsNotUtf8IsReportedAtItsLineAfterTheLinesBeforeIt() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(utf8(event("e1") + "\n"));
    byte[] bad = utf8(event("e2"));
    int at = new String(bad, StandardCharsets.UTF_8).indexOf("e2");
    bad[at] = (byte) 0xE9; // Latin-1 'é' in a UTF-8 file
    b.writeBytes(bad);
    b.writeBytes(utf8("\n" + event("e3") + "\n"));
    TicketEventJson.LineReader r =
        TicketEventJson.reader(new ByteArrayInputStream(b.toByteArray()));
    assertEquals("e1", r.next().id());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::hasNext);
    assertEquals("line is not valid UTF-8 (at $, line 2, byte " + (at + 1) + ")", e.getMessage());
    assertEquals(2, r.lineNumber());
    assertEquals("e3", r.next().id());
    assertEquals(3, r.lineNumber());
    assertFalse(r.hasNext());
  }

  @Test
  void aByteOrderMarkBeforeTheFirstLineIsSkipped() {
    byte[] text = utf8("\uFEFF" + event("e1") + "\r\n" + event("e2"));
    TicketEventJson.LineReader r = TicketEventJson.reader(new ByteArrayInputStream(text));
    assertEquals("e1", r.next().id());
    assertEquals("e2", r.next().id());
    assertFalse(r.hasNext());
  }

  @Test
  void anOverLongLineIsOneErrorAndTheNextLineIsRead() {
    StringBuilder s = new StringBuilder();
    s.append("é".repeat(TicketEventJson.MAX_LINE_CHARS + 1)).append('\n').append(event("e2"));
    TicketEventJson.LineReader r =
        TicketEventJson.reader(new ByteArrayInputStream(utf8(s.toString())));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::hasNext);
    assertTrue(e.getMessage().startsWith("line is longer than "), e.getMessage());
    assertEquals("e2", r.next().id());
    assertEquals(2, r.lineNumber());
  }

  @Test
  void aLineTooLongInCharactersIsFoundWhateverItsBytesPerCharacter() {
    int max = TicketEventJson.MAX_LINE_CHARS;
    for (String longLine :
        List.of("a".repeat(max + 1), "\uD83D\uDE00".repeat(max / 2 + 1), "€".repeat(max + 1))) {
      TicketEventJson.LineReader r =
          TicketEventJson.reader(
              new ByteArrayInputStream(utf8(longLine + "\r\n" + event("e2") + "\n")));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::hasNext);
      assertEquals(
          "line is longer than " + max + " characters (at $, line 1, column 1)", e.getMessage());
      assertEquals("e2", r.next().id());
      assertEquals(2, r.lineNumber());
    }
  }

  /**
   * A line of bytes that never start a character (continuation bytes, 0x80) has no character to
   * count, yet it cannot be a line the reader reads: it is refused once it holds more bytes than a
   * line of {@code MAX_LINE_CHARS} characters can, so the reader buffers at most about {@code 4 *
   * MAX_LINE_CHARS} bytes of it (as documented), not the whole line, however long.
   */
  @Test
  void aLineOfContinuationBytesIsNotBufferedWhole() {
    int max = TicketEventJson.MAX_LINE_CHARS;
    // the line ends far after the bound, or in the read that crosses it
    for (long flood : new long[] {6L * max, 4L * max + 100}) {
      continuationBytesThenALine(flood);
    }
  }

  private static void continuationBytesThenALine(long flood) {
    int max = TicketEventJson.MAX_LINE_CHARS;
    byte[] tail = utf8("\n" + event("e2") + "\n");
    long[] delivered = {0};
    InputStream in =
        new InputStream() {
          @Override
          public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            long at = delivered[0];
            if (at >= flood + tail.length) {
              return -1;
            }
            int n = 0;
            while (n < len && at + n < flood + tail.length) {
              long k = at + n;
              b[off + n] = k < flood ? (byte) 0x80 : tail[(int) (k - flood)];
              n++;
            }
            delivered[0] += n;
            return n;
          }
        };
    TicketEventJson.LineReader r = TicketEventJson.reader(in);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::hasNext);
    assertEquals("line is not valid UTF-8 (at $, line 1, byte 1)", e.getMessage());
    assertTrue(
        delivered[0] <= 4L * max + 8192,
        "read " + delivered[0] + " bytes of the line before refusing it");
    assertEquals(1, r.lineNumber());
    assertEquals("e2", r.next().id());
    assertEquals(2, r.lineNumber());
    assertFalse(r.hasNext());
  }

  @Provide
  Arbitrary<String> ids() {
    // ASCII, two-, three- and four-byte characters, so that characters straddle reads
    return Arbitraries.strings()
        .withChars("ab9-é€")
        .withChars("\uD83D\uDE00")
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(s -> !Character.isLowSurrogate(s.charAt(0)))
        .filter(JsonLinesByteStreamTest::wellFormed);
  }

  private static boolean wellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  @Property(tries = 200)
  void readsWhatTheCharacterReaderReadsWhateverTheReads(
      @ForAll @Size(max = 30) List<@From("ids") String> ids,
      @ForAll("ends") List<String> ends,
      @ForAll @IntRange(min = 1, max = 7) int chunk) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < ids.size(); i++) {
      text.append(event(ids.get(i))).append(ends.isEmpty() ? "\n" : ends.get(i % ends.size()));
    }
    List<String> byChars = read(TicketEventJson.reader(new StringReader(text.toString())));
    List<String> byBytes = read(TicketEventJson.reader(trickle(utf8(text.toString()), chunk)));
    assertEquals(byChars, byBytes);
    assertEquals(ids.size(), byBytes.size());
  }

  @Provide
  Arbitrary<List<String>> ends() {
    return Arbitraries.of("\n", "\r\n", "\r", "\n\n", "\r\n\r\n").list().ofMaxSize(4);
  }

  private static List<String> read(TicketEventJson.LineReader r) {
    List<String> seen = new ArrayList<>();
    while (r.hasNext()) {
      seen.add(r.next().id() + "@" + r.lineNumber());
    }
    return seen;
  }

  /** A stream that returns at most {@code chunk} bytes per read. */
  private static InputStream trickle(byte[] b, int chunk) {
    return new ByteArrayInputStream(b) {
      @Override
      public synchronized int read(byte[] out, int off, int len) {
        return super.read(out, off, Math.min(len, chunk));
      }
    };
  }
}
