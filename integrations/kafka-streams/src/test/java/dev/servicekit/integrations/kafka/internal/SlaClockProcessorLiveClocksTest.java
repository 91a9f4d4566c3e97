package dev.servicekit.integrations.kafka.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.PriorityMatrix;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEventJson;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The live-clock cache of {@link SlaClockProcessor} seen from its task: at most its bound at every
 * step, least recently used out first, dropped when the task is closed and initialised again (a
 * rebalance: the stores may have been restored meanwhile), and never holding a clock the store does
 * not, even when a write fails half-way. Driven with Kafka's {@link MockProcessorContext} (the
 * processor unit-test harness,
 * https://kafka.apache.org/documentation/streams/developer-guide/testing.html), so the stores can
 * fail on demand.
 */
class SlaClockProcessorLiveClocksTest {

  static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  static final String CLOCKS = "clocks";
  static final String TIMERS = "timers";

  static final SlaPolicySet SET =
      SlaPolicySet.builder()
          .statuses("new", "open", "pending", "solved")
          .solvedStatuses("solved")
          .defaultPolicy(
              SlaPolicy.builder("standard")
                  .matrix(PriorityMatrix.constant("normal"))
                  .target("normal", SlaMetric.firstResponse(), Duration.ofHours(1))
                  .target("normal", SlaMetric.nextResponse(), Duration.ofHours(2))
                  .target("normal", SlaMetric.resolution(), Duration.ofHours(8))
                  .rule(MetricRule.builder(SlaMetric.firstResponse()).warnAt(50, 80).build())
                  .rule(
                      MetricRule.builder(SlaMetric.resolution())
                          .pauseOn("pending")
                          .warnAt(75)
                          .build())
                  .build())
          .build();

  /** A processor on a mock context, with in-memory stores whose puts can be made to fail. */
  static final class Task {
    final MockProcessorContext<String, Object> context = new MockProcessorContext<>();
    final KeyValueStore<String, byte[]> clocks;
    final KeyValueStore<Bytes, byte[]> timers;
    final SlaClockProcessor processor;
    String failPutOf; // the store whose next put throws, or null
    long streamTime = Long.MIN_VALUE;

    Task(int cache) {
      KeyValueStore<String, byte[]> c =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(CLOCKS), Serdes.String(), Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      KeyValueStore<Bytes, byte[]> t =
          Stores.keyValueStoreBuilder(
                  Stores.inMemoryKeyValueStore(TIMERS), Serdes.Bytes(), Serdes.ByteArray())
              .withLoggingDisabled()
              .build();
      c.init(context.getStateStoreContext(), c);
      t.init(context.getStateStoreContext(), t);
      clocks = failing(c, CLOCKS);
      timers = failing(t, TIMERS);
      context.addStateStore(clocks);
      context.addStateStore(timers);
      processor =
          new SlaClockProcessor(
              SET,
              Map.of(),
              new SlaClockProcessor.Nodes(
                  CLOCKS,
                  TIMERS,
                  SlaClockProcessor.TRANSITIONS,
                  SlaClockProcessor.RELEASED,
                  null,
                  "sla-clocks"),
              false,
              Duration.ZERO,
              Duration.ofMinutes(1),
              null,
              null,
              cache,
              null);
      processor.init(context);
    }

