package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.internal.JsonInput;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * A Zendesk custom field maps to the attribute {@code field_<id>} when that is a key: an id of 59
 * or more digits made an attribute name over 64 characters, which the event refused at the
 * document's start ({@code (at $, line 1, column 1)}), where every other value that is not a key is
 * counted in {@code ignored()}; an id in another script's digits ({@code ٣}) was taken for one.
 */
class ImportCustomFieldTest {

  private static ImportedHistory read(String type, String field) {
    return ZendeskAudits.read(
        "{\"audits\":[{\"id\":1,\"ticket_id\":7,\"created_at\":\"2026-03-02T09:00:00Z\","
            + "\"author_id\":5,\"events\":[{\"id\":11,\"type\":\"Create\",\"field_name\":"
            + "\"requester_id\",\"value\":5},{\"id\":12,\"type\":\""
            + type
            + "\",\"field_name\":\""
            + field
            + "\",\"value\":\"Gold\"}]}]}");
  }

  /** Oracle: the attribute is kept exactly when {@code field_<id>} has at most 64 characters. */
  @Property(tries = 40)
  void aCustomFieldIsAnAttributeExactlyWhenItsNameIsAKey(
      @ForAll @IntRange(min = 1, max = 120) int digits) {
    String id = "7".repeat(digits);
    String attribute = "field_" + id;
    boolean key = attribute.length() <= 64;
    ImportedHistory created = read("Create", id);
    TicketEvent.Created c = (TicketEvent.Created) created.events().get(0);
    assertEquals(key ? Map.of(attribute, "gold") : Map.of(), c.attributes());
    // a name is quoted in a reason as in a message: cut after 80 characters, with its length
    String quoted = JsonInput.excerpt(id);
    assertEquals(key ? Map.of() : Map.of("created field " + quoted, 1L), created.ignored());
    ImportedHistory changed = read("Change", id);
    assertEquals(key ? 2 : 1, changed.events().size());
    assertEquals(key ? Map.of() : Map.of("changed field " + quoted, 1L), changed.ignored());
  }

  @Test
  void aFieldIdInAnotherScriptsDigitsIsNotACustomField() {
    String arabicIndic = "\u0663\u0664";
    assertEquals(Map.of("created field " + arabicIndic, 1L), read("Create", arabicIndic).ignored());
    assertEquals(Map.of("changed field " + arabicIndic, 1L), read("Change", arabicIndic).ignored());
  }
}
