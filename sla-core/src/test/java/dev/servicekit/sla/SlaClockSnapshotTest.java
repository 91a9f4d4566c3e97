package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.SnapshotBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The SLA clock checkpoint formats and their rejections. */
class SlaClockSnapshotTest {

  private static final Instant T0 = Fixtures.mon(9, 0);

  private static SlaClock typical() {
    SlaClock c = Fixtures.clock(Fixtures.tiered(), "T-1042");
    Fixtures.Ticket t = new Fixtures.Ticket("T-1042");
    c.accept(t.created(T0, "tier", "gold", "severity", "s1", "channel", "email"));
    String[] statuses = {"open", "pending", "open", "solved", "open"};
    for (int i = 1; i < 20; i++) {
      Instant at = T0.plus(Duration.ofMinutes(37L * i));
      c.accept(
          switch (i % 5) {
            case 0 -> t.customer(at);
            case 1 -> t.reply(at);
            case 2 -> t.status(at, statuses[i % statuses.length]);
            case 3 -> t.attr(at, "severity", i % 2 == 0 ? "s1" : "s2");
            default -> t.note(at);
          });
    }
    return c;
  }

  private static SlaClock fromBytes(byte[] b) {
    return SlaClockSnapshot.fromBytes(b, id -> Fixtures.clock(Fixtures.tiered(), id));
  }

  private static SlaClock fromJson(String s) {
    return SlaClockSnapshot.fromJson(s, id -> Fixtures.clock(Fixtures.tiered(), id));
  }

  @Test
  void aTypicalTwentyEventTicketFitsIn512Bytes() {
    SlaClock c = typical();
    byte[] b = SlaClockSnapshot.toBytes(c);
    assertTrue(b.length <= 512, b.length + " bytes");
    Instant now = T0.plus(Duration.ofDays(2));
    assertEquals(c.evaluate(now), fromBytes(b).evaluate(now));
    assertEquals(c.evaluate(now), fromJson(SlaClockSnapshot.toJson(c)).evaluate(now));
  }

