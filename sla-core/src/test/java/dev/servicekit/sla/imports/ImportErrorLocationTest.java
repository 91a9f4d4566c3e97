package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * An importer's error about a value names its path, line and column, as the other sla-core JSON
 * readers do, and the input is capped: an export is read up to 64 MiB, never without bound.
 */
class ImportErrorLocationTest {

  private static String fixture(String name) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(
            ImportErrorLocationTest.class.getResourceAsStream("/imports/" + name), name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static String error(Runnable read) {
    return assertThrows(IllegalArgumentException.class, read::run).getMessage();
  }

  @Test
  void aMissingOrMistypedFieldOfAnExportNamesItsLineAndColumn() throws IOException {
    // before: "field_name is required (audits[1].events[1].field_name)", no line or column
    String zendesk = fixture("zendesk-audits-ticket-4711.json");
    String noField =
        zendesk.replace(
            "\"type\": \"Change\", \"field_name\": \"status\", \"value\": \"open\"",
            "\"type\": \"Change\", \"value\": \"open\"");
    assertEquals(
        "field_name is required (at $.audits[1].events[1].field_name, line 24, column 9)",
        error(() -> ZendeskAudits.read(noField)));
    String mistyped = zendesk.replace("\"id\": 20002,", "\"id\": true,");
    assertEquals(
        "expected a string or an integer id but found true (at $.audits[1].events[1].id, line 24,"
            + " column 17)",
        error(
            () ->
                ZendeskAudits.read(
                    new ByteArrayInputStream(mistyped.getBytes(StandardCharsets.UTF_8)))));
  }

  @Test
  void anExportLongerThan64MebibytesIsRefusedWithoutReadingItAll() {
    // before: read whole into a tree (here 64 MiB of spaces, then "[]": "holds no audits")
    int cap = 64 << 20;
    InputStream huge =
        new SequenceInputStream(
            new InputStream() {
              private int left = cap;

              @Override
              public int read() {
                return left-- > 0 ? ' ' : -1;
              }

              @Override
              public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                  return -1;
                }
                int n = Math.min(len, left);
                java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                left -= n;
                return n;
              }
            },
            new ByteArrayInputStream("[]".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(
        "the Zendesk audits export is longer than the limit of 67108864 bytes (at $)",
        error(() -> ZendeskAudits.read(huge)));
  }

  @Test
  void aStreamMayStartWithAByteOrderMarkAsBefore() {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '[', ']'};
    assertEquals(
        "the export holds no audits (at $, line 1, column 1)",
        error(() -> ZendeskAudits.read(new ByteArrayInputStream(bom))));
  }

  /**
   * A document nested past the parser's depth limit is located at the bracket that passes it (a
   * review found it at line 1, column 1: the limit's error carries no location).
   */
  @Test
  void aDocumentNestedTooDeeplyIsLocatedAtTheBracketThatPassesTheLimit() {
    String deep = "{\"audits\":\n" + "[".repeat(1001) + "]".repeat(1001) + "}";
    String m =
        assertThrows(IllegalArgumentException.class, () -> ZendeskAudits.read(deep)).getMessage();
    // '{' is depth 1, so the 1000th '[' on line 2 is depth 1001
    org.junit.jupiter.api.Assertions.assertTrue(
        m.contains("nesting depth (1001)") && m.endsWith("line 2, column 1000)"), m);
  }

  @Test
  void aValueOrNameOverTheParsersLimitIsLocatedWhereItIs() {
    // before: "(at $, line 1, column 1)", the document's start, for both
    String number =
        "{\"audits\":[{\"id\":1,\"ticket_id\":7,\"created_at\":\"2026-03-02T09:00:00Z\","
            + "\"author_id\":5,\"events\":[{\"id\":11,\"type\":\"Create\",\"field_name\":"
            + "\"x\",\"value\":"
            + "1".repeat(1001)
            + "}]}]}";
    // Jackson's own wording of the limit varies between versions: the location is ours
    String n = error(() -> ZendeskAudits.read(number));
    assertEquals(true, n.endsWith("(at $.audits[0].events[0].value, line 1, column 1145)"), n);
    String name = "{\"audits\":[{\"" + "n".repeat(60_000) + "\":1}]}";
    String m = error(() -> JiraChangelog.read(name));
    assertEquals(true, m.endsWith("(at $.audits[0], line 1, column 60015)"), m);
  }
}
