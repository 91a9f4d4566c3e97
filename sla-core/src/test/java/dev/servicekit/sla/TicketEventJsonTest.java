package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.io.StringReader;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The documented JSON form of events, and the errors of its readers. */
class TicketEventJsonTest {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  private static String line(String kind, String rest) {
    return "{\"v\":1,\"kind\":\""
        + kind
        + "\",\"ticketId\":\"T-1\",\"id\":\"e1\",\"at\":\"2026-03-02T09:00:00Z\""
        + rest
        + "}";
  }

  @Test
  void everyKindReadsFromItsDocumentedForm() {
    assertEquals(
        TicketEvent.Created.byAgent("T-1", "e1", T, Map.of("tier", "gold"), Set.of("vip")),
        TicketEventJson.read(
            line(
                "Created",
                ",\"attributes\":{\"tier\":\"gold\"},\"tags\":[\"vip\"],\"byAgent\":true")));
    assertEquals(
        TicketEvent.Created.byCustomer("T-1", "e1", T, Map.of(), Set.of()),
        TicketEventJson.read(line("Created", "")),
        "attributes, tags and byAgent are optional");
    assertEquals(
        new TicketEvent.CustomerMessage("T-1", "e1", T),
        TicketEventJson.read(line("CustomerMessage", "")));
    assertEquals(
        TicketEvent.AgentReply.internalNote("T-1", "e1", T).asAutomated(),
        TicketEventJson.read(line("AgentReply", ",\"isPublic\":false,\"automated\":true")));
    assertEquals(
        new TicketEvent.StatusChanged("T-1", "e1", T, "open"),
        TicketEventJson.read(line("StatusChanged", ",\"status\":\"open\"")));
    assertEquals(
        new TicketEvent.PriorityChanged("T-1", "e1", T, "urgent"),
        TicketEventJson.read(line("PriorityChanged", ",\"priority\":\"urgent\"")));
    assertEquals(
        new TicketEvent.AttributeChanged("T-1", "e1", T, "tier", "gold"),
        TicketEventJson.read(line("AttributeChanged", ",\"key\":\"tier\",\"value\":\"gold\"")));
    assertEquals(
        new TicketEvent.TagsChanged("T-1", "e1", T, Set.of("a", "b")),
        TicketEventJson.read(line("TagsChanged", ",\"tags\":[\"b\",\"a\"]")));
    assertEquals(
        new TicketEvent.Assigned("T-1", "e1", T, "ann"),
        TicketEventJson.read(line("Assigned", ",\"assignee\":\"ann\"")));
    assertEquals(
        new TicketEvent.Escalated("T-1", "e1", T, 2),
        TicketEventJson.read(line("Escalated", ",\"level\":2")));
    assertEquals(
        new TicketEvent.CallOffered("T-1", "e1", T, "c1"),
        TicketEventJson.read(line("CallOffered", ",\"callId\":\"c1\"")));
    assertEquals(
        new TicketEvent.CallAnswered("T-1", "e1", T, "c1"),
        TicketEventJson.read(line("CallAnswered", ",\"callId\":\"c1\"")));
    assertEquals(
        new TicketEvent.CallAbandoned("T-1", "e1", T, "c1"),
        TicketEventJson.read(line("CallAbandoned", ",\"callId\":\"c1\"")));
    assertEquals(
        new TicketEvent.AttributeCleared("T-1", "e1", T, "tier"),
        TicketEventJson.read(
            line("AttributeCleared", ",\"key\":\"tier\"").replace("\"v\":1", "\"v\":4")));
    assertEquals(
        new TicketEvent.PriorityCleared("T-1", "e1", T),
        TicketEventJson.read(line("PriorityCleared", "").replace("\"v\":1", "\"v\":4")));
    assertEquals(14, TicketEventJson.kinds().size());
  }

