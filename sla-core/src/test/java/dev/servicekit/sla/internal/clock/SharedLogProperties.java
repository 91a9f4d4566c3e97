package dev.servicekit.sla.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Laws of {@link SharedLog}: it behaves as a plain list under any mix of appends and removals, and
 * every view it hands out keeps the entries it had when taken, whatever the log does afterwards.
 */
class SharedLogProperties {

  /** 0-5: add; 6: remove last; 7: remove the last entry equal to a value; 8-9: take a view. */
  @Provide
  Arbitrary<List<Integer>> ops() {
    return Arbitraries.integers().between(0, 9).list().ofMaxSize(200);
  }

  @Property(tries = 400)
  void behavesAsAListAndEveryViewKeepsWhatItSaw(@ForAll("ops") List<Integer> ops) {
    SharedLog<String> log = new SharedLog<>();
    List<String> model = new ArrayList<>();
    List<List<String>> views = new ArrayList<>();
    List<List<String>> seen = new ArrayList<>();
    // Entries are distinct objects even when equal, as an engine's anomalies are.
    for (int k = 0; k < ops.size(); k++) {
      int op = ops.get(k);
      if (op <= 5) {
        String x = new String("e" + (k % 7));
        log.add(x);
        model.add(x);
      } else if (op == 6) {
        if (!model.isEmpty()) {
          log.removeLast();
          model.remove(model.size() - 1);
        }
      } else if (op == 7) {
        if (!model.isEmpty()) {
          String x = model.get((k * 31) % model.size());
          log.removeLastSame(x);
          for (int i = model.size() - 1; i >= 0; i--) {
            if (model.get(i) == x) {
              model.remove(i);
              break;
            }
          }
        }
      } else {
        views.add(log.list());
        seen.add(List.copyOf(model));
      }
      assertEquals(model.size(), log.size());
      for (int i = 0; i < model.size(); i++) {
        assertEquals(model.get(i), log.get(i));
      }
    }
    assertEquals(model, log.list());
    for (int v = 0; v < views.size(); v++) {
      assertEquals(seen.get(v), views.get(v), "view " + v);
      assertEquals(seen.get(v).hashCode(), views.get(v).hashCode());
    }
  }

  @Example
  void viewsAreImmutable() {
    SharedLog<String> log = new SharedLog<>();
    log.add("a");
    List<String> v = log.list();
    assertThrows(UnsupportedOperationException.class, () -> v.add("b"));
    assertThrows(UnsupportedOperationException.class, () -> v.set(0, "b"));
    assertThrows(UnsupportedOperationException.class, () -> v.remove(0));
    assertThrows(IndexOutOfBoundsException.class, () -> v.get(1));
  }
}
