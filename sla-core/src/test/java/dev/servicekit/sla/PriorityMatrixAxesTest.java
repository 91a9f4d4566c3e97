package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A priority matrix whose rows and columns read attributes other than {@code severity} and {@code
 * tier}: ServiceNow's impact x urgency lookup, read as it is, in code and in the policy JSON.
 */
class PriorityMatrixAxesTest {

  /**
   * ServiceNow derives an incident's priority from its Impact and Urgency through the priority
   * lookup rules (All > System Policy > Rules > Priority Lookup Rules); the sample rules of "Define
   * priority lookup rules" (Incident Management,
   * https://www.servicenow.com/docs/r/it-service-management/incident-management/def-prio-lookup-rules.html)
   * map 1-High x 1-High to 1-Critical, 1 x 2 and 2 x 1 to 2-High, 1 x 3, 2 x 2 and 3 x 1 to
   * 3-Moderate, 2 x 3 and 3 x 2 to 4-Low, and 3 x 3 to 5-Planning. The values are the choice values
   * of the impact and urgency fields ("1", "2", "3"); resolution targets are ours.
   */
  static final String SERVICENOW =
      """
      {"statuses": ["new", "in_progress", "on_hold", "resolved"],
       "solvedStatuses": ["resolved"],
       "rejectUnknownKeys": %s,
       "defaultPolicy": {
         "name": "incident",
         "matrix": {"rows": "impact", "columns": "urgency", "cells": [
           {"impact": "1", "urgency": "1", "priority": "1"},
           {"impact": "1", "urgency": "2", "priority": "2"},
           {"impact": "1", "urgency": "3", "priority": "3"},
           {"impact": "2", "urgency": "1", "priority": "2"},
           {"impact": "2", "urgency": "2", "priority": "3"},
           {"impact": "2", "urgency": "3", "priority": "4"},
           {"impact": "3", "urgency": "1", "priority": "3"},
           {"impact": "3", "urgency": "2", "priority": "4"},
           {"impact": "3", "urgency": "3", "priority": "5"}]},
         "targets": {"1": {"*": {"resolution": "PT4H"}}, "2": {"*": {"resolution": "PT8H"}},
                     "3": {"*": {"resolution": "PT24H"}}, "4": {"*": {"resolution": "PT72H"}},
                     "5": {"*": {"resolution": "PT120H"}}}}}
      """;

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  static SlaPolicySet serviceNow(boolean strict) {
    return SlaPolicyJson.read(SERVICENOW.formatted(strict));
  }

  private static SlaEvaluation eval(SlaPolicySet set, Instant now, TicketEvent... events) {
    return Fixtures.eval(set, List.of(events), now);
  }

