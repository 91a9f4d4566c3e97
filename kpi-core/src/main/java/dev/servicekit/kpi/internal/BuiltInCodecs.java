package dev.servicekit.kpi.internal;

import dev.servicekit.kpi.AgentTimeAccumulator;
import dev.servicekit.kpi.BacklogAccumulator;
import dev.servicekit.kpi.CostAccumulator;
import dev.servicekit.kpi.DrillDownSample;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.kpi.HandleTimeAccumulator;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.NpsAccumulator;
import dev.servicekit.kpi.OutcomeAccumulator;
import dev.servicekit.kpi.PercentileAccumulator;
import dev.servicekit.kpi.ProductivityAccumulator;
import dev.servicekit.kpi.RatingAccumulator;
import dev.servicekit.kpi.ServiceLevelAccumulator;
import dev.servicekit.kpi.SnapshotCodec;

/**
 * The {@link java.util.ServiceLoader} providers of the built-in accumulators' {@link
 * SnapshotCodec}s, each delegating to its accumulator's own codec. Not API.
 */
public final class BuiltInCodecs {

  private BuiltInCodecs() {}

  /**
   * Delegates every method to a codec.
   *
   * @param <A> the accumulator type
   */
  public abstract static class Delegate<A extends KpiAccumulator<A, ?>>
      implements SnapshotCodec<A> {
    private final SnapshotCodec<A> codec;

    /**
     * Wraps {@code codec}.
     *
     * @param codec the codec
     */
    protected Delegate(SnapshotCodec<A> codec) {
      this.codec = codec;
    }

    @Override
    public String kind() {
      return codec.kind();
    }

    @Override
    public Class<A> type() {
      return codec.type();
    }

    @Override
    public void write(A accumulator, Output out) {
      codec.write(accumulator, out);
    }

    @Override
    public A read(Input in) {
      return codec.read(in);
    }

    @Override
    public String toString() {
      return codec.toString();
    }
  }

  /** The codec of {@link RatingAccumulator}. */
  public static final class Rating extends Delegate<RatingAccumulator> {
    /** The provider. */
    public Rating() {
      super(RatingAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link NpsAccumulator}. */
  public static final class Nps extends Delegate<NpsAccumulator> {
    /** The provider. */
    public Nps() {
      super(NpsAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link DurationAccumulator}. */
  public static final class Duration extends Delegate<DurationAccumulator> {
    /** The provider. */
    public Duration() {
      super(DurationAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link HandleTimeAccumulator}. */
  public static final class HandleTime extends Delegate<HandleTimeAccumulator> {
    /** The provider. */
    public HandleTime() {
      super(HandleTimeAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link OutcomeAccumulator}. */
  public static final class Outcome extends Delegate<OutcomeAccumulator> {
    /** The provider. */
    public Outcome() {
      super(OutcomeAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link ServiceLevelAccumulator}. */
  public static final class ServiceLevel extends Delegate<ServiceLevelAccumulator> {
    /** The provider. */
    public ServiceLevel() {
      super(ServiceLevelAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link PercentileAccumulator}. */
  public static final class Percentile extends Delegate<PercentileAccumulator> {
    /** The provider. */
    public Percentile() {
      super(PercentileAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link DrillDownSample}. */
  public static final class DrillDown extends Delegate<DrillDownSample> {
    /** The provider. */
    public DrillDown() {
      super(DrillDownSample.snapshotCodec());
    }
  }

  /** The codec of {@link AgentTimeAccumulator}. */
  public static final class AgentTime extends Delegate<AgentTimeAccumulator> {
    /** The provider. */
    public AgentTime() {
      super(AgentTimeAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link CostAccumulator}. */
  public static final class Cost extends Delegate<CostAccumulator> {
    /** The provider. */
    public Cost() {
      super(CostAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link BacklogAccumulator}. */
  public static final class Backlog extends Delegate<BacklogAccumulator> {
    /** The provider. */
    public Backlog() {
      super(BacklogAccumulator.snapshotCodec());
    }
  }

  /** The codec of {@link ProductivityAccumulator}. */
  public static final class Productivity extends Delegate<ProductivityAccumulator> {
    /** The provider. */
    public Productivity() {
      super(ProductivityAccumulator.snapshotCodec());
    }
  }
}
