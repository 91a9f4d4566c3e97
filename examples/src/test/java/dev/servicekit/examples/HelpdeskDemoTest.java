package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
    assertTrue(
        out.contains("T-1001  Fri 31 Oct 16:30 MSK  Sat 01 Nov 11:30 MSK  Sat 01 Nov 10:15 MSK"),
        out);
    // Tue 30 Dec 2025 17:00: 1 h, then closed 31 Dec .. 11 Jan (transfers, New Year holidays)
    // -> Mon 12 Jan 2026 12:00.
    assertTrue(out.contains("T-1004  Tue 30 Dec 17:00 MSK  Mon 12 Jan 12:00 MSK"), out);
    // Business response time 6.5 h: Fri 15:00-18:00 (3 h), Tue 10 Mar 09:00-12:30 (3.5 h).
    assertTrue(
        out.contains("slowest first responses: T-1006 (6 h 30 min), T-1007 (4 h 30 min)"), out);
    assertTrue(out.contains("(5 of 7 tickets met)"), out);
    // Business FRTs sorted: 30 min .. 4 h 30 min, 6 h 30 min; the sketch's p90 is the 6th of 7
    // values (4 h 30 min, +1 % at most), so 6 of 7 tickets were within it, not "9 in 10".
    assertTrue(
        out.contains("about 4 h 31 min; 6 of 7 tickets (86 %) were answered within it"), out);
    assertTrue(!out.contains("9 in 10"), out);
    // Erlang C, 100 calls / 30 min, AHT 180 s, 80/20: 14 agents (Call Centre Helper's example).
    assertTrue(out.contains("10.0 Erlangs of traffic (call-hours per hour) -> 14 agents"), out);
    assertTrue(out.contains("both open = "), "the term is explained: " + out);
  }

  @Test
  void durationsReadAsHoursAndMinutes() {
    assertEquals("0 min", HelpdeskDemo.duration(Duration.ZERO));
    assertEquals("40 min", HelpdeskDemo.duration(Duration.ofMinutes(40)));
    assertEquals("4 h", HelpdeskDemo.duration(Duration.ofHours(4)));
    assertEquals("6 h 30 min", HelpdeskDemo.duration(Duration.ofMinutes(390)));
    assertEquals(
        "27 h 5 min", HelpdeskDemo.duration(Duration.ofMinutes(27 * 60 + 5).plusSeconds(59)));
  }
}
