package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Laws of the event JSON form over random events of every kind. */
class TicketEventJsonProperties {

  @Provide
  Arbitrary<TicketEvent> events() {
    return RandomEvents.events();
  }

  @Property(tries = 600)
  void readOfWriteIsTheSameEvent(@ForAll("events") TicketEvent e) {
    String json = TicketEventJson.write(e);
    assertFalse(json.contains("\n"), "one event is one line");
    assertEquals(e, TicketEventJson.read(json));
    assertEquals(
        json, TicketEventJson.write(TicketEventJson.read(json)), "the written form is canonical");
  }

  @Property(tries = 100)
  void jsonLinesRoundTripKeepsEveryEventInOrder(@ForAll("eventLists") List<TicketEvent> events) {
    StringWriter out = new StringWriter();
    TicketEventJson.LineWriter w = TicketEventJson.writer(out);
    events.forEach(w::write);
    w.flush();
    assertEquals(events.size(), w.count());
    List<TicketEvent> back = new ArrayList<>();
    TicketEventJson.reader(new StringReader(out.toString())).forEachRemaining(back::add);
    assertEquals(events, back);
  }

  @Provide
  Arbitrary<List<TicketEvent>> eventLists() {
    return RandomEvents.events().list().ofMaxSize(30);
  }
}
