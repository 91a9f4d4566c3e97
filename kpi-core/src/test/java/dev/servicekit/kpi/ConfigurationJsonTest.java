package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * KPI definitions as data: the records read from JSON through their canonical constructors, so JSON
 * and code reach the same validation, and Jackson's error carries the JSON path.
 */
class ConfigurationJsonTest {

  private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

  record Dashboard(List<KpiTarget> targets, RatingScale csat, ServiceLevelPolicy serviceLevel) {}

  @Test
  void definitionsReadFromJsonEqualTheOnesBuiltInCode() throws Exception {
    String json =
        """
        {"targets": [{"name": "ASA ms", "direction": "AT_MOST", "threshold": 90000},
                     {"name": "availability %", "direction": "AT_LEAST", "threshold": 95}],
         "csat": {"min": 1, "max": 5, "satisfiedFrom": 4},
         "serviceLevel": {"threshold": "PT20S", "shortAbandon": "PT5S", "missedAfter": "PT30S"}}
        """;
    Dashboard d = mapper.readValue(json, Dashboard.class);
    assertEquals(
        List.of(KpiTarget.atMost("ASA ms", 90000), KpiTarget.atLeast("availability %", 95)),
        d.targets());
    assertEquals(RatingScale.csatFivePoint(), d.csat());
    assertEquals(
        ServiceLevelPolicy.of(
            Duration.ofSeconds(20), Duration.ofSeconds(5), Duration.ofSeconds(30)),
        d.serviceLevel());
  }

  @Test
  void invalidDefinitionNamesTheJsonPathAndTheRule() {
    String json = "{\"targets\": [], \"csat\": {\"min\": 1, \"max\": 5, \"satisfiedFrom\": 9}}";
    ValueInstantiationException e =
        assertThrows(
            ValueInstantiationException.class, () -> mapper.readValue(json, Dashboard.class));
    assertTrue(e.getMessage().contains("satisfiedFrom 9 must be within 1..5"), e.getMessage());
    assertTrue(e.getMessage().contains("\"csat\""), e.getMessage());
  }
}
