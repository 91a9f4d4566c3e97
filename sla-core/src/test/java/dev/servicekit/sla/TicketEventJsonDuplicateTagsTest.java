package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The tags of {@code Created} and {@code TagsChanged} are a set: in code they are a {@code
 * Set<String>}, which cannot hold a tag twice ({@code Set.of("vip", "vip")} throws). A JSON array
 * that lists a tag twice is refused at the second occurrence, as every list of the configuration
 * readers refuses a repeat ({@code status 'open' is listed twice (at $.statuses[1], ...)}). Before,
 * {@code ["vip","vip"]} was read as one tag without a word.
 */
class TicketEventJsonDuplicateTagsTest {

  private static final String HEAD =
      "{\"v\":1,\"kind\":\"%s\",\"ticketId\":\"T-1\",\"id\":\"e1\",\"at\":\"2026-03-02T09:00:00Z\",";

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "TagsChanged|\"tags\":[\"vip\",\"vip\"]}|$.tags[1]|98",
        "Created|\"tags\":[\"a\",\"vip\",\"b\",\"vip\"]}|$.tags[3]|102",
      })
  void aTagListedTwiceIsRefusedAtItsSecondOccurrence(
      String kind, String rest, String path, int column) {
    String json = HEAD.formatted(kind) + rest;
    assertEquals(
        "tag 'vip' is listed twice (at " + path + ", line 1, column " + column + ")",
        assertThrows(IllegalArgumentException.class, () -> TicketEventJson.read(json))
            .getMessage());
    assertEquals(
        "tag 'vip' is listed twice (at " + path + ", line 3, column " + column + ")",
        assertThrows(
                IllegalArgumentException.class,
                () -> TicketEventJson.reader(new StringReader("\n\n" + json)).next())
            .getMessage());
  }

  @Test
  void codeCannotListATagTwiceEither() {
    assertThrows(IllegalArgumentException.class, () -> Set.of("vip", "vip"));
    Instant t = Instant.parse("2026-03-02T09:00:00Z");
    TicketEvent.TagsChanged e = new TicketEvent.TagsChanged("T-1", "e1", t, Set.of("vip", "a"));
    assertEquals(e, TicketEventJson.read(TicketEventJson.write(e)));
    TicketEvent.Created c = TicketEvent.Created.byAgent("T-1", "e1", t, Map.of(), Set.of("vip"));
    assertEquals(c, TicketEventJson.read(TicketEventJson.write(c)));
  }

  @Test
  void tagsThatDifferOnlyInCaseAreDistinct() {
    // tags are compared as the code compares them: exactly
    assertEquals(
        Set.of("VIP", "vip"),
        ((TicketEvent.TagsChanged)
                TicketEventJson.read(HEAD.formatted("TagsChanged") + "\"tags\":[\"vip\",\"VIP\"]}"))
            .tags());
  }
}
