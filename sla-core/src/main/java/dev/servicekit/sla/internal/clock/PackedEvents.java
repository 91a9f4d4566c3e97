package dev.servicekit.sla.internal.clock;

import dev.servicekit.sla.TicketEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The event log of one clock, packed: one growing byte array of records instead of an object graph
 * per event (about 15 bytes per event instead of about 120). A record is its length, a tag byte
 * (kind and boolean components), the id, the timestamp (seconds relative to the first record's, as
 * a zig-zag varint, then the nanoseconds if not zero) and the kind's components; strings are a
 * varint of length and width, then one byte per char if every char is below 256, else two. The
 * ticket id is the clock's, not stored. {@link TicketEvent}s are materialised only when asked for
 * ({@link #get}): for a replay, {@code events()} or a duplicate check. Records are kept in arrival
 * order; {@link #permute} puts them in another order and {@link #remove} takes one out. Ids are
 * found by a scan of the records up to {@value #INDEX_FROM} records (the clock's filter of id
 * hashes spares most scans), by an open-addressing table of hashes beyond. Not thread-safe.
 *
 * <p>Changes: {@link #append} adds a record after the others and leaves them as they are; every
 * other change of the records (a reordering by {@link #permute}, a removal by {@link #remove}, and
 * any other rewrite) must call {@code changed()}, which counts it in {@link #modifications()}. A
 * reader that keeps something derived from the first records (the clock's snapshot encoding) trusts
 * it only while that count is the one it saw.
 */
public final class PackedEvents {

  /** Initial bytes: about 15 typical events, so a typical ticket's log grows once or twice. */
  private static final int INITIAL = 216;

  /** From this many records on, ids are found through a hash table. */
  static final int INDEX_FROM = 64;

  private static final int FLAG_A = 0x10;
  private static final int FLAG_B = 0x20;
  private static final int FLAG_NANOS = 0x40;

  private static final int CREATED = 0;
  private static final int CUSTOMER_MESSAGE = 1;
  private static final int AGENT_REPLY = 2;
  private static final int STATUS_CHANGED = 3;
  private static final int PRIORITY_CHANGED = 4;
  private static final int ATTRIBUTE_CHANGED = 5;
  private static final int TAGS_CHANGED = 6;
  private static final int ASSIGNED = 7;
  private static final int ESCALATED = 8;
  private static final int CALL_OFFERED = 9;
  private static final int CALL_ANSWERED = 10;
  private static final int CALL_ABANDONED = 11;
  private static final int ATTRIBUTE_CLEARED = 12;
  private static final int PRIORITY_CLEARED = 13;

  private byte[] buf = new byte[INITIAL]; // grows by half
  private int used;
  private int size;
  private long baseSec; // the first record's seconds; times are stored relative to it
  private int lastOff; // offset of the last record
  private int modifications; // changes other than appends (see changed())
  // From INDEX_FROM records on: each record's offset and id hash, and an open-addressing table of
  // index + 1.
  private int[] offsets;
  private int[] idHash;
  private int[] table;

  /** An empty log. */
  public PackedEvents() {}

  /** Returns the number of records. */
  public int size() {
    return size;
  }

  /**
   * Appends one event.
   *
   * @param e the event
   * @param hash its id's hash code
   */
  public void append(TicketEvent e, int hash) {
    if (size == 0) {
      baseSec = e.at().getEpochSecond();
    }
    int off = used;
    encode(e);
    lastOff = off;
    size++;
    if (offsets != null) {
      if (size > offsets.length) {
        offsets = Arrays.copyOf(offsets, offsets.length * 2);
        idHash = Arrays.copyOf(idHash, offsets.length);
      }
      offsets[size - 1] = off;
      idHash[size - 1] = hash;
      if (2 * size > table.length) {
        buildIndex();
      } else {
        insert(size - 1);
      }
    } else if (size == INDEX_FROM) {
      buildIndex();
    }
  }

  /**
   * Returns the number of changes other than appends made so far: it stays the same while records
   * are only appended, so the first {@code k} records are then the same records, at the same
   * offsets, as when it was read.
   *
   * @return the count
   */
  public int modifications() {
    return modifications;
  }

  /**
   * Counts a change that is not an append. Every method that reorders, removes or rewrites records
   * calls it before it returns.
   */
  private void changed() {
    modifications++;
  }

  /**
   * Returns the index of the record with this id, or -1.
   *
   * @param id the id
   * @param hash its hash code
   * @return the record's index, or -1
   */
  public int find(String id, int hash) {
    if (table != null) {
      int mask = table.length - 1;
      for (int slot = mix(hash) & mask; ; slot = (slot + 1) & mask) {
        int k = table[slot];
        if (k == 0) {
          return -1;
        }
        if (idHash[k - 1] == hash && idEquals(offsets[k - 1], id)) {
          return k - 1;
        }
      }
    }
    int off = 0;
    for (int i = 0; i < size; i++) {
      if (idEquals(off, id)) {
        return i;
      }
      off = next(off);
    }
    return -1;
  }

  /**
   * Materialises record {@code i}.
   *
   * @param i the index
   * @param ticketId the clock's ticket id
   * @return the event
   */
  public TicketEvent get(int i, String ticketId) {
    return decode(offset(i), ticketId);
  }

  /** Materialises the last record. */
  public TicketEvent last(String ticketId) {
    return decode(lastOff, ticketId);
  }

  /**
   * Materialises every record, in record order.
   *
   * @param ticketId the clock's ticket id
   * @param cached events already at hand by index (entries may be null), or null
   * @return the events
   */
  public TicketEvent[] all(String ticketId, TicketEvent[] cached) {
    TicketEvent[] out = new TicketEvent[size];
    Cursor cursor = new Cursor(); // one for the whole log
    int off = 0;
    for (int i = 0; i < size; i++) {
      TicketEvent c = cached != null && i < cached.length ? cached[i] : null;
      out[i] = c != null ? c : cursor.at(off).materialise(ticketId);
      off = next(off);
    }
    return out;
  }

  /**
   * Returns the first record's timestamp seconds, or 0 if the log is empty. (Not the base of the
   * stored times: that is the first appended record's, which {@link #permute} may have moved.)
   *
   * @return the seconds
   */
  public long firstEpochSecond() {
    Cursor c = cursor();
    return c.next() ? c.epochSecond() : 0;
  }

  /**
   * Returns a reader of the records in record order that decodes only what its caller asks for, for
   * a writer that encodes the log again in another form. The log must not change while it is used.
   *
   * @return the cursor, before the first record
   */
  public Cursor cursor() {
    return new Cursor();
  }

  /**
   * Returns a reader like {@link #cursor()}, before record {@code from} instead of the first:
   * {@code O(1)} from {@value #INDEX_FROM} records on, a scan of the record lengths below.
   *
   * @param from the index of the first record to read, at most {@link #size()}
   * @return the cursor, before record {@code from}
   */
  public Cursor cursor(int from) {
    if (from < 0 || from > size) {
      throw new IndexOutOfBoundsException("record " + from + " of " + size);
    }
    Cursor c = new Cursor();
    c.next = from == size ? used : offset(from);
    c.left = size - from;
    return c;
  }

  /**
   * A forward reader of the records ({@link #cursor}). After {@link #next}: the record's tag (its
   * kind in the low four bits, in the order of {@link TicketEvent}'s kinds from {@code Created} to
   * {@code PriorityCleared} (the order they are declared in); {@code 0x10} and {@code 0x20} the
   * kind's two boolean components as {@link #get} reads them, {@code 0x40} whether the nanoseconds
   * are not zero), id and time; then the kind's components in order by {@link #string} and {@link
   * #varint}, or the whole event by {@link #event}. Not thread-safe.
   */
  public final class Cursor {
    private final Reader r = new Reader(buf, 0);
    private int next; // offset of the next record
    private int left = size;
    private int start; // offset of the current record
    private int tag;
    private String id;
    private long sec;
    private int nanos;

    private Cursor() {}

    /**
     * Moves to the next record.
     *
     * @return false if there is none
     */
    public boolean next() {
      if (left == 0) {
        return false;
      }
      left--;
      at(next);
      return true;
    }

    /** Reads the header (tag, id, time) of the record at {@code off}; returns this cursor. */
    private Cursor at(int off) {
      start = off;
      r.pos = off;
      int len = r.varint();
      next = r.pos + len;
      tag = buf[r.pos++] & 0xFF;
      id = r.string();
      long z = r.varlong();
      sec = baseSec + ((z >>> 1) ^ -(z & 1));
      nanos = (tag & FLAG_NANOS) != 0 ? (int) r.varlong() : 0;
      return this;
    }

    /** Returns the record's tag. */
    public int tag() {
      return tag;
    }

    /** Returns the record's event id. */
    public String id() {
      return id;
    }

    /** Returns the record's timestamp seconds. */
    public long epochSecond() {
      return sec;
    }

    /** Returns the record's timestamp nanoseconds. */
    public int nano() {
      return nanos;
    }

    /** Reads the record's next string component. */
    public String string() {
      return r.string();
    }

    /** Reads the record's next integer component. */
    public int varint() {
      return r.varint();
    }

    /**
     * Materialises the whole record.
     *
     * @param ticketId the clock's ticket id
     * @return the event
     */
    public TicketEvent event(String ticketId) {
      return at(start).materialise(ticketId);
    }

    /** The record whose header {@link #at} read, with its components: the whole event. */
    private TicketEvent materialise(String ticketId) {
      Instant at = Instant.ofEpochSecond(sec, nanos);
      boolean a = (tag & FLAG_A) != 0;
      boolean b = (tag & FLAG_B) != 0;
      return switch (tag & 0x0F) {
        case CREATED -> {
          int na = r.varint();
          Map<String, String> attrs = new LinkedHashMap<>();
          for (int k = 0; k < na; k++) {
            attrs.put(r.string(), r.string());
          }
          Set<String> tags = r.strings();
          TicketEvent.Created c =
              a
                  ? TicketEvent.Created.byAgent(ticketId, id, at, attrs, tags)
                  : TicketEvent.Created.byCustomer(ticketId, id, at, attrs, tags);
          yield b ? c.withStatus(r.string()) : c;
        }
        case CUSTOMER_MESSAGE -> new TicketEvent.CustomerMessage(ticketId, id, at);
        case AGENT_REPLY -> reply(ticketId, id, at, a, b);
        case STATUS_CHANGED -> new TicketEvent.StatusChanged(ticketId, id, at, r.string());
        case PRIORITY_CHANGED -> new TicketEvent.PriorityChanged(ticketId, id, at, r.string());
        case ATTRIBUTE_CHANGED ->
            new TicketEvent.AttributeChanged(ticketId, id, at, r.string(), r.string());
        case TAGS_CHANGED -> new TicketEvent.TagsChanged(ticketId, id, at, r.strings());
        case ASSIGNED -> new TicketEvent.Assigned(ticketId, id, at, r.string());
        case ESCALATED -> new TicketEvent.Escalated(ticketId, id, at, r.varint());
        case CALL_OFFERED -> new TicketEvent.CallOffered(ticketId, id, at, r.string());
        case CALL_ANSWERED -> new TicketEvent.CallAnswered(ticketId, id, at, r.string());
        case CALL_ABANDONED -> new TicketEvent.CallAbandoned(ticketId, id, at, r.string());
        case ATTRIBUTE_CLEARED -> new TicketEvent.AttributeCleared(ticketId, id, at, r.string());
        case PRIORITY_CLEARED -> new TicketEvent.PriorityCleared(ticketId, id, at);
        default -> throw new AssertionError("corrupt record tag " + tag);
      };
    }
  }

  /**
   * Puts the records in another order: record {@code i} becomes the one that was at {@code pos[i]},
   * a permutation of the indices. Moves bytes only (times are relative to a base that does not
   * move).
   *
   * @param pos the permutation
   */
  public void permute(int[] pos) {
    int[] offs = new int[size + 1];
    int off = 0;
    for (int i = 0; i < size; i++) {
      offs[i] = off;
      off = next(off);
    }
    offs[size] = off;
    byte[] out = new byte[buf.length];
    int at = 0;
    for (int i = 0; i < size; i++) {
      int from = offs[pos[i]];
      int len = offs[pos[i] + 1] - from;
      System.arraycopy(buf, from, out, at, len);
      lastOff = at;
      at += len;
    }
    buf = out;
    if (table != null) {
      buildIndex();
    }
    changed(); // even for the identity: a caller's permutation is a rewrite of the order
  }

  /**
   * Removes record {@code i}: the records after it move down one index and keep their order. Moves
   * the bytes after it ({@code O(bytes)}, plus rebuilding the id index of a long log); times keep
   * their base, so nothing is encoded again. An emptied log is a new one: the next record sets the
   * base.
   *
   * @param i the index
   * @throws IndexOutOfBoundsException if there is no record {@code i}
   */
  public void remove(int i) {
    java.util.Objects.checkIndex(i, size);
    int off = offset(i);
    int end = next(off);
    int len = end - off;
    System.arraycopy(buf, end, buf, off, used - end);
    used -= len;
    size--;
    if (offsets != null) {
      if (size < INDEX_FROM) { // scanned again, as any short log; indexed when it grows back
        offsets = null;
        idHash = null;
        table = null;
      } else {
        buildIndex(); // offsets after the record moved, and the table holds indices
      }
    }
    if (size == 0) {
      used = 0;
      lastOff = 0;
    } else if (i == size) {
      lastOff = offset(size - 1);
    } else {
      lastOff -= len;
    }
    changed(); // the records after i moved: what a reader kept of them is stale
  }

  private int offset(int i) {
    if (offsets != null) {
      return offsets[i];
    }
    int off = 0;
    for (int k = 0; k < i; k++) {
      off = next(off);
    }
    return off;
  }

  private void buildIndex() {
    int cap = Integer.highestOneBit(Math.max(INDEX_FROM, size) * 4 - 1) << 1;
    table = new int[cap];
    int[] offs = new int[Math.max(size, INDEX_FROM) * 2];
    int[] hashes = new int[offs.length];
    int off = 0;
    for (int i = 0; i < size; i++) {
      offs[i] = off;
      hashes[i] = idHashAt(off);
      off = next(off);
    }
    offsets = offs;
    idHash = hashes;
    for (int i = 0; i < size; i++) {
      insert(i);
    }
  }

  private void insert(int i) {
    int mask = table.length - 1;
    int slot = mix(idHash[i]) & mask;
    while (table[slot] != 0) {
      slot = (slot + 1) & mask;
    }
    table[slot] = i + 1;
  }

  private static int mix(int h) {
    return h * 0x9E3779B9 >>> 7 ^ h;
  }

  // ---------------------------------------------------------------------------------------------
  // Records

  /** The offset of the record after the one at {@code off}. */
  private int next(int off) {
    int len = 0;
    int shift = 0;
    byte b;
    do {
      b = buf[off++];
      len |= (b & 0x7F) << shift;
      shift += 7;
    } while (b < 0);
    return off + len;
  }

  /** The most chars of a common record's strings written in one go by {@link #encode}. */
  private static final int ONE_GO_CHARS = 256;

  /**
   * Appends the record of {@code e}: a length, then the body. A common record (a customer message,
   * reply, status change, assignment or attribute change) with short strings is written in one go
   * when the log has room for it at two bytes a char; any other is written piece by piece, with
   * room made for exactly what is written, so the log grows only when a record does not fit.
   */
  private void encode(TicketEvent e) {
    String s1 = null;
    String s2 = null;
    int tag;
    boolean rare = false; // components written by encodeRare
    if (e instanceof TicketEvent.CustomerMessage) {
      tag = CUSTOMER_MESSAGE;
    } else if (e instanceof TicketEvent.AgentReply r) {
      tag = AGENT_REPLY | (r.isPublic() ? FLAG_A : 0) | (r.automated() ? FLAG_B : 0);
    } else if (e instanceof TicketEvent.StatusChanged c) {
      tag = STATUS_CHANGED;
      s1 = c.status();
    } else if (e instanceof TicketEvent.Assigned a) {
      tag = ASSIGNED;
      s1 = a.assignee();
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      tag = ATTRIBUTE_CHANGED;
      s1 = a.key();
      s2 = a.value();
    } else if (e instanceof TicketEvent.Created c) {
      tag = CREATED | (c.byAgent() ? FLAG_A : 0) | (c.status().isPresent() ? FLAG_B : 0);
      rare = true;
    } else {
      tag = rareKindOf(e);
      rare = true;
    }
    String id = e.id();
    Instant at = e.at();
    int nanos = at.getNano();
    tag |= nanos != 0 ? FLAG_NANOS : 0;
    long rel = at.getEpochSecond() - baseSec; // Instant's range keeps this exact
    long zigzag = (rel << 1) ^ (rel >> 63);
    long chars =
        (long) id.length() + (s1 == null ? 0 : s1.length()) + (s2 == null ? 0 : s2.length());
    // a 2-byte length, tag, three strings (a 2-byte length and up to 2 bytes a char), seconds,
    // nanoseconds
    long worst = 2 + 1 + 3 * 2 + 2 * chars + 10 + 5;
    int start = used + 1; // the body, after a one-byte length
    if (!rare && chars <= ONE_GO_CHARS && used + worst <= buf.length) {
      byte[] b = buf;
      int p = start;
      b[p++] = (byte) tag;
      p = put(b, p, id);
      p = putVarlong(b, p, zigzag);
      if (nanos != 0) {
        p = putVarlong(b, p, nanos);
      }
      if (s1 != null) {
        p = put(b, p, s1);
      }
      if (s2 != null) {
        p = put(b, p, s2);
      }
      used = p;
    } else {
      ensure(2);
      used = start;
      buf[used++] = (byte) tag;
      string(id);
      ensure(varlongSize(zigzag) + (nanos != 0 ? varlongSize(nanos) : 0));
      putVarlong(zigzag);
      if (nanos != 0) {
        putVarlong(nanos);
      }
      if (rare) {
        encodeRare(e);
      } else {
        if (s1 != null) {
          string(s1);
        }
        if (s2 != null) {
          string(s2);
        }
      }
    }
    int len = used - start;
    if (len < 0x80) {
      buf[start - 1] = (byte) len;
      return;
    }
    // A longer body (wide chars, long strings, a far timestamp) shifts to make room.
    int extra = varlongSize(len) - 1;
    ensure(extra);
    System.arraycopy(buf, start, buf, start + extra, len);
    used = start - 1;
    varlong(len);
    used += len;
  }

  /** {@link #string} at {@code p} of {@code b}, which has room; returns the position after it. */
  private static int put(byte[] b, int p, String s) {
    int n = s.length();
    int lengthAt = p;
    p = putVarlong(b, p, 2L * n);
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > 0xFF) {
        return putWide(b, lengthAt, s);
      }
      b[p++] = (byte) c;
    }
    return p;
  }

  /**
   * {@link #string} of a string with a char above 0xFF at {@code p} of {@code b}, which has room:
   * the length varint with its low bit set, then two bytes a char; returns the position after it.
   */
  private static int putWide(byte[] b, int p, String s) {
    int n = s.length();
    p = putVarlong(b, p, 2L * n + 1);
    for (int k = 0; k < n; k++) {
      char w = s.charAt(k);
      b[p++] = (byte) (w >>> 8);
      b[p++] = (byte) w;
    }
    return p;
  }

  /** {@link #putVarlong} at {@code p} of {@code b}, which has room; returns the position after. */
  private static int putVarlong(byte[] b, int p, long v) {
    while ((v & ~0x7FL) != 0) {
      b[p++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    b[p++] = (byte) v;
    return p;
  }

  /** The components of the kinds {@link #encode} does not write itself. */
  private void encodeRare(TicketEvent e) {
    if (e instanceof TicketEvent.Created c) {
      varlong(c.attributes().size());
      for (Map.Entry<String, String> a : c.attributes().entrySet()) {
        string(a.getKey());
        string(a.getValue());
      }
      strings(c.tags());
      if (c.status().isPresent()) {
        string(c.status().get());
      }
    } else if (e instanceof TicketEvent.PriorityChanged p) {
      string(p.priority());
    } else if (e instanceof TicketEvent.TagsChanged t) {
      strings(t.tags());
    } else if (e instanceof TicketEvent.Escalated x) {
      varlong(x.level());
    } else if (e instanceof TicketEvent.CallOffered c) {
      string(c.callId());
    } else if (e instanceof TicketEvent.CallAnswered c) {
      string(c.callId());
    } else if (e instanceof TicketEvent.CallAbandoned c) {
      string(c.callId());
    } else if (e instanceof TicketEvent.AttributeCleared c) {
      string(c.key());
    } // a PriorityCleared has no component
  }

  /** The kind of an event other than the common ones and {@code Created}. */
  private static int rareKindOf(TicketEvent e) {
    if (e instanceof TicketEvent.PriorityChanged) {
      return PRIORITY_CHANGED;
    } else if (e instanceof TicketEvent.TagsChanged) {
      return TAGS_CHANGED;
    } else if (e instanceof TicketEvent.Escalated) {
      return ESCALATED;
    } else if (e instanceof TicketEvent.CallOffered) {
      return CALL_OFFERED;
    } else if (e instanceof TicketEvent.CallAnswered) {
      return CALL_ANSWERED;
    } else if (e instanceof TicketEvent.CallAbandoned) {
      return CALL_ABANDONED;
    } else if (e instanceof TicketEvent.AttributeCleared) {
      return ATTRIBUTE_CLEARED;
    } else if (e instanceof TicketEvent.PriorityCleared) {
      return PRIORITY_CLEARED;
    }
    throw new AssertionError("unknown event kind " + e.getClass());
  }

  private void ensure(int more) {
    if (used + more > buf.length) {
      // grows by half: less slack than doubling in a log that usually stops growing soon
      buf = Arrays.copyOf(buf, Math.max(buf.length + (buf.length >> 1), used + more));
    }
  }

  private void varlong(long v) {
    ensure(10);
    putVarlong(v);
  }

  /** {@link #varlong} into room made before. */
  private void putVarlong(long v) {
    used = putVarlong(buf, used, v);
  }

  private static int varlongSize(long v) {
    int n = 1;
    while ((v & ~0x7FL) != 0) {
      v >>>= 7;
      n++;
    }
    return n;
  }

  private void strings(Set<String> s) {
    varlong(s.size());
    for (String x : s) {
      string(x);
    }
  }

  /** Length times two plus one if wide, then one byte per char (or two if wide). */
  private void string(String s) {
    int n = s.length();
    // Optimistically narrow: written byte by byte until a wide char shows up (then rewritten).
    ensure(varlongSize(2L * n) + n);
    int lengthAt = used;
    putVarlong(2L * n);
    byte[] b = buf;
    int p = used;
    boolean wide = false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > 0xFF) {
        wide = true;
        break;
      }
      b[p++] = (byte) c;
    }
    if (!wide) {
      used = p;
      return;
    }
    used = lengthAt;
    ensure(varlongSize(2L * n + 1) + 2 * n);
    used = putWide(buf, used, s);
  }

  /** The {@link String#hashCode} of the id of the record at {@code off}. */
  private int idHashAt(int off) {
    Reader r = new Reader(buf, off);
    r.varint(); // length
    r.pos++; // tag
    int w = r.varint();
    int n = w >>> 1;
    byte[] b = buf;
    int p = r.pos;
    int h = 0;
    for (int i = 0; i < n; i++) {
      char c =
          (w & 1) == 0
              ? (char) (b[p + i] & 0xFF)
              : (char) (((b[p + 2 * i] & 0xFF) << 8) | (b[p + 2 * i + 1] & 0xFF));
      h = 31 * h + c;
    }
    return h;
  }

  /** Whether the id of the record at {@code off} is {@code id}. */
  private boolean idEquals(int off, String id) {
    Reader r = new Reader(buf, off);
    r.varint(); // length
    r.pos++; // tag
    int w = r.varint();
    int n = w >>> 1;
    if (n != id.length()) {
      return false;
    }
    byte[] b = buf;
    int p = r.pos;
    if ((w & 1) == 0) {
      for (int i = 0; i < n; i++) {
        if ((char) (b[p + i] & 0xFF) != id.charAt(i)) {
          return false;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        char c = (char) (((b[p + 2 * i] & 0xFF) << 8) | (b[p + 2 * i + 1] & 0xFF));
        if (c != id.charAt(i)) {
          return false;
        }
      }
    }
    return true;
  }

  private TicketEvent decode(int off, String ticketId) {
    return new Cursor().at(off).materialise(ticketId);
  }

  private static TicketEvent.AgentReply reply(
      String ticketId, String id, Instant at, boolean isPublic, boolean automated) {
    TicketEvent.AgentReply r =
        isPublic
            ? TicketEvent.AgentReply.publicReply(ticketId, id, at)
            : TicketEvent.AgentReply.internalNote(ticketId, id, at);
    return automated ? r.asAutomated() : r;
  }

  /** Reads a record written by this class (trusted input). */
  private static final class Reader {
    private final byte[] b;
    int pos;

    Reader(byte[] b, int pos) {
      this.b = b;
      this.pos = pos;
    }

    long varlong() {
      long v = 0;
      int shift = 0;
      byte x;
      do {
        x = b[pos++];
        v |= (long) (x & 0x7F) << shift;
        shift += 7;
      } while (x < 0);
      return v;
    }

    int varint() {
      return (int) varlong();
    }

    String string() {
      int w = varint();
      int n = w >>> 1;
      if ((w & 1) == 0) { // one byte a char, each below 256: Latin-1
        String s = new String(b, pos, n, StandardCharsets.ISO_8859_1);
        pos += n;
        return s;
      }
      char[] c = new char[n]; // two bytes a char
      for (int i = 0; i < n; i++) {
        c[i] = (char) (((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF));
        pos += 2;
      }
      return new String(c);
    }

    Set<String> strings() {
      int n = varint();
      Set<String> s = new LinkedHashSet<>();
      for (int k = 0; k < n; k++) {
        s.add(string());
      }
      return s;
    }
  }
}
