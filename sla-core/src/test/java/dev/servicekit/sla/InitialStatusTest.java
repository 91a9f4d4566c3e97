package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A {@code Created} event may carry the ticket's initial status (issue 17), and the named event
 * factories build the same events as the deprecated positional-boolean constructors.
 */
class InitialStatusTest {

  private static final Instant T0 = Fixtures.mon(9, 0);
  private static final Map<String, String> GOLD_S1 = Map.of("tier", "gold", "severity", "s1");

  private static TicketEvent.Created created() {
    return TicketEvent.Created.byCustomer("T", "c", T0, GOLD_S1, Set.of());
  }

  @Test
  void aTicketCreatedInAStatusIsMeasuredAsIfChangedToItAtCreation() {
    SlaPolicySet set = Fixtures.tiered(); // vip resolution pauses on pending and on-hold
    Instant now = Fixtures.mon(12, 0);
    SlaEvaluation withStatus = Fixtures.eval(set, List.of(created().withStatus("pending")), now);
    SlaEvaluation changed =
        Fixtures.eval(
            set, List.of(created(), new TicketEvent.StatusChanged("T", "s", T0, "pending")), now);
    assertEquals("pending", withStatus.status());
    MetricCycle resolution = withStatus.latest(SlaMetric.resolution()).orElseThrow();
    assertEquals(CycleState.PAUSED, resolution.state());
    assertEquals(java.time.Duration.ZERO, resolution.elapsed());
    assertEquals(changed.cycles(), withStatus.cycles());
  }

  @Test
  void aTicketCreatedSolvedHasItsCyclesAchievedAtCreation() {
    SlaEvaluation e =
        Fixtures.eval(
            Fixtures.tiered(), List.of(created().withStatus("solved")), T0.plusSeconds(60));
    assertEquals("solved", e.status());
    for (MetricCycle c : e.cycles()) {
      assertEquals(CycleState.ACHIEVED, c.state(), c.toString());
      assertEquals(Optional.of(T0), c.stop());
    }
  }

  /**
   * The creation's own status is a status change of the creating update: it takes effect after the
   * attribute, priority and tag changes of the creation's instant ({@link TicketEvent#ORDER}), so
   * the cycles it ends are judged by the targeting after them, as with a separate status change. It
   * used to take effect with the creation, before them: the cycles it ended kept vip's targets.
   */
  @Test
  void theCreationsOwnStatusTakesEffectAfterTheChangesOfItsInstant() {
    SlaPolicySet set = Fixtures.tiered();
    Instant now = T0.plusSeconds(60);
    TicketEvent silver = new TicketEvent.AttributeChanged("T", "a", T0, "tier", "silver");
    SlaEvaluation own = Fixtures.eval(set, List.of(created().withStatus("solved"), silver), now);
    SlaEvaluation changed =
        Fixtures.eval(
            set,
            List.of(created(), silver, new TicketEvent.StatusChanged("T", "s", T0, "solved")),
            now);
    assertEquals(changed.cycles(), own.cycles());
    assertTrue(own.cycles().stream().allMatch(c -> c.policy().equals("standard")), own.toString());
    // read between the creation and the change of its instant: the clock replays the ticket
    SlaClock clock = Fixtures.clock(set, "T");
    clock.accept(created().withStatus("solved"));
    assertEquals("solved", clock.evaluate(T0).status());
    clock.accept(silver);
    assertEquals(own, clock.evaluate(now));
  }

  /**
   * With {@code creationStopOverridesStart}, a creation in a solved status withdraws first reply
   * after its state group has armed (README "Initial status": the state group arms as usual), as a
   * separate status change at the creation's instant does: a definition armed by the creation
   * starts on the customer's next message. It used to be withdrawn before the creation's own steps,
   * so the arm was ignored and no cycle started.
   */
  @Test
  void aCreationInASolvedStatusArmsLikeACreationSolvedByItsUpdate() {
    SlaPolicySet base = Fixtures.tiered();
    SlaPolicySet set =
        Fixtures.statusModel()
            .creationStopOverridesStart(true)
            .metric(
                MetricDefinition.builder("follow_up")
                    .armOn(MetricTrigger.created())
                    .startOn(MetricTrigger.customerMessage())
                    .stopOn(MetricTrigger.countedReply())
                    .build())
            .defaultPolicy(base.defaultPolicy())
            .build();
    Instant ten = Fixtures.mon(10, 0);
    Instant noon = Fixtures.mon(12, 0);
    TicketEvent message = new TicketEvent.CustomerMessage("T", "m", ten);
    SlaEvaluation own = Fixtures.eval(set, List.of(created().withStatus("solved"), message), noon);
    SlaEvaluation changed =
        Fixtures.eval(
            set,
            List.of(created(), new TicketEvent.StatusChanged("T", "s", T0, "solved"), message),
            noon);
    assertEquals(changed.cycles(), own.cycles());
    List<MetricCycle> followUp = own.cycles(SlaMetric.custom("follow_up"));
    assertEquals(1, followUp.size(), own.toString());
    assertEquals(ten, followUp.get(0).start());
    assertEquals(List.of(), own.cycles(SlaMetric.resolution())); // created solved: none attached
  }

