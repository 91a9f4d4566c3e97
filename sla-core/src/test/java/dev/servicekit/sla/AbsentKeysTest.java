package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * An absent severity, tier or channel is a fallback like an unlisted one (issue 17, "anomalies
 * instead of silent defaults"): reported once per instant, from the state after all of its changes,
 * and only for a field the policy in force reads. Strict mode cannot reject an absence at {@code
 * accept}: a later event of the same instant may still set the field.
 */
class AbsentKeysTest {

  private static final Instant T0 = Fixtures.mon(9, 0);

  /** s1/s2 x gold/silver, every cell filled; {@code fallback} the default priority, or null. */
  private static SlaPolicySet set(String fallback, boolean strict, String... channels) {
    PriorityMatrix.Builder m =
        PriorityMatrix.builder()
            .cell("s1", "gold", "urgent")
            .cell("s1", "silver", "normal")
            .cell("s2", "gold", "normal")
            .cell("s2", "silver", "normal");
    if (fallback != null) {
      m.defaultPriority(fallback);
    }
    SlaPolicy.Builder p =
        SlaPolicy.builder("p")
            .matrix(m.build())
            .target("urgent", SlaMetric.firstResponse(), Duration.ofHours(1))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(4));
    if (channels.length > 0) {
      p.channels(channels);
    }
    return Fixtures.statusModel().rejectUnknownKeys(strict).defaultPolicy(p.build()).build();
  }

  private static TicketEvent created(Map<String, String> attrs) {
    return TicketEvent.Created.byCustomer("T", "c", T0, attrs, Set.of());
  }

  private static TicketEvent attr(String id, Instant at, String key, String value) {
    return new TicketEvent.AttributeChanged("T", id, at, key, value);
  }

  @Test
  void anAbsentTierWithoutADefaultIsReportedAndNoPriorityApplies() {
    for (boolean strict : new boolean[] {false, true}) {
      SlaEvaluation e =
          Fixtures.eval(
              set(null, strict), List.of(created(Map.of("severity", "s1"))), Fixtures.mon(10, 0));
      assertEquals(Optional.empty(), e.priority());
      assertEquals(
          List.of(
              new EventAnomaly(
                  "c",
                  T0,
                  "tier is absent, so not among the tier keys [gold, silver] of the priority"
                      + " matrix of policy p: no priority applies")),
          e.anomalies());
    }
  }

  @Test
  void anAbsentSeverityWithADefaultIsReportedAndTheDefaultApplies() {
    SlaEvaluation e =
        Fixtures.eval(
            set("normal", false), List.of(created(Map.of("tier", "gold"))), Fixtures.mon(10, 0));
    assertEquals(Optional.of("normal"), e.priority());
    assertEquals(Optional.of(Duration.ofHours(4)), e.cycles().get(0).target());
    assertEquals(
        List.of(
            new EventAnomaly(
                "c",
                T0,
                "severity is absent, so not among the severity keys [s1, s2] of the priority"
                    + " matrix of policy p: its default priority 'normal' applies")),
        e.anomalies());
  }

  @Test
  void bothAbsentAreReportedInOneAnomaly() {
    SlaEvaluation e =
        Fixtures.eval(set("normal", false), List.of(created(Map.of())), Fixtures.mon(10, 0));
    assertEquals(1, e.anomalies().size());
    assertTrue(
        e.anomalies().get(0).reason().startsWith("severity is absent"), e.anomalies().toString());
    assertTrue(e.anomalies().get(0).reason().contains("tier is absent"), e.anomalies().toString());
  }

  @Test
  void aFieldSetLaterAtTheCreationInstantIsNotReported() {
    List<TicketEvent> h = List.of(created(Map.of("severity", "s1")), attr("a", T0, "tier", "gold"));
    SlaEvaluation e = Fixtures.eval(set(null, true), h, Fixtures.mon(10, 0));
    assertEquals(List.of(), e.anomalies());
    assertEquals(Optional.of("urgent"), e.priority());
  }

  @Test
  void aFieldSetAtALaterInstantEndsTheFallbackWithoutANewAnomaly() {
    List<TicketEvent> h =
        List.of(created(Map.of("severity", "s1")), attr("a", Fixtures.mon(9, 30), "tier", "gold"));
    SlaEvaluation e = Fixtures.eval(set(null, false), h, Fixtures.mon(10, 0));
    assertEquals(List.of("c"), e.anomalies().stream().map(EventAnomaly::eventId).toList());
    assertEquals(Optional.of("urgent"), e.priority());
  }

  @Test
  void anExplicitPriorityAtTheCreationInstantReplacesTheMatrix() {
    List<TicketEvent> h =
        List.of(created(Map.of()), new TicketEvent.PriorityChanged("T", "p", T0, "urgent"));
    SlaEvaluation e = Fixtures.eval(set(null, false), h, Fixtures.mon(10, 0));
    assertEquals(List.of(), e.anomalies());
    assertEquals(Optional.of("urgent"), e.priority());
  }

  @Test
  void aMatrixThatListsNoSeverityOrTierReadsNeither() {
    SlaPolicy p =
        SlaPolicy.builder("p")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", SlaMetric.firstResponse(), Duration.ofHours(4))
            .build();
    SlaPolicySet s = Fixtures.statusModel().defaultPolicy(p).build();
    assertEquals(
        List.of(), Fixtures.eval(s, List.of(created(Map.of())), Fixtures.mon(10, 0)).anomalies());
  }

  @Test
  void anAbsentChannelIsReportedOnlyWhenThePolicyListsChannels() {
    Map<String, String> keys = Map.of("severity", "s1", "tier", "gold");
    SlaEvaluation listed =
        Fixtures.eval(set(null, true, "email"), List.of(created(keys)), Fixtures.mon(10, 0));
    assertEquals(
        List.of(
            new EventAnomaly(
                "c",
                T0,
                "channel is absent, so not among the channel keys [email] of policy p: its '*'"
                    + " targets apply")),
        listed.anomalies());
    assertEquals(Optional.of(Duration.ofHours(1)), listed.cycles().get(0).target());
    assertEquals(
        List.of(),
        Fixtures.eval(set(null, true), List.of(created(keys)), Fixtures.mon(10, 0)).anomalies());
  }
}
