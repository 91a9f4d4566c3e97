package dev.servicekit.integrations.kafka.internal;

import dev.servicekit.sla.SlaClock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live clocks of the tickets a processor used last, at most {@code max} of them (the least
 * recently used goes first), so that an event of a ticket in the cache skips restoring the clock
 * from its snapshot bytes (a replay of the whole ticket) and parsing the rest of its stored state.
 *
 * <p>The clock store stays the source of truth. Each clock is kept with the {@link ClockState} it
 * was written with and the exact value (the array itself) that state encoded to, and both are
 * handed out only for a stored value equal to it, byte for byte: equal bytes restore to the same
 * clock and parse to the same state, so what is handed out is what the store holds. A value written
 * by anyone else (a restore from the changelog, a rebalance, a test writing the store) differs, or
 * is equal and then holds the same clock. {@link #take} removes the entry whatever it finds; only a
 * successful write puts one back ({@link #put}), so a record that fails or is rejected after its
 * clock changed never leaves that clock here. Not thread-safe: a processor is confined to its
 * stream thread.
 */
final class LiveClocks {

  private final int max;
  private final LinkedHashMap<String, Entry> entries;

  /**
   * A ticket's live clock and state, and the value they were written as.
   *
   * @param clock the clock, as the value's snapshot holds it
   * @param state the state the value encodes (mutable: the caller owns it once taken)
   * @param written the value written to the clock store
   */
  record Entry(SlaClock clock, ClockState state, byte[] written) {}

  /**
   * Creates an empty cache.
   *
   * @param max the most tickets held, at least 1
   */
  LiveClocks(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("liveClockCache must be at least 1 here, was " + max);
    }
    this.max = max;
    // insertion order: take removes and put re-inserts, so the eldest is the least recently used
    this.entries =
        new LinkedHashMap<>() {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > LiveClocks.this.max;
          }
        };
  }

  /**
   * Removes the ticket's entry and returns it if {@code stored} is the value it was written with
   * (the same array or equal bytes), else null (then the caller restores from {@code stored}).
   *
   * @param ticket the ticket
   * @param stored the ticket's value in the clock store now, or null
   * @return the live clock and state of exactly that value, or null
   */
  Entry take(String ticket, byte[] stored) {
    Entry e = entries.remove(ticket);
    if (e == null || stored == null || !Arrays.equals(e.written, stored)) {
      return null;
    }
    return e;
  }

  /**
   * Keeps {@code clock} and {@code state} as the live clock and state of {@code ticket}, just
   * written as {@code written} (not copied: the caller never changes it, nor {@code state} until it
   * takes the entry again). Evicts the least recently used ticket beyond the bound.
   *
   * @param ticket the ticket
   * @param clock its clock, as the written snapshot holds it
   * @param state the state {@code written} encodes
   * @param written the value written to the clock store
   */
  void put(String ticket, SlaClock clock, ClockState state, byte[] written) {
    entries.remove(ticket); // (re-)inserted last: the most recently used
    entries.put(ticket, new Entry(clock, state, written));
  }

  /** Drops every entry (the task is closed or initialised again). */
  void clear() {
    entries.clear();
  }

  /** The number of tickets held, at most the bound. */
  int size() {
    return entries.size();
  }

  /** Whether a clock of {@code ticket} is held (for tests). */
  boolean holds(String ticket) {
    return entries.containsKey(ticket);
  }

  /** The clock held for {@code ticket}, or null (for tests). */
  SlaClock clockOf(String ticket) {
    Entry e = entries.get(ticket); // insertion order: a get changes nothing
    return e == null ? null : e.clock();
  }
}
