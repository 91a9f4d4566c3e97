package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A policy that lists channels may still hold a cell for a channel it does not list, as long as the
 * row has a {@code *} cell; the lookup then uses that channel's own cell. The unlisted-channel
 * anomaly said "its '*' targets apply" though the ticket was measured on its own cell (1 h, not the
 * 4 h of {@code *}): it now says what applies.
 */
class UnlistedChannelWithItsOwnCellTest {

  private static SlaEvaluation created(String channel) {
    SlaPolicySet set =
        SlaPolicySet.builder()
            .statuses("open", "solved")
            .solvedStatuses("solved")
            .defaultPolicy(
                SlaPolicy.builder("p")
                    .matrix(PriorityMatrix.constant("normal"))
                    .channels("email")
                    .target("normal", "*", SlaMetric.firstResponse(), Duration.ofHours(4))
                    .target("normal", "email", SlaMetric.firstResponse(), Duration.ofHours(2))
                    .target("normal", "chat", SlaMetric.firstResponse(), Duration.ofHours(1))
                    .build())
            .build();
    Instant t0 = Instant.parse("2026-03-02T09:00:00Z");
    SlaClock clock = SlaClock.of(set, Map.of(), "T");
    clock.accept(
        TicketEvent.Created.byCustomer("T", "c", t0, Map.of("channel", channel), Set.of()));
    return clock.evaluate(t0);
  }

  @Test
  void theAnomalySaysTheChannelsOwnCellApplies() {
    SlaEvaluation e = created("chat");
    assertEquals(Duration.ofHours(1), e.cycles().get(0).target().orElseThrow());
    assertEquals(
        List.of(
            "channel 'chat' is not among the channel keys [email] of policy p: its own target"
                + " cell applies"),
        e.anomalies().stream().map(EventAnomaly::reason).toList());
  }

  @Test
  void aChannelWithoutACellStillFallsBackToStarAndSaysSo() {
    SlaEvaluation e = created("phone");
    assertEquals(Duration.ofHours(4), e.cycles().get(0).target().orElseThrow());
    assertEquals(
        List.of(
            "channel 'phone' is not among the channel keys [email] of policy p: its '*' targets"
                + " apply"),
        e.anomalies().stream().map(EventAnomaly::reason).toList());
  }
}
