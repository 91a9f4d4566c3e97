package dev.servicekit.integrations.flink.internal;

import dev.servicekit.integrations.flink.FlinkKpiWindows;
import dev.servicekit.integrations.flink.KpiWindow;
import dev.servicekit.integrations.flink.RevisedObservation;
import dev.servicekit.integrations.flink.ServicekitTypes;
import dev.servicekit.kpi.DurationAccumulator;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaTransition;
import java.time.Instant;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The values written in the format of servicekit before length-prefixed strings (the fixtures in
 * {@code src/test/resources/legacy-format} were written by that code, at commit f8af1d1), and a
 * function that keeps one of each type in keyed state.
 *
 * <p>{@code keeper-state.snapshot} was written again by the code at f8af1d1 (a heap backend
 * checkpoint of {@link Keeper}'s state after the three {@link #observations()}, as {@code
 * OperatorSnapshotUtil.writeStateHandle} writes it) when a transition's ticket id began to follow
 * the id rule: the first fixture kept the observation's id as the ticket id, and a blank one
 * ({@code ""}) no longer makes a transition. The Keeper's ticket id is now derived from the
 * observation id ({@code "T-"} and the hex of its hash), in that code and here alike.
 *
 * <p>It was written a third time by the code at f8af1d1 when a transition's key began to follow the
 * key rule in the constructor too: the second fixture kept the observation's group as the key, and
 * {@code "équipe \u0000 €"} (a NUL) is no key. The Keeper's key is now derived from the group
 * (empty for an empty group, else {@code "call-"} and the hex of its hash). The second fixture is
 * kept as {@code keeper-state-free-key.snapshot}: state of an earlier build holding a transition
 * whose key breaks the rule, which a restore refuses with a message naming the key and the rule.
 */
final class LegacyFormat {

  static final Instant AT = Instant.parse("2026-03-02T10:15:30.123456789Z");

  private LegacyFormat() {}

  static List<RevisedObservation> observations() {
    return List.of(
        new RevisedObservation("team-a", "resp-1", 3, 4, AT),
        new RevisedObservation("", "", Long.MIN_VALUE, Integer.MIN_VALUE, Instant.EPOCH),
        new RevisedObservation("équipe \u0000 €", "id-\uD83D\uDE00", Long.MAX_VALUE, 5, AT));
  }

  /**
   * The transitions of the fixtures {@code sla-transition.0}, ... that still restore. The old code
   * also wrote {@code sla-transition.1}, ticket {@code "T-\u00e9\u0000"} (answer time, cycle 7, key
   * {@code "call-9"}, breached at {@code AT + 60 s}, 75 %): its ticket id breaks the id rule, so it
   * is now refused on restore ({@link #REFUSED_TRANSITION}).
   */
  static List<SlaTransition> transitions() {
    return List.of(
        new SlaTransition(
            "T-1", SlaMetric.firstResponse(), 1, "", SlaTransition.Kind.STARTED, AT, 0));
  }

  /** The fixture of an old transition whose ticket id breaks the id rule (a NUL char). */
  static final String REFUSED_TRANSITION = "sla-transition.1";

  static KpiWindow<DurationAccumulator> window(String group) {
    DurationAccumulator acc = DurationAccumulator.create();
    acc.addMillis(1_500);
    acc.addMillis(90_000);
    return new KpiWindow<>(group, AT, AT.plusSeconds(3_600), acc, 2);
  }

  static TypeInformation<KpiWindow<DurationAccumulator>> windowType() {
    return FlinkKpiWindows.windows(DurationAccumulator.class);
  }

  /**
   * Keeps the last observation, a transition and a window of its group in keyed state, in the
   * current format, or with the kept old-format serializers if {@code legacy} (as the old code
   * did).
   */
  static final class Keeper extends KeyedProcessFunction<String, RevisedObservation, String> {
    private static final long serialVersionUID = 1L;
    private final boolean legacy;
    private transient ValueState<RevisedObservation> last;
    private transient ValueState<SlaTransition> transition;
    private transient ValueState<KpiWindow<DurationAccumulator>> window;

    Keeper() {
      this(false);
    }

    Keeper(boolean legacy) {
      this.legacy = legacy;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void open(OpenContext context) {
      TypeInformation<KpiWindow<DurationAccumulator>> windows =
          legacy
              ? new SimpleTypeInfo<>(
                  (Class<KpiWindow<DurationAccumulator>>) (Class<?>) KpiWindow.class,
                  new KpiWindowSerializer<>(DurationAccumulator.class, true))
              : windowType();
      last =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>(
                      "last",
                      legacy
                          ? new SimpleTypeInfo<>(
                              RevisedObservation.class, RevisedObservationSerializer.LEGACY)
                          : FlinkKpiWindows.revisedObservations()));
      transition =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>(
                      "transition",
                      legacy
                          ? new SimpleTypeInfo<>(
                              SlaTransition.class, SlaTransitionSerializer.LEGACY)
                          : ServicekitTypes.slaTransitions()));
      window = getRuntimeContext().getState(new ValueStateDescriptor<>("window", windows));
    }

    @Override
    public void processElement(RevisedObservation o, Context ctx, Collector<String> out)
        throws Exception {
      out.collect(String.valueOf(last.value()));
      out.collect(String.valueOf(transition.value()));
      out.collect(line(window.value()));
      last.update(o);
      transition.update(transition(o));
      window.update(window(o.group()));
    }

    /**
     * The transition kept for {@code o}: its ticket id follows the id rule and its key the key
     * rule, whatever the observation's id and group (text of any length and chars).
     */
    static SlaTransition transition(RevisedObservation o) {
      return new SlaTransition(
          "T-" + Integer.toHexString(o.id().hashCode()),
          SlaMetric.resolution(),
          1,
          key(o.group()),
          SlaTransition.Kind.PAUSED,
          o.at(),
          0,
          java.util.Optional.empty(),
          // the state of its kind: what an old format's transition restores with
          java.util.Optional.of(dev.servicekit.sla.CycleState.PAUSED));
    }

    /** The key of a group's transition: empty for the empty group, else a key of its hash. */
    static String key(String group) {
      return group.isEmpty() ? "" : "call-" + Integer.toHexString(group.hashCode());
    }

    static String line(KpiWindow<DurationAccumulator> w) {
      return w == null
          ? "null"
          : w.group()
              + "|"
              + w.start()
              + "|"
              + w.end()
              + "|"
              + w.stale()
              + "|"
              + w.accumulator().result();
    }
  }
}
