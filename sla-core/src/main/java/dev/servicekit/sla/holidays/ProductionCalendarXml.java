package dev.servicekit.sla.holidays;

import dev.servicekit.sla.holidays.internal.CalendarFiles;
import dev.servicekit.sla.internal.JsonInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads and writes the XML production-calendar format that many Russian accounting and HR products
 * import (one file a year, as published by xmlcalendar.ru):
 *
 * <pre>{@code
 * <calendar year="2024" lang="ru" date="2023.08.10" country="ru">
 *   <holidays><holiday id="1" title="Новогодние каникулы"/></holidays>
 *   <days>
 *     <day d="01.01" t="1" h="1"/>            t=1: non-working day, h: holiday id
 *     <day d="04.29" t="1" f="04.27"/>        f: the date the day off was transferred from
 *     <day d="02.22" t="2"/>                  t=2: pre-holiday day shortened by one hour
 *     <day d="04.27" t="3"/>                  t=3: working day on a weekend
 *   </days>
 *   <sources><source title="Постановление Правительства РФ ..."/></sources>   optional
 * </calendar>
 * }</pre>
 *
 * <p>Mapping to {@link DayRule}s: {@code t=1} with {@code h} is a {@link DayRule.Holiday} named by
 * the holiday's title; without {@code h} a {@link DayRule.DayOff} whose reason names {@code f}
 * ({@code "перенос выходного дня с 2024-04-27"}) or is {@code "нерабочий день"}. {@code t=2} is a
 * one-hour {@link DayRule.Shortened} day, or on a Saturday or Sunday a shortened {@link
 * DayRule.WorkingDay}; {@code t=3} is a {@link DayRule.WorkingDay}. A working day takes the hours
 * of the weekday of the day off transferred from it (the day whose {@code f} names it), otherwise
 * Monday's. The file assumes a Monday-to-Friday week; dates without an entry follow it.
 *
 * <p>The optional {@code <sources>} element, which {@link #write} adds after {@code <days>}, keeps
 * the calendar's {@link ProductionCalendar#sources() sources}, so that a written calendar reads
 * back equal; it is left out when they are the default. A file without it (as published) gets the
 * one source {@code "production calendar XML: country ru, year 2024"}.
 *
 * <p>Input is parsed by the JDK's SAX parser with secure processing on, document type declarations
 * rejected and external entities off; it is capped at {@link #MAX_INPUT_BYTES}. Unknown elements or
 * attributes, malformed values and conflicting entries are rejected with an {@link
 * IllegalArgumentException} naming the attribute, a bounded excerpt of the value and the line and
 * column; the year must be 1900..2299, the years a {@code BusinessCalendar} supports. Reading goes
 * through {@link ProductionCalendar.Builder}, so its validation applies.
 *
 * <p>This class is stateless and thread-safe.
 */
public final class ProductionCalendarXml {

  /** Largest accepted input in bytes (a year's file is about 2 KB). */
  public static final int MAX_INPUT_BYTES = 1 << 20;

  /** Reason of a day off read without {@code f}. */
  static final String PLAIN_DAY_OFF = "нерабочий день";

  /** Prefix of the reason of a day off read with {@code f}, followed by the ISO date. */
  static final String TRANSFER_PREFIX = "перенос выходного дня с ";

  private static final Duration ONE_HOUR = Duration.ofHours(1);
  private static final Pattern MONTH_DAY = Pattern.compile("\\d{2}\\.\\d{2}");
  private static final Pattern YEAR = Pattern.compile("\\d{4}");
  private static final Pattern SMALL_INT = Pattern.compile("\\d{1,9}");
  private static final Set<String> CALENDAR_ATTRS = Set.of("year", "lang", "date", "country");
  private static final Set<String> HOLIDAY_ATTRS = Set.of("id", "title");
  private static final Set<String> DAY_ATTRS = Set.of("d", "t", "h", "f");
  private static final Set<String> SOURCE_ATTRS = Set.of("title");

  private ProductionCalendarXml() {}

  /**
   * Reads a calendar whose root element names its country ({@code country="ru"}). O(input).
   *
   * @param xml the XML document; the stream is not closed
   * @return the calendar covering the file's year, region the upper-cased country
   * @throws IllegalArgumentException if the document is malformed, too long, has no {@code country}
   *     or violates a rule; the message names the attribute, line and column
   * @throws UncheckedIOException if reading fails
   */
  public static ProductionCalendar read(InputStream xml) {
    return parse(bytes(xml), null);
  }

  /**
   * Reads a calendar; {@code region} applies when the root element has no {@code country} attribute
   * (older files) and must agree with it otherwise. O(input).
   *
   * @param xml the XML document; the stream is not closed
   * @param region the region code, e.g. {@code "RU"}
   * @return the calendar covering the file's year
   * @throws IllegalArgumentException if the document is malformed, too long or violates a rule
   * @throws UncheckedIOException if reading fails
   */
  public static ProductionCalendar read(InputStream xml, String region) {
    Objects.requireNonNull(region, "region");
    return parse(bytes(xml), region);
  }

  /**
   * Reads a calendar from XML text whose root element names its country; see {@link
   * #read(InputStream)}.
   *
   * @param xml the XML text
   * @return the calendar covering the file's year
   * @throws IllegalArgumentException if the document is malformed, too long or violates a rule
   */
  public static ProductionCalendar read(String xml) {
    return parse(bytes(xml), null);
  }

  /**
   * Reads a calendar from XML text; see {@link #read(InputStream, String)}.
   *
   * @param xml the XML text
   * @param region the region code, e.g. {@code "RU"}
   * @return the calendar covering the file's year
   * @throws IllegalArgumentException if the document is malformed, too long or violates a rule
   */
  public static ProductionCalendar read(String xml, String region) {
    Objects.requireNonNull(region, "region");
    return parse(bytes(xml), region);
  }

  private static byte[] bytes(InputStream xml) {
    Objects.requireNonNull(xml, "xml");
    try {
      return CalendarFiles.readCapped(xml, MAX_INPUT_BYTES, "XML");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String xml) {
    Objects.requireNonNull(xml, "xml");
    if (xml.length() > MAX_INPUT_BYTES) {
      throw new IllegalArgumentException(
          "XML input is longer than the limit of " + MAX_INPUT_BYTES + " characters");
    }
    return bytes(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Writes a calendar of one whole year in this format; {@link #read(String)} reads it back to the
   * same dated rules and sources (in a {@code <sources>} element after {@code <days>}, left out
   * when they are the one source a file without it reads as). The format carries no reason of a day
   * off but its transfer date: a day off whose reason contains an ISO date of the same year (as the
   * bundled data, every year, and this reader write it) gets that date as {@code f}, and reads back
   * with the reader's reason ({@code "перенос выходного дня с 2025-01-04"}, or {@code "нерабочий
   * день"}), so a calendar whose reasons are other texts reads back equal but for them. The {@code
   * date} attribute, which the format uses for the publication date, is not written. O(rules).
   *
   * @param calendar a calendar covering exactly one calendar year
   * @return the XML text, UTF-8 declared
   * @throws IllegalArgumentException if the calendar cannot be expressed: not one whole year, a
   *     shortening other than one hour, a shortened day the file would read as another rule, or a
   *     working day whose weekday pattern the file cannot carry
   */
  public static String write(ProductionCalendar calendar) {
    Objects.requireNonNull(calendar, "calendar");
    LocalDate start = calendar.start();
    if (start.getDayOfYear() != 1 || !calendar.end().equals(start.plusYears(1))) {
      throw new IllegalArgumentException(
          "the XML format holds one calendar year, but the calendar covers ["
              + start
              + ", "
              + calendar.end()
              + ")");
    }
    int year = start.getYear();
    Map<LocalDate, LocalDate> from = new TreeMap<>();
    Map<LocalDate, DayOfWeek> patternOf = new HashMap<>();
    for (Map.Entry<LocalDate, DayRule> e : calendar.rules().entrySet()) {
      if (e.getValue() instanceof DayRule.DayOff off) {
        CalendarFiles.transferredFrom(off.reason(), year)
            .ifPresent(
                f -> {
                  from.put(e.getKey(), f);
                  patternOf.putIfAbsent(f, e.getKey().getDayOfWeek());
                });
      }
    }
    Map<String, Integer> ids = new LinkedHashMap<>();
    StringBuilder days = new StringBuilder();
    for (Map.Entry<LocalDate, DayRule> e : calendar.rules().entrySet()) {
      LocalDate d = e.getKey();
      DayRule rule = e.getValue();
      boolean weekend = isWeekend(d);
      days.append("    <day d=\"").append(monthDay(d)).append('"');
      if (rule instanceof DayRule.Holiday h) {
        int id = ids.computeIfAbsent(h.name(), k -> ids.size() + 1);
        days.append(" t=\"1\" h=\"").append(id).append('"');
      } else if (rule instanceof DayRule.DayOff) {
        days.append(" t=\"1\"");
        LocalDate f = from.get(d);
        if (f != null) {
          days.append(" f=\"").append(monthDay(f)).append('"');
        }
      } else if (rule instanceof DayRule.Shortened s) {
        requireOneHour(d, s.reduction());
        if (weekend) {
          throw new IllegalArgumentException(
              "shortened day "
                  + d
                  + " falls on a "
                  + d.getDayOfWeek()
                  + ", which the XML format reads as a working weekend day; use a working-day"
                  + " rule");
        }
        days.append(" t=\"2\"");
      } else if (rule instanceof DayRule.WorkingDay w) {
        DayOfWeek expected = patternOf.getOrDefault(d, DayOfWeek.MONDAY);
        if (w.pattern() != expected) {
          throw new IllegalArgumentException(
              "working day "
                  + d
                  + " works as "
                  + w.pattern()
                  + ", but the XML format gives it the hours of "
                  + expected
                  + " (the weekday of the day off transferred from it, else Monday)");
        }
        if (w.shortenedBy().isZero()) {
          days.append(" t=\"3\"");
        } else {
          requireOneHour(d, w.shortenedBy());
          if (!weekend) {
            throw new IllegalArgumentException(
                "shortened working day "
                    + d
                    + " falls on a weekday, which the XML format reads as a shortened day");
          }
          days.append(" t=\"2\"");
        }
      }
      days.append("/>\n");
    }
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<calendar year=\"")
        .append(year)
        .append("\" lang=\"ru\" country=\"")
        .append(escape(calendar.region().toLowerCase(Locale.ROOT)))
        .append("\">\n  <holidays>\n");
    for (Map.Entry<String, Integer> e : ids.entrySet()) {
      out.append("    <holiday id=\"")
          .append(e.getValue())
          .append("\" title=\"")
          .append(escape(e.getKey()))
          .append("\"/>\n");
    }
    out.append("  </holidays>\n  <days>\n").append(days).append("  </days>\n");
    // a calendar as a published file reads (the one default source) is written as published
    if (!calendar.sources().equals(List.of(defaultSource(calendar.region(), year)))) {
      out.append("  <sources>\n");
      for (String source : calendar.sources()) {
        out.append("    <source title=\"").append(escape(source)).append("\"/>\n");
      }
      out.append("  </sources>\n");
    }
    return out.append("</calendar>\n").toString();
  }

  /** The one source of a file without {@code <sources>}. */
  private static String defaultSource(String region, int year) {
    return "production calendar XML: country " + region.toLowerCase(Locale.ROOT) + ", year " + year;
  }

  private static void requireOneHour(LocalDate d, Duration reduction) {
    if (!reduction.equals(ONE_HOUR)) {
      throw new IllegalArgumentException(
          "day "
              + d
              + " is shortened by "
              + reduction
              + ", but the XML format only knows a one-hour pre-holiday shortening (PT1H)");
    }
  }

  private static boolean isWeekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static String monthDay(LocalDate d) {
    return String.format(Locale.ROOT, "%02d.%02d", d.getMonthValue(), d.getDayOfMonth());
  }

  private static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\t', '\n', '\r' -> sb.append("&#").append((int) c).append(';');
        default -> {
          if (c < 0x20 || c == 0xfffe || c == 0xffff) {
            throw new IllegalArgumentException(
                "text "
                    + CalendarFiles.excerpt(s)
                    + " contains character U+"
                    + String.format("%04X", (int) c)
                    + ", which XML 1.0 cannot carry");
          }
          sb.append(c);
        }
      }
    }
    return sb.toString();
  }

  private static ProductionCalendar parse(byte[] bytes, String region) {
    Handler handler = new Handler(region);
    try {
      SAXParser parser = factory().newSAXParser();
      parser.parse(new InputSource(new ByteArrayInputStream(bytes)), handler);
    } catch (SAXParseException e) {
      if (e.getException() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      // The refusal of a DOCTYPE is our security setting, not a syntax error: say so plainly. The
      // parser's own text is localised and long (its excerpt cut the reason off); the feature's
      // URI, a parameter of that text, is not localised.
      if (String.valueOf(e.getMessage()).contains(DISALLOW_DOCTYPE)) {
        throw new IllegalArgumentException(
            "DOCTYPE declarations are refused: a production calendar may not declare a DTD or"
                + " entities, internal or external (protection against external entities and"
                + " entity expansion) (line "
                + e.getLineNumber()
                + ", column "
                + e.getColumnNumber()
                + ")",
            e);
      }
      throw new IllegalArgumentException(
          "malformed XML: "
              + CalendarFiles.excerpt(String.valueOf(e.getMessage()))
              // no position (-1) when the input ends inside the XML declaration
              + (e.getLineNumber() < 1
                  ? handler.lastPosition()
                  : " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")"),
          e);
    } catch (SAXException e) {
      if (e.getException() instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException(
          "malformed XML: "
              + CalendarFiles.excerpt(String.valueOf(e.getMessage()))
              + handler.lastPosition(),
          e);
    } catch (IOException e) {
      // The bytes are in memory: an I/O error here is content the parser cannot decode, such as
      // an unknown encoding in the XML declaration or malformed UTF-8.
      throw new IllegalArgumentException(
          "malformed XML: "
              + e.getClass().getSimpleName()
              + " "
              + CalendarFiles.excerpt(String.valueOf(e.getMessage()))
              + handler.lastPosition(),
          e);
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's SAX parser cannot be configured securely", e);
    }
    return handler.result();
  }

  private static final String DISALLOW_DOCTYPE =
      "http://apache.org/xml/features/disallow-doctype-decl";

  private static SAXParserFactory factory() throws ParserConfigurationException, SAXException {
    SAXParserFactory f = SAXParserFactory.newDefaultInstance();
    f.setNamespaceAware(false);
    f.setValidating(false);
    f.setXIncludeAware(false);
    f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    f.setFeature(DISALLOW_DOCTYPE, true);
    f.setFeature("http://xml.org/sax/features/external-general-entities", false);
    f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f;
  }

  /** A parsed {@code <day>} kept until all are read (the pattern of a working day needs them). */
  private record Day(LocalDate date, int type, String holiday, LocalDate from, String where) {}

  private static final class Handler extends DefaultHandler {
    private final String regionArg;
    private Locator locator;
    private final List<String> path = new ArrayList<>();
    private int year = -1;
    private String region;
    private final Map<String, String> titles = new HashMap<>();
    private final List<Day> days = new ArrayList<>();
    private boolean sawHolidays;
    private boolean sawDays;
    private List<String> sources; // null without a <sources> element
    private ProductionCalendar result;

    Handler(String regionArg) {
      this.regionArg = regionArg;
    }

    @Override
    public void setDocumentLocator(Locator locator) {
      this.locator = locator;
    }

    private String where() {
      return locator == null || locator.getLineNumber() < 1
          ? ""
          : " (line " + locator.getLineNumber() + ", column " + locator.getColumnNumber() + ")";
    }

    /**
     * Where the parser stopped, for an error that carries no position of its own: the locator's
     * last position, or line 1, column 1 when the parser failed before the document began (in the
     * XML declaration, e.g. an unknown encoding).
     */
    String lastPosition() {
      String at = where();
      return at.isEmpty() ? " (line 1, column 1)" : at;
    }

    private IllegalArgumentException fail(String message) {
      return new IllegalArgumentException(message + where());
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attrs) {
      String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
      String expected =
          switch (parent) {
            case "" -> "calendar";
            case "calendar" ->
                !sawHolidays ? "holidays" : !sawDays ? "days" : sources == null ? "sources" : null;
            case "holidays" -> "holiday";
            case "sources" -> "source";
            case "days" -> "day";
            default -> null;
          };
      if (expected == null || !expected.equals(qName)) {
        throw fail(
            "element "
                + CalendarFiles.excerpt(qName)
                + " is not allowed inside <"
                + (parent.isEmpty() ? "document" : parent)
                + ">, expected <"
                + (expected == null ? "no child" : expected)
                + ">");
      }
      path.add(qName);
      switch (qName) {
        case "calendar" -> calendar(attrs);
        case "holidays" -> sawHolidays = true;
        case "days" -> sawDays = true;
        case "holiday" -> holiday(attrs);
        case "sources" -> sources = new ArrayList<>();
        case "source" -> source(attrs);
        default -> day(attrs);
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
      path.remove(path.size() - 1);
      if (path.isEmpty()) {
        if (!sawHolidays || !sawDays) {
          throw fail("<calendar> must contain <holidays> and then <days>");
        }
        result = build();
      }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
      for (int i = start; i < start + length; i++) {
        if (!Character.isWhitespace(ch[i])) {
          throw fail(
              "text "
                  + CalendarFiles.excerpt(new String(ch, start, length).strip())
                  + " is not allowed; the format keeps all data in attributes");
        }
      }
    }

    private void checkAttributes(Attributes attrs, Set<String> allowed, String element) {
      for (int i = 0; i < attrs.getLength(); i++) {
        if (!allowed.contains(attrs.getQName(i))) {
          throw fail(
              "attribute "
                  + CalendarFiles.excerpt(attrs.getQName(i))
                  + " is not allowed on <"
                  + element
                  + ">, expected "
                  + new TreeSet<>(allowed));
        }
      }
    }

    private String required(Attributes attrs, String name, String element) {
      String v = attrs.getValue(name);
      if (v == null) {
        throw fail("attribute '" + name + "' is required on <" + element + ">");
      }
      return v;
    }

    private void calendar(Attributes attrs) {
      checkAttributes(attrs, CALENDAR_ATTRS, "calendar");
      String y = required(attrs, "year", "calendar");
      if (!YEAR.matcher(y).matches() || Integer.parseInt(y) < 1) {
        throw fail("year " + CalendarFiles.excerpt(y) + " must be four digits (calendar@year)");
      }
      if (Integer.parseInt(y) < ProductionCalendar.FIRST_YEAR
          || Integer.parseInt(y) > ProductionCalendar.LAST_YEAR) {
        throw fail(
            "year "
                + y
                + " must be "
                + ProductionCalendar.FIRST_YEAR
                + ".."
                + ProductionCalendar.LAST_YEAR
                + ", the years a business calendar supports (calendar@year)");
      }
      year = Integer.parseInt(y);
      String country = attrs.getValue("country");
      if (country == null && regionArg == null) {
        throw fail(
            "attribute 'country' is required on <calendar> unless a region is given to read");
      }
      if (country != null
          && regionArg != null
          && !JsonInput.asciiUpperCase(country).equals(JsonInput.asciiUpperCase(regionArg))) {
        throw fail(
            "country "
                + CalendarFiles.excerpt(country)
                + " does not match the given region "
                + CalendarFiles.excerpt(regionArg)
                + " (calendar@country)");
      }
      region = country != null ? country : regionArg;
      try { // the region's rule, checked here so that its error points at this element
        ProductionCalendar.builderForYears(region, year, year);
      } catch (IllegalArgumentException e) {
        throw fail(e.getMessage() + " (calendar@country)");
      }
    }

    private void holiday(Attributes attrs) {
      checkAttributes(attrs, HOLIDAY_ATTRS, "holiday");
      String id = required(attrs, "id", "holiday");
      String title = required(attrs, "title", "holiday");
      if (!SMALL_INT.matcher(id).matches()) {
        throw fail("id " + CalendarFiles.excerpt(id) + " must be a number (holiday@id)");
      }
      if (title.isBlank()) {
        throw fail("title " + CalendarFiles.excerpt(title) + " must not be blank (holiday@title)");
      }
      if (titles.putIfAbsent(normalizeId(id), title) != null) {
        throw fail("holiday id " + CalendarFiles.excerpt(id) + " is repeated (holiday@id)");
      }
    }

    private void source(Attributes attrs) {
      checkAttributes(attrs, SOURCE_ATTRS, "source");
      String title = required(attrs, "title", "source");
      if (title.isBlank()) {
        throw fail("title " + CalendarFiles.excerpt(title) + " must not be blank (source@title)");
      }
      sources.add(title);
    }

    private static String normalizeId(String id) {
      return String.valueOf(Integer.parseInt(id));
    }

    private void day(Attributes attrs) {
      checkAttributes(attrs, DAY_ATTRS, "day");
      LocalDate date = monthDay(required(attrs, "d", "day"), "day@d");
      String t = required(attrs, "t", "day");
      int type;
      switch (t) {
        case "1" -> type = 1;
        case "2" -> type = 2;
        case "3" -> type = 3;
        default ->
            throw fail(
                "type "
                    + CalendarFiles.excerpt(t)
                    + " must be 1 (day off), 2 (shortened) or 3 (working day) (day@t)");
      }
      String h = attrs.getValue("h");
      String title = null;
      if (h != null) {
        if (type != 1) {
          throw fail("holiday reference h is only allowed on a day off t=1 (day@h)");
        }
        if (!SMALL_INT.matcher(h).matches() || !titles.containsKey(normalizeId(h))) {
          throw fail(
              "holiday " + CalendarFiles.excerpt(h) + " is not declared in <holidays> (day@h)");
        }
        title = titles.get(normalizeId(h));
      }
      String f = attrs.getValue("f");
      LocalDate from = null;
      if (f != null) {
        if (type != 1) {
          throw fail("transfer source f is only allowed on a day off t=1 (day@f)");
        }
        from = monthDay(f, "day@f");
      }
      days.add(new Day(date, type, title, from, where()));
    }

    private LocalDate monthDay(String value, String attr) {
      if (!MONTH_DAY.matcher(value).matches()) {
        throw fail("date " + CalendarFiles.excerpt(value) + " must be MM.DD (" + attr + ")");
      }
      try {
        return LocalDate.of(
            year, Integer.parseInt(value.substring(0, 2)), Integer.parseInt(value.substring(3)));
      } catch (DateTimeException e) {
        throw fail(
            "date "
                + CalendarFiles.excerpt(value)
                + " is not a valid date in "
                + year
                + " ("
                + attr
                + ")");
      }
    }

    private ProductionCalendar build() {
      ProductionCalendar.Builder builder;
      try {
        builder = ProductionCalendar.builderForYears(region, year, year);
      } catch (IllegalArgumentException e) {
        throw fail(e.getMessage() + " (calendar@country)");
      }
      if (sources == null) { // a file as published names no source: name the file's kind
        builder.source(defaultSource(region, year));
      } else {
        sources.forEach(builder::source);
      }
      Map<LocalDate, DayOfWeek> patternOf = new HashMap<>();
      for (Day day : days) {
        if (day.from != null && day.type == 1) {
          patternOf.putIfAbsent(day.from, day.date.getDayOfWeek());
        }
      }
      for (Day day : days) {
        DayRule rule =
            switch (day.type) {
              case 1 ->
                  day.holiday != null
                      ? DayRule.holiday(day.holiday)
                      : DayRule.dayOff(
                          day.from != null ? TRANSFER_PREFIX + day.from : PLAIN_DAY_OFF);
              case 2 ->
                  isWeekend(day.date)
                      ? DayRule.workingDay(patternOf.getOrDefault(day.date, DayOfWeek.MONDAY))
                          .withShortenedBy(ONE_HOUR)
                      : DayRule.shortened(ONE_HOUR);
              default -> DayRule.workingDay(patternOf.getOrDefault(day.date, DayOfWeek.MONDAY));
            };
        try {
          builder.rule(day.date, rule);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(e.getMessage() + " (day@d)" + day.where, e);
        }
      }
      return builder.build();
    }

    ProductionCalendar result() {
      if (result == null) {
        throw new IllegalArgumentException("document has no <calendar> element");
      }
      return result;
    }
  }
}
