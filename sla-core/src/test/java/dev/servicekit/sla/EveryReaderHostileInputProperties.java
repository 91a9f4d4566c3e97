package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.BundledCalendars;
import dev.servicekit.sla.holidays.ProductionCalendarCsv;
import dev.servicekit.sla.holidays.ProductionCalendarJson;
import dev.servicekit.sla.holidays.ProductionCalendarXml;
import dev.servicekit.sla.imports.JiraChangelog;
import dev.servicekit.sla.imports.ServiceNowAudit;
import dev.servicekit.sla.imports.ZammadHistory;
import dev.servicekit.sla.imports.ZendeskAudits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Every public reader of sla-core under hostile input: valid documents truncated, with a character
 * or byte changed, with garbage inserted (huge strings, deep nesting, huge numbers, control, line
 * and paragraph separators, byte order marks, lone surrogates, bare CRs), and stream readers fed
 * the same text in other encodings (UTF-16, Latin-1, broken UTF-8). The only outcomes allowed are a
 * value or an {@link IllegalArgumentException} (never an internal subclass) whose message is
 * bounded and names where the problem is. Inputs stay small (a few KiB, one 70 Ki string), so a
 * hang or an allocation out of proportion would show as a stalled or failing build.
 *
 * <p>The JSON configuration readers' own properties ({@link JsonReadersHostileInputProperties})
 * cover their text entry; this class adds their stream entry, and every other reader.
 */
class EveryReaderHostileInputProperties {

  /** The longest message any reader may throw (each reader's documented bound is at most this). */
  static final int MAX_MESSAGE = 500;

  /**
   * The one layout of a JSON error: what is wrong, then {@code (at $.path, line L, column C)} (or
   * {@code byte B} for a stream that is not UTF-8).
   */
  private static final Pattern LINE_AND_COLUMN =
      Pattern.compile("(?s).+ \\(at \\$.*, line \\d+, (column|byte) \\d+\\)");

  static final List<String> GARBAGE =
      List.of(
          "1e999999999",
          "-1e-2147483648",
          "99999999999999999999999",
          "\\u0000",
          "\\ud800",
          "\u0000",
          "\r",
          "\r\n",
          "\u2028",
          "\uFEFF",
          "\uD800",
          "\uDC00x",
          "é",
          "]",
          "}",
          "{",
          "[",
          "\"",
          ",",
          ":",
          "<",
          ">",
          "&",
          "<!DOCTYPE x [<!ENTITY e \"e\">]>",
          "&e;",
          "null",
          "x".repeat(70_000),
          "\"" + "y".repeat(70_000) + "\"",
          "[".repeat(40),
          "{\"a\":".repeat(40));

  // ---- the checks ----

