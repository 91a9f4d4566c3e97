package dev.servicekit.consumertests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.PackageVersion;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.qa.Checklist;
import dev.servicekit.sla.BusinessCalendar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** These tests really run as a consumer module on the module path, with the Jackson asked for. */
class ModulePathTest {

  @BeforeEach
  void onlyInTheModulePathRun() {
    // The class-path execution excludes this class; this guard keeps -Dtest=... runs meaningful.
    assumeFalse(Boolean.getBoolean("consumer.classPathRun"), "class-path run");
  }

  @Test
  void coresAndJacksonAreNamedModulesReadByThisModule() {
    Module self = ModulePathTest.class.getModule();
    assertEquals("dev.servicekit.consumertests", self.getName());
    for (Class<?> type :
        new Class<?>[] {BusinessCalendar.class, Checklist.class, PercentileAccumulator.class}) {
      assertTrue(type.getModule().isNamed(), type + " is not in a named module");
      assertTrue(self.canRead(type.getModule()), "cannot read " + type.getModule());
    }
    assertEquals("dev.servicekit.sla", BusinessCalendar.class.getModule().getName());
    assertEquals("dev.servicekit.qa", Checklist.class.getModule().getName());
    assertEquals("dev.servicekit.kpi", PercentileAccumulator.class.getModule().getName());
    assertEquals("com.fasterxml.jackson.databind", ObjectMapper.class.getModule().getName());
  }

  @Test
  void kpiCoreCarriesDdsketchInsideItsOwnModule() {
    Module kpi = PercentileAccumulator.class.getModule();
    assertTrue(kpi.getPackages().contains("dev.servicekit.kpi.internal.ddsketch"), "not shaded");
    assertFalse(kpi.isExported("dev.servicekit.kpi.internal.ddsketch"));
    assertFalse(
        ModuleLayer.boot().findModule("sketches.java").isPresent(),
        "sketches-java must not be on the module path: the published POM does not list it");
  }

  @Test
  void runsAgainstTheJacksonVersionThisBuildSelected() {
    String expected = System.getProperty("expected.jackson.version");
    assertEquals(expected, PackageVersion.VERSION.toString());
  }
}
