package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * The module descriptors are API: the exact exported packages are pinned here, so a leaked {@code
 * internal} package or a forgotten export fails the build, and the three core modules must resolve
 * on a real module path.
 */
class ModuleDescriptorTest {

  private static final Map<String, Set<String>> EXPECTED_EXPORTS =
      Map.of(
          "dev.servicekit.sla",
              Set.of(
                  "dev.servicekit.sla",
                  "dev.servicekit.sla.holidays",
                  "dev.servicekit.sla.imports",
                  "dev.servicekit.sla.queue"),
          "dev.servicekit.qa",
              Set.of(
                  "dev.servicekit.qa",
                  "dev.servicekit.qa.analytics",
                  "dev.servicekit.qa.calibration",
                  "dev.servicekit.qa.sampling"),
          "dev.servicekit.kpi", Set.of("dev.servicekit.kpi", "dev.servicekit.kpi.staffing"));

  @Test
  void coreModulesExportExactlyTheirApiPackages() throws IOException {
    Map<String, ModuleDescriptor> found = servicekitDescriptors();
    assertEquals(EXPECTED_EXPORTS.keySet(), found.keySet());
    for (Map.Entry<String, ModuleDescriptor> e : found.entrySet()) {
      Set<String> exported =
          e.getValue().exports().stream()
              .map(ModuleDescriptor.Exports::source)
              .collect(Collectors.toSet());
      assertEquals(EXPECTED_EXPORTS.get(e.getKey()), exported, "exports of " + e.getKey());
      for (String pkg : exported) {
        assertFalse(pkg.contains(".internal"), e.getKey() + " exports internal package " + pkg);
      }
    }
  }

  @Test
  void coreModulesResolveOnTheModulePath() throws Exception {
    List<Path> roots = new ArrayList<>(servicekitRoots());
    for (Class<?> dependency :
        List.of(
            ObjectMapper.class,
            JsonParser.class,
            JsonProperty.class,
            Logger.class,
            // qa-core: Apache Commons Statistics and the modules it requires
            org.apache.commons.statistics.distribution.TDistribution.class,
            org.apache.commons.numbers.core.Addition.class,
            org.apache.commons.numbers.gamma.Beta.class,
            org.apache.commons.numbers.fraction.BigFraction.class,
            org.apache.commons.numbers.combinatorics.BinomialCoefficient.class,
            org.apache.commons.numbers.rootfinder.BrentSolver.class,
            org.apache.commons.rng.UniformRandomProvider.class,
            org.apache.commons.rng.sampling.ArraySampler.class)) {
      roots.add(root(dependency.getProtectionDomain().getCodeSource().getLocation()));
    }
    Configuration cf =
        ModuleLayer.boot()
            .configuration()
            .resolve(
                ModuleFinder.of(roots.toArray(Path[]::new)),
                ModuleFinder.of(),
                EXPECTED_EXPORTS.keySet());
    for (String module : EXPECTED_EXPORTS.keySet()) {
      assertTrue(cf.findModule(module).isPresent(), module + " did not resolve");
    }
  }

  @Test
  void coreModulesRequireOnlyJacksonSlf4jCommonsNumbersAndTheJdk() throws IOException {
    // kpi-core carries DDSketch relocated inside its own jar: no filename-based automatic module.
    for (ModuleDescriptor d : servicekitDescriptors().values()) {
      for (ModuleDescriptor.Requires r : d.requires()) {
        boolean optional = r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC);
        String name = r.name();
        assertTrue(
            name.startsWith("java.")
                || name.equals("com.fasterxml.jackson.databind")
                || name.equals("org.slf4j")
                // Apache Commons Numbers (kpi-core's special functions) and Statistics (qa-core's
                // distributions, issue 15); stable module names, not file names
                || name.startsWith("org.apache.commons.statistics.")
                || name.startsWith("org.apache.commons.numbers.")
                || optional,
            d.name() + " requires " + name);
      }
    }
  }

  private static Map<String, ModuleDescriptor> servicekitDescriptors() throws IOException {
    Map<String, ModuleDescriptor> result = new TreeMap<>();
    for (URL url : Collections.list(loader().getResources("module-info.class"))) {
      try (InputStream in = url.openStream()) {
        ModuleDescriptor d = ModuleDescriptor.read(in);
        if (d.name().startsWith("dev.servicekit.")) {
          result.put(d.name(), d);
        }
      }
    }
    return result;
  }

  private static List<Path> servicekitRoots() throws IOException, URISyntaxException {
    List<Path> roots = new ArrayList<>();
    for (URL url : Collections.list(loader().getResources("module-info.class"))) {
      try (InputStream in = url.openStream()) {
        if (ModuleDescriptor.read(in).name().startsWith("dev.servicekit.")) {
          roots.add(moduleRoot(url));
        }
      }
    }
    return roots;
  }

  private static Path moduleRoot(URL moduleInfo) throws IOException, URISyntaxException {
    if ("jar".equals(moduleInfo.getProtocol())) {
      return root(((JarURLConnection) moduleInfo.openConnection()).getJarFileURL());
    }
    return Path.of(moduleInfo.toURI()).getParent();
  }

  private static Path root(URL location) throws URISyntaxException {
    return Path.of(location.toURI());
  }

  private static ClassLoader loader() {
    return ModuleDescriptorTest.class.getClassLoader();
  }
}
