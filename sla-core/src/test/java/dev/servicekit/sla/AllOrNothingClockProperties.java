package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The all-or-nothing rule on random sequences of calls to {@link SlaClock} (and to the JSON line
 * writer and reader of its events): events accepted in any order and again, events reusing an id
 * with other content, of another ticket or naming an undeclared status, retractions and
 * replacements (of unknown ids, with ids breaking the id rule), reads at instants out of range,
 * snapshot restores. After a call that throws, the clock's snapshot is exactly as before and the
 * exception is an {@link IllegalArgumentException} (an {@link IllegalStateException} for a read of
 * a ticket without its {@code Created} event); after every call the clock holds exactly the model's
 * events (a map by id) and reads back from its snapshot.
 */
class AllOrNothingClockProperties {

  interface Call {
    void run();
  }

  static boolean attempt(String what, Supplier<byte[]> state, Call call, boolean nullArg) {
    byte[] before = state.get();
    try {
      call.run();
      return true;
    } catch (IllegalArgumentException | ArithmeticException e) {
      assertNotNull(e.getMessage(), what + ": no message");
      assertArrayEquals(before, state.get(), what + " threw " + e + " and changed the state");
      return false;
    } catch (IllegalStateException e) {
      // a read of a ticket whose Created event has not arrived (documented)
      assertArrayEquals(before, state.get(), what + " threw " + e + " and changed the state");
      return false;
    } catch (NullPointerException e) {
      assertTrue(nullArg, what + " threw " + e + " for no null argument");
      assertArrayEquals(before, state.get(), what + " threw " + e + " and changed the state");
      return false;
    } catch (RuntimeException e) {
      fail(what + " threw " + e, e);
      return false;
    }
  }

  static Instant instant(Random r, Instant last) {
    return switch (r.nextInt(10)) {
      case 0 -> Instant.parse("1899-12-31T23:59:59Z");
      case 1 -> Instant.parse("2300-01-01T00:00:00Z");
      case 2 -> Instant.MAX;
      case 3 -> Instant.parse("2299-12-31T23:59:59Z");
      default -> last.plusSeconds(r.nextInt(3600 * 48) - 3600 * 24);
    };
  }

  @Property(tries = 200)
  void clockCallsAreAllOrNothing(@ForAll long seed) {
    Random r = new Random(seed);
    SlaClockProperties.History h = SlaClockProperties.history(seed, 4 + r.nextInt(16));
    SlaPolicySet set = h.set();
    List<TicketEvent> events = h.events();
    List<SlaClock> box = new ArrayList<>();
    box.add(Fixtures.clock(set, "T"));
    Supplier<byte[]> state = () -> SlaClockSnapshot.toBytes(box.get(0));
    Map<String, TicketEvent> model = new LinkedHashMap<>();
    for (int step = 0; step < 40; step++) {
      SlaClock c = box.get(0);
      TicketEvent e = events.get(r.nextInt(events.size()));
      Instant at = instant(r, h.last());
      switch (r.nextInt(12)) {
        case 0, 1, 2 -> {
          if (attempt("accept(" + e + ")", state, () -> c.accept(e), false)) {
            model.putIfAbsent(e.id(), e);
          }
        }
        case 3 -> {
          // the id of an event with other content: refused if held, else a new event
          TicketEvent other =
              new TicketEvent.StatusChanged("T", e.id(), e.at().plusSeconds(1), "open");
          if (attempt("accept(" + other + ")", state, () -> c.accept(other), false)) {
            assertTrue(!model.containsKey(e.id()) || model.get(e.id()).equals(other));
            model.putIfAbsent(e.id(), other);
          }
        }
        case 4 -> {
          TicketEvent bad =
              r.nextBoolean()
                  ? new TicketEvent.StatusChanged("T", "x" + r.nextInt(3), e.at(), "no-such-status")
                  : new TicketEvent.StatusChanged("U", "x" + r.nextInt(3), e.at(), "open");
          attempt("accept(" + bad + ")", state, () -> c.accept(bad), false);
          attempt("replace(" + bad + ")", state, () -> c.replace(bad), false);
        }
        case 5 -> {
          String id =
              switch (r.nextInt(5)) {
                case 0 -> "";
                case 1 -> "x".repeat(TicketEvent.MAX_ID_CHARS + 1);
                case 2 -> "no-such-id";
                default -> e.id();
              };
          if (attempt("retract(" + id + ")", state, () -> c.retract(id), false)) {
            model.remove(id);
          }
        }
        case 6 -> {
          TicketEvent other =
              new TicketEvent.PriorityChanged("T", e.id(), e.at().plusSeconds(60), "high");
          boolean held = model.containsKey(e.id());
          if (attempt("replace(" + other + ")", state, () -> c.replace(other), false) && held) {
            model.put(e.id(), other);
          }
        }
        case 7 -> attempt("evaluate(" + at + ")", state, () -> c.evaluate(at), false);
        case 8 -> attempt("nextTransition(" + at + ")", state, () -> c.nextTransition(at), false);
        case 9 ->
            attempt(
                "auditTrail(" + at + ")",
                state,
                () -> c.auditTrail(SlaMetric.resolution(), r.nextInt(3) - 1, at),
                false);
        case 10 -> {
          // the events through a JSON line writer and reader
          StringWriter out = new StringWriter();
          TicketEventJson.LineWriter w = TicketEventJson.writer(out);
          for (TicketEvent x : c.events()) {
            w.write(x);
          }
          assertEquals(c.events().size(), w.count());
          TicketEventJson.LineReader in = TicketEventJson.reader(new StringReader(out.toString()));
          List<TicketEvent> back = new ArrayList<>();
          in.forEachRemaining(back::add);
          assertEquals(c.events(), back);
        }
        default ->
            box.set(
                0,
                SlaClockSnapshot.fromBytes(
                    SlaClockSnapshot.toBytes(c), id -> Fixtures.clock(set, id)));
      }
      SlaClock now = box.get(0);
      assertEquals(
          new java.util.HashSet<>(model.values()),
          new java.util.HashSet<>(now.events()),
          "the clock's events against the model");
      byte[] b = SlaClockSnapshot.toBytes(now);
      assertArrayEquals(
          b,
          SlaClockSnapshot.toBytes(SlaClockSnapshot.fromBytes(b, id -> Fixtures.clock(set, id))));
    }
  }
}
