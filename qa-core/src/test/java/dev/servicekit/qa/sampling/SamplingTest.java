package dev.servicekit.qa.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SamplingTest {

  // Krejcie & Morgan (1970), "Determining Sample Size for Research Activities", Table 1
  // (e = 0.05, 95 % confidence, P = 0.5). Their table rounds to nearest; we round up, which
  // agrees at these population sizes (at N = 500 they print 217 for 217.49, we give 218).
  @ParameterizedTest
  @CsvSource({"100, 80", "1000, 278", "10000, 370", "100000, 383", "1000000, 384"})
  void krejcieMorganTable(long population, long expected) {
    assertEquals(expected, SampleSize.forProportion(population, 0.05, 0.95, 0.5));
  }

  @Test
  void cochranInfinitePopulationLimit() {
    // Cochran (1977): n0 = 1.96^2 * 0.25 / 0.05^2 = 384.16 -> 385 for a very large population
    assertEquals(385, SampleSize.forProportion(1_000_000_000L, 0.05, 0.95, 0.5));
    assertEquals(0, SampleSize.forProportion(0, 0.05, 0.95, 0.5));
    assertThrows(IllegalArgumentException.class, () -> SampleSize.forProportion(10, 0, 0.95, 0.5));
  }

  record Call(int id, String agent, String channel, Duration length) {}

  static List<Call> calls(int n, int agents) {
    List<Call> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new Call(
              i,
              "agent-" + (i % agents),
              i % 3 == 0 ? "email" : "phone",
              Duration.ofSeconds(60 + (i * 37L) % 900)));
    }
    return out;
  }

  @Test
  void capacityCapsTheSample() {
    ReviewSampler sampler = ReviewSampler.builder().capacity(70).build();
    ReviewSample<Call> s = sampler.sample(calls(5000, 10), 42);
    assertEquals(70, s.items().size());
    assertEquals(357, s.requiredSize());
    assertTrue(s.capacityLimited());
  }

  @Test
  void stratifiesByChannelAndLengthBucket() {
    ReviewSampler sampler = ReviewSampler.builder().capacity(60).build();
    ReviewSample<Call> s =
        sampler.sample(
            calls(3000, 12),
            c ->
                List.of(
                    c.channel(),
                    c.length().compareTo(Duration.ofMinutes(5)) < 0 ? "short" : "long"),
            7);
    assertEquals(60, s.items().size());
    assertEquals(4, s.allocation().size());
    assertEquals(60, s.allocation().values().stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void minimumPerAgent() {
    ReviewSampler sampler =
        ReviewSampler.builder().capacity(30).allocation(Allocation.minimumPerStratum(2)).build();
    // agent-0 handles 900 calls, agents 1..9 handle 10 each
    List<Call> pop = new ArrayList<>();
    for (int i = 0; i < 990; i++) {
      pop.add(
          new Call(
              i, i < 900 ? "agent-0" : "agent-" + (1 + (i - 900) / 10), "phone", Duration.ZERO));
    }
    ReviewSample<Call> s = sampler.sample(pop, Call::agent, 1);
    assertEquals(30, s.items().size());
    s.allocation().values().forEach(a -> assertTrue(a >= 2));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ReviewSampler.builder()
                    .capacity(15)
                    .allocation(Allocation.minimumPerStratum(2))
                    .build()
                    .sample(pop, Call::agent, 1));
    assertTrue(
        e.getMessage().contains("needs 20 reviews across 10 strata but the sample size is 15"));
  }
}
