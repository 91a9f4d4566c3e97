package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.internal.clock.PackedEvents;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of the clock's packed event log: every event of every kind comes back equal, by index, in
 * bulk and after a permutation, and every id is found (by scan below 64 records, by hash table
 * above).
 */
class PackedEventsProperties {

  /** Events of every kind with distinct ids; some with long or non-Latin-1 strings. */
  @Provide
  Arbitrary<List<TicketEvent>> logs() {
    Arbitrary<TicketEvent> plain = RandomEvents.events(Arbitraries.just("T"));
    Arbitrary<TicketEvent> long_ =
        Arbitraries.of("x", "é", "中", "😀") // whole characters: an emoji is a surrogate pair
            .list()
            .ofMinSize(80)
            .ofMaxSize(170)
            .map(l -> String.join("", l))
            .filter(s -> s.length() >= 100 && s.length() <= 250)
            .flatMap(
                s ->
                    RandomEvents.instants()
                        .map(
                            at ->
                                new TicketEvent.Assigned(
                                    "T",
                                    s,
                                    at,
                                    // 60 characters, or 59 not to split a pair
                                    s.substring(
                                        0, Character.isHighSurrogate(s.charAt(59)) ? 59 : 60))));
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(9, plain), net.jqwik.api.Tuple.of(1, long_))
        .list()
        .ofMaxSize(150)
        .map(
            l -> {
              Map<String, TicketEvent> byId = new LinkedHashMap<>();
              l.forEach(e -> byId.putIfAbsent(e.id(), e));
              return new ArrayList<>(byId.values());
            });
  }

  @Property(tries = 300)
  void everyEventComesBackEqualAndEveryIdIsFound(
      @ForAll("logs") List<TicketEvent> events, @ForAll long seed) {
    PackedEvents log = new PackedEvents();
    for (TicketEvent e : events) {
      log.append(e, e.id().hashCode());
    }
    check(log, events);
    assertEquals(-1, log.find("no such id", "no such id".hashCode()));

    // a cached entry is taken as it is; the others are decoded
    TicketEvent[] cached = new TicketEvent[events.size()];
    if (!events.isEmpty()) {
      cached[0] = events.get(0);
    }
    assertEquals(events, Arrays.asList(log.all("T", cached)));

    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      perm.add(i);
    }
    Collections.shuffle(perm, new Random(seed));
    List<TicketEvent> shuffled = new ArrayList<>();
    perm.forEach(i -> shuffled.add(events.get(i)));
    log.permute(perm.stream().mapToInt(Integer::intValue).toArray());
    check(log, shuffled);
    // appending after a permutation keeps working (offsets, index, last record)
    TicketEvent extra = new TicketEvent.CustomerMessage("T", "extra id", java.time.Instant.EPOCH);
    if (log.find(extra.id(), extra.id().hashCode()) < 0) {
      log.append(extra, extra.id().hashCode());
      shuffled.add(extra);
      check(log, shuffled);
    }
  }

  /**
   * Records removed one by one, anywhere, leave the others equal, in order and found (by scan, by
   * hash table, and across the switch between them), the last record right and appending working;
   * an emptied log takes the next record's time as its new base.
   */
  @Property(tries = 150)
  void removingRecordsLeavesTheOthersEqualInOrderAndFound(
      @ForAll("logs") List<TicketEvent> events, @ForAll long seed) {
    PackedEvents log = new PackedEvents();
    for (TicketEvent e : events) {
      log.append(e, e.id().hashCode());
    }
    List<TicketEvent> left = new ArrayList<>(events);
    Random r = new Random(seed);
    int removals = left.isEmpty() ? 0 : r.nextInt(left.size() + 1);
    for (int k = 0; k < removals; k++) {
      int i = r.nextInt(left.size());
      TicketEvent gone = left.remove(i);
      log.remove(i);
      assertEquals(-1, log.find(gone.id(), gone.id().hashCode()), gone::id);
      if (left.size() < 70 || k % 10 == 0) {
        check(log, left);
      }
      if (r.nextInt(8) == 0) { // the removed id back, at the end
        log.append(gone, gone.id().hashCode());
        left.add(gone);
        check(log, left);
      }
    }
    check(log, left);
    TicketEvent far =
        new TicketEvent.CustomerMessage(
            "T", "far id", java.time.Instant.parse("2290-01-01T00:00:00Z"));
    if (log.find(far.id(), far.id().hashCode()) < 0) {
      log.append(far, far.id().hashCode());
      left.add(far);
      check(log, left);
    }
    org.junit.jupiter.api.Assertions.assertThrows(
        IndexOutOfBoundsException.class, () -> log.remove(left.size()));
  }

  private static void check(PackedEvents log, List<TicketEvent> events) {
    assertEquals(events.size(), log.size());
    assertEquals(events, Arrays.asList(log.all("T", null)));
    for (int i = 0; i < events.size(); i++) {
      TicketEvent e = events.get(i);
      assertEquals(e, log.get(i, "T"));
      assertEquals(i, log.find(e.id(), e.id().hashCode()));
    }
    if (!events.isEmpty()) {
      assertEquals(events.get(events.size() - 1), log.last("T"));
    }
  }
}
