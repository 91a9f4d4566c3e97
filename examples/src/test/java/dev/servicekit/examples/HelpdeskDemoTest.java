package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's main example runs end to end and prints hand-checked figures. */
class HelpdeskDemoTest {

  @Test
  void mainExamplePrintsHandCheckedDeadlinesAndStaffing() {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
      HelpdeskDemo.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    // Fri 31 Oct 2025 16:30 + 4 business hours: 1.5 h on Friday, then the working Saturday
    // 1 Nov 2025 (shortened, from 09:00) -> 11:30.
    assertTrue(out.contains("T-1001 created Fri 31 Oct 16:30  due Sat 01 Nov 11:30"), out);
    // Tue 30 Dec 2025 17:00: 1 h, then closed 31 Dec .. 11 Jan (transfers, New Year holidays)
    // -> Mon 12 Jan 2026 12:00.
    assertTrue(out.contains("T-1004 created Tue 30 Dec 17:00  due Mon 12 Jan 12:00"), out);
    // Erlang C, 100 calls / 30 min, AHT 180 s, 80/20: 14 agents (Call Centre Helper's example).
    assertTrue(out.contains("10.0 Erlangs -> 14 agents"), out);
  }
}
