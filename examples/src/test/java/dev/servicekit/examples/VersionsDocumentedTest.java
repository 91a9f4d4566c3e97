package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The versions a user reads in the README and gets from the BOM are the ones the build pins: the
 * optional jollyday version and the oldest supported Jackson.
 */
class VersionsDocumentedTest {

  private static String read(String path) throws IOException {
    return Files.readString(Path.of("..", path), StandardCharsets.UTF_8);
  }

  private static String property(String pom, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
    assertTrue(m.find(), "no property " + name);
    return m.group(1);
  }

  @Test
  void jollydayVersionIsTheSameInRootPomBomAndReadme() throws IOException {
    String version = property(read("pom.xml"), "jollyday.version");
    assertEquals(version, property(read("servicekit-bom/pom.xml"), "jollyday.version"));
    String readme = read("README.md");
    assertTrue(readme.contains("optional: jollyday " + version), "README dependency table");
    assertTrue(readme.contains("<!-- " + version + ", from servicekit-bom -->"), "README snippet");
    assertTrue(readme.contains("Optional jollyday " + version + "."), "README compatibility");
  }

  @Test
  void readmeStatesTheOldestJacksonTheConsumerTestsUse() throws IOException {
    String oldest = property(read("pom.xml"), "jackson.oldest.version");
    String minor = oldest.substring(0, oldest.lastIndexOf('.'));
    String readme = read("README.md");
    assertTrue(readme.contains("Jackson " + minor + " or newer"), "README: Jackson " + minor);
    assertTrue(readme.contains("with " + oldest + ", and the build with"), "README: " + oldest);
    String newest = property(read("pom.xml"), "jackson.version");
    assertTrue(readme.contains("the build with " + newest), "README: newest Jackson " + newest);
  }
}
