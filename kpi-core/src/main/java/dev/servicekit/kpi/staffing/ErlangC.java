package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.internal.Durations.seconds;

import dev.servicekit.kpi.staffing.internal.Durations;
import dev.servicekit.kpi.staffing.internal.ExactTraffic;
import dev.servicekit.kpi.staffing.internal.QueueMath;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * Erlang C staffing math (M/M/N: Poisson arrivals, exponential handle times, N agents, callers
 * never abandon).
 *
 * <p>With traffic {@code A = calls * AHT / interval} Erlangs and {@code N > A} agents:
 *
 * <ul>
 *   <li>Erlang B by the recursion {@code B(0) = 1, B(k) = A B(k-1) / (k + A B(k-1))} (no
 *       factorials, stable for any A); from N = 64 on, the same value is obtained in O(sqrt N) as
 *       the Poisson ratio {@code pmf(N; A) / cdf(N; A)} through the regularized incomplete gamma
 *       function, and the recursion continues from there;
 *   <li>probability of waiting {@code C = N B(N) / (N - A (1 - B(N)))};
 *   <li>service level {@code SL(T) = 1 - C e^{-(N - A) T / AHT}};
 *   <li>average speed of answer {@code ASA = C AHT / (N - A)};
 *   <li>occupancy {@code A / N}.
 * </ul>
 *
 * <p><b>N &le; A</b>: the queue grows without bound, so there is no steady state and no value of
 * these metrics (over time the probability of waiting tends to 1, the service level to 0 and the
 * ASA to infinity). {@link #evaluate} therefore rejects such N with {@link
 * IllegalArgumentException}, while {@link ErlangA#evaluate} answers every {@code N >= 1}
 * (abandonment keeps its queue stable). This asymmetry is deliberate: a table over N for Erlang C
 * starts at {@link #minimumStableAgents(Workload)}; a table that must cover every N uses Erlang A.
 *
 * <p><b>Occupancy cap</b>: {@code A / N <= maxOccupancy} is decided exactly, with A the exact
 * rational {@code calls * AHT / interval} and the cap read as its shortest decimal (0.83 is
 * 83/100): 83 calls in 1800 s at 180 s AHT are 8.3 Erlangs, which 10 agents carry at exactly the
 * cap of 0.83. Traffic is limited to {@value #MAX_TRAFFIC_ERLANGS} Erlangs and agents to {@value
 * #MAX_AGENTS} so that every call finishes in bounded time. Stateless and thread-safe.
 */
public final class ErlangC {

  /** Largest traffic accepted, in Erlangs. */
  public static final double MAX_TRAFFIC_ERLANGS = 1_000_000;

  /** Largest agent count accepted. */
  public static final int MAX_AGENTS = 10_000_000;

  /** Below the longest {@link Duration}, about 9.22e18 s, as {@link Durations#ofSeconds} takes. */
  private static final double MAX_DURATION_SECONDS = 9.2e18;

  private ErlangC() {}

  /**
   * Erlang C metrics for {@code agents} agents. O(min(agents, sqrt(max(agents, traffic)))).
   *
   * @param workload the offered work
   * @param agents the agents answering, {@code > trafficErlangs} and {@code <= MAX_AGENTS}; 0 for a
   *     workload of no traffic, as {@link #requiredAgents} reports it (service level 1, occupancy
   *     0)
   * @param answerWithin the service-level threshold, {@code >= 0}
   * @return the metrics
   * @throws IllegalArgumentException if {@code agents <= traffic} (unstable queue), an argument is
   *     out of range, or the agents exceed the traffic by so little (a traffic a hair below a whole
   *     number, at a long AHT) that the average speed of answer is longer than a {@link Duration}
   *     holds
   */
  public static ErlangCResult evaluate(Workload workload, int agents, Duration answerWithin) {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(answerWithin, "answerWithin");
    if (answerWithin.isNegative()) {
      throw new IllegalArgumentException("answerWithin " + answerWithin + " must be >= 0");
    }
    double a = checkedTraffic(workload);
    if (agents > MAX_AGENTS) {
      throw new IllegalArgumentException("agents " + agents + " must be <= " + MAX_AGENTS);
    }
    if (agents == 0 && a == 0) { // what requiredAgents reports for no traffic
      return noTraffic(answerWithin);
    }
    if (!(agents > a)) {
      throw new IllegalArgumentException(
          "agents "
              + agents
              + " must exceed the traffic of "
              + a
              + " Erlangs for Erlang C (otherwise the queue grows without bound)");
    }
    return metrics(agents, a, QueueMath.erlangB(agents, a), workload, answerWithin);
  }

  /** The metrics of no traffic at no agents: nothing waits, service level 1, occupancy 0. */
  private static ErlangCResult noTraffic(Duration answerWithin) {
    return new ErlangCResult(0, 0, 0, 1, answerWithin, Duration.ZERO, 0);
  }

  /**
   * The fewest agents for which {@link #evaluate} answers: the smallest {@code N > A}. O(1).
   *
   * @param workload the offered work
   * @return {@code floor(A) + 1}
   * @throws IllegalArgumentException if the traffic exceeds {@link #MAX_TRAFFIC_ERLANGS}
   */
  public static int minimumStableAgents(Workload workload) {
    Objects.requireNonNull(workload, "workload");
    return (int) Math.floor(checkedTraffic(workload)) + 1;
  }

  /**
   * The fewest agents meeting {@code target}: the smallest {@code N > A} with {@code SL(N) >=
   * target.serviceLevel()} and {@code A / N <= target.maxOccupancy()}, plus shrinkage. Zero traffic
   * needs zero agents (reported with service level 1 and occupancy 0).
   *
   * <p>O(sqrt(A) + N - A): Erlang B at {@code floor(A) + 1} (or at the occupancy bound), then the
   * recursion upward one agent at a time; service level is increasing in N, so the first N that
   * meets the target is the minimum.
   *
   * @param workload the offered work
   * @param target the service level, occupancy cap and shrinkage
   * @return the requirement with metrics at the required N
   * @throws IllegalArgumentException if the traffic exceeds {@link #MAX_TRAFFIC_ERLANGS}, or the
   *     required N exceeds the traffic by so little that its average speed of answer is longer than
   *     a {@link Duration} holds (a target of a service level near 0)
   */
  public static StaffingRequirement<ErlangCResult> requiredAgents(
      Workload workload, StaffingTarget target) {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(target, "target");
    double a = checkedTraffic(workload);
    if (a == 0) {
      return StaffingRequirement.of(noTraffic(target.answerWithin()), target.shrinkage());
    }
    int n =
        QueueMath.minimumErlangCAgents(
            a,
            seconds(target.answerWithin()) / seconds(workload.averageHandleTime()),
            target.serviceLevel(),
            target.maxOccupancy() >= 1 ? 1 : minimumForOccupancy(workload, target.maxOccupancy()));
    return StaffingRequirement.of(
        metrics(n, a, QueueMath.erlangB(n, a), workload, target.answerWithin()),
        target.shrinkage());
  }

  /**
   * Smallest n >= 1 with traffic / n <= maxOccupancy, decided exactly on the rational traffic and
   * the decimal cap.
   */
  static int minimumForOccupancy(Workload w, double maxOccupancy) {
    BigInteger n =
        ExactTraffic.minimumAgentsForOccupancy(
            w.calls(), w.averageHandleTime(), w.interval(), maxOccupancy);
    if (n.compareTo(BigInteger.valueOf(MAX_AGENTS)) > 0) {
      throw new IllegalArgumentException(
          "maxOccupancy " + maxOccupancy + " needs more than " + MAX_AGENTS + " agents");
    }
    return n.intValueExact();
  }

  static double checkedTraffic(Workload workload) {
    double a = workload.trafficErlangs();
    if (!(a <= MAX_TRAFFIC_ERLANGS)) {
      throw new IllegalArgumentException(
          "traffic " + a + " Erlangs must be <= " + MAX_TRAFFIC_ERLANGS);
    }
    return a;
  }

  private static ErlangCResult metrics(
      int n, double a, double b, Workload workload, Duration answerWithin) {
    double aht = seconds(workload.averageHandleTime());
    double c = QueueMath.erlangC(n, a, b);
    double sl = QueueMath.erlangCServiceLevel(n, a, c, seconds(answerWithin) / aht);
    double asaSeconds = c * aht / (n - a);
    if (!(asaSeconds < MAX_DURATION_SECONDS)) {
      // N just above A (traffic a hair below a whole number of agents): the wait is finite but
      // longer than a Duration holds; it was an ArithmeticException from the conversion
      throw new IllegalArgumentException(
          "agents "
              + n
              + " exceed the traffic of "
              + a
              + " Erlangs by only "
              + (n - a)
              + ": the average speed of answer, "
              + asaSeconds
              + " s, is longer than a java.time.Duration holds");
    }
    Duration asa = Durations.ofSeconds(asaSeconds);
    return new ErlangCResult(n, a, c, sl, answerWithin, asa, occupancy(workload, n));
  }

  /**
   * {@code calls * AHT / (interval * n)} correctly rounded, as the occupancy cap is decided: {@code
   * a / n} rounds twice (8.3 / 10 is 0.8300000000000001, above a cap of 0.83 it met exactly).
   */
  private static double occupancy(Workload w, int n) {
    return ExactTraffic.erlangs(w.calls(), w.averageHandleTime(), w.interval().multipliedBy(n));
  }
}
