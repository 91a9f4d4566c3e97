package dev.servicekit.qa.analytics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.servicekit.qa.Evaluation;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The all-or-nothing rule for every mutable type of qa-core ({@link ScoreAggregator}, {@link
 * ScoreAccumulator}, {@link OutcomeShares}, {@link ScoreLedger}): random sequences of valid and
 * invalid calls (values out of range, ids breaking the id rule, nulls, retractions of what was
 * never added, swapped revisions, merges with itself, with another configuration and near an
 * overflow, snapshot restores); after every call that throws, the snapshot is exactly as before and
 * the exception is an {@link IllegalArgumentException} or {@link ArithmeticException} with a
 * message (a {@link NullPointerException} only for a null argument, naming it).
 */
class AllOrNothingCallsProperties {

  private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
  private static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  private static final Function<String, String> TEAM = a -> a.endsWith("0") ? "red" : "blue";

  interface Call {
    void run() throws Exception;
  }

  /** Runs {@code call}; if it throws, checks the type and that {@code state} did not change. */
  static boolean attempt(String what, Supplier<byte[]> state, Call call, boolean nullArg) {
    byte[] before = state.get();
    try {
      call.run();
      return true;
    } catch (IllegalArgumentException | ArithmeticException e) {
      assertNotNull(e.getMessage(), what + ": no message");
      assertArrayEquals(before, state.get(), what + " threw " + e + " and changed the state");
      return false;
    } catch (NullPointerException e) {
      assertTrue(nullArg, what + " threw " + e + " for no null argument");
      assertNotNull(e.getMessage(), what + ": NPE names no argument");
      assertArrayEquals(before, state.get(), what + " threw " + e + " and changed the state");
      return false;
    } catch (Exception e) {
      fail(what + " threw " + e, e);
      return false;
    }
  }

