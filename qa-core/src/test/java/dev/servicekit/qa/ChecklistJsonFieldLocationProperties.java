package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Every rule about one value of a checklist, broken at a random place of a random checklist's JSON,
 * is located at that value's path, whatever section, criterion, option or band holds it: the
 * checklist is written by {@link ChecklistJson#write}, one value is replaced by a value of the
 * right JSON type that breaks a rule, and the error must end with {@code (at <its path>, line
 * ...)}.
 */
class ChecklistJsonFieldLocationProperties {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Property(tries = 1000)
  void aValueBreakingItsRuleIsLocatedAtItsPath(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    Checklist c;
    try {
      c = DocumentedScoringOracleProperties.checklist(r);
    } catch (IllegalArgumentException refused) {
      return; // not every random checklist is scorable; the oracle property checks the refusals
    }
    ObjectNode root = (ObjectNode) MAPPER.readTree(ChecklistJson.write(c));
    ArrayNode sections = (ArrayNode) root.get("sections");
    int s = r.nextInt(sections.size());
    ObjectNode section = (ObjectNode) sections.get(s);
    ArrayNode criteria = (ArrayNode) section.get("criteria");
    int k = r.nextInt(criteria.size());
    ObjectNode criterion = (ObjectNode) criteria.get(k);
    String sp = "$.sections[" + s + "]";
    String cp = sp + ".criteria[" + k + "]";
    String path;
    switch (r.nextInt(14)) {
      case 0 -> {
        section.put("weight", r.nextBoolean() ? new BigDecimal("-1") : new BigDecimal("0.00001"));
        path = sp + ".weight";
      }
      case 1 -> {
        section.putArray("criteria");
        path = sp + ".criteria";
      }
      case 2 -> {
        section.put("id", " ");
        path = sp + ".id";
      }
      case 3 -> {
        section.put("name", "a\tb");
        path = sp + ".name";
      }
      case 4 -> {
        criterion.put("weight", new BigDecimal("1000000.5"));
        path = cp + ".weight";
      }
      case 5 -> {
        // above the scale's maximum, on a critical criterion
        BigDecimal max = c.sections().get(s).criteria().get(k).scale().maxPoints();
        criterion.put("bonus", false);
        criterion.put("criticality", "FAIL_SECTION");
        criterion.put("passAt", r.nextBoolean() ? max.add(BigDecimal.ONE) : BigDecimal.ZERO);
        path = cp + ".passAt";
      }
      case 6 -> {
        criterion.put("criticality", "NONE");
        criterion.put("passAt", BigDecimal.ONE);
        path = cp + ".passAt";
      }
      case 7 -> {
        ObjectNode scale = criterion.putObject("scale");
        scale.put("type", "custom");
        ArrayNode options = scale.putArray("options");
        int n = 2 + r.nextInt(3);
        int bad = r.nextInt(n);
        for (int o = 0; o < n; o++) {
          options.addObject().put("id", "o" + o).put("points", o == bad ? -1 : o + 1);
        }
        path = cp + ".scale.options[" + bad + "].points";
      }
      case 8 -> {
        ObjectNode scale = criterion.putObject("scale");
        scale.put("type", "custom");
        ArrayNode options = scale.putArray("options");
        int n = 2 + r.nextInt(3);
        int repeat = 1 + r.nextInt(n - 1);
        for (int o = 0; o < n; o++) {
          options.addObject().put("id", o == repeat ? "o0" : "o" + o).put("points", o);
        }
        path = cp + ".scale.options[" + repeat + "].id";
      }
      case 9 -> {
        ObjectNode scale = criterion.putObject("scale");
        scale.put("type", "range");
        boolean min = r.nextBoolean();
        scale.put("min", min ? -1 : 0);
        scale.put("max", min ? 5 : 1001);
        path = cp + ".scale." + (min ? "min" : "max");
      }
      case 10 -> {
        criterion.put("name", "\u2028");
        path = cp + ".name";
      }
      case 11 -> {
        criterion.put("criticality", "sometimes");
        path = cp + ".criticality";
      }
      default -> {
        ArrayNode bands = (ArrayNode) root.get("bands");
        int b = r.nextInt(bands.size());
        ObjectNode band = (ObjectNode) bands.get(b);
        String field = r.nextBoolean() ? "name" : "action";
        band.put(field, field.equals("name") ? "\u200b" : "\u0007");
        path = "$.bands[" + b + "]." + field;
      }
    }
    String json = MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    String m =
        assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json)).getMessage();
    assertTrue(m.contains(" (at " + path + ", line "), () -> path + " expected in: " + m);
  }
}