  @Test
  void writesTheDocumentedCanonicalForm() {
    assertEquals(
        "{\"v\":1,\"kind\":\"AgentReply\",\"ticketId\":\"T-1\",\"id\":\"e7\","
            + "\"at\":\"2026-03-02T09:30:00Z\",\"isPublic\":true,\"automated\":false}",
        TicketEventJson.write(
            TicketEvent.AgentReply.publicReply("T-1", "e7", T.plusSeconds(1800))));
    assertEquals(
        "{\"v\":1,\"kind\":\"Created\",\"ticketId\":\"T-1\",\"id\":\"e1\",\"at\":\"2026-03-02T09:00:00Z\","
            + "\"attributes\":{\"a\":\"1\",\"b\":\"2\"},\"tags\":[\"x\",\"y\"],\"byAgent\":false}",
        TicketEventJson.write(
            new TicketEvent.Created("T-1", "e1", T, Map.of("b", "2", "a", "1"), Set.of("y", "x"))));
  }

  @Test
  void acceptsAnOffsetAndReadsTheSameInstant() {
    assertEquals(
        new TicketEvent.CustomerMessage("T-1", "e1", T),
        TicketEventJson.read(
            "{\"v\":1,\"kind\":\"CustomerMessage\",\"ticketId\":\"T-1\",\"id\":\"e1\","
                + "\"at\":\"2026-03-02T12:00:00+03:00\"}"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"v\":1,\"kind\":\"StatusChanged\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\"}"
            + "|status is required for kind StatusChanged (at $.status, line 1, column 1)",
        "{\"v\":5,\"kind\":\"StatusChanged\"}"
            + "|format version 5 is not supported: this reader reads versions 1 to 4 (at $.v, line 1, column 6)",
        "{\"v\":0,\"kind\":\"StatusChanged\"}"
            + "|format version 0 is not supported: this reader reads versions 1 to 4 (at $.v, line 1, column 6)",
        "{\"v\":1,\"kind\":\"Created\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"status\":\"open\"}"
            + "|field status of kind Created needs format version 2, found version 1 (at $.status, line 1, column 86)",
        "{\"v\":1,\"kind\":\"Closed\"}|kind 'Closed' is unknown",
        "{\"v\":1,\"kind\":\"CustomerMessage\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"status\":\"x\"}"
            + "|field status does not belong to kind CustomerMessage; its fields are [] (at $.status, line 1, column 94)",
        "{\"v\":1,\"colour\":1}|unknown field 'colour'; expected one of [assignee, at, attributes, automated, byAgent, callId, id, isPublic, key, kind, level, priority, status, tags, ticketId, v, value] (at $.colour, line 1, column 17)",
        "{\"v\":1,\"kind\":\"StatusChanged\",\"colour\":1}|unknown field 'colour'; expected one of [at, id, kind, status, ticketId, v] (at $.colour, line 1, column 40)",
        "{\"v\":1,\"kind\":\"StatusChanged\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"yesterday\"}"
            + "|at 'yesterday' is not an ISO-8601 instant",
        "{\"v\":1,\"kind\":\"StatusChanged\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"status\":\"on hold \"}"
            + "|status 'on hold ' must not begin or end with a space or contain two spaces in a row (at $.status, line 1, column 92)",
        "{\"v\":1,\"kind\":\"Escalated\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"level\":0}"
            + "|escalation level 0 must be 1 or more (at $.level, line 1, column 87)",
        "{\"v\":1,\"kind\":\"AttributeChanged\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"key\":\"a  b\",\"value\":\"x\"}"
            + "|attribute 'a  b' must not begin or end with a space or contain two spaces in a row (at $.key, line 1, column 92)",
        "{\"v\":1,\"kind\":\"AttributeChanged\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"key\":\"hold reason\",\"value\":\"Awaiting\\u00a0Vendor\"}"
            + "|must not contain whitespace other than single spaces, or control characters (at $.value, line 1, column 114)",
        "{\"v\":1,\"kind\":\"TagsChanged\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"tags\":[\"ok\",\"x  y\"]}"
            + "|tags[1] 'x  y' must not begin or end with a space or contain two spaces in a row (at $.tags, line 1, column 88)",
        "{\"v\":1,\"kind\":\"Escalated\",\"level\":1.5}|expected an integer but found 1.5 (at $.level, line 1, column 35)",
        "{\"v\":99999999999999999999999,\"kind\":\"StatusChanged\"}|expected an integer but found 99999999999999999999999 (at $.v, line 1, column 6)",
        "{\"v\":2147483648}|expected an integer but found 2147483648 (at $.v, line 1, column 6)",
        "{\"v\":1,\"kind\":\"Created\",\"byAgent\":\"false\"}|expected true or false but found \"false\" (at $.byAgent, line 1, column 35)",
        "{\"v\":1,\"kind\":\"AgentReply\",\"isPublic\":\"yes\"}|expected true or false but found \"yes\" (at $.isPublic, line 1, column 39)",
        "{\"v\":1,\"kind\":\"Created\",\"tags\":\"vip\"}|expected an array of strings but found \"vip\" (at $.tags, line 1, column 32)",
        "{\"v\":1,\"kind\":\"Created\",\"attributes\":{\"tier\":3}}|expected a string but found 3 (at $.attributes.tier, line 1, column 46)",
        "{\"v\":1,\"v\":1}|malformed JSON: Duplicate field 'v' (at $.v, line 1, column 11)",
        "{\"v\":1,]|malformed JSON",
        "{\"v\":1,\"attributes\":{\"a\":\"b\",}}|(at $.attributes, line 1, column 30)",
        "[1]|expected an event object but found '[' (at $, line 1, column 1)",
        "{\"v\":1,\"kind\":\"CustomerMessage\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\"} {}|expected one event object but found more after it (at $, line 1, column 86)",
      })
  void rejectsBadObjectsNamingFieldRuleAndPosition(String json, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(json));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void errorsQuoteOnlyABoundedExcerptOfTheValue() {
    String huge = "x".repeat(100_000);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TicketEventJson.read("{\"v\":1,\"kind\":\"" + huge + "\"}"));
    // the value's excerpt is bounded; the message also lists the kinds, a fixed list
    assertTrue(
        e.getMessage().length() < 200 + TicketEventJson.kinds().toString().length(),
        e.getMessage());
    IllegalArgumentException tooLongKey =
        assertThrows(
            IllegalArgumentException.class,
            () -> TicketEventJson.read(line("StatusChanged", ",\"status\":\"" + huge + "\"")));
    assertTrue(tooLongKey.getMessage().length() < 400, tooLongKey.getMessage());
  }

