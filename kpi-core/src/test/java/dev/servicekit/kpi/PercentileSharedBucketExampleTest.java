package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The documented example of a retraction the sketch cannot tell from the undo of an addition: a
 * value never added that shares a bucket with one that was. The README and the class javadoc gave
 * 1,000 ms and 1,010 ms at 1 %, which lie in neighbouring buckets, so that retraction is refused;
 * 1,010 ms and 1,020 ms share one.
 */
class PercentileSharedBucketExampleTest {

  @Test
  void aValueNeverAddedInTheBucketOfOneThatWasTakesThatOneOut() {
    PercentileAccumulator p = PercentileAccumulator.create(); // 1 %
    p.addMillis(1_010);
    p.retractMillis(1_020);
    assertTrue(p.isEmpty());
    assertEquals(PercentileAccumulator.create().result(), p.result());
  }

  @Test
  void oneThousandAndTenLieInNeighbouringBuckets() {
    PercentileAccumulator p = PercentileAccumulator.create();
    p.addMillis(1_000);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> p.retractMillis(1_010));
    assertTrue(e.getMessage().contains("no observation in its bucket"), e.getMessage());
    assertEquals(1, p.result().count());
  }
}
