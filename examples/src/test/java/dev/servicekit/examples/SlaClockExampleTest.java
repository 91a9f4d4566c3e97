package dev.servicekit.examples;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.sla.SlaPolicyJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The example runs end to end on its bundled JSON policy and calendar. */
class SlaClockExampleTest {

  @Test
  void replaysTheTicketAndShowsRetargetingPauseAndBreach() {
    PrintStream saved = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      SlaClockExample.main(new String[0]);
    } finally {
      System.setOut(saved);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("policy=key-accounts priority=urgent"), out);
    assertTrue(out.contains("resolution       #0 PAUSED"), out);
    assertTrue(out.contains("escalate=L1->duty-lead"), out);
    assertTrue(out.contains("duplicate ev-3 accepted again? false"), out);
  }

  @Test
  void theBundledPolicyWithAnOverlongTargetIsRejectedAtLoadNotAtEvaluation() throws IOException {
    String json;
    try (InputStream in = SlaClockExampleTest.class.getResourceAsStream("/sla-policy.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String edited = json.replace("\"PT30M\"", "\"PT2562047788015215H\"");
    assertTrue(!edited.equals(json));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(edited));
    assertTrue(e.getMessage().contains("PT2562047788015215H"), e.getMessage());
    assertTrue(e.getMessage().contains("at most PT876600H"), e.getMessage());
    assertTrue(e.getMessage().contains("first_response"), e.getMessage());
  }
}
