package dev.servicekit.qa.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Jackson versions JSON reads accept: both jackson-core and jackson-databind 2.15 or newer 2.x
 * (consumer-tests' old-jackson run checks the readers themselves with Jackson 2.14).
 */
class JacksonFloorTest {

  private static Version v(String s) {
    String[] p = s.split("\\.");
    return new Version(
        Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), null, null, null);
  }

  @ParameterizedTest
  @CsvSource({
    "2.15.0, 2.15.0, true",
    "2.20.1, 2.20.1, true",
    "2.99.9, 2.15.4, true",
    "2.14.3, 2.14.3, false",
    "2.14.9, 2.15.0, false",
    "2.15.0, 2.14.9, false",
    "2.0.0, 2.0.0, false",
    "3.0.0, 3.0.0, false",
    "1.99.0, 2.15.0, false"
  })
  void readsWithJackson215OrNewer2x(String core, String databind, boolean reads) {
    String problem = JsonInput.oldJackson(v(core), v(databind));
    if (reads) {
      assertNull(problem);
    } else {
      assertTrue(problem.startsWith("qa-core reads JSON with Jackson 2.15 or newer 2.x"), problem);
      assertTrue(
          problem.contains("jackson-core " + core + " and jackson-databind " + databind), problem);
    }
  }

  @Test
  void theBuildsJacksonReads() {
    JsonInput.requireJackson(); // the build's own Jackson: no throw
    assertNull(
        JsonInput.oldJackson(
            com.fasterxml.jackson.core.json.PackageVersion.VERSION,
            com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION));
  }
}
