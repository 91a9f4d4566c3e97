package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The all-or-nothing rule on random sequences of calls to every built-in {@link KpiAccumulator}:
 * valid and refused values (negative, huge, null durations, values out of the scale, retractions of
 * what was never added), merges with itself, with a copy, with another configuration and with a
 * copy doubled until near an overflow, snapshot restores. After a call that throws, the snapshot is
 * exactly as before, the argument of a merge is unchanged, and the exception is an {@link
 * IllegalArgumentException} or {@link ArithmeticException} with a message (a {@link
 * NullPointerException} only for a null argument); after every call, the state reads back from its
 * binary and JSON snapshots.
 */
class AllOrNothingSequenceProperties {

  interface Call {
    void run();
  }

  /** One accumulator kind: a factory, another configuration, and random calls. */
  interface Kind<A extends KpiAccumulator<A, ?>> {
    A create();

    A other();

    /** A random call on {@code a}: its description, whether it passes a null, and the call. */
    Op op(Random r, A a);
  }

  record Op(String what, boolean nullArg, Call call) {}

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
    } catch (RuntimeException e) {
      fail(what + " threw " + e, e);
      return false;
    }
  }

  static long millis(Random r) {
    return switch (r.nextInt(12)) {
      case 0 -> -1;
      case 1 -> Long.MAX_VALUE;
      case 2 -> Long.MAX_VALUE / 2;
      case 3 -> Long.MIN_VALUE;
      case 4 -> 0;
      default -> r.nextInt(200_000);
    };
  }

  static Duration duration(Random r) {
    return switch (r.nextInt(12)) {
      case 0 -> null;
      case 1 -> Duration.ofNanos(-1);
      case 2 -> Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
      case 3 -> Duration.ofSeconds(Long.MIN_VALUE);
      case 4 -> Duration.ofMillis(Long.MAX_VALUE).plusMillis(1);
      case 5 -> Duration.ofNanos(1_999_999);
      default -> Duration.ofMillis(r.nextInt(200_000));
    };
  }

  static <A extends KpiAccumulator<A, ?>> void run(Kind<A> kind, long seed) {
    Random r = new Random(seed);
    List<A> box = new ArrayList<>();
    box.add(kind.create());
    Supplier<byte[]> state = () -> box.get(0).toBytes();
    List<String> log = new ArrayList<>();
    for (int step = 0; step < 50; step++) {
      A a = box.get(0);
      int choice = r.nextInt(12);
      switch (choice) {
        case 0 -> {
          log.add("self-merge");
          attempt("self-merge", state, () -> a.merge(a), false);
        }
        case 1 -> {
          log.add("merge(copy)");
          A c = a.copy();
          byte[] cb = c.toBytes();
          attempt("merge(copy)", state, () -> a.merge(c), false);
          assertArrayEquals(cb, c.toBytes(), "merge changed its argument");
        }
        case 2 -> {
          log.add("merge(other configuration)");
          A o = kind.other();
          for (int i = r.nextInt(3); i > 0; i--) {
            Op op = kind.op(r, o);
            try {
              op.call().run();
            } catch (RuntimeException ignored) {
              // a refused call
            }
          }
          byte[] ob = o.toBytes();
          attempt("merge(other configuration)", state, () -> a.merge(o), false);
          assertArrayEquals(ob, o.toBytes(), "merge changed its argument");
        }
        case 3 -> {
          log.add("merge(big)");
          A big = a.copy();
          for (int i = 0; i < 64; i++) {
            try {
              big.merge(big);
            } catch (ArithmeticException x) {
              break;
            }
          }
          byte[] bb = big.toBytes();
          attempt("merge(big)", state, () -> a.merge(big), false);
          assertArrayEquals(bb, big.toBytes(), "merge changed its argument");
          if (r.nextInt(3) == 0) {
            box.set(0, big);
          }
        }
        case 4 -> {
          log.add("restore");
          @SuppressWarnings("unchecked")
          A back =
              r.nextBoolean()
                  ? (A) KpiSnapshots.fromBytes(a.toBytes())
                  : (A) KpiSnapshots.fromJson(a.toJson());
          box.set(0, back);
        }
        default -> {
          Op op = kind.op(r, a);
          log.add(op.what());
          attempt(op.what(), state, op.call(), op.nullArg());
        }
      }
      A now = box.get(0);
      byte[] bytes = now.toBytes();
      try {
        assertArrayEquals(bytes, KpiSnapshots.fromBytes(bytes).toBytes(), "binary round trip");
        assertArrayEquals(bytes, KpiSnapshots.fromJson(now.toJson()).toBytes(), "JSON round trip");
      } catch (IllegalArgumentException e) {
        fail("snapshot not read back: " + e.getMessage() + " after\n" + String.join("\n", log), e);
      }
      assertEquals(now.isEmpty(), KpiSnapshots.fromBytes(bytes).isEmpty());
    }
  }

  static Op call(String what, boolean nullArg, Call call) {
    return new Op(what, nullArg, call);
  }

  // ------------------------------------------------------------------ kinds

  static final Kind<RatingAccumulator> RATING =
      new Kind<>() {
        public RatingAccumulator create() {
          return RatingAccumulator.create(RatingScale.csatFivePoint());
        }

        public RatingAccumulator other() {
          return RatingAccumulator.create(RatingScale.cesSevenPoint());
        }

        public Op op(Random r, RatingAccumulator a) {
          int v = r.nextInt(10) - 1;
          return switch (r.nextInt(3)) {
            case 0, 1 -> call("add(" + v + ")", false, () -> a.add(v));
            default -> call("retract(" + v + ")", false, () -> a.retract(v));
          };
        }
      };

  static final Kind<NpsAccumulator> NPS =
      new Kind<>() {
        public NpsAccumulator create() {
          return NpsAccumulator.create();
        }

        public NpsAccumulator other() {
          return NpsAccumulator.create();
        }

        public Op op(Random r, NpsAccumulator a) {
          int v = r.nextInt(15) - 2;
          return r.nextInt(3) < 2
              ? call("add(" + v + ")", false, () -> a.add(v))
              : call("retract(" + v + ")", false, () -> a.retract(v));
        }
      };

  static final Kind<DurationAccumulator> DURATION =
      new Kind<>() {
        public DurationAccumulator create() {
          return DurationAccumulator.create();
        }

        public DurationAccumulator other() {
          return DurationAccumulator.create();
        }

        public Op op(Random r, DurationAccumulator a) {
          long m = millis(r);
          Duration d = duration(r);
          return switch (r.nextInt(5)) {
            case 0, 1 -> call("addMillis(" + m + ")", false, () -> a.addMillis(m));
            case 2 -> call("retractMillis(" + m + ")", false, () -> a.retractMillis(m));
            case 3 -> call("add(" + d + ")", d == null, () -> a.add(d));
            default -> call("retract(" + d + ")", d == null, () -> a.retract(d));
          };
        }
      };

  static final Kind<HandleTimeAccumulator> HANDLE =
      new Kind<>() {
        public HandleTimeAccumulator create() {
          return HandleTimeAccumulator.create();
        }

        public HandleTimeAccumulator other() {
          return HandleTimeAccumulator.create();
        }

        public Op op(Random r, HandleTimeAccumulator a) {
          long t = millis(r);
          long h = millis(r);
          long w = millis(r);
          Duration dt = duration(r);
          Duration dh = duration(r);
          Duration dw = duration(r);
          boolean n = dt == null || dh == null || dw == null;
          String m = "(" + t + ", " + h + ", " + w + ")";
          String d = "(" + dt + ", " + dh + ", " + dw + ")";
          return switch (r.nextInt(5)) {
            case 0, 1 -> call("addMillis" + m, false, () -> a.addMillis(t, h, w));
            case 2 -> call("retractMillis" + m, false, () -> a.retractMillis(t, h, w));
            case 3 -> call("add" + d, n, () -> a.add(dt, dh, dw));
            default -> call("retract" + d, n, () -> a.retract(dt, dh, dw));
          };
        }
      };

  static final Kind<OutcomeAccumulator> OUTCOME =
      new Kind<>() {
        public OutcomeAccumulator create() {
          return OutcomeAccumulator.create();
        }

        public OutcomeAccumulator other() {
          return OutcomeAccumulator.create();
        }

        public Op op(Random r, OutcomeAccumulator a) {
          boolean v = r.nextBoolean();
          return r.nextInt(3) < 2
              ? call("add(" + v + ")", false, () -> a.add(v))
              : call("retract(" + v + ")", false, () -> a.retract(v));
        }
      };

  static final Kind<ServiceLevelAccumulator> SERVICE_LEVEL =
      new Kind<>() {
        public ServiceLevelAccumulator create() {
          return ServiceLevelAccumulator.create(
              ServiceLevelPolicy.of(
                  Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)));
        }

        public ServiceLevelAccumulator other() {
          return ServiceLevelAccumulator.create(
              ServiceLevelPolicy.of(
                  Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30)));
        }

        public Op op(Random r, ServiceLevelAccumulator a) {
          long m = millis(r);
          Duration d = duration(r);
          return switch (r.nextInt(8)) {
            case 0 -> call("answeredMillis(" + m + ")", false, () -> a.answeredMillis(m));
            case 1 -> call("abandonedMillis(" + m + ")", false, () -> a.abandonedMillis(m));
            case 2 ->
                call("retractAnsweredMillis(" + m + ")", false, () -> a.retractAnsweredMillis(m));
            case 3 ->
                call("retractAbandonedMillis(" + m + ")", false, () -> a.retractAbandonedMillis(m));
            case 4 -> call("answered(" + d + ")", d == null, () -> a.answered(d));
            case 5 -> call("abandoned(" + d + ")", d == null, () -> a.abandoned(d));
            case 6 -> call("retractAnswered(" + d + ")", d == null, () -> a.retractAnswered(d));
            default -> call("retractAbandoned(" + d + ")", d == null, () -> a.retractAbandoned(d));
          };
        }
      };

  static final Kind<PercentileAccumulator> PERCENTILE =
      new Kind<>() {
        public PercentileAccumulator create() {
          return PercentileAccumulator.create();
        }

        public PercentileAccumulator other() {
          return PercentileAccumulator.create(0.02);
        }

        public Op op(Random r, PercentileAccumulator a) {
          long m = millis(r);
          Duration d = duration(r);
          return r.nextBoolean()
              ? call("addMillis(" + m + ")", false, () -> a.addMillis(m))
              : call("add(" + d + ")", d == null, () -> a.add(d));
        }
      };

  static final Kind<DrillDownSample> DRILL_DOWN =
      new Kind<>() {
        public DrillDownSample create() {
          return DrillDownSample.create(4);
        }

        public DrillDownSample other() {
          return DrillDownSample.create(5);
        }

        public Op op(Random r, DrillDownSample a) {
          String id =
              switch (r.nextInt(10)) {
                case 0 -> null;
                case 1 -> "";
                case 2 -> "\ud800";
                case 3 -> "x".repeat(300);
                default -> "t-" + r.nextInt(8);
              };
          long v = millis(r);
          return call("add(" + id + ", " + v + ")", id == null, () -> a.add(id, v));
        }
      };

  static final Kind<AgentTimeAccumulator> AGENT_TIME =
      new Kind<>() {
        public AgentTimeAccumulator create() {
          return AgentTimeAccumulator.create();
        }

        public AgentTimeAccumulator other() {
          return AgentTimeAccumulator.create();
        }

        public Op op(Random r, AgentTimeAccumulator a) {
          long m = millis(r);
          Duration d = duration(r);
          AgentTimeAccumulator.Bucket[] all = AgentTimeAccumulator.Bucket.values();
          AgentTimeAccumulator.Bucket b = r.nextInt(8) == 0 ? null : all[r.nextInt(all.length)];
          return switch (r.nextInt(8)) {
            case 0 -> call("addContactMillis(" + m + ")", false, () -> a.addContactMillis(m));
            case 1 ->
                call("retractContactMillis(" + m + ")", false, () -> a.retractContactMillis(m));
            case 2 ->
                call("addTimeMillis(" + b + ", " + m + ")", b == null, () -> a.addTimeMillis(b, m));
            case 3 ->
                call(
                    "retractTimeMillis(" + b + ", " + m + ")",
                    b == null,
                    () -> a.retractTimeMillis(b, m));
            case 4 -> call("addContact(" + d + ")", d == null, () -> a.addContact(d));
            case 5 -> call("retractContact(" + d + ")", d == null, () -> a.retractContact(d));
            case 6 ->
                call(
                    "addTime(" + b + ", " + d + ")", b == null || d == null, () -> a.addTime(b, d));
            default ->
                call(
                    "retractTime(" + b + ", " + d + ")",
                    b == null || d == null,
                    () -> a.retractTime(b, d));
          };
        }
      };

  static final Kind<CostAccumulator> COST =
      new Kind<>() {
        public CostAccumulator create() {
          return CostAccumulator.create();
        }

        public CostAccumulator other() {
          return CostAccumulator.create();
        }

        public Op op(Random r, CostAccumulator a) {
          long m = millis(r);
          long c = r.nextBoolean() ? r.nextInt(4) - 1 : millis(r);
          return switch (r.nextInt(3)) {
            case 0 -> call("addCost(" + m + ")", false, () -> a.addCost(m));
            case 1 -> call("addContacts(" + c + ")", false, () -> a.addContacts(c));
            default -> call("retract(" + m + ", " + c + ")", false, () -> a.retract(m, c));
          };
        }
      };

  static final Kind<BacklogAccumulator> BACKLOG =
      new Kind<>() {
        public BacklogAccumulator create() {
          return BacklogAccumulator.create();
        }

        public BacklogAccumulator other() {
          return BacklogAccumulator.create();
        }

        public Op op(Random r, BacklogAccumulator a) {
          return switch (r.nextInt(4)) {
            case 0 -> call("opened()", false, a::opened);
            case 1 -> call("closed()", false, a::closed);
            case 2 -> call("retractOpened()", false, a::retractOpened);
            default -> call("retractClosed()", false, a::retractClosed);
          };
        }
      };

  static final Kind<ProductivityAccumulator> PRODUCTIVITY =
      new Kind<>() {
        public ProductivityAccumulator create() {
          return AccumulatorContractProperties.INDEX.newAccumulator();
        }

        public ProductivityAccumulator other() {
          return ProductivityIndex.of(
                  new java.util.LinkedHashMap<>(java.util.Map.of("reply", 1.0, "closure", 2.0)),
                  80,
                  10)
              .newAccumulator();
        }

        public Op op(Random r, ProductivityAccumulator a) {
          int i = r.nextInt(6) - 1;
          String s =
              r.nextInt(6) == 0
                  ? null
                  : List.of("reply", "closure", "escalation", "x").get(r.nextInt(4));
          return switch (r.nextInt(4)) {
            case 0 -> call("add(" + i + ")", false, () -> a.add(i));
            case 1 -> call("retract(" + i + ")", false, () -> a.retract(i));
            case 2 -> call("add(" + s + ")", s == null, () -> a.add(s));
            default -> call("retract(" + s + ")", s == null, () -> a.retract(s));
          };
        }
      };

  @Property(tries = 200)
  void rating(@ForAll long seed) {
    run(RATING, seed);
  }

  @Property(tries = 200)
  void nps(@ForAll long seed) {
    run(NPS, seed);
  }

  @Property(tries = 200)
  void duration(@ForAll long seed) {
    run(DURATION, seed);
  }

  @Property(tries = 200)
  void handleTime(@ForAll long seed) {
    run(HANDLE, seed);
  }

  @Property(tries = 200)
  void outcome(@ForAll long seed) {
    run(OUTCOME, seed);
  }

  @Property(tries = 200)
  void serviceLevel(@ForAll long seed) {
    run(SERVICE_LEVEL, seed);
  }

  @Property(tries = 200)
  void percentile(@ForAll long seed) {
    run(PERCENTILE, seed);
  }

  @Property(tries = 200)
  void drillDown(@ForAll long seed) {
    run(DRILL_DOWN, seed);
  }

  @Property(tries = 200)
  void agentTime(@ForAll long seed) {
    run(AGENT_TIME, seed);
  }

  @Property(tries = 200)
  void cost(@ForAll long seed) {
    run(COST, seed);
  }

  @Property(tries = 200)
  void backlog(@ForAll long seed) {
    run(BACKLOG, seed);
  }

  @Property(tries = 200)
  void productivity(@ForAll long seed) {
    run(PRODUCTIVITY, seed);
  }
}
