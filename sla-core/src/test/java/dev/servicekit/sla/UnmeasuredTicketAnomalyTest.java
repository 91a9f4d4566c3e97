package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A ticket that a policy leaves unmeasured is told so truthfully (s10user finding 3), on the shape
 * of the README's example policy set ({@code examples/src/main/resources/sla-policy.json}): its
 * default policy lists channels email and phone and has no {@code '*'} cell, so a chat ticket, or
 * one without a channel, gets no target; the anomaly said "its '*' targets apply". A tier no policy
 * of the set lists ({@code Gold} for {@code gold}) routed the ticket to the default policy without
 * a word, though {@code rejectUnknownKeys} rejects that very value.
 */
class UnmeasuredTicketAnomalyTest {

  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

  private static SlaPolicySet set(boolean strict) {
    return SlaPolicyJson.read(
        """
        {"statuses": ["new", "open", "solved"], "solvedStatuses": ["solved"],
         "initialStatus": "new", "rejectUnknownKeys": STRICT,
         "policies": [{"name": "key-accounts",
           "when": {"attributes": {"tier": ["gold", "platinum"]}},
           "matrix": {"cells": [{"severity": "critical", "tier": "platinum", "priority": "urgent"},
                                {"severity": "critical", "tier": "gold", "priority": "urgent"}],
                      "default": "normal"},
           "targets": {"urgent": {"*": {"first_response": "PT30M"}},
                       "normal": {"*": {"first_response": "PT4H"}}}}],
         "defaultPolicy": {"name": "standard", "matrix": {"default": "normal"},
           "channels": ["email", "phone"],
           "targets": {"normal": {"email": {"first_response": "PT8H"},
                                  "phone": {"first_response": "PT4H"}}}}}
        """
            .replace("STRICT", String.valueOf(strict)));
  }

  private static SlaEvaluation created(SlaPolicySet set, Map<String, String> attributes) {
    SlaClock c = SlaClock.of(set, Map.of(), "T");
    c.accept(TicketEvent.Created.byCustomer("T", "e1", T0, attributes, Set.of()));
    return c.evaluate(T0.plusSeconds(3600));
  }

  private static List<String> reasons(SlaEvaluation e) {
    return e.anomalies().stream().map(EventAnomaly::reason).toList();
  }

  @Test
  void aChannelThePolicyDoesNotListWithoutAStarCellIsReportedAsUnmeasured() {
    SlaEvaluation chat = created(set(false), Map.of("channel", "chat"));
    assertEquals(List.of(), chat.cycles());
    // before: "...of policy standard: its '*' targets apply", a fallback that does not exist
    assertEquals(
        List.of(
            "channel 'chat' is not among the channel keys [email, phone] of policy standard: it has"
                + " no '*' targets for priority 'normal', so the ticket's metrics go untargeted"
                + " (built-in ones are not reported)"),
        reasons(chat));
    SlaEvaluation none = created(set(false), Map.of());
    assertEquals(List.of(), none.cycles());
    assertEquals(
        List.of(
            "channel is absent, so not among the channel keys [email, phone] of policy standard: it"
                + " has no '*' targets for priority 'normal', so the ticket's metrics go untargeted"
                + " (built-in ones are not reported)"),
        reasons(none));
    SlaEvaluation email = created(set(false), Map.of("channel", "email"));
    assertEquals(1, email.cycles().size());
    assertEquals(List.of(), reasons(email));
  }

  @Test
  void strictModeRejectsAChannelNoPolicyListsAndStillReportsAnAbsentOne() {
    SlaClock c = SlaClock.of(set(true), Map.of(), "T");
    TicketEvent chat =
        TicketEvent.Created.byCustomer("T", "e1", T0, Map.of("channel", "chat"), Set.of());
    String m = assertThrows(IllegalArgumentException.class, () -> c.accept(chat)).getMessage();
    assertEquals(
        "event 'e1' channel 'chat' is unknown to every policy of the set (rejectUnknownKeys):"
            + " expected one of [email, phone]",
        m);
    // absent: a later event of the instant may still set it, so it is reported, not rejected
    SlaEvaluation none = created(set(true), Map.of());
    assertEquals(List.of(), none.cycles());
    assertTrue(reasons(none).get(0).contains("it has no '*' targets"), reasons(none).toString());
  }

  @Test
  void aTierNoPolicyListsIsReportedWhereThePolicyInForceDoesNotReadTiers() {
    SlaEvaluation gold = created(set(false), Map.of("channel", "email", "tier", "Gold"));
    assertEquals("standard", gold.policy());
    // before: no anomaly at all; the ticket silently got the standard policy
    assertEquals(
        List.of(
            "tier 'Gold' is unknown to every policy of the set (tier keys [platinum, gold]):"
                + " policy standard does not read it"),
        reasons(gold));
    SlaEvaluation listed =
        created(set(false), Map.of("channel", "email", "tier", "gold", "severity", "critical"));
    assertEquals("key-accounts", listed.policy());
    assertEquals(List.of(), reasons(listed));
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () -> created(set(true), Map.of("channel", "email", "tier", "Gold")))
            .getMessage();
    assertTrue(m.contains("tier 'Gold' is unknown to every policy of the set"), m);
  }

  @Test
  void aStarCellStillAppliesAndSaysSo() {
    SlaPolicySet set =
        SlaPolicyJson.read(
            """
            {"statuses": ["open", "solved"], "solvedStatuses": ["solved"],
             "defaultPolicy": {"name": "p", "matrix": {"default": "normal"},
               "channels": ["email"],
               "targets": {"normal": {"email": {"first_response": "PT1H"},
                                      "*": {"first_response": "PT8H"}}}}}
            """);
    SlaEvaluation chat = created(set, Map.of("channel", "chat"));
    assertEquals(1, chat.cycles().size());
    assertEquals(
        List.of(
            "channel 'chat' is not among the channel keys [email] of policy p: its '*' targets"
                + " apply"),
        reasons(chat));
  }
}
