package dev.servicekit.kpi;

import static dev.servicekit.kpi.AllOrNothingSequenceProperties.attempt;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The all-or-nothing rule on random sequences of calls to kpi-core's stateful tables: {@link
 * WindowedKpi}, {@link RevisedValues}, {@link RepeatContactTracker} and {@link
 * ConcurrentAccumulator}, with valid and refused calls (instants out of range, keys no snapshot can
 * store, values out of the scale, retractions of what was never added, stale revisions, merges with
 * itself, another spec or accumulator, snapshot restores). After a call that throws, the snapshot
 * is exactly as before and the argument of a merge unchanged; every state reads back from its
 * snapshot; a simple model checks the counts.
 */
class AllOrNothingTablesProperties {

  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Function<String, String> W = k -> k;

  static Instant instant(Random r) {
    return switch (r.nextInt(14)) {
      case 0 -> null;
      case 1 -> Instant.parse("1899-12-31T23:59:59.999Z");
      case 2 -> Instant.parse("2300-01-01T00:00:00Z");
      case 3 -> Instant.parse("1900-01-01T00:00:00Z");
      case 4 -> Instant.parse("2299-12-31T23:59:59.999Z");
      case 5 -> Instant.MAX;
      default -> T0.plusSeconds(60L * r.nextInt(60 * 24 * 10)).plusNanos(r.nextInt(3) * 400_000);
    };
  }

  static String key(Random r) {
    return switch (r.nextInt(14)) {
      case 0 -> null;
      case 1 -> "\ud800";
      case 2 -> "";
      default -> "k" + r.nextInt(4);
    };
  }

  // ------------------------------------------------------------------ WindowedKpi

  static WindowedKpi<String, RatingAccumulator> table(WindowUnit unit, long latenessMinutes) {
    return WindowedKpi.create(
        () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
        WindowSpec.of(unit, ZoneId.of("Europe/Berlin")),
        Duration.ofMinutes(latenessMinutes));
  }

  static WindowedKpi<String, RatingAccumulator> restore(WindowedKpi<String, RatingAccumulator> t) {
    return WindowedKpi.fromBytes(
        t.toBytes(W),
        () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
        RatingAccumulator.class,
        k -> k);
  }

  @Property(tries = 200)
  void windowedKpi(@ForAll long seed) {
    Random r = new Random(seed);
    List<WindowedKpi<String, RatingAccumulator>> box = new ArrayList<>();
    box.add(table(WindowUnit.HOUR, r.nextInt(3) * 30));
    Supplier<byte[]> state = () -> box.get(0).toBytes(W);
    List<String> log = new ArrayList<>();
    boolean retracted = false;
    for (int step = 0; step < 60; step++) {
      WindowedKpi<String, RatingAccumulator> t = box.get(0);
      String g = key(r);
      Instant at = instant(r);
      int v = r.nextInt(8) - 1;
      int op = r.nextInt(12);
      log.add(op + " " + g + " " + at + " " + v);
      retracted |= op == 3 || op == 4; // a late retraction takes back from the all-time only
      switch (op) {
        case 0, 1, 2 ->
            attempt(
                "recordInt(" + g + ", " + at + ", add, " + v + ")",
                state,
                () -> t.recordInt(g, at, RatingAccumulator::add, v),
                g == null || at == null);
        case 3 ->
            attempt(
                "recordInt(" + g + ", " + at + ", retract, " + v + ")",
                state,
                () -> t.recordInt(g, at, RatingAccumulator::retract, v),
                g == null || at == null);
        case 4 ->
            attempt(
                "record(" + g + ", " + at + ", add then retract " + v + ")",
                state,
                () ->
                    t.record(
                        g,
                        at,
                        a -> {
                          a.add(3);
                          a.retract(v);
                        }),
                g == null || at == null);
        case 5 ->
            attempt(
                "advanceWatermark(" + at + ")", state, () -> t.advanceWatermark(at), at == null);
        case 6 -> t.evictClosed();
        case 7 -> attempt("self-merge", state, () -> t.merge(t), false);
        case 8 -> {
          WindowedKpi<String, RatingAccumulator> o =
              r.nextInt(4) == 0 ? table(WindowUnit.DAY, 0) : table(WindowUnit.HOUR, 30);
          for (int i = r.nextInt(5); i > 0; i--) {
            try {
              o.recordInt(key(r), instant(r), RatingAccumulator::add, r.nextInt(5) + 1);
            } catch (RuntimeException ignored) {
              // refused
            }
          }
          byte[] ob = o.toBytes(W);
          attempt("merge(other)", state, () -> t.merge(o), false);
          assertArrayEquals(ob, o.toBytes(W), "merge changed its argument");
        }
        case 9 -> {
          WindowedKpi<String, RatingAccumulator> c = restore(t);
          byte[] cb = c.toBytes(W);
          attempt("merge(copy)", state, () -> t.merge(c), false);
          assertArrayEquals(cb, c.toBytes(W), "merge changed its argument");
        }
        case 10 -> {
          // read-only calls with arguments that may be refused
          attempt(
              "window(" + g + ", " + at + ")",
              state,
              () -> t.window(g, at),
              g == null || at == null);
          attempt("total(" + at + ")", state, () -> t.total(at), at == null);
          Instant to = instant(r);
          attempt("range", state, () -> t.range(g, at, to), g == null || at == null || to == null);
        }
        default -> box.set(0, restore(t));
      }
      WindowedKpi<String, RatingAccumulator> now = box.get(0);
      byte[] b = now.toBytes(W);
      try {
        assertArrayEquals(b, restore(now).toBytes(W));
        assertEquals(
            now.toJson(W),
            WindowedKpi.fromJson(
                    now.toJson(W),
                    () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
                    RatingAccumulator.class,
                    k -> k)
                .toJson(W));
      } catch (IllegalArgumentException e) {
        fail("not read back: " + e.getMessage() + " after\n" + String.join("\n", log), e);
      }
      // the model: every group's all-time holds its windows' counts and the late ones
      for (String group : now.groups()) {
        long windows = 0;
        for (RatingAccumulator w : now.windows(group).values()) {
          windows += w.result().count();
        }
        long all = now.allTime(group).result().count();
        if (!retracted && windows > all) {
          fail("group " + group + ": windows count " + windows + " > all-time " + all);
        }
      }
    }
  }

