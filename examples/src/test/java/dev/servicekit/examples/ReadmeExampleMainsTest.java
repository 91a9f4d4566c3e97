package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every example the README tells a reader to run with {@code -Dexample.main=...} has a {@code
 * public static void main(String[])}: the ones named in a command and the ones the Showcase section
 * lists ("The other examples still run with ...").
 */
class ReadmeExampleMainsTest {

  private static final Path README = Path.of("..", "README.md");

  @Test
  void everyExampleTheReadmeSaysRunsHasAMainMethod() throws Exception {
    String readme = Files.readString(README, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    Set<String> named = new TreeSet<>();
    Matcher command =
        Pattern.compile("(?:-Dexample\\.main=|-cp %classpath )dev\\.servicekit\\.examples\\.(\\w+)")
            .matcher(readme); // exec:java's property, or exec:exec's class (the Flink example)
    while (command.find()) {
      named.add(command.group(1));
    }
    int from = readme.indexOf("The other examples still run with");
    assertTrue(from >= 0, "the README's list of other examples");
    String list = readme.substring(from, readme.indexOf(". ", readme.indexOf("`:", from)));
    Matcher listed = Pattern.compile("`([A-Z]\\w+)`").matcher(list);
    while (listed.find()) {
      String name = listed.group(1);
      if (exists("dev.servicekit.examples." + name)) {
        named.add(name);
      }
    }
    assertTrue(named.contains("FirstContactResolutionByHour"), named.toString());
    assertTrue(named.size() >= 8, named.toString());
    for (String name : named) {
      Method main =
          Class.forName("dev.servicekit.examples." + name).getMethod("main", String[].class);
      assertTrue(Modifier.isStatic(main.getModifiers()), name);
      assertEquals(void.class, main.getReturnType(), name);
    }
  }

  @Test
  void thePluginExampleRunsAndPrintsTheMergedRatesByHour() throws Exception {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      FirstContactResolutionByHour.class
          .getMethod("main", String[].class)
          .invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(old);
    }
    // shard one: 09:00 resolved and not, 10:00 resolved; shard two: 09:00 resolved, 14:00 not
    assertEquals(
        String.join(
            System.lineSeparator(),
            "09:00  3 contacts, first contact resolution 67 %",
            "10:00  1 contacts, first contact resolution 100 %",
            "14:00  1 contacts, first contact resolution 0 %",
            ""),
        out.toString(StandardCharsets.UTF_8));
  }

  private static boolean exists(String className) {
    try {
      Class.forName(className);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
