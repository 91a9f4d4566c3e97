package dev.servicekit.sla;

import static dev.servicekit.sla.Fixtures.mon;
import static dev.servicekit.sla.PresetScenarios.min;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link GenericStatus} and {@link SlaPreset#status(GenericStatus)}: one CRM history written in
 * generic statuses, fed to all four presets, gives each vendor's own numbers. The expected values
 * are computed by hand from each preset's documented rules (see the preset tests for the vendor
 * pages): what each vendor pauses, and whether a reopen resumes or restarts resolution.
 */
class GenericStatusTest {

  private static final SlaMetric FIRST = SlaMetric.firstResponse();
  private static final SlaMetric RESOLUTION = SlaMetric.resolution();

  @Test
  void everyPresetMapsTheGenericStatusesAsItsJavadocTableSays() {
    assertMapping(SlaPreset.ZENDESK, "new", "open", "pending", "hold", "solved", "closed", null);
    assertMapping(
        SlaPreset.JIRA_SERVICE_MANAGEMENT,
        "waiting-for-support",
        "in-progress",
        "waiting-for-customer",
        "pending",
        "resolved",
        "closed",
        "canceled");
    assertMapping(
        SlaPreset.SERVICENOW,
        "new",
        "in-progress",
        "awaiting-user-info",
        "on-hold",
        "resolved",
        "closed",
        "canceled");
    assertMapping(
        SlaPreset.ZAMMAD,
        "new",
        "open",
        "pending-reminder",
        "pending-reminder",
        "closed",
        "closed",
        "merged");
  }

  private static void assertMapping(SlaPreset preset, String... keys) {
    GenericStatus[] all = GenericStatus.values();
    for (int i = 0; i < all.length; i++) {
      assertEquals(Optional.ofNullable(keys[i]), preset.status(all[i]), preset + " " + all[i]);
    }
  }

  // Every vendor status maps back, to a generic status whose key the preset measures alike: solved
  // iff the key is solved, the initial status for the initial status, and paused by the same
  // metrics of the preset's default rules. And a generic status maps back to itself, or to an
  // earlier one with the same key.
  @Test
  void everyVendorStatusMapsBackToAGenericStatusThePresetMeasuresAlike() {
    for (SlaPreset preset : SlaPreset.values()) {
      SlaPolicySet set =
          preset.policySet().defaultPolicy(PresetMetricSetups.onlyTargets("n")).build();
      for (String key : preset.statuses()) {
        GenericStatus g = preset.genericStatus(key).orElseThrow(() -> new AssertionError(key));
        String back = preset.status(g).orElseThrow();
        assertEquals(
            set.solvedStatuses().contains(key), set.solvedStatuses().contains(back), preset + key);
        for (MetricRule r : set.defaultRules().values()) {
          assertEquals(
              r.pauseStatuses().contains(key),
              r.pauseStatuses().contains(back),
              preset + " " + key + " " + r.metric());
        }
      }
      assertEquals(Optional.of(GenericStatus.NEW), preset.genericStatus(set.initialStatus()));
      assertEquals(Optional.of(set.initialStatus()), preset.status(GenericStatus.NEW));
      for (GenericStatus g : GenericStatus.values()) {
        preset
            .status(g)
            .ifPresent(
                key -> {
                  GenericStatus back = preset.genericStatus(key).orElseThrow();
                  assertTrue(back.compareTo(g) <= 0, preset + " " + g + " -> " + back);
                  assertEquals(preset.status(back), Optional.of(key));
                });
      }
      assertEquals(Optional.empty(), preset.genericStatus("no-such-status"));
    }
  }

