package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The two stream-engine examples run end to end and print what their documentation says. */
class EngineExamplesTest {

  interface Main {
    void run() throws Exception;
  }

  private static String output(Main main) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      main.run();
    } finally {
      System.setOut(saved);
    }
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void kafkaStreamsExampleBreachesTheUnansweredTicketWithoutAnEventOfItsOwn() throws Exception {
    String out = output(() -> KafkaStreamsSlaExample.main(new String[0]));
    // T-2 gets no event after its creation: T-3's customer message moves stream time past the
    // deadline (10:01), and the timer reports the breach at its exact instant (the first instant
    // past the deadline).
    assertTrue(
        out.contains(
            "after T-3-c T-2 first_response #0 BREACHED  at 2026-03-02T10:01:00.000000001Z"),
        out);
    assertTrue(out.contains("T-2 first_response #0 WARNING   at 2026-03-02T09:31:00Z (50%)"), out);
    assertTrue(out.contains("T-1 first_response #0 ACHIEVED  at 2026-03-02T09:20:00Z"), out);
    assertTrue(out.contains("T-3 resolution     #0 PAUSED"), out);
    assertTrue(out.contains("T-3 resolution     #0 RESUMED"), out);
    assertTrue(out.contains("T-1 resolution     #0 ACHIEVED"), out);
    assertEquals(0, out.lines().filter(l -> l.contains("T-1 first_response #0 WARNING")).count());
  }

  @Test
  void flinkExampleEmitsEveryHourlyWindowOfEveryTeamAndChannel() throws Exception {
    String out = output(() -> FlinkKpiExample.main(new String[0]));
    // 4 hours x 3 teams x 2 channels, every window closed once, nothing late.
    assertTrue(out.contains("windows: 24, late contacts: 0"), out);
    long total =
        out.lines()
            .filter(l -> l.contains(" n="))
            .mapToLong(
                l -> Long.parseLong(l.substring(l.indexOf(" n=") + 3, l.indexOf(" median")).trim()))
            .sum();
    assertEquals(2_000, total, out);
    assertTrue(
        out.contains("2026-03-02T07:00:00Z channel=chat,team=team-a"), out); // 08:00 in Berlin
  }
}