  /** The value, or null after checking that the rejection is the documented one. */
  static <T> T read(Pattern location, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (IllegalArgumentException e) {
      assertEquals(
          IllegalArgumentException.class,
          e.getClass(),
          "only the public exception type reaches callers");
      String m = e.getMessage();
      assertNotNull(m);
      assertTrue(
          m.length() <= MAX_MESSAGE,
          () -> m.length() + " chars: " + m.substring(0, Math.min(200, m.length())));
      assertTrue(location.matcher(m).matches(), () -> "no location in: " + m);
      assertFalse(
          m.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0 || c == 0x2028),
          () -> "a line break or NUL in: " + m);
      return null;
    }
  }

  // ---- event JSON and JSON Lines ----

  @Property(tries = 300)
  void eventJson(@ForAll("events") String json) {
    TicketEvent e = read(LINE_AND_COLUMN, () -> TicketEventJson.read(json));
    if (e != null) {
      assertEquals(e, TicketEventJson.read(TicketEventJson.write(e)));
    }
  }

  @Property(tries = 200)
  void eventJsonLines(@ForAll("eventLines") String text) {
    TicketEventJson.LineReader r = TicketEventJson.reader(new StringReader(text));
    // a consumer that skips bad lines: every line is one value or one located error, and the
    // reader always gets past it (at most one error per line, so this ends)
    int errors = 0;
    while (true) {
      long before = r.lineNumber();
      Boolean more = read(LINE_AND_COLUMN, r::hasNext);
      if (more == null) {
        errors++;
        assertTrue(r.lineNumber() > before, "an error moves past its line");
        continue;
      }
      if (!more) {
        break;
      }
      assertNotNull(r.next());
    }
    assertTrue(errors <= r.lineNumber());
  }

  @Property(tries = 200)
  void inputJsonLines(@ForAll("inputLines") String text) {
    // the same lines through the reader of events and corrections: one value or one located
    // error per line, and always past it
    TicketEventJson.InputLineReader r = TicketEventJson.inputReader(new StringReader(text));
    int errors = 0;
    while (true) {
      long before = r.lineNumber();
      Boolean more = read(LINE_AND_COLUMN, r::hasNext);
      if (more == null) {
        errors++;
        assertTrue(r.lineNumber() > before, "an error moves past its line");
        continue;
      }
      if (!more) {
        break;
      }
      assertNotNull(r.next());
    }
    assertTrue(errors <= r.lineNumber());
  }

  // ---- clock checkpoints ----

  @Property(tries = 300)
  void clockSnapshotJson(@ForAll("snapshotJson") String json) {
    SlaClock c = read(LINE_AND_COLUMN, () -> SlaClockSnapshot.fromJson(json, id -> clock(id)));
    if (c != null) {
      assertEquals(
          c.events(),
          SlaClockSnapshot.fromJson(SlaClockSnapshot.toJson(c), id -> clock(id)).events());
    }
  }

  @Property(tries = 300)
  void clockSnapshotBytes(@ForAll("snapshotBytes") byte[] bytes) {
    // binary errors name the field being decoded ("event 3 ...", "ticketId ...") or the check
    SlaClock c = read(ANY_NONEMPTY, () -> SlaClockSnapshot.fromBytes(bytes, id -> clock(id)));
    if (c != null) {
      assertEquals(
          c.events(),
          SlaClockSnapshot.fromBytes(SlaClockSnapshot.toBytes(c), id -> clock(id)).events());
    }
  }

  @Property(tries = 300)
  void clockSnapshotEventsJson(@ForAll("snapshotJson") String json) {
    // the events reader refuses what a restore refuses, but for events the set rejects
    List<TicketEvent> events = read(LINE_AND_COLUMN, () -> SlaClockSnapshot.eventsFromJson(json));
    SlaClock c = read(LINE_AND_COLUMN, () -> SlaClockSnapshot.fromJson(json, id -> clock(id)));
    if (c != null) {
      assertEquals(c.events(), events);
    }
  }

  @Property(tries = 300)
  void clockSnapshotEventsBytes(@ForAll("snapshotBytes") byte[] bytes) {
    List<TicketEvent> events = read(ANY_NONEMPTY, () -> SlaClockSnapshot.eventsFromBytes(bytes));
    SlaClock c = read(ANY_NONEMPTY, () -> SlaClockSnapshot.fromBytes(bytes, id -> clock(id)));
    if (c != null) {
      assertEquals(c.events(), events);
    }
  }

  private static final Pattern ANY_NONEMPTY = Pattern.compile("(?s).+");

  // ---- transitions ----

  @Property(tries = 300)
  void transitionJson(@ForAll("transitions") String json) {
    SlaTransition t = read(LINE_AND_COLUMN, () -> SlaTransition.fromJson(json));
    if (t != null) {
      assertEquals(t, SlaTransition.fromJson(t.toJson()));
    }
  }

  // ---- production calendars: CSV, XML, and the JSON readers' stream entry ----

  @Property(tries = 200)
  void productionCalendarCsv(@ForAll("csv") String csv) {
    read(CSV_LOCATION, () -> ProductionCalendarCsv.read(csv, "RU"));
  }

  /** The CSV reader names a line, with a column where a cell is at fault. */
  private static final Pattern CSV_LOCATION = Pattern.compile("(?s).*\\(line \\d+.*");

  @Property(tries = 200)
  void productionCalendarXml(@ForAll("xml") byte[] xml) {
    read(XML_LOCATION, () -> ProductionCalendarXml.read(new ByteArrayInputStream(xml)));
  }

  private static final Pattern XML_LOCATION = Pattern.compile("(?s).*line \\d+, column \\d+.*");

  @Property(tries = 200)
  void jsonConfigurationStreams(@ForAll("configStreams") byte[] json) {
    read(LINE_AND_COLUMN, () -> CalendarJson.read(new ByteArrayInputStream(json)));
    read(LINE_AND_COLUMN, () -> SlaPolicyJson.read(new ByteArrayInputStream(json)));
    read(LINE_AND_COLUMN, () -> ProductionCalendarJson.read(new ByteArrayInputStream(json)));
  }

  // ---- helpdesk exports ----

  @Property(tries = 200)
  void zendeskAudits(@ForAll("zendesk") byte[] json) {
    read(LINE_AND_COLUMN, () -> ZendeskAudits.read(new ByteArrayInputStream(json)));
    read(LINE_AND_COLUMN, () -> ZendeskAudits.read(utf8(json)));
  }

  @Property(tries = 200)
  void jiraChangelog(@ForAll("jira") byte[] json) {
    read(LINE_AND_COLUMN, () -> JiraChangelog.read(new ByteArrayInputStream(json)));
    read(LINE_AND_COLUMN, () -> JiraChangelog.read(utf8(json)));
  }

  @Property(tries = 200)
  void zammadHistory(@ForAll("zammad") byte[] json) {
    read(LINE_AND_COLUMN, () -> ZammadHistory.read(new ByteArrayInputStream(json)));
    read(LINE_AND_COLUMN, () -> ZammadHistory.read(utf8(json)));
  }

  @Property(tries = 200)
  void serviceNowAudit(@ForAll("serviceNow") byte[] json) {
    read(LINE_AND_COLUMN, () -> ServiceNowAudit.read(new ByteArrayInputStream(json)));
    read(LINE_AND_COLUMN, () -> ServiceNowAudit.read(utf8(json)));
  }

  // ---- small text parsers: no location beyond the value itself, which they quote ----

  @Property(tries = 300)
  void smallParsers(@ForAll("small") String text) {
    read(ANY_NONEMPTY, () -> TimeRange.parse(text));
    read(ANY_NONEMPTY, () -> SlaMetric.parse(text));
    read(ANY_NONEMPTY, () -> MetricTrigger.parseOn(text));
  }

  // ---- seeds ----

  private static SlaClock clock(String id) {
    return Fixtures.clock(Fixtures.tiered(), id);
  }

  private static SlaClock sampleClock() {
    SlaClockProperties.History h = SlaClockProperties.history(7, 12);
    SlaClock c = Fixtures.clock(h.set(), "T");
    h.events().forEach(c::accept);
    return c;
  }

  @Provide
  Arbitrary<String> events() {
    return mutations(RandomEvents.events().map(TicketEventJson::write));
  }

  @Provide
  Arbitrary<String> inputLines() {
    return mutations(
        RandomEvents.events()
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .map(
                l -> {
                  StringBuilder b = new StringBuilder();
                  for (int i = 0; i < l.size(); i++) {
                    TicketEvent e = l.get(i);
                    b.append(TicketEventJson.write(e)).append('\n');
                    if (i % 3 == 1) {
                      b.append(TicketEventJson.write(EventCorrection.retract(e.ticketId(), e.id())))
                          .append('\n');
                    } else if (i % 3 == 2) {
                      b.append(TicketEventJson.write(EventCorrection.replace(e))).append('\n');
                    }
                  }
                  return b.toString();
                }));
  }

  @Provide
  Arbitrary<String> eventLines() {
    return mutations(
        RandomEvents.events()
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .map(
                l -> {
                  StringBuilder b = new StringBuilder();
                  l.forEach(e -> b.append(TicketEventJson.write(e)).append('\n'));
                  return b.toString();
                }));
  }

  @Provide
  Arbitrary<String> snapshotJson() {
    return mutations(Arbitraries.just(SlaClockSnapshot.toJson(sampleClock())));
  }

  @Provide
  Arbitrary<byte[]> snapshotBytes() {
    byte[] seed = SlaClockSnapshot.toBytes(sampleClock());
    // as mutated (the checksum rejects nearly all) and resealed, so decoding reaches the fields
    return Arbitraries.oneOf(
        byteMutations(Arbitraries.just(seed)),
        byteMutations(Arbitraries.just(seed)).map(b -> reseal(b)));
  }

  @Provide
  Arbitrary<String> transitions() {
    SlaClockProperties.History h = SlaClockProperties.history(11, 10);
    SlaEvaluation e = Fixtures.eval(h.set(), h.events(), h.last().plus(Duration.ofDays(3)));
    List<String> seeds = new ArrayList<>();
    for (SlaTransition t : SlaTransition.from(e)) {
      seeds.add(t.toJson());
    }
    return mutations(Arbitraries.of(seeds));
  }

  @Provide
  Arbitrary<String> csv() {
    return mutations(
        Arbitraries.just(ProductionCalendarCsv.write(BundledCalendars.russia(2024, 2025))));
  }

  @Provide
  Arbitrary<byte[]> xml() {
    return encodings(
        mutations(Arbitraries.just(ProductionCalendarXml.write(BundledCalendars.russia(2025)))));
  }

  @Provide
  Arbitrary<byte[]> configStreams() throws IOException {
    return encodings(
        mutations(
            Arbitraries.of(
                resource("tiered-policy.json"),
                ProductionCalendarJson.write(BundledCalendars.russia(2025)),
                "{\"id\":\"support-eu\",\"zone\":\"Europe/Berlin\",\"week\":{\"MONDAY\":"
                    + "[\"09:00-13:00\",\"14:00-18:00\"]},\"holidays\":[\"2026-12-25\"]}")));
  }

  @Provide
  Arbitrary<byte[]> zendesk() throws IOException {
    return encodings(
        mutations(Arbitraries.just(importResource("zendesk-audits-ticket-4711.json"))));
  }

  @Provide
  Arbitrary<byte[]> jira() throws IOException {
    return encodings(mutations(Arbitraries.just(importResource("jira-issue-SD-12.json"))));
  }

  @Provide
  Arbitrary<byte[]> zammad() throws IOException {
    return encodings(mutations(Arbitraries.just(importResource("zammad-ticket-31.json"))));
  }

  @Provide
  Arbitrary<byte[]> serviceNow() throws IOException {
    return encodings(
        mutations(Arbitraries.just(importResource("servicenow-incident-INC0010031.json"))));
  }

  @Provide
  Arbitrary<String> small() {
    return mutations(
        Arbitraries.of(
            "09:00-17:00",
            "22:00-06:00",
            "00:00-24:00",
            "first_response",
            "next_reply",
            "stage:triage",
            "status_entered",
            "tag_added",
            "custom:x"));
  }

  // ---- mutation operators ----

  static Arbitrary<String> mutations(Arbitrary<String> seeds) {
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    Arbitrary<String> truncated =
        Combinators.combine(seeds, at).as((s, f) -> s.substring(0, (int) (f * s.length())));
    Arbitrary<String> flipped =
        Combinators.combine(seeds, at, Arbitraries.chars())
            .as(
                (s, f, c) -> {
                  if (s.isEmpty()) {
                    return String.valueOf(c);
                  }
                  int i = Math.min(s.length() - 1, (int) (f * s.length()));
                  return s.substring(0, i) + c + s.substring(i + 1);
                });
    Arbitrary<String> inserted =
        Combinators.combine(seeds, at, Arbitraries.of(GARBAGE))
            .as(
                (s, f, g) -> {
                  int i = (int) (f * s.length());
                  return s.substring(0, i) + g + s.substring(i);
                });
    Arbitrary<String> twice =
        Combinators.combine(seeds, at, at)
            .as(
                (s, f, g) -> {
                  // a slice of the document repeated: duplicate keys, elements and lines
                  int i = (int) (f * s.length());
                  int j = i + (int) (g * (s.length() - i));
                  return s.substring(0, j) + s.substring(i);
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, truncated),
        net.jqwik.api.Tuple.of(3, flipped),
        net.jqwik.api.Tuple.of(4, inserted),
        net.jqwik.api.Tuple.of(1, twice),
        net.jqwik.api.Tuple.of(1, seeds));
  }

  /** The text as UTF-8 (most often), or another encoding, a BOM, or with a broken byte. */
  static Arbitrary<byte[]> encodings(Arbitrary<String> texts) {
    Arbitrary<Charset> charsets =
        Arbitraries.of(
            StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE,
            StandardCharsets.UTF_16,
            StandardCharsets.ISO_8859_1,
            Charset.forName("UTF-32"));
    Arbitrary<byte[]> utf8 = texts.map(t -> t.getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> other = Combinators.combine(texts, charsets).as((t, c) -> t.getBytes(c));
    Arbitrary<byte[]> bom = texts.map(t -> ("\uFEFF" + t).getBytes(StandardCharsets.UTF_8));
    Arbitrary<byte[]> broken =
        Combinators.combine(
                texts,
                Arbitraries.doubles().between(0, 1),
                Arbitraries.of(
                    new byte[] {(byte) 0xFF},
                    new byte[] {(byte) 0xC0, (byte) 0x80}, // overlong NUL
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // CESU-8 lone surrogate
                    new byte[] {(byte) 0xE2, (byte) 0x82}, // cut sequence
                    new byte[] {0, 0, 0}))
            .as(
                (t, f, junk) -> {
                  byte[] b = t.getBytes(StandardCharsets.UTF_8);
                  int i = (int) (f * b.length);
                  byte[] out = new byte[b.length + junk.length];
                  System.arraycopy(b, 0, out, 0, i);
                  System.arraycopy(junk, 0, out, i, junk.length);
                  System.arraycopy(b, i, out, i + junk.length, b.length - i);
                  return out;
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, utf8),
        net.jqwik.api.Tuple.of(1, other),
        net.jqwik.api.Tuple.of(1, bom),
        net.jqwik.api.Tuple.of(2, broken));
  }

  static Arbitrary<byte[]> byteMutations(Arbitrary<byte[]> seeds) {
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    Arbitrary<byte[]> truncated =
        Combinators.combine(seeds, at).as((b, f) -> Arrays.copyOf(b, (int) (f * b.length)));
    Arbitrary<byte[]> flipped =
        Combinators.combine(seeds, at, Arbitraries.integers().between(0, 7))
            .as(
                (b, f, bit) -> {
                  byte[] out = b.clone();
                  int i = Math.min(b.length - 1, (int) (f * b.length));
                  out[i] ^= (byte) (1 << bit);
                  return out;
                });
    Arbitrary<byte[]> set =
        Combinators.combine(
                seeds, at, Arbitraries.of((byte) 0xFF, (byte) 0x80, (byte) 0x7F, (byte) 0))
            .as(
                (b, f, v) -> {
                  byte[] out = b.clone();
                  int i = Math.min(b.length - 1, (int) (f * b.length));
                  out[i] = v;
                  return out;
                });
    Arbitrary<byte[]> inserted =
        Combinators.combine(seeds, at, Arbitraries.bytes().array(byte[].class).ofMaxSize(12))
            .as(
                (b, f, junk) -> {
                  int i = (int) (f * b.length);
                  byte[] out = new byte[b.length + junk.length];
                  System.arraycopy(b, 0, out, 0, i);
                  System.arraycopy(junk, 0, out, i, junk.length);
                  System.arraycopy(b, i, out, i + junk.length, b.length - i);
                  return out;
                });
    return Arbitraries.oneOf(truncated, flipped, set, inserted);
  }

  /** {@code b} with its last four bytes replaced by the CRC32C (big-endian) of the rest. */
  static byte[] reseal(byte[] b) {
    if (b.length < 4) {
      return b;
    }
    byte[] out = b.clone();
    CRC32C crc = new CRC32C();
    crc.update(out, 0, out.length - 4);
    int c = (int) crc.getValue();
    for (int k = 0; k < 4; k++) {
      out[out.length - 4 + k] = (byte) (c >>> (24 - 8 * k));
    }
    return out;
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = EveryReaderHostileInputProperties.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String importResource(String name) throws IOException {
    try (InputStream in =
        EveryReaderHostileInputProperties.class.getResourceAsStream("/imports/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
