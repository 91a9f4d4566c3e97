package dev.servicekit.integrations.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.RatingScale;
import dev.servicekit.sla.EventCorrection;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketInput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * The serdes' deserializers under hostile record values (a valid value truncated, a bit flipped, a
 * byte set or bytes inserted): a value, or the cores' {@link IllegalArgumentException} with a
 * bounded one-line message, nothing else; and text values are strict UTF-8.
 */
class SerdesHostileInputProperties {

  private static final Serde<TicketEvent> EVENTS = ServicekitSerdes.ticketEvents();
  private static final Serde<TicketInput> INPUTS = ServicekitSerdes.ticketInputs();
  private static final Serde<SlaTransition> TRANSITIONS = ServicekitSerdes.slaTransitions();
  private static final Serde<RatingAccumulator> RATINGS =
      ServicekitSerdes.kpi(RatingAccumulator.class);

  private static void outcome(Runnable r) {
    try {
      r.run();
    } catch (IllegalArgumentException e) {
      assertEquals(IllegalArgumentException.class, e.getClass());
      String m = e.getMessage();
      assertNotNull(m);
      assertTrue(m.length() <= 500, () -> m.length() + " chars");
      assertFalse(m.chars().anyMatch(c -> c == '\n' || c == '\r' || c == 0 || c == 0x2028), m);
    }
  }

  @Property(tries = 300)
  void mutatedRecordValuesAreReadOrRejectedAsDocumented(@ForAll("values") byte[] value) {
    outcome(() -> EVENTS.deserializer().deserialize("t", value));
    outcome(() -> INPUTS.deserializer().deserialize("t", value));
    outcome(() -> TRANSITIONS.deserializer().deserialize("t", value));
    outcome(() -> RATINGS.deserializer().deserialize("t", value));
  }

  @Test
  void aTextValueThatIsNotUtf8IsRefusedNotRepaired() {
    // before: new String(bytes, UTF_8) turned the 0xFF into U+FFFD, and the event was read with
    // the id "m\uFFFD1", which no producer wrote
    byte[] good =
        EVENTS
            .serializer()
            .serialize("t", new TicketEvent.CustomerMessage("T-1", "mX1", Instant.EPOCH));
    byte[] bad = good.clone();
    int x = new String(good, StandardCharsets.UTF_8).indexOf("mX1") + 1;
    bad[x] = (byte) 0xFF;
    assertEquals(
        "the record value is not valid UTF-8 (byte " + (x + 1) + " of " + bad.length + ")",
        assertThrows(
                IllegalArgumentException.class, () -> EVENTS.deserializer().deserialize("t", bad))
            .getMessage());
  }

  @Provide
  Arbitrary<byte[]> values() {
    RatingAccumulator a = RatingAccumulator.create(RatingScale.csatFivePoint());
    a.add(4);
    a.add(5);
    Arbitrary<byte[]> seeds =
        Arbitraries.of(
            EVENTS
                .serializer()
                .serialize("t", new TicketEvent.StatusChanged("T-1", "s1", Instant.EPOCH, "open")),
            INPUTS.serializer().serialize("t", EventCorrection.retract("T-1", "s1")),
            INPUTS
                .serializer()
                .serialize(
                    "t",
                    EventCorrection.replace(
                        new TicketEvent.StatusChanged("T-1", "s1", Instant.EPOCH, "pending"))),
            TRANSITIONS
                .serializer()
                .serialize(
                    "t",
                    new SlaTransition(
                        "T-1",
                        SlaMetric.resolution(),
                        0,
                        "c1",
                        SlaTransition.Kind.BREACHED,
                        Instant.EPOCH,
                        80)),
            RATINGS.serializer().serialize("t", a));
    Arbitrary<Double> at = Arbitraries.doubles().between(0, 1);
    Arbitrary<byte[]> truncated =
        Combinators.combine(seeds, at).as((b, f) -> Arrays.copyOf(b, (int) (f * b.length)));
    Arbitrary<byte[]> flipped =
        Combinators.combine(seeds, at, Arbitraries.integers().between(0, 7))
            .as(
                (b, f, bit) -> {
                  byte[] out = b.clone();
                  out[Math.min(b.length - 1, (int) (f * b.length))] ^= (byte) (1 << bit);
                  return out;
                });
    Arbitrary<byte[]> inserted =
        Combinators.combine(seeds, at, Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
            .as(
                (b, f, junk) -> {
                  int i = (int) (f * b.length);
                  byte[] out = new byte[b.length + junk.length];
                  System.arraycopy(b, 0, out, 0, i);
                  System.arraycopy(junk, 0, out, i, junk.length);
                  System.arraycopy(b, i, out, i + junk.length, b.length - i);
                  return out;
                });
    return Arbitraries.oneOf(truncated, flipped, inserted, seeds);
  }
}
