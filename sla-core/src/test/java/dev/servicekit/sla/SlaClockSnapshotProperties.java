package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Laws of SLA clock checkpoints over random histories with late and duplicate events. */
class SlaClockSnapshotProperties {

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return Combinators.combine(
            Arbitraries.longs(), Arbitraries.integers().between(0, 40), Arbitraries.longs())
        .as(
            (seed, size, defs) -> {
              SlaClockProperties.History h = SlaClockProperties.history(seed, size);
              // every other one under a set with metric definitions: they live in the set, and the
              // snapshot (the event log) is unchanged
              return defs % 2 == 0 ? h : h.withDefinitions(new java.util.Random(defs));
            });
  }

  /** The arrival order: shuffled, with a few events delivered twice. */
  private static List<TicketEvent> arrival(List<TicketEvent> events, long seed) {
    Random r = new Random(seed);
    List<TicketEvent> out = new ArrayList<>(events);
    for (int i = 0; i < 3; i++) {
      out.add(events.get(r.nextInt(events.size())));
    }
    Collections.shuffle(out, r);
    return out;
  }

  @Property(tries = 200)
  void prefixSnapshotRestoreSuffixEqualsEverything(
      @ForAll("histories") SlaClockProperties.History h,
      @ForAll long shuffleSeed,
      @ForAll @IntRange(min = 0, max = 100) int splitPercent,
      @ForAll boolean json,
      @ForAll boolean readBeforeSnapshot) {
    SlaPolicySet set = h.set();
    List<TicketEvent> arrival = arrival(h.events(), shuffleSeed);
    int split = arrival.size() * splitPercent / 100;
    Instant now = h.last().plus(Duration.ofHours(2));

    SlaClock whole = Fixtures.clock(set, "T");
    arrival.forEach(whole::accept);

    SlaClock first = Fixtures.clock(set, "T");
    arrival.subList(0, split).forEach(first::accept);
    if (readBeforeSnapshot
        && first.events().stream().anyMatch(e -> e instanceof TicketEvent.Created)) {
      first.evaluate(now); // a read in between derives state that the checkpoint does not keep
    }
    SlaClock restored =
        json
            ? SlaClockSnapshot.fromJson(
                SlaClockSnapshot.toJson(first), id -> Fixtures.clock(set, id))
            : SlaClockSnapshot.fromBytes(
                SlaClockSnapshot.toBytes(first), id -> Fixtures.clock(set, id));
    assertEquals(first.events(), restored.events());
    arrival.subList(split, arrival.size()).forEach(restored::accept);

    assertEquals(whole.events(), restored.events());
    assertEquals(whole.evaluate(now), restored.evaluate(now));
    assertEquals(whole.nextTransition(now), restored.nextTransition(now));
  }

  @Property(tries = 100)
  void everySingleBitFlipIsRejected(
      @ForAll("histories") SlaClockProperties.History h, @ForAll long bitSeed) {
    SlaClock clock = Fixtures.clock(h.set(), "T");
    h.events().forEach(clock::accept);
    byte[] good = SlaClockSnapshot.toBytes(clock);
    byte[] bad = good.clone();
    int bit = new Random(bitSeed).nextInt(good.length * 8);
    bad[bit / 8] ^= (byte) (1 << (bit % 8));
    assertThrows(
        IllegalArgumentException.class,
        () -> SlaClockSnapshot.fromBytes(bad, id -> Fixtures.clock(h.set(), id)));
  }

  @Property(tries = 100)
  void everyTruncationIsRejected(
      @ForAll("histories") SlaClockProperties.History h, @ForAll long cutSeed) {
    SlaClock clock = Fixtures.clock(h.set(), "T");
    h.events().forEach(clock::accept);
    byte[] good = SlaClockSnapshot.toBytes(clock);
    byte[] cut = java.util.Arrays.copyOf(good, new Random(cutSeed).nextInt(good.length));
    assertThrows(
        IllegalArgumentException.class,
        () -> SlaClockSnapshot.fromBytes(cut, id -> Fixtures.clock(h.set(), id)));
  }

  /**
   * The events read without a policy set are the restored clock's, in its order, whatever order the
   * checkpoint lists them in: any order in a JSON checkpoint (edited and resealed), and in a binary
   * one any order within a second (its steps of seconds cannot go back).
   */
  @Property(tries = 100)
  void eventsReadWithoutASetAreARestoredClocksWhateverOrderTheCheckpointListsThem(
      @ForAll("histories") SlaClockProperties.History h, @ForAll long shuffleSeed)
      throws Exception {
    SlaPolicySet set = h.set();
    SlaClock clock = Fixtures.clock(set, "T");
    h.events().forEach(clock::accept);
    List<TicketEvent> kept = clock.events();
    Random r = new Random(shuffleSeed);

    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(SlaClockSnapshot.toJson(clock));
    List<TicketEvent> listed = new ArrayList<>(kept);
    Collections.shuffle(listed, r);
    ArrayNode events = root.putArray("events");
    CRC32C crc = new CRC32C();
    for (TicketEvent e : listed) {
      String line = TicketEventJson.write(e);
      events.add(mapper.readTree(line));
      crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
    }
    root.put("crc32c", HexFormat.of().toHexDigits((int) crc.getValue()));
    String json = mapper.writeValueAsString(root);
    assertEquals(kept, SlaClockSnapshot.eventsFromJson(json));
    assertEquals(kept, SlaClockSnapshot.fromJson(json, id -> Fixtures.clock(set, id)).events());

    List<TicketEvent> bySecond = new ArrayList<>(kept);
    for (int from = 0; from < bySecond.size(); ) {
      long sec = bySecond.get(from).at().getEpochSecond();
      int to = from + 1;
      while (to < bySecond.size() && bySecond.get(to).at().getEpochSecond() == sec) {
        to++;
      }
      Collections.shuffle(bySecond.subList(from, to), r);
      from = to;
    }
    byte[] bytes = SlaClockSnapshot.toBytes("T", bySecond);
    assertEquals(kept, SlaClockSnapshot.eventsFromBytes(bytes));
    assertEquals(kept, SlaClockSnapshot.fromBytes(bytes, id -> Fixtures.clock(set, id)).events());
  }
}
