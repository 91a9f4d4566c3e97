package dev.servicekit.kpi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one layout of a JSON reader's error, {@code "<what> (at $.path, line L, column C)"}, for
 * tests: {@link #asBefore} gives the message in the path-first form the snapshot tests were written
 * in before the layout was unified ({@code "state.count is -1 but ..."}), so that they keep
 * checking the path and the rule; {@code JsonErrorLocationTest} checks line and column against
 * hand-counted documents.
 */
final class JsonErrors {
  private static final Pattern LOCATED =
      Pattern.compile("(?s)(.*) \\(at \\$\\.?(.*), line \\d+, column \\d+\\)");

  private JsonErrors() {}

  /**
   * Asserts that {@code message} is in the one layout and returns it without its location, its path
   * put first where the message starts with the path's last name: {@code "count is -1 (at
   * $.state.count, line 1, column 9)"} is {@code "state.count is -1"}.
   */
  static String asBefore(String message) {
    Matcher m = LOCATED.matcher(message);
    if (!m.matches()) {
      return message; // a binary snapshot's error: no JSON location
    }
    String what = m.group(1);
    String path = m.group(2);
    int dot = path.lastIndexOf('.');
    String name = path.substring(dot + 1);
    if (dot > 0 && !name.isEmpty() && what.startsWith(name + " ")) {
      return path.substring(0, dot + 1) + what;
    }
    return what;
  }
}
