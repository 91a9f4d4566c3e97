package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.holidays.ProductionCalendarCsv;
import dev.servicekit.sla.holidays.ProductionCalendarXml;
import dev.servicekit.sla.imports.ImportedHistory;
import dev.servicekit.sla.imports.JiraChangelog;
import dev.servicekit.sla.imports.ZendeskAudits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What {@link EveryReaderHostileInputProperties} found in sla-core's readers, one focused case
 * each: a message that carried a raw control character, line separator or lone surrogate (which can
 * break or forge the log line it ends up in), an unbounded message, or an error without a location.
 */
class HostileInputFindingsTest {

  private static String message(Executable call) {
    return assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  private static void assertPrintable(String m) {
    assertFalse(
        m.chars()
            .anyMatch(
                c -> Character.isISOControl(c) || c == 0x2028 || Character.isSurrogate((char) c)),
        () -> "raw control, separator or surrogate in: " + m);
  }

  private static String fixture(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            HostileInputFindingsTest.class.getResourceAsStream("/imports/" + name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Found by the Flink serializers' fuzzing (SerializersFuzzTest#ticketEvent and #slaTransition):
   * an excerpt was cut at 80 characters before escaping, so it printed in up to 480, and an unknown
   * field's name was quoted whole as well as in its path: 80 DEL characters as a field name gave a
   * message of 901 characters (1,041 with the line and column).
   */
  @Test
  void anUnknownFieldOfEscapedCharactersKeepsTheMessageBounded() {
    String m = message(() -> TicketEventJson.read("{\"" + "\\u007f".repeat(80) + "\":1}"));
    assertTrue(m.length() <= 500, m.length() + " chars: " + m);
    assertTrue(m.startsWith("unknown field of 80 characters"), m);
    assertTrue(m.contains("\\u007f".repeat(13) + "…(80 chars)"), m);
    assertPrintable(m);
    String v =
        message(() -> TicketEventJson.read("{\"v\":1,\"kind\":\"" + "\\u0001".repeat(80) + "\"}"));
    assertTrue(v.length() <= 500, v.length() + " chars: " + v);
    assertPrintable(v);
  }

  /** SerializersFuzzTest#slaTransition: an unknown metric of 80 escaped chars (584 chars). */
  @Test
  void anUnknownMetricOfEscapedCharactersKeepsTheMessageBounded() {
    String m = message(() -> SlaMetric.parse("\u0000".repeat(80)));
    assertTrue(m.length() <= 500, m.length() + " chars: " + m);
    assertPrintable(m);
  }

  @Test
  void anUnknownFieldNameIsQuotedWithItsControlCharactersEscaped() {
    // before: "unknown field '<NUL>v'; ..." with the NUL itself
    String m = message(() -> TicketEventJson.read("{\"\\u0000v\":1}"));
    assertTrue(m.startsWith("unknown field '\\u0000v'"), m);
    assertPrintable(m);
    String t = message(() -> SlaTransition.fromJson("{\"\\u2028\":1}"));
    assertTrue(t.startsWith("unknown field '\\u2028'"), t);
    assertPrintable(t);
  }

  @Test
  void aWeekdayKeyWithAControlCharacterIsEscapedInThePathAndLocated() {
    // before: the path was built from the raw key, "(week.<NUL>MONDAY, line 1, column 28)"
    String m =
        message(() -> CalendarJson.read("{\"zone\":\"UTC\",\"week\":{\"\\u0000MONDAY\":[]}}"));
    assertTrue(m.endsWith("(at $.week.\\u0000MONDAY, line 1, column 38)"), m);
    assertPrintable(m);
  }

  @Test
  void aPolicyTargetKeyWithAControlCharacterIsEscapedInThePath() throws IOException {
    // before: "(policies[0].targets.urgen<NUL>t.*.first_response, line 18, column 9)"
    String policy;
    try (InputStream in =
        HostileInputFindingsTest.class.getResourceAsStream("tiered-policy.json")) {
      policy = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String bad = policy.replace("\"urgent\": {\"*\"", "\"urgen\\u0000t\": {\"*\"");
    String m = message(() -> SlaPolicyJson.read(bad));
    // the key's rule at its entry, since the key is what breaks it
    assertTrue(m.contains("(at $.policies[0].targets.urgen\\u0000t, line "), m);
    assertTrue(m.matches(".*line \\d+, column \\d+\\)"), m);
    assertPrintable(m);
  }

  @Test
  void anUnknownMetricIsQuotedBoundedAndEscaped() {
    // before: the whole text, raw: 70,000 characters in, a 70,000-character message out
    String huge = message(() -> SlaMetric.parse("x".repeat(70_000)));
    assertTrue(huge.length() < 300, huge.length() + " chars");
    assertTrue(huge.startsWith("metric '" + "x".repeat(80) + "…(70000 chars)' is unknown"), huge);
    String nul = message(() -> SlaMetric.parse("\u0000resolution"));
    assertTrue(nul.startsWith("metric '\\u0000resolution' is unknown"), nul);
  }

  @Test
  void aParsersMessageQuotingALineSeparatorIsEscaped() {
    // Jackson quotes the bad character raw in its message; before, it reached ours as is
    String event = message(() -> TicketEventJson.read("\u2028{}"));
    assertPrintable(event);
    assertTrue(event.endsWith("(at $, line 1, column 1)"), event);
    String zendesk = message(() -> ZendeskAudits.read("{\"audits\": [$\u0000]}"));
    assertPrintable(zendesk);
    assertTrue(zendesk.contains(", line 1, column"), zendesk);
  }

  @Test
  void aParsersMessageFullOfControlCharactersStaysBounded() {
    // UTF-16 read as UTF-8: a token of "x\u0000x\u0000...". Escaped after the cut to 200, each
    // NUL became six characters, and the message 715 (found with 100 times the sweep's tries)
    String utf16 = "x\u0000".repeat(200);
    String jira = message(() -> JiraChangelog.read(utf16));
    assertTrue(jira.length() <= 500, jira.length() + " chars");
    assertPrintable(jira);
    String event = message(() -> TicketEventJson.read(utf16));
    assertTrue(event.length() <= 500, event.length() + " chars");
    assertPrintable(event);
  }

  @Test
  void aLoneSurrogateInAValueIsEscapedInTheMessage() {
    // before: the lone surrogate was quoted as is (UTF-8 logs turn it into '?')
    String m =
        message(
            () ->
                new TicketEvent.StatusChanged(
                    "T-1", "e1", Instant.EPOCH.plusSeconds(1), "a\uD800"));
    assertTrue(m.contains("'a\\ud800'"), m);
    assertPrintable(m);
  }

  @Test
  void anExportStreamThatIsNotUtf8NamesTheLineAndByte() {
    // before: "malformed JSON in the Jira issue export: not UTF-8 ($)"
    byte[] bad = "{\r\n  \"key\": \"SD-\u00ff\"}".getBytes(StandardCharsets.ISO_8859_1);
    assertEquals(
        "malformed JSON in the Jira issue export: not UTF-8 (at $, line 2, byte 14)",
        message(() -> JiraChangelog.read(new ByteArrayInputStream(bad))));
  }

  @Test
  void anEmptyExportSaysSoWithItsEnd() {
    // before: "expected an issue object but found  ($)", no line or column
    assertEquals(
        "malformed JSON in the Jira issue export: no JSON value, the document is empty"
            + " (at $, line 2, column 3)",
        message(() -> JiraChangelog.read(" \n  ")));
    assertEquals(
        "malformed JSON in the Zendesk audits export: no JSON value, the document is empty"
            + " (at $, line 1, column 1)",
        message(() -> ZendeskAudits.read(new ByteArrayInputStream(new byte[0]))));
  }

  @Test
  void anExportValueThatCannotBeAKeyIsNormalisedOrIgnoredNotAnUnlocatedError() throws IOException {
    // before: a no-break space or line separator passed the importer's key rule but not
    // TicketEvent's, and a lone surrogate neither: the import failed with "attribute issuetype
    // value ... must not contain ..." and no location
    String jira = fixture("jira-issue-SD-12.json");
    ImportedHistory spaced =
        JiraChangelog.read(jira.replace("\"Service Request\"", "\"Service\\u00a0\\u2028Request\""));
    TicketEvent.Created created = (TicketEvent.Created) spaced.events().get(0);
    assertEquals("service-request", created.attributes().get("issuetype"));
    ImportedHistory lone = JiraChangelog.read(jira.replace("\"Service Request\"", "\"S\\ud800\""));
    assertFalse(((TicketEvent.Created) lone.events().get(0)).attributes().containsKey("issuetype"));
  }

  @Test
  void aCheckpointWhoseChecksumOrTicketIsWrongNamesTheLineAndColumn() {
    SlaClock c = Fixtures.clock(Fixtures.tiered(), "T");
    c.accept(new TicketEvent.CustomerMessage("T", "e1", Fixtures.mon(9, 0)));
    String json = SlaClockSnapshot.toJson(c);
    String crc = json.replaceAll("\"crc32c\"\\s*:\\s*\"[0-9a-f]{8}\"", "\"crc32c\":\"00000000\"");
    String m =
        message(() -> SlaClockSnapshot.fromJson(crc, id -> Fixtures.clock(Fixtures.tiered(), id)));
    assertTrue(m.startsWith("snapshot is corrupted: crc32c '00000000' does not match"), m);
    assertTrue(m.matches(".*\\(at \\$\\.crc32c, line \\d+, column \\d+\\)"), m);
  }

  @Test
  void csvAndXmlExcerptsEscapeLineSeparatorsAndXmlErrorsWithoutAPositionGetOne() {
    String header =
        "Год/Месяц,Январь,Февраль,М\u2028арт,Апрель,Май,Июнь,Июль,Август,Сентябрь,Октябрь,Ноябрь,Декабрь\n";
    String csv = message(() -> ProductionCalendarCsv.read(header, "RU"));
    assertTrue(csv.contains("got 'М\\u2028арт'"), csv);
    assertPrintable(csv);
    // an unknown encoding fails before the parser reports positions: before, no location at all
    String xml =
        message(
            () ->
                ProductionCalendarXml.read(
                    new ByteArrayInputStream(
                        "<?xml version=\"1.0\" encoding=\"x-no-such\"?><calendar/>"
                            .getBytes(StandardCharsets.US_ASCII))));
    assertTrue(xml.startsWith("malformed XML: "), xml);
    assertTrue(xml.matches(".*\\(line \\d+, column \\d+\\)"), xml);
  }
}
