package dev.servicekit.sla.internal.clock;

import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * An immutable list of the first {@code n} entries of an array that is never changed below {@code
 * n}: a view handed out without copying the array ({@link SharedLog#list()}, a derivation's
 * cycles). Immutable and thread-safe once published, as long as its owner keeps that promise.
 *
 * @param <T> the entry type
 */
final class Prefix<T> extends AbstractList<T> implements RandomAccess {
  private final Object[] a;
  private final int n;

  Prefix(Object[] a, int n) {
    Objects.checkFromToIndex(0, n, a.length);
    this.a = a;
    this.n = n;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(int i) {
    Objects.checkIndex(i, n);
    return (T) a[i];
  }

  @Override
  public int size() {
    return n;
  }
}
