package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Each fallback anomaly is a change of the ticket's fallbacks (issue 17, "reported once, when it
 * begins"): over random histories of severity, tier and channel changes (several at one instant,
 * absent and unlisted values), the anomalies equal an oracle that compares, per instant, each
 * field's fallback after all of that instant's events with the one before it, and reports exactly
 * the fields whose fallback began or changed value.
 */
class FallbackOnceProperties {

  private static final Instant T0 = Fixtures.mon(9, 0);
  private static final String[] FIELDS = {"severity", "tier", "channel"};
  private static final String[][] VALUES = {
    {"s1", "s2", "blocker", "s3"}, {"gold", "silver"}, {"email", "fax", "chat"}
  };
  // what UnknownKeysTest.set lists
  private static final List<List<String>> LISTED =
      List.of(List.of("s1", "s2"), List.of("gold"), List.of("email"));
  private static final String MATRIX =
      " of the priority matrix of policy standard: its default priority 'normal' applies";
  private static final String CHANNEL = " of policy standard: its '*' targets apply";

  @Property(tries = 300)
  void eachAnomalyIsABeginningOrChangeOfAFieldsFallback(@ForAll long seed) {
    Random r = new Random(seed);
    Map<String, String> initial = new HashMap<>();
    for (int f = 0; f < 3; f++) {
      if (r.nextInt(3) > 0) {
        initial.put(FIELDS[f], pick(r, f));
      }
    }
    List<TicketEvent> events = new ArrayList<>();
    events.add(TicketEvent.Created.byCustomer("T", "c", T0, initial, Set.of()));
    int n = r.nextInt(10);
    for (int i = 0; i < n; i++) {
      int f = r.nextInt(3);
      Instant at = T0.plusSeconds(60L * (1 + r.nextInt(4)));
      events.add(
          new TicketEvent.AttributeChanged(
              "T", "e" + r.nextInt(1000) + "-" + i, at, FIELDS[f], pick(r, f)));
    }
    List<TicketEvent> sorted = new ArrayList<>(events);
    sorted.sort(TicketEvent.ORDER);
    // the oracle: fold each instant's events, then compare the fallbacks with the instant before
    TreeMap<Instant, List<TicketEvent>> byInstant = new TreeMap<>();
    for (TicketEvent e : sorted) {
      byInstant.computeIfAbsent(e.at(), k -> new ArrayList<>()).add(e);
    }
    Map<String, String> state = new HashMap<>();
    String[] before = new String[3];
    List<String> expected = new ArrayList<>();
    for (Map.Entry<Instant, List<TicketEvent>> instant : byInstant.entrySet()) {
      for (TicketEvent e : instant.getValue()) {
        if (e instanceof TicketEvent.Created c) {
          state.putAll(c.attributes());
        } else if (e instanceof TicketEvent.AttributeChanged a) {
          state.put(a.key(), a.value());
        }
      }
      String[] now = new String[3];
      String reason = null;
      for (int f = 0; f < 3; f++) {
        now[f] = fallback(f, state.get(FIELDS[f]));
        if (now[f] != null && !now[f].equals(before[f])) {
          reason = reason == null ? now[f] : reason + "; " + now[f];
        }
      }
      if (reason != null) {
        expected.add(instant.getKey() + " " + reason);
      }
      before = now;
    }
    List<String> got =
        Fixtures.eval(UnknownKeysTest.set(false), events, T0.plusSeconds(3600)).anomalies().stream()
            .map(a -> a.at() + " " + a.reason())
            .toList();
    assertEquals(expected, got, events.toString());
  }

  private static String pick(Random r, int field) {
    return VALUES[field][r.nextInt(VALUES[field].length)];
  }

  private static String fallback(int field, String value) {
    List<String> listed = LISTED.get(field);
    if (value != null && listed.contains(value)) {
      return null;
    }
    String f = FIELDS[field];
    String head =
        (value == null ? f + " is absent, so" : f + " '" + value + "' is")
            + " not among the "
            + f
            + " keys "
            + listed;
    return head + (Objects.equals(f, "channel") ? CHANNEL : MATRIX);
  }
}