    @SuppressWarnings("unchecked")
    private <K> KeyValueStore<K, byte[]> failing(KeyValueStore<K, byte[]> store, String name) {
      return (KeyValueStore<K, byte[]>)
          Proxy.newProxyInstance(
              KeyValueStore.class.getClassLoader(),
              new Class<?>[] {KeyValueStore.class},
              (proxy, m, args) -> {
                if (m.getName().equals("put") && name.equals(failPutOf)) {
                  failPutOf = null;
                  throw new IllegalStateException("put to " + name + " failed (test)");
                }
                try {
                  return m.invoke(store, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }

    void process(TicketEvent e) {
      streamTime = Math.max(streamTime, e.at().toEpochMilli());
      context.setCurrentStreamTimeMs(streamTime);
      processor.process(
          new Record<>(
              e.ticketId(),
              TicketEventJson.write(e).getBytes(StandardCharsets.UTF_8),
              e.at().toEpochMilli()));
    }

    List<String> forwarded() {
      List<String> out = new ArrayList<>();
      context.forwarded().forEach(f -> out.add(f.record().key() + " " + f.record().value()));
      context.resetForwards();
      return out;
    }
  }

  static TicketEvent created(String t, Instant at) {
    return TicketEvent.Created.byCustomer(t, t + "-c", at, Map.of(), Set.of());
  }

  static TicketEvent message(String t, int k, Instant at) {
    return new TicketEvent.CustomerMessage(t, t + "-m" + k, at);
  }

  static TicketEvent reply(String t, int k, Instant at) {
    return TicketEvent.AgentReply.publicReply(t, t + "-r" + k, at);
  }

  @Test
  void theCacheHoldsAtMostItsBoundAtEveryStepAndEvictsTheLeastRecentlyUsed() {
    Task task = new Task(3);
    for (int i = 0; i < 10; i++) {
      task.process(created("T-" + i, T0.plusSeconds(i)));
      assertTrue(task.processor.liveClocks() <= 3, "after T-" + i);
    }
    for (int round = 0; round < 5; round++) {
      for (int i = 0; i < 10; i++) {
        task.process(message("T-" + i, round, T0.plusSeconds(60 + 10 * round + i)));
        assertTrue(task.processor.liveClocks() <= 3, "round " + round + ", T-" + i);
      }
    }
    assertEquals(3, task.processor.liveClocks());
    // Round-robin over 10 tickets with room for 3: every event after the first restores.
    assertEquals(50, task.processor.liveClockRestores());
    // T-7, T-8, T-9 were used last: no restore for them; T-0 was evicted: one.
    task.process(reply("T-9", 0, T0.plusSeconds(200)));
    task.process(reply("T-7", 0, T0.plusSeconds(201)));
    assertEquals(50, task.processor.liveClockRestores());
    task.process(reply("T-0", 0, T0.plusSeconds(202)));
    assertEquals(51, task.processor.liveClockRestores());
    assertEquals(3, task.processor.liveClocks());
  }

  /**
   * The cached clocks keep their stopped cycles' states (SlaClock.keepStoppedCycleStates), new ones
   * and those restored from the store after an eviction alike: they are read after every record
   * between other tickets' reads. The stored values are those of a processor without the cache.
   */
  @Test
  void cachedClocksKeepTheirStoppedCyclesStatesAndStoreTheSameBytes() {
    Task cached = new Task(2);
    Task plain = new Task(0);
    List<TicketEvent> events = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      events.add(created("T-" + i, T0.plusSeconds(i)));
    }
    for (int round = 0; round < 3; round++) { // three tickets, room for two: every one restored
      for (int i = 0; i < 3; i++) {
        Instant at = T0.plusSeconds(600 * (round + 1) + i);
        events.add(reply("T-" + i, round, at));
        events.add(message("T-" + i, round, at.plusSeconds(60)));
      }
    }
    for (TicketEvent e : events) {
      cached.process(e);
      plain.process(e);
      assertArrayEquals(
          plain.clocks.get(e.ticketId()), cached.clocks.get(e.ticketId()), e::toString);
      assertTrue(cached.processor.liveClock(e.ticketId()).keepsStoppedCycleStates(), e::toString);
    }
    assertTrue(cached.processor.liveClockRestores() > 0, "restored clocks were checked too");
  }

  @Test
  void withoutTheCacheNothingIsHeldOrCounted() {
    Task task = new Task(0);
    task.process(created("T-1", T0));
    task.process(message("T-1", 0, T0.plusSeconds(60)));
    assertEquals(0, task.processor.liveClocks());
    assertEquals(0, task.processor.liveClockRestores());
  }

  /**
   * A rebalance closes the task and initialises it again, possibly after its stores were restored
   * to other values (here: the ticket's value of two events ago): the cache is dropped on close,
   * and the next event is applied to the restored value, exactly as without a cache.
   */
  @Test
  void closeAndInitDropTheCacheAndTheRestoredStoreIsWhatCounts() {
    Task cached = new Task(8);
    Task plain = new Task(0);
    List<TicketEvent> events =
        List.of(
            created("T-1", T0),
            message("T-1", 1, T0.plusSeconds(600)),
            reply("T-1", 1, T0.plusSeconds(1200)),
            message("T-1", 2, T0.plusSeconds(1800)));
    byte[] afterFirst = null;
    for (TicketEvent e : events) {
      cached.process(e);
      plain.process(e);
      if (afterFirst == null) {
        afterFirst = plain.clocks.get("T-1").clone();
      }
    }
    assertEquals(1, cached.processor.liveClocks());
    cached.processor.close();
    assertEquals(0, cached.processor.liveClocks(), "dropped on close");
    // restored meanwhile to an older value (the same in both tasks)
    cached.clocks.put("T-1", afterFirst.clone());
    plain.clocks.put("T-1", afterFirst.clone());
    cached.processor.init(cached.context);
    assertEquals(0, cached.processor.liveClocks(), "empty after init");
    cached.forwarded();
    plain.forwarded();
    TicketEvent next = reply("T-1", 2, T0.plusSeconds(2400));
    cached.process(next);
    plain.process(next);
    assertEquals(plain.forwarded(), cached.forwarded());
    assertArrayEquals(plain.clocks.get("T-1"), cached.clocks.get("T-1"));
    assertEquals(1, cached.processor.liveClockRestores(), "restored from the store");
  }

  /**
   * A write that fails after the clock accepted the event (the clock store's put, or the timer
   * index's after it) leaves no cached clock: the next event is applied to what the store holds, as
   * it is without the cache, never to a clock ahead of the store.
   */
  @ParameterizedTest
  @ValueSource(strings = {CLOCKS, TIMERS})
  void aWriteThatFailsMidRecordLeavesNoCachedClock(String failing) {
    Task cached = new Task(8);
    Task plain = new Task(0);
    for (Task t : List.of(cached, plain)) {
      t.process(created("T-1", T0));
      t.process(message("T-1", 1, T0.plusSeconds(600)));
    }
    assertTrue(cached.processor.liveClocks() == 1);
    // Stream time moves past the first-response warning, so the timer index changes too.
    TicketEvent failed = reply("T-1", 1, T0.plus(Duration.ofMinutes(40)));
    for (Task t : List.of(cached, plain)) {
      t.failPutOf = failing;
      assertThrows(IllegalStateException.class, () -> t.process(failed));
      assertEquals(null, t.failPutOf, "the put was attempted");
    }
    assertEquals(0, cached.processor.liveClocks(), "the entry is gone");
    cached.forwarded();
    plain.forwarded();
    TicketEvent next = message("T-1", 2, T0.plus(Duration.ofMinutes(50)));
    cached.process(next);
    plain.process(next);
    assertEquals(plain.forwarded(), cached.forwarded());
    assertArrayEquals(plain.clocks.get("T-1"), cached.clocks.get("T-1"));
    assertEquals(1, cached.processor.liveClockRestores());
    assertFalse(plain.processor.liveClocks() > 0);
  }
}