  /** A pool of evaluations: states of a few chains, N/A ones, far instants. */
  static List<Evaluation> pool(Random r) {
    List<Evaluation> out = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Instant at =
          switch (r.nextInt(8)) {
            case 0 -> Instant.parse("1900-01-01T00:00:00Z");
            case 1 -> Instant.parse("2299-12-31T23:00:00Z");
            default -> T0.plusSeconds(3600L * r.nextInt(24 * 20));
          };
      Evaluation e =
          PointsEvaluations.of("int" + r.nextInt(4), "agent" + r.nextInt(2), at, points(r));
      out.add(e);
      Evaluation last = e;
      for (int k = r.nextInt(3); k > 0; k--) {
        last =
            r.nextBoolean()
                ? PointsEvaluations.revised(last, points(r))
                : PointsEvaluations.disputedAndRevised(last, points(r));
        out.add(last);
      }
    }
    return out;
  }

  static int points(Random r) {
    return r.nextInt(6) == 0 ? -1 : r.nextInt(3) == 0 ? 70 : r.nextInt(101);
  }

  static String id(Random r) {
    return switch (r.nextInt(12)) {
      case 0 -> "";
      case 1 -> " x";
      case 2 -> "x".repeat(129);
      case 3 -> "a\u0001b";
      case 4 -> "\ud800";
      default -> "rev-" + r.nextInt(5);
    };
  }

  static LocalDate day(Random r) {
    return switch (r.nextInt(10)) {
      case 0 -> LocalDate.of(1899, 12, 31);
      case 1 -> LocalDate.of(2300, 1, 2);
      case 2 -> LocalDate.of(2299, 12, 31);
      case 3 -> LocalDate.of(1900, 1, 1);
      default -> LocalDate.of(2026, 3, 2).plusDays(r.nextInt(20));
    };
  }

  static double score(Random r) {
    return switch (r.nextInt(12)) {
      case 0 -> Double.NaN;
      case 1 -> Double.POSITIVE_INFINITY;
      case 2 -> 1e101;
      case 3 -> -1e100;
      case 4 -> 1e100;
      default -> r.nextInt(101);
    };
  }

  static <T> T pick(Random r, List<T> l) {
    return l.isEmpty() || r.nextInt(15) == 0 ? null : l.get(r.nextInt(l.size()));
  }

  static List<OutcomeShares> templates(Granularity g) {
    return List.of(
        OutcomeShares.bands(g, ZONE, TEAM),
        OutcomeShares.scriptCompliance(ScriptCompliance.of(List.of("points"), 0.9), g, ZONE, TEAM));
  }

  // ------------------------------------------------------------------ ScoreAggregator

  @Property(tries = 200)
  void scoreAggregatorCallsAreAllOrNothing(@ForAll long seed) {
    Random r = new Random(seed);
    List<Evaluation> pool = pool(r);
    ScoreAggregator[] a = {ScoreAggregator.create(Granularity.WEEK, ZONE)};
    Supplier<byte[]> state = () -> a[0].toBytes();
    for (int step = 0; step < 60; step++) {
      Evaluation e = pick(r, pool);
      Evaluation f = pick(r, pool);
      String agent = r.nextInt(10) == 0 ? id(r) : "agent" + r.nextInt(2);
      LocalDate d = day(r);
      double s = score(r);
      switch (r.nextInt(10)) {
        case 0 -> attempt("add(" + e + ")", state, () -> a[0].add(e), e == null);
        case 1 -> attempt("retract(" + e + ")", state, () -> a[0].retract(e), e == null);
        case 2 ->
            attempt(
                "revise(" + e + ", " + f + ")",
                state,
                () -> a[0].revise(e, f),
                e == null || f == null);
        case 3 ->
            attempt(
                "add(" + agent + "," + d + "," + s + ")",
                state,
                () -> a[0].add(agent, d, s),
                false);
        case 4 ->
            attempt(
                "retract(" + agent + "," + d + "," + s + ")",
                state,
                () -> a[0].retract(agent, d, s),
                false);
        case 5 -> attempt("self-merge", state, () -> a[0].merge(a[0]), false);
        case 6 -> {
          ScoreAggregator other =
              ScoreAggregator.create(
                  r.nextBoolean() ? Granularity.DAY : Granularity.WEEK,
                  r.nextBoolean() ? ZONE : ZoneId.of("UTC"));
          if (e != null) {
            other.add(e);
          }
          byte[] otherBefore = other.toBytes();
          attempt("merge(other)", state, () -> a[0].merge(other), false);
          assertArrayEquals(otherBefore, other.toBytes(), "merge changed its argument");
        }
        case 7 -> {
          // near overflow: a copy doubled until its counts are near Long.MAX_VALUE
          ScoreAggregator big = ScoreAggregator.fromBytes(a[0].toBytes());
          for (int i = 0; i < 62; i++) {
            try {
              big.merge(big);
            } catch (ArithmeticException x) {
              break;
            }
          }
          mergeBig(r, state, a, big, ScoreAggregator::merge, ScoreAggregator::toBytes);
        }
        case 8 -> a[0] = ScoreAggregator.fromBytes(a[0].toBytes());
        default ->
            attempt(
                "summaries",
                state,
                () -> a[0].summaries(r.nextBoolean() ? 0.95 : 1.5, r.nextBoolean() ? 5 : -1),
                false);
      }
    }
  }

  // ------------------------------------------------------------------ ScoreAccumulator

  @Property(tries = 200)
  void scoreAccumulatorCallsAreAllOrNothing(@ForAll long seed) {
    Random r = new Random(seed);
    ScoreAccumulator[] a = {new ScoreAccumulator()};
    Supplier<byte[]> state =
        () ->
            (a[0].count() + "|" + a[0].mean() + "|" + a[0].m2() + "|" + a[0].scale())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<Double> held = new ArrayList<>(); // the scores added one by one, for valid retractions
    long n = 0; // the model: the number of scores held
    for (int step = 0; step < 60; step++) {
      double s = score(r);
      switch (r.nextInt(6)) {
        case 0, 1 -> {
          if (attempt("add(" + s + ")", state, () -> a[0].add(s), false)) {
            held.add(s);
            n++;
          }
        }
        case 2 -> {
          double x = held.isEmpty() || r.nextBoolean() ? s : held.get(r.nextInt(held.size()));
          if (attempt("retract(" + x + ")", state, () -> a[0].retract(x), false)) {
            held.remove((Double) x);
            n--;
          }
        }
        case 3 -> {
          if (attempt("self-merge", state, () -> a[0].merge(a[0]), false)) {
            n *= 2;
          }
        }
        case 4 -> {
          ScoreAccumulator big = new ScoreAccumulator();
          big.add(50);
          for (int i = 0; i < 62; i++) {
            big.merge(big);
          }
          if (attempt("merge(big)", state, () -> a[0].merge(big), false)) {
            n += big.count();
          }
        }
        default -> {
          if (a[0].count() > 0) { // an empty accumulator has no summary (IllegalStateException)
            attempt("summary", state, () -> a[0].summary(r.nextBoolean() ? 0.95 : 0, 5), false);
          }
        }
      }
      assertEquals(n, a[0].count(), "count against the model");
    }
  }

  // ------------------------------------------------------------------ OutcomeShares

  @Property(tries = 200)
  void outcomeSharesCallsAreAllOrNothing(@ForAll long seed) {
    Random r = new Random(seed);
    List<Evaluation> pool = pool(r);
    boolean script = r.nextBoolean();
    OutcomeShares template = templates(Granularity.WEEK).get(script ? 1 : 0);
    OutcomeShares[] a = {template.emptyLike()};
    Supplier<byte[]> state = () -> a[0].toBytes();
    for (int step = 0; step < 60; step++) {
      Evaluation e = pick(r, pool);
      Evaluation f = pick(r, pool);
      switch (r.nextInt(8)) {
        case 0, 1 -> attempt("add(" + e + ")", state, () -> a[0].add(e), e == null);
        case 2 -> attempt("retract(" + e + ")", state, () -> a[0].retract(e), e == null);
        case 3 ->
            attempt(
                "revise(" + e + ", " + f + ")",
                state,
                () -> a[0].revise(e, f),
                e == null || f == null);
        case 4 -> attempt("self-merge", state, () -> a[0].merge(a[0]), false);
        case 5 -> {
          OutcomeShares other =
              templates(r.nextBoolean() ? Granularity.DAY : Granularity.WEEK).get(r.nextInt(2));
          if (e != null) {
            try {
              other.add(e);
            } catch (IllegalArgumentException ignored) {
              // a script the evaluation cannot be judged by
            }
          }
          byte[] otherBefore = other.toBytes();
          attempt("merge(other)", state, () -> a[0].merge(other), false);
          assertArrayEquals(otherBefore, other.toBytes(), "merge changed its argument");
        }
        case 6 -> {
          OutcomeShares big = a[0].copy();
          for (int i = 0; i < 62; i++) {
            try {
              big.merge(big);
            } catch (ArithmeticException x) {
              break;
            }
          }
          mergeBig(r, state, a, big, OutcomeShares::merge, OutcomeShares::toBytes);
        }
        default -> a[0] = OutcomeShares.fromBytes(a[0].toBytes(), template);
      }
    }
  }

  // ------------------------------------------------------------------ ScoreLedger

  @Property(tries = 200)
  void scoreLedgerCallsAreAllOrNothing(@ForAll long seed) {
    Random r = new Random(seed);
    List<Evaluation> pool = pool(r);
    boolean withShares = r.nextBoolean();
    ScoreLedger[] l = {ledger(withShares, Granularity.WEEK)};
    Supplier<byte[]> state = () -> l[0].toBytes();
    List<String> log = new ArrayList<>();
    for (int step = 0; step < 60; step++) {
      Evaluation e = pick(r, pool);
      String id = id(r);
      int op = r.nextInt(9);
      log.add((op + " " + id + " " + e).replaceAll("[^ -~]", "?"));
      try {
        restore(l[0], withShares);
      } catch (IllegalArgumentException x) {
        fail(x.getMessage() + "\nsnapshot not read back after\n" + String.join("\n", log), x);
      }
      switch (op) {
        case 0, 1, 2 ->
            attempt("put(" + id + ", " + e + ")", state, () -> l[0].put(id, e), e == null);
        case 3 -> attempt("remove(" + id + ")", state, () -> l[0].remove(id), false);
        case 4 -> {
          LocalDate d = day(r);
          attempt("closeBefore(" + d + ")", state, () -> l[0].closeBefore(d), false);
        }
        case 5 -> attempt("self-merge", state, () -> l[0].merge(l[0]), false);
        case 6 -> {
          ScoreLedger other =
              ledger(
                  r.nextInt(4) == 0 ? !withShares : withShares,
                  r.nextInt(4) == 0 ? Granularity.DAY : Granularity.WEEK);
          for (int i = r.nextInt(6); i > 0; i--) {
            Evaluation x = pick(r, pool);
            String xid = "rev-" + r.nextInt(5);
            try {
              if (x == null) {
                other.remove(xid);
              } else {
                other.put(xid, x);
              }
            } catch (IllegalArgumentException ignored) {
              // an id reused for another evaluation
            }
          }
          if (r.nextInt(4) == 0) {
            other.closeBefore(
                day(r).plusDays(0).isBefore(LocalDate.of(1900, 1, 1))
                    ? LocalDate.of(1900, 1, 1)
                    : LocalDate.of(2026, 3, 2).plusDays(r.nextInt(20)));
          }
          byte[] otherBefore = other.toBytes();
          attempt("merge(other)", state, () -> l[0].merge(other), false);
          assertArrayEquals(otherBefore, other.toBytes(), "merge changed its argument");
        }
        case 7 -> {
          // a copy whose counts were doubled until near overflow, by merging copies
          ScoreLedger big = restore(l[0], withShares);
          for (int i = 0; i < 62; i++) {
            try {
              big.merge(restore(big, withShares));
            } catch (ArithmeticException | IllegalArgumentException x) {
              break;
            }
          }
          mergeBig(r, state, l, big, ScoreLedger::merge, ScoreLedger::toBytes);
        }
        default -> l[0] = restore(l[0], withShares);
      }
    }
  }

  static ScoreLedger ledger(boolean withShares, Granularity g) {
    return withShares ? ScoreLedger.create(g, ZONE, templates(g)) : ScoreLedger.create(g, ZONE);
  }

  static ScoreLedger restore(ScoreLedger l, boolean withShares) {
    return withShares
        ? ScoreLedger.fromBytes(l.toBytes(), templates(l.scores().granularity()))
        : ScoreLedger.fromBytes(l.toBytes());
  }

  /**
   * Merges {@code big} (counts doubled near overflow) into {@code into[0]} as one attempt: {@code
   * big} must not change; one time in four it then replaces {@code into[0]}.
   */
  private static <T> void mergeBig(
      Random r,
      Supplier<byte[]> state,
      T[] into,
      T big,
      BiConsumer<T, T> merge,
      Function<T, byte[]> bytes) {
    byte[] bigBefore = bytes.apply(big);
    attempt("merge(big)", state, () -> merge.accept(into[0], big), false);
    assertArrayEquals(bigBefore, bytes.apply(big), "merge changed its argument");
    if (r.nextInt(4) == 0) {
      into[0] = big;
    }
  }
}
