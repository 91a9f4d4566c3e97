package dev.servicekit.integrations.flink.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.servicekit.integrations.flink.internal.HostileSerializers.SnapshotSubject;
import dev.servicekit.integrations.flink.internal.HostileSerializers.Subject;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzz tests (Jazzer) of the module's Flink serializers, one target per serializer,
 * each with its snapshot, and of the SLA clock function's reported state ({@link #reportedState}).
 * The first byte of an input picks what it is: even, a record read by {@code deserialize} and
 * {@code copy} in every format the serializer reads (and, for KPI accumulators and windows, again
 * with the accumulator's checksum resealed, so the bytes reach its fields); odd, a snapshot, whose
 * version is the second byte and payload the rest. The outcomes allowed are those of {@link
 * HostileSerializers}: a value that survives a write and read, or an {@link java.io.IOException} or
 * {@link IllegalArgumentException} with a bounded one-line message, within the per-input timeout.
 *
 * <p>Without {@code JAZZER_FUZZ=1} (the normal build) each method replays its seed and crash inputs
 * from {@code
 * src/test/resources/dev/servicekit/integrations/flink/internal/SerializersFuzzTestInputs/<method>/}.
 * To fuzz one target (in a scratch clone: Jazzer writes its corpus and crash files into the tree):
 * {@code JAZZER_FUZZ=1 ./mvnw -o -pl integrations/flink -am test
 * -Dtest=SerializersFuzzTest#kpiWindow -Dsurefire.failIfNoSpecifiedTests=false
 * -Djunit.jupiter.execution.timeout.mode=disabled}.
 */
@Tag("fuzz") // run in a JVM of their own: see the module's pom
class SerializersFuzzTest {
  /**
   * A hang guard, not a speed bound. JUnit applies it on the wall clock to each replayed input (a
   * fuzzing run hands it to libFuzzer as the per-input timeout instead). The first replayed input
   * of a class also loads the code under test through Jazzer's instrumenting agent: 2.2 to 2.8 s on
   * the shared 2-core machine at load 16 (every other input under 0.6 s), too close to the former
   * ten seconds for a slower CI runner. Two minutes still catch a loop.
   */
  static final long TIMEOUT_SECONDS = 120;

  private static final List<Subject<?>> SUBJECTS = HostileSerializers.subjects();
  private static final List<SnapshotSubject<?>> SNAPSHOTS = HostileSerializers.snapshots();

  private static void fuzz(byte[] input, String serializer, String snapshot) {
    if (input.length == 0) {
      return;
    }
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    if ((input[0] & 1) == 0) {
      for (Subject<?> s : SUBJECTS) {
        if (s.serializer().getClass().getSimpleName().equals(serializer)) {
          HostileSerializers.read(s, rest);
          byte[] resealed = HostileSerializers.resealed(s, rest);
          if (resealed != rest) {
            HostileSerializers.read(s, resealed);
          }
        }
      }
    } else {
      int version = rest.length == 0 ? 0 : rest[0];
      byte[] payload = rest.length == 0 ? rest : Arrays.copyOfRange(rest, 1, rest.length);
      for (SnapshotSubject<?> s : SNAPSHOTS) {
        if (s.name().equals(snapshot)) {
          HostileSerializers.readSnapshot(s, version, payload);
        }
      }
    }
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void ticketEvent(byte[] input) {
    fuzz(input, "TicketEventSerializer", "TicketEventSerializer.Snapshot");
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void slaTransition(byte[] input) {
    fuzz(input, "SlaTransitionSerializer", "SlaTransitionSerializer.Snapshot");
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void revisedObservation(byte[] input) {
    fuzz(input, "RevisedObservationSerializer", "RevisedObservationSerializer.Snapshot");
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void kpiAccumulator(byte[] input) {
    fuzz(input, "KpiAccumulatorSerializer", "KpiAccumulatorSerializer.Snapshot");
  }

  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void kpiWindow(byte[] input) {
    fuzz(input, "KpiWindowSerializer", "KpiWindowSerializer.Snapshot");
  }

  /**
   * The SLA clock function's reported state ({@link Reported#fromBytes}), kept in keyed state as
   * bytes: the whole input is the state, of either version.
   */
  @FuzzTest(maxDuration = "2m")
  @Timeout(value = TIMEOUT_SECONDS, unit = TimeUnit.SECONDS)
  void reportedState(byte[] input) {
    HostileSerializers.readReported(input);
  }
}
