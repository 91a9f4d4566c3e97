package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.SnapshotBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The documented binary layout of {@link SlaClockSnapshot}, its decoder's exact errors at every
 * bound, and the public restore methods (issue 14, mutation testing of the json group).
 */
class SlaClockSnapshotBoundaryTest {

  private static final SlaPolicySet SET =
      SlaPolicyJson.read(
          "{\"statuses\":[\"new\",\"open\",\"solved\"],\"defaultPolicy\":{\"name\":\"d\","
              + "\"matrix\":{\"default\":\"normal\"},"
              + "\"targets\":{\"normal\":{\"*\":{\"first_response\":\"PT8H\"}}}}}");

  private static final Map<String, BusinessCalendar> CALENDARS = Map.of();

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static SlaClock clock(String ticket, TicketEvent... events) {
    SlaClock c = SlaClock.of(SET, CALENDARS, ticket);
    for (TicketEvent e : events) {
      assertTrue(c.accept(e), e.id());
    }
    return c;
  }

  private static SlaClock sixEvents() {
    return clock(
        "T-9",
        TicketEvent.created("T-9", "ev-1", T0, Map.of("tier", "gold"), Set.of("vip"), false, null),
        new TicketEvent.StatusChanged("T-9", "ev-2", T0.plusSeconds(90), "open"),
        TicketEvent.reply("T-9", "ev-3", T0.plusSeconds(150).plusMillis(500), true, false),
        new TicketEvent.AttributeChanged("T-9", "ev-4", T0.plusSeconds(210), "tier", "gold"),
        new TicketEvent.CustomerMessage("T-9", "ev-\uD83D\uDE00", T0.plusSeconds(270)),
        new TicketEvent.CustomerMessage("T-9", "ev-\uD83D\uDE01", T0.plusSeconds(330)));
  }

  private static byte[] bytes(Consumer<SnapshotBytes.Writer> payload) {
    SnapshotBytes.Writer w = new SnapshotBytes.Writer(16);
    w.header(SlaClockSnapshot.KIND, 1);
    payload.accept(w);
    return w.finish();
  }

  private static String rejected(byte[] snapshot) {
    return assertThrows(
            IllegalArgumentException.class,
            () -> SlaClockSnapshot.fromBytes(SET, CALENDARS, snapshot))
        .getMessage();
  }

  private static String rejected(String json) {
    return assertThrows(
            IllegalArgumentException.class, () -> SlaClockSnapshot.fromJson(SET, CALENDARS, json))
        .getMessage();
  }

  @Test
  void theBinaryFormIsTheDocumentedLayout() {
    // written from the class javadoc: ids share a prefix with the previous id (never half a
    // surrogate pair), times are deltas with nanoseconds only when not zero, strings repeat by
    // number
    byte[] expected =
        bytes(
            w -> {
              w.string("T-9");
              w.uvarint(6);
              w.svarlong(T0.getEpochSecond());
              w.u8(0); // Created, by the customer, no initial status
              w.uvarint(0);
              w.string("ev-1");
              w.uvarlong(0);
              w.uvarint(1);
              w.uvarint(0);
              w.string("tier");
              w.uvarint(0);
              w.string("gold");
              w.uvarint(1);
              w.uvarint(0);
              w.string("vip");
              w.u8(3); // StatusChanged
              w.uvarint(3);
              w.string("2");
              w.uvarlong(90);
              w.uvarint(0);
              w.string("open");
              w.u8(2 | 0x10 | 0x40); // AgentReply, public, with nanoseconds
              w.uvarint(3);
              w.string("3");
              w.uvarlong(60);
              w.uvarint(500_000_000);
              w.u8(5); // AttributeChanged, both strings seen before
              w.uvarint(3);
              w.string("4");
              w.uvarlong(60);
              w.uvarint(1);
              w.uvarint(2);
              w.u8(1); // CustomerMessage
              w.uvarint(3);
              w.string("\uD83D\uDE00");
              w.uvarlong(60);
              w.u8(1);
              w.uvarint(3); // not 4: the high surrogate is shared, but the pair is not split
              w.string("\uD83D\uDE01");
              w.uvarlong(60);
            });
    SlaClock c = sixEvents();
    assertArrayEquals(expected, SlaClockSnapshot.toBytes(c));
    assertEquals(c.events(), SlaClockSnapshot.fromBytes(SET, CALENDARS, expected).events());
  }

