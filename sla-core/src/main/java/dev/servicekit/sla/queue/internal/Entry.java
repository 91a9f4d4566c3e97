package dev.servicekit.sla.queue.internal;

import dev.servicekit.sla.queue.WorkItem;

/**
 * A queued item with its precomputed rank. Entries are ordered by rank, then creation time, then
 * id, which is a total order for distinct ids. An entry is immutable while it sits in a sorted set;
 * a change replaces it (remove, then add a new entry), so every move is {@code O(log n)}.
 */
public final class Entry implements Comparable<Entry> {
  /** The item. */
  public final WorkItem item;

  /** First rank component. */
  public final long major;

  /** Second rank component. */
  public final long minor;

  private final long createdSecond;
  private final int createdNano;

  /**
   * A new entry.
   *
   * @param item the item
   * @param major first rank component
   * @param minor second rank component
   */
  public Entry(WorkItem item, long major, long minor) {
    this.item = item;
    this.major = major;
    this.minor = minor;
    this.createdSecond = item.created().getEpochSecond();
    this.createdNano = item.created().getNano();
  }

  @Override
  public int compareTo(Entry o) {
    int c = Long.compare(major, o.major);
    if (c == 0) {
      c = Long.compare(minor, o.minor);
    }
    if (c == 0) {
      c = Long.compare(createdSecond, o.createdSecond);
    }
    if (c == 0) {
      c = Integer.compare(createdNano, o.createdNano);
    }
    return c != 0 ? c : item.id().compareTo(o.item.id());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Entry && compareTo((Entry) o) == 0;
  }

  @Override
  public int hashCode() {
    return item.id().hashCode();
  }

  @Override
  public String toString() {
    return item.id() + "@" + major + "/" + minor;
  }
}