  @Test
  void anUnknownInitialStatusIsRejectedAndTheClockStaysEmpty() {
    SlaClock clock = Fixtures.clock(Fixtures.tiered(), "T");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> clock.accept(created().withStatus("wip")));
    assertTrue(
        e.getMessage().startsWith("event 'c' initial status 'wip' is unknown: expected one of ["),
        e.getMessage());
    assertEquals(List.of(), clock.events());
    assertThrows(IllegalArgumentException.class, () -> created().withStatus("on hold "));
  }

  @Test
  @SuppressWarnings("deprecation") // compares the factories with the constructors they replace
  void factoriesBuildWhatThePositionalConstructorsBuilt() {
    assertEquals(
        new TicketEvent.AgentReply("T", "r", T0, true, false),
        TicketEvent.AgentReply.publicReply("T", "r", T0));
    assertEquals(
        new TicketEvent.AgentReply("T", "r", T0, false, false),
        TicketEvent.AgentReply.internalNote("T", "r", T0));
    assertEquals(
        new TicketEvent.AgentReply("T", "r", T0, true, true),
        TicketEvent.AgentReply.automated("T", "r", T0));
    assertEquals(
        new TicketEvent.AgentReply("T", "r", T0, false, true),
        TicketEvent.AgentReply.internalNote("T", "r", T0).asAutomated());
    assertEquals(
        new TicketEvent.Created("T", "c", T0, GOLD_S1, Set.of("x"), true),
        TicketEvent.Created.byAgent("T", "c", T0, GOLD_S1, Set.of("x")));
    assertEquals(
        new TicketEvent.Created("T", "c", T0, GOLD_S1, Set.of("x"), false),
        TicketEvent.Created.byCustomer("T", "c", T0, GOLD_S1, Set.of("x")));
    assertEquals(Optional.empty(), created().status());
    assertEquals(Optional.of("open"), created().withStatus("open").status());
    assertEquals(
        "Created[ticketId=T, id=c, at=2026-01-05T09:00:00Z, attributes={}, tags=[], byAgent=true,"
            + " status=open]",
        TicketEvent.Created.byAgent("T", "c", T0, Map.of(), Set.of())
            .withStatus("open")
            .toString());
  }

  @Test
  void jsonWritesVersion2OnlyForACreationWithAStatusAndReadsBoth() {
    TicketEvent.Created plain = created();
    TicketEvent.Created open = created().withStatus("open");
    String v1 = TicketEventJson.write(plain);
    String v2 = TicketEventJson.write(open);
    assertTrue(v1.startsWith("{\"v\":1,") && !v1.contains("status"), v1);
    assertTrue(
        v2.startsWith("{\"v\":2,") && v2.endsWith(",\"byAgent\":false,\"status\":\"open\"}"), v2);
    assertEquals(plain, TicketEventJson.read(v1));
    assertEquals(open, TicketEventJson.read(v2));
    assertEquals(plain, TicketEventJson.read(v1.replace("\"v\":1", "\"v\":2")));
  }

  @Test
  void snapshotsCarryTheInitialStatusAndStayVersion1WithoutOne() {
    SlaPolicySet set = Fixtures.tiered();
    SlaClock plain = Fixtures.clock(set, "T");
    plain.accept(created());
    SlaClock open = Fixtures.clock(set, "T");
    open.accept(created().withStatus("pending"));
    open.accept(TicketEvent.AgentReply.publicReply("T", "r", Fixtures.mon(10, 0)));
    byte[] b1 = SlaClockSnapshot.toBytes(plain);
    byte[] b2 = SlaClockSnapshot.toBytes(open);
    assertEquals(1, b1[3], "old readers still read a checkpoint without initial statuses");
    assertEquals(2, b2[3]);
    Instant now = Fixtures.mon(12, 0);
    SlaClock back = SlaClockSnapshot.fromBytes(b2, id -> Fixtures.clock(set, id));
    assertEquals(open.events(), back.events());
    assertEquals(open.evaluate(now), back.evaluate(now));
    String json = SlaClockSnapshot.toJson(open);
    assertTrue(json.contains("\"v\":2,\"ticketId\""), json);
    assertEquals(
        open.events(), SlaClockSnapshot.fromJson(json, id -> Fixtures.clock(set, id)).events());
    assertTrue(SlaClockSnapshot.toJson(plain).contains("\"v\":1,\"ticketId\""));
    // a version 1 checkpoint whose creation claims a status is corrupt
    byte[] forged = b2.clone();
    forged[3] = 1;
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(forged, 0, forged.length - 4);
    java.nio.ByteBuffer.wrap(forged, forged.length - 4, 4).putInt((int) crc.getValue());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaClockSnapshot.fromBytes(forged, id -> Fixtures.clock(set, id)));
    assertTrue(
        e.getMessage().contains("has an initial status, which needs version 2"), e.getMessage());
  }
}
