package dev.servicekit.integrations.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.integrations.flink.internal.GroupKeys;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.junit.jupiter.api.Test;

/**
 * The key selector of the generic KPI windows: a record with a usable group is keyed by it; one
 * without (null, blank or a selector that throws) is keyed by an internal key that is a function of
 * the record (Flink computes the key again after the shuffle) and spreads a flood of such records
 * over every subtask instead of one. {@code FlinkKpiWindows.revised} keys its observations the same
 * way.
 */
class GroupKeysTest {

  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");

  private static Contact contact(String agent, Instant at) {
    return new Contact(agent, "t", "chat", "normal", "gold", at, 1_000, 0, false);
  }

  private static final KeySelector<Contact, String> THROWS =
      c -> {
        throw new IllegalStateException("no group for " + c.agent());
      };

  @Test
  void aUsableGroupIsTheKeyAndAnUnusableOneAnInternalKeyOfTheRecord() throws Exception {
    GroupKeys<Contact> byAgent = new GroupKeys<>(Contact::agent, Contact::at);
    assertEquals("a1", byAgent.getKey(contact("a1", START)));
    String longGroup = "\u20ac".repeat(30_000);
    assertEquals(longGroup, byAgent.getKey(contact(longGroup, START)));

    Contact noGroup = contact(null, START.plusMillis(17));
    String k = byAgent.getKey(noGroup);
    assertTrue(k.startsWith("\u0000servicekit-unusable-group-"), k);
    // a function of the record: a copy (as after the shuffle) gets the same key
    assertEquals(k, byAgent.getKey(contact(null, START.plusMillis(17))));
    assertEquals(k, new GroupKeys<>(THROWS, Contact::at).getKey(noGroup));
    // no event time, or a time function that throws: still a key, never an exception
    String none = byAgent.getKey(contact(null, null));
    assertTrue(none.startsWith("\u0000servicekit-unusable-group-"), none);
    GroupKeys<Contact> noTime =
        new GroupKeys<>(
            THROWS,
            c -> {
              throw new IllegalArgumentException("no time");
            });
    assertEquals(none, noTime.getKey(noGroup));
    assertNotEquals(k, none);
  }

