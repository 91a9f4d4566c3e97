package dev.servicekit.integrations.flink.internal;

import dev.servicekit.sla.BusinessCalendar;
import dev.servicekit.sla.CalendarJson;
import java.io.Serializable;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link BusinessCalendar} in a form Java serialization ships with a Flink function: a rule-based
 * calendar as its {@link CalendarJson} text, a union or intersection as its id, its operation and
 * the forms of its two {@link BusinessCalendar#operands() operands}. {@link #calendar} rebuilds a
 * calendar equal to the original. A calendar that appears more than once in the graph given to
 * {@link #of(Map)} (a map value that is also a part of another) gets one form, and is rebuilt once.
 * Immutable.
 */
public final class CalendarForm implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String json; // rule-based; null for a union or intersection
  private final String id;
  private final boolean union;
  private final CalendarForm left;
  private final CalendarForm right;

  private CalendarForm(
      String json, String id, boolean union, CalendarForm left, CalendarForm right) {
    this.json = json;
    this.id = id;
    this.union = union;
    this.left = left;
    this.right = right;
  }

  /**
   * The forms of a map of calendars, sharing the form of a calendar met more than once.
   *
   * @param calendars key to calendar
   * @return key to form, in a map Java serialization writes
   */
  public static HashMap<String, CalendarForm> of(Map<String, BusinessCalendar> calendars) {
    Map<BusinessCalendar, CalendarForm> seen = new IdentityHashMap<>();
    HashMap<String, CalendarForm> out = new HashMap<>();
    calendars.forEach(
        (k, v) -> out.put(k, of(Objects.requireNonNull(v, "calendars[" + k + "]"), seen)));
    return out;
  }

  private static CalendarForm of(BusinessCalendar c, Map<BusinessCalendar, CalendarForm> seen) {
    CalendarForm f = seen.get(c);
    if (f != null) {
      return f;
    }
    if (c.isRuleBased()) {
      f = new CalendarForm(CalendarJson.write(c), c.id(), false, null, null);
    } else {
      List<BusinessCalendar> ops = c.operands();
      f = new CalendarForm(null, c.id(), c.isUnion(), of(ops.get(0), seen), of(ops.get(1), seen));
    }
    seen.put(c, f);
    return f;
  }

  /**
   * Rebuilds the calendars of a map of forms; a form shared by several entries or parts is rebuilt
   * once, so the rebuilt calendars share its per-year caches as the originals did.
   *
   * @param forms key to form
   * @return key to calendar, immutable
   */
  public static Map<String, BusinessCalendar> calendars(Map<String, CalendarForm> forms) {
    Map<CalendarForm, BusinessCalendar> built = new IdentityHashMap<>();
    HashMap<String, BusinessCalendar> out = new HashMap<>();
    forms.forEach((k, v) -> out.put(k, v.calendar(built)));
    return Map.copyOf(out);
  }

  private BusinessCalendar calendar(Map<CalendarForm, BusinessCalendar> built) {
    BusinessCalendar c = built.get(this);
    if (c != null) {
      return c;
    }
    if (json != null) {
      c = CalendarJson.read(json);
    } else {
      BusinessCalendar l = left.calendar(built);
      BusinessCalendar r = right.calendar(built);
      c = (union ? l.union(r) : l.intersection(r)).withId(id);
    }
    built.put(this, c);
    return c;
  }
}
