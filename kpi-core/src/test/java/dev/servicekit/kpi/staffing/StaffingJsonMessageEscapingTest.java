package dev.servicekit.kpi.staffing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A JSON parser's message quotes the bad character raw; kpi-core's JSON readers pass it on escaped
 * (a line separator or control character before a document went into the message as is).
 */
class StaffingJsonMessageEscapingTest {

  @Test
  void aLineSeparatorOrControlCharacterInAParsersMessageIsEscaped() {
    for (String bad : new String[] {"\u2028{}", "\u0085{}", "\u0001{}"}) {
      String m =
          assertThrows(IllegalArgumentException.class, () -> StaffingJson.readTarget(bad))
              .getMessage();
      // Jackson names a C0 or C1 control as "(CTRL-CHAR, code N)" and quotes other characters
      assertTrue(
          m.contains(String.format(Locale.ROOT, "\\u%04x", (int) bad.charAt(0)))
              || m.contains("CTRL-CHAR"),
          m);
      assertFalse(m.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028), m);
    }
  }
}
