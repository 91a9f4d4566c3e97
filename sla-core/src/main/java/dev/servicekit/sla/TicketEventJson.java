package dev.servicekit.sla;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.JsonInput;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The JSON form of {@link TicketEvent}s, one event per JSON object, and its streaming JSON Lines
 * (one object per line) reader and writer.
 *
 * <p>Format versions 1 to {@value #VERSION}: every event object has {@code "v"}, {@code "kind"}
 * (the simple name of the event class, e.g. {@code "StatusChanged"}), {@code "ticketId"}, {@code
 * "id"}, {@code "at"} (an ISO-8601 instant such as {@code "2026-03-02T09:00:00Z"}; an offset such
 * as {@code "+03:00"} is accepted on input), and the kind's own components under their accessor
 * names:
 *
 * <pre>
 * Created           attributes {"tier":"gold"} (optional, default {}), tags ["vip"] (optional,
 *                   default [], each tag once), byAgent false (optional, default false), status "open"
 *                   (optional, version 2 only; default: the policy set's initial status)
 * CustomerMessage   -
 * AgentReply        isPublic true|false, automated true|false
 * StatusChanged     status
 * PriorityChanged   priority
 * AttributeChanged  key, value
 * TagsChanged       tags (each tag once)
 * Assigned          assignee
 * Escalated         level (integer, 1 or more)
 * CallOffered, CallAnswered, CallAbandoned   callId
 * AttributeCleared  key (version 4 only)
 * PriorityCleared   - (version 4 only)
 * </pre>
 *
 * <p>Version 2 adds the initial status of {@code Created}; nothing else differs. The writer writes
 * each event in the lowest version that expresses it ({@code "v": 1} unless a {@code Created} names
 * its status), so readers of version 1 keep reading every event they can represent, and the reader
 * reads every version (a version 1 object with a {@code status} on {@code Created} is rejected).
 *
 * <p>Version 3 adds the correction records {@code Retracted} and {@code Replaced} ({@link
 * EventCorrection}: an event deleted or edited in the source system), which {@link
 * #readInput(String)} reads beside events and {@link #write(EventCorrection)} writes; events are
 * unchanged and still written in version 1 or 2. {@link #read(String)} and the line reader read
 * events only, and refuse a correction record by name. A correction is a value of its own, not a
 * thirteenth event kind: it has no instant, never enters a clock's log, and code that switches over
 * the event kinds stays exhaustive.
 *
 * <p>Version 4 adds the kinds {@code AttributeCleared} and {@code PriorityCleared} ({@link
 * TicketEvent.AttributeCleared}, {@link TicketEvent.PriorityCleared}: an attribute or the explicit
 * priority set to nothing), written with {@code "v": 4}; a clear in an object of an earlier version
 * is rejected, so a reader of version 3 or earlier refuses a clear by its version instead of taking
 * it for an unknown kind. Every other event is still written in version 1 or 2, and correction
 * records in version 3.
 *
 * <p>For example {@code {"v":1,"kind":"AgentReply","ticketId":"T-1","id":"e7",
 * "at":"2026-03-02T09:30:00Z","isPublic":true,"automated":false}}. Events are built by the kinds'
 * public constructors, so JSON and code share one validation. Unknown fields, fields of another
 * kind, duplicate fields, a tag listed twice ({@code "tag 'vip' is listed twice (at $.tags[1], line
 * 1, column 98)"}: tags are a set, as in code) and other versions are rejected. The writer emits
 * fields in the order above, attributes and tags sorted, so equal events are written as equal text;
 * {@code read(write(e))} equals {@code e} for every event whose JSON is at most {@link
 * #MAX_JSON_CHARS} characters (an event over it has hundreds of thousands of attributes or tags;
 * the line writer refuses any event over {@link #MAX_LINE_CHARS}).
 *
 * <p>Errors are {@link IllegalArgumentException}s whose message ends with the position, in the
 * layout of every JSON reader: {@code (at $.status, line 12, column 40)} (line 1 for {@link
 * #read(String)}); values are quoted in bounded excerpts. The line reader holds one line at a time
 * (at most {@link #MAX_LINE_CHARS} characters), so it reads any number of events in constant
 * memory. A line ends at {@code "\n"}, {@code "\r\n"} or a bare {@code "\r"} (as {@link
 * java.io.BufferedReader#readLine()} reads them), and line numbers count every one of them.
 *
 * <p>Stateless and thread-safe; the {@link LineReader} and {@link LineWriter} are not thread-safe.
 */
public final class TicketEventJson {

  /**
   * The highest format version this class writes and reads: 4, the version of the clear kinds
   * ({@code AttributeCleared}, {@code PriorityCleared}); other events are still written in version
   * 1 or 2, correction records in version 3.
   */
  public static final int VERSION = 4;

  /** The format version of a {@code Created} event with its status: no event needs a later one. */
  private static final int STATUS_VERSION = 2;

  /**
   * The first format version with the correction records {@code Retracted} and {@code Replaced}.
   */
  private static final int CORRECTIONS_VERSION = 3;

  /**
   * The first format version with the kinds {@code AttributeCleared} and {@code PriorityCleared}.
   */
  private static final int CLEARS_VERSION = 4;

  /** The longest line the line reader accepts, in characters (1 MiB). */
  public static final int MAX_LINE_CHARS = 1 << 20;

  /**
   * The most bytes of one line the byte-stream line reader buffers: 4 per character, more than a
   * line of {@link #MAX_LINE_CHARS} characters in UTF-8 has.
   */
  private static final int MAX_LINE_BYTES = 4 * MAX_LINE_CHARS;

  /**
   * The longest text {@link #read(String)} accepts, in characters (16 Mi, the document limit of
   * every JSON reader of sla-core): a longer text is refused before it is parsed.
   */
  public static final int MAX_JSON_CHARS = JsonInput.MAX_DOCUMENT_LENGTH;

  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final DateTimeFormatter OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private static final Set<String> COMMON = Set.of("v", "kind", "ticketId", "id", "at");

  /** The fields of every correction record: an event's common fields but {@code at}. */
  private static final Set<String> CORRECTION_COMMON = Set.of("v", "kind", "ticketId", "id");

  /** The correction records' own fields, by kind name. */
  private static final Map<String, Set<String>> CORRECTIONS = corrections();

  private static Map<String, Set<String>> corrections() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("Retracted", Set.of());
    m.put("Replaced", Set.of("event"));
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The kinds' own fields, by kind name. */
  private static final Map<String, Set<String>> FIELDS = fields();

  private static Map<String, Set<String>> fields() {
    Map<String, Set<String>> m = new LinkedHashMap<>();
    m.put("Created", Set.of("attributes", "tags", "byAgent", "status"));
    m.put("CustomerMessage", Set.of());
    m.put("AgentReply", Set.of("isPublic", "automated"));
    m.put("StatusChanged", Set.of("status"));
    m.put("PriorityChanged", Set.of("priority"));
    m.put("AttributeChanged", Set.of("key", "value"));
    m.put("TagsChanged", Set.of("tags"));
    m.put("Assigned", Set.of("assignee"));
    m.put("Escalated", Set.of("level"));
    m.put("CallOffered", Set.of("callId"));
    m.put("CallAnswered", Set.of("callId"));
    m.put("CallAbandoned", Set.of("callId"));
    m.put("AttributeCleared", Set.of("key"));
    m.put("PriorityCleared", Set.of());
    return java.util.Collections.unmodifiableMap(m);
  }

  private TicketEventJson() {}

  /**
   * The common fields and {@code kind}'s own, sorted; every kind's (correction records' too when
   * {@code inputs}) if it is not known yet.
   */
  private static java.util.SortedSet<String> allowedFields(String kind, boolean inputs) {
    Set<String> correction = kind == null ? null : CORRECTIONS.get(kind);
    if (correction != null) {
      java.util.SortedSet<String> out = new java.util.TreeSet<>(CORRECTION_COMMON);
      out.addAll(correction);
      return out;
    }
    java.util.SortedSet<String> out = new java.util.TreeSet<>(COMMON);
    Set<String> own = kind == null ? null : FIELDS.get(kind);
    if (own != null) {
      out.addAll(own);
    } else {
      FIELDS.values().forEach(out::addAll);
      if (inputs) {
        CORRECTIONS.values().forEach(out::addAll);
      }
    }
    return out;
  }

  /**
   * Returns the kind names of the format, in {@link TicketEvent}'s declaration order.
   *
   * @return the kind names, e.g. {@code "StatusChanged"}
   */
  public static Set<String> kinds() {
    return FIELDS.keySet();
  }

  /**
   * Writes one event as a single-line JSON object (no trailing newline). {@code O(components)}.
   *
   * @param event the event
   * @return its JSON form
   */
  public static String write(TicketEvent event) {
    Objects.requireNonNull(event, "event");
    StringWriter out = new StringWriter(128);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      writeTo(g, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a StringWriter
    }
    return out.toString();
  }

  /**
   * Writes one correction as a single-line JSON object (no trailing newline), in format version
   * {@value #VERSION}: {@code {"v":3,"kind":"Retracted","ticketId":"T-1","id":"e7"}}, or {@code
   * {"v":3,"kind":"Replaced","ticketId":"T-1","id":"e7","event":{...}}} with the new event in its
   * own form ({@link #write(TicketEvent)}). {@code O(components)}.
   *
   * @param correction the correction
   * @return its JSON form
   */
  public static String write(EventCorrection correction) {
    Objects.requireNonNull(correction, "correction");
    StringWriter out = new StringWriter(correction.isRetraction() ? 64 : 192);
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("v", CORRECTIONS_VERSION);
      g.writeStringField("kind", correction.isRetraction() ? "Retracted" : "Replaced");
      g.writeStringField("ticketId", correction.ticketId());
      g.writeStringField("id", correction.eventId());
      if (!correction.isRetraction()) {
        g.writeFieldName("event");
        writeTo(g, correction.replacement().orElseThrow());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a StringWriter
    }
    return out.toString();
  }

  /**
   * Reads one record of a ticket's input stream: an event object, as {@link #read(String)} reads
   * it, or a correction record of format version 3 or later ({@link EventCorrection}):
   *
   * <pre>
   * {"v":3,"kind":"Retracted","ticketId":"T-1","id":"e7"}
   * {"v":3,"kind":"Replaced","ticketId":"T-1","id":"e7","event":{"v":1,"kind":"StatusChanged",
   *     "ticketId":"T-1","id":"e7","at":"2026-03-02T09:30:00Z","status":"pending"}}
   * </pre>
   *
   * <p>Every record has {@code v}, {@code kind}, {@code ticketId} and {@code id} at its top level,
   * so a topic of mixed records is routed and filtered alike. A correction names the event by
   * {@code ticketId} and {@code id} and has no {@code at} (it is not something that happened to the
   * ticket); a {@code Replaced} carries the whole new event under {@code event}, an event object of
   * any version whose {@code ticketId} and {@code id} must be the record's own (an edit keeps the
   * event's identity; a new id is a retraction and a new event). As for events, unknown fields,
   * fields of another kind, duplicate fields, a missing field and a correction kind in a version
   * before 3 are rejected, and so is a correction inside {@code event}. {@code O(length)}.
   *
   * @param json the JSON object
   * @return the event or correction
   * @throws IllegalArgumentException if the text is not one valid event or correction object,
   *     naming the rule, the line, column and JSON path, or is longer than {@link #MAX_JSON_CHARS}
   */
  public static TicketInput readInput(String json) {
    return parseInput(document(json), 0, false, true);
  }

  /**
   * Reads one event from a JSON object (surrounding whitespace allowed, nothing else). A correction
   * record is refused, naming {@link #readInput(String)}, which reads both.
   *
   * <p>A text longer than {@link #MAX_JSON_CHARS} characters is refused up front ({@code "malformed
   * JSON: document of 16777217 characters is longer than 16777216 (at $)"}), as the configuration
   * readers refuse one, rather than parsed; the memory of the event read is then bounded by that
   * length. {@code O(length)}.
   *
   * @param json the JSON object
   * @return the event
   * @throws IllegalArgumentException if the text is not one valid event object, naming the line,
   *     column and JSON path, or is longer than {@link #MAX_JSON_CHARS}
   */
  public static TicketEvent read(String json) {
    return (TicketEvent) parseInput(document(json), 0, false, false);
  }

  /** A whole document's text without its BOM, refused up front if longer than the bound. */
  private static String document(String json) {
    Objects.requireNonNull(json, "json");
    if (json.length() > MAX_JSON_CHARS) {
      throw new IllegalArgumentException(
          JsonInput.located(
              "malformed JSON: document of "
                  + json.length()
                  + " characters is longer than "
                  + MAX_JSON_CHARS,
              "$"));
    }
    return JsonInput.withoutBom(json);
  }

  /**
   * Returns a reader of JSON Lines: one event object per line; blank lines (empty, or of spaces and
   * tabs, JSON's whitespace) are skipped, and a line of other characters is an error. A line ends
   * at {@code "\n"}, {@code "\r\n"} or a bare {@code "\r"}. The reader does not close {@code in}
   * unless it is closed itself.
   *
   * @param in the character stream
   * @return the line reader
   */
  public static LineReader reader(java.io.Reader in) {
    return new LineReader(Objects.requireNonNull(in, "in"), null, false);
  }

  /**
   * Returns a reader of JSON Lines of events and corrections ({@link #readInput(String)} per line),
   * as {@link #reader(java.io.Reader)} reads events: the record stream of a ticket input topic.
   *
   * @param in the character stream
   * @return the line reader
   */
  public static InputLineReader inputReader(java.io.Reader in) {
    return new InputLineReader(new LineReader(Objects.requireNonNull(in, "in"), null, true));
  }

  /**
   * Returns a reader of JSON Lines of events and corrections in UTF-8, as {@link
   * #reader(InputStream)} reads events (strict decoding per line, bounded buffering).
   *
   * @param in the byte stream, UTF-8
   * @return the line reader
   */
  public static InputLineReader inputReader(InputStream in) {
    return new InputLineReader(new LineReader(null, Objects.requireNonNull(in, "in"), true));
  }

  /**
   * Returns a reader of JSON Lines in UTF-8, as {@link #reader(java.io.Reader)} does, decoding each
   * line strictly on its own: a line that is not valid UTF-8 is one {@link
   * IllegalArgumentException} naming its line and the bad byte within it ({@code "line is not valid
   * UTF-8 (at $, line 2, byte 8)"}), after every line before it has been delivered, and the next
   * call reads the line that follows it. (A strict {@link java.io.Reader}, such as {@code
   * Files.newBufferedReader}'s, decodes ahead of the lines, so its decoding error comes before the
   * lines that precede the bad byte, as an {@link UncheckedIOException} without a position; an
   * {@code InputStreamReader} replaces a bad byte with U+FFFD without a word.) A line longer than
   * {@link #MAX_LINE_CHARS} characters is one error too, found as soon as the line has more bytes
   * that start a character than that; a line of more than {@code 4 * MAX_LINE_CHARS} bytes with
   * fewer that start one (bytes 0x80 to 0xBF, which continue a character, make up the rest) is not
   * UTF-8, and is one error at its first bad byte once that many are buffered. So at most about
   * {@code 4 * MAX_LINE_CHARS} bytes of a line are buffered. The reader does not close {@code in}
   * unless it is closed itself; buffering {@code in} is not needed.
   *
   * @param in the byte stream, UTF-8
   * @return the line reader
   */
  public static LineReader reader(InputStream in) {
    return new LineReader(null, Objects.requireNonNull(in, "in"), false);
  }

  /**
   * Returns a writer of JSON Lines: one event object and a {@code '\n'} per event. Buffer {@code
   * out} yourself if it is unbuffered.
   *
   * @param out the character stream
   * @return the line writer
   */
  public static LineWriter writer(Writer out) {
    return new LineWriter(Objects.requireNonNull(out, "out"));
  }

  private static void writeTo(JsonGenerator g, TicketEvent e) throws IOException {
    g.writeStartObject();
    g.writeNumberField(
        "v",
        e instanceof TicketEvent.Created c && c.status().isPresent()
            ? STATUS_VERSION
            : e instanceof TicketEvent.AttributeCleared || e instanceof TicketEvent.PriorityCleared
                ? CLEARS_VERSION
                : 1);
    g.writeStringField("kind", e.getClass().getSimpleName());
    g.writeStringField("ticketId", e.ticketId());
    g.writeStringField("id", e.id());
    g.writeStringField("at", e.at().toString());
    if (e instanceof TicketEvent.Created c) {
      g.writeObjectFieldStart("attributes");
      for (Map.Entry<String, String> a : new TreeMap<>(c.attributes()).entrySet()) {
        g.writeStringField(a.getKey(), a.getValue());
      }
      g.writeEndObject();
      writeTags(g, c.tags());
      g.writeBooleanField("byAgent", c.byAgent());
      if (c.status().isPresent()) {
        g.writeStringField("status", c.status().get());
      }
    } else if (e instanceof TicketEvent.AgentReply r) {
      g.writeBooleanField("isPublic", r.isPublic());
      g.writeBooleanField("automated", r.automated());
    } else if (e instanceof TicketEvent.StatusChanged s) {
      g.writeStringField("status", s.status());
    } else if (e instanceof TicketEvent.PriorityChanged p) {
      g.writeStringField("priority", p.priority());
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      g.writeStringField("key", a.key());
      g.writeStringField("value", a.value());
    } else if (e instanceof TicketEvent.TagsChanged t) {
      writeTags(g, t.tags());
    } else if (e instanceof TicketEvent.Assigned a) {
      g.writeStringField("assignee", a.assignee());
    } else if (e instanceof TicketEvent.Escalated x) {
      g.writeNumberField("level", x.level());
    } else if (e instanceof TicketEvent.CallOffered c) {
      g.writeStringField("callId", c.callId());
    } else if (e instanceof TicketEvent.CallAnswered c) {
      g.writeStringField("callId", c.callId());
    } else if (e instanceof TicketEvent.CallAbandoned c) {
      g.writeStringField("callId", c.callId());
    } else if (e instanceof TicketEvent.AttributeCleared c) {
      g.writeStringField("key", c.key());
    } // a PriorityCleared has no component
    g.writeEndObject();
  }

  private static void writeTags(JsonGenerator g, Set<String> tags) throws IOException {
    g.writeArrayFieldStart("tags");
    for (String t : new TreeSet<>(tags)) {
      g.writeString(t);
    }
    g.writeEndArray();
  }

  /** The fields of one object as read, before the kind's constructor validates them. */
  private static final class Fields {
    final long fixedLine; // the line of a JSON Lines line, or 0 to take lines from the parser
    final String root; // the path of the object: $ or $.events[3]
    final boolean inputs; // correction records are read too
    long objectLine;
    int objectColumn;
    Integer version;
    String kind;
    String ticketId;
    String id;
    Instant at;
    Map<String, String> attributes;
    List<String> tags;
    Boolean byAgent;
    Boolean isPublic;
    Boolean automated;
    String status;
    String priority;
    String key;
    String value;
    String assignee;
    String callId;
    Integer level;
    Fields event; // a Replaced record's new event, as read
    // where each field's value started, for errors found after the object is read
    final Map<String, Integer> columns = new LinkedHashMap<>();

    Fields(long fixedLine, String root, boolean inputs) {
      this.fixedLine = fixedLine;
      this.root = root;
      this.inputs = inputs;
    }

    long line(JsonParser p) {
      return fixedLine > 0 ? fixedLine : p.currentTokenLocation().getLineNr();
    }
  }

  /** One object: an event, or with {@code inputs} an event or a correction. */
  private static TicketInput parseInput(String text, long line, boolean oneLine, boolean inputs) {
    String what = inputs ? "an event or correction object" : "an event object";
    JsonInput.requireJackson();
    try (JsonParser p = FACTORY.createParser(text)) {
      // caught before the parser closes: closing clears the token pathOf reads (Jackson 2.20)
      try {
        JsonToken t = p.nextToken();
        if (t == null) {
          // nothing but whitespace: point at the end of the input, 1-based
          JsonLocation end = p.currentLocation();
          throw error(
              "expected " + what + " but found nothing",
              line > 0 ? line : end.getLineNr(),
              end.getColumnNr(),
              "$");
        }
        TicketInput e = build(readFields(p, line, "$", inputs));
        if (p.nextToken() != null) {
          String one = inputs ? "one event or correction object" : "one event object";
          throw error(
              oneLine
                  ? "expected " + one + " per line but found more after it"
                  : "expected " + one + " but found more after it",
              line > 0 ? line : p.currentTokenLocation().getLineNr(),
              column(p),
              "$");
        }
        return e;
      } catch (JsonProcessingException e) {
        throw syntax(e, line);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen on a String
    }
  }

  /**
   * The exception for a JSON syntax error, positioned; {@code line} 0 takes the parser's line. Call
   * it before the parser is closed, so that the path names the value the error is in.
   */
  static IllegalArgumentException syntax(JsonProcessingException e, long line) {
    return syntax(e, line, pathOf(e));
  }

  private static IllegalArgumentException syntax(
      JsonProcessingException e, long line, String path) {
    JsonLocation l = e.getLocation();
    return error(
        "malformed JSON: " + JsonInput.parserMessage(e.getOriginalMessage()),
        line > 0 ? line : l == null ? 1 : l.getLineNr(),
        l == null ? 1 : l.getColumnNr(),
        path);
  }

  /**
   * The current token's text. Jackson reads a string's content only when asked, so a syntax error
   * inside it (a control character, a bad escape) surfaces here, where the parser's state cannot
   * tell it from an error after the value: it is located at {@code path}, the value's own.
   */
  private static String text(JsonParser p, long line, String path) throws IOException {
    try {
      return p.getText();
    } catch (JsonProcessingException e) {
      throw syntax(e, line, path);
    }
  }

  /**
   * Reads one event object; the parser is on its first token, and is left on its END_OBJECT. {@code
   * fixedLine} is the line to report (0: the parser's own line), {@code root} the object's JSON
   * path.
   */
  static TicketEvent readObject(JsonParser p, long fixedLine, String root) throws IOException {
    return (TicketEvent) build(readFields(p, fixedLine, root, false));
  }

  /**
   * Reads one object's fields (an event's, or with {@code inputs} also a correction's); the parser
   * is on its first token, and is left on its END_OBJECT.
   */
  private static Fields readFields(JsonParser p, long fixedLine, String root, boolean inputs)
      throws IOException {
    Fields f = new Fields(fixedLine, root, inputs);
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw error(
          "expected "
              + (inputs ? "an event or correction object" : "an event object")
              + " but found "
              + excerpt(p.getText()),
          f.line(p),
          column(p),
          root);
    }
    f.objectLine = f.line(p);
    f.objectColumn = column(p);
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      p.nextToken();
      f.columns.put(name, column(p));
      readField(p, f, name);
    }
    return f;
  }

  /**
   * The path of the value a syntax error is in, as every JSON reader of the module names it: {@code
   * $.level}, {@code $.attributes.tier}, {@code $.tags[1]}, and a duplicate name's, {@code
   * $.status}; between an object's members otherwise (a missing name), the object's own path,
   * {@code $} or {@code $.attributes}.
   */
  private static String pathOf(JsonProcessingException e) {
    if (e.getProcessor() instanceof JsonParser p && p.getParsingContext() != null) {
      com.fasterxml.jackson.core.JsonStreamContext ctx = p.getParsingContext();
      // in an object, the context still holds the previous member's name until the next one is read
      if (ctx.inObject() && p.currentToken() != JsonToken.FIELD_NAME) {
        String object = JsonInput.pathOf(ctx.getParent());
        // a duplicate name is known: the path of its second occurrence, as the other readers say
        java.util.regex.Matcher dup = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
        return dup.lookingAt() ? child(object, dup.group(1)) : object;
      }
      return JsonInput.pathOf(ctx);
    }
    return "$";
  }

  private static final java.util.regex.Pattern DUPLICATE =
      java.util.regex.Pattern.compile("Duplicate field '([^']*)'");

  private static void readField(JsonParser p, Fields f, String name) throws IOException {
    String path = child(f.root, name);
    if (f.inputs && name.equals("event")) { // a Replaced record's new event
      if (p.currentToken() != JsonToken.START_OBJECT) {
        throw expected("an event object", p, f.line(p), path);
      }
      f.event = readFields(p, f.fixedLine, path, false);
      return;
    }
    switch (name) {
      case "v" -> {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
            || p.getNumberType() != JsonParser.NumberType.INT) {
          throw expected("an integer", p, f.line(p), path);
        }
        f.version = p.getIntValue();
        if (f.version < 1 || f.version > VERSION) {
          throw error(
              "format version "
                  + f.version
                  + " is not supported: this reader reads versions 1 to "
                  + VERSION,
              f.line(p),
              column(p),
              path);
        }
      }
      case "kind" -> {
        f.kind = string(p, f.line(p), path);
        if (CORRECTIONS.containsKey(f.kind) && !f.inputs) {
          throw error(
              "kind "
                  + excerpt(f.kind)
                  + " is a correction, not an event: "
                  + (f.root.equals("$")
                      ? "read it with TicketEventJson.readInput (or inputReader for JSON Lines)"
                      : "a Replaced record's event must be an event"),
              f.line(p),
              column(p),
              path);
        }
        if (!FIELDS.containsKey(f.kind) && !CORRECTIONS.containsKey(f.kind)) {
          List<String> kinds = new ArrayList<>(FIELDS.keySet());
          if (f.inputs) {
            kinds.addAll(CORRECTIONS.keySet());
          }
          throw error(
              "kind " + excerpt(f.kind) + " is unknown: expected one of " + kinds,
              f.line(p),
              column(p),
              path);
        }
      }
      case "ticketId" -> f.ticketId = string(p, f.line(p), path);
      case "id" -> f.id = string(p, f.line(p), path);
      case "at" -> f.at = instant(string(p, f.line(p), path), p, f.line(p), path);
      case "attributes" -> {
        if (p.currentToken() != JsonToken.START_OBJECT) {
          throw expected("an object of strings", p, f.line(p), path);
        }
        Map<String, String> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, string(p, f.line(p), child(path, k)));
        }
        f.attributes = m;
      }
      case "tags" -> {
        if (p.currentToken() != JsonToken.START_ARRAY) {
          throw expected("an array of strings", p, f.line(p), path);
        }
        List<String> l = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          String tagPath = path + "[" + l.size() + "]";
          String tag = string(p, f.line(p), tagPath);
          if (!seen.add(tag)) {
            // tags are a set: a repeat is a slip that would merge without a word, refused as every
            // list of the configuration readers refuses one, at the second occurrence
            throw error("tag " + excerpt(tag) + " is listed twice", f.line(p), column(p), tagPath);
          }
          l.add(tag);
        }
        f.tags = l;
      }
      case "byAgent" -> f.byAgent = bool(p, f.line(p), path);
      case "isPublic" -> f.isPublic = bool(p, f.line(p), path);
      case "automated" -> f.automated = bool(p, f.line(p), path);
      case "status" -> f.status = string(p, f.line(p), path);
      case "priority" -> f.priority = string(p, f.line(p), path);
      case "key" -> f.key = string(p, f.line(p), path);
      case "value" -> f.value = string(p, f.line(p), path);
      case "assignee" -> f.assignee = string(p, f.line(p), path);
      case "callId" -> f.callId = string(p, f.line(p), path);
      case "level" -> {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
            || p.getNumberType() != JsonParser.NumberType.INT) {
          throw expected("an integer", p, f.line(p), path);
        }
        f.level = p.getIntValue();
      }
      default ->
          throw error(
              JsonInput.unknownField(name) + "; expected one of " + allowedFields(f.kind, f.inputs),
              f.line(p),
              column(p),
              path);
    }
  }

  private static TicketInput build(Fields f) {
    int objectColumn = f.objectColumn;
    require(f, f.version != null, "v", objectColumn);
    require(f, f.kind != null, "kind", objectColumn);
    if (CORRECTIONS.containsKey(f.kind)) {
      return buildCorrection(f);
    }
    Set<String> own = FIELDS.get(f.kind);
    for (Map.Entry<String, Integer> c : f.columns.entrySet()) {
      if (!COMMON.contains(c.getKey()) && !own.contains(c.getKey())) {
        throw error(
            "field "
                + c.getKey()
                + " does not belong to kind "
                + f.kind
                + "; its fields are "
                + own,
            f.objectLine,
            c.getValue(),
            child(f.root, c.getKey()));
      }
    }
    require(f, f.ticketId != null, "ticketId", objectColumn);
    require(f, f.id != null, "id", objectColumn);
    require(f, f.at != null, "at", objectColumn);
    try {
      return switch (f.kind) {
        case "Created" -> {
          if (f.status != null && f.version < 2) {
            throw error(
                "field status of kind Created needs format version 2, found version " + f.version,
                f.objectLine,
                f.columns.get("status"),
                f.root + ".status");
          }
          yield TicketEvent.created(
              f.ticketId,
              f.id,
              f.at,
              f.attributes == null ? Map.of() : f.attributes,
              f.tags == null ? Set.of() : new java.util.LinkedHashSet<>(f.tags),
              f.byAgent != null && f.byAgent,
              f.status);
        }
        case "CustomerMessage" -> new TicketEvent.CustomerMessage(f.ticketId, f.id, f.at);
        case "AgentReply" -> {
          require(f, f.isPublic != null, "isPublic", objectColumn);
          require(f, f.automated != null, "automated", objectColumn);
          yield TicketEvent.reply(f.ticketId, f.id, f.at, f.isPublic, f.automated);
        }
        case "StatusChanged" -> {
          require(f, f.status != null, "status", objectColumn);
          yield new TicketEvent.StatusChanged(f.ticketId, f.id, f.at, f.status);
        }
        case "PriorityChanged" -> {
          require(f, f.priority != null, "priority", objectColumn);
          yield new TicketEvent.PriorityChanged(f.ticketId, f.id, f.at, f.priority);
        }
        case "AttributeChanged" -> {
          require(f, f.key != null, "key", objectColumn);
          require(f, f.value != null, "value", objectColumn);
          yield new TicketEvent.AttributeChanged(f.ticketId, f.id, f.at, f.key, f.value);
        }
        case "TagsChanged" -> {
          require(f, f.tags != null, "tags", objectColumn);
          yield new TicketEvent.TagsChanged(
              f.ticketId, f.id, f.at, new java.util.LinkedHashSet<>(f.tags));
        }
        case "Assigned" -> {
          require(f, f.assignee != null, "assignee", objectColumn);
          yield new TicketEvent.Assigned(f.ticketId, f.id, f.at, f.assignee);
        }
        case "Escalated" -> {
          require(f, f.level != null, "level", objectColumn);
          yield new TicketEvent.Escalated(f.ticketId, f.id, f.at, f.level);
        }
        case "CallOffered" -> {
          require(f, f.callId != null, "callId", objectColumn);
          yield new TicketEvent.CallOffered(f.ticketId, f.id, f.at, f.callId);
        }
        case "CallAnswered" -> {
          require(f, f.callId != null, "callId", objectColumn);
          yield new TicketEvent.CallAnswered(f.ticketId, f.id, f.at, f.callId);
        }
        case "CallAbandoned" -> {
          require(f, f.callId != null, "callId", objectColumn);
          yield new TicketEvent.CallAbandoned(f.ticketId, f.id, f.at, f.callId);
        }
        case "AttributeCleared" -> {
          requireClearVersion(f);
          require(f, f.key != null, "key", objectColumn);
          yield new TicketEvent.AttributeCleared(f.ticketId, f.id, f.at, f.key);
        }
        case "PriorityCleared" -> {
          requireClearVersion(f);
          yield new TicketEvent.PriorityCleared(f.ticketId, f.id, f.at);
        }
        default -> throw new AssertionError(f.kind); // kind was checked on reading
      };
    } catch (IllegalArgumentException e) {
      if (JsonInput.isLocated(e.getMessage())) {
        throw e;
      }
      // Located at the field the event's own check names, when it names one of this object's.
      String field = fieldNamed(e.getMessage(), f.kind);
      Integer column = field == null ? null : f.columns.get(field);
      throw error(
          JsonInput.parserMessage(e.getMessage()),
          f.objectLine,
          column == null ? objectColumn : column,
          column == null ? "$" : f.root + "." + field);
    }
  }

  /** Refuses a clear in an object of a version before the clears', at its {@code kind}. */
  private static void requireClearVersion(Fields f) {
    if (f.version < CLEARS_VERSION) {
      throw error(
          "kind "
              + f.kind
              + " needs format version "
              + CLEARS_VERSION
              + ", found version "
              + f.version,
          f.objectLine,
          f.columns.get("kind"),
          f.root + ".kind");
    }
  }

  /** A correction record, its fields read: checked as {@link #readInput} documents. */
  private static EventCorrection buildCorrection(Fields f) {
    int objectColumn = f.objectColumn;
    if (f.version < CORRECTIONS_VERSION) {
      throw error(
          "kind "
              + f.kind
              + " needs format version "
              + CORRECTIONS_VERSION
              + ", found version "
              + f.version,
          f.objectLine,
          f.columns.get("kind"),
          f.root + ".kind");
    }
    Set<String> own = CORRECTIONS.get(f.kind);
    for (Map.Entry<String, Integer> c : f.columns.entrySet()) {
      if (!CORRECTION_COMMON.contains(c.getKey()) && !own.contains(c.getKey())) {
        throw error(
            "field "
                + JsonInput.excerpt(c.getKey())
                + " does not belong to kind "
                + f.kind
                + "; its fields are "
                + allowedFields(f.kind, true),
            f.objectLine,
            c.getValue(),
            child(f.root, c.getKey()));
      }
    }
    require(f, f.ticketId != null, "ticketId", objectColumn);
    require(f, f.id != null, "id", objectColumn);
    if (f.kind.equals("Retracted")) {
      try {
        return EventCorrection.retract(f.ticketId, f.id);
      } catch (IllegalArgumentException e) {
        // the id rule's checks start with "ticketId" or "event id"
        String field = fieldNamed(e.getMessage(), f.kind);
        Integer column = field == null ? null : f.columns.get(field);
        throw error(
            JsonInput.parserMessage(e.getMessage()),
            f.objectLine,
            column == null ? objectColumn : column,
            column == null ? f.root : f.root + "." + field);
      }
    }
    require(f, f.event != null, "event", objectColumn);
    TicketEvent event = (TicketEvent) build(f.event); // its own rules first, at its own paths
    sameAsEvent(f, "ticketId", f.ticketId, event.ticketId());
    sameAsEvent(f, "id", f.id, event.id());
    return EventCorrection.replace(event);
  }

  /**
   * Refuses a {@code Replaced} record whose {@code field} differs from its event's: an edit keeps
   * the event's identity. Located at the event's field.
   */
  private static void sameAsEvent(Fields f, String field, String own, String event) {
    if (!own.equals(event)) {
      Integer column = f.event.columns.get(field);
      throw error(
          "event."
              + field
              + " "
              + excerpt(event)
              + " differs from the record's "
              + field
              + " "
              + excerpt(own)
              + ": a replacement keeps its event's ticket and id (retract the event and send a"
              + " new one to change them)",
          f.event.objectLine,
          column == null ? f.event.objectColumn : column,
          f.event.root + "." + field);
    }
  }

  /**
   * The JSON field of an event of {@code kind} that a check's {@code message} is about (the checks
   * start with the field's name), or null.
   */
  private static String fieldNamed(String message, String kind) {
    if (message == null) {
      return null;
    }
    if (message.startsWith("attribute ")) { // "attribute 'k' ..." or "attribute k value 'v' ..."
      if (kind.equals("AttributeCleared")) {
        return "key";
      }
      if (!kind.equals("AttributeChanged")) {
        return "attributes";
      }
      return message.startsWith("attribute '") ? "key" : "value";
    }
    for (String field :
        new String[] {
          "ticketId",
          "event id",
          "at ",
          "status",
          "priority",
          "tags",
          "assignee",
          "callId",
          "escalation level"
        }) {
      if (message.startsWith(field)) {
        return switch (field) {
          case "event id" -> "id";
          case "at " -> "at";
          case "escalation level" -> "level";
          default -> field;
        };
      }
    }
    return null;
  }

  private static void require(Fields f, boolean present, String field, int column) {
    if (!present) {
      throw error(
          field + " is required" + (f.kind == null ? "" : " for kind " + f.kind),
          f.objectLine,
          column,
          f.root + "." + field);
    }
  }

  private static String string(JsonParser p, long line, String path) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw expected("a string", p, line, path);
    }
    return text(p, line, path);
  }

  private static boolean bool(JsonParser p, long line, String path) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw expected("true or false", p, line, path);
    }
    return t == JsonToken.VALUE_TRUE;
  }

  private static Instant instant(String s, JsonParser p, long line, String path) {
    try {
      return OffsetDateTime.parse(s, OFFSET).toInstant();
    } catch (DateTimeParseException e) {
      throw error(
          "at "
              + excerpt(s)
              + " is not an ISO-8601 instant with an offset, such as 2026-03-02T09:00:00Z",
          line,
          column(p),
          path);
    }
  }

  private static IllegalArgumentException expected(
      String what, JsonParser p, long line, String path) throws IOException {
    JsonToken t = p.currentToken();
    String found =
        t == JsonToken.START_OBJECT
            ? "an object"
            : t == JsonToken.START_ARRAY ? "an array" : value(t, text(p, line, path));
    return error("expected " + what + " but found " + found, line, column(p), path);
  }

  /**
   * A scalar token as JSON writes it, bounded as {@link #excerpt}: a string in double quotes, a
   * number, {@code true}, {@code false} or {@code null} bare, so that {@code "false"} (a string)
   * does not read as the boolean an error expected.
   */
  static String value(JsonToken t, String text) {
    String cut = cut(text);
    return t == JsonToken.VALUE_STRING ? '"' + cut + '"' : cut;
  }

  private static int column(JsonParser p) {
    return p.currentTokenLocation().getColumnNr();
  }

  static IllegalArgumentException error(String message, long line, int column, String path) {
    return new IllegalArgumentException(JsonInput.located(message, path, line, column));
  }

  /**
   * The path of field {@code name} below {@code path}; a long name is cut to its {@link
   * JsonInput#excerpt(String)}, so that the path stays bounded.
   */
  static String child(String path, String name) {
    return path + "." + JsonInput.excerpt(name);
  }

  /** A value quoted and cut to 40 characters, so an error message stays short. */
  static String excerpt(String s) {
    if (s == null) {
      return "null";
    }
    return "'" + cut(s) + "'";
  }

  /**
   * {@code s} printable and cut to its first 40 characters, then {@code ...}: an excerpt's text.
   */
  private static String cut(String s) {
    return JsonInput.printable(s.length() <= 40 ? s : s.substring(0, 40))
        + (s.length() <= 40 ? "" : "...");
  }

  /**
   * Reads JSON Lines of events in constant memory: one line (at most {@link #MAX_LINE_CHARS}
   * characters) at a time. Errors name the line number, and {@link #lineNumber()} is that line's
   * after the throw; a bad line is one error, after which the next call reads the line that follows
   * it (the rest of an over-long line is skipped without being buffered; from a byte stream, a line
   * is buffered as bytes until it is known to be too long). Not thread-safe.
   */
  public static final class LineReader implements Iterator<TicketEvent>, Closeable {
    private final java.io.Reader in; // null when reading bytes
    private final InputStream bytesIn; // null when reading characters
    private final char[] buf;
    private final byte[] bytes;
    private byte[] lineBytes; // the current line's bytes so far (byte mode)
    private java.nio.charset.CharsetDecoder
        decoder; // byte mode: one strict decoder, reset per line
    private int pos;
    private int limit;
    private long line; // of the last line read
    private final boolean inputs; // corrections too (InputLineReader)
    private TicketInput next;
    private boolean eof;
    private boolean skipping; // the rest of an over-long line, already reported, is still unread
    private boolean afterCr; // the last line ended with '\r': a '\n' right after it is its end too

    /**
     * Whether a line holds only JSON whitespace (spaces and tabs; it has no line ends): a blank
     * line, skipped. {@link String#isBlank} also took a line of a vertical tab, a file separator or
     * an ideographic space for blank and dropped it without a word; such a line is now an error.
     */
    private static boolean jsonBlank(String l) {
      for (int i = 0; i < l.length(); i++) {
        char c = l.charAt(i);
        if (c != ' ' && c != '\t') {
          return false;
        }
      }
      return true;
    }

    private LineReader(java.io.Reader in, InputStream bytesIn, boolean inputs) {
      this.inputs = inputs;
      this.in = in;
      this.bytesIn = bytesIn;
      this.buf = in != null ? new char[8192] : null;
      this.bytes = in != null ? null : new byte[8192];
    }

    /**
     * Returns whether another event follows, reading ahead to it.
     *
     * @return whether {@link #next()} returns an event
     * @throws IllegalArgumentException if the next non-blank line is not a valid event
     * @throws UncheckedIOException if reading fails
     */
    @Override
    public boolean hasNext() {
      while (next == null && !eof) {
        String l = readLine();
        if (l == null) {
          eof = true;
        } else if (!jsonBlank(l)) {
          next = parseInput(l, line, true, inputs);
        }
      }
      return next != null;
    }

    /**
     * Returns the next event.
     *
     * @return the event
     * @throws NoSuchElementException at the end of the stream
     * @throws IllegalArgumentException if the next non-blank line is not a valid event
     */
    @Override
    public TicketEvent next() {
      return (TicketEvent) nextInput(); // this reader's lines are events only
    }

    TicketInput nextInput() {
      if (!hasNext()) {
        throw new NoSuchElementException(
            "no more " + (inputs ? "records" : "events") + " after line " + line);
      }
      TicketInput e = next;
      next = null;
      return e;
    }

    /**
     * Returns the number of the last line read (1-based; 0 before the first).
     *
     * @return the line number
     */
    public long lineNumber() {
      return line;
    }

    /** Closes the underlying reader or stream. */
    @Override
    public void close() {
      try {
        if (in != null) {
          in.close();
        } else {
          bytesIn.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private String readLine() {
      String s = readRawLine();
      // a byte order mark before the first line (Windows tools write one) is not content
      return line == 1 && s != null ? JsonInput.withoutBom(s) : s;
    }

    private String readRawLine() {
      if (in == null) {
        return readByteLine();
      }
      StringBuilder sb = null;
      try {
        if (skipping) {
          skipRestOfLine();
          skipping = false;
        }
        skipLfAfterCr();
        while (true) {
          if (!fill()) {
            if (sb == null) {
              return null;
            }
            line++;
            return sb.toString();
          }
          int start = pos;
          while (pos < limit && buf[pos] != '\n' && buf[pos] != '\r') {
            pos++;
          }
          if (sb == null) {
            sb = new StringBuilder(Math.min(256, pos - start + 16));
          }
          if (sb.length() + (pos - start) > MAX_LINE_CHARS) {
            // One error for the whole line, counted as read: the next call discards its rest
            // without buffering it (lazily, so that the error comes at once even on a line that
            // never ends) and then reads the following line.
            line++;
            skipping = true;
            throw error("line is longer than " + MAX_LINE_CHARS + " characters", line, 1, "$");
          }
          sb.append(buf, start, pos - start);
          if (pos < limit) {
            endLine();
            line++;
            return sb.toString();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading events after line " + line, e);
      }
    }

    /**
     * Makes {@code pos < limit} unless the input has ended, reading the next buffer if needed.
     * Returns whether a character is available.
     */
    private boolean fill() throws IOException {
      if (pos == limit) {
        limit = in != null ? in.read(buf, 0, buf.length) : bytesIn.read(bytes, 0, bytes.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return false;
        }
      }
      return true;
    }

    /**
     * Consumes the line end at {@code pos}: '\n', '\r' or "\r\n", as {@link
     * java.io.BufferedReader#readLine()} does (a '\r' cannot occur inside a JSON value, where
     * control characters must be escaped, so it always ends a line). The '\n' of a "\r\n" is
     * skipped by the next read, so that a line ended by '\r' is returned without waiting for more
     * input.
     */
    private void endLine() {
      afterCr = cr(pos++);
    }

    /** Whether the unit at {@code p} ends a line ('\n' or '\r'). */
    private boolean eol(int p) {
      int c = in != null ? buf[p] : bytes[p];
      return c == '\n' || c == '\r';
    }

    /** Whether the unit at {@code p} is '\r'. */
    private boolean cr(int p) {
      return (in != null ? buf[p] : bytes[p]) == '\r';
    }

    private void skipLfAfterCr() throws IOException {
      if (afterCr) {
        afterCr = false;
        if (fill() && !cr(pos) && eol(pos)) {
          pos++;
        }
      }
    }

    /**
     * Byte mode: reads the next line's bytes (at most {@code 4 * MAX_LINE_CHARS}) and decodes them
     * strictly, so that a byte that is not UTF-8 is reported at its line, after the lines before
     * it.
     */
    private String readByteLine() {
      int n = 0;
      long leads = 0; // bytes that start a character: a line has at least as many chars
      boolean any = false;
      try {
        if (skipping) {
          skipRestOfLine();
          skipping = false;
        }
        skipLfAfterCr();
        while (true) {
          if (!fill()) {
            if (!any) {
              return null;
            }
            break;
          }
          any = true;
          int start = pos;
          while (pos < limit && bytes[pos] != '\n' && bytes[pos] != '\r') {
            pos++;
          }
          int k = pos - start;
          for (int q = start; q < pos; q++) {
            if ((bytes[q] & 0xC0) != 0x80) {
              leads++;
            }
          }
          if (leads > MAX_LINE_CHARS) { // longer in characters already: stop buffering it
            line++;
            skipping = true;
            throw error("line is longer than " + MAX_LINE_CHARS + " characters", line, 1, "$");
          }
          if (n + k > MAX_LINE_BYTES) {
            // More bytes than characters of at most 4 bytes need, though no more than
            // MAX_LINE_CHARS of them start a character: bytes that start none (0x80..0xBF) make
            // up the rest, so the line is not UTF-8. Refused at its first bad byte, found in
            // the bytes buffered up to the bound; the rest of the line is not buffered.
            int keep = MAX_LINE_BYTES - n;
            if (lineBytes == null || lineBytes.length < MAX_LINE_BYTES) {
              lineBytes =
                  Arrays.copyOf(lineBytes == null ? new byte[0] : lineBytes, MAX_LINE_BYTES);
            }
            System.arraycopy(bytes, start, lineBytes, n, keep);
            line++;
            if (pos < limit) {
              endLine();
            } else {
              skipping = true;
            }
            java.nio.ByteBuffer src = java.nio.ByteBuffer.wrap(lineBytes, 0, MAX_LINE_BYTES);
            java.nio.charset.CoderResult r =
                decoder().decode(src, java.nio.CharBuffer.allocate(MAX_LINE_BYTES), false);
            lineBytes = null;
            if (r.isError()) {
              throw notUtf8(src.position());
            }
            // well-formed so far: 4 bytes to each of MAX_LINE_CHARS characters, all
            // supplementary, two chars each, and more follow
            throw error("line is longer than " + MAX_LINE_CHARS + " characters", line, 1, "$");
          }
          if (lineBytes == null || lineBytes.length < n + k) {
            // at most 4 bytes per leading byte: the buffer stays under 4 * MAX_LINE_CHARS + 4
            lineBytes =
                Arrays.copyOf(
                    lineBytes == null ? new byte[0] : lineBytes,
                    (int) Math.max(n + k, Math.min(MAX_LINE_BYTES, Math.max(256, 2L * (n + k)))));
          }
          System.arraycopy(bytes, start, lineBytes, n, k);
          n += k;
          if (pos < limit) {
            endLine();
            break;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("reading events after line " + line, e);
      }
      line++;
      // decoded in place: the line's bytes are not copied first
      java.nio.ByteBuffer src = java.nio.ByteBuffer.wrap(lineBytes, 0, n);
      java.nio.CharBuffer out = java.nio.CharBuffer.allocate(n);
      java.nio.charset.CoderResult r = decoder().decode(src, out, true);
      if (lineBytes.length > 64 * 1024) {
        lineBytes = null; // an over-sized buffer is not kept for the lines that follow
      }
      if (r.isError()) {
        throw notUtf8(src.position());
      }
      String text = out.flip().toString();
      if (text.length() > MAX_LINE_CHARS) {
        throw error("line is longer than " + MAX_LINE_CHARS + " characters", line, 1, "$");
      }
      return text;
    }

    /** The strict decoder of byte mode, reset for a line. */
    private java.nio.charset.CharsetDecoder decoder() {
      if (decoder == null) {
        decoder =
            java.nio.charset.StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
      }
      return decoder.reset();
    }

    /**
     * The error of the current line's byte at index {@code at}, not UTF-8: located as the other
     * stream readers locate one.
     */
    private IllegalArgumentException notUtf8(int at) {
      return new IllegalArgumentException(
          "line is not valid UTF-8 (at $, line " + line + ", byte " + (at + 1) + ")");
    }

    /**
     * Discards input up to and including the next line end (or to the end), one buffer at a time.
     */
    private void skipRestOfLine() throws IOException {
      while (fill()) {
        while (pos < limit) {
          if (eol(pos)) {
            endLine();
            return;
          }
          pos++;
        }
      }
    }
  }

  /**
   * Reads JSON Lines of events and corrections ({@link TicketInput}) in constant memory, with the
   * rules of {@link LineReader} (errors name the line; a bad line is one error, and the next call
   * reads the line after it). Not thread-safe.
   */
  public static final class InputLineReader implements Iterator<TicketInput>, Closeable {
    private final LineReader lines;

    private InputLineReader(LineReader lines) {
      this.lines = lines;
    }

    /**
     * Returns whether another record follows, reading ahead to it.
     *
     * @return whether {@link #next()} returns a record
     * @throws IllegalArgumentException if the next non-blank line is not a valid event or
     *     correction
     * @throws UncheckedIOException if reading fails
     */
    @Override
    public boolean hasNext() {
      return lines.hasNext();
    }

    /**
     * Returns the next event or correction.
     *
     * @return the record
     * @throws NoSuchElementException at the end of the stream
     * @throws IllegalArgumentException if the next non-blank line is not a valid event or
     *     correction
     */
    @Override
    public TicketInput next() {
      return lines.nextInput();
    }

    /**
     * Returns the number of the last line read (1-based; 0 before the first).
     *
     * @return the line number
     */
    public long lineNumber() {
      return lines.lineNumber();
    }

    /** Closes the underlying reader or stream. */
    @Override
    public void close() {
      lines.close();
    }
  }

  /**
   * Writes events as JSON Lines, one object and a {@code '\n'} each, holding one event's line in
   * memory at a time, so its memory is bounded by the largest event written, not by the number of
   * events. Every line it writes is one a {@link LineReader} reads: an event whose line would be
   * longer than {@link #MAX_LINE_CHARS} characters is refused. Not thread-safe.
   */
  public static final class LineWriter implements Closeable, Flushable {
    private final Writer out;
    // One event's line, written here first so that a line too long to read back is refused before
    // any of it reaches `out`.
    private final StringWriter line = new StringWriter();
    private final JsonGenerator g;
    private long count;

    private LineWriter(Writer out) {
      this.out = out;
      try {
        this.g = FACTORY.createGenerator(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      g.setRootValueSeparator(null);
    }

    /**
     * Writes one event and a newline, {@code O(size of its JSON)}.
     *
     * @param event the event
     * @return this writer
     * @throws IllegalArgumentException naming the event if its JSON is longer than {@link
     *     #MAX_LINE_CHARS} characters (a line no {@link LineReader} reads, e.g. a {@code Created}
     *     with tens of thousands of attributes); nothing is written and {@link #count()} is
     *     unchanged
     * @throws UncheckedIOException if writing fails
     */
    public LineWriter write(TicketEvent event) {
      Objects.requireNonNull(event, "event");
      StringBuffer text = line.getBuffer();
      text.setLength(0);
      try {
        writeTo(g, event);
        g.flush();
        requireLine(text.length(), "event", event.id(), event.ticketId());
        out.append(text).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        text.setLength(0);
      }
      count++;
      return this;
    }

    /** Refuses a record whose JSON line no line reader would read back. */
    private static void requireLine(int length, String what, String id, String ticketId) {
      if (length > MAX_LINE_CHARS) {
        throw new IllegalArgumentException(
            what
                + " "
                + Excerpt.of(id)
                + " of ticket "
                + Excerpt.of(ticketId)
                + " is "
                + length
                + " characters as JSON, longer than the "
                + MAX_LINE_CHARS
                + " of a JSON line (TicketEventJson.MAX_LINE_CHARS): no line reader would read it"
                + " back, so it is not written");
      }
    }

    /**
     * Writes one correction and a newline ({@link TicketEventJson#write(EventCorrection)}), for an
     * {@link InputLineReader}; an {@link LineReader} of events refuses its line by name.
     *
     * @param correction the correction
     * @return this writer
     * @throws IllegalArgumentException if its JSON is longer than {@link #MAX_LINE_CHARS}
     *     characters (a replacement with a huge event); nothing is written
     * @throws UncheckedIOException if writing fails
     */
    public LineWriter write(EventCorrection correction) {
      String text = TicketEventJson.write(correction);
      requireLine(
          text.length(), "correction of event", correction.eventId(), correction.ticketId());
      try {
        out.append(text).append('\n');
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      count++;
      return this;
    }

    /**
     * Writes one event or correction and a newline.
     *
     * @param input the event or correction
     * @return this writer
     * @throws IllegalArgumentException as {@link #write(TicketEvent)} or {@link
     *     #write(EventCorrection)}
     * @throws UncheckedIOException if writing fails
     */
    public LineWriter write(TicketInput input) {
      Objects.requireNonNull(input, "input");
      return input instanceof TicketEvent e ? write(e) : write((EventCorrection) input);
    }

    /**
     * Returns how many records (events and corrections) were written.
     *
     * @return the count
     */
    public long count() {
      return count;
    }

    /** Flushes the underlying writer. */
    @Override
    public void flush() {
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Flushes and closes the underlying writer. */
    @Override
    public void close() {
      try {
        g.close();
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
