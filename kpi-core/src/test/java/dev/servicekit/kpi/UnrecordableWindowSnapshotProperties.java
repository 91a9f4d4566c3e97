package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.internal.Binary;
import dev.servicekit.kpi.internal.SnapshotFrame;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A snapshot's window is restored only if {@link WindowedKpi#record} could have filled it: its
 * window holds an event time in {@code [SUPPORTED_START, SUPPORTED_END)}. Both readers took any
 * window boundary, so an edited checkpoint restored a window of the year 2999, which no watermark
 * (held below {@code SUPPORTED_END}) ever closes: it stayed in the table, unevicted, for good. The
 * oracle: the recordable windows are those from the window holding the first supported instant to
 * the one holding the last.
 */
class UnrecordableWindowSnapshotProperties {

  @Provide
  Arbitrary<WindowSpec> specs() {
    return net.jqwik.api.Combinators.combine(
            Arbitraries.of(WindowUnit.values()),
            Arbitraries.of(
                "UTC",
                "Pacific/Kiritimati",
                "Pacific/Pago_Pago",
                "America/New_York",
                "Asia/Kolkata"))
        .as((u, z) -> WindowSpec.of(u, ZoneId.of(z)));
  }

  /** A window boundary near the first or last supported instant, or far beyond either. */
  @Provide
  Arbitrary<Instant> near() {
    Arbitrary<Instant> edges =
        Arbitraries.of(WindowedKpi.SUPPORTED_START, WindowedKpi.SUPPORTED_END)
            .flatMap(
                e ->
                    Arbitraries.longs()
                        .between(-100, 100)
                        .map(h -> e.plus(h * 7, ChronoUnit.HOURS)));
    Arbitrary<Instant> far =
        Arbitraries.of(
            Instant.parse("2999-03-04T10:00:00Z"),
            Instant.parse("1000-01-01T00:00:00Z"),
            Instant.parse("2026-03-04T10:00:00Z"));
    return Arbitraries.oneOf(edges, far);
  }

  @Property(tries = 400)
  void aWindowIsRestoredExactlyWhenARecordCouldHaveFilledIt(
      @ForAll("specs") WindowSpec spec, @ForAll("near") Instant time) {
    Instant start = spec.start(time);
    Instant first = spec.start(WindowedKpi.SUPPORTED_START);
    Instant last = spec.start(WindowedKpi.SUPPORTED_END.minusMillis(1));
    boolean recordable = !start.isBefore(first) && !start.isAfter(last);

    byte[] bytes = binaryWithWindow(spec, start);
    String json = jsonWithWindow(spec, start);
    if (recordable) {
      WindowedKpi<String, NpsAccumulator> b =
          WindowedKpi.fromBytes(bytes, NpsAccumulator::create, NpsAccumulator.class, s -> s);
      WindowedKpi<String, NpsAccumulator> j =
          WindowedKpi.fromJson(json, NpsAccumulator::create, NpsAccumulator.class, s -> s);
      assertEquals(1, b.window("g", start).orElseThrow().result().responses());
      assertEquals(
          b.window("g", start).orElseThrow().result(), j.window("g", start).orElseThrow().result());
      return;
    }
    String m =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    WindowedKpi.fromBytes(
                        bytes, NpsAccumulator::create, NpsAccumulator.class, s -> s))
            .getMessage();
    assertTrue(
        m.startsWith("groups[0].windows[0].start " + start + " is the start of a window holding"),
        m);
    String jm =
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    WindowedKpi.fromJson(
                        json, NpsAccumulator::create, NpsAccumulator.class, s -> s))
            .getMessage();
    assertTrue(jm.startsWith("start " + start + " is the start of a window holding"), jm);
    assertTrue(jm.contains("(at $.groups[0].windows[0].start, line 1, column "), jm);
  }

  private static NpsAccumulator one() {
    NpsAccumulator a = NpsAccumulator.create();
    a.add(9);
    return a;
  }

  /** A table of one group with one window at {@code start}, as the binary writer lays it out. */
  private static byte[] binaryWithWindow(WindowSpec spec, Instant start) {
    Binary.Writer w = SnapshotFrame.begin(WindowedKpi.WINDOWS_KIND);
    w.writeByte(spec.unit().ordinal());
    w.writeString(spec.zone().getId());
    w.writeByte(spec.firstDayOfWeek().ordinal());
    w.writeLong(0); // lateness
    w.writeLong(Long.MIN_VALUE); // no watermark
    w.writeLong(0); // dropped late
    w.writeLong(1); // one group
    w.writeString("g");
    w.writeBlock(one().toBytes());
    w.writeLong(1); // one window
    w.writeLong(start.toEpochMilli());
    w.writeBlock(one().toBytes());
    return SnapshotFrame.finish(w);
  }

  /** The same table in JSON: a recorded table's window start edited, the checksum recomputed. */
  private static String jsonWithWindow(WindowSpec spec, Instant start) {
    WindowedKpi<String, NpsAccumulator> kpi =
        WindowedKpi.create(NpsAccumulator::create, spec, Duration.ZERO);
    Instant at = Instant.parse("2026-03-04T10:15:00Z");
    kpi.recordInt("g", at, NpsAccumulator::add, 9);
    String own = "\"" + spec.start(at) + "\"";
    String json = kpi.toJson(s -> s);
    assertTrue(json.contains(own), json);
    return Resealed.json(json.replace(own, "\"" + start + "\""));
  }
}
