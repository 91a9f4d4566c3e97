package dev.servicekit.qa;

import java.util.AbstractSequentialList;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;

/**
 * A read-only sequential-access list (as a {@link java.util.LinkedList}) that counts every element
 * its iterators step over, {@code get(i)} included (it walks {@code i} elements): an {@code O(n)}
 * reader steps a small multiple of {@code n}, one that reads by index {@code O(n^2)}. Tells a
 * quadratic read without a clock.
 *
 * @param <E> the element type
 */
public final class CountingSequentialList<E> extends AbstractSequentialList<E> {
  private final List<E> elements;
  private long steps;

  /**
   * A list of {@code elements}, copied.
   *
   * @param elements the elements
   */
  public CountingSequentialList(List<E> elements) {
    this.elements = new ArrayList<>(elements);
  }

  /**
   * The elements stepped over so far.
   *
   * @return the count
   */
  public long steps() {
    return steps;
  }

  @Override
  public int size() {
    return elements.size();
  }

  @Override
  public ListIterator<E> listIterator(int index) {
    ListIterator<E> inner = elements.listIterator();
    for (int i = 0; i < index; i++) { // a linked list walks to the index
      inner.next();
      steps++;
    }
    return new ListIterator<>() {
      @Override
      public boolean hasNext() {
        return inner.hasNext();
      }

      @Override
      public E next() {
        steps++;
        return inner.next();
      }

      @Override
      public boolean hasPrevious() {
        return inner.hasPrevious();
      }

      @Override
      public E previous() {
        steps++;
        return inner.previous();
      }

      @Override
      public int nextIndex() {
        return inner.nextIndex();
      }

      @Override
      public int previousIndex() {
        return inner.previousIndex();
      }

      @Override
      public void remove() {
        throw new UnsupportedOperationException();
      }

      @Override
      public void set(E e) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void add(E e) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
