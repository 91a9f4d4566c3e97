package dev.servicekit.sla.holidays.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CalendarFilesTest {

  private static final String TOO_LONG =
      "T input is longer than the limit of 10 (a year takes a few kilobytes)";

  /** A stream that hands out at most four bytes per read, as a socket may. */
  private static InputStream trickle(byte[] bytes) {
    return new FilterInputStream(new ByteArrayInputStream(bytes)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 4));
      }
    };
  }

  private static Reader trickle(String text) {
    return new FilterReader(new StringReader(text)) {
      @Override
      public int read(char[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 4));
      }
    };
  }

  @Test
  void bytesUpToTheCapAreReadAndOneMoreIsRefusedAfterReadingAtMostCapPlusOne() throws IOException {
    byte[] ten = "0123456789".getBytes();
    assertArrayEquals(ten, CalendarFiles.readCapped(trickle(ten), 10, "T"));
    InputStream hundred = trickle(new byte[100]);
    assertEquals(
        TOO_LONG,
        assertThrows(
                IllegalArgumentException.class, () -> CalendarFiles.readCapped(hundred, 10, "T"))
            .getMessage());
    assertEquals(89, hundred.available()); // 4 + 4 + 3 bytes read: never more than the cap + 1
  }

  @Test
  void charactersUpToTheCapAreReadAndOneMoreIsRefusedAfterReadingAtMostCapPlusOne()
      throws IOException {
    assertEquals("0123456789", CalendarFiles.readCapped(trickle("0123456789"), 10, "T"));
    StringReader source = new StringReader("x".repeat(100));
    Reader hundred =
        new FilterReader(source) {
          @Override
          public int read(char[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 4));
          }
        };
    assertEquals(
        TOO_LONG,
        assertThrows(
                IllegalArgumentException.class, () -> CalendarFiles.readCapped(hundred, 10, "T"))
            .getMessage());
    char[] rest = new char[200];
    assertEquals(89, source.read(rest));
  }

  @Test
  void excerptsEscapeControlCharactersAndCutAfterFortyCharacters() {
    assertEquals("'a b~'", CalendarFiles.excerpt("a b~"));
    assertEquals("'\\u001f\\u007f\\u0000'", CalendarFiles.excerpt("\u001f\u007f\u0000"));
    String forty = "x".repeat(40);
    assertEquals("'" + forty + "'", CalendarFiles.excerpt(forty));
    assertEquals("'" + forty + "…' (41 chars)", CalendarFiles.excerpt(forty + "y"));
  }
}