  /** One help-desk history in generic statuses (times UTC, Monday 2026-01-05, counted 24/7). */
  private static List<TicketEvent> history(SlaPreset preset) {
    String id = "G-" + preset.ordinal();
    List<TicketEvent> h = new ArrayList<>();
    h.add(PresetScenarios.created(id, "e01", mon(9, 0))); // NEW
    h.add(status(preset, id, "e02", mon(9, 10), GenericStatus.WAITING_ON_CUSTOMER));
    h.add(status(preset, id, "e03", mon(9, 40), GenericStatus.OPEN));
    h.add(TicketEvent.AgentReply.publicReply(id, "e04", mon(10, 0)));
    h.add(status(preset, id, "e05", mon(11, 0), GenericStatus.ON_HOLD));
    h.add(status(preset, id, "e06", mon(13, 0), GenericStatus.OPEN));
    h.add(status(preset, id, "e07", mon(14, 0), GenericStatus.SOLVED));
    h.add(status(preset, id, "e08", mon(15, 0), GenericStatus.OPEN)); // the requester reopens
    h.add(status(preset, id, "e09", mon(16, 0), GenericStatus.SOLVED));
    return h;
  }

  private static TicketEvent status(
      SlaPreset preset, String ticket, String id, Instant at, GenericStatus s) {
    return new TicketEvent.StatusChanged(ticket, id, at, preset.status(s).orElseThrow());
  }

  private static SlaEvaluation eval(SlaPreset preset) {
    SlaPolicySet set =
        preset.policySet().defaultPolicy(PresetMetricSetups.onlyTargets("n")).build();
    return Fixtures.eval(set, history(preset), mon(17, 0));
  }

  private static List<Duration> elapsed(SlaEvaluation e, SlaMetric m) {
    return e.cycles(m).stream().map(MetricCycle::elapsed).toList();
  }

  // Zendesk: first reply 60 min (pending does not pause it); requester wait time pauses only in
  // pending (09:10-09:40) and counts on-hold: 09:00-14:00 less 30 min = 4 h 30, resumed on the
  // reopen for 15:00-16:00: 5 h 30 in one cycle.
  @Test
  void zendeskCountsOnHoldAndResumesOnTheReopen() {
    SlaEvaluation e = eval(SlaPreset.ZENDESK);
    assertEquals(List.of(min(60)), elapsed(e, FIRST));
    assertEquals(List.of(min(330)), elapsed(e, RESOLUTION));
    assertEquals(CycleState.ACHIEVED, e.cycles(RESOLUTION).get(0).state());
  }

  // Jira Service Management: generic on hold is its "pending", which time to resolution counts;
  // waiting for customer pauses it: 4 h 30 until resolved; the reopen starts a new cycle of 1 h.
  @Test
  void jiraServiceManagementCountsPendingAndRestartsOnTheReopen() {
    SlaEvaluation e = eval(SlaPreset.JIRA_SERVICE_MANAGEMENT);
    assertEquals(List.of(min(60)), elapsed(e, FIRST));
    assertEquals(List.of(min(270), min(60)), elapsed(e, RESOLUTION));
    assertEquals(min(30), e.cycles(RESOLUTION).get(0).pausedTime());
  }

  // ServiceNow: awaiting user info and on hold both pause: 5 h less 30 min less 2 h = 2 h 30 until
  // resolved; the reopen attaches a new SLA of 1 h.
  @Test
  void serviceNowPausesOnHoldAndAttachesANewSlaOnTheReopen() {
    SlaEvaluation e = eval(SlaPreset.SERVICENOW);
    assertEquals(List.of(min(60)), elapsed(e, FIRST));
    assertEquals(List.of(min(150), min(60)), elapsed(e, RESOLUTION));
    assertEquals(min(150), e.cycles(RESOLUTION).get(0).pausedTime());
  }

  // Zammad: both waits are pending reminder, which pauses every metric: first response 30 min
  // (paused 09:10-09:40), solution 2 h 30 until closed; solution time applies once, so the reopen
  // neither resumes it nor starts another.
  @Test
  void zammadPausesEveryMetricInPendingAndItsSolutionTimeAppliesOnce() {
    SlaEvaluation e = eval(SlaPreset.ZAMMAD);
    assertEquals(List.of(min(30)), elapsed(e, FIRST));
    assertEquals(min(30), e.cycles(FIRST).get(0).pausedTime());
    assertEquals(List.of(min(150)), elapsed(e, RESOLUTION));
    assertEquals(CycleState.ACHIEVED, e.cycles(RESOLUTION).get(0).state());
  }
}