  @Test
  void everyBitFlipOfATypicalCheckpointIsRejected() {
    byte[] good = SlaClockSnapshot.toBytes(typical());
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] bad = good.clone();
      bad[bit / 8] ^= (byte) (1 << (bit % 8));
      assertThrows(IllegalArgumentException.class, () -> fromBytes(bad), "bit " + bit);
    }
    for (int len = 0; len < good.length; len++) {
      byte[] cut = Arrays.copyOf(good, len);
      assertThrows(IllegalArgumentException.class, () -> fromBytes(cut), "length " + len);
    }
  }

  @Test
  void everyQaCoreSnapshotKindIsNamedWithItsReader() {
    // qa-core's kinds (ScoreAggregator.SNAPSHOT_KIND 0x31, ScoreLedger's 0x32, OutcomeShares'
    // 0x33): each is named with the reader that decodes it, as qa-core's own readers name them
    String[][] kinds = {
      {"49", "ScoreAggregator.fromBytes"},
      {"50", "ScoreLedger.fromBytes"},
      {"51", "OutcomeShares.fromBytes"},
    };
    for (String[] k : kinds) {
      SnapshotBytes.Writer w = new SnapshotBytes.Writer(16);
      w.header(Integer.parseInt(k[0]), 1);
      w.uvarint(0);
      String m =
          assertThrows(IllegalArgumentException.class, () -> fromBytes(w.finish())).getMessage();
      assertTrue(
          m.startsWith(
                  "expected an SLA clock snapshot (kind 83), found kind " + k[0] + " (a qa-core ")
              && m.endsWith(k[1] + ")"),
          m);
    }
  }

  @Test
  void aCheckpointOfAnotherKindOrVersionIsRejectedByName() {
    SnapshotBytes.Writer w = new SnapshotBytes.Writer(16);
    w.header(2, 1);
    w.uvarint(0);
    IllegalArgumentException kind =
        assertThrows(IllegalArgumentException.class, () -> fromBytes(w.finish()));
    assertEquals(
        "expected an SLA clock snapshot (kind 83), found kind 2 (a kpi-core snapshot:"
            + " KpiSnapshots.fromBytes)",
        kind.getMessage());
    SnapshotBytes.Writer v = new SnapshotBytes.Writer(16);
    v.header(SlaClockSnapshot.KIND, 9);
    IllegalArgumentException version =
        assertThrows(IllegalArgumentException.class, () -> fromBytes(v.finish()));
    assertEquals(
        "snapshot version 9 is not supported: this reader reads version 1 to 3",
        version.getMessage());
    IllegalArgumentException json =
        assertThrows(
            IllegalArgumentException.class,
            () -> fromJson("{\"format\":\"servicekit.kpi-window\",\"v\":1}"));
    assertTrue(
        json.getMessage()
            .startsWith(
                "expected an SLA clock snapshot (format servicekit.sla-clock), found format"
                    + " 'servicekit.kpi-window' (at $.format, line 1, column 11)"),
        json.getMessage());
  }

  @Test
  void aCheckpointWithCorruptButCheckedPayloadIsRejectedNotRestored() {
    SnapshotBytes.Writer w = new SnapshotBytes.Writer(16);
    w.header(SlaClockSnapshot.KIND, 1);
    w.string("T");
    w.uvarint(1_000_000); // far more events than bytes
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fromBytes(w.finish()));
    assertTrue(e.getMessage().contains("event count 1000000 exceeds"), e.getMessage());
  }

  @Test
  void aCorruptCheckpointIsRejectedWithAPublicExceptionType() {
    byte[] good = SlaClockSnapshot.toBytes(typical());
    byte[] truncated = java.util.Arrays.copyOf(good, 5);
    byte[] payload = java.util.Arrays.copyOf(good, good.length);
    payload[0] = 'X';
    SnapshotBytes.Writer w = new SnapshotBytes.Writer(16);
    w.header(SlaClockSnapshot.KIND, 1);
    w.string("T");
    w.uvarint(1_000_000);
    for (byte[] bad : new byte[][] {truncated, payload, w.finish()}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fromBytes(bad));
      assertEquals(IllegalArgumentException.class, e.getClass(), e.toString());
    }
  }

  /**
   * A bad ticket id of a JSON checkpoint is located at {@code $.ticketId} (with no events it was
   * reported only by the clock, unlocated), and a version 1 checkpoint holding a creation with a
   * status is refused at that status, as the binary reader refuses it (it was read).
   */
  @Test
  void aBadTicketIdAndAStatusOfVersion1AreLocated() {
    for (String id : new String[] {"", "a\\nb", "\\ud800", "x".repeat(300)}) {
      String doc =
          "{\"format\":\"servicekit.sla-clock\",\"v\":1,\"ticketId\":\""
              + id
              + "\",\"events\":[],\"crc32c\":\"00000000\"}";
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> fromJson(doc), id);
      assertTrue(e.getMessage().contains("(at $.ticketId, line 1, column 51)"), e.getMessage());
      assertTrue(e.getMessage().startsWith("ticketId "), e.getMessage());
    }
    SlaClock c = Fixtures.clock(Fixtures.tiered(), "T-7");
    c.accept(TicketEvent.Created.byCustomer("T-7", "c", T0).withStatus("open"));
    String v2 = SlaClockSnapshot.toJson(c);
    assertTrue(v2.contains("\"v\":2"), v2);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> fromJson(v2.replaceFirst("\"v\":2", "\"v\":1")));
    assertTrue(
        e.getMessage()
            .startsWith(
                "event 0 has an initial status, which needs snapshot version 2 (v is 1) (at"
                    + " $.events[0].status"),
        e.getMessage());
  }

  @Test
  void anEditedJsonCheckpointFailsItsChecksum() {
    String json = SlaClockSnapshot.toJson(typical());
    String edited = json.replaceFirst("\"status\":\"open\"", "\"status\":\"solved\"");
    assertTrue(!edited.equals(json));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> fromJson(edited));
    assertTrue(e.getMessage().startsWith("snapshot is corrupted: crc32c"), e.getMessage());
  }

  @Test
  void aPrettyPrintedJsonCheckpointStillVerifies() throws Exception {
    String json = SlaClockSnapshot.toJson(typical());
    com.fasterxml.jackson.databind.ObjectMapper m =
        new com.fasterxml.jackson.databind.ObjectMapper();
    String pretty = m.writerWithDefaultPrettyPrinter().writeValueAsString(m.readTree(json));
    assertEquals(typical().events(), fromJson(pretty).events());
  }

  @Test
  void jsonErrorsNameLineColumnAndPath() {
    String json =
        "{\"format\":\"servicekit.sla-clock\",\"v\":1,\"ticketId\":\"T\",\n"
            + "\"events\":[\n"
            + "{\"v\":1,\"kind\":\"StatusChanged\",\"ticketId\":\"T\",\"id\":\"e1\",\"at\":\"x\"}]}";
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fromJson(json));
    assertTrue(e.getMessage().endsWith("(at $.events[0].at, line 3, column 61)"), e.getMessage());
  }

  @Test
  void restoringUnderAPolicySetThatLacksAStatusIsRejectedNamingTheEvent() {
    SlaClock c = Fixtures.clock(Fixtures.tiered(), "T");
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    c.accept(t.created(T0));
    c.accept(t.status(T0.plusSeconds(60), "on-hold"));
    SlaPolicySet narrow =
        SlaPolicySet.builder()
            .statuses("new", "open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                    .build())
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SlaClockSnapshot.fromBytes(
                    SlaClockSnapshot.toBytes(c), id -> Fixtures.clock(narrow, id)));
    assertTrue(e.getMessage().startsWith("snapshot event 1 (e002) is rejected"), e.getMessage());
  }

  @Test
  void aJsonCheckpointNamesTheRejectedEventsPathLineAndColumn() {
    SlaClock c = Fixtures.clock(Fixtures.tiered(), "T");
    Fixtures.Ticket t = new Fixtures.Ticket("T");
    c.accept(t.created(T0));
    c.accept(t.status(T0.plusSeconds(60), "on-hold"));
    SlaPolicySet narrow =
        SlaPolicySet.builder()
            .statuses("new", "open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                    .build())
            .build();
    String json = SlaClockSnapshot.toJson(c);
    // the second event object starts at the second "{\"v\"" of the text
    int at = json.indexOf("{\"v\"", json.indexOf("{\"v\"") + 1);
    int line = 1 + (int) json.substring(0, at).chars().filter(ch -> ch == '\n').count();
    int column = at - json.lastIndexOf('\n', at - 1);
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> SlaClockSnapshot.fromJson(json, id -> Fixtures.clock(narrow, id)))
            .getMessage();
    // before: "snapshot event 1 (e002) is rejected: ..." without a location
    assertTrue(m.startsWith("snapshot event 1 (e002) is rejected"), m);
    assertTrue(m.endsWith(" (at $.events[1], line " + line + ", column " + column + ")"), m);
  }

  @Test
  void eventsBeforeTheCreationAndEveryKindTravel() {
    SlaClock c = Fixtures.clock(Fixtures.tiered(), "T");
    Instant t = T0;
    c.accept(new TicketEvent.CustomerMessage("T", "m0", t.minusSeconds(5)));
    assertEquals(c.events(), fromBytes(SlaClockSnapshot.toBytes(c)).events(), "no Created yet");
    c.accept(TicketEvent.Created.byAgent("T", "c", t, Map.of("tier", "gold"), Set.of("vip", "x")));
    c.accept(TicketEvent.AgentReply.internalNote("T", "r", t.plusNanos(1)).asAutomated());
    c.accept(new TicketEvent.PriorityChanged("T", "p", t.plusSeconds(1), "urgent"));
    c.accept(new TicketEvent.TagsChanged("T", "g", t.plusSeconds(2), Set.of("vip")));
    c.accept(new TicketEvent.Assigned("T", "a", t.plusSeconds(3), "ann"));
    c.accept(new TicketEvent.Escalated("T", "x", t.plusSeconds(4), 3));
    c.accept(new TicketEvent.CallOffered("T", "o", t.plusSeconds(5), "c1"));
    c.accept(new TicketEvent.CallAnswered("T", "n", t.plusSeconds(6), "c1"));
    c.accept(new TicketEvent.CallOffered("T", "o2", t.plusSeconds(7), "c2"));
    c.accept(new TicketEvent.CallAbandoned("T", "b", t.plusSeconds(8), "c2"));
    c.accept(new TicketEvent.StatusChanged("T", "s", t.plusSeconds(9), "open"));
    c.accept(new TicketEvent.AttributeChanged("T", "k", t.plusSeconds(10), "tier", "silver"));
    assertEquals(c.events(), fromBytes(SlaClockSnapshot.toBytes(c)).events());
    assertEquals(c.events(), fromJson(SlaClockSnapshot.toJson(c)).events());
    Instant now = t.plus(Duration.ofHours(5));
    assertEquals(c.evaluate(now), fromBytes(SlaClockSnapshot.toBytes(c)).evaluate(now));
  }
}