  @Test
  void thePublicRestoreMethodsRestoreTheSameClock() {
    SlaClock c = sixEvents();
    Instant now = T0.plus(Duration.ofHours(3));
    SlaClock b = SlaClockSnapshot.fromBytes(SET, CALENDARS, SlaClockSnapshot.toBytes(c));
    SlaClock j = SlaClockSnapshot.fromJson(SET, CALENDARS, SlaClockSnapshot.toJson(c));
    assertEquals(c.events(), b.events());
    assertEquals(c.events(), j.events());
    assertEquals(c.evaluate(now), b.evaluate(now));
    assertEquals(c.evaluate(now), j.evaluate(now));
    assertEquals("T-9", b.ticketId());
  }

  @Test
  void timesBeforeTheEpochAndStringsLongerThanTheBufferTravel() {
    String euros = "\u20AC".repeat(64); // 192 bytes of UTF-8, more than the initial buffer
    SlaClock c =
        clock(
            "T-1",
            new TicketEvent.Assigned("T-1", "a", Instant.parse("1969-12-31T23:59:59Z"), euros),
            new TicketEvent.Assigned("T-1", "b", Instant.parse("1970-01-01T00:00:01Z"), euros));
    assertEquals(
        c.events(),
        SlaClockSnapshot.fromBytes(SET, CALENDARS, SlaClockSnapshot.toBytes(c)).events());
  }

  @Test
  void aTagOfAnUnknownKindIsRejected() {
    byte[] b =
        bytes(
            w -> {
              w.string("T-1");
              w.uvarint(1);
              w.svarlong(0);
              w.u8(14);
              w.uvarint(0);
              w.string("e1");
              w.uvarlong(0);
            });
    assertEquals("snapshot is corrupted at byte 11: event 0 has the unknown tag 14", rejected(b));
  }

  /**
   * Bytes the writer never writes, under a valid checksum, were read as something else without a
   * word: nanoseconds of a second or more carried into the seconds (another instant), zero
   * nanoseconds behind the flag, the boolean bits on a kind that has none, a repeated attribute key
   * or tag merged (the event then had other content than its bytes).
   */
  @Test
  void bytesTheWriterNeverWritesAreCorruptNotReadAsSomethingElse() {
    for (int nanos : new int[] {0, 1_000_000_000, Integer.MAX_VALUE}) {
      byte[] b =
          bytes(
              w -> {
                w.string("T-1");
                w.uvarint(1);
                w.svarlong(0);
                w.u8(1 | 0x40); // a customer message with nanoseconds
                w.uvarint(0);
                w.string("e1");
                w.uvarlong(0);
                w.uvarint(nanos);
              });
      assertEquals(
          "snapshot is corrupted at byte "
              + (b.length - 4)
              + ": event 0 has nanoseconds "
              + nanos
              + ", not 1 to 999999999",
          rejected(b),
          "nanos " + nanos);
    }
    for (int flag : new int[] {0x10, 0x20}) {
      byte[] b =
          bytes(
              w -> {
                w.string("T-1");
                w.uvarint(1);
                w.svarlong(0);
                w.u8(1 | flag); // a customer message has no boolean component
                w.uvarint(0);
                w.string("e1");
                w.uvarlong(0);
              });
      assertEquals(
          "snapshot is corrupted at byte 11: event 0 has the unknown tag " + (1 | flag),
          rejected(b));
    }
    byte[] repeatedKey =
        bytes(
            w -> {
              w.string("T-1");
              w.uvarint(1);
              w.svarlong(0);
              w.u8(0); // Created
              w.uvarint(0);
              w.string("e1");
              w.uvarlong(0);
              w.uvarint(2); // two attributes, both "tier"
              w.uvarint(0);
              w.string("tier");
              w.uvarint(0);
              w.string("gold");
              w.uvarint(1);
              w.uvarint(0);
              w.string("silver");
              w.uvarint(0); // no tags
            });
    assertTrue(
        rejected(repeatedKey).endsWith(": event 0 repeats the attribute 'tier'"),
        rejected(repeatedKey));
    byte[] repeatedTag =
        bytes(
            w -> {
              w.string("T-1");
              w.uvarint(1);
              w.svarlong(0);
              w.u8(6); // TagsChanged
              w.uvarint(0);
              w.string("e1");
              w.uvarlong(0);
              w.uvarint(2); // two tags, both "vip"
              w.uvarint(0);
              w.string("vip");
              w.uvarint(1);
            });
    assertTrue(
        rejected(repeatedTag).endsWith(": event 0 repeats the tag 'vip'"), rejected(repeatedTag));
  }

