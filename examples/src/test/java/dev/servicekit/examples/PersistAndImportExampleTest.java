package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The example imports the Zendesk export, keeps the clock in H2 between events and reports. */
class PersistAndImportExampleTest {

  @Test
  void importsPersistsAndReportsTheVendorsNumbers() throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      PersistAndImportExample.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("imported ticket 4711: 15 events"), out);
    assertTrue(out.contains("first_response   #0 ACHIEVED  elapsed 1h30m"), out);
    assertTrue(out.contains("late by 0h15m"), out);
    assertTrue(out.contains("elapsed 4h30m"), out);
  }
}