  @Test
  void lineReaderNamesTheLineOfTheBadEventAndSkipsBlankLines() {
    String text =
        line("CustomerMessage", "")
            + "\r\n\n"
            + line("StatusChanged", ",\"status\":\"open\"")
            + "\n"
            + "{\"v\":1,\"kind\":\"StatusChanged\",,}\n";
    TicketEventJson.LineReader r = TicketEventJson.reader(new StringReader(text));
    assertEquals(new TicketEvent.CustomerMessage("T-1", "e1", T), r.next());
    assertEquals(new TicketEvent.StatusChanged("T-1", "e1", T, "open"), r.next());
    assertEquals(3, r.lineNumber());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::hasNext);
    assertTrue(e.getMessage().contains("(at $, line 4, column 31)"), e.getMessage());
  }

  @Test
  void lineReaderRejectsTwoObjectsOnOneLine() {
    String text = line("CustomerMessage", "") + line("CustomerMessage", "") + "\n";
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> TicketEventJson.reader(new StringReader(text)).next());
    assertTrue(e.getMessage().startsWith("expected one event object per line"), e.getMessage());
  }

  @Test
  void lineReaderRejectsAnOverlongLineWithoutBufferingIt() {
    Reader endless =
        new Reader() {
          @Override
          public int read(char[] b, int off, int len) {
            java.util.Arrays.fill(b, off, off + len, ' ');
            return len;
          }

          @Override
          public void close() {}
        };
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> TicketEventJson.reader(endless).hasNext());
    assertTrue(
        e.getMessage().startsWith("line is longer than 1048576 characters (at $, line 1"),
        e.getMessage());
  }

  /** The loop a consumer writes to skip bad records and go on (review 18). */
  private static java.util.List<String> readSkippingBadLines(TicketEventJson.LineReader r) {
    java.util.List<String> seen = new java.util.ArrayList<>();
    while (true) {
      try {
        if (!r.hasNext()) {
          seen.add("eof after line " + r.lineNumber());
          return seen;
        }
        TicketEvent e = r.next();
        seen.add("line " + r.lineNumber() + ": " + e.id());
      } catch (IllegalArgumentException e) {
        seen.add("error at line " + r.lineNumber() + ": " + e.getMessage());
      }
    }
  }

  @Test
  void anOverlongLineIsOneErrorNamingItsLineAndTheNextLineIsReadAfterIt() {
    String good = line("AgentReply", ",\"isPublic\":true,\"automated\":false").replace("e1", "e2");
    String huge =
        "{\"v\":1,\"kind\":\"AgentReply\",\"ticketId\":\"" + "T".repeat(2_000_000) + "\"}";
    for (String eol : new String[] {"\n", "\r\n"}) {
      assertEquals(
          java.util.List.of(
              "error at line 1: line is longer than 1048576 characters (at $, line 1, column 1)",
              "line 2: e2",
              "eof after line 2"),
          readSkippingBadLines(TicketEventJson.reader(new StringReader(huge + eol + good + eol))),
          eol);
    }
    // an over-long last line without a newline, and two over-long lines in a row
    assertEquals(
        java.util.List.of(
            "line 1: e2",
            "error at line 2: line is longer than 1048576 characters (at $, line 2, column 1)",
            "eof after line 2"),
        readSkippingBadLines(TicketEventJson.reader(new StringReader(good + "\n" + huge))));
    assertEquals(
        java.util.List.of(
            "error at line 1: line is longer than 1048576 characters (at $, line 1, column 1)",
            "error at line 2: line is longer than 1048576 characters (at $, line 2, column 1)",
            "line 3: e2",
            "eof after line 3"),
        readSkippingBadLines(
            TicketEventJson.reader(new StringReader(huge + "\n" + huge + "\n" + good))));
  }

  @Test
  void theRestOfAnOverlongLineIsSkippedInBufferSizedReads() {
    // 64 Mi characters on line 1, generated: the reader must pass over them a buffer at a time
    long length = 64L << 20;
    String tail = "\n" + line("CustomerMessage", "") + "\n";
    int[] largestRead = {0};
    Reader generated =
        new Reader() {
          long at;

          @Override
          public int read(char[] b, int off, int len) {
            largestRead[0] = Math.max(largestRead[0], len);
            if (at < length) {
              int n = (int) Math.min(len, length - at);
              java.util.Arrays.fill(b, off, off + n, 'x');
              at += n;
              return n;
            }
            int from = (int) (at - length);
            if (from == tail.length()) {
              return -1;
            }
            int n = Math.min(len, tail.length() - from);
            tail.getChars(from, from + n, b, off);
            at += n;
            return n;
          }

          @Override
          public void close() {}
        };
    TicketEventJson.LineReader r = TicketEventJson.reader(generated);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::hasNext);
    assertEquals("line is longer than 1048576 characters (at $, line 1, column 1)", e.getMessage());
    assertEquals(1, r.lineNumber());
    assertEquals(new TicketEvent.CustomerMessage("T-1", "e1", T), r.next());
    assertEquals(2, r.lineNumber());
    assertTrue(!r.hasNext());
    assertTrue(largestRead[0] <= 8192, "reads of at most one buffer, was " + largestRead[0]);
  }

  /** A generated stream far larger than anything buffered: read one event at a time. */
  @Test
  void streamsManyEventsFromAGeneratedReader() {
    int n = 50_000;
    Reader generated =
        new Reader() {
          int i;
          String pending = "";
          int at;

          @Override
          public int read(char[] b, int off, int len) {
            if (at == pending.length()) {
              if (i == n) {
                return -1;
              }
              pending =
                  TicketEventJson.write(
                          new TicketEvent.StatusChanged(
                              "T-" + i, "e" + i, T.plusSeconds(i), "open"))
                      + "\n";
              at = 0;
              i++;
            }
            int k = Math.min(len, pending.length() - at);
            pending.getChars(at, at + k, b, off);
            at += k;
            return k;
          }

          @Override
          public void close() {}
        };
    long count = 0;
    Iterator<TicketEvent> it = TicketEventJson.reader(generated);
    TicketEvent last = null;
    while (it.hasNext()) {
      last = it.next();
      count++;
    }
    assertEquals(n, count);
    assertEquals(
        new TicketEvent.StatusChanged("T-49999", "e49999", T.plusSeconds(49_999), "open"), last);
  }
}
