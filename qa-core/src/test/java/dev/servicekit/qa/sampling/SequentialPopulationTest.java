package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.AbstractSequentialList;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import org.junit.jupiter.api.Test;

/**
 * {@link ReviewSampler#sample} is documented {@code O(N)}, but read the population by index, and
 * {@code get(i)} of a sequential-access list (a {@link java.util.LinkedList}) walks {@code i}
 * elements: {@code O(N^2)}, minutes for a million calls. A list that counts the elements its
 * iterators step over tells it without a clock.
 */
class SequentialPopulationTest {

  /** A read-only sequential list of {@code 0..size-1} that counts every element stepped over. */
  static final class CountingSequentialList extends AbstractSequentialList<Integer> {
    private final int size;
    long steps;

    CountingSequentialList(int size) {
      this.size = size;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public ListIterator<Integer> listIterator(int index) {
      List<Integer> view = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        view.add(i);
      }
      ListIterator<Integer> inner = view.listIterator();
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
        public Integer next() {
          steps++;
          return inner.next();
        }

        @Override
        public boolean hasPrevious() {
          return inner.hasPrevious();
        }

        @Override
        public Integer previous() {
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
        public void set(Integer e) {
          throw new UnsupportedOperationException();
        }

        @Override
        public void add(Integer e) {
          throw new UnsupportedOperationException();
        }
      };
    }
  }

  @Test
  void aSequentialPopulationIsReadInLinearSteps() {
    int n = 2000;
    CountingSequentialList population = new CountingSequentialList(n);
    ReviewSampler sampler = ReviewSampler.builder().capacity(100).build();
    ReviewSample<Integer> sample = sampler.sample(population, i -> i % 7, 42);
    assertEquals(100, sample.items().size());
    assertTrue(population.steps <= 3L * n, population.steps + " steps for " + n + " items");
    // the same sample as from a random-access copy of the population
    assertEquals(sample, sampler.sample(new ArrayList<>(population), i -> i % 7, 42));
  }
}
