package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * KPI definitions as vendors and references publish them, each with its source and the expected
 * values worked out by hand from the published formula (not from servicekit's code). {@link
 * PublishedReferenceValuesTest} holds the ICMI, Bain and Delighted examples; these are others.
 */
class VendorPublishedDefinitionsTest {

  private static final ServiceLevelPolicy T20_S5 =
      ServiceLevelPolicy.of(Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(20));

  private static void times(int n, Runnable r) {
    for (int i = 0; i < n; i++) {
      r.run();
    }
  }

  /**
   * Genesys Cloud, "Configure the service level calculation"
   * (help.mypurecloud.com/articles/configure-the-service-level-calculation/): SL % = (answered -
   * answered that miss the target) / (answered + abandoned [+ flow-outs if included] [- short
   * abandons when "Include Short Abandons" is off] [- abandons when "Include Abandons" is off]) x
   * 100. Data: 50 answered, 40 within 20 s; 10 abandoned, 4 of them within the 5 s short-abandon
   * time.
   */
  @Test
  void genesysCloudServiceLevelSwitches() {
    ServiceLevelAccumulator acc = ServiceLevelAccumulator.create(T20_S5);
    times(40, () -> acc.answered(Duration.ofSeconds(12)));
    times(10, () -> acc.answered(Duration.ofSeconds(45)));
    times(4, () -> acc.abandoned(Duration.ofSeconds(3)));
    times(6, () -> acc.abandoned(Duration.ofSeconds(30)));
    ServiceLevelResult r = acc.result();
    // both switches on: 40 / (50 + 10) = 66.667 %
    assertEquals(
        100.0 * 40 / 60,
        r.serviceLevelPercent(ServiceLevelVariant.ABANDONS_COUNT_AS_MISSED).getAsDouble(),
        1e-9);
    // short abandons off: 40 / (50 + 10 - 4) = 71.429 %
    assertEquals(
        100.0 * 40 / 56,
        r.serviceLevelPercent(ServiceLevelVariant.SHORT_ABANDONS_EXCLUDED).getAsDouble(),
        1e-9);
    // abandons off: 40 / (50 + 10 - 10) = 80 %
    assertEquals(
        80.0, r.serviceLevelPercent(ServiceLevelVariant.ABANDONS_IGNORED).getAsDouble(), 1e-9);
    // Genesys Cloud FAQ "What do abandons include": the abandon rate counts short abandons,
    // 10 / 60; Talkdesk's, without them, (10 - 4) / (60 - 4)
    assertEquals(100.0 * 10 / 60, r.abandonmentPercent().getAsDouble(), 1e-9);
    assertEquals(100.0 * 6 / 56, r.abandonmentExcludingShortPercent().getAsDouble(), 1e-9);
  }