  @Test
  void aCorruptComponentIsReportedOnceAndAnInvalidEventNamesIt() {
    byte[] badRef =
        bytes(
            w -> {
              w.string("T-1");
              w.uvarint(1);
              w.svarlong(0);
              w.u8(3);
              w.uvarint(0);
              w.string("e1");
              w.uvarlong(0);
              w.uvarint(3);
            });
    assertEquals(
        "snapshot is corrupted at byte 17: event 0 refers to string 3 of 0", rejected(badRef));
    byte[] levelZero =
        bytes(
            w -> {
              w.string("T-1");
              w.uvarint(1);
              w.svarlong(0);
              w.u8(8);
              w.uvarint(0);
              w.string("e1");
              w.uvarlong(0);
              w.uvarint(0);
            });
    assertEquals(
        "snapshot is corrupted at byte 17: event 0 is invalid: escalation level 0 must be 1 or more",
        rejected(levelZero));
  }

  @Test
  void aTimestampThatOverflowsALongIsCorruptNotAnArithmeticError() {
    // the first timestamp is the largest long, and the first event adds one second to it
    byte[] b =
        bytes(
            w -> {
              w.string("T-1");
              w.uvarint(1);
              w.svarlong(Long.MAX_VALUE);
              w.u8(1);
              w.uvarint(0);
              w.string("e1");
              w.uvarlong(1);
            });
    assertEquals("snapshot is corrupted at byte 25: event 0 time is out of range", rejected(b));
  }

  @Test
  void bytesAfterThePayloadAreRejected() {
    byte[] b =
        bytes(
            w -> {
              w.string("T-1");
              w.uvarint(0);
              w.svarlong(0);
              w.u8(7);
            });
    assertEquals("snapshot is corrupted at byte 10: 1 bytes follow the payload", rejected(b));
  }

  @Test
  void readingPastThePayloadIsRejected() {
    assertEquals(
        "snapshot is corrupted at byte 9: first timestamp runs past the end",
        rejected(
            bytes(
                w -> {
                  w.string("T-1");
                  w.uvarint(0);
                })));
    assertEquals(
        "snapshot is corrupted at byte 5: ticketId runs past the end",
        rejected(
            bytes(
                w -> {
                  w.uvarint(5);
                  w.u8('a');
                  w.u8('b');
                  w.u8('c');
                })));
  }

  @Test
  void countsAreBoundedByTheBytesLeftAndByTheIntRange() {
    assertEquals(
        "snapshot is corrupted at byte 13: event count 2147483648 is out of range",
        rejected(
            bytes(
                w -> {
                  w.string("T-1");
                  w.uvarlong(1L << 31);
                  w.svarlong(0);
                })));
    assertEquals(
        "snapshot is corrupted at byte 13: event count 2147483647 exceeds what the 1 bytes left"
            + " can hold",
        rejected(
            bytes(
                w -> {
                  w.string("T-1");
                  w.uvarlong(Integer.MAX_VALUE);
                  w.svarlong(0);
                })));
    // two events need at least 6 bytes; 5 are left
    assertEquals(
        "snapshot is corrupted at byte 9: event count 2 exceeds what the 5 bytes left can hold",
        rejected(
            bytes(
                w -> {
                  w.string("T-1");
                  w.uvarint(2);
                  for (int i = 0; i < 5; i++) {
                    w.u8(0);
                  }
                })));
  }

