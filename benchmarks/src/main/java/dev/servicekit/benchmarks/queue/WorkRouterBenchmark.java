package dev.servicekit.benchmarks.queue;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.TimeRange;
import dev.servicekit.sla.queue.Agent;
import dev.servicekit.sla.queue.Assignment;
import dev.servicekit.sla.queue.Capacity;
import dev.servicekit.sla.queue.QueuePolicy;
import dev.servicekit.sla.queue.WorkItem;
import dev.servicekit.sla.queue.WorkRouter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * 100,000 open tickets and 1,000 agents (three channels, five languages, three skills, two tiers,
 * four shift calendars in three zones; agents full, so every decision is made for the agent who
 * just finished something). {@code decide}: one agent finishes their oldest item, one routing
 * decision assigns the most urgent item that agent (or anyone now free) can take, and the finished
 * item comes back as new work due a day later, so the sizes stay constant. {@code reprioritise}:
 * one waiting ticket gets a new deadline (a reply or re-target). {@code INDEXED} is {@link
 * WorkRouter}; {@code NAIVE} re-sorts every waiting ticket and scans every agent per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WorkRouterBenchmark {

  /** The implementation. */
  public enum Impl {
    INDEXED,
    NAIVE
  }

  @Param({"INDEXED", "NAIVE"})
  public Impl impl;

  @Param({"100000"})
  public int tickets;

  @Param({"1000"})
  public int agents;

  private static final List<String> CHANNELS = List.of("call", "chat", "email");
  private static final List<String> LANGS = List.of("en", "ru", "de", "es", "fr");
  private static final List<String> SKILLS = List.of("billing", "tech", "sales");
  private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z"); // Wednesday noon UTC

  private WorkRouter router;
  private NaiveWorkRouter naive;
  private final ArrayDeque<String> inProgress = new ArrayDeque<>();
  private WorkItem[] waitingItems;
  private WorkItem[] retargets;
  private int cursor;
  private Instant now;

  @Setup(Level.Trial)
  public void setUp() {
    Random r = new Random(42);
    List<BusinessCalendar> shifts =
        List.of(
            BusinessCalendar.always(ZoneOffset.UTC),
            BusinessCalendar.builder(ZoneId.of("Europe/Moscow"))
                .weekdays(TimeRange.parse("08:00-20:00"))
                .build(),
            BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .weekdays(TimeRange.parse("07:00-19:00"))
                .build(),
            BusinessCalendar.builder(ZoneId.of("America/New_York"))
                .weekdays(TimeRange.parse("06:00-18:00"))
                .build());
    router =
        WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
            .channel("call", Duration.ofMinutes(6))
            .channel("chat", Duration.ofMinutes(12))
            .channel("email", Duration.ofMinutes(25))
            .build();
    for (int i = 0; i < agents; i++) {
      Agent.Builder b =
          Agent.builder(
                  "agent-" + i,
                  shifts.get(r.nextInt(shifts.size())),
                  Capacity.builder()
                      .channel("call", 1)
                      .channel("chat", 3)
                      .channel("email", 10)
                      .build())
              // the same draws as before, each name once: a name listed twice is refused
              .languages(once("en", LANGS.get(r.nextInt(LANGS.size()))))
              .skills(once(SKILLS.get(r.nextInt(3)), SKILLS.get(r.nextInt(3))));
      if (r.nextInt(4) == 0) {
        b.tiers("gold");
      }
      Agent a = b.build();
      router.addAgent(a, NOW);
    }
    List<WorkItem> all = new ArrayList<>(tickets);
    for (int i = 0; i < tickets; i++) {
      WorkItem.Builder w =
          WorkItem.builder(
                  "T-" + i, CHANNELS.get(r.nextInt(3)), NOW.minusSeconds(r.nextInt(86_400)))
              .deadline(NOW.plusSeconds(r.nextInt(3 * 86_400) - 3600))
              .language(r.nextInt(3) == 0 ? LANGS.get(r.nextInt(LANGS.size())) : "en");
      if (r.nextInt(3) == 0) {
        w.skills(SKILLS.get(r.nextInt(3)));
      }
      if (r.nextInt(10) == 0) {
        w.tier("gold");
      }
      WorkItem item = w.build();
      all.add(item);
      router.submit(item);
    }
    now = NOW;
    List<Assignment> first = router.assignAll(now);
    if (impl == Impl.NAIVE) {
      // the same starting state, recorded rather than replayed (replaying would take minutes)
      naive = new NaiveWorkRouter(CHANNELS);
      for (Agent a : router.agents()) {
        naive.addAgent(a);
      }
      for (WorkItem w : all) {
        naive.submit(w);
      }
      for (Assignment a : first) {
        naive.assignAs(a.item().id(), a.agentId());
      }
      naive.dropAssigned();
    }
    for (Assignment a : first) {
      inProgress.add(a.item().id());
    }
    List<WorkItem> waiting = router.waiting();
    waitingItems = waiting.toArray(new WorkItem[0]);
    retargets = new WorkItem[waitingItems.length];
    for (int i = 0; i < waitingItems.length; i++) {
      retargets[i] =
          waitingItems[i].withDeadline(
              java.util.Optional.of(NOW.plusSeconds(r.nextInt(3 * 86_400))));
    }
  }

  @Benchmark
  public Object decide() {
    String done = inProgress.poll();
    now = now.plusNanos(1000);
    if (impl == Impl.INDEXED) {
      WorkItem finished = router.remove(done).orElseThrow();
      Assignment a = router.next(now).orElse(null);
      if (a != null) {
        inProgress.add(a.item().id());
      }
      router.submit(finished.withDeadline(java.util.Optional.of(now.plus(Duration.ofDays(1)))));
      return a;
    }
    WorkItem finished = naive.complete(done);
    String id = naive.next(now);
    if (id != null) {
      inProgress.add(id);
    }
    naive.submit(finished.withDeadline(java.util.Optional.of(now.plus(Duration.ofDays(1)))));
    return id;
  }

  @Benchmark
  public Object reprioritise() {
    int i = cursor++ % waitingItems.length;
    WorkItem w = (cursor / waitingItems.length) % 2 == 0 ? retargets[i] : waitingItems[i];
    if (impl == Impl.INDEXED) {
      router.update(w);
    } else {
      naive.update(w);
    }
    return w;
  }

  /** The names, each once, in order. */
  private static String[] once(String... names) {
    return new java.util.LinkedHashSet<>(List.of(names)).toArray(String[]::new);
  }
}
