package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * "A call that throws changes nothing" and "a merge is all or nothing" for the trackers and the
 * window table: after every rejected call the state, compared as its snapshot, is what it was; and
 * a table fed a mix of good and bad events equals one fed only the accepted ones.
 */
class AllOrNothingTrackerProperties {

  /** One call on a revision tracker: apply, remove or forget a key. */
  record Op(int kind, String key, long revision, int value) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 5),
            Arbitraries.of("a", "b", "c", "d"),
            Arbitraries.longs().between(0, 4),
            Arbitraries.integers().between(-1, 8))
        .as(Op::new)
        .list()
        .ofMaxSize(40);
  }

  private static RevisedValues<String, RatingAccumulator> tracker(boolean ces) {
    return RevisedValues.create(
        RatingAccumulator.create(ces ? RatingScale.cesSevenPoint() : RatingScale.csatFivePoint()));
  }

  private static void run(RevisedValues<String, RatingAccumulator> t, List<Op> ops) {
    for (Op op : ops) {
      String before = t.toJson(KeyCodec.strings());
      try {
        switch (op.kind()) {
          case 0 -> t.remove(op.key());
          case 1 -> t.forget(op.key());
          default -> t.apply(op.key(), op.revision(), op.value());
        }
      } catch (IllegalArgumentException | ArithmeticException rejected) {
        assertEquals(before, t.toJson(KeyCodec.strings()), op + " threw " + rejected);
      }
    }
  }

  @Property(tries = 200)
  void aRejectedRevisionChangesNothing(@ForAll("ops") List<Op> ops, @ForAll boolean ces) {
    run(tracker(ces), ops);
  }

  @Property(tries = 200)
  void aRevisionMergeThatThrowsChangesNeitherSide(
      @ForAll("ops") List<Op> a,
      @ForAll boolean aCes,
      @ForAll("ops") List<Op> b,
      @ForAll boolean bCes,
      @ForAll boolean nearMaxStale) {
    RevisedValues<String, RatingAccumulator> x = tracker(aCes);
    run(x, a);
    RevisedValues<String, RatingAccumulator> y = tracker(bCes);
    run(y, b);
    if (nearMaxStale) {
      String json = y.toJson(KeyCodec.strings());
      y =
          RevisedValues.fromJson(
              Resealed.json(
                  json.replaceFirst(
                      "\"staleCount\":\\d+", "\"staleCount\":" + (Long.MAX_VALUE - 1))),
              RatingAccumulator.class,
              KeyCodec.strings());
    }
    String xBefore = x.toJson(KeyCodec.strings());
    String yBefore = y.toJson(KeyCodec.strings());
    try {
      x.merge(y);
      assertEquals(aCes, bCes, "merge of another scale must throw");
    } catch (IllegalArgumentException | ArithmeticException rejected) {
      assertEquals(xBefore, x.toJson(KeyCodec.strings()), "merge threw " + rejected);
    }
    assertEquals(yBefore, y.toJson(KeyCodec.strings()), "merge never changes its argument");
  }

  @Property(tries = 100)
  void aRejectedContactChangesNothing(
      @ForAll("contacts") List<Long> minutes, @ForAll boolean nearMaxPositive) {
    RepeatContactTracker<String> t = RepeatContactTracker.create(Duration.ofHours(2));
    String json = t.toJson(KeyCodec.strings());
    String field = nearMaxPositive ? "\"positive\":0" : "\"negative\":0";
    String big = field.replace(":0", ":" + (Long.MAX_VALUE - 1));
    t = RepeatContactTracker.fromJson(Resealed.json(json.replace(field, big)), KeyCodec.strings());
    Instant base = Instant.parse("2026-12-01T00:00:00Z");
    for (long m : minutes) {
      String before = t.toJson(KeyCodec.strings());
      try {
        t.contact(m % 2 == 0 ? "c1" : "c2", base.plusSeconds(60 * m));
      } catch (ArithmeticException rejected) {
        assertEquals(before, t.toJson(KeyCodec.strings()), "contact threw " + rejected);
      }
    }
  }

  @Provide
  Arbitrary<List<Long>> contacts() {
    return Arbitraries.longs().between(0, 600).list().ofMaxSize(12);
  }

  /** One event for a window table: group, time, value. */
  record Event(String group, Instant at, long millis) {}

  @Provide
  Arbitrary<List<Event>> events() {
    Arbitrary<Instant> times =
        Arbitraries.oneOf(
            Arbitraries.longs()
                .between(0, 72)
                .map(h -> Instant.parse("2026-12-01T00:00:00Z").plusSeconds(h * 1800)),
            Arbitraries.of(
                Instant.MAX,
                Instant.MIN,
                Instant.ofEpochMilli(Long.MAX_VALUE),
                Instant.ofEpochMilli(Long.MIN_VALUE)));
    return Combinators.combine(
            Arbitraries.of("a", "b"), times, Arbitraries.longs().between(-2, 1000))
        .as(Event::new)
        .list()
        .ofMaxSize(40);
  }

  private static WindowedKpi<String, DurationAccumulator> table(long latenessHours) {
    return WindowedKpi.create(
        DurationAccumulator::create,
        WindowSpec.of(WindowUnit.HOUR, ZoneOffset.UTC),
        Duration.ofHours(latenessHours));
  }

  @Property(tries = 200)
  void aRejectedEventChangesNothingAndTheRestIsAsIfItNeverCame(
      @ForAll("events") List<Event> events, @ForAll boolean lenient) {
    WindowedKpi<String, DurationAccumulator> kpi = table(lenient ? 5 : 0);
    List<Event> accepted = new ArrayList<>();
    for (Event e : events) {
      byte[] before = kpi.toBytes(g -> g);
      try {
        kpi.recordLong(e.group(), e.at(), DurationAccumulator::addMillis, e.millis());
        accepted.add(e);
      } catch (IllegalArgumentException | ArithmeticException rejected) {
        assertArrayEquals(before, kpi.toBytes(g -> g), e + " threw " + rejected);
      }
    }
    WindowedKpi<String, DurationAccumulator> replay = table(lenient ? 5 : 0);
    for (Event e : accepted) {
      replay.recordLong(e.group(), e.at(), DurationAccumulator::addMillis, e.millis());
    }
    assertEquals(replay.watermark(), kpi.watermark());
    assertEquals(replay.droppedLate(), kpi.droppedLate());
    assertEquals(replay.groups(), kpi.groups());
    for (String g : kpi.groups()) {
      assertEquals(replay.allTime(g).result(), kpi.allTime(g).result());
      assertEquals(replay.windows(g).keySet(), kpi.windows(g).keySet());
      replay
          .windows(g)
          .forEach((start, acc) -> assertEquals(acc.result(), kpi.windows(g).get(start).result()));
    }
  }
}
