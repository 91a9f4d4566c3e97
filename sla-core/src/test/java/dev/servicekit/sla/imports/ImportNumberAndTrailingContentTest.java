package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * The helpdesk importers follow the README's rules of every JSON reader (a new user's review): a
 * second document after the export (two pages pasted into one file) was ignored without a word; a
 * number beyond a double's range read as Infinity ({@code found "Infinity"}) or as 0.0, located at
 * the enclosing object; a number was quoted as the double ({@code 7.0} for {@code 7e0}).
 */
class ImportNumberAndTrailingContentTest {

  private static final String ZENDESK =
      "{\"audits\":[{\"id\":1,\"ticket_id\":7,\"created_at\":\"2026-03-02T09:00:00Z\","
          + "\"author_id\":5,\"events\":[{\"id\":11,\"type\":\"Create\","
          + "\"field_name\":\"status\",\"value\":\"new\"}]}]}";

  private static final String JIRA =
      "{\"key\":\"SD-1\",\"fields\":{\"created\":\"2026-03-02T09:00:00.000+0000\","
          + "\"reporter\":{\"accountId\":\"r\"}}}";

  private static String zendeskError(String json) {
    return assertThrows(IllegalArgumentException.class, () -> ZendeskAudits.read(json))
        .getMessage();
  }

  @Test
  void nothingMayFollowTheExport() {
    assertEquals(
        "malformed JSON in the Zendesk audits export: Trailing token (of type START_OBJECT) found"
            + " after value: nothing may follow the document (at $, line 1, column 160)",
        zendeskError(ZENDESK + " " + ZENDESK));
    assertEquals(
        true,
        assertThrows(IllegalArgumentException.class, () -> JiraChangelog.read(JIRA + "\n{}"))
            .getMessage()
            .contains("nothing may follow the document (at $, line 2, column 1)"));
    assertEquals(
        ZendeskAudits.read(ZENDESK).events(),
        ZendeskAudits.read(ZENDESK + " \n").events(),
        "whitespace may");
  }

  @Test
  void aNumberBeyondADoubleIsRefusedWhereItStands() {
    String range =
        " is out of range: a number must be one a double holds, at most 1.7976931348623157E308 in"
            + " magnitude and, unless 0, at least 4.9E-324";
    assertEquals(
        "malformed JSON in the Zendesk audits export: number 1e309"
            + range
            + " (at $.audits[0].ticket_id, line 1, column 32)",
        zendeskError(ZENDESK.replace("\"ticket_id\":7", "\"ticket_id\":1e309")));
    assertEquals(
        "malformed JSON in the Zendesk audits export: number 1e-400"
            + range
            + " (at $.audits[0].author_id, line 1, column 82)",
        zendeskError(ZENDESK.replace("\"author_id\":5", "\"author_id\":1e-400")));
  }

  @Test
  void aNumberIsQuotedAsTheExportWroteIt() {
    assertEquals(
        "expected a string or an integer id but found 7e0 (at $.audits[0].ticket_id, line 1,"
            + " column 32)",
        zendeskError(ZENDESK.replace("\"ticket_id\":7", "\"ticket_id\":7e0")));
  }
}
