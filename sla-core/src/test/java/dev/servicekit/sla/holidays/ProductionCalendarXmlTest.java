package dev.servicekit.sla.holidays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProductionCalendarXmlTest {

  // The shape of the 2024 file as published by xmlcalendar.ru (decree No. 1314), abridged.
  private static final String SAMPLE =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <calendar year="2024" lang="ru" date="2023.08.10" country="ru">
          <holidays>
              <holiday id="1" title="Новогодние каникулы"/>
              <holiday id="3" title="День защитника Отечества"/>
          </holidays>
          <days>
              <day d="01.01" t="1" h="1"/>
              <day d="02.22" t="2"/>
              <day d="02.23" t="1" h="3"/>
              <day d="04.27" t="3"/>
              <day d="04.29" t="1" f="04.27"/>
              <day d="04.30" t="1" f="11.02"/>
              <day d="05.10" t="1"/>
              <day d="11.02" t="2"/>
          </days>
      </calendar>
      """;

  @Test
  void readsEveryDayTypeOfTheFormat() {
    ProductionCalendar cal = ProductionCalendarXml.read(bytes(SAMPLE));
    assertEquals("RU", cal.region());
    assertEquals(LocalDate.of(2024, 1, 1), cal.start());
    assertEquals(LocalDate.of(2025, 1, 1), cal.end());
    Map<LocalDate, DayRule> expected =
        Map.of(
            LocalDate.of(2024, 1, 1), DayRule.holiday("Новогодние каникулы"),
            LocalDate.of(2024, 2, 22), DayRule.shortened(Duration.ofHours(1)),
            LocalDate.of(2024, 2, 23), DayRule.holiday("День защитника Отечества"),
            LocalDate.of(2024, 4, 27), DayRule.workingDay(DayOfWeek.MONDAY),
            LocalDate.of(2024, 4, 29), DayRule.dayOff("перенос выходного дня с 2024-04-27"),
            LocalDate.of(2024, 4, 30), DayRule.dayOff("перенос выходного дня с 2024-11-02"),
            LocalDate.of(2024, 5, 10), DayRule.dayOff("нерабочий день"),
            // Saturday 2 November works as Tuesday 30 April, whose day off came from it.
            LocalDate.of(2024, 11, 2),
                new DayRule.WorkingDay(DayOfWeek.TUESDAY, Duration.ofHours(1)));
    assertEquals(expected, cal.rules());
    assertEquals(List.of("production calendar XML: country ru, year 2024"), cal.sources());
  }

  @Test
  void olderFilesWithoutCountryNeedTheRegion() {
    String old = SAMPLE.replace(" country=\"ru\"", "");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.read(bytes(old)));
    assertTrue(e.getMessage().contains("country"), e.getMessage());
    assertEquals(
        ProductionCalendarXml.read(bytes(SAMPLE)).rules(),
        ProductionCalendarXml.read(old, "RU").rules());
    IllegalArgumentException mismatch =
        assertThrows(
            IllegalArgumentException.class, () -> ProductionCalendarXml.read(SAMPLE, "BY"));
    assertTrue(mismatch.getMessage().contains("does not match"), mismatch.getMessage());
  }

  static List<Integer> bundledYears() {
    return List.copyOf(BundledCalendars.russiaYears());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundledYears")
  void bundledYearReadBackFromXmlEqualsTheBundledData(int year) {
    ProductionCalendar bundled = BundledCalendars.russia(year);
    ProductionCalendar read = ProductionCalendarXml.read(ProductionCalendarXml.write(bundled));
    assertEquals(asXmlReaderWouldName(bundled).rules(), read.rules());
    // Same working time, the thing that matters downstream, counted by the oracle.
    LocalDate from = LocalDate.of(year, 1, 1);
    assertEquals(
        WorkingTimeOracle.workingTime(bundled, from, from.plusYears(1), 8),
        WorkingTimeOracle.workingTime(read, from, from.plusYears(1), 8));
  }

  /** The bundled data with day-off reasons as the XML reader words them (the file has no text). */
  private static ProductionCalendar asXmlReaderWouldName(ProductionCalendar cal) {
    Pattern iso = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    ProductionCalendar out = cal;
    for (Map.Entry<LocalDate, DayRule> e : cal.rules().entrySet()) {
      if (e.getValue() instanceof DayRule.DayOff off) {
        Matcher m = iso.matcher(off.reason());
        String reason = m.find() ? "перенос выходного дня с " + m.group() : "нерабочий день";
        out = out.withRule(e.getKey(), DayRule.dayOff(reason));
      }
    }
    return out;
  }

  @Test
  void writerRejectsWhatTheFormatCannotCarry() {
    ProductionCalendar twoYears = BundledCalendars.russia(2024, 2025);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.write(twoYears))
            .getMessage()
            .contains("one calendar year"));
    ProductionCalendar twoHours =
        ProductionCalendar.builderForYears("RU", 2024, 2024)
            .shortened(LocalDate.of(2024, 3, 7), Duration.ofHours(2))
            .build();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.write(twoHours))
            .getMessage()
            .contains("PT2H"));
    ProductionCalendar saturdayTwoHours =
        ProductionCalendar.builderForYears("RU", 2024, 2024)
            .workingDay(LocalDate.of(2024, 4, 27), DayOfWeek.MONDAY)
            .shortened(LocalDate.of(2024, 4, 27), Duration.ofHours(2))
            .build();
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> ProductionCalendarXml.write(saturdayTwoHours))
            .getMessage()
            .contains("PT2H"));
    ProductionCalendar friday =
        ProductionCalendar.builderForYears("RU", 2024, 2024)
            .workingDay(LocalDate.of(2024, 4, 27), DayOfWeek.FRIDAY)
            .build();
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.write(friday))
            .getMessage()
            .contains("FRIDAY"));
  }

  @Test
  void documentTypeDeclarationsAndExternalEntitiesAreRejected() {
    String xxe =
        """
        <?xml version="1.0"?>
        <!DOCTYPE calendar [<!ENTITY x SYSTEM "file:///etc/passwd">]>
        <calendar year="2024" lang="ru" country="ru"><holidays>
        <holiday id="1" title="&x;"/></holidays><days/></calendar>
        """;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.read(bytes(xxe)));
    // before: "malformed XML: 'DOCTYPE is disallowed when the feature \"…' (106 chars) (line 2,
    // column 10)": the excerpt cut the reason off, and the document is well-formed
    assertEquals(
        "DOCTYPE declarations are refused: a production calendar may not declare a DTD or"
            + " entities, internal or external (protection against external entities and entity"
            + " expansion) (line 2, column 10)",
        e.getMessage());
    assertTrue(!e.getMessage().contains("root:"), "no file content leaks");
    StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [");
    laughs.append("<!ENTITY l0 \"lol\">");
    for (int i = 1; i < 10; i++) {
      laughs.append("<!ENTITY l").append(i).append(" \"");
      for (int j = 0; j < 10; j++) {
        laughs.append("&l").append(i - 1).append(';');
      }
      laughs.append("\">");
    }
    laughs.append("]><calendar year=\"2024\" country=\"ru\">&l9;</calendar>");
    String lol =
        assertThrows(
                IllegalArgumentException.class, () -> ProductionCalendarXml.read(laughs.toString()))
            .getMessage();
    assertTrue(lol.startsWith("DOCTYPE declarations are refused: "), lol);
  }

  @Test
  void inputLongerThanTheCapIsRejectedWithoutReadingItAll() {
    byte[] huge = new byte[ProductionCalendarXml.MAX_INPUT_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarXml.read(new ByteArrayInputStream(huge)));
    assertTrue(e.getMessage().contains("limit"), e.getMessage());
  }

  @Test
  void aBundledYearWrittenAndReadBackIsEqualWithEverySource() {
    ProductionCalendar russia = BundledCalendars.russia(2026);
    assertTrue(russia.sources().size() > 1, russia.sources()::toString);
    ProductionCalendar read = ProductionCalendarXml.read(ProductionCalendarXml.write(russia));
    assertEquals(russia.sources(), read.sources());
    // the format names no reason of a transferred day off; everything else is kept
    assertEquals(read, ProductionCalendarXml.read(ProductionCalendarXml.write(read)));
    assertEquals(russia.rules().keySet(), read.rules().keySet());
    ProductionCalendar none = read.withSources(List.of());
    assertEquals(none, ProductionCalendarXml.read(ProductionCalendarXml.write(none)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<day d=\"02.30\" t=\"1\"/>|date '02.30' is not a valid date in 2024 (day@d) (line 5",
        "<day d=\"2.3\" t=\"1\"/>|date '2.3' must be MM.DD (day@d)",
        "<day d=\"03.01\" t=\"4\"/>|type '4' must be 1 (day off), 2 (shortened) or 3",
        "<day d=\"03.01\" t=\"1\" h=\"9\"/>|holiday '9' is not declared in <holidays> (day@h)",
        "<day d=\"03.01\" t=\"2\" h=\"1\"/>|h is only allowed on a day off t=1 (day@h)",
        "<day d=\"03.01\" t=\"3\" f=\"01.01\"/>|f is only allowed on a day off t=1 (day@f)",
        "<day d=\"03.01\" t=\"1\" x=\"1\"/>|attribute 'x' is not allowed on <day>",
        "<day d=\"03.01\"/>|attribute 't' is required on <day>",
        "<days/>|element 'days' is not allowed inside <days>",
        "</days><days>|element 'days' is not allowed inside <calendar>, expected <sources>",
        "</days><sources/><sources>|element 'sources' is not allowed inside <calendar>, expected"
            + " <no child>",
        "</days><sources><source title=\" \"/>|title ' ' must not be blank (source@title)",
        "</days><sources><source/>|attribute 'title' is required on <source>",
        "</days><sources><day/>|element 'day' is not allowed inside <sources>, expected <source>",
        "<day d=\"03.01\" t=\"1\">text</day>|text 'text' is not allowed",
        "<day d=\"01.01\" t=\"3\"/>|conflicting rules for 2024-01-01",
        "<day d=\"03.01\" t=\"1\"|malformed XML",
      })
  void badDaysAreRejectedNamingTheAttributeAndPosition(String caseSpec) {
    String[] parts = caseSpec.split("\\|");
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <calendar year="2024" lang="ru" country="ru">
        <holidays><holiday id="1" title="Новый год"/></holidays>
        <days><day d="01.01" t="1" h="1"/>
        %s
        </days></calendar>
        """
            .formatted(parts[0]);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.read(xml));
    assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
    assertTrue(e.getMessage().contains("line "), e.getMessage());
  }

  @Test
  void unknownAttributesOfCalendarAndHolidayAndYearZeroAreRejected() {
    IllegalArgumentException calendar =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarXml.read(SAMPLE.replace(" lang=\"ru\"", " lng=\"ru\"")));
    assertTrue(
        calendar
            .getMessage()
            .startsWith(
                "attribute 'lng' is not allowed on <calendar>, expected [country, date, lang,"
                    + " year]"),
        calendar.getMessage());
    IllegalArgumentException holiday =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarXml.read(SAMPLE.replace("id=\"3\"", "id=\"3\" r=\"1\"")));
    assertTrue(
        holiday
            .getMessage()
            .startsWith("attribute 'r' is not allowed on <holiday>, expected [id, title]"),
        holiday.getMessage());
    IllegalArgumentException zero =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ProductionCalendarXml.read(
                    "<calendar year=\"0000\" country=\"ru\"><holidays/><days/></calendar>"));
    assertTrue(
        zero.getMessage().startsWith("year '0000' must be four digits (calendar@year)"),
        zero.getMessage());
    assertEquals(
        LocalDate.of(1900, 1, 1),
        ProductionCalendarXml.read(
                "<calendar year=\"1900\" country=\"ru\"><holidays/><days/></calendar>")
            .start());
  }

  @Test
  void textOfExactlyTheCapIsParsedAndOneCharacterMoreIsNot() {
    String atCap = " ".repeat(ProductionCalendarXml.MAX_INPUT_BYTES);
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.read(atCap, "RU"))
            .getMessage()
            .startsWith("malformed XML"));
    assertEquals(
        "XML input is longer than the limit of 1048576 characters",
        assertThrows(
                IllegalArgumentException.class, () -> ProductionCalendarXml.read(atCap + " ", "RU"))
            .getMessage());
  }

  @Test
  void aStreamWithTheRegionReadsAFileWithoutCountry() {
    String old = SAMPLE.replace(" country=\"ru\"", "");
    assertEquals(
        ProductionCalendarXml.read(SAMPLE).rules(),
        ProductionCalendarXml.read(bytes(old), "ru").rules());
    assertEquals("RU", ProductionCalendarXml.read(bytes(old), "ru").region());
  }

  @Test
  void longValuesAreQuotedOnlyInPart() {
    String longYear = "9".repeat(10_000);
    String xml = "<calendar year=\"" + longYear + "\" country=\"ru\"><holidays/><days/></calendar>";
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.read(xml));
    assertTrue(e.getMessage().length() < 200, e.getMessage());
    assertTrue(e.getMessage().contains("calendar@year"), e.getMessage());
  }

  @Test
  void emptyAndNonXmlInputAreRejected() {
    for (String bad :
        List.of(
            "",
            "   ",
            "{\"json\":true}",
            "<calendar",
            "<other/>",
            "<?xml version=\"1.0\" encoding=\"TF-8\"?><calendar year=\"2024\"/>")) {
      assertThrows(
          IllegalArgumentException.class, () -> ProductionCalendarXml.read(bad, "RU"), bad);
    }
  }

  @Test
  void undecodableBytesAreRejectedAsMalformed() {
    byte[] latin1 =
        "<calendar year=\"2024\" country=\"ru\"><holidays><holiday id=\"1\" title=\"\u00e9\"/>"
            .getBytes(StandardCharsets.ISO_8859_1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ProductionCalendarXml.read(new ByteArrayInputStream(latin1)));
    assertTrue(e.getMessage().startsWith("malformed XML"), e.getMessage());
  }

  private static ByteArrayInputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Every prefix of a written calendar is refused with a real line and column. Found enumerating
   * the truncations of EveryReaderHostileInputProperties' XML seed (session 10): text that ends
   * inside the XML declaration ({@code <?xml version="1}) gave "(line -1, column -1)", the SAX
   * parser's "no position"; such an error is now at line 1, column 1, as an unknown encoding is.
   */
  @Test
  void everyPrefixOfAWrittenCalendarIsRefusedAtARealLineAndColumn() {
    byte[] xml =
        ProductionCalendarXml.write(BundledCalendars.russia(2025)).getBytes(StandardCharsets.UTF_8);
    Pattern at = Pattern.compile(".* \\(line [1-9]\\d*, column [1-9]\\d*\\)");
    for (int len = 0; len < Math.min(xml.length, 400); len++) {
      byte[] prefix = java.util.Arrays.copyOf(xml, len);
      String m =
          assertThrows(
                  IllegalArgumentException.class,
                  () -> ProductionCalendarXml.read(new ByteArrayInputStream(prefix)),
                  "prefix of " + len)
              .getMessage();
      assertTrue(at.matcher(m).matches(), len + ": " + m);
    }
  }

  /**
   * A conflict between two rules of one day quotes their names escaped and bounded: a review forged
   * a log line with a holiday title holding a line break, and got a 180,106-character message from
   * a long one.
   */
  @Test
  void aConflictQuotesRuleNamesEscapedAndBounded() {
    for (String title :
        List.of("New Year&#10;2027-01-01 ERROR payment service down", "x".repeat(180_000))) {
      String xml =
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<calendar year=\"2027\" country=\"ru\">\n"
              + "<holidays><holiday id=\"1\" title=\""
              + title
              + "\"/></holidays>\n<days>\n<day d=\"01.01\" t=\"1\" h=\"1\"/>\n"
              + "<day d=\"01.01\" t=\"2\"/>\n</days>\n</calendar>";
      String m =
          assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.read(xml))
              .getMessage();
      assertTrue(m.contains("conflicting rules for 2027-01-01"), m);
      assertTrue(m.indexOf('\n') < 0 && m.indexOf('\r') < 0, m);
      assertTrue(m.length() <= 500, m.length() + " characters");
    }
  }

  /**
   * Every bundled year's transferred days off keep their transfer date through the XML format (a
   * review found 2025 and 2026 written without {@code f}: their reasons carried no ISO date), and
   * read back to the same dated rules, the reasons being the format's.
   */
  @Test
  void bundledYearsKeepTheirTransferDatesThroughTheFormat() {
    for (int year = 2015; year <= 2026; year++) {
      ProductionCalendar c = BundledCalendars.russia(year);
      String xml = ProductionCalendarXml.write(c);
      ProductionCalendar back = ProductionCalendarXml.read(xml);
      assertEquals(c.rules().keySet(), back.rules().keySet(), "year " + year);
      for (Map.Entry<LocalDate, DayRule> e : c.rules().entrySet()) {
        DayRule was = e.getValue();
        DayRule now = back.rules().get(e.getKey());
        assertEquals(was.getClass(), now.getClass(), e.getKey().toString());
        if (was instanceof DayRule.DayOff off && off.reason().startsWith("перенос")) {
          assertTrue(
              ((DayRule.DayOff) now).reason().startsWith(ProductionCalendarXml.TRANSFER_PREFIX),
              e.getKey() + " " + now);
        }
      }
    }
  }

  /** A bad country is reported at its element, not at the end of the document (a review). */
  @Test
  void aBadCountryIsReportedAtItsElement() {
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<calendar year=\"2027\" country=\"r u\">\n"
            + "<holidays/>\n<days>\n<day d=\"01.01\" t=\"1\"/>\n</days>\n</calendar>";
    String m =
        assertThrows(IllegalArgumentException.class, () -> ProductionCalendarXml.read(xml))
            .getMessage();
    assertTrue(m.contains("(calendar@country)") && m.contains("line 2"), m);
  }
}
