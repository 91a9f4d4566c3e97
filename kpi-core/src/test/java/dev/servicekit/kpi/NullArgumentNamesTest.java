package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every public {@code merge}, {@code add...}, {@code retract...}, {@code plus} and {@code minus} of
 * the accumulators and trackers that takes an object names a null argument: the
 * NullPointerException's message is the parameter's name (as from {@code Objects.requireNonNull(x,
 * "x")}), not the JVM's helpful message ({@code Cannot read field "counts" because "other" is
 * null}), which names a local variable of the implementation, and the call changes nothing.
 * NullSafetyTest only checks that some NullPointerException is thrown.
 */
class NullArgumentNamesTest {

  private static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
  private static final Pattern SCOPE = Pattern.compile("(merge|add|retract|plus|minus)[A-Za-z]*");

  static Stream<Arguments> accumulators() {
    List<Supplier<?>> all =
        List.of(
            () -> RatingAccumulator.create(RatingScale.csatFivePoint()),
            NpsAccumulator::create,
            DurationAccumulator::create,
            HandleTimeAccumulator::create,
            OutcomeAccumulator::create,
            () ->
                ServiceLevelAccumulator.create(
                    ServiceLevelPolicy.of(
                        Duration.ofSeconds(20), Duration.ZERO, Duration.ofSeconds(20))),
            PercentileAccumulator::create,
            () -> DrillDownSample.create(3),
            AgentTimeAccumulator::create,
            CostAccumulator::create,
            BacklogAccumulator::create,
            () -> ProductivityIndex.of(java.util.Map.of("reply", 1.0), 0, 0).newAccumulator(),
            () ->
                WindowedKpi.create(
                    NpsAccumulator::create,
                    WindowSpec.of(WindowUnit.DAY, ZoneId.of("UTC")),
                    Duration.ZERO),
            () -> RevisedValues.create(NpsAccumulator.create()),
            () -> RepeatContactTracker.create(Duration.ofDays(7)),
            () -> ConcurrentAccumulator.create(NpsAccumulator::create));
    List<Arguments> out = new ArrayList<>();
    for (Supplier<?> s : all) {
      Object probe = s.get();
      for (Method m : probe.getClass().getMethods()) {
        if (Modifier.isStatic(m.getModifiers())
            || m.isBridge()
            || m.getDeclaringClass() == Object.class
            || !SCOPE.matcher(m.getName()).matches()) {
          continue;
        }
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
          if (!types[i].isPrimitive()) {
            out.add(
                Arguments.of(
                    probe.getClass().getSimpleName() + "." + m.getName() + "#" + i, s, m, i));
          }
        }
      }
    }
    return out.stream();
  }

  /** A valid argument of each type, so that only the null one can fail. */
  private static Object valid(Class<?> type, Object receiver) {
    if (type == Duration.class) {
      return Duration.ofSeconds(1);
    }
    if (type == String.class) {
      return "reply";
    }
    if (type == Instant.class) {
      return Instant.parse("2026-01-01T00:00:00Z");
    }
    if (type.isEnum()) {
      return type.getEnumConstants()[0];
    }
    if (type == long.class) {
      return 1L;
    }
    if (type == int.class) {
      return 1;
    }
    if (type == double.class) {
      return 1.0;
    }
    if (type == boolean.class) {
      return true;
    }
    if (type.isInstance(receiver)) {
      return null; // never needed: merge-like methods take one argument
    }
    return "k"; // a generic key
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("accumulators")
  void aNullArgumentIsNamed(String label, Supplier<?> factory, Method m, int position)
      throws Exception {
    Object receiver = factory.get();
    Object[] args = new Object[m.getParameterCount()];
    for (int i = 0; i < args.length; i++) {
      args[i] = i == position ? null : valid(m.getParameterTypes()[i], receiver);
    }
    String before = String.valueOf(describe(receiver));
    NullPointerException e =
        assertThrows(
            NullPointerException.class,
            () -> {
              try {
                m.invoke(receiver, args);
              } catch (InvocationTargetException ite) {
                throw ite.getCause();
              }
            },
            label);
    assertNotNull(e.getMessage(), label + ": a null argument must be named");
    assertTrue(
        NAME.matcher(e.getMessage()).matches(),
        () -> label + ": names no parameter but says \"" + e.getMessage() + "\"");
    if (!before.equals(String.valueOf(describe(receiver)))) {
      fail(label + ": a refused null changed the state");
    }
  }

  private static Object describe(Object o) {
    if (o instanceof KpiAccumulator<?, ?> k) {
      return k.result();
    }
    if (o instanceof RevisedValues<?, ?> r) {
      return r.size() + "/" + r.staleCount() + "/" + describe(r.target());
    }
    if (o instanceof WindowedKpi<?, ?> w) {
      @SuppressWarnings("unchecked")
      WindowedKpi<Object, ?> ww = (WindowedKpi<Object, ?>) w;
      return ww.toJson(String::valueOf); // its whole state: no toString of its own
    }
    if (o instanceof RepeatContactTracker<?> t) {
      @SuppressWarnings("unchecked")
      RepeatContactTracker<String> tt = (RepeatContactTracker<String>) t;
      return tt.toJson(KeyCodec.strings());
    }
    if (o instanceof ConcurrentAccumulator<?, ?> c) {
      return c.result();
    }
    return o.toString();
  }
}