  @Test
  void varintsLongerThanTheirTypeAllowsAreRejected() {
    // nine bytes carry 63 bits: a tenth is never read for an unsigned varint
    assertEquals(
        "snapshot is corrupted at byte 17: event count is not a valid varint",
        rejected(
            bytes(
                w -> {
                  w.string("T-1");
                  for (int i = 0; i < 9; i++) {
                    w.u8(0xFF);
                  }
                  w.u8(0);
                })));
    // ten bytes carry 64 bits: an eleventh is never read for a zig-zag varint
    assertEquals(
        "snapshot is corrupted at byte 19: first timestamp is not a valid varint",
        rejected(
            bytes(
                w -> {
                  w.string("T-1");
                  w.uvarint(0);
                  for (int i = 0; i < 10; i++) {
                    w.u8(0x80);
                  }
                  w.u8(0);
                })));
  }

  @Test
  void jsonValuesOfTheWrongTypeAreNamed() {
    // (the column of an empty document is Jackson's 0, not 1; not pinned here)
    assertTrue(
        rejected("")
            .startsWith("expected a snapshot object but found nothing (at $, line 1, column "));
    assertEquals(
        "expected a snapshot object but found an array (at $, line 1, column 1)", rejected("[]"));
    assertEquals(
        "expected a string but found 5 (at $.format, line 1, column 12)",
        rejected("{\"format\": 5}"));
    assertEquals(
        "expected a string but found an object (at $.format, line 1, column 12)",
        rejected("{\"format\": {}}"));
    assertEquals(
        "expected a string but found an array (at $.ticketId, line 1, column 14)",
        rejected("{\"ticketId\": []}"));
    assertEquals(
        "expected an integer but found \"2\" (at $.v, line 1, column 6)",
        rejected("{\"v\":\"2\"}"));
  }

  @Test
  void aRejectedEventOfABinaryCheckpointIsReportedInAtMost500Characters() {
    // written under a set that knows the status; restored under SET, which refuses it
    String status = "s".repeat(64);
    SlaPolicySet writer =
        SlaPolicySet.builder()
            .statuses("new", status)
            .solvedStatuses(status)
            .defaultPolicy(SlaPolicy.builder("d").matrix(PriorityMatrix.constant("normal")).build())
            .build();
    String ticket = "T".repeat(TicketEvent.MAX_ID_CHARS);
    String id = "e".repeat(TicketEvent.MAX_ID_CHARS);
    SlaClock c = SlaClock.of(writer, CALENDARS, ticket);
    c.accept(TicketEvent.Created.byCustomer(ticket, "c", T0));
    c.accept(new TicketEvent.StatusChanged(ticket, id, T0.plusSeconds(60), status));
    String m = rejected(SlaClockSnapshot.toBytes(c));
    assertTrue(m.length() <= 500, m.length() + ": " + m);
    assertTrue(m.startsWith("snapshot event 1 (eeee"), m);
    assertTrue(m.contains("is unknown"), m);
    // the JSON form of the same checkpoint, bounded by its location's layout, says as much
    String j = rejected(SlaClockSnapshot.toJson(c));
    assertTrue(j.length() <= 500, j.length() + ": " + j);
    assertTrue(j.startsWith("snapshot event 1 (eeee") && j.contains("is unknown"), j);
  }

  @Test
  void aVersionBeyondAnIntIsNotAnIntegerAtV() {
    // as the event reader says of an event's "v": the value is located at $.v and quoted as JSON
    // writes it, not Jackson's int-range message at the enclosing object
    assertEquals(
        "expected an integer but found 2147483648 (at $.v, line 1, column 6)",
        rejected("{\"v\":2147483648}"));
    assertEquals(
        "expected an integer but found 99999999999999999999999 (at $.v, line 2, column 6)",
        rejected("{\"format\":\"servicekit.sla-clock\",\n\"v\": 99999999999999999999999}"));
    assertEquals(
        "snapshot version -2147483648 is not supported: this reader reads versions 1 to "
            + SlaClockSnapshot.VERSION
            + " (at $.v, line 1, column 6)",
        rejected("{\"v\":-2147483648}"));
  }

  @Test
  void aJsonSyntaxErrorNamesItsLine() {
    String message = rejected("{\n\"format\": \"servicekit.sla-clock\",\n\"v\": 1,,\n}");
    assertTrue(message.startsWith("malformed JSON: "), message);
    assertTrue(message.endsWith(" (at $, line 3, column 8)"), message);
  }
}
