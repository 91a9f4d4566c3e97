package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An example prints the same text whatever the JVM's default locale: {@code printf("%d")} and
 * {@code "%.1f"} write the default locale's digits and decimal separator ({@code ١٢٫٥} in {@code
 * ar-EG}, {@code 12,5} in {@code de-DE}), which READMEs and the tests that read the output do not
 * expect.
 */
class ExampleOutputLocaleTest {

  private static String output(String mainClass, Locale locale) throws Exception {
    PrintStream saved = System.out;
    Locale savedLocale = Locale.getDefault();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      Locale.setDefault(locale);
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      Class.forName(mainClass)
          .getMethod("main", String[].class)
          .invoke(null, (Object) new String[0]);
    } finally {
      System.setOut(saved);
      Locale.setDefault(savedLocale);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev.servicekit.examples.FirstContactResolutionByHour",
        "dev.servicekit.examples.KafkaStreamsSlaExample",
        "dev.servicekit.examples.PersistAndImportExample",
        "dev.servicekit.examples.QaExample",
        "dev.servicekit.examples.SlaClockExample"
      })
  void anExamplePrintsTheSameTextInALocaleWithOtherDigits(String mainClass) throws Exception {
    String root = output(mainClass, Locale.ROOT);
    assertEquals(root, output(mainClass, Locale.forLanguageTag("ar-EG")), mainClass);
    assertEquals(root, output(mainClass, Locale.GERMANY), mainClass);
  }
}
