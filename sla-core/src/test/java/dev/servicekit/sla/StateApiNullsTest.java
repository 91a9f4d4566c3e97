package dev.servicekit.sla;

import com.google.common.testing.NullPointerTester;
import dev.servicekit.sla.imports.ImportedHistory;
import dev.servicekit.sla.imports.JiraChangelog;
import dev.servicekit.sla.imports.ZendeskAudits;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Guava testlib audit of the event JSON, checkpoint and import API: every null is rejected. */
class StateApiNullsTest {

  @Test
  void everyPublicMethodRejectsNulls() {
    SlaPolicySet set = Fixtures.tiered();
    SlaClock clock =
        SlaClock.of(set, Map.of("team", BusinessCalendar.always(java.time.ZoneOffset.UTC)), "T");
    NullPointerTester t =
        new NullPointerTester()
            .setDefault(SlaPolicySet.class, set)
            .setDefault(SlaClock.class, clock)
            .setDefault(
                TicketEvent.class, new TicketEvent.CustomerMessage("T", "x", Fixtures.mon(9, 0)))
            .setDefault(String.class, "x");
    t.testAllPublicStaticMethods(TicketEventJson.class);
    t.testAllPublicInstanceMethods(TicketEventJson.reader(new StringReader("")));
    t.testAllPublicInstanceMethods(TicketEventJson.writer(new StringWriter()));
    t.testAllPublicStaticMethods(SlaClockSnapshot.class);
    t.testAllPublicStaticMethods(ZendeskAudits.class);
    t.testAllPublicStaticMethods(JiraChangelog.class);
    t.testAllPublicStaticMethods(dev.servicekit.sla.imports.ServiceNowAudit.class);
    t.testAllPublicConstructors(ImportedHistory.class);
    t.testAllPublicInstanceMethods(new ImportedHistory("T", List.of(), Map.of()));
  }
}