  // ------------------------------------------------------------------ RevisedValues

  @Property(tries = 200)
  void revisedValues(@ForAll long seed) {
    Random r = new Random(seed);
    List<RevisedValues<String, RatingAccumulator>> box = new ArrayList<>();
    box.add(RevisedValues.create(RatingAccumulator.create(RatingScale.csatFivePoint())));
    Supplier<byte[]> state = () -> box.get(0).toBytes(KeyCodec.strings());
    Map<String, long[]> model = new HashMap<>(); // key -> {revision, value}
    long[] residual = {0}; // values of forgotten keys still counted
    for (int step = 0; step < 60; step++) {
      RevisedValues<String, RatingAccumulator> t = box.get(0);
      String k = key(r);
      long rev = r.nextInt(6) == 0 ? Long.MIN_VALUE : r.nextInt(4);
      int v = r.nextInt(8) - 1;
      switch (r.nextInt(9)) {
        case 0, 1, 2 -> {
          long[] before = k == null ? null : model.get(k);
          if (attempt(
              "apply(" + k + ", " + rev + ", " + v + ")",
              state,
              () -> t.apply(k, rev, v),
              k == null)) {
            if (before == null || rev > before[0] || (rev == before[0] && v > before[1])) {
              model.put(k, new long[] {rev, v});
            }
          }
        }
        case 3 -> {
          if (attempt("remove(" + k + ")", state, () -> t.remove(k), k == null)) {
            model.remove(k);
          }
        }
        case 4 -> {
          if (attempt("forget(" + k + ")", state, () -> t.forget(k), k == null)) {
            long[] f = model.remove(k);
            if (f != null) {
              residual[0]++;
            }
          }
        }
        case 5 -> attempt("self-merge", state, () -> t.merge(t), false);
        case 6 -> {
          RevisedValues<String, RatingAccumulator> o =
              RevisedValues.create(
                  RatingAccumulator.create(
                      r.nextInt(4) == 0
                          ? RatingScale.cesSevenPoint()
                          : RatingScale.csatFivePoint()));
          byte[] ob = o.toBytes(KeyCodec.strings());
          boolean ok = attempt("merge(empty other)", state, () -> t.merge(o), false);
          assertArrayEquals(ob, o.toBytes(KeyCodec.strings()));
          if (!ok) {
            break;
          }
        }
        case 7 -> {
          RevisedValues<String, RatingAccumulator> copy =
              RevisedValues.fromBytes(
                  t.toBytes(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings());
          byte[] cb = copy.toBytes(KeyCodec.strings());
          attempt("merge(copy)", state, () -> t.merge(copy), false);
          assertArrayEquals(cb, copy.toBytes(KeyCodec.strings()));
          // the copy's forgotten contributions are carried over once more
          residual[0] *= 2;
        }
        default ->
            box.set(
                0,
                r.nextBoolean()
                    ? RevisedValues.fromBytes(
                        t.toBytes(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings())
                    : RevisedValues.fromJson(
                        t.toJson(KeyCodec.strings()), RatingAccumulator.class, KeyCodec.strings()));
      }
      RevisedValues<String, RatingAccumulator> now = box.get(0);
      assertEquals(model.size(), now.size(), "keys against the model");
      assertEquals(
          model.size() + residual[0], now.target().result().count(), "count against the model");
      byte[] b = now.toBytes(KeyCodec.strings());
      assertArrayEquals(
          b,
          RevisedValues.fromBytes(b, RatingAccumulator.class, KeyCodec.strings())
              .toBytes(KeyCodec.strings()));
    }
  }

  // ------------------------------------------------------------------ RepeatContactTracker

  @Property(tries = 200)
  void repeatContactTracker(@ForAll long seed) {
    Random r = new Random(seed);
    List<RepeatContactTracker<String>> box = new ArrayList<>();
    box.add(RepeatContactTracker.create(Duration.ofHours(r.nextInt(3) * 24 + 1)));
    Supplier<byte[]> state = () -> box.get(0).toBytes(KeyCodec.strings());
    Map<String, TreeSet<Instant>> known = new HashMap<>(); // the model: contacts kept
    long[] counted = {0};
    boolean[] evicted = {false}; // before any eviction every contact is kept: outcomes follow
    for (int step = 0; step < 60; step++) {
      RepeatContactTracker<String> t = box.get(0);
      String k = key(r);
      Instant at = instant(r);
      switch (r.nextInt(6)) {
        case 0, 1, 2, 3 -> {
          boolean[] fresh = {false};
          if (attempt(
              "contact(" + k + ", " + at + ")",
              state,
              () -> fresh[0] = t.contact(k, at),
              k == null || at == null)) {
            boolean expected = known.computeIfAbsent(k, x -> new TreeSet<>()).add(at);
            assertEquals(expected, fresh[0], "a duplicate is a contact at a kept instant");
            if (fresh[0]) {
              counted[0]++;
            }
          }
        }
        case 4 -> {
          Duration window = t.window();
          if (attempt("evictBefore(" + at + ")", state, () -> t.evictBefore(at), at == null)
              && Duration.between(Instant.MIN, at).compareTo(window) > 0) {
            Instant limit = at.minus(window);
            known.values().forEach(x -> x.headSet(limit).clear());
            evicted[0] = true;
          }
        }
        default ->
            box.set(
                0,
                r.nextBoolean()
                    ? RepeatContactTracker.fromBytes(
                        t.toBytes(KeyCodec.strings()), KeyCodec.strings())
                    : RepeatContactTracker.fromJson(
                        t.toJson(KeyCodec.strings()), KeyCodec.strings()));
      }
      RepeatContactTracker<String> now = box.get(0);
      assertEquals(counted[0], now.result().total(), "one outcome per contact counted");
      if (!evicted[0]) {
        // a contact is a repeat (negative) if the customer's next contact is within the window
        long negative = 0;
        for (TreeSet<Instant> times : known.values()) {
          Instant prev = null;
          for (Instant x : times) {
            if (prev != null && Duration.between(prev, x).compareTo(now.window()) <= 0) {
              negative++;
            }
            prev = x;
          }
        }
        assertEquals(negative, now.result().negative(), "repeats against the model");
      }
      byte[] b = now.toBytes(KeyCodec.strings());
      assertArrayEquals(
          b, RepeatContactTracker.fromBytes(b, KeyCodec.strings()).toBytes(KeyCodec.strings()));
    }
  }

  // ------------------------------------------------------------------ ConcurrentAccumulator

  @Property(tries = 200)
  void concurrentAccumulator(@ForAll long seed) {
    Random r = new Random(seed);
    ConcurrentAccumulator<DurationAccumulator, DurationResult> c =
        ConcurrentAccumulator.create(DurationAccumulator::create, 1 << r.nextInt(3));
    Supplier<byte[]> state = () -> c.snapshot().toBytes();
    long count = 0;
    for (int step = 0; step < 60; step++) {
      long m = AllOrNothingSequenceProperties.millis(r);
      switch (r.nextInt(4)) {
        case 0, 1 -> {
          if (attempt(
              "addMillis(" + m + ")",
              state,
              () -> c.recordLong(DurationAccumulator::addMillis, m),
              false)) {
            count++;
          }
        }
        case 2 -> {
          if (attempt(
              "retractMillis(" + m + ")",
              state,
              () -> c.recordLong(DurationAccumulator::retractMillis, m),
              false)) {
            count--;
          }
        }
        default -> {
          // one call per update: a lambda of two calls whose second is refused is the caller's
          // mistake (the class javadoc)
          if (attempt(
              "retract(" + m + ")", state, () -> c.record(a -> a.retractMillis(m)), false)) {
            count--;
          }
        }
      }
      assertEquals(count, c.result().count(), "count against the model");
    }
  }
}
