package dev.servicekit.kpi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.kpi.internal.Binary;
import dev.servicekit.kpi.internal.JsonInput;
import dev.servicekit.kpi.internal.KeyText;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * First contact resolution (FCR) and repeat-contact rate by a repeat-contact window: a contact is
 * resolved on first contact when the same customer does not contact again within the window (e.g. 7
 * days) after it. Feeds an {@link OutcomeAccumulator}: positive = resolved on first contact,
 * negative = followed by a repeat contact, so FCR % = positive share and repeat-contact rate =
 * negative share.
 *
 * <p>Out-of-order arrival is handled: when a contact arrives, the customer's previous contact is
 * re-classified (its outcome retracted and re-added) if the new one falls within its window. A
 * contact's outcome is provisional until its window has passed; the counts are always exactly those
 * of the contacts seen so far.
 *
 * <p>Memory: the contact times of each customer; {@link #evictBefore(Instant)} forgets contacts
 * older than a cut-off once no earlier contact can arrive (their outcomes stay counted). {@code
 * contact} is O(log contacts of the customer). Not thread-safe.
 *
 * <p>Checkpoints: {@link #toBytes(KeyCodec)} / {@link #toJson(KeyCodec)} write the window, the
 * outcomes' snapshot and every retained contact time per customer (customers sorted by encoded
 * key); {@link #fromBytes(byte[], KeyCodec)} / {@link #fromJson(String, KeyCodec)} restore a
 * tracker that behaves exactly as the original for any further contacts (a repeat contact is still
 * detected across the restore). Contacts dropped by {@link #evictBefore(Instant)} are not in the
 * snapshot, as they are not in memory.
 *
 * @param <C> the customer key type
 */
public final class RepeatContactTracker<C> {

  static final int KIND = 14;
  static final String KIND_NAME = "repeatContacts";
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final Duration window;
  private final OutcomeAccumulator outcomes;
  private final Map<C, TreeSet<Instant>> contacts = new HashMap<>();

  private RepeatContactTracker(Duration window, OutcomeAccumulator outcomes) {
    this.window = window;
    this.outcomes = outcomes;
  }

  /**
   * Creates a tracker.
   *
   * @param window the repeat-contact window, positive
   * @return a new tracker with an empty {@link OutcomeAccumulator}
   * @param <C> the customer key type
   * @throws IllegalArgumentException if the window is not positive
   */
  public static <C> RepeatContactTracker<C> create(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("window " + window + " must be positive");
    }
    return new RepeatContactTracker<>(window, OutcomeAccumulator.create());
  }

  /**
   * Returns the repeat-contact window.
   *
   * @return the window, positive
   */
  public Duration window() {
    return window;
  }

  /**
   * Returns a copy of the outcomes (FCR = positive share), to merge or snapshot on its own:
   * changing it changes nothing here (the tracker's own accumulator must stay consistent with the
   * contacts it holds, or its snapshot would be refused). {@code O(1)}.
   *
   * @return a copy of the accumulator
   */
  public OutcomeAccumulator outcomes() {
    return outcomes.copy();
  }

  /**
   * Returns the first-contact-resolution result: contacts resolved first time (positive) and
   * repeated (negative).
   *
   * @return the result
   */
  public OutcomeResult result() {
    return outcomes.result();
  }

  private boolean repeats(Instant earlier, Instant later) {
    // Duration.between cannot overflow, unlike earlier.plus(window) near Instant.MAX.
    return later != null
        && earlier != null
        && Duration.between(earlier, later).compareTo(window) <= 0;
  }

  /**
   * What one contact changed in the outcomes ({@link #record}): the contact's own outcome, positive
   * ({@code resolved}) unless a later contact of the customer already falls within its window, and,
   * when it falls within the window of the customer's previous contact that had no repeat yet, that
   * contact's instant: its outcome moved from resolved to repeated. Mirror it into a table of
   * windows to get FCR per week (or any window) by the contact's instant: add {@code resolved} at
   * {@code at}, and at {@code madeRepeat} retract a positive and add a negative (the README, "FCR
   * per week"). Outcomes are provisional until a contact's window has passed, as the tracker's.
   *
   * @param at the contact's instant
   * @param resolved the contact's own outcome: true if no later contact of the customer is within
   *     its window so far
   * @param madeRepeat the instant of the customer's previous contact that this contact made a
   *     repeat (it was resolved until now), if any
   */
  public record Change(Instant at, boolean resolved, Optional<Instant> madeRepeat) {
    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if {@code madeRepeat} is not before {@code at}
     */
    public Change {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(madeRepeat, "madeRepeat");
      if (madeRepeat.isPresent() && !madeRepeat.get().isBefore(at)) {
        throw new IllegalArgumentException(
            "madeRepeat " + madeRepeat.get() + " must be before the contact at " + at);
      }
    }
  }

  /**
   * Records a contact. A contact at the same instant as a known one of the same customer is a
   * duplicate and ignored. {@link #record} does the same and says what changed.
   *
   * @param customer the customer
   * @param at when the contact started, in {@code [WindowedKpi.SUPPORTED_START,
   *     WindowedKpi.SUPPORTED_END)} (1900 to 2300) as every instant of servicekit
   * @return {@code false} if it was a duplicate
   * @throws IllegalArgumentException if {@code at} is outside that range, naming {@code at}; if a
   *     new customer is a {@code String} that is blank (empty, or only spaces and invisible format
   *     characters) or has an unpaired surrogate (no snapshot could store it; other key types are
   *     checked by the {@link KeyCodec} when a snapshot is written); nothing changed then
   * @throws ArithmeticException if an outcome count would overflow (only after restoring a snapshot
   *     with counts near {@code Long.MAX_VALUE}); nothing changed then
   */
  public boolean contact(C customer, Instant at) {
    return record(customer, at).isPresent();
  }

  /**
   * Records a contact as {@link #contact} does, and says what it changed in the outcomes: the
   * contact's own outcome and the earlier contact it made a repeat, if any ({@link Change}), so
   * that the same outcomes can be kept per window of the contact's instant. {@code O(log contacts
   * of the customer)}.
   *
   * @param customer the customer
   * @param at when the contact started, in the range {@link #contact} takes
   * @return what changed, empty if the contact was a duplicate (nothing changed)
   * @throws IllegalArgumentException as {@link #contact}; nothing changed then
   * @throws ArithmeticException as {@link #contact}; nothing changed then
   */
  public Optional<Change> record(C customer, Instant at) {
    Objects.requireNonNull(customer, "customer");
    WindowedKpi.supportedMillis(at, "at", "");
    TreeSet<Instant> times = contacts.get(customer);
    if (times == null && customer instanceof String s) { // others: checked by the codec
      KeyText.require(s, "customer");
    }
    if (times != null && times.contains(at)) {
      return Optional.empty();
    }
    Instant prev = times == null ? null : times.lower(at);
    Instant next = times == null ? null : times.higher(at);
    boolean reclassify = prev != null && repeats(prev, at) && !repeats(prev, next);
    boolean resolved = !repeats(at, next);
    // Validate first: the only failure is an overflow. A contact adds exactly one outcome (a
    // reclassification moves one from positive to negative), and the outcome accumulator keeps
    // positive + negative within a long, so checking the total covers every count.
    if (outcomes.result().total() == Long.MAX_VALUE) {
      throw new ArithmeticException("outcome count overflows a long");
    }
    if (times == null) {
      times = new TreeSet<>();
      contacts.put(customer, times);
    }
    times.add(at);
    if (reclassify) {
      outcomes.retract(true);
      outcomes.add(false);
    }
    outcomes.add(resolved);
    return Optional.of(new Change(at, resolved, reclassify ? Optional.of(prev) : Optional.empty()));
  }

  /**
   * Forgets contacts before {@code cutoff} (their outcomes stay counted) to bound memory; the
   * latest contact of each customer within a window of the cut-off is kept so later contacts still
   * re-classify it. O(customers + removed).
   *
   * @param cutoff contacts before {@code cutoff - window} are dropped
   */
  public void evictBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    if (Duration.between(Instant.MIN, cutoff).compareTo(window) <= 0) {
      return; // cutoff - window would precede Instant.MIN: no contact is that old
    }
    Instant limit = cutoff.minus(window);
    contacts.values().forEach(s -> s.headSet(limit).clear());
    contacts.values().removeIf(TreeSet::isEmpty);
  }

  /**
   * Checkpoints this tracker in the binary frame of {@link KpiSnapshots} (magic, kind byte {@value
   * #KIND}, version, CRC32C at the end), the window as seconds and nanoseconds, the outcomes'
   * binary snapshot as a length-prefixed block, the number of customers, then per customer (sorted
   * by encoded key) the key as a UTF-8 block, the number of contacts and the contact times in
   * increasing order: the first as epoch seconds and nanoseconds, each next one as the seconds
   * after the previous and its nanoseconds (all zig-zag varints, so contacts minutes apart take
   * about 3 bytes). O(contacts + customers log customers).
   *
   * @param keys encodes the customer keys
   * @return the snapshot
   * @throws IllegalArgumentException if the codec encodes two customers to the same text
   */
  public byte[] toBytes(KeyCodec<C> keys) {
    Objects.requireNonNull(keys, "keys");
    TreeMap<String, TreeSet<Instant>> sorted =
        StatefulSnapshots.encodeKeys(contacts, keys, "customers");
    Binary.Writer w = StatefulSnapshots.beginBytes(KIND);
    w.writeLong(window.getSeconds());
    w.writeLong(window.getNano());
    w.writeBlock(outcomes.toBytes());
    w.writeLong(sorted.size());
    for (Map.Entry<String, TreeSet<Instant>> e : sorted.entrySet()) {
      w.writeString(e.getKey());
      w.writeLong(e.getValue().size());
      Instant prev = null;
      for (Instant t : e.getValue()) {
        w.writeLong(prev == null ? t.getEpochSecond() : t.getEpochSecond() - prev.getEpochSecond());
        w.writeLong(t.getNano());
        prev = t;
      }
    }
    return StatefulSnapshots.finishBytes(w);
  }

  /**
   * Checkpoints this tracker as JSON: {@code {"format":"servicekit-kpi","version":2,
   * "kind":"repeatContacts","state":{"window":"PT168H","outcomes":{snapshot},
   * "customers":[{"key":"c-1","contacts":["2026-11-01T09:00:00Z",...]},...]},"crc32c":...}} with
   * ISO-8601 window and instants, contacts in increasing order. O(contacts + customers log
   * customers).
   *
   * @param keys encodes the customer keys
   * @return the JSON text
   * @throws IllegalArgumentException if the codec encodes two customers to the same text
   */
  public String toJson(KeyCodec<C> keys) {
    Objects.requireNonNull(keys, "keys");
    TreeMap<String, TreeSet<Instant>> sorted =
        StatefulSnapshots.encodeKeys(contacts, keys, "customers");
    ObjectNode root = StatefulSnapshots.beginJson(KIND_NAME);
    ObjectNode state = root.putObject("state");
    state.put("window", window.toString());
    state.set("outcomes", KpiSnapshots.toTree(outcomes));
    ArrayNode customers = state.putArray("customers");
    for (Map.Entry<String, TreeSet<Instant>> e : sorted.entrySet()) {
      ObjectNode c = customers.addObject();
      c.put("key", e.getKey());
      ArrayNode times = c.putArray("contacts");
      e.getValue().forEach(t -> times.add(t.toString()));
    }
    return StatefulSnapshots.writeJson(root);
  }

  /**
   * Restores a tracker checkpointed with {@link #toBytes(KeyCodec)}. O(contacts log contacts).
   *
   * @param bytes the snapshot
   * @param keys decodes the customer keys
   * @param <C> the customer key type
   * @return the restored tracker, with its own restored outcomes
   * @throws IllegalArgumentException if the snapshot is truncated, malformed, of another kind or
   *     version, has a repeated customer, contacts out of order, or outcomes fewer than the
   *     retained contacts imply; the message names the field (e.g. {@code
   *     customers[2].contacts[1]})
   */
  public static <C> RepeatContactTracker<C> fromBytes(byte[] bytes, KeyCodec<C> keys) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.requireNonNull(keys, "keys");
    Binary.Reader r = StatefulSnapshots.openBytes(bytes, KIND, KIND_NAME);
    long seconds = r.readLong("window.seconds");
    long nanos = r.readLong("window.nanos");
    if (nanos < 0 || nanos >= NANOS_PER_SECOND) {
      throw StatefulSnapshots.invalidBytes("window.nanos", nanos, "must be in 0..999999999");
    }
    Duration window = Duration.ofSeconds(seconds, nanos);
    if (window.isNegative() || window.isZero()) {
      throw StatefulSnapshots.invalidBytes("window", window, "must be positive");
    }
    RepeatContactTracker<C> t =
        new RepeatContactTracker<>(
            window,
            StatefulSnapshots.accumulator(
                r.readBlock("outcomes"), OutcomeAccumulator.class, "outcomes"));
    long n = r.readCount("customers");
    for (long i = 0; i < n; i++) {
      String p = "customers[" + i + "].";
      String text = StatefulSnapshots.readUtf8(r, p + "key");
      C key = StatefulSnapshots.key(keys, text, p + "key", false);
      long count = r.readCount(p + "contacts");
      if (count == 0) {
        throw StatefulSnapshots.invalidBytes(p + "contacts", 0, "must be >= 1");
      }
      TreeSet<Instant> times = new TreeSet<>();
      long second = 0;
      for (long j = 0; j < count; j++) {
        String f = p + "contacts[" + j + "]";
        long s = r.readLong(f + ".seconds");
        long nano = r.readLong(f + ".nanos");
        if (nano < 0 || nano >= NANOS_PER_SECOND) {
          throw StatefulSnapshots.invalidBytes(f + ".nanos", nano, "must be in 0..999999999");
        }
        Instant at;
        try {
          second = j == 0 ? s : Math.addExact(second, s);
          at = Instant.ofEpochSecond(second, nano);
        } catch (ArithmeticException | DateTimeException e) {
          throw StatefulSnapshots.invalidBytes(f, s + "s " + nano + "ns", "is out of range");
        }
        if (!WindowedKpi.supported(at)) {
          throw StatefulSnapshots.invalidBytes(f, at, WindowedKpi.SUPPORTED_RULE);
        }
        if (!times.isEmpty() && !at.isAfter(times.last())) {
          throw StatefulSnapshots.invalidBytes(
              f, at, "must be after the previous contact " + times.last());
        }
        times.add(at);
      }
      if (t.contacts.putIfAbsent(key, times) != null) {
        throw StatefulSnapshots.invalidBytes(p + "key", text, "repeats an earlier customer");
      }
    }
    r.expectEnd();
    t.checkOutcomesCoverContacts(false);
    return t;
  }

  /**
   * Restores a tracker checkpointed with {@link #toJson(KeyCodec)}. O(contacts log contacts).
   *
   * @param json the JSON text
   * @param keys decodes the customer keys
   * @param <C> the customer key type
   * @return the restored tracker, with its own restored outcomes
   * @throws IllegalArgumentException if malformed; the message names the JSON path, line and column
   *     (e.g. {@code (at $.state.customers[2].contacts[1], line 12, column 9)})
   */
  public static <C> RepeatContactTracker<C> fromJson(String json, KeyCodec<C> keys) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(keys, "keys");
    String text = dev.servicekit.kpi.internal.JsonInput.withoutBom(json);
    return KpiSnapshots.locating(text, () -> readJson(text, keys));
  }

  private static <C> RepeatContactTracker<C> readJson(String json, KeyCodec<C> keys) {
    JsonNode state = StatefulSnapshots.openJson(json, KIND_NAME);
    KpiSnapshots.rejectUnknown(state, Set.of("window", "outcomes", "customers"), "state.");
    String w = StatefulSnapshots.textField(state, "window", "state.");
    Duration window;
    try {
      window = Duration.parse(w);
    } catch (DateTimeParseException e) {
      throw StatefulSnapshots.invalidJson(
          "state.window",
          state.get("window"),
          JsonInput.durationOverflows(e)
              ? "is out of range: longer than a java.time.Duration holds"
              : "must be an ISO-8601 duration");
    }
    if (JsonInput.doublyNegated(w)) { // Duration.parse reads -PT-1H as one hour
      throw StatefulSnapshots.invalidJson(
          "state.window",
          state.get("window"),
          "has a minus before P and another on a number, which Duration.parse negates twice"
              + " (-PT-1H reads as one hour): it must be positive, written with no sign");
    }
    if (window.isNegative() || window.isZero()) {
      throw StatefulSnapshots.invalidJson("state.window", state.get("window"), "must be positive");
    }
    RepeatContactTracker<C> t =
        new RepeatContactTracker<>(
            window,
            StatefulSnapshots.accumulator(state, "outcomes", OutcomeAccumulator.class, "state."));
    JsonNode customers = StatefulSnapshots.array(state, "customers", "state.");
    for (int i = 0; i < customers.size(); i++) {
      String p = "state.customers[" + i + "].";
      JsonNode c = customers.get(i);
      if (!c.isObject()) {
        throw StatefulSnapshots.invalidJson(p.substring(0, p.length() - 1), c, "must be an object");
      }
      KpiSnapshots.rejectUnknown(c, Set.of("key", "contacts"), p);
      String text = StatefulSnapshots.textField(c, "key", p);
      C key = StatefulSnapshots.key(keys, text, p + "key", true);
      JsonNode contacts = StatefulSnapshots.array(c, "contacts", p);
      if (contacts.isEmpty()) {
        throw StatefulSnapshots.invalidJson(p + "contacts", contacts, "must not be empty");
      }
      TreeSet<Instant> times = new TreeSet<>();
      for (int j = 0; j < contacts.size(); j++) {
        String f = p + "contacts[" + j + "]";
        JsonNode node = contacts.get(j);
        Instant at;
        try {
          at = Instant.parse(node.textValue());
        } catch (DateTimeParseException | NullPointerException e) {
          throw StatefulSnapshots.invalidJson(f, node, "must be an ISO-8601 instant");
        }
        if (!WindowedKpi.supported(at)) {
          throw StatefulSnapshots.invalidJson(f, node, WindowedKpi.SUPPORTED_RULE);
        }
        if (!times.isEmpty() && !at.isAfter(times.last())) {
          throw StatefulSnapshots.invalidJson(
              f, node, "must be after the previous contact " + times.last());
        }
        times.add(at);
      }
      if (t.contacts.putIfAbsent(key, times) != null) {
        throw StatefulSnapshots.invalidJson(p + "key", c.get("key"), "repeats an earlier customer");
      }
    }
    t.checkOutcomesCoverContacts(true);
    return t;
  }

  /**
   * Each retained contact's current outcome is counted, and a later contact may retract it: the
   * outcomes must hold at least those, or a restored tracker would fail on a later contact.
   */
  private void checkOutcomesCoverContacts(boolean json) {
    long positive = 0;
    long negative = 0;
    for (TreeSet<Instant> times : contacts.values()) {
      Instant prev = null;
      for (Instant at : times) {
        if (prev != null) {
          if (repeats(prev, at)) {
            negative++;
          } else {
            positive++;
          }
        }
        prev = at;
      }
      positive++;
    }
    OutcomeResult r = outcomes.result();
    if (r.positive() < positive || r.negative() < negative) {
      String field = (json ? "state." : "") + "outcomes";
      String value = r.positive() + " positive, " + r.negative() + " negative";
      String rule =
          "the retained contacts imply at least "
              + positive
              + " positive and "
              + negative
              + " negative";
      throw json
          ? StatefulSnapshots.invalidJson(field, value, rule)
          : StatefulSnapshots.invalidBytes(field, value, rule);
    }
  }
}
