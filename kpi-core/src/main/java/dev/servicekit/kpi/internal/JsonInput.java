package dev.servicekit.kpi.internal;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one place where kpi-core turns JSON text into a tree. Every JSON reader of kpi-core reports
 * bad input in one layout, {@link #located(String, String, long, long)}: {@code "<what is wrong>
 * (at <path>, line L, column C)"}, e.g. {@code "calls -1.0 must be finite and >= 0 (at
 * $.intervals[3].calls, line 14, column 14)"}. The path is rooted at {@code $} ({@code
 * $.serviceLevel}, {@code $.state.count}, {@code $[2]}).
 *
 * <p>{@link #read(String, String, Function)} applies every limit of hostile input once for all
 * readers: Jackson's {@link StreamReadConstraints} (document, string, name and number length,
 * nesting depth), duplicate keys and trailing content rejected, and every number checked for
 * magnitude and scale ({@link #MAX_EXPONENT}) before anything converts it. A reader's error names
 * its path with a trailing {@code " (path)"}; {@link #read} then writes it in the one layout, with
 * the line and column of the value the path names. Error messages echo values through {@link
 * #excerpt(String)}, so their length is bounded.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonInput {
  /** The path of the document root. */
  public static final String ROOT = "$";

  /** Longest accepted document, in bytes (or chars for text input). */
  public static final int MAX_DOCUMENT_LENGTH = 16 << 20;

  /**
   * Longest accepted string value: the document limit, since snapshots carry sketches as base64
   * strings; messages still echo only {@link #excerpt(String)}s.
   */
  public static final int MAX_STRING_LENGTH = MAX_DOCUMENT_LENGTH;

  /** Longest accepted field name (group keys can be field names). */
  public static final int MAX_NAME_LENGTH = 64 << 10;

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
    return "kpi-core reads JSON with Jackson 2.15 or newer 2.x, but found jackson-core "
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
   *     relative to the root ({@code kind} is {@code $.kind})
   * @param line the 1-based line
   * @param column the 1-based column
   * @return the message, cut to {@link #MAX_MESSAGE} characters
   */
  public static String located(String what, String path, long line, long column) {
    return bound(what + " (at " + rooted(path) + ", line " + line + ", column " + column + ")");
  }

  /**
   * {@link #located(String, String, long, long)} for an error with no line and column: {@code
   * "<what> (at <path>)"}.
   *
   * @param what what is wrong
   * @param path the JSON path of the bad value
   * @return the message
   */
  public static String located(String what, String path) {
    return bound(what + " (at " + rooted(path) + ")");
  }

  /**
   * {@code path} rooted at {@code $}: {@code kind} becomes {@code $.kind}.
   *
   * @param path a path, rooted or relative to the root
   * @return the rooted path
   */
  public static String rooted(String path) {
    if (path.startsWith(ROOT)) {
      return path;
    }
    return path.startsWith("[") ? ROOT + path : ROOT + "." + path;
  }

  private static final java.util.regex.Pattern LOCATED =
      java.util.regex.Pattern.compile("(?s).* \\(at \\$.*\\)");

  /**
   * Whether {@code message} is already in the layout of {@link #located(String, String, long,
   * long)} or {@link #located(String, String)}.
   *
   * @param message a message, or null
   * @return whether it ends with {@code " (at $...)"}
   */
  public static boolean isLocated(String message) {
    return message != null && LOCATED.matcher(message).matches();
  }

  /** {@link #located(String, String)} and the location {@code loc}, if it has one. */
  private static String located(String what, String path, JsonLocation loc) {
    return loc == null || loc.getLineNr() < 1
        ? located(what, path)
        : located(what, path, loc.getLineNr(), loc.getColumnNr());
  }

  /**
   * Parses {@code json} under the limits above and applies {@code reader} to the tree. Syntax
   * errors become {@code IllegalArgumentException("<malformed>" + Jackson's message + " (at path,
   * line L, column C)")}; an {@code IllegalArgumentException} of the reader, whose message ends
   * with {@code " (path)"}, is written as {@code "... (at path, line L, column C)"}. {@code O(input
   * size)}.
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
    return read(new Source(withoutBom(json)), malformed, reader);
  }

  /**
   * Parses {@code json} under the limits above, for readers that report their own paths: syntax and
   * limit errors carry path, line and column as in {@link #read(String, String, Function)}.
   *
   * @param json the JSON text
   * @param malformed the message prefix of a syntax error
   * @return the tree
   */
  public static JsonNode parse(String json, String malformed) {
    return read(json, malformed, Function.identity());
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
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(buffer, out, true);
    if (r.isError()) {
      int at = buffer.position();
      int line = 1;
      int lineStart = 0;
      // lines end as Jackson counts them in the errors that follow: "\n", "\r\n" or a bare "\r"
      // (i + 1 <= at, the malformed byte, which is never '\n')
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n' || (bytes[i] == '\r' && bytes[i + 1] != '\n')) {
          line++;
          lineStart = i + 1;
        }
      }
      throw new IllegalArgumentException(
          malformed
              + "the document is not valid UTF-8 (at $, line "
              + line
              + ", byte "
              + (at - lineStart + 1)
              + ")");
    }
    return read(new Source(out.flip().toString()), malformed, reader);
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
   * The path of the value a parser is at, e.g. {@code $.intervals[3].calls}.
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
   * {@code s} itself if at most {@link #MAX_EXCERPT} characters, else its start, an ellipsis and
   * its length, e.g. {@code "aaaa…(10485760 chars)"}.
   */
  public static String excerpt(String s) {
    return excerpt(s, MAX_EXCERPT);
  }

  private static String excerpt(String s, int max) {
    if (s == null) {
      return null;
    }
    if (s.length() <= max) {
      return printable(s);
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return printable(s.substring(0, end)) + "…(" + s.length() + " chars)";
  }

  /**
   * {@code s} with control characters, the line and paragraph separators and lone surrogates
   * written as {@code \\uxxxx}, so that a quoted value or a parser's message cannot break or forge
   * a log line.
   */
  private static String printable(String s) {
    StringBuilder b = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean breaks =
          Character.isISOControl(c)
              || c == 0x2028
              || c == 0x2029
              || Excerpt.bidi(c)
              || (Character.isHighSurrogate(c)
                  && (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))))
              || (Character.isLowSurrogate(c)
                  && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1))));
      if (breaks && b == null) {
        b = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      if (b != null) {
        b.append(breaks ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return b == null ? s : b.toString();
  }

  /**
   * A message written by code outside the library (a plugin codec's), for a message of ours: at
   * most its first 300 characters, then its length, with control characters and line or paragraph
   * separators escaped.
   *
   * @param message the message
   * @return the printable, bounded message
   */
  public static String excerptMessage(String message) {
    return excerpt(message, 300); // cut before escaping: never half an escape or half a pair
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

  /** Cuts a message to {@link #MAX_MESSAGE} characters, keeping its end (the path). */
  static String bound(String message) {
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
   * {@code e} in the layout of {@link #located(String, String, long, long)}, with the line and
   * column, in {@code json}, of the path its message ends with ({@code " (path)"}); for readers
   * that parse under other limits (the snapshot readers). Without a line and column when the path
   * is not found or {@code json} breaks this class's limits before it.
   *
   * @param json the document the error is about
   * @param e the error
   * @return the error in the one layout, or {@code e} if its message ends with no path
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
      // a field name may hold " (" too: try the last few openings, the first path that exists wins
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
    CheckedParser(JsonParser p) {
      super(p);
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
      if (name.length() > MAX_NAME_LENGTH) {
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

  /**
   * Parses a snapshot document with {@code mapper}, whose node types (doubles for fractions) the
   * snapshot's checksum is computed over, and the checks of every other JSON reader: a number
   * beyond a double's range is refused where it stands ({@code number 1e309 is out of range: ...}),
   * where it became Infinity or 0.0, and each fraction or exponent keeps the literal the document
   * wrote for error messages ({@code 1e0}, not {@code 1.0}); its value and its canonical text are
   * the double's, so checksums are unchanged. Nothing may follow the document. Jackson's exceptions
   * are passed on for the caller to locate.
   *
   * @param mapper the snapshot mapper (no big decimals)
   * @param json the document
   * @return the tree, or null for text without a value
   * @throws IOException a {@link JsonProcessingException} for a syntax or range error
   */
  public static JsonNode readSnapshotTree(ObjectMapper mapper, String json) throws IOException {
    requireJackson();
    try (JsonParser p = new CheckedParser(mapper.getFactory().createParser(json))) {
      JsonNode root = mapper.reader().with(new RawDoubles(p)).readTree(p);
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
   * Builds the tree with every fraction or exponent number as a {@link RawDouble}: a double node
   * (written back as the double, as the checksum needs) that quotes the literal in error messages.
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
   * Whether a JSON number literal lies within {@code 10^±MAX_EXPONENT} with at most {@code
   * MAX_EXPONENT} decimals. Reads the exponent digits first, so that a literal such as {@code
   * 1e999999999} is refused before any {@link BigDecimal} is built.
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
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException ex) {
      return false;
    }
    int scale = d.scale();
    if (scale > MAX_EXPONENT || scale < -MAX_EXPONENT) {
      return false;
    }
    // The decimal exponent of the leading digit, precision - scale - 1, is at least -scale, so the
    // scale check above already keeps it >= -MAX_EXPONENT; only its upper side is checked here.
    return d.signum() == 0 || (long) d.precision() - scale - 1 <= MAX_EXPONENT;
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
   * name is longer than {@link #MAX_EXCERPT}, so that its excerpt appears once, in the path.
   *
   * @param field the field name
   * @return the words for the message
   */
  public static String unknownField(String field) {
    return field.length() <= MAX_EXCERPT
        ? "unknown field '" + excerpt(field) + "'"
        : "unknown field of " + field.length() + " characters";
  }

  /**
   * Tells whether a duration text has a minus before {@code P} and another on a number ({@code
   * -PT-1H}), which {@link java.time.Duration#parse} reads as a positive duration.
   *
   * @param t the duration text
   * @return {@code true} if it has both minus signs
   */
  public static boolean doublyNegated(String t) {
    return t.startsWith("-") && t.indexOf('-', 1) >= 0;
  }

  /**
   * Refuses a duration text with a minus before {@code P} and another on a number ({@code -PT-1H}):
   * {@link java.time.Duration#parse} negates the whole, so it reads as one hour, where its writer
   * meant a negative one.
   *
   * @param t the duration text, already parsed
   * @param where the field and its location, for the message
   * @throws IllegalArgumentException if it has both minus signs
   */
  public static void requireOneSign(String t, String where) {
    if (doublyNegated(t)) {
      throw new IllegalArgumentException(
          "duration '"
              + excerpt(t)
              + "' has a minus before P and another on a number, which Duration.parse negates"
              + " twice (-PT-1H reads as one hour, -PT1H-30M as minus 30 minutes): write one sign"
              + " (-PT1H or PT-1H for minus an hour) ("
              + where
              + ")");
    }
  }

  /**
   * The rule broken by a duration that {@link java.time.Duration#parse} rejects for its value
   * rather than its syntax: ISO-8601, but longer than a {@link java.time.Duration} holds.
   */
  public static final String DURATION_OUT_OF_RANGE =
      "is out of range: valid ISO-8601, but longer than a java.time.Duration holds (about 292"
          + " billion years)";

  /**
   * Returns whether {@code e}, thrown by {@link java.time.Duration#parse}, rejects a syntactically
   * valid duration whose value overflows (an {@link ArithmeticException} or, for more digits than a
   * {@code long} holds, a {@link NumberFormatException}, as its cause).
   *
   * @param e the exception of {@code Duration.parse}
   * @return whether the text was valid ISO-8601 but out of range
   */
  public static boolean durationOverflows(java.time.format.DateTimeParseException e) {
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
   * For a duration text with years, months or weeks ({@code P1M}, {@code P1Y2M}, {@code P2W}): why
   * it is refused, and what to write instead; "" for any other text. The same rule as sla-core's.
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
}
