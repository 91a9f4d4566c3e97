package dev.servicekit.sla;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.JsonInput;
import dev.servicekit.sla.internal.SnapshotBytes;
import dev.servicekit.sla.internal.clock.PackedEvents;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Checkpoints of an {@link SlaClock}: its state to versioned binary or JSON and back.
 *
 * <p><b>What is stored, and why.</b> A clock's state is its event log (every distinct accepted
 * event, including those buffered before the {@code Created} event); everything else the clock
 * holds (cycle states, targets, the id index) is derived from the log and the policy set. The log
 * is needed whole: an event that arrives late may belong before any earlier one and re-derive the
 * ticket from its start. The derived state is not stored: it is rebuilt by one replay of the log on
 * the first read after {@link #fromBytes restoring} (the cost of one {@link
 * SlaClock#evaluate(Instant)}, {@code O(events)}), never more than once, and a checkpoint restored
 * under a corrected policy set is then measured by the corrected rules. The policy set and
 * calendars are configuration, not state: pass them on restore.
 *
 * <p><b>Binary format, version {@value #VERSION}.</b> Bytes {@code 'S' 'K'}, the kind byte {@value
 * #KIND} (SLA clock), the version byte; then the ticket id, the event count and the events in
 * {@link TicketEvent#ORDER}: per event a tag byte (kind and boolean components; on a {@code
 * Created} event of version 2, bit {@code 0x20} says an initial status follows its tags; kinds 12
 * and 13, the clears, need version 3), the id as a prefix shared with the previous id plus the
 * rest, the seconds since the previous event (plus nanoseconds when not zero), and the kind's
 * components, with repeated strings (statuses, attribute keys and values) written once and referred
 * to by number; integers are LEB128 varints, strings UTF-8. The last four bytes are the CRC32C of
 * everything before them. A typical 20-event ticket takes 170-240 bytes (173 for {@code
 * CheckpointSizes}' ticket, 235.5 on average for the clock benchmark's; see {@code
 * benchmarks/RESULTS.md}).
 *
 * <p><b>JSON format, version {@value #VERSION}.</b> {@code {"format":"servicekit.sla-clock", "v":1,
 * "ticketId":..., "events":[...], "crc32c":"8 hex digits"}}, the events in their {@link
 * TicketEventJson} form and the checksum the CRC32C of the events' canonical JSON Lines (so a
 * pretty-printed checkpoint still verifies, an edited value does not).
 *
 * <p>Reading rejects, with an {@link IllegalArgumentException}: a truncated or corrupted checkpoint
 * (checksum mismatch), another kind ({@code "expected an SLA clock snapshot (kind 83), found kind
 * 1"}: a kpi-core rating snapshot), another version, and an event the policy set rejects (an
 * unknown status). Nothing is restored partially. {@link #eventsFromBytes(byte[])} and {@link
 * #eventsFromJson(String)} read a checkpoint's events without a policy set, to carry it across a
 * change of the set that rejects some of them.
 *
 * <p><b>Writing after every event.</b> From the second {@link #toBytes(SlaClock)} of a clock on,
 * the clock keeps its encoded events, and a checkpoint encodes only the events accepted since the
 * last one, as long as they came in order: see {@link #toBytes(SlaClock)} for the cost and the
 * memory. The bytes are those of an encoding from scratch.
 *
 * <p>Stateless; safe for concurrent use on distinct clocks ({@link #toBytes(SlaClock)} updates the
 * state its clock keeps for it, so it must not run concurrently with another call on that clock).
 */
public final class SlaClockSnapshot {

  /**
   * The kind byte of an SLA clock snapshot: {@code 'S'} (83), outside the kinds of kpi-core's and
   * qa-core's snapshots, which share the frame, so that no module's reader takes another's snapshot
   * for its own. (Checkpoints written before 0.1.0 used kind 1, which is kpi-core's rating
   * accumulator: they are not read, and are reported as a kpi-core snapshot.)
   */
  public static final int KIND = 'S';

  /**
   * The newest format version, read and written. Version 2 adds the initial status of a {@code
   * Created} event, version 3 the kinds {@code AttributeCleared} (kind 12, its key) and {@code
   * PriorityCleared} (kind 13, no component); a checkpoint is written in the lowest version that
   * expresses it (3 if it holds a clear, else 2 if a {@code Created} event names its status, else
   * 1), and versions 1 to 3 are read, so checkpoints written before the clears restore unchanged.
   */
  public static final int VERSION = 3;

  /** The version of a {@code Created} event's initial status. */
  private static final int STATUS_VERSION = 2;

  /** The version of the kinds {@code AttributeCleared} and {@code PriorityCleared}. */
  private static final int CLEAR_VERSION = 3;

  /** The {@code "format"} value of the JSON form. */
  public static final String JSON_FORMAT = "servicekit.sla-clock";

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  // kind numbers in the binary form; the order is part of the format
  private static final List<Class<? extends TicketEvent>> KINDS =
      List.of(
          TicketEvent.Created.class,
          TicketEvent.CustomerMessage.class,
          TicketEvent.AgentReply.class,
          TicketEvent.StatusChanged.class,
          TicketEvent.PriorityChanged.class,
          TicketEvent.AttributeChanged.class,
          TicketEvent.TagsChanged.class,
          TicketEvent.Assigned.class,
          TicketEvent.Escalated.class,
          TicketEvent.CallOffered.class,
          TicketEvent.CallAnswered.class,
          TicketEvent.CallAbandoned.class,
          TicketEvent.AttributeCleared.class,
          TicketEvent.PriorityCleared.class);

  private static final int FLAG_A = 0x10;
  private static final int FLAG_B = 0x20;
  private static final int FLAG_NANOS = 0x40;

  private SlaClockSnapshot() {}

  /**
   * Writes the clock's state in the binary form.
   *
   * <p>Cost: {@code O(events)} the first time; from the second call on a clock of at least 32
   * events, {@code O(events accepted since the last call)} to encode plus one copy of the
   * checkpoint's bytes and its checksum, as long as the clock received only events in order since
   * (an event after every earlier one in {@link TicketEvent#ORDER}, or a duplicate). A late event,
   * and anything else that rewrites the clock's log, makes the next call encode the whole log again
   * ({@code O(events)}), and the calls after it incremental again. The bytes are the same whichever
   * way they are made.
   *
   * <p>Memory: from its second call on a clock of at least 32 events, this keeps in the clock the
   * encoded events written so far and what is needed to continue them (the previous id and the
   * strings written once): about the checkpoint's size, and up to as much again of room to grow
   * into. A clock written once keeps nothing, so a store of clocks each written once costs what it
   * did before; nor does a clock of fewer events, whose whole encoding costs about what a copy of
   * it does.
   *
   * <p>The clock's state as its other methods see it is not changed; like any call on an {@link
   * SlaClock}, this must not run concurrently with another call on the same clock.
   *
   * @param clock the clock
   * @return the checkpoint
   */
  public static byte[] toBytes(SlaClock clock) {
    Objects.requireNonNull(clock, "clock");
    boolean again = clock.markWritten();
    PackedEvents log = clock.logInOrder();
    if (log == null) {
      return toBytes(clock.ticketId(), clock.events()); // kept bytes, if any, wait for the sort
    }
    Encoded kept = clock.encoded();
    if (kept != null && kept.continues(log)) {
      kept.append(log, clock.ticketId());
      return kept.frame(clock.ticketId());
    }
    Encoded all = Encoded.of(log, clock.ticketId());
    // kept only from the second write on, and for a log long enough that encoding it all costs more
    // than keeping it (a short ticket's whole encoding is a few hundred bytes of work)
    clock.encoded(again && log.size() >= KEEP_FROM ? all : null);
    return all.frame(clock.ticketId());
  }

  /**
   * From this many events on, a clock written a second time keeps its encoded events ({@link
   * #toBytes(SlaClock)}); a shorter one is encoded whole at each write, as cheap as copying it.
   */
  static final int KEEP_FROM = 32;

  /** The binary form straight from a log in ORDER, as {@link #toBytes(SlaClock)} writes it. */
  static byte[] toBytes(String ticketId, PackedEvents log) {
    return Encoded.of(log, ticketId).frame(ticketId);
  }

  /**
   * The binary form of {@code events}, in ORDER: for a clock whose log is not in ORDER yet, and the
   * tests' reference for the form written straight from the log.
   */
  static byte[] toBytes(String ticketId, List<TicketEvent> events) {
    SnapshotBytes.Writer w = new SnapshotBytes.Writer(32 + 12 * events.size());
    w.header(KIND, versionFor(events));
    w.string(ticketId);
    w.uvarint(events.size());
    Symbols symbols = new Symbols();
    String prevId = "";
    long prevSec = events.isEmpty() ? 0 : events.get(0).at().getEpochSecond();
    w.svarlong(prevSec);
    for (TicketEvent e : events) {
      prevId = event(w, symbols, e, prevId, prevSec);
      prevSec = e.at().getEpochSecond();
    }
    return w.finish();
  }

  /**
   * The events of a log in ORDER encoded in the binary form, without the header before them (magic,
   * version, ticket id, event count, first seconds) and the checksum after them, with the encoder's
   * state after the last one: so that records appended to the log later are encoded after them
   * ({@link #append}) and {@link #frame} gives the checkpoint of the longer log. A record's tag,
   * id, time and strings are read from its bytes, and only the rare kinds whose components are
   * written in another order ({@code Created}, {@code TagsChanged}: sorted) are materialised as
   * events. Kept by a clock between writes ({@link SlaClock#encoded()}). Not thread-safe.
   */
  static final class Encoded {
    private final SnapshotBytes.Writer body;
    private final Symbols symbols = new Symbols();
    private final int modifications; // the log's, when the first records were encoded
    private final long firstSec;
    private int records;
    private int version = 1; // 2 once a Created event names its status, 3 once a clear is written
    private String prevId = "";
    private long prevSec;
    private int lastEncoded;

    private Encoded(int capacity, int modifications, long firstSec) {
      this.body = new SnapshotBytes.Writer(capacity);
      this.modifications = modifications;
      this.firstSec = firstSec;
      this.prevSec = firstSec;
    }

    /** Every record of {@code log}, which is in ORDER. {@code O(records)}. */
    static Encoded of(PackedEvents log, String ticketId) {
      Encoded e = new Encoded(12 * log.size(), log.modifications(), log.firstEpochSecond());
      e.append(log, ticketId);
      return e;
    }

    /**
     * Whether {@code log}, in ORDER, is the log these records were encoded from with records only
     * appended since: then its first {@link #records} records are the encoded ones and the rest
     * follow them in ORDER.
     */
    boolean continues(PackedEvents log) {
      return log.modifications() == modifications && log.size() >= records;
    }

    /** Encodes the records of {@code log} after the encoded ones. {@code O(new records)}. */
    void append(PackedEvents log, String ticketId) {
      int from = records;
      PackedEvents.Cursor c = log.cursor(from);
      SnapshotBytes.Writer w = body;
      while (c.next()) {
        int tag = c.tag(); // the log's tags are this form's (PackedEvents.Cursor)
        int kind = tag & 0x0F;
        if (kind == 0 || kind == 6) {
          TicketEvent e = c.event(ticketId);
          if (e instanceof TicketEvent.Created cr && cr.status().isPresent()) {
            version = Math.max(version, STATUS_VERSION);
          }
          prevId = event(w, symbols, e, prevId, prevSec);
          prevSec = e.at().getEpochSecond();
        } else {
          prevId = head(w, tag, c.id(), prevId, c.epochSecond() - prevSec, c.nano());
          prevSec = c.epochSecond();
          switch (kind) {
            case 1, 2 -> {} // a customer message or reply has no other component
            case 5 -> {
              symbol(w, symbols, c.string()); // key
              symbol(w, symbols, c.string()); // value
            }
            case 8 -> w.uvarint(c.varint());
            case 12 -> {
              version = CLEAR_VERSION;
              symbol(w, symbols, c.string()); // key
            }
            case 13 -> version = CLEAR_VERSION; // no component
            default -> symbol(w, symbols, c.string()); // status, priority, assignee or call
          }
        }
        records++;
      }
      lastEncoded = records - from;
    }

    /** The checkpoint of the encoded records: the header, a copy of the records, the checksum. */
    byte[] frame(String ticketId) {
      SnapshotBytes.Writer w = new SnapshotBytes.Writer(16 + ticketId.length());
      w.header(KIND, version);
      w.string(ticketId);
      w.uvarint(records);
      w.svarlong(firstSec);
      return w.finishWith(body);
    }

    /** Returns how many records the last {@link #append} encoded (for tests). */
    int lastEncoded() {
      return lastEncoded;
    }

    /** Returns how many records are encoded. */
    int records() {
      return records;
    }

    /** Returns the bytes held for the encoded records, room to grow included. */
    int retainedBytes() {
      return body.capacity();
    }
  }

  /** Writes one event; returns its id, the next one's prefix base. */
  private static String event(
      SnapshotBytes.Writer w, Symbols symbols, TicketEvent e, String prevId, long prevSec) {
    int kind = KINDS.indexOf(e.getClass());
    int tag = kind;
    if (e instanceof TicketEvent.Created c) {
      tag |= (c.byAgent() ? FLAG_A : 0) | (c.status().isPresent() ? FLAG_B : 0);
    } else if (e instanceof TicketEvent.AgentReply r) {
      tag |= (r.isPublic() ? FLAG_A : 0) | (r.automated() ? FLAG_B : 0);
    }
    int nanos = e.at().getNano();
    if (nanos != 0) {
      tag |= FLAG_NANOS;
    }
    String id = head(w, tag, e.id(), prevId, e.at().getEpochSecond() - prevSec, nanos);
    if (e instanceof TicketEvent.Created c) {
      w.uvarint(c.attributes().size());
      for (Map.Entry<String, String> a : new java.util.TreeMap<>(c.attributes()).entrySet()) {
        symbol(w, symbols, a.getKey());
        symbol(w, symbols, a.getValue());
      }
      tags(w, symbols, c.tags());
      if (c.status().isPresent()) {
        symbol(w, symbols, c.status().get());
      }
    } else if (e instanceof TicketEvent.StatusChanged s) {
      symbol(w, symbols, s.status());
    } else if (e instanceof TicketEvent.PriorityChanged p) {
      symbol(w, symbols, p.priority());
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      symbol(w, symbols, a.key());
      symbol(w, symbols, a.value());
    } else if (e instanceof TicketEvent.TagsChanged t) {
      tags(w, symbols, t.tags());
    } else if (e instanceof TicketEvent.Assigned a) {
      symbol(w, symbols, a.assignee());
    } else if (e instanceof TicketEvent.Escalated x) {
      w.uvarint(x.level());
    } else if (e instanceof TicketEvent.CallOffered c) {
      symbol(w, symbols, c.callId());
    } else if (e instanceof TicketEvent.CallAnswered c) {
      symbol(w, symbols, c.callId());
    } else if (e instanceof TicketEvent.CallAbandoned c) {
      symbol(w, symbols, c.callId());
    } else if (e instanceof TicketEvent.AttributeCleared c) {
      symbol(w, symbols, c.key());
    } // a PriorityCleared has no component
    return id;
  }

  /**
   * Writes an event's tag, id (the characters it shares with the previous id, then the rest), the
   * seconds since the previous event and its nanoseconds if not zero; returns the id.
   */
  private static String head(
      SnapshotBytes.Writer w, int tag, String id, String prevId, long step, int nanos) {
    w.u8(tag);
    int common = commonPrefix(prevId, id);
    w.uvarint(common);
    w.string(common == 0 ? id : id.substring(common));
    w.uvarlong(step); // the log is in ORDER: never negative
    if (nanos != 0) {
      w.uvarint(nanos);
    }
    return id;
  }

  private static int commonPrefix(String a, String b) {
    int n = Math.min(a.length(), b.length());
    int i = 0;
    while (i < n && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    // never split a surrogate pair
    if (i > 0 && i < b.length() && Character.isHighSurrogate(b.charAt(i - 1))) {
      i--;
    }
    return i;
  }

  private static void tags(SnapshotBytes.Writer w, Symbols symbols, Set<String> tags) {
    w.uvarint(tags.size());
    for (String t : new java.util.TreeSet<>(tags)) {
      symbol(w, symbols, t);
    }
  }

  /** 0 and the string the first time, its number (1-based) after. */
  private static void symbol(SnapshotBytes.Writer w, Symbols symbols, String s) {
    int n = symbols.number(s);
    if (n != 0) {
      w.uvarint(n);
    } else {
      w.uvarint(0);
      w.string(s);
      symbols.add(s);
    }
  }

  /**
   * The strings a snapshot has written, numbered from 1 in order. A ticket's statuses, keys and
   * values are few, so they are found by a scan of the list (no hashing of the decoded strings)
   * until there are {@value #SCAN} of them, by a map after.
   */
  private static final class Symbols {
    private static final int SCAN = 16;
    private String[] list = new String[SCAN];
    private int n;
    private Map<String, Integer> map;

    /** The number of {@code s}, or 0 if not written yet. */
    int number(String s) {
      if (map != null) {
        Integer k = map.get(s);
        return k == null ? 0 : k;
      }
      for (int i = 0; i < n; i++) {
        if (list[i].equals(s)) {
          return i + 1;
        }
      }
      return 0;
    }

    void add(String s) {
      if (map != null) {
        map.put(s, map.size() + 1);
      } else if (n < SCAN) {
        list[n++] = s;
      } else {
        map = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
          map.put(list[i], i + 1);
        }
        map.put(s, n + 1);
        list = null;
      }
    }
  }

  /**
   * Restores a clock from its binary form. {@code O(bytes)}; the derived state is rebuilt by one
   * replay at the first read.
   *
   * @param set the policy set the clock runs under
   * @param calendars calendar key -&gt; calendar, as for {@link SlaClock#of}
   * @param snapshot the checkpoint
   * @return a clock in the checkpointed state
   * @throws IllegalArgumentException if the checkpoint is truncated, corrupted, of another kind or
   *     version, or holds an event the policy set rejects
   */
  public static SlaClock fromBytes(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, byte[] snapshot) {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(calendars, "calendars");
    return fromBytes(snapshot, id -> SlaClock.of(set, calendars, id));
  }

  static SlaClock fromBytes(byte[] snapshot, Function<String, SlaClock> newClock) {
    Objects.requireNonNull(snapshot, "snapshot");
    try {
      return decode(snapshot, newClock);
    } catch (SnapshotBytes.Corrupt e) {
      // the internal type must not reach callers: its package is not exported
      throw new IllegalArgumentException(e.getMessage());
    }
  }

  /**
   * The event log a binary checkpoint holds, in the order the clock keeps it ({@link
   * TicketEvent#ORDER}, also where the checkpoint lists events of one second in another), read
   * without a policy set: to carry a checkpoint across a change of the policy set that rejects some
   * of its events (a status renamed or removed, which {@link #fromBytes} refuses naming the event),
   * map the events and feed them to a new clock of the new set; a clock of the same set fed them
   * unchanged evaluates as the one {@link #fromBytes} restores and writes the same checkpoint
   * ({@code SlaClock} has no value equality). {@code O(bytes)}, plus {@code O(events log events)}
   * to sort a checkpoint that lists its events in another order.
   *
   * <p>The checkpoint is checked as {@link #fromBytes} checks it (kind, version, checksum, every
   * event's form, an event id given twice), except against a policy set.
   *
   * @param snapshot the checkpoint
   * @return its events, immutable; empty for a clock that held none
   * @throws IllegalArgumentException if the checkpoint is truncated, corrupted, of another kind or
   *     version, or gives an event id twice
   */
  public static List<TicketEvent> eventsFromBytes(byte[] snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    Decoded d;
    try {
      d = decodeEvents(snapshot);
    } catch (SnapshotBytes.Corrupt e) {
      throw new IllegalArgumentException(e.getMessage());
    }
    return d.checkedEvents();
  }

  /**
   * The event log a JSON checkpoint holds, read without a policy set, as {@link
   * #eventsFromBytes(byte[])} reads a binary one.
   *
   * @param json the checkpoint
   * @return its events, immutable; empty for a clock that held none
   * @throws IllegalArgumentException if the checkpoint is malformed, fails its checksum, is of
   *     another format or version, or gives an event id twice; the message names the line, column
   *     and JSON path
   */
  public static List<TicketEvent> eventsFromJson(String json) {
    Objects.requireNonNull(json, "json");
    return decodeJson(JsonInput.withoutBom(json)).checkedEvents();
  }

  /** A decoded checkpoint: its ticket id, its events and, for JSON, where each event starts. */
  private record Decoded(
      String ticketId, List<TicketEvent> events, List<com.fasterxml.jackson.core.JsonLocation> at) {

    /**
     * The events in {@link TicketEvent#ORDER}, the order a restored clock keeps them in, refused as
     * a restore refuses them if an id repeats. A checkpoint written by this class lists them in
     * that order already; one that does not (a JSON checkpoint edited and resealed, or binary
     * events of one second whose nanoseconds or ids go back) is restored sorted, so it is read
     * sorted too: in file order, the events read here and a restored clock's would differ.
     */
    List<TicketEvent> checkedEvents() {
      Set<String> ids = new java.util.HashSet<>();
      boolean sorted = true;
      for (int i = 0; i < events.size(); i++) {
        if (!ids.add(events.get(i).id())) {
          throw new IllegalArgumentException(repeated(i, events.get(i), at));
        }
        sorted &= i == 0 || TicketEvent.ORDER.compare(events.get(i - 1), events.get(i)) < 0;
      }
      if (sorted) {
        return List.copyOf(events);
      }
      TicketEvent[] inOrder = events.toArray(new TicketEvent[0]);
      Arrays.sort(inOrder, TicketEvent.ORDER); // total: ids are distinct here
      return List.of(inOrder);
    }
  }

  private static String repeated(
      int i, TicketEvent e, List<com.fasterxml.jackson.core.JsonLocation> at) {
    return located(
        "snapshot event " + i + " repeats the event id " + TicketEventJson.excerpt(e.id()), at, i);
  }

  private static SlaClock decode(byte[] snapshot, Function<String, SlaClock> newClock) {
    Decoded d = decodeEvents(snapshot);
    return restore(d.ticketId(), d.events(), newClock, null);
  }

  private static Decoded decodeEvents(byte[] snapshot) {
    SnapshotBytes.Reader r = SnapshotBytes.Reader.open(snapshot, KIND, "an SLA clock", 1, VERSION);
    String ticketId = r.string("ticketId");
    int n = r.count("event count", 3);
    List<TicketEvent> events = new ArrayList<>(n);
    List<String> symbols = new ArrayList<>();
    String prevId = "";
    long sec = r.svarlong("first timestamp");
    for (int i = 0; i < n; i++) {
      r.item("event", i); // messages name the event; built only for one
      int tag = r.u8("");
      int kind = tag & 0x0F;
      // the boolean bits belong to a Created and an agent reply only: set on another kind, the
      // writer did not set them (a valid checksum over a changed byte)
      if (kind >= KINDS.size()
          || (tag & 0x80) != 0
          || ((tag & (FLAG_A | FLAG_B)) != 0 && kind != 0 && kind != 2)) {
        throw r.corrupt(r.label("has the unknown tag " + tag));
      }
      int common = r.uvarint("id");
      if (common > prevId.length()) {
        throw r.corrupt(r.label("id shares " + common + " characters with a shorter id"));
      }
      String suffix = r.string("id");
      String id = common == 0 ? suffix : prevId.substring(0, common) + suffix;
      prevId = id;
      long step = r.uvarlong("time");
      int nanos = (tag & FLAG_NANOS) != 0 ? r.uvarint("nanoseconds") : 0;
      if ((tag & FLAG_NANOS) != 0 && (nanos < 1 || nanos > 999_999_999)) {
        // written only when not zero, and an instant's are below a second: another instant
        // (Instant.ofEpochSecond carries the excess into the seconds) would be read silently
        throw r.corrupt(r.label("has nanoseconds " + nanos + ", not 1 to 999999999"));
      }
      Instant at;
      try {
        sec = Math.addExact(sec, step);
        at = Instant.ofEpochSecond(sec, nanos);
      } catch (java.time.DateTimeException | ArithmeticException e) {
        throw r.corrupt(r.label("time is out of range"));
      }
      boolean a = (tag & FLAG_A) != 0;
      boolean b = (tag & FLAG_B) != 0;
      try {
        events.add(
            switch (kind) {
              case 0 -> {
                int na = r.count("attribute count", 2);
                Map<String, String> attrs = new LinkedHashMap<>();
                for (int k = 0; k < na; k++) {
                  String key = symbol(r, symbols);
                  if (attrs.put(key, symbol(r, symbols)) != null) {
                    throw r.corrupt(
                        r.label("repeats the attribute " + TicketEventJson.excerpt(key)));
                  }
                }
                Set<String> tags = tags(r, symbols);
                if (b && r.version() < STATUS_VERSION) {
                  throw r.corrupt(r.label("has an initial status, which needs version 2"));
                }
                String status = b ? symbol(r, symbols) : null;
                yield TicketEvent.created(ticketId, id, at, attrs, tags, a, status);
              }
              case 1 -> new TicketEvent.CustomerMessage(ticketId, id, at);
              case 2 -> TicketEvent.reply(ticketId, id, at, a, b);
              case 3 -> new TicketEvent.StatusChanged(ticketId, id, at, symbol(r, symbols));
              case 4 -> new TicketEvent.PriorityChanged(ticketId, id, at, symbol(r, symbols));
              case 5 ->
                  new TicketEvent.AttributeChanged(
                      ticketId, id, at, symbol(r, symbols), symbol(r, symbols));
              case 6 -> new TicketEvent.TagsChanged(ticketId, id, at, tags(r, symbols));
              case 7 -> new TicketEvent.Assigned(ticketId, id, at, symbol(r, symbols));
              case 8 -> new TicketEvent.Escalated(ticketId, id, at, r.uvarint("level"));
              case 9 -> new TicketEvent.CallOffered(ticketId, id, at, symbol(r, symbols));
              case 10 -> new TicketEvent.CallAnswered(ticketId, id, at, symbol(r, symbols));
              case 11 -> new TicketEvent.CallAbandoned(ticketId, id, at, symbol(r, symbols));
              default -> {
                if (r.version() < CLEAR_VERSION) {
                  throw r.corrupt(
                      r.label(
                          "is a "
                              + KINDS.get(kind).getSimpleName()
                              + ", which needs version "
                              + CLEAR_VERSION));
                }
                yield kind == 12
                    ? new TicketEvent.AttributeCleared(ticketId, id, at, symbol(r, symbols))
                    : new TicketEvent.PriorityCleared(ticketId, id, at);
              }
            });
      } catch (IllegalArgumentException | NullPointerException e) {
        if (e instanceof SnapshotBytes.Corrupt) {
          throw e;
        }
        throw r.corrupt(r.label("is invalid: " + e.getMessage()));
      }
    }
    r.item(null, 0);
    r.end();
    return new Decoded(ticketId, events, null);
  }

  /**
   * The lowest version that expresses the events: 3 if one is a clear, else 2 if a Created event
   * names its status, else 1.
   */
  private static int versionFor(List<TicketEvent> events) {
    int v = 1;
    for (TicketEvent e : events) {
      if (isClear(e)) {
        return CLEAR_VERSION;
      }
      if (e instanceof TicketEvent.Created c && c.status().isPresent()) {
        v = STATUS_VERSION;
      }
    }
    return v;
  }

  private static boolean isClear(TicketEvent e) {
    return e instanceof TicketEvent.AttributeCleared || e instanceof TicketEvent.PriorityCleared;
  }

  private static Set<String> tags(SnapshotBytes.Reader r, List<String> symbols) {
    int n = r.count("tag count", 1);
    Set<String> tags = new LinkedHashSet<>();
    for (int k = 0; k < n; k++) {
      String tag = symbol(r, symbols);
      if (!tags.add(tag)) { // a set the writer wrote: merged, the count would be wrong
        throw r.corrupt(r.label("repeats the tag " + TicketEventJson.excerpt(tag)));
      }
    }
    return tags;
  }

  private static String symbol(SnapshotBytes.Reader r, List<String> symbols) {
    int n = r.uvarint("string");
    if (n == 0) {
      String s = r.string("string");
      symbols.add(s);
      return s;
    }
    if (n > symbols.size()) {
      throw r.corrupt(r.label("refers to string " + n + " of " + symbols.size()));
    }
    return symbols.get(n - 1);
  }

  /**
   * Feeds the events to a new clock; the whole restore fails if one event is rejected. {@code at}
   * holds where each event starts in a JSON checkpoint (null for a binary one), so that its error
   * names the event's path, line and column as every JSON error does.
   */
  private static SlaClock restore(
      String ticketId,
      List<TicketEvent> events,
      Function<String, SlaClock> newClock,
      List<com.fasterxml.jackson.core.JsonLocation> at) {
    SlaClock clock = newClock.apply(ticketId);
    for (int i = 0; i < events.size(); i++) {
      TicketEvent e = events.get(i);
      boolean fresh;
      try {
        fresh = clock.accept(e);
      } catch (IllegalArgumentException x) {
        throw new IllegalArgumentException(
            located(
                "snapshot event " + i + " (" + e.id() + ") is rejected: " + x.getMessage(), at, i),
            x);
      }
      if (!fresh) {
        throw new IllegalArgumentException(repeated(i, e, at));
      }
    }
    return clock;
  }

  /**
   * Writes the clock's state in the JSON form. {@code O(events)}; the clock is not changed.
   *
   * @param clock the clock
   * @return the checkpoint as a JSON object
   */
  public static String toJson(SlaClock clock) {
    Objects.requireNonNull(clock, "clock");
    List<TicketEvent> events = clock.events();
    StringWriter out = new StringWriter(64 + 120 * events.size());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("format", JSON_FORMAT);
      g.writeNumberField("v", versionFor(events));
      g.writeStringField("ticketId", clock.ticketId());
      g.writeArrayFieldStart("events");
      CRC32C crc = new CRC32C();
      for (TicketEvent e : events) {
        String line = TicketEventJson.write(e);
        g.writeRawValue(line);
        crc.update((line + "\n").getBytes(StandardCharsets.UTF_8));
      }
      g.writeEndArray();
      g.writeStringField("crc32c", hex(crc.getValue()));
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static String hex(long crc) {
    return HexFormat.of().toHexDigits((int) crc);
  }

  /**
   * Restores a clock from its JSON form.
   *
   * @param set the policy set the clock runs under
   * @param calendars calendar key -&gt; calendar, as for {@link SlaClock#of}
   * @param json the checkpoint
   * @return a clock in the checkpointed state
   * @throws IllegalArgumentException if the checkpoint is malformed, fails its checksum, is of
   *     another format or version, or holds an event the policy set rejects; the message names the
   *     line, column and JSON path
   */
  public static SlaClock fromJson(
      SlaPolicySet set, Map<String, BusinessCalendar> calendars, String json) {
    Objects.requireNonNull(set, "set");
    Objects.requireNonNull(calendars, "calendars");
    Objects.requireNonNull(json, "json");
    return fromJson(JsonInput.withoutBom(json), id -> SlaClock.of(set, calendars, id));
  }

  static SlaClock fromJson(String json, Function<String, SlaClock> newClock) {
    Objects.requireNonNull(json, "json");
    Decoded d = decodeJson(json);
    return restore(d.ticketId(), d.events(), newClock, d.at());
  }

  private static Decoded decodeJson(String json) {
    JsonInput.requireJackson();
    String format = null;
    Integer version = null;
    String ticketId = null;
    String crc = null;
    com.fasterxml.jackson.core.JsonLocation crcAt = null;
    List<com.fasterxml.jackson.core.JsonLocation> eventsAt = new ArrayList<>();
    List<TicketEvent> events = null;
    CRC32C actual = new CRC32C();
    try (JsonParser p = FACTORY.createParser(json)) {
      // syntax errors caught before the parser closes, which clears what their path is read from
      try {
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw at(p, "expected a snapshot object but found " + found(p), "$");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          p.nextToken();
          String path = TicketEventJson.child("$", name);
          switch (name) {
            case "format" -> {
              format = text(p, path);
              if (!JSON_FORMAT.equals(format)) {
                throw at(
                    p,
                    "expected an SLA clock snapshot (format "
                        + JSON_FORMAT
                        + "), found format "
                        + TicketEventJson.excerpt(format),
                    path);
              }
            }
            case "v" -> {
              if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                  || p.getNumberType() != JsonParser.NumberType.INT) {
                throw at(p, "expected an integer but found " + found(p), path);
              }
              version = p.getIntValue();
              if (version < 1 || version > VERSION) {
                throw at(
                    p,
                    "snapshot version "
                        + version
                        + " is not supported: this reader reads versions 1 to "
                        + VERSION,
                    path);
              }
            }
            case "ticketId" -> {
              ticketId = text(p, path);
              try { // checked here, where it can be located (the clock checks it again)
                Excerpt.requireId(ticketId, "ticketId", TicketEvent.MAX_ID_CHARS);
              } catch (IllegalArgumentException bad) {
                throw at(p, bad.getMessage(), path);
              }
            }
            case "crc32c" -> {
              crc = text(p, path);
              crcAt = p.currentTokenLocation();
            }
            case "events" -> {
              if (p.currentToken() != JsonToken.START_ARRAY) {
                throw at(p, "expected an array of events but found " + found(p), path);
              }
              events = new ArrayList<>();
              while (p.nextToken() != JsonToken.END_ARRAY) {
                eventsAt.add(p.currentTokenLocation());
                TicketEvent e = TicketEventJson.readObject(p, 0, path + "[" + events.size() + "]");
                actual.update((TicketEventJson.write(e) + "\n").getBytes(StandardCharsets.UTF_8));
                events.add(e);
              }
            }
            default ->
                throw at(
                    p,
                    JsonInput.unknownField(name) + "; expected format, v, ticketId, events, crc32c",
                    path);
          }
        }
        if (p.nextToken() != null) {
          throw at(p, "expected one snapshot object but found more after it", "$");
        }
        for (String[] req :
            new String[][] {
              {"format", format}, {"ticketId", ticketId}, {"crc32c", crc},
            }) {
          if (req[1] == null) {
            throw at(p, req[0] + " is required", "$." + req[0]);
          }
        }
        if (version == null) {
          throw at(p, "v is required", "$.v");
        }
        if (events == null) {
          throw at(p, "events is required", "$.events");
        }
        if (!crc.equalsIgnoreCase(hex(actual.getValue()))) {
          throw TicketEventJson.error(
              "snapshot is corrupted: crc32c "
                  + TicketEventJson.excerpt(crc)
                  + " does not match the events' "
                  + hex(actual.getValue()),
              crcAt.getLineNr(),
              crcAt.getColumnNr(),
              "$.crc32c");
        }
        for (int i = 0; i < events.size(); i++) {
          if (version < CLEAR_VERSION && isClear(events.get(i))) {
            throw TicketEventJson.error(
                "event "
                    + i
                    + " is a "
                    + events.get(i).getClass().getSimpleName()
                    + ", which needs snapshot version "
                    + CLEAR_VERSION
                    + " (v is "
                    + version
                    + ")",
                eventsAt.get(i).getLineNr(),
                eventsAt.get(i).getColumnNr(),
                "$.events[" + i + "].kind");
          }
          if (version == 1
              && events.get(i) instanceof TicketEvent.Created c
              && c.status().isPresent()) {
            throw TicketEventJson.error(
                "event " + i + " has an initial status, which needs snapshot version 2 (v is 1)",
                eventsAt.get(i).getLineNr(),
                eventsAt.get(i).getColumnNr(),
                "$.events[" + i + "].status");
          }
          if (!events.get(i).ticketId().equals(ticketId)) {
            throw TicketEventJson.error(
                "event of ticket "
                    + TicketEventJson.excerpt(events.get(i).ticketId())
                    + " in the snapshot of ticket "
                    + TicketEventJson.excerpt(ticketId),
                eventsAt.get(i).getLineNr(),
                eventsAt.get(i).getColumnNr(),
                "$.events[" + i + "].ticketId");
          }
        }
      } catch (JsonProcessingException e) {
        throw TicketEventJson.syntax(e, 0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Decoded(ticketId, events, eventsAt);
  }

  private static String text(JsonParser p, String path) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw at(p, "expected a string but found " + found(p), path);
    }
    return p.getText();
  }

  private static String found(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    return t == null
        ? "nothing"
        : t == JsonToken.START_OBJECT
            ? "an object"
            : t == JsonToken.START_ARRAY ? "an array" : TicketEventJson.value(t, p.getText());
  }

  /**
   * {@code message} located at event {@code i} of a JSON checkpoint, or bounded as it is (a
   * policy's check may quote a long list, such as every status of the set): at most {@link
   * JsonInput#MAX_MESSAGE} characters either way, as every reader's error.
   */
  private static String located(
      String message, List<com.fasterxml.jackson.core.JsonLocation> at, int i) {
    if (at == null) {
      return JsonInput.bound(message);
    }
    var l = at.get(i);
    return JsonInput.located(message, "$.events[" + i + "]", l.getLineNr(), l.getColumnNr());
  }

  /**
   * The error at the parser's current token, or at the end of the input (1-based, past any
   * whitespace) when there is no token left.
   */
  private static IllegalArgumentException at(JsonParser p, String message, String path) {
    var l = p.currentToken() == null ? p.currentLocation() : p.currentTokenLocation();
    return TicketEventJson.error(message, l.getLineNr(), l.getColumnNr(), path);
  }
}
