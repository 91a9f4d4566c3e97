package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.SlaClock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live clocks of the tickets an instance of {@link SlaClockFunction} used last (at most {@code
 * maxTickets}, least recently used evicted), each with the snapshot bytes last written to keyed
 * state for it. Keyed state stays the source of truth: an entry is used only if the state's current
 * bytes equal the bytes written with it (the same array, or equal contents: RocksDB and the heap
 * backend's copy-on-write return copies), so a state restored, cleared, released or rewritten by
 * anything else is restored from its bytes again. An entry is taken out while its clock is in use
 * and put back only after its new snapshot is in state, so an exception in between leaves no clock
 * ahead of its state. Not thread-safe: one per function instance, on the task thread.
 */
final class LiveClocks {

  /** A ticket's live clock with what the function reads of it besides evaluations. */
  static final class Live {
    final SlaClock clock;

    /** The bytes this clock was last written to state as (null: not written since its load). */
    byte[] written;

    /** The latest accepted event's time (the epoch at least), as the function evaluates at. */
    java.time.Instant latest;

    /** Whether no event has been accepted (a new clock of a ticket with only waiting events). */
    boolean empty;

    /**
     * The ticket's reported state as last read or written (null: none yet), used instead of the
     * reported-state bytes only while they are still {@link Reported#isStateOf its bytes}.
     */
    Reported reported;

    Live(SlaClock clock, java.time.Instant latest, boolean empty) {
      this.clock = clock;
      this.latest = latest;
      this.empty = empty;
    }
  }

  private final LinkedHashMap<String, Live> map;

  LiveClocks(int maxTickets) {
    if (maxTickets < 1) {
      throw new IllegalArgumentException("maxTickets must be at least 1, was " + maxTickets);
    }
    // Access order: a take and its put back make the ticket the most recently used.
    this.map =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Live> eldest) {
            return size() > maxTickets;
          }
        };
  }

  /**
   * Takes the ticket's entry out; returns it if it matches the state's current bytes, null (the
   * entry dropped) otherwise.
   */
  Live take(String ticket, byte[] stored) {
    Live e = map.remove(ticket);
    if (e == null || stored == null) {
      return null;
    }
    return stored == e.written || Arrays.equals(stored, e.written) ? e : null;
  }

  /** Puts an entry back after its clock was written to state as {@code live.written}. */
  void put(String ticket, Live live) {
    if (live.written != null) {
      map.put(ticket, live);
    }
  }

  /** Drops the ticket's entry (its state was cleared). */
  void remove(String ticket) {
    map.remove(ticket);
  }

  int size() {
    return map.size();
  }

  /** The ticket's cached clock, or null, without using the entry (for tests). */
  SlaClock clockOf(String ticket) {
    for (Map.Entry<String, Live> e : map.entrySet()) { // iterating keeps the access order
      if (e.getKey().equals(ticket)) {
        return e.getValue().clock;
      }
    }
    return null;
  }
}
