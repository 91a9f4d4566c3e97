package dev.servicekit.sla.imports;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.JsonInput;
import dev.servicekit.sla.internal.Timeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** Reading helpers shared by the export importers: parse, typed reads with paths, keys. */
final class ExportJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * ISO-8601 with an offset, with or without a colon in the offset (Jira writes +0000): one offset
   * of either form, never both ({@code ZZ}, {@code +01:00+0100}). Strict, as the ISO formatters
   * are: a day the month does not have ({@code 2026-02-30}) or the hour 24 is refused, not moved to
   * a valid instant as the default (smart) resolver would.
   */
  private static final DateTimeFormatter OFFSET_TIME = offsetTime("+HH:MM");

  private static final DateTimeFormatter OFFSET_TIME_NO_COLON = offsetTime("+HHMM");

  /** The longest key, as {@link #key} keeps it (a key's rule: 1 to 64 characters). */
  static final int MAX_KEY = 64;

  /** A local date-time and one offset of {@code pattern} (or {@code Z}), resolved strictly. */
  private static DateTimeFormatter offsetTime(String pattern) {
    return new DateTimeFormatterBuilder()
        .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
        .appendOffset(pattern, "Z")
        .toFormatter(Locale.ROOT)
        .withResolverStyle(ResolverStyle.STRICT)
        .withChronology(IsoChronology.INSTANCE);
  }

  private ExportJson() {}

  /** Largest export read, in characters (or UTF-8 bytes from a stream): 64 MiB. */
  static final int MAX_DOCUMENT = 64 << 20;

  /**
   * Parses an export of at most {@link #MAX_DOCUMENT} characters and maps it; an error of {@code
   * map} whose message ends with {@code " (path)"} gets that path's line and column. {@code
   * arrayRoot} is the name the mapper gives a root that is an array ({@code "audits"} for {@code
   * [...]}), or null.
   */
  static <T> T read(String json, String what, Function<JsonNode, T> map, String arrayRoot) {
    json = JsonInput.withoutBom(json);
    if (json.length() > MAX_DOCUMENT) {
      throw new IllegalArgumentException(
          "the "
              + what
              + " has "
              + json.length()
              + " characters, more than the limit of "
              + MAX_DOCUMENT
              + " (at $)");
    }
    JsonNode root = parse(json, what);
    try {
      return map.apply(root);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      if (m == null || !m.endsWith(")")) {
        // a value rejected where an event is built from several fields: at least the document
        e = new IllegalArgumentException(m + " ($)", e);
      }
      throw located(json, e, root.isArray() ? arrayRoot : null);
    }
  }

  /**
   * {@link #read(String, String, Function, String)} for a UTF-8 stream (read whole, not closed).
   */
  static <T> T read(InputStream in, String what, Function<JsonNode, T> map, String arrayRoot) {
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_DOCUMENT + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > MAX_DOCUMENT) {
      throw new IllegalArgumentException(
          "the " + what + " is longer than the limit of " + MAX_DOCUMENT + " bytes (at $)");
    }
    String json = JsonInput.utf8(bytes, "malformed JSON in the " + what + ": not UTF-8");
    return read(json, what, map, arrayRoot); // which skips a byte order mark
  }

  /**
   * {@code e} in the one layout of JSON errors, {@code "... (at $.path, line L, column C)"},
   * located at the path its message ends with. The mapper names the elements of a root array {@code
   * arrayRoot[i]}; in the document they are {@code $[i]}.
   */
  private static IllegalArgumentException located(
      String json, IllegalArgumentException e, String arrayRoot) {
    String m = e.getMessage();
    int open = m == null ? -1 : m.lastIndexOf(" (");
    if (open < 0 || !m.endsWith(")")) {
      return e;
    }
    String path = m.substring(open + 2, m.length() - 1);
    if (arrayRoot != null
        && path.startsWith(arrayRoot)
        && (path.length() == arrayRoot.length() || path.charAt(arrayRoot.length()) == '[')) {
      path = JsonInput.ROOT + path.substring(arrayRoot.length());
    }
    IllegalArgumentException real =
        new IllegalArgumentException(m.substring(0, open) + " (" + path + ")", e.getCause());
    IllegalArgumentException found = JsonInput.locate(json, real);
    return new IllegalArgumentException(found.getMessage(), e);
  }

  private static JsonNode parse(String json, String what) {
    JsonNode root;
    try {
      root = JsonInput.readTreeCheckingNumbers(MAPPER, json);
    } catch (JsonProcessingException e) {
      if (e.getLocation() == null) {
        // a read limit (nesting depth) comes without a location: find where the text passes it
        java.util.regex.Matcher m = DEPTH.matcher(String.valueOf(e.getOriginalMessage()));
        if (m.find()) {
          int[] at = openingAtDepth(json, Integer.parseInt(m.group(1)));
          if (at != null) {
            throw new IllegalArgumentException(
                JsonInput.located(
                    "malformed JSON in the "
                        + what
                        + ": "
                        + JsonInput.parserMessage(e.getOriginalMessage()),
                    JsonInput.ROOT,
                    at[0],
                    at[1]),
                e);
          }
        }
      }
      throw syntax(e, what);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory string: cannot happen
    }
    if (root == null || root.isMissingNode()) {
      // empty or blank: say so where the text ends, located by the parser as a syntax error is
      try (JsonParser p = MAPPER.getFactory().createParser(json)) {
        while (p.nextToken() != null) {
          // only whitespace: the mapper found no value
        }
        throw syntax(new JsonParseException(p, "no JSON value, the document is empty"), what);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // an in-memory string that parsed once does not fail
      }
    }
    return root;
  }

  private static final java.util.regex.Pattern DEPTH =
      java.util.regex.Pattern.compile("nesting depth \\((\\d{1,9})\\)");

  /**
   * The line and column (1-based) of the opening bracket that brings the nesting to {@code depth},
   * outside strings, or null if the text never reaches it.
   */
  static int[] openingAtDepth(String json, int depth) {
    int d = 0;
    int line = 1;
    int col = 0;
    boolean inString = false;
    boolean escaped = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      col++;
      if (c == '\n') {
        line++;
        col = 0;
        continue;
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (c == '\\') {
          escaped = true;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{') {
        if (++d == depth) {
          return new int[] {line, col};
        }
      } else if (c == ']' || c == '}') {
        d--;
      }
    }
    return null;
  }

  private static IllegalArgumentException syntax(JsonProcessingException e, String what) {
    var l = e.getLocation();
    // Jackson quotes the bad token raw: it must not reach a log line as is
    String msg = JsonInput.parserMessage(e.getOriginalMessage());
    return new IllegalArgumentException(
        JsonInput.located(
            "malformed JSON in the " + what + ": " + msg,
            e.getProcessor() instanceof JsonParser p
                ? JsonInput.pathOf(p.getParsingContext())
                : JsonInput.ROOT,
            l == null ? 1 : l.getLineNr(),
            l == null ? 1 : l.getColumnNr()),
        e);
  }

  static IllegalArgumentException bad(String message, String path) {
    return new IllegalArgumentException(message + " (" + path + ")");
  }

  static String excerpt(JsonNode n) {
    String s = String.valueOf(n);
    return JsonInput.printable(s.length() <= 40 ? s : s.substring(0, 40) + "...");
  }

  static JsonNode required(JsonNode o, String field, String path) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw bad(field + " is required", path + "." + field);
    }
    return v;
  }

  static String text(JsonNode n, String path) {
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isIntegralNumber()) {
      return n.asText(); // ids are numbers in one export, strings in another
    }
    throw bad("expected a string or an integer id but found " + excerpt(n), path);
  }

  /**
   * An id of the export ({@code field} at {@code path}: a string or an integer) that an event id
   * {@code prefix + id + suffix} is made of: refused at its path if it is blank or holds a control
   * character, a line or paragraph separator or a lone surrogate, or if the event id would be
   * longer than {@link TicketEvent#MAX_ID_CHARS}, rather than when the event is built (located at
   * the document's start), and so that an empty id does not make {@code "zd-"}.
   */
  static String id(JsonNode n, String field, String path, String prefix, String suffix) {
    String v = text(n, path);
    try {
      Excerpt.requireId(v, field);
      Excerpt.requireId(prefix + v + suffix, "event id", TicketEvent.MAX_ID_CHARS);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage(), path);
    }
    return v;
  }

  /**
   * Refuses an id given twice in one export with other content: the two would be events with one
   * id, which a clock refuses when it is fed the second ("a reused id with other content"), far
   * from the export. The same content twice (pages joined with an overlap) passes, and the readers
   * read it once ({@link #repeats}). {@code content} is what the events of the id are made of.
   */
  static void once(
      Map<String, Map.Entry<Object, String>> seen,
      String what,
      String id,
      Object content,
      String path) {
    once(seen, what, id, content, path, "id");
  }

  /** {@link #once(Map, String, String, Object, String)} for an id in the field {@code field}. */
  static void once(
      Map<String, Map.Entry<Object, String>> seen,
      String what,
      String id,
      Object content,
      String path,
      String field) {
    Map.Entry<Object, String> first = seen.putIfAbsent(id, Map.entry(content, path));
    if (first != null && !first.getKey().equals(content)) {
      throw bad(
          what
              + " "
              + JsonInput.excerpt(id)
              + " is given twice with other content (first at "
              + first.getValue()
              + "): each would be an event with one id",
          path + "." + field);
    }
  }

  /**
   * Which items of a list repeat an earlier one as it is: the same {@code idField} (as text) and
   * equal content, as pages joined with an overlap give. A repeat is read once: read twice, its
   * events would be stamped apart under the ids they share, which a clock refuses. An id with other
   * content is not marked (the reader refuses it, {@link #once}); items without an id never are.
   */
  static boolean[] repeats(JsonNode list, String idField) {
    boolean[] out = new boolean[list.size()];
    Map<String, JsonNode> first = new java.util.HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode item = list.get(i);
      JsonNode id = item.get(idField);
      if (id == null || !(id.isTextual() || id.isIntegralNumber())) {
        continue;
      }
      JsonNode before = first.putIfAbsent(id.asText(), item);
      out[i] = before != null && before.equals(item);
    }
    return out;
  }

  /** The ticket id ({@code field} at {@code path}), checked at its path as events check it. */
  static String ticketId(JsonNode n, String field, String path) {
    String v = text(n, path);
    try {
      Excerpt.requireId(v, field, TicketEvent.MAX_ID_CHARS);
    } catch (IllegalArgumentException e) {
      throw bad(e.getMessage(), path);
    }
    return v;
  }

  /**
   * A string value such as a tag: a string, or an integer written as a number; null, a boolean, an
   * object or an array is refused (it would read as the text {@code "null"}, {@code "true"} or
   * nothing).
   */
  static String string(JsonNode n, String path) {
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isIntegralNumber()) {
      return n.asText();
    }
    throw bad("expected a string but found " + excerpt(n), path);
  }

  /**
   * A helpdesk value such as a status, a priority or an assignee: null if absent or null, else a
   * string, or an integer written as a number; a boolean, a fraction, an object or an array is
   * refused (it would read as the status {@code "true"} or {@code "1500.0"}, or as cleared).
   */
  static String value(JsonNode n, String path) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isTextual()) {
      return n.textValue();
    }
    if (n.isIntegralNumber()) {
      return n.asText();
    }
    throw bad("expected a string, an integer or null but found " + excerpt(n), path);
  }

  /**
   * Whether a list whose first and last entries were made at {@code first} and {@code last} is
   * listed newest first: {@code first} after {@code last} or, both of one instant (updates made
   * within one second or millisecond), the first entry's id above the last one's, as vendors' ids
   * grow as entries are made. An id that is not a whole number (a number, or text of at most 30
   * digits) says nothing.
   */
  static boolean newestFirst(Instant first, Instant last, JsonNode firstId, JsonNode lastId) {
    if (!first.equals(last)) {
      return first.isAfter(last);
    }
    BigInteger a = wholeNumber(firstId);
    BigInteger b = wholeNumber(lastId);
    return a != null && b != null && a.compareTo(b) > 0;
  }

  private static BigInteger wholeNumber(JsonNode id) {
    if (id == null) {
      return null;
    }
    if (id.isIntegralNumber()) {
      return id.bigIntegerValue();
    }
    String t = id.isTextual() ? id.asText() : "";
    return t.length() <= 30 && !t.isEmpty() && t.chars().allMatch(c -> c >= '0' && c <= '9')
        ? new BigInteger(t)
        : null;
  }

  /**
   * A boolean flag: {@code absent} when the field is missing, else its value; {@code null}, a
   * string such as {@code "false"} or a number is refused rather than read as either value.
   */
  static boolean flag(JsonNode o, String field, String path, boolean absent) {
    JsonNode v = o.get(field);
    if (v == null) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw bad("expected true or false but found " + excerpt(v), path + "." + field);
    }
    return v.booleanValue();
  }

  static Instant instant(JsonNode n, String path) {
    String s = text(n, path);
    Instant at;
    try {
      at = parseOffsetTime(s).toInstant();
    } catch (DateTimeParseException e) {
      throw bad(
          "timestamp "
              + excerpt(n)
              + " is not ISO-8601 with an offset (2026-03-02T09:00:00Z or"
              + " 2026-03-02T09:00:00.000+0000)",
          path);
    }
    return supported(at, "timestamp", n, path);
  }

  /**
   * {@code at}, read from {@code n} (a {@code what}: "timestamp", "date-time"), if it is in the
   * supported range; refused at {@code path} otherwise.
   */
  static Instant supported(Instant at, String what, JsonNode n, String path) {
    if (!Timeline.inRange(at.getEpochSecond())) {
      throw bad(
          what
              + " "
              + excerpt(n)
              + " is outside the supported range ["
              + Timeline.MIN
              + ", "
              + Timeline.MAX
              + ")",
          path);
    }
    return at;
  }

  /**
   * An instant with one offset, {@code +01:00} or {@code +0100} (or {@code Z}): the form is chosen
   * by the text's third character from the end, so a Jira timestamp is parsed once, not after a
   * failed attempt (an exception per event). A {@code Z} offset parses with either formatter.
   */
  private static OffsetDateTime parseOffsetTime(String s) {
    boolean colon = s.length() >= 3 && s.charAt(s.length() - 3) == ':';
    return OffsetDateTime.parse(s, colon ? OFFSET_TIME : OFFSET_TIME_NO_COLON);
  }

  /**
   * Nanoseconds to add to the instant of each of an export's updates (audits, histories), in list
   * order. Updates of one instant are separate updates in list order, but a clock applies one
   * instant's writes of a field in event-id order, as text ({@code zd-10} before {@code zd-9}),
   * which would leave the ticket in the status it passed through. Greedy, so that an export that
   * gains an update later moves none stamped before: an update whose event ids all sort after those
   * of the updates of its stamp keeps it, any other takes the next nanosecond (the helpdesks' times
   * have seconds or milliseconds), and so do the updates after it of that instant; only where the
   * nanoseconds added stay before the next instant of the list and before the end of the supported
   * range. {@code O(updates)}.
   *
   * @param at each update's instant, null for a malformed one (skipped: the reader refuses it)
   * @param min each update's least event id, null if it has none
   * @param max each update's greatest event id, null if it has none
   * @return the nanoseconds per update, 0 for most
   */
  static long[] apartInIdOrder(Instant[] at, String[] min, String[] max) {
    int n = at.length;
    long[] apart = new long[n];
    for (int from = 0; from < n; ) {
      int to = from + 1;
      while (to < n && at[from] != null && at[from].equals(at[to])) {
        to++;
      }
      long stamp = 0;
      String top = max[from];
      for (int k = from + 1; k < to; k++) {
        if (top != null && min[k] != null && min[k].compareTo(top) <= 0) {
          stamp++;
        }
        if (max[k] != null) {
          top = max[k]; // the stamp's highest id: above the others, or the first of a new stamp
        }
        apart[k] = stamp;
      }
      // room before the next instant of the list, and inside the supported range: an update at
      // its last nanosecond stamped one later would be an event no clock accepts
      boolean room =
          at[from] != null
              && at[from].plusNanos(stamp).isBefore(Timeline.MAX)
              && (to == n || at[to] == null || at[from].plusNanos(stamp).isBefore(at[to]));
      if (!room) {
        java.util.Arrays.fill(apart, from, to, 0);
      }
      from = to;
    }
    return apart;
  }

  /**
   * {@link #apartInIdOrder(Instant[], String[], String[])} of a reader's items, each an update of
   * one event: those that become no event ({@code yields} false: an article's own history entry, a
   * notification) take no part, so they stamp no event apart, and get 0.
   *
   * @param items the items, in time order (list order within an instant)
   * @param yields whether an item becomes an event
   * @param at an item's instant
   * @param id an item's event id
   * @return the nanoseconds per item, 0 for most
   */
  static <T> long[] apartInIdOrder(
      List<T> items,
      java.util.function.Predicate<T> yields,
      Function<T, Instant> at,
      Function<T, String> id) {
    int[] yielding = new int[items.size()];
    int n = 0;
    for (int i = 0; i < items.size(); i++) {
      if (yields.test(items.get(i))) {
        yielding[n++] = i;
      }
    }
    Instant[] ats = new Instant[n];
    String[] ids = new String[n];
    for (int k = 0; k < n; k++) {
      ats[k] = at.apply(items.get(yielding[k]));
      ids[k] = id.apply(items.get(yielding[k]));
    }
    long[] apart = apartInIdOrder(ats, ids, ids);
    long[] out = new long[items.size()];
    for (int k = 0; k < n; k++) {
      out[yielding[k]] = apart[k];
    }
    return out;
  }

  /**
   * Refuses a page of a paginated list that says it is not the whole list: {@code startAt} after 0,
   * or {@code total} more than the {@code size} items given ({@code container} holds the list and
   * those fields, as Jira's changelog and comments do). An absent field says nothing; one that is
   * not a non-negative integer is refused. A history built from one page would lack events without
   * a sign (a missing reply is a false breach).
   */
  static void wholeList(JsonNode container, int size, String path, String fetch) {
    long startAt = pageField(container, "startAt", path);
    long total = pageField(container, "total", path);
    if (startAt > 0 || total > size) {
      throw bad(
          "the export holds one page of "
              + path
              + " ("
              + size
              + " items from "
              + Math.max(startAt, 0)
              + (total >= 0 ? " of " + total : "")
              + "): "
              + fetch,
          path + "." + (startAt > 0 ? "startAt" : "total"));
    }
  }

  /** A pagination field: -1 when absent or null, else a non-negative integer. */
  static long pageField(JsonNode container, String field, String path) {
    JsonNode v = container.get(field);
    if (v == null || v.isNull()) {
      return -1;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw bad(
          "expected a non-negative integer but found " + excerpt(v),
          path.isEmpty() ? field : path + "." + field);
    }
    return v.longValue();
  }

  static JsonNode array(JsonNode n, String path) {
    if (n == null) { // absent, as a required field
      throw bad(path.substring(path.lastIndexOf('.') + 1) + " is required", path);
    }
    if (!n.isArray()) {
      throw bad("expected an array but found " + excerpt(n), path);
    }
    return n;
  }

  /**
   * A helpdesk value as a servicekit key: trimmed, lower case, each run of whitespace one {@code
   * '-'} ("Waiting for support" -> "waiting-for-support"); null if nothing is left or it is longer
   * than 64 characters. What counts as whitespace (Unicode spaces such as the no-break space of a
   * value pasted from HTML, controls, zero-width spaces, byte order marks) is trimmed as it is
   * joined: {@code Gold} with a trailing no-break space is {@code gold}, not {@code gold-}.
   */
  static String key(String value) {
    if (value == null) {
      return null;
    }
    String s = value.toLowerCase(Locale.ROOT);
    int from = 0;
    int to = s.length();
    while (from < to && space(s.charAt(from))) {
      from++;
    }
    while (to > from && space(s.charAt(to - 1))) {
      to--;
    }
    // every run of what a key may not hold becomes one '-'; a lone surrogate makes the value not a
    // key
    StringBuilder k = new StringBuilder(to - from);
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (space(c)) {
        if (k.length() == 0 || k.charAt(k.length() - 1) != '-') {
          k.append('-');
        }
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        k.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        return null;
      } else {
        k.append(c);
      }
    }
    return k.length() == 0 || k.length() > MAX_KEY ? null : k.toString();
  }

  /**
   * Whether {@code value} holds nothing but what {@link #key} drops (whitespace, controls, zero
   * width spaces): an emptied field, whose key is no key at all, unlike a value too long for one.
   */
  static boolean blank(String value) {
    for (int i = 0; i < value.length(); i++) {
      if (!space(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** What a key may not hold: whitespace, Unicode spaces, controls, zero-width spaces, BOMs. */
  private static boolean space(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || Character.isISOControl(c)
        || c == '\u200B'
        || c == '\uFEFF';
  }

  static void count(Map<String, Long> ignored, String reason) {
    ignored.merge(reason, 1L, Long::sum);
  }
}
