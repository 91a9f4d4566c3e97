package dev.servicekit.sla.internal.clock;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An engine's growing list (its anomalies, its targeting history) that evaluations share without a
 * copy per entry: {@link #list()} hands out an immutable view of the entries so far, and the log
 * copies its array only when it would overwrite an entry a view can see (a removal). Appending is
 * amortised {@code O(1)}, so n entries cost {@code O(n)}, not the {@code O(n^2)} of a new immutable
 * list per entry. Not thread-safe; the views are immutable and thread-safe once published.
 *
 * @param <T> the entry type
 */
final class SharedLog<T> {

  private Object[] a = new Object[0];
  private int n;
  // Entries below this index may be seen by a view: they are never overwritten in this array.
  private int sharedUpTo;
  private List<T> view = List.of(); // of the entries so far; null once stale

  /** Returns the number of entries. */
  int size() {
    return n;
  }

  /** Returns entry {@code i}. */
  @SuppressWarnings("unchecked")
  T get(int i) {
    Objects.checkIndex(i, n);
    return (T) a[i];
  }

  /** Appends an entry. */
  void add(T x) {
    if (n == a.length || n < sharedUpTo) { // full, or a[n] is seen by a view (after a removal)
      a = Arrays.copyOf(a, Math.max(4, n == a.length ? 2 * n : a.length));
      sharedUpTo = 0;
    }
    a[n++] = x;
    view = null;
  }

  /** Removes the last entry. */
  void removeLast() {
    remove(n - 1);
  }

  /** Removes the last entry that is {@code x} (by identity), if any. */
  void removeLastSame(T x) {
    for (int i = n - 1; i >= 0; i--) {
      if (a[i] == x) {
        remove(i);
        return;
      }
    }
  }

  private void remove(int i) {
    Objects.checkIndex(i, n);
    if (i < sharedUpTo) {
      a = a.clone(); // a view sees entry i: change a copy
      sharedUpTo = 0;
    }
    System.arraycopy(a, i + 1, a, i, n - i - 1);
    a[--n] = null;
    view = null;
  }

  /** An immutable view of the entries so far: later changes to this log do not show in it. */
  List<T> list() {
    List<T> v = view;
    if (v == null) {
      v = new Prefix<>(a, n);
      view = v;
      sharedUpTo = Math.max(sharedUpTo, n);
    }
    return v;
  }
}
