package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.internal.SnapshotBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The clears in every format: JSON events (version 4), binary and JSON clock snapshots (version 3),
 * with old checkpoints still read byte for byte.
 */
class ClearEventsFormatTest {

  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");

  @Test
  void jsonWritesTheClearsInVersion4AndReadsThemBack() {
    TicketEvent a = new TicketEvent.AttributeCleared("T-1", "e1", T, "tier");
    TicketEvent p = new TicketEvent.PriorityCleared("T-1", "e2", T);
    String aj =
        "{\"v\":4,\"kind\":\"AttributeCleared\",\"ticketId\":\"T-1\",\"id\":\"e1\","
            + "\"at\":\"2026-03-02T09:00:00Z\",\"key\":\"tier\"}";
    String pj =
        "{\"v\":4,\"kind\":\"PriorityCleared\",\"ticketId\":\"T-1\",\"id\":\"e2\","
            + "\"at\":\"2026-03-02T09:00:00Z\"}";
    assertEquals(aj, TicketEventJson.write(a));
    assertEquals(pj, TicketEventJson.write(p));
    assertEquals(a, TicketEventJson.read(aj));
    assertEquals(p, TicketEventJson.read(pj));
    // a replacement may carry a clear, and a clear may be replaced
    EventCorrection r = EventCorrection.replace(a);
    assertEquals(r, TicketEventJson.readInput(TicketEventJson.write(r)));
    // other events keep their versions
    assertTrue(
        TicketEventJson.write(new TicketEvent.AttributeChanged("T-1", "e", T, "k", "v"))
            .startsWith("{\"v\":1,"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"v\":3,\"kind\":\"AttributeCleared\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"key\":\"k\"}"
            + "|kind AttributeCleared needs format version 4, found version 3 (at $.kind, line 1, column 15)",
        "{\"v\":1,\"kind\":\"PriorityCleared\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\"}"
            + "|kind PriorityCleared needs format version 4, found version 1 (at $.kind, line 1, column 15)",
        "{\"v\":4,\"kind\":\"AttributeCleared\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\"}"
            + "|key is required for kind AttributeCleared (at $.key, line 1, column 1)",
        "{\"v\":4,\"kind\":\"AttributeCleared\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"key\":\" k\"}"
            + "|attribute ' k' must not begin or end with a space or contain two spaces in a row (at $.key, line 1, column 92)",
        "{\"v\":4,\"kind\":\"AttributeCleared\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"key\":\"k\",\"value\":\"v\"}"
            + "|field value does not belong to kind AttributeCleared; its fields are [key] (at $.value, line 1, column",
        "{\"v\":4,\"kind\":\"PriorityCleared\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"priority\":\"p1\"}"
            + "|field priority does not belong to kind PriorityCleared; its fields are [] (at $.priority, line 1, column",
        "{\"v\":4,\"kind\":\"AttributeCleared\",\"ticketId\":\"T\",\"id\":\"e\",\"at\":\"2026-03-02T09:00:00Z\",\"key\":null}"
            + "|expected a string but found null (at $.key, line 1, column",
      })
  void hostileClearsAreRefusedNamingFieldRuleAndPosition(String json, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(json));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  // ------------------------------------------------------------------ snapshots

  private static SlaPolicySet set() {
    return Fixtures.statusModel()
        .defaultPolicy(
            SlaPolicy.builder("p")
                .matrix(
                    PriorityMatrix.builder()
                        .cell("s1", "gold", "urgent")
                        .defaultPriority("n")
                        .build())
                .target("urgent", SlaMetric.resolution(), Duration.ofHours(1))
                .target("n", SlaMetric.resolution(), Duration.ofHours(8))
                .build())
        .build();
  }

  private static SlaClock clock(TicketEvent... events) {
    SlaClock c = SlaClock.of(set(), Map.of(), "T-1");
    for (TicketEvent e : events) {
      c.accept(e);
    }
    return c;
  }

  private static SlaClock restore(byte[] b) {
    return SlaClockSnapshot.fromBytes(set(), Map.of(), b);
  }

  private static final TicketEvent CREATED =
      TicketEvent.Created.byCustomer(
          "T-1", "c", T, Map.of("severity", "s1", "tier", "gold"), Set.of());

  /**
   * Checkpoints written by the build before the clears existed (its {@code
   * SlaClockSnapshot.toBytes}, checksum included): version 1, ticket T-1 created with severity s1
   * and tier gold, a priority change to high and a public reply at its instant; version 2, ticket
   * T-2 created by an agent in status open with tier gold and tag vip, and severity s1 set 90
   * seconds later.
   */
  private static final String V1 =
      "534b530103542d3103a0c6aa9a0d0000016300020008736576657269747900027331000474696572"
          + "0004676f6c640004000170000004686967681200017200a69ffd1b";

  private static final String V2 =
      "534b530203542d3202a0c6aa9a0d3000016300010004746965720004676f6c6401000376697000046f"
          + "70656e050001615a000873657665726974790002733136287e33";

  @Test
  void aCheckpointWithoutClearsIsStillWrittenAndReadInItsOldVersion() {
    SlaClock c =
        clock(
            CREATED,
            new TicketEvent.PriorityChanged("T-1", "p", T, "high"),
            TicketEvent.AgentReply.publicReply("T-1", "r", T));
    byte[] b = SlaClockSnapshot.toBytes(c);
    assertEquals(1, b[3], "no clear: version 1");
    byte[] restored = SlaClockSnapshot.toBytes(restore(b));
    assertArrayEquals(b, restored);
    assertTrue(SlaClockSnapshot.toJson(c).contains("\"v\":1"));
  }

  @Test
  void aCheckpointWithAClearIsVersion3AndRoundTrips() {
    SlaClock c =
        clock(
            CREATED,
            new TicketEvent.AttributeCleared("T-1", "a", T.plusSeconds(60), "severity"),
            new TicketEvent.PriorityCleared("T-1", "p", T.plusSeconds(120)));
    byte[] b = SlaClockSnapshot.toBytes(c);
    assertEquals(3, b[3]);
    SlaClock back = restore(b);
    assertEquals(c.events(), back.events());
    Instant now = T.plus(Duration.ofHours(2));
    assertEquals(c.evaluate(now), back.evaluate(now));
    String json = SlaClockSnapshot.toJson(c);
    assertTrue(json.contains("\"v\":3,"), json);
    SlaClock fromJson = SlaClockSnapshot.fromJson(set(), Map.of(), json);
    assertEquals(c.events(), fromJson.events());
    assertEquals(c.evaluate(now), fromJson.evaluate(now));
    // the incremental writer gives the bytes of a whole encoding (>= 32 events: it keeps them)
    SlaClock big = clock(CREATED);
    SlaClockSnapshot.toBytes(big);
    for (int i = 0; i < 40; i++) {
      big.accept(
          i % 2 == 0
              ? new TicketEvent.AttributeChanged(
                  "T-1", String.format("e%03d", i), T.plusSeconds(i + 1), "severity", "s1")
              : new TicketEvent.AttributeCleared(
                  "T-1", String.format("e%03d", i), T.plusSeconds(i + 1), "severity"));
      SlaClockSnapshot.toBytes(big);
    }
    big.accept(new TicketEvent.PriorityCleared("T-1", "z", T.plusSeconds(100)));
    byte[] incremental = SlaClockSnapshot.toBytes(big);
    assertArrayEquals(SlaClockSnapshot.toBytes("T-1", big.events()), incremental);
    assertEquals(3, incremental[3]);
  }

  @Test
  void aClearInAnOlderVersionIsRejected() {
    SlaClock c =
        clock(CREATED, new TicketEvent.AttributeCleared("T-1", "a", T.plusSeconds(60), "tier"));
    byte[] b = SlaClockSnapshot.toBytes(c);
    // the same records under a version 2 header, with a valid checksum
    byte[] body = java.util.Arrays.copyOfRange(b, 4, b.length - 4);
    SnapshotBytes.Writer w = new SnapshotBytes.Writer(b.length);
    w.header(SlaClockSnapshot.KIND, 2);
    for (byte x : body) {
      w.u8(x & 0xFF);
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> restore(w.finish()));
    assertTrue(
        e.getMessage().contains("event 1 is a AttributeCleared, which needs version 3"),
        e.getMessage());
    String json = SlaClockSnapshot.toJson(c).replace("\"v\":3,", "\"v\":2,");
    IllegalArgumentException j =
        assertThrows(
            IllegalArgumentException.class, () -> SlaClockSnapshot.fromJson(set(), Map.of(), json));
    assertTrue(
        j.getMessage()
            .contains(
                "event 1 is a AttributeCleared, which needs snapshot version 3 (v is 2) (at $.events[1].kind"),
        j.getMessage());
  }

  @Test
  void checkpointsOfTheBuildBeforeTheClearsRestoreAndAreWrittenAlike() {
    byte[] v1 = HexFormat.of().parseHex(V1);
    SlaClock one = restore(v1);
    assertEquals(
        List.of(
            CREATED,
            new TicketEvent.PriorityChanged("T-1", "p", T, "high"),
            TicketEvent.AgentReply.publicReply("T-1", "r", T)),
        one.events());
    assertArrayEquals(v1, SlaClockSnapshot.toBytes(one));
    byte[] v2 = HexFormat.of().parseHex(V2);
    SlaClock two = SlaClockSnapshot.fromBytes(set(), Map.of(), v2);
    assertEquals(
        List.of(
            TicketEvent.Created.byAgent("T-2", "c", T, Map.of("tier", "gold"), Set.of("vip"))
                .withStatus("open"),
            new TicketEvent.AttributeChanged("T-2", "a", T.plusSeconds(90), "severity", "s1")),
        two.events());
    assertArrayEquals(v2, SlaClockSnapshot.toBytes(two));
  }
}