  @Test
  void aBlankGroupIsUnusableAndKeyedAsARecordWithoutAGroup() throws Exception {
    GroupKeys<Contact> byAgent = new GroupKeys<>(Contact::agent, Contact::at);
    Instant at = START.plusMillis(17);
    String noGroupKey = byAgent.getKey(contact(null, at));
    for (String blank : List.of("", " ", "\t", "\u00a0", "\u200b", " \u3000\ufeff")) {
      assertEquals(
          noGroupKey,
          byAgent.getKey(contact(blank, at)),
          "group " + blank.codePoints().boxed().toList());
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> GroupKeys.group(Contact::agent, contact(blank, at)));
      assertTrue(
          e.getMessage().startsWith("group '")
              && e.getMessage()
                  .endsWith(
                      "' must not be blank (empty, or only spaces and invisible format"
                          + " characters)"),
          e.getMessage());
    }
    // visible text around a space or a no-break space is a group
    for (String g : List.of("a 1", "\u00a0a", "team=red")) {
      assertEquals(g, byAgent.getKey(contact(g, at)));
      assertEquals(g, GroupKeys.group(Contact::agent, contact(g, at)));
    }
  }

  @Test
  void aFloodOfRecordsWithABlankGroupIsSpreadOverEverySubtask() throws Exception {
    GroupKeys<Contact> byAgent = new GroupKeys<>(Contact::agent, Contact::at);
    Random r = new Random(13);
    int n = 2_000;
    int[] perSubtask = new int[4];
    Instant t = START;
    for (int i = 0; i < n; i++) {
      t = t.plusMillis(r.nextInt(5_000));
      String key = byAgent.getKey(contact(i % 2 == 0 ? "" : " ", t));
      perSubtask[KeyGroupRangeAssignment.assignKeyToParallelOperator(key, 128, 4)]++;
    }
    for (int c : perSubtask) {
      assertTrue(c >= n / 4 / 2, java.util.Arrays.toString(perSubtask));
    }
  }

  @Test
  void aFloodOfRecordsWithoutAGroupIsSpreadOverEverySubtask() throws Exception {
    GroupKeys<Contact> byAgent = new GroupKeys<>(Contact::agent, Contact::at);
    Random r = new Random(11);
    int n = 2_000;
    Set<String> keys = new HashSet<>();
    int[][] perSubtask = {new int[2], new int[4], new int[8]};
    Instant t = START;
    for (int i = 0; i < n; i++) {
      t = t.plusMillis(r.nextInt(5_000));
      String key = byAgent.getKey(contact(null, t));
      keys.add(key);
      for (int[] counts : perSubtask) {
        counts[KeyGroupRangeAssignment.assignKeyToParallelOperator(key, 128, counts.length)]++;
      }
    }
    assertTrue(keys.size() > 200, "internal keys used: " + keys.size());
    for (int[] counts : perSubtask) {
      for (int c : counts) {
        // every subtask gets at least half its fair share (before: all on one subtask)
        assertTrue(c >= n / counts.length / 2, java.util.Arrays.toString(counts));
      }
    }
  }

  /** The key selector of the operator {@code FlinkKpiWindows.revised} adds to a job. */
  @SuppressWarnings("unchecked")
  private static KeySelector<RevisedObservation, String> revisedKeys() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    SingleOutputStreamOperator<KpiWindow<RatingAccumulator>> windows =
        FlinkKpiWindows.revised(
            env.fromData(List.<RevisedObservation>of(), FlinkKpiWindows.revisedObservations()),
            Streams.DAILY,
            Duration.ZERO,
            RatingAccumulator.class,
            () -> RatingAccumulator.create(RatingScale.csatFivePoint()));
    return (KeySelector<RevisedObservation, String>)
        ((OneInputTransformation<?, ?>) windows.getTransformation()).getStateKeySelector();
  }

  /**
   * The revised windows keyed by the raw group: every observation of group {@code ""} (a missing
   * field) went to one subtask, which rejected them all, while the README says they are spread as
   * the builder's records without a group are. A real group stays its own key (restored state is
   * keyed by it).
   */
  @Test
  void theRevisedWindowsKeyARealGroupByItselfAndSpreadAFloodOfBlankGroups() throws Exception {
    KeySelector<RevisedObservation, String> keys = revisedKeys();
    for (String g : List.of("agent-1", "a 1", "\u00a0a", "\u20ac".repeat(30_000), "\ud800x")) {
      assertEquals(g, keys.getKey(new RevisedObservation(g, "S-1", 1, 4, START)));
      assertEquals(g, keys.getKey(RevisedObservation.removal(g, "S-1", 2, START)));
    }
    Random r = new Random(17);
    int n = 2_000;
    int[][] perSubtask = {new int[2], new int[4], new int[8]};
    Instant t = START;
    List<String> blanks = List.of("", " ", "\t", "\u00a0", "\u200b");
    for (int i = 0; i < n; i++) {
      t = t.plusMillis(r.nextInt(5_000));
      RevisedObservation o =
          new RevisedObservation(blanks.get(i % blanks.size()), "S-" + i, 1, 5, t);
      String key = keys.getKey(o);
      assertEquals(key, keys.getKey(o), "a function of the observation");
      for (int[] counts : perSubtask) {
        counts[KeyGroupRangeAssignment.assignKeyToParallelOperator(key, 128, counts.length)]++;
      }
    }
    for (int[] counts : perSubtask) {
      for (int c : counts) {
        // every subtask gets at least half its fair share (before: all on one or a few subtasks)
        assertTrue(c >= n / counts.length / 2, java.util.Arrays.toString(counts));
      }
    }
  }
}
