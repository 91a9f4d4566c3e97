package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The JSON report of an evaluation: its exact layout, and text that needs escaping. */
class SlaEvaluationJsonTest {

  private static final Instant NINE = Instant.parse("2026-03-02T09:00:00Z");

  private static SlaPolicySet set() {
    SlaMetric m = SlaMetric.firstResponse();
    SlaPolicy p =
        SlaPolicy.builder("standard")
            .matrix(PriorityMatrix.constant("normal"))
            .target("normal", m, Duration.ofHours(1))
            .rule(
                MetricRule.builder(m)
                    .calendar(MetricRule.ALWAYS)
                    .pauseOn("pending")
                    .warnAt(50, 100)
                    .escalate(EscalationLevel.of(1, 100, "lead"))
                    .escalate(EscalationLevel.of(2, 150, "head"))
                    .build())
            .build();
    return Fixtures.statusModel().defaultPolicy(p).build();
  }

  private static SlaClock clock(String ticket) {
    SlaClock clock = new SlaClock(set(), Map.of(), ticket);
    clock.accept(new TicketEvent.Created(ticket, "e1", NINE, Map.of(), Set.of()));
    return clock;
  }

  @Test
  void theLayoutIsFixedFieldByField() {
    SlaEvaluation ev = clock("T-1").evaluate(NINE.plus(Duration.ofMinutes(70)));
    assertEquals(
        "{\"format\":\"servicekit.sla-evaluation\",\"v\":1,\"ticketId\":\"T-1\","
            + "\"at\":\"2026-03-02T10:10:00Z\",\"status\":\"new\",\"policy\":\"standard\","
            + "\"priority\":\"normal\",\"cycles\":[{\"metric\":\"first_response\",\"cycle\":0,"
            + "\"key\":\"\",\"state\":\"BREACHED\",\"running\":true,\"policy\":\"standard\",\"targeted\":true,"
            + "\"start\":\"2026-03-02T09:00:00Z\",\"stop\":null,\"target\":\"PT1H\","
            + "\"deadline\":\"2026-03-02T10:00:00Z\",\"metAt\":null,"
            + "\"breachedAt\":\"2026-03-02T10:00:00.000000001Z\",\"elapsed\":\"PT1H10M\","
            + "\"wallElapsed\":\"PT1H10M\",\"pausedTime\":\"PT0S\",\"remaining\":\"PT0S\","
            + "\"signedRemaining\":\"-PT10M\",\"breachedBy\":\"PT10M\","
            + "\"percentConsumed\":116.66666666666667,\"warningPercent\":100,"
            + "\"warnings\":[{\"percent\":50,\"at\":\"2026-03-02T09:30:00Z\"},"
            + "{\"percent\":100,\"at\":\"2026-03-02T10:00:00Z\"}],"
            + "\"escalation\":{\"level\":1,\"percent\":100,\"recipient\":\"lead\"}}],"
            + "\"nextTransition\":{\"at\":\"2026-03-02T10:30:00Z\",\"changes\":[{"
            + "\"metric\":\"first_response\",\"cycle\":0,\"key\":\"\",\"kind\":\"ESCALATED\","
            + "\"warningPercent\":0,"
            + "\"escalation\":{\"level\":2,\"percent\":150,\"recipient\":\"head\"}}]},"
            + "\"policyChanges\":[{\"at\":\"2026-03-02T09:00:00Z\",\"eventId\":\"e1\","
            + "\"policy\":\"standard\",\"priority\":\"normal\",\"channel\":\"*\"}],"
            + "\"anomalies\":[]}",
        ev.toJson());
  }

  @Test
  void theAuditTrailIsWrittenOnlyOnRequestAsEachCyclesLastField() throws Exception {
    SlaClock clock = clock("T-1");
    clock.accept(new TicketEvent.StatusChanged("T-1", "e2", NINE.plusSeconds(600), "pending"));
    SlaEvaluation ev = clock.evaluate(NINE.plusSeconds(900));
    assertTrue(!ev.toJson().contains("segments"), ev.toJson());
    String with = SlaEvaluationJson.write(ev, clock);
    List<CycleSegment> trail = clock.auditTrail(SlaMetric.firstResponse(), 0, ev.at());
    SlaEvaluationJsonProperties.check(
        ev, SlaEvaluationJsonProperties.STRICT.readTree(with), List.of(trail));
    assertTrue(
        with.contains(
            "\"segments\":[{\"kind\":\"RUNNING\",\"from\":\"2026-03-02T09:00:00Z\","
                + "\"to\":\"2026-03-02T09:10:00Z\",\"calendar\":\"24/7\",\"business\":\"PT10M\","
                + "\"wall\":\"PT10M\",\"openedBy\":\"e1\",\"closedBy\":\"e2\","
                + "\"policy\":\"standard\",\"target\":\"PT1H\"},{\"kind\":\"PAUSED\","
                + "\"from\":\"2026-03-02T09:10:00Z\",\"to\":\"2026-03-02T09:15:00Z\","
                + "\"calendar\":\"24/7\",\"business\":\"PT0S\",\"wall\":\"PT5M\","
                + "\"openedBy\":\"e2\",\"closedBy\":null,\"policy\":\"standard\","
                + "\"target\":\"PT1H\"}]}],"),
        with);
  }

  @Test
  void textIsEscapedAndReadsBackExactly() throws Exception {
    String id = "T \"1\" \\ é 😀 </script>";
    SlaClock clock = clock(id);
    // an event at the instant of creation with an id needing escapes, that has no effect
    clock.accept(new TicketEvent.CallAnswered(id, "x\"\\\u00e9", NINE.plusSeconds(5), "nope"));
    SlaEvaluation ev = clock.evaluate(NINE.plusSeconds(10));
    String json = ev.toJson();
    SlaEvaluationJsonProperties.check(ev, SlaEvaluationJsonProperties.STRICT.readTree(json), null);
    assertEquals(id, SlaEvaluationJsonProperties.STRICT.readTree(json).get("ticketId").textValue());
  }

  @Test
  void anEvaluationBuiltFromItsComponentsWithNothingRunningIsWritten() throws Exception {
    SlaEvaluation ev =
        new SlaEvaluation(
            "T-1",
            NINE,
            "solved",
            "standard",
            Optional.empty(),
            List.of(),
            List.of(),
            List.of(new EventAnomaly("e9", NINE, "a reason with \"quotes\"")),
            Optional.empty());
    SlaEvaluationJsonProperties.check(
        ev, SlaEvaluationJsonProperties.STRICT.readTree(ev.toJson()), null);
  }

  @Test
  void theAuditTrailComesFromTheClockOfTheSameTicketOnly() {
    SlaEvaluation ev = clock("T-1").evaluate(NINE);
    IllegalArgumentException x =
        assertThrows(
            IllegalArgumentException.class, () -> SlaEvaluationJson.write(ev, clock("T-2")));
    assertTrue(x.getMessage().contains("T-2") && x.getMessage().contains("T-1"), x.getMessage());
  }
}