  /**
   * Cisco Unified ICM / CTI Server user guide, "Service Level Formulas" (Tables 3 and 4): 70
   * answered within the threshold (ServiceLevelCalls), 10 abandoned within it (ServiceLevelAband),
   * 20 that exceeded it, 100 service-level events (ServiceLevelCallsOffered). "Ignore abandoned
   * calls" = 70 / (100 - 10) = 77.78 % (servicekit's ABANDONS_WITHIN_THRESHOLD_EXCLUDED, not
   * ABANDONS_IGNORED), "negative impact" = 70 / 100, "positive impact" = (70 + 10) / 100.
   */
  @Test
  void ciscoIcmServiceLevelTypes() {
    ServiceLevelAccumulator acc =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(Duration.ofSeconds(30), Duration.ZERO, Duration.ofSeconds(30)));
    times(70, () -> acc.answered(Duration.ofSeconds(10)));
    times(10, () -> acc.abandoned(Duration.ofSeconds(20)));
    times(12, () -> acc.answered(Duration.ofSeconds(50))); // exceeded: answered late ...
    times(8, () -> acc.abandoned(Duration.ofSeconds(40))); // ... or abandoned after it
    ServiceLevelResult r = acc.result();
    assertEquals(100, r.offered());
    assertEquals(
        100.0 * 70 / 90,
        r.serviceLevelPercent(ServiceLevelVariant.ABANDONS_WITHIN_THRESHOLD_EXCLUDED).getAsDouble(),
        1e-9);
    assertEquals(
        70.0, r.serviceLevelPercent(ServiceLevelVariant.ABANDONS_COUNT_AS_MISSED).getAsDouble());
    assertEquals(
        80.0,
        r.serviceLevelPercent(ServiceLevelVariant.ABANDONS_WITHIN_THRESHOLD_MET).getAsDouble());
  }

  /**
   * Cisco ICM 4.5 "Service Data": 50 calls answered in under 30 s and 80 that took longer, no
   * abandons: 50 / (50 + 80) = 38 %. Without abandons every variant agrees.
   */
  @Test
  void ciscoIcmServiceLevelWithoutAbandons() {
    ServiceLevelAccumulator acc =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30)));
    times(50, () -> acc.answered(Duration.ofSeconds(29)));
    times(80, () -> acc.answered(Duration.ofSeconds(31)));
    for (ServiceLevelVariant v : ServiceLevelVariant.values()) {
      assertEquals(38.46, acc.result().serviceLevelPercent(v).getAsDouble(), 0.005, v.name());
    }
  }

  /**
   * Genesys Cloud glossary "Average handle time (AHT)" and Talkdesk "Avg. Handle Time": (talk +
   * hold + after-call work) / handled; Genesys adds dialing and contacting time for outbound calls,
   * which goes in with the talk time here. Two inbound calls (240 s talk, 30 s hold, 60 s ACW; 100
   * s, 0, 20 s) and an outbound one (15 s dialing and contacting, 135 s talk, 0, 45 s): (330 + 120
   * + 195) / 3 = 215 s.
   */
  @Test
  void averageHandleTimeAsGenesysAndTalkdeskDefineIt() {
    HandleTimeAccumulator aht = HandleTimeAccumulator.create();
    aht.add(Duration.ofSeconds(240), Duration.ofSeconds(30), Duration.ofSeconds(60));
    aht.add(Duration.ofSeconds(100), Duration.ZERO, Duration.ofSeconds(20));
    aht.add(Duration.ofSeconds(15 + 135), Duration.ZERO, Duration.ofSeconds(45));
    assertEquals(215_000.0, aht.result().averageHandleMillis().getAsDouble(), 1e-9);
    assertEquals(645_000L, aht.result().handleMillis());
  }

  /**
   * Zendesk's satisfaction score: good / (good + bad), unrated tickets ignored (Zendesk Support,
   * "Using customer satisfaction ratings"; the formula as Scorebuddy's Cx MOMENTS states it). On
   * Zendesk's scales bad is 1 and good 2 (1-2), bad 1-2 and good 3 (1-3), bad 1-3 and good 4-5
   * (1-5).
   */
  @Test
  void zendeskGoodOverGoodPlusBad() {
    RatingAccumulator twoPoint = RatingAccumulator.create(RatingScale.of(1, 2, 2));
    times(30, () -> twoPoint.add(2));
    times(10, () -> twoPoint.add(1));
    assertEquals(75.0, twoPoint.result().satisfiedPercent().getAsDouble(), 1e-12);

    RatingAccumulator threePoint = RatingAccumulator.create(RatingScale.of(1, 3, 3));
    for (int r : new int[] {3, 3, 3, 2, 2, 1}) {
      threePoint.add(r); // a 2 is bad on the 1-3 scale
    }
    assertEquals(50.0, threePoint.result().satisfiedPercent().getAsDouble(), 1e-12);

    RatingAccumulator fivePoint = RatingAccumulator.create(RatingScale.csatFivePoint());
    for (int r : new int[] {5, 4, 3, 3, 2}) {
      fivePoint.add(r); // a 3 is bad on the 1-5 scale
    }
    assertEquals(40.0, fivePoint.result().satisfiedPercent().getAsDouble(), 1e-12);
  }

  /**
   * NPS in Zendesk Explore as SweetHawk's Survey app documents it (detractors below 7, passives 7
   * and 8, promoters above 8; NPS = % promoters - % detractors), Bain's definition. One answer of
   * each score 0..10: (2 - 7) / 11 x 100 = -45.45.
   */
  @Test
  void npsOfOneAnswerPerScore() {
    NpsAccumulator nps = NpsAccumulator.create();
    for (int s = 0; s <= 10; s++) {
      nps.add(s);
    }
    NpsResult r = nps.result();
    assertEquals(2, r.promoters());
    assertEquals(2, r.passives());
    assertEquals(7, r.detractors());
    assertEquals(-500.0 / 11, r.score().getAsDouble(), 1e-12);
  }

  /**
   * Gartner's Customer Effort Score 2.0: agreement with "The company made it easy for me to handle
   * my issue" on 1 (strongly disagree) .. 7 (strongly agree); reported as the average or the share
   * that agree (5, 6, 7). 10 answers: 7, 7, 6, 5, 5, 4, 3, 6, 2, 1: average 46 / 10 = 4.6, agree 6
   * / 10 = 60 %.
   */
  @Test
  void customerEffortScoreTwoPointZero() {
    RatingAccumulator ces = RatingAccumulator.create(RatingScale.cesSevenPoint());
    for (int r : new int[] {7, 7, 6, 5, 5, 4, 3, 6, 2, 1}) {
      ces.add(r);
    }
    assertEquals(4.6, ces.result().average().getAsDouble(), 1e-12);
    assertEquals(60.0, ces.result().satisfiedPercent().getAsDouble(), 1e-12);
  }

  /**
   * Wikipedia, "Percentile", the nearest-rank method (ordinal rank ceil(P / 100 x N)): of {3, 6, 7,
   * 8, 8, 10, 13, 15, 16, 20} the 25th, 50th, 75th and 100th percentiles are 7, 8, 15 and 20.
   * servicekit's percentile is DDSketch's lower rank floor(q (n - 1)): 7, 8, 13 (0-based rank 6,
   * where nearest-rank takes the 8th of 10 values) and 20. The README's conversion to nearest-rank,
   * quantileMillis(min(1, max(0, (r - 0.5) / (n - 1)))) with r = ceil(P n / 100), gives the
   * published values.
   */
  @Test
  void nearestRankPercentilesOfTheWikipediaExample() {
    long[] values = {3, 6, 7, 8, 8, 10, 13, 15, 16, 20};
    PercentileAccumulator acc =
        PercentileAccumulator.create(PercentileAccumulator.MIN_RELATIVE_ACCURACY);
    for (long v : values) {
      acc.addMillis(v);
    }
    double[] qs = {0.25, 0.5, 0.75, 1};
    long[] lowerRank = {7, 8, 13, 20};
    long[] nearestRank = {7, 8, 15, 20};
    long n = acc.count();
    for (int i = 0; i < qs.length; i++) {
      double q = qs[i];
      assertEquals(lowerRank[i], acc.quantileMillis(q).getAsDouble(), 1e-4 * lowerRank[i]);
      long rank = (Math.round(q * 100) * n + 99) / 100; // ceil(P n / 100), P a whole percent
      double nearest = Math.min(1, Math.max(0, (rank - 0.5) / (n - 1)));
      assertEquals(
          nearestRank[i], acc.quantileMillis(nearest).getAsDouble(), 1e-4 * nearestRank[i]);
    }
  }

  /**
   * Repeat-contact FCR in its simplest form, 1 - repeat calls / total calls, a repeat call being a
   * call back within a window such as a week (Call Centre Helper, "Formula to calculate the call
   * resolution", callcentrehelper.com/forum/formula-to-calculate-the-call-resolution-111044.htm).
   * servicekit marks the earlier contact of each such pair instead, which counts the same pairs: a
   * customer calling on days 0, 2, 5 and 20 with a 7-day window has 2 repeats of 4, FCR 50 %.
   */
  @Test
  void firstContactResolutionCountsEachRepeatOnce() {
    RepeatContactTracker<String> fcr = RepeatContactTracker.create(Duration.ofDays(7));
    Instant d0 = Instant.parse("2026-03-02T09:00:00Z");
    for (int day : new int[] {20, 5, 0, 2}) { // any arrival order
      fcr.contact("ann", d0.plus(Duration.ofDays(day)));
    }
    fcr.contact("bob", d0);
    fcr.contact("bob", d0.plus(Duration.ofDays(7))); // exactly 7 days: within the window
    fcr.contact("eve", d0);
    // ann: 2 repeats of 4; bob: 1 of 2; eve: 0 of 1 -> 3 repeats of 7
    assertEquals(4, fcr.result().positive());
    assertEquals(3, fcr.result().negative());
    assertEquals(400.0 / 7, fcr.result().positivePercent().getAsDouble(), 1e-12);
  }

  /**
   * Occupancy as Genesys Cloud computes it, interacting time / on-queue time (interacting +
   * communicating + idle; Genesys community, "Does occupancy include all busy time"), and Calabrio
   * WFM, (talk + after-call work) / ready time: handle / (handle + idle). Call Centre Helper's
   * "What is occupancy" divides by logged-in time instead, which is handleMillis / loggedInMillis
   * of the same result. An agent with 5 h 15 min of handle time, 1 h 45 min idle and 8 h logged in
   * (1 h not ready): 315 / 420 = 75 %; by logged-in time 315 / 480 = 65.625 %.
   */
  @Test
  void occupancyIsHandleOverHandlePlusIdle() {
    AgentTimeAccumulator agent = AgentTimeAccumulator.create();
    for (int i = 0; i < 63; i++) {
      agent.addContactMillis(300_000); // 63 contacts of 5 min: 5 h 15 min
    }
    agent.addTimeMillis(AgentTimeAccumulator.Bucket.IDLE, 105 * 60_000L);
    agent.addTimeMillis(AgentTimeAccumulator.Bucket.LOGGED_IN, 8 * 3_600_000L);
    AgentTimeResult r = agent.result();
    assertEquals(75.0, r.occupancyPercent().getAsDouble(), 1e-12);
    assertEquals(65.625, 100.0 * r.handleMillis() / r.loggedInMillis(), 1e-12);
    assertEquals(63 / 8.0, r.handledPerHour().getAsDouble(), 1e-12);
  }

  /** The README's nearest-rank conversion against sorted values, for every whole percent. */
  @Property(tries = 200)
  void nearestRankConversionPicksTheNearestRankValue(
      @ForAll @Size(min = 2, max = 300) List<@LongRange(min = 0, max = 864_000_000) Long> values,
      @ForAll @IntRange(min = 1, max = 100) int percent) {
    PercentileAccumulator acc = PercentileAccumulator.create(0.01);
    values.forEach(acc::addMillis);
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    long n = sorted.length;
    long rank = (percent * n + 99) / 100;
    long exact = sorted[(int) rank - 1];
    double v = acc.quantileMillis(Math.min(1, Math.max(0, (rank - 0.5) / (n - 1)))).getAsDouble();
    assertTrue(
        Math.abs(v - exact) <= 0.01 * exact, "P" + percent + " exact=" + exact + " sketch=" + v);
  }

  /**
   * Talkdesk's data dictionary, "Short-Abandoned Calls": calls whose customer disconnected before a
   * set number of seconds; Ivanti Voice, "Abandon and Short Abandon Threshold": hung up before the
   * threshold expires. servicekit counts a wait equal to the time as within it; the README's 1 ms
   * less gives Talkdesk's count: of abandons at 4.999 s, 5 s and 5.001 s under a 5 s time, one is
   * short for Talkdesk, two for servicekit's {@code <=}.
   */
  @Test
  void shortAbandonsBeforeTheTimeAsTalkdeskCountsThem() {
    ServiceLevelAccumulator inclusive = ServiceLevelAccumulator.create(T20_S5);
    ServiceLevelAccumulator talkdesk =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofMillis(4_999), Duration.ofSeconds(20)));
    for (long ms : new long[] {4_999, 5_000, 5_001}) {
      inclusive.abandonedMillis(ms);
      talkdesk.abandonedMillis(ms);
    }
    assertEquals(2, inclusive.result().shortAbandoned());
    assertEquals(1, talkdesk.result().shortAbandoned());
  }

  /**
   * CxEngage's default SLA ("About Statistics Management", docs.cxengage.net): of the interactions
   * that entered the queue, the share answered in 20 seconds or less; abandons in 20 seconds or
   * less are short abandons and not counted, later ones count against the SLA. Mitel MiContact
   * Center (UniVoIP, "Understanding the service level") likewise counts a short abandon at an
   * abandon time {@code <=} the short-abandon time. 30 answered (24 at 20 s or less, one at exactly
   * 20 s), 10 abandoned (4 at 20 s or less, one at exactly 20 s): 24 / (40 - 4) = 66.67 %.
   */
  @Test
  void cxEngageDefaultIgnoresAbandonsWithinTheThreshold() {
    ServiceLevelAccumulator acc =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(20)));
    times(23, () -> acc.answered(Duration.ofSeconds(8)));
    acc.answered(Duration.ofSeconds(20));
    times(6, () -> acc.answered(Duration.ofSeconds(21)));
    times(3, () -> acc.abandoned(Duration.ofSeconds(9)));
    acc.abandoned(Duration.ofSeconds(20));
    times(6, () -> acc.abandoned(Duration.ofSeconds(40)));
    ServiceLevelResult r = acc.result();
    double expected = 100.0 * 24 / 36;
    assertEquals(
        expected,
        r.serviceLevelPercent(ServiceLevelVariant.ABANDONS_WITHIN_THRESHOLD_EXCLUDED).getAsDouble(),
        1e-9);
    // the short abandons are the abandons within the threshold here, so both exclusions agree
    assertEquals(
        expected,
        r.serviceLevelPercent(ServiceLevelVariant.SHORT_ABANDONS_EXCLUDED).getAsDouble(),
        1e-9);
  }

  /**
   * Talkdesk data dictionary, "Contacts' Service Level": % Service Level = answered within the
   * service level / (inbound - short abandoned). With every inbound contact answered or abandoned
   * (none missed by a flow rule, which has no counter here) that is SHORT_ABANDONS_EXCLUDED: 45
   * answered, 36 within 30 s; 15 abandoned, 5 short (within 10 s): 36 / (60 - 5) = 65.45 %.
   */
  @Test
  void talkdeskServiceLevelLeavesShortAbandonsOut() {
    ServiceLevelAccumulator acc =
        ServiceLevelAccumulator.create(
            ServiceLevelPolicy.of(
                Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30)));
    times(36, () -> acc.answered(Duration.ofSeconds(25)));
    times(9, () -> acc.answered(Duration.ofSeconds(35)));
    times(5, () -> acc.abandoned(Duration.ofSeconds(4)));
    times(10, () -> acc.abandoned(Duration.ofSeconds(50)));
    assertEquals(
        100.0 * 36 / 55,
        acc.result().serviceLevelPercent(ServiceLevelVariant.SHORT_ABANDONS_EXCLUDED).getAsDouble(),
        1e-9);
  }
}
