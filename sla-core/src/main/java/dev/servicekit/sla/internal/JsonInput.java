package dev.servicekit.sla.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one place where sla-core turns JSON text into a tree, and typed reads from that tree whose
 * errors end with the JSON path of the bad value. Every JSON reader of sla-core reports bad input
 * in one layout, {@link #located(String, String, long, long)}: {@code "<what is wrong> (at <path>,
 * line L, column C)"}, e.g. {@code "expected a string but found 3 (at $.week.MONDAY[1], line 4,
 * column 17)"}. The path is rooted at {@code $} ({@code $.zone}, {@code $[2]}, {@code
 * $.holidays[4]}).
 *
 * <p>{@link #read(String, String, Function)} applies every limit of hostile input once for all
 * readers: Jackson's {@link StreamReadConstraints} (document, string, name and number length,
 * nesting depth), duplicate keys and trailing content rejected, and every number checked for
 * magnitude and scale ({@link #MAX_EXPONENT}) before anything converts it. A reader's error names
 * its path with a trailing {@code " (path)"}; {@link #read} then writes it in the one layout, with
 * the line and column of the member the path names (of its name, for an object member). Error
 * messages echo values through {@link #excerpt(String)}, so their length is bounded.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonInput {
  /** The path of the document root. */
  public static final String ROOT = "$";

  /** Longest accepted document, in bytes (or chars for text input). */
  public static final int MAX_DOCUMENT_LENGTH = 16 << 20;

  /** Longest accepted string value. */
  public static final int MAX_STRING_LENGTH = 64 << 10;

  /** Longest accepted field name. */
  public static final int MAX_NAME_LENGTH = 256;

  /** Longest accepted number literal, in characters. */
  public static final int MAX_NUMBER_LENGTH = 100;

  /** Deepest accepted nesting of arrays and objects. */
  public static final int MAX_DEPTH = 32;

  /**
   * Largest accepted decimal exponent: a number literal must lie within {@code 10^±MAX_EXPONENT}
   * and have at most {@code MAX_EXPONENT} decimals, so no later conversion or formatting can cost
   * more than a few hundred digits.
   */
  public static final int MAX_EXPONENT = 400;

  /** Longest excerpt of a value in an error message, in characters. */
  public static final int MAX_EXCERPT = 80;

  /** Longest message of any error thrown by a reader (a backstop; excerpts keep them shorter). */
  public static final int MAX_MESSAGE = 500;

  // Reading needs Jackson 2.15 (StreamReadConstraints). It is checked before any parser is made, so
  // that an older Jackson on a consumer's class path gets this message, on every call, rather than
  // a NoClassDefFoundError (then "Could not initialize class") from the parser's setup.
  private static final String OLD_JACKSON =
      oldJackson(
          com.fasterxml.jackson.core.json.PackageVersion.VERSION,
          com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION);

  /** The parser's setup, made on the first read with a Jackson that has it. */
  private static final class Parsing {
    static final JsonFactory FACTORY =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNestingDepth(MAX_DEPTH)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    // Fractions and exponents read as decimals, which keep their literal for error messages (see
    // RawNumbers); a reader that wants a double converts, as it did from a DoubleNode.
    static final ObjectMapper MAPPER =
        JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
  }

  /**
   * Why Jackson {@code core} and {@code databind} cannot read, or null if both are 2.15 or newer
   * 2.x.
   *
   * @param core jackson-core's version
   * @param databind jackson-databind's version
   * @return the message, or null
   */
  static String oldJackson(Version core, Version databind) {
    if (from215(core) && from215(databind)) {
      return null;
    }
    return "sla-core reads JSON with Jackson 2.15 or newer 2.x, but found jackson-core "
        + core
        + " and jackson-databind "
        + databind
        + ": manage Jackson to 2.15 or newer, e.g. with com.fasterxml.jackson:jackson-bom";
  }

  /**
   * Throws if the Jackson on the class path is older than 2.15: every JSON read calls it before it
   * makes a parser (Jackson 2.14 has none of the limits on hostile input the readers rely on).
   *
   * @throws IllegalStateException naming the versions found
   */
  public static void requireJackson() {
    if (OLD_JACKSON != null) {
      throw new IllegalStateException(OLD_JACKSON);
    }
  }

  private static boolean from215(Version v) {
    return v.getMajorVersion() == 2 && v.getMinorVersion() >= 15;
  }

  private JsonInput() {}

  /**
   * The one layout of an error in JSON text: {@code "<what> (at <path>, line L, column C)"}.
   *
   * @param what what is wrong, with a bounded excerpt of the value where it quotes one
   * @param path the JSON path of the bad value; one not starting with {@code $} is taken as
   *     relative to the root ({@code zone} is {@code $.zone})
   * @param line the 1-based line
   * @param column the 1-based column
   * @return the message, cut to {@link #MAX_MESSAGE} characters
   */
  public static String located(String what, String path, long line, long column) {
    return bound(what + " (at " + rooted(path) + ", line " + line + ", column " + column + ")");
  }

  /**
   * {@link #located(String, String, long, long)} for an error with no line and column (none is
   * known, or the document is longer than the parser's limits): {@code "<what> (at <path>)"}.
   *
   * @param what what is wrong
   * @param path the JSON path of the bad value
   * @return the message
   */
  public static String located(String what, String path) {
    return bound(what + " (at " + rooted(path) + ")");
  }

  private static final java.util.regex.Pattern LOCATED =
      java.util.regex.Pattern.compile("(?s).* \\(at \\$.*, line \\d+, column \\d+\\)");

  /**
   * Whether {@code message} is already in the layout of {@link #located(String, String, long,
   * long)}, with a line and column.
   *
   * @param message a message, or null
   * @return whether it ends with {@code " (at <path>, line L, column C)"}
   */
  public static boolean isLocated(String message) {
    return message != null && LOCATED.matcher(message).matches();
  }

  /** {@code path} rooted at {@code $}: {@code zone} becomes {@code $.zone}. */
  static String rooted(String path) {
    if (path.startsWith(ROOT)) {
      return path;
    }
    return path.startsWith("[") ? ROOT + path : ROOT + "." + path;
  }

  /** {@link #located(String, String)} and the location {@code loc}, if it has one. */
  private static String located(String what, String path, JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1
        ? located(what, path)
        : located(what, path, loc.getLineNr(), loc.getColumnNr());
  }

  /**
   * Parses {@code json} under the limits above and applies {@code reader} to the tree. Syntax
   * errors become {@code IllegalArgumentException("<malformed>" + Jackson's message + " (path, line
   * L, column C)")}; an {@code IllegalArgumentException} of the reader, whose message ends with a
   * path in parentheses, gets that path's line and column added. {@code O(input size)}.
   *
   * @param json the JSON text
   * @param malformed the message prefix of a syntax error, e.g. {@code "malformed JSON: "}
   * @param reader turns the tree into the value
   * @return the value
   */
  public static <T> T read(String json, String malformed, Function<JsonNode, T> reader) {
    Objects.requireNonNull(json, "json");
    if (json.length() > MAX_DOCUMENT_LENGTH) {
      throw new IllegalArgumentException(
          located(
              malformed
                  + "document of "
                  + json.length()
                  + " characters is longer than "
                  + MAX_DOCUMENT_LENGTH,
              ROOT));
    }
    // A UTF-8 byte order mark (Windows editors write one; text read from a file keeps it) is not
    // content: RFC 8259 lets a reader ignore it.
    return read(new Source(withoutBom(json)), malformed, reader);
  }

  /**
   * Like {@link #read(String, String, Function)}, for a UTF-8 stream (read to its end, not closed).
   *
   * @throws UncheckedIOException if the stream fails
   */
  public static <T> T read(InputStream in, String malformed, Function<JsonNode, T> reader) {
    Objects.requireNonNull(in, "in");
    byte[] bytes;
    try {
      bytes = in.readNBytes(MAX_DOCUMENT_LENGTH + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > MAX_DOCUMENT_LENGTH) {
      throw new IllegalArgumentException(
          located(malformed + "document is longer than " + MAX_DOCUMENT_LENGTH + " bytes", ROOT));
    }
    // Decoded strictly here rather than by Jackson, which would guess UTF-16 or UTF-32 from zero
    // bytes: the stream is documented as UTF-8, and text and stream input then behave alike.
    // at most MAX_DOCUMENT_LENGTH bytes, so at most as many chars: the text path's limit holds
    return read(utf8(bytes, malformed + "the document is not valid UTF-8"), malformed, reader);
  }

  /**
   * A JSON parser's message for an error: control characters, separators and lone surrogates
   * escaped, then cut to 200 characters and {@code "..."} (cut first, the escapes could make it six
   * times longer).
   *
   * @param message the parser's message, or null
   * @return the bounded message, or null
   */
  public static String parserMessage(String message) {
    if (message == null) {
      return null;
    }
    String p = printable(jacksonMessage(message));
    return p.length() <= 200 ? p : p.substring(0, 200) + "...";
  }

  /**
   * Decodes {@code bytes} as strict UTF-8.
   *
   * @param bytes the bytes
   * @param notUtf8 the message if they are not UTF-8, to which {@code " (at $, line L, byte B)"} is
   *     added
   * @return the text
   * @throws IllegalArgumentException if the bytes are not UTF-8
   */
  public static String utf8(byte[] bytes, String notUtf8) {
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(buffer, out, true);
    if (r.isError()) {
      throw new IllegalArgumentException(
          notUtf8 + " (at $, " + lineAndByte(bytes, buffer.position()) + ")");
    }
    return out.flip().toString();
  }

  /**
   * The position of byte {@code at} of {@code bytes}, e.g. {@code "line 3, byte 7"} (both 1-based),
   * for a byte that is not UTF-8: lines end as Jackson counts them in every other error, at {@code
   * "\n"}, {@code "\r\n"} or a bare {@code "\r"}.
   *
   * @param bytes the document
   * @param at the index of the bad byte, less than {@code bytes.length}
   * @return the line and the byte within it
   */
  public static String lineAndByte(byte[] bytes, int at) {
    int line = 1;
    int lineStart = 0;
    // i + 1 <= at, the bad byte, which is never '\n'
    for (int i = 0; i < at; i++) {
      if (bytes[i] == '\n' || (bytes[i] == '\r' && bytes[i + 1] != '\n')) {
        line++;
        lineStart = i + 1;
      }
    }
    return "line " + line + ", byte " + (at - lineStart + 1);
  }

  private static <T> T read(Source source, String malformed, Function<JsonNode, T> reader) {
    JsonNode root;
    try (JsonParser p = new CheckedParser(source.open())) {
      try {
        root = Parsing.MAPPER.reader().with(new RawNumbers(p)).readTree(p);
        if (root == null) {
          throw new JsonParseException(p, "no JSON value: the document is empty");
        }
        if (p.nextToken() != null) {
          throw new JsonParseException(
              p, "trailing content after the JSON value", p.currentTokenLocation());
        }
      } catch (JsonProcessingException e) {
        throw malformed(e, p, malformed);
      } catch (IOException e) {
        // the source is in memory, so any other IOException is about its content
        throw new IllegalArgumentException(
            located(malformed + excerpt(String.valueOf(e.getMessage()), 200), ROOT), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      return reader.apply(root);
    } catch (IllegalArgumentException e) {
      throw source.locate(e);
    }
  }

  /**
   * A syntax or limit error as an IllegalArgumentException: Jackson's message (first line, without
   * its source description), the path where the parser stopped, line and column.
   */
  private static IllegalArgumentException malformed(
      JsonProcessingException e, JsonParser parser, String prefix) {
    JsonParser p = e.getProcessor() instanceof JsonParser q ? q : parser;
    String path = pathOf(p.getParsingContext());
    String msg = e.getOriginalMessage();
    if (msg == null) {
      msg = e.getClass().getSimpleName();
    }
    msg = excerpt(jacksonMessage(msg), 200);
    JsonLocation loc = e.getLocation() != null ? e.getLocation() : p.currentLocation();
    return new IllegalArgumentException(located(prefix + msg, path, loc), e);
  }

  /**
   * The path of the value a parser is at, e.g. {@code $.policies[2].name}.
   *
   * @param ctx the parser's context, or null for the root
   * @return the path
   */
  public static String pathOf(JsonStreamContext ctx) {
    if (ctx == null || ctx.inRoot()) {
      return ROOT;
    }
    String parent = pathOf(ctx.getParent());
    if (ctx.inArray()) {
      int i = Math.max(0, ctx.getCurrentIndex());
      return parent + "[" + i + "]";
    }
    String name = ctx.getCurrentName();
    return name == null ? parent : child(parent, name);
  }

  /**
   * {@code s} itself if it prints in at most {@link #MAX_EXCERPT} characters, else its start that
   * does, an ellipsis and its length, e.g. {@code "aaaa…(10485760 chars)"}; either way with control
   * characters and line or paragraph separators written as {@code \\uXXXX} (six characters each),
   * so that a quoted value cannot break or forge a line of the log a message ends up in.
   */
  public static String excerpt(String s) {
    return excerpt(s, MAX_EXCERPT);
  }

  private static String excerpt(String s, int max) {
    if (s == null) {
      return null;
    }
    // at most max chars as printed: an escaped char takes six
    int end = 0;
    for (int width = 0; end < s.length(); end++) {
      width += escaped(s, end, s.length()) ? 6 : 1;
      if (width > max) {
        break;
      }
    }
    if (end == s.length()) {
      return escapeControls(s, end);
    }
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--; // not half a pair, which would print as an escape
    }
    return escapeControls(s, end) + "…(" + s.length() + " chars)";
  }

  /**
   * {@code s} with control characters and line or paragraph separators written as {@code \\uXXXX},
   * for a message that quotes a value cut by other rules.
   *
   * @param s the value
   * @return the printable value, {@code s} itself when nothing needs escaping
   */
  public static String printable(String s) {
    return escapeControls(s, s.length());
  }

  /** The first {@code end} characters of {@code s}, control and line-breaking ones escaped. */
  private static String escapeControls(String s, int end) {
    int i = 0;
    while (i < end && !escaped(s, i, end)) {
      i++;
    }
    if (i == end) {
      return end == s.length() ? s : s.substring(0, end);
    }
    StringBuilder b = new StringBuilder(end + 16).append(s, 0, i);
    for (; i < end; i++) {
      char c = s.charAt(i);
      if (escaped(s, i, end)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Whether the character at {@code i} is written as an escape: a control character, a line or
   * paragraph separator, or half of no surrogate pair (which UTF-8 output would turn into '?').
   */
  private static boolean escaped(String s, int i, int end) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= end || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return breaksLines(c);
  }

  private static boolean breaksLines(char c) {
    return Character.isISOControl(c) || c == 0x2028 || c == 0x2029 || bidi(c);
  }

  /** {@code n} as JSON text, shortened by {@link #excerpt(String)}. */
  public static String excerpt(JsonNode n) {
    if (n == null) {
      return "nothing";
    }
    if (n.isContainerNode() && n.size() > MAX_EXCERPT) {
      return (n.isArray() ? "an array of " : "an object of ") + n.size() + " members";
    }
    return excerpt(n.toString());
  }

  /**
   * Cuts a message to {@link #MAX_MESSAGE} characters, keeping its end (the path).
   *
   * @param message the message
   * @return it, or its head and tail around {@code " … "}
   */
  public static String bound(String message) {
    if (message.length() <= MAX_MESSAGE) {
      return message;
    }
    int head = cut(message, MAX_MESSAGE / 2, true);
    int tail = cut(message, message.length() - (MAX_MESSAGE - MAX_MESSAGE / 2 - 3), false);
    return message.substring(0, head) + " … " + message.substring(tail);
  }

  /**
   * {@code i} moved off the middle of a surrogate pair or of a {@code \\uXXXX} escape: back to its
   * start for the end of the head ({@code head}), forward past it for the start of the tail, so
   * that neither half of a cut message shows half a character or half an escape.
   */
  static int cut(String s, int i, boolean head) {
    for (int p = Math.max(0, i - 5); p < i; p++) {
      if (s.charAt(p) == '\\' && p + 1 < s.length() && s.charAt(p + 1) == 'u' && p + 6 > i) {
        return head ? p : Math.min(s.length(), p + 6);
      }
    }
    if (i > 0
        && i < s.length()
        && Character.isHighSurrogate(s.charAt(i - 1))
        && Character.isLowSurrogate(s.charAt(i))) {
      return head ? i - 1 : i + 1;
    }
    return i;
  }

  /**
   * {@code e} with the line and column, in {@code json}, of the path its message ends with ({@code
   * " (path)"}), as the readers of this class report a reader's error; for readers that parse under
   * other limits (the export importers). Without a location when the path is not found or {@code
   * json} breaks this class's limits before it.
   *
   * @param json the document the error is about
   * @param e the error
   * @return the error with its location, or {@code e}
   */
  public static IllegalArgumentException locate(String json, IllegalArgumentException e) {
    return new Source(json).locate(e);
  }

  /** The text a document was read from, kept to find the line and column of a path on error. */
  private record Source(String text) {
    JsonParser open() throws IOException {
      requireJackson();
      return Parsing.FACTORY.createParser(text);
    }

    /**
     * {@code e} in the layout of {@link #located(String, String, long, long)}: its message ends
     * with the path of the bad value ({@code " (path)"} or {@code " (at path)"}), which gets the
     * line and column of that path, or of the nearest enclosing value that exists in the document.
     */
    IllegalArgumentException locate(IllegalArgumentException e) {
      String m = e.getMessage();
      if (m == null || !m.endsWith(")")) {
        return e;
      }
      // a field name may hold " (" too: try the last few openings, the longest path that exists
      // wins
      int last = m.lastIndexOf(" (");
      int tries = 0;
      for (int i = last; i >= 0 && tries < 3; i = m.lastIndexOf(" (", i - 1)) {
        tries++;
        String path = pathIn(m, i);
        JsonLocation loc = find(path, false);
        if (loc != null) {
          return new IllegalArgumentException(located(m.substring(0, i), path, loc), e);
        }
      }
      if (last < 0) {
        return e;
      }
      String path = pathIn(m, last);
      return new IllegalArgumentException(located(m.substring(0, last), path, find(path, true)), e);
    }

    /** The path in the parentheses that open at {@code open} and close {@code m}, rooted. */
    private static String pathIn(String m, int open) {
      String path = m.substring(open + 2, m.length() - 1);
      return rooted(path.startsWith("at ") ? path.substring(3) : path);
    }

    /**
     * The location of the value at {@code path}; with {@code nearest}, of its longest enclosing
     * path that exists, down to the root.
     */
    private JsonLocation find(String path, boolean nearest) {
      List<String> wanted = new ArrayList<>();
      wanted.add(path);
      if (nearest) {
        for (String p = parentOf(path); p != null; p = parentOf(p)) {
          wanted.add(p);
        }
      }
      JsonLocation best = null;
      int bestRank = Integer.MAX_VALUE;
      try (JsonParser p = open()) {
        for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
          JsonStreamContext ctx = p.getParsingContext();
          String at =
              t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY
                  ? pathOf(ctx.getParent())
                  : pathOf(ctx);
          // a member is located at its value, the token a bad value is, not at its name
          if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY || t == JsonToken.FIELD_NAME) {
            continue;
          }
          int rank = wanted.indexOf(at);
          if (rank >= 0 && rank < bestRank) {
            best = p.currentTokenLocation();
            bestRank = rank;
            if (rank == 0) {
              break;
            }
          }
        }
      } catch (IOException e) {
        // the document parsed before, so this cannot happen; report without a location
      }
      return best;
    }
  }

  /** The path enclosing {@code path}, or null for the root. */
  private static String parentOf(String path) {
    if (ROOT.equals(path)) {
      return null;
    }
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut <= 0 ? ROOT : path.substring(0, cut);
  }

  /**
   * Rejects number literals whose magnitude or scale is beyond {@link #MAX_EXPONENT}, and field
   * names longer than {@link #MAX_NAME_LENGTH} (checked here, not by {@code StreamReadConstraints},
   * whose name and document limits need Jackson 2.16; the cores support 2.15).
   */
  private static final class CheckedParser extends JsonParserDelegate {
    private final boolean names;

    CheckedParser(JsonParser p) {
      this(p, true);
    }

    /** {@code names}: whether field names are held to {@link #MAX_NAME_LENGTH} too. */
    CheckedParser(JsonParser p, boolean names) {
      super(p);
      this.names = names;
    }

    @Override
    public JsonToken nextToken() throws IOException {
      return check(delegate.nextToken());
    }

    @Override
    public JsonToken nextValue() throws IOException {
      return check(delegate.nextValue());
    }

    @Override
    public String nextFieldName() throws IOException {
      String name = delegate.nextFieldName();
      if (name != null) {
        checkName(name);
      }
      return name;
    }

    @Override
    public boolean nextFieldName(SerializableString expected) throws IOException {
      boolean matches = delegate.nextFieldName(expected);
      if (delegate.currentToken() == JsonToken.FIELD_NAME) {
        checkName(delegate.currentName());
      }
      return matches;
    }

    private void checkName(String name) throws IOException {
      if (names && name.length() > MAX_NAME_LENGTH) {
        throw new JsonParseException(
            this,
            "field name of " + name.length() + " characters is longer than " + MAX_NAME_LENGTH,
            delegate.currentTokenLocation());
      }
    }

    private JsonToken check(JsonToken t) throws IOException {
      if (t == JsonToken.FIELD_NAME) {
        checkName(delegate.currentName());
      }
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        String text = delegate.getText();
        if (!withinBounds(text)) {
          throw new JsonParseException(
              this,
              "number "
                  + excerpt(text)
                  + " is out of range: magnitude and decimals are limited to 10^±"
                  + MAX_EXPONENT,
              delegate.currentTokenLocation());
        }
        if (!fitsDouble(text)) {
          // beyond a double, a reader would quote and use Infinity or 0.0, a value not in the text
          throw new JsonParseException(
              this,
              "number " + excerpt(text) + " is out of range: " + DOUBLE_RANGE,
              delegate.currentTokenLocation());
        }
      }
      return t;
    }
  }

  /**
   * Parses a document with {@code mapper} (its own limits on strings, names and depth, which a
   * helpdesk export needs larger than a configuration) under the number rules of every other
   * reader: a number beyond a double's range is refused where it stands ({@code number 1e309 is out
   * of range: ...}), where it became Infinity or 0.0, and each fraction or exponent keeps the
   * literal the document wrote for error messages ({@code 7e0}, not {@code 7.0}); and nothing may
   * follow the document (a second export pasted after the first was ignored). Jackson's exceptions
   * are passed on for the caller to locate.
   *
   * @param mapper the mapper (doubles for fractions)
   * @param json the document
   * @return the tree, or null for text without a value
   * @throws IOException a {@link JsonProcessingException} for a syntax or range error
   */
  public static JsonNode readTreeCheckingNumbers(ObjectMapper mapper, String json)
      throws IOException {
    requireJackson();
    try (JsonParser p = new CheckedParser(mapper.getFactory().createParser(json), false)) {
      JsonNode root;
      try {
        root = mapper.reader().with(new RawDoubles(p)).readTree(p);
      } catch (JsonProcessingException e) {
        throw locatedLimit(e, p);
      }
      if (root != null) {
        JsonToken t = p.nextToken();
        if (t != null) {
          throw new JsonParseException(
              p,
              "Trailing token (of type "
                  + t
                  + ") found after value: nothing may follow the document",
              p.currentTokenLocation());
        }
      }
      return root;
    }
  }

  /**
   * {@code e}, or for a read limit that comes without a location (a string, number or name longer
   * than the mapper allows) a parse error at the parser's position, so that the caller's path, line
   * and column name the value instead of the document's start. A nesting-depth limit is left as it
   * is: callers locate it by the depth its message names (its path would be as deep as the limit).
   */
  private static JsonProcessingException locatedLimit(JsonProcessingException e, JsonParser p) {
    if (e.getLocation() != null
        || String.valueOf(e.getOriginalMessage()).contains("nesting depth")) {
      return e;
    }
    // a value too long: where it starts (the parser has read past it); anything else: where the
    // parser stopped
    JsonLocation at =
        p.currentToken() != null && p.currentToken().isScalarValue()
            ? p.currentTokenLocation()
            : p.currentLocation();
    return new JsonParseException(p, e.getOriginalMessage(), at, e);
  }

  /**
   * Builds the tree with every fraction or exponent number as a {@link RawDouble}: a double node
   * that quotes the literal it was read from.
   */
  private static final class RawDoubles extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;
    private final transient JsonParser parser;

    RawDoubles(JsonParser parser) {
      super(false);
      this.parser = parser;
    }

    @Override
    public com.fasterxml.jackson.databind.node.NumericNode numberNode(double v) {
      try {
        return new RawDouble(v, parser.getText());
      } catch (IOException e) {
        return super.numberNode(v); // not on a token: no literal to keep
      }
    }
  }

  /** A double node whose {@link #toString()} is the literal it was read from. */
  static final class RawDouble extends com.fasterxml.jackson.databind.node.DoubleNode {
    private static final long serialVersionUID = 1L;
    private final String literal;

    RawDouble(double value, String literal) {
      super(value);
      this.literal = literal;
    }

    @Override
    public String toString() {
      return literal;
    }
  }

  /** The rule a number beyond a double's range breaks, for its error message. */
  static final String DOUBLE_RANGE =
      "a number must be one a double holds, at most 1.7976931348623157E308 in magnitude and, unless"
          + " 0, at least 4.9E-324";

  /**
   * Whether a number literal (within {@link #MAX_EXPONENT}, so cheap to convert) keeps its value as
   * a double: not beyond the largest (it would become Infinity) and, unless zero, not below the
   * smallest (it would become 0.0).
   */
  static boolean fitsDouble(String text) {
    double d = Double.parseDouble(text);
    return !Double.isInfinite(d) && (d != 0 || new BigDecimal(text).signum() == 0);
  }

  /**
   * Builds the tree with every fraction or exponent number as a {@link RawDecimal}, which keeps the
   * literal the document wrote: an error quotes {@code 1e3} or {@code 0.10}, not {@code 1000.0} or
   * {@code 0.1}. The parser is on the number's token when the tree asks for its node.
   */
  private static final class RawNumbers extends JsonNodeFactory {
    private static final long serialVersionUID = 1L;
    private final transient JsonParser parser;

    RawNumbers(JsonParser parser) {
      super(false); // the default factory's decimals
      this.parser = parser;
    }

    @Override
    public ValueNode numberNode(BigDecimal v) {
      ValueNode n = super.numberNode(v);
      if (!(n instanceof DecimalNode)) {
        return n;
      }
      try {
        return new RawDecimal(n.decimalValue(), parser.getText());
      } catch (IOException e) {
        return n; // not on a token: no literal to keep
      }
    }
  }

  /** A decimal number node whose {@link #toString()} is the literal it was read from. */
  static final class RawDecimal extends DecimalNode {
    private static final long serialVersionUID = 1L;
    private final String literal;

    RawDecimal(BigDecimal value, String literal) {
      super(value);
      this.literal = literal;
    }

    @Override
    public String toString() {
      return literal;
    }
  }

  /**
   * Whether a JSON number literal (as the parser accepted it) lies within {@code 10^±MAX_EXPONENT}
   * with at most {@code MAX_EXPONENT} decimals. Reads the exponent digits first, so that a literal
   * such as {@code 1e999999999} is refused before any {@link BigDecimal} is built.
   */
  static boolean withinBounds(String text) {
    int e = Math.max(text.indexOf('e'), text.indexOf('E'));
    if (e >= 0) {
      int digits = text.length() - e - 1;
      if (digits > 0 && (text.charAt(e + 1) == '+' || text.charAt(e + 1) == '-')) {
        digits--;
      }
      if (digits > 6) {
        return false;
      }
    }
    // the parser has checked the syntax and the exponent has at most six digits, so this parses
    BigDecimal d = new BigDecimal(text);
    int scale = d.scale();
    if (scale > MAX_EXPONENT || scale < -MAX_EXPONENT) {
      return false;
    }
    // the leading digit's exponent; at least -scale (also for zero), so bounded below already
    long adjusted = (long) d.precision() - scale - 1;
    return adjusted <= MAX_EXPONENT;
  }

  /**
   * The path of {@code field} below {@code path}. A field name longer than {@link #MAX_EXCERPT} is
   * written as its {@link #excerpt(String)}, so a path stays bounded and a message that ends with
   * it needs not quote the name again.
   */
  public static String child(String path, String field) {
    return rooted(path) + "." + excerpt(field);
  }

  /**
   * How a message names an unknown field whose path (ending with the field's bounded name) follows
   * in parentheses: {@code unknown field 'x'}, or {@code unknown field of 300 characters} when the
   * name, its control characters escaped, is longer than {@link #MAX_EXCERPT}, so that its excerpt
   * appears once, in the path.
   *
   * @param field the field name
   * @return the words for the message
   */
  public static String unknownField(String field) {
    String printable = printable(field);
    return printable.length() <= MAX_EXCERPT
        ? "unknown field '" + printable + "'"
        : "unknown field of " + field.length() + " characters";
  }

  /**
   * {@code s} with its ASCII letters {@code a-z} in upper case and every other character as it is:
   * how the readers fold the case of an enum or weekday name. {@link String#toUpperCase} would fold
   * non-ASCII letters into ASCII ones too ({@code "ı"}, dotless i, to {@code I}, {@code "ſ"}, long
   * s, to {@code S}), so that a name no one wrote ({@code "after_deadlıne"}) would be read as one.
   *
   * @param s the text
   * @return the text with ASCII letters upper-cased
   */
  public static String asciiUpperCase(String s) {
    char[] out = s.toCharArray();
    for (int i = 0; i < out.length; i++) {
      if (out[i] >= 'a' && out[i] <= 'z') {
        out[i] = (char) (out[i] - ('a' - 'A'));
      }
    }
    return new String(out);
  }

  /** Runs {@code r}, appending {@code (path)} to the message of any IllegalArgumentException. */
  public static void at(String path, Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + path + ")", e);
    }
  }

  /** Like {@link #at(String, Runnable)}, returning the supplier's value. */
  public static <T> T get(String path, Supplier<T> s) {
    try {
      return s.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + path + ")", e);
    }
  }

  /** The value of a required, non-null field of object {@code o} at {@code path}. */
  public static JsonNode required(JsonNode o, String field, String path) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException(field + " is required (" + child(path, field) + ")");
    }
    return v;
  }

  /** {@code n} as an object whose field names are all in {@code fields}. */
  public static JsonNode object(JsonNode n, String path, Set<String> fields) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          "expected an object with fields "
              + new java.util.TreeSet<>(fields)
              + " but found "
              + excerpt(n)
              + " ("
              + path
              + ")");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!fields.contains(f)) {
        String head = unknownField(f) + "; expected one of ";
        String tail = " (" + child(path, f) + ")";
        // room for the line and column added later, so that the bound cuts nothing
        int room = MAX_MESSAGE - head.length() - tail.length() - 40;
        throw new IllegalArgumentException(head + fieldList(fields, room) + tail);
      }
    }
    return n;
  }

  /**
   * {@code fields} sorted, as {@code [a, b]}, or, if longer than {@code room}, cut to as many as
   * fit, with how many more there are: {@code [a, b and 7 more]}. Sorted so that one mistake gets
   * one message: the sets are {@code Set.of}, whose iteration order changes from run to run.
   */
  static String fieldList(Set<String> fields, int room) {
    List<String> sorted = new ArrayList<>(new java.util.TreeSet<>(fields));
    String all = sorted.toString();
    if (all.length() <= room) {
      return all;
    }
    StringBuilder out = new StringBuilder("[");
    int shown = 0;
    for (String f : sorted) {
      String more = " and " + (sorted.size() - shown - 1) + " more]";
      if (out.length() + 2 + f.length() + more.length() > room) {
        break;
      }
      out.append(shown == 0 ? "" : ", ").append(f);
      shown++;
    }
    return out.append(" and ").append(sorted.size() - shown).append(" more]").toString();
  }

  /** {@code n} as an object with any fields. */
  public static JsonNode objectAny(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          "expected an object but found " + excerpt(n) + " (" + path + ")");
    }
    return n;
  }

  /** {@code n} as an array. */
  public static JsonNode array(JsonNode n, String path) {
    if (n == null || !n.isArray()) {
      throw new IllegalArgumentException(
          "expected an array but found " + excerpt(n) + " (" + path + ")");
    }
    return n;
  }

  /** {@code n} as an array of strings. */
  public static List<String> strings(JsonNode n, String path) {
    array(n, path);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n.size(); i++) {
      out.add(text(n.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** {@code n} as a string. */
  public static String text(JsonNode n, String path) {
    if (n == null || !n.isTextual()) {
      throw new IllegalArgumentException(
          "expected a string but found " + excerpt(n) + " (" + path + ")");
    }
    return n.textValue();
  }

  /** {@code n} as a boolean. */
  public static boolean bool(JsonNode n, String path) {
    if (n == null || !n.isBoolean()) {
      throw new IllegalArgumentException(
          "expected true or false but found " + excerpt(n) + " (" + path + ")");
    }
    return n.booleanValue();
  }

  /** {@code n} as an int. */
  public static int integer(JsonNode n, String path) {
    if (n == null || !n.isInt()) {
      throw new IllegalArgumentException(
          "expected an integer but found " + excerpt(n) + " (" + path + ")");
    }
    return n.intValue();
  }

  /** {@code n} as an ISO-8601 duration string. */
  public static Duration duration(JsonNode n, String path) {
    String t = text(n, path);
    try {
      Duration d = Duration.parse(t);
      requireOneSign(t, path);
      return d;
    } catch (DateTimeParseException e) {
      if (durationOverflows(e)) {
        throw new IllegalArgumentException(
            "duration '" + excerpt(t) + "' " + DURATION_OUT_OF_RANGE + " (" + path + ")", e);
      }
      throw new IllegalArgumentException(
          "duration '"
              + excerpt(t)
              + "' is not an ISO-8601 duration such as PT1H"
              + calendarUnitsHint(t)
              + " ("
              + path
              + ")",
          e);
    }
  }

  /**
   * Refuses a duration text with a minus before {@code P} and another on a number ({@code -PT-1H}):
   * {@link Duration#parse} negates the whole, so it reads as one hour, where its writer meant a
   * negative one.
   *
   * @param t the duration text, already parsed
   * @param path where it is, for the message
   * @throws IllegalArgumentException if it has both minus signs
   */
  public static void requireOneSign(String t, String path) {
    if (t.startsWith("-") && t.indexOf('-', 1) >= 0) {
      throw new IllegalArgumentException(
          "duration '"
              + excerpt(t)
              + "' has a minus before P and another on a number, which Duration.parse negates"
              + " twice (-PT-1H reads as one hour, -PT1H-30M as minus 30 minutes): write one sign"
              + " (-PT1H or PT-1H for minus an hour) ("
              + path
              + ")");
    }
  }

  /**
   * For a duration text with years, months or weeks ({@code P1M}, {@code P1Y2M}, {@code P2W}): why
   * it is refused, and what to write instead; "" for any other text.
   *
   * @param t the duration text
   * @return the hint, starting with a colon, or ""
   */
  public static String calendarUnitsHint(String t) {
    int end = t.indexOf('T');
    String date = (end < 0 ? t : t.substring(0, end)).toUpperCase(java.util.Locale.ROOT);
    if (date.startsWith("P") || date.startsWith("-P") || date.startsWith("+P")) {
      for (int i = date.indexOf('P') + 1; i < date.length(); i++) {
        char c = date.charAt(i);
        if (c == 'Y' || c == 'M' || c == 'W') {
          return ": years, months and weeks have no fixed length, so durations here are in days,"
              + " hours, minutes and seconds (P30D, PT36H)";
        }
      }
    }
    return "";
  }

  /**
   * The rule broken by a duration that {@link Duration#parse} rejects for its value rather than its
   * syntax: ISO-8601, but longer than a {@link Duration} holds.
   */
  public static final String DURATION_OUT_OF_RANGE =
      "is out of range: valid ISO-8601, but longer than a java.time.Duration holds (about 292"
          + " billion years)";

  /**
   * Returns whether {@code e}, thrown by {@link Duration#parse}, rejects a syntactically valid
   * duration whose value overflows (an {@link ArithmeticException} or, for more digits than a
   * {@code long} holds, a {@link NumberFormatException}, as its cause).
   *
   * @param e the exception of {@code Duration.parse}
   * @return whether the text was valid ISO-8601 but out of range
   */
  public static boolean durationOverflows(DateTimeParseException e) {
    return e.getCause() instanceof ArithmeticException
        || e.getCause() instanceof NumberFormatException;
  }

  /**
   * {@code text} without one leading byte order mark (U+FEFF): Windows editors write one, text read
   * from a file keeps it, and RFC 8259 lets a reader ignore it. Every reader of JSON text skips it,
   * as Jackson does for a stream.
   *
   * @param text the text
   * @return the text after the mark, or {@code text} itself
   */
  public static String withoutBom(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * Jackson's message of a syntax or limit error in the reader's words: its first line, without the
   * source description and without the advice to switch on a Jackson feature or constraint, which a
   * caller of servicekit cannot do ({@code "Non-standard token 'NaN': enable
   * `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow"} becomes {@code "Non-standard token
   * 'NaN': JSON numbers are finite (no NaN or Infinity)"}). Not bounded or escaped: callers do
   * that.
   *
   * @param message Jackson's original message, or null
   * @return the message, or null for null
   */
  public static String jacksonMessage(String message) {
    if (message == null) {
      return null;
    }
    int cut = message.indexOf('\n');
    String m = cut < 0 ? message : message.substring(0, cut);
    m = m.replaceAll("\\[Source: [^;]*; ", "[");
    m =
        m.replaceAll(
            ": enable `JsonReadFeature\\.ALLOW_NON_NUMERIC_NUMBERS` to allow",
            ": JSON numbers are finite (no NaN or Infinity)");
    m =
        m.replaceAll(
            " \\(not recognized as one since Feature '[A-Z_]+' not enabled for parser\\)",
            " (JSON has no comments)");
    m =
        m.replaceAll(
            " \\(bound as `[^`]*`\\): not allowed as per `DeserializationFeature\\.FAIL_ON_TRAILING_TOKENS`",
            ": nothing may follow the document");
    m = m.replaceAll(", from `StreamReadConstraints\\.[A-Za-z]+\\(\\)`\\)", ")");
    return m.replaceAll(": enable `[^`]*` to allow", "");
  }

  /**
   * Whether {@code c} is a bidirectional control (U+061C, U+200E, U+200F, U+202A-U+202E,
   * U+2066-U+2069): quoted raw, it would reorder how the rest of a log line is shown, so messages
   * write it as an escape.
   */
  public static boolean bidi(char c) {
    return (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f
        || c == 0x061c;
  }
}
