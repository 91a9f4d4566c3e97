package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The work-queue example runs end to end and shows reasons, re-balancing and the forecast. */
class WorkQueueExampleTest {

  @Test
  void assignsWithReasonsRebalancesAndForecasts() {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      WorkQueueExample.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    // the key account's SLA priority "high" is level 0, and its target an hour (30 min ago + 1 h)
    assertTrue(out.contains("T-103 (key account): priority 0, due 2026-03-02T12:30:00Z"), out);
    assertTrue(out.contains("T-103 -> olga: preferred agent of key account"), out);
    assertTrue(out.contains("T-102 -> pavel:"), out);
    assertTrue(out.contains("shift ends 18:00 Europe/Moscow"), out);
    assertTrue(out.contains("unassigned: T-103"), out);
    assertTrue(out.contains("forecast if nothing changes"), out);
  }
}