  private static TicketEvent created(String... kv) {
    Map<String, String> attrs = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      attrs.put(kv[i], kv[i + 1]);
    }
    return TicketEvent.created("INC1", "e0", T0, attrs, Set.of(), false, null);
  }

  @ParameterizedTest(name = "impact {0} x urgency {1} -> priority {2}")
  @CsvSource({
    "1, 1, 1, PT4H", "1, 2, 2, PT8H", "1, 3, 3, PT24H",
    "2, 1, 2, PT8H", "2, 2, 3, PT24H", "2, 3, 4, PT72H",
    "3, 1, 3, PT24H", "3, 2, 4, PT72H", "3, 3, 5, PT120H"
  })
  void serviceNowSampleLookupRulesGiveThePriorityAndItsTarget(
      String impact, String urgency, String priority, String target) {
    SlaEvaluation e =
        eval(serviceNow(false), T0.plusSeconds(60), created("impact", impact, "urgency", urgency));
    assertEquals(Optional.of(priority), e.priority());
    assertEquals(Optional.of(Duration.parse(target)), e.cycles().get(0).target());
    assertEquals(List.of(), e.anomalies());
  }

  @Test
  void anUrgencyChangeRetargetsByTheLookup() {
    SlaEvaluation e =
        eval(
            serviceNow(false),
            T0.plus(Duration.ofHours(2)),
            created("impact", "2", "urgency", "1"),
            new TicketEvent.AttributeChanged("INC1", "e1", T0.plusSeconds(600), "urgency", "3"));
    assertEquals(Optional.of("4"), e.priority());
    assertEquals(Optional.of(Duration.ofHours(72)), e.cycles().get(0).target());
    assertEquals(2, e.policyChanges().size());
    assertEquals(Optional.of("2"), e.policyChanges().get(0).priority());
  }

  @Test
  void severityAndTierAreNotReadByAnImpactUrgencyMatrix() {
    SlaEvaluation e =
        eval(serviceNow(false), T0.plusSeconds(60), created("severity", "1", "tier", "1"));
    assertEquals(Optional.empty(), e.priority());
    assertEquals(1, e.anomalies().size(), () -> e.anomalies().toString());
    String reason = e.anomalies().get(0).reason();
    assertTrue(reason.contains("impact is absent, so not among the impact keys [1, 2, 3]"), reason);
    assertTrue(reason.contains("urgency is absent, so not among the urgency keys"), reason);
    assertFalse(reason.contains("severity"), reason);
  }

  @Test
  void anUnlistedImpactIsReportedUnderItsName() {
    SlaEvaluation e =
        eval(serviceNow(false), T0.plusSeconds(60), created("impact", "4", "urgency", "1"));
    String reason = e.anomalies().get(0).reason();
    assertTrue(reason.contains("impact '4' is not among the impact keys [1, 2, 3]"), reason);
    assertTrue(reason.contains("no priority applies"), reason);
  }

  @Test
  void rejectUnknownKeysRejectsAnUnknownUrgencyByName() {
    SlaClock clock = Fixtures.clock(serviceNow(true), "INC1");
    clock.accept(created("impact", "1", "urgency", "1"));
    TicketEvent bad =
        new TicketEvent.AttributeChanged("INC1", "e1", T0.plusSeconds(5), "urgency", "9");
    IllegalArgumentException x =
        assertThrows(IllegalArgumentException.class, () -> clock.accept(bad));
    assertEquals(
        "event 'e1' urgency '9' is unknown to every policy of the set (rejectUnknownKeys):"
            + " expected one of [1, 2, 3]",
        x.getMessage());
    // severity is just another attribute now
    clock.accept(
        new TicketEvent.AttributeChanged("INC1", "e2", T0.plusSeconds(5), "severity", "9"));
    assertEquals(Optional.of("1"), clock.evaluate(T0.plusSeconds(10)).priority());
  }

  @Test
  void codeAndJsonBuildTheSameMatrixAndTheWriterKeepsTheNames() {
    PriorityMatrix.Builder b = PriorityMatrix.builder().rows("impact").columns("urgency");
    String[][] cells = {
      {"1", "1", "1"}, {"1", "2", "2"}, {"1", "3", "3"},
      {"2", "1", "2"}, {"2", "2", "3"}, {"2", "3", "4"},
      {"3", "1", "3"}, {"3", "2", "4"}, {"3", "3", "5"}
    };
    for (String[] c : cells) {
      b.cell(c[0], c[1], c[2]);
    }
    PriorityMatrix m = b.build();
    SlaPolicySet set = serviceNow(false);
    assertEquals(m, set.defaultPolicy().matrix());
    assertEquals("impact", set.rowAttribute());
    assertEquals("urgency", set.columnAttribute());
    String json = SlaPolicyJson.write(set);
    assertTrue(json.contains("\"rows\": \"impact\""), json);
    assertTrue(json.contains("\"columns\": \"urgency\""), json);
    assertTrue(json.contains("{\"impact\": \"1\", \"urgency\": \"1\", \"priority\": \"1\"}"), json);
    assertFalse(json.contains("severity"), json);
    assertEquals(set, SlaPolicyJson.read(json));
  }

  @Test
  void defaultsAreSeverityAndTierAndAreNotWritten() {
    PriorityMatrix m = PriorityMatrix.builder().cell("s1", "gold", "urgent").build();
    assertEquals("severity", m.rowAttribute());
    assertEquals("tier", m.columnAttribute());
    assertEquals(
        m,
        PriorityMatrix.builder()
            .rows("severity")
            .columns("tier")
            .cell("s1", "gold", "urgent")
            .build());
    assertEquals(SlaPolicySet.SEVERITY, Fixtures.tiered().rowAttribute());
    assertEquals(SlaPolicySet.TIER, Fixtures.tiered().columnAttribute());
    String json = SlaPolicyJson.write(Fixtures.tiered());
    assertFalse(json.contains("\"rows\""), json);
    assertFalse(json.contains("\"columns\""), json);
  }

  @Test
  void axesTakePartInEqualityAndToString() {
    PriorityMatrix plain = PriorityMatrix.builder().cell("1", "1", "p").build();
    PriorityMatrix custom =
        PriorityMatrix.builder().rows("impact").columns("urgency").cell("1", "1", "p").build();
    assertFalse(plain.equals(custom));
    assertEquals("PriorityMatrix{1={1=p}}", plain.toString());
    assertEquals("PriorityMatrix(impact x urgency){1={1=p}}", custom.toString());
  }

  @Test
  void builderRefusesBadAxesAndKeepsItsState() {
    PriorityMatrix.Builder b = PriorityMatrix.builder();
    assertThrows(NullPointerException.class, () -> b.rows(null));
    assertEquals(
        "rows '' must have between 1 and 64 characters",
        assertThrows(IllegalArgumentException.class, () -> b.rows("")).getMessage());
    assertEquals(
        "columns 'channel' is reserved: the matrix cannot read the attribute channel (it selects"
            + " targets) nor priority (the result of a cell)",
        assertThrows(IllegalArgumentException.class, () -> b.columns("channel")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> b.rows("priority"));
    b.rows("impact");
    assertEquals(
        "rows was already set to impact",
        assertThrows(IllegalArgumentException.class, () -> b.rows("urgency")).getMessage());
    b.columns("impact").cell("1", "1", "p");
    assertEquals(
        "priority matrix rows and columns both read the attribute impact",
        assertThrows(IllegalArgumentException.class, b::build).getMessage());
    PriorityMatrix.Builder c = PriorityMatrix.builder().columns("severity");
    assertThrows(IllegalArgumentException.class, () -> c.defaultPriority("p").build());
  }

  @Test
  void aMissingCellIsNamedByTheAxes() {
    PriorityMatrix.Builder b =
        PriorityMatrix.builder()
            .rows("impact")
            .columns("urgency")
            .cell("1", "1", "p")
            .cell("2", "2", "q");
    assertEquals(
        "priority matrix cell (impact 1, urgency 2) is missing and there is no defaultPriority",
        assertThrows(IllegalArgumentException.class, b::build).getMessage());
  }

  @Test
  void aSetRefusesMatricesThatReadDifferentAttributes() {
    PriorityMatrix custom =
        PriorityMatrix.builder().rows("impact").columns("urgency").cell("1", "1", "p").build();
    PriorityMatrix plain = PriorityMatrix.builder().cell("1", "1", "p").build();
    SlaPolicySet.Builder b =
        SlaPolicySet.builder()
            .statuses("new", "solved")
            .solvedStatuses("solved")
            .policy(SlaPolicy.builder("a").matrix(custom).build())
            .defaultPolicy(SlaPolicy.builder("b").matrix(plain).build());
    assertEquals(
        "policy b has a priority matrix of severity x tier but policy a one of impact x urgency:"
            + " every matrix of a set that lists cells must read the same rows and columns",
        assertThrows(IllegalArgumentException.class, b::build).getMessage());
  }

  @Test
  void aConstantMatrixReadsNothingAndFitsAnySet() {
    PriorityMatrix custom =
        PriorityMatrix.builder().rows("impact").columns("urgency").cell("1", "1", "p").build();
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("new", "solved")
            .solvedStatuses("solved")
            .policy(
                SlaPolicy.builder("a")
                    .when(MatchCondition.always().withAttribute("team", "x"))
                    .matrix(custom)
                    .build())
            .defaultPolicy(SlaPolicy.builder("b").matrix(PriorityMatrix.constant("p")).build())
            .build();
    assertEquals("impact", set.rowAttribute());
    assertEquals("urgency", set.columnAttribute());
    assertFalse(PriorityMatrix.constant("p").readsAttributes());
    assertEquals(set, SlaPolicyJson.read(SlaPolicyJson.write(set)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          rows a number | "rows": 7, | expected a string but found 7 (at $.defaultPolicy.matrix.rows, line 1, column
          rows empty | "rows": "", | rows '' must have between 1 and 64 characters (at $.defaultPolicy.matrix.rows, line 1, column
          columns reserved | "columns": "channel", | columns 'channel' is reserved
          columns null | "columns": null, | expected a string but found null (at $.defaultPolicy.matrix.columns, line 1, column
          same axes | "rows": "impact", "columns": "impact", | priority matrix rows and columns both read the attribute impact (at $.defaultPolicy.matrix.columns, line 1, column
          cell with old names | "rows": "impact", "columns": "urgency", | unknown field
          """)
  void hostileAxesAreRefusedWithTheirLocation(String name, String axes, String message) {
    String json =
        "{\"statuses\": [\"new\"], \"defaultPolicy\": {\"name\": \"p\", \"matrix\": {"
            + axes
            + " \"cells\": [{\"severity\": \"1\", \"tier\": \"1\", \"priority\": \"x\"}]}}}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertTrue(e.getMessage().contains(message.strip()), e.getMessage());
    assertTrue(e.getMessage().contains("line 1, column"), e.getMessage());
  }

  @Test
  void aLongAxisNameIsQuotedBounded() {
    String longName = "x".repeat(5000);
    String json =
        "{\"statuses\": [\"new\"], \"defaultPolicy\": {\"name\": \"p\", \"matrix\": {\"rows\": \""
            + longName
            + "\", \"default\": \"x\"}}}";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json));
    assertTrue(e.getMessage().length() < 400, e.getMessage());
    assertTrue(
        e.getMessage().contains("$.defaultPolicy.matrix.rows, line 1, column"), e.getMessage());
  }
}
