package dev.servicekit.kpi.staffing;

import static dev.servicekit.kpi.staffing.internal.Durations.seconds;

import dev.servicekit.kpi.ServiceLevelVariant;
import dev.servicekit.kpi.staffing.internal.Durations;
import dev.servicekit.kpi.staffing.internal.QueueMath;
import java.time.Duration;
import java.util.Objects;

/**
 * Erlang A staffing math (Palm's M/M/N+M: Poisson arrivals at rate λ, exponential handle times with
 * rate μ = 1/AHT, N agents, and each waiting caller abandons after an exponential patience with
 * mean {@code 1/θ}). Unlike Erlang C, any {@code N >= 1} gives a stable queue, including {@code N
 * <= traffic}.
 *
 * <p>Formulas (Mandelbaum and Zeltyn, "The M/M/n+G queue: summary of performance measures", 2009;
 * Garnett, Mandelbaum and Reiman, "Designing a call center with impatient customers", MSOM 2002),
 * with {@code x = Nμ/θ}, {@code y = λ/θ}, {@code ρ = λ/(Nμ)}, Erlang B {@code E = B(N, λ/μ)} and
 * {@code A(x, y) = x e^y y^-x γ(x, y)} (γ the lower incomplete gamma function):
 *
 * <ul>
 *   <li>{@code P(wait) = A E / (1 + (A - 1) E)};
 *   <li>{@code P(abandon | wait) = 1 + 1/(ρ A) - 1/ρ}, {@code P(abandon) = P(abandon | wait)
 *       P(wait)};
 *   <li>service level = fraction of <em>all</em> arrivals answered within T (abandoners count as
 *       not answered, whenever they leave): {@code 1 - P(wait) + P(wait) (x/y) (P(x+1, y) - P(x+1,
 *       y e^{-θT})) / P(x, y)} with P the regularized lower incomplete gamma function (derived from
 *       the fact that, given a wait, {@code e^{-θV}} of the offered wait V has density {@code x
 *       u^{x-1} e^{y(1-u)} / A(x, y)} on (0, 1));
 *   <li>ASA = mean wait of answered contacts (those answered at once included), Mandelbaum and
 *       Zeltyn's {@code E[W | served]}; average wait = mean time in queue over all arrivals =
 *       {@code P(abandon)/θ} (what some calculators, pyworkforce's among them, report under the
 *       name average speed of answer);
 *   <li>occupancy = carried load per agent, {@code λ(1 - P(abandon)) / (Nμ)};
 *   <li>the service level as an ACD computes it under each {@link
 *       dev.servicekit.kpi.ServiceLevelVariant} (abandons within the threshold or the short-abandon
 *       time counted as met or left out): {@link #serviceLevel(Workload, Duration, int, Duration,
 *       Duration, dev.servicekit.kpi.ServiceLevelVariant)}.
 * </ul>
 *
 * <p>As the patience grows to infinity these converge to the {@link ErlangC} values (for N above
 * the traffic). The ratio of patience to AHT is limited to {@value #MAX_PATIENCE_RATIO} and traffic
 * to {@value ErlangC#MAX_TRAFFIC_ERLANGS} Erlangs so every call finishes in bounded time. Stateless
 * and thread-safe.
 */
public final class ErlangA {

  /** Largest accepted ratio of average patience to average handle time. */
  public static final double MAX_PATIENCE_RATIO = 1_000_000;

  private ErlangA() {}

  /**
   * Erlang A metrics for {@code agents} agents. O(sqrt(x + y)) with {@code x = N patience / AHT},
   * {@code y = A patience / AHT} (at least O(sqrt N)): Erlang B, incomplete gamma series or
   * continued fractions, and a series for the ASA summed outward from its largest term.
   *
   * @param workload the offered work
   * @param averagePatience the mean patience of waiting callers, {@code > 0}
   * @param agents the agents answering, {@code >= 1} and {@code <= ErlangC.MAX_AGENTS}; 0 for a
   *     workload of no traffic, as {@link #requiredAgents} reports it (service level 1, occupancy
   *     0)
   * @param answerWithin the service-level threshold, {@code >= 0}
   * @return the metrics
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static ErlangAResult evaluate(
      Workload workload, Duration averagePatience, int agents, Duration answerWithin) {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(answerWithin, "answerWithin");
    if (answerWithin.isNegative()) {
      throw new IllegalArgumentException("answerWithin " + answerWithin + " must be >= 0");
    }
    double p = patienceRatio(workload, averagePatience);
    double a = ErlangC.checkedTraffic(workload);
    // 0 agents only for no traffic, as requiredAgents reports it (service level 1, occupancy 0)
    if (agents < (a == 0 ? 0 : 1) || agents > ErlangC.MAX_AGENTS) {
      throw new IllegalArgumentException(
          "agents " + agents + " must be in [1, " + ErlangC.MAX_AGENTS + "]");
    }
    return metrics(agents, a, p, workload, averagePatience, answerWithin);
  }

  /**
   * The fewest agents meeting {@code target}: the smallest {@code N >= 1} with service level {@code
   * >= target.serviceLevel()} and occupancy {@code <= target.maxOccupancy()}, plus shrinkage. Zero
   * traffic needs zero agents.
   *
   * <p>Both conditions are monotone in N, so the answer is found by doubling from {@code ceil(A)}
   * then bisection: O(log N) evaluations (see {@link #evaluate}). The property tests check
   * minimality (N - 1 fails the target).
   *
   * @param workload the offered work
   * @param averagePatience the mean patience, {@code > 0}
   * @param target the service level, occupancy cap and shrinkage
   * @return the requirement with metrics at the required N
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static StaffingRequirement<ErlangAResult> requiredAgents(
      Workload workload, Duration averagePatience, StaffingTarget target) {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(target, "target");
    double p = patienceRatio(workload, averagePatience);
    double a = ErlangC.checkedTraffic(workload);
    Duration within = target.answerWithin();
    if (a == 0) {
      return StaffingRequirement.of(
          metrics(0, a, p, workload, averagePatience, within), target.shrinkage());
    }
    int lo = 0; // fails: no agents answer nothing
    int hi = Math.max(1, (int) Math.ceil(a));
    ErlangAResult atHi = metrics(hi, a, p, workload, averagePatience, within);
    while (!meets(atHi, target)) {
      lo = hi;
      if (hi >= ErlangC.MAX_AGENTS) {
        // name the part of the target that is out of reach, as ErlangC does for maxOccupancy
        String part =
            atHi.occupancy() > target.maxOccupancy()
                ? "maxOccupancy " + target.maxOccupancy() + " (occupancy " + atHi.occupancy() + ")"
                : "serviceLevel "
                    + target.serviceLevel()
                    + " (service level "
                    + atHi.serviceLevel()
                    + ")";
        throw new IllegalArgumentException(
            part
                + " at "
                + ErlangC.MAX_AGENTS
                + " agents: target "
                + target
                + " needs more than "
                + ErlangC.MAX_AGENTS
                + " agents");
      }
      hi = (int) Math.min(ErlangC.MAX_AGENTS, 2L * hi);
      atHi = metrics(hi, a, p, workload, averagePatience, within);
    }
    while (hi - lo > 1) {
      int mid = lo + (hi - lo) / 2;
      ErlangAResult atMid = metrics(mid, a, p, workload, averagePatience, within);
      if (meets(atMid, target)) {
        hi = mid;
        atHi = atMid;
      } else {
        lo = mid;
      }
    }
    return StaffingRequirement.of(atHi, target.shrinkage());
  }

  /**
   * The service level {@code agents} agents give as an ACD computes it under {@code variant}, the
   * forecast to set beside a measured {@link
   * dev.servicekit.kpi.ServiceLevelResult#serviceLevelPercent serviceLevelPercent(variant)}
   * (divided by 100) of a {@link dev.servicekit.kpi.ServiceLevelPolicy} with the same threshold and
   * short-abandon time. {@link ErlangAResult#serviceLevel()} counts every abandoner as not answered
   * ({@link ServiceLevelVariant#ABANDONS_COUNT_AS_MISSED}); the other variants add or leave out the
   * callers who abandon with a wait {@code <=} {@code answerWithin} or {@code shortAbandon}, as
   * {@link ServiceLevelVariant} defines them. With {@code AT} the fraction of arrivals answered
   * within {@code answerWithin}, {@code AB} those that abandon and {@code AB(s)} those that abandon
   * within a time {@code s}: {@code AT}, {@code AT / (1 - AB)}, {@code AT + AB(T)}, {@code AT / (1
   * - AB(T))}, {@code AT + AB(S)}, {@code AT / (1 - AB(S))}. A waiting caller abandons within
   * {@code s} when its patience runs out before both {@code s} and its offered wait V: {@code
   * P(abandon within s | wait) = 1 - P(served within s | wait) - e^{-s θ} P(V > s | wait)}.
   *
   * <p>O(sqrt(x + y)) as {@link #evaluate}, at most three times.
   *
   * @param workload the offered work
   * @param averagePatience the mean patience of waiting callers, {@code > 0}
   * @param agents the agents answering, as {@link #evaluate} takes them
   * @param answerWithin the service-level threshold T, {@code >= 0}
   * @param shortAbandon the short-abandon time S, {@code 0 <= S <= T} (used by the {@code
   *     SHORT_ABANDONS_*} variants only)
   * @param variant how abandoned calls count
   * @return the service level in [0, 1]; 1 for a workload of no traffic
   * @throws IllegalArgumentException if an argument is out of range, as for {@link #evaluate}, or
   *     {@code shortAbandon} is negative or above {@code answerWithin}
   */
  public static double serviceLevel(
      Workload workload,
      Duration averagePatience,
      int agents,
      Duration answerWithin,
      Duration shortAbandon,
      ServiceLevelVariant variant) {
    Objects.requireNonNull(shortAbandon, "shortAbandon");
    Objects.requireNonNull(variant, "variant");
    ErlangAResult r = evaluate(workload, averagePatience, agents, answerWithin);
    if (shortAbandon.isNegative() || shortAbandon.compareTo(answerWithin) > 0) {
      throw new IllegalArgumentException(
          "shortAbandon "
              + shortAbandon
              + " must be >= 0 and <= answerWithin "
              + answerWithin
              + " (a short abandon is within the threshold)");
    }
    if (r.trafficErlangs() == 0) {
      return 1;
    }
    double at = r.serviceLevel();
    double level =
        switch (variant) {
          case ABANDONS_COUNT_AS_MISSED -> at;
          case ABANDONS_IGNORED -> at / (1 - r.probabilityOfAbandonment());
          case ABANDONS_WITHIN_THRESHOLD_MET ->
              at + abandonedWithin(workload, averagePatience, agents, answerWithin);
          case ABANDONS_WITHIN_THRESHOLD_EXCLUDED ->
              at / (1 - abandonedWithin(workload, averagePatience, agents, answerWithin));
          case SHORT_ABANDONS_MET ->
              at + abandonedWithin(workload, averagePatience, agents, shortAbandon);
          case SHORT_ABANDONS_EXCLUDED ->
              at / (1 - abandonedWithin(workload, averagePatience, agents, shortAbandon));
        };
    return Math.max(0, Math.min(1, level));
  }

  /** The fraction of all arrivals that abandon with a wait {@code <= within} (traffic > 0). */
  private static double abandonedWithin(
      Workload workload, Duration patience, int n, Duration within) {
    double aht = seconds(workload.averageHandleTime());
    double p = seconds(patience) / aht;
    double a = workload.trafficErlangs();
    double t = seconds(within) / aht;
    double[] q = QueueMath.erlangA(n, a, p, t);
    double beyond = QueueMath.erlangAOfferedWaitBeyond(n, a, p, t);
    double givenWait = 1 - q[2] - Math.exp(-t / p) * beyond;
    return q[0] * Math.max(0, Math.min(q[1], givenWait));
  }

  private static boolean meets(ErlangAResult r, StaffingTarget target) {
    return r.serviceLevel() >= target.serviceLevel() && r.occupancy() <= target.maxOccupancy();
  }

  private static double patienceRatio(Workload workload, Duration averagePatience) {
    Objects.requireNonNull(averagePatience, "averagePatience");
    if (averagePatience.isNegative() || averagePatience.isZero()) {
      throw new IllegalArgumentException("averagePatience " + averagePatience + " must be > 0");
    }
    double p = seconds(averagePatience) / seconds(workload.averageHandleTime());
    if (!(p <= MAX_PATIENCE_RATIO)) {
      throw new IllegalArgumentException(
          "averagePatience "
              + averagePatience
              + " must be at most "
              + MAX_PATIENCE_RATIO
              + " times averageHandleTime "
              + workload.averageHandleTime());
    }
    return p;
  }

  private static ErlangAResult metrics(
      int n, double a, double p, Workload workload, Duration patience, Duration within) {
    double aht = seconds(workload.averageHandleTime());
    if (a == 0) {
      return new ErlangAResult(n, 0, patience, 0, 0, 0, 1, within, Duration.ZERO, Duration.ZERO, 0);
    }
    double[] q = QueueMath.erlangA(n, a, p, seconds(within) / aht);
    double pWait = q[0];
    double pAbandonGivenWait = q[1];
    double pAbandon = pWait * pAbandonGivenWait;
    double sl = Math.max(0, Math.min(1, 1 - pWait + pWait * q[2]));
    double served = 1 - pAbandon;
    // E[wait; served] = P(wait) E[V 1{served} | wait] (AHT units); ASA divides by P(served).
    double asa = served > 0 ? pWait * q[3] * aht / served : 0;
    double averageWait = pAbandon * p * aht;
    double occupancy = Math.min(1, a * served / n);
    return new ErlangAResult(
        n,
        a,
        patience,
        pWait,
        pAbandon,
        pAbandonGivenWait,
        sl,
        within,
        Durations.ofSeconds(asa),
        Durations.ofSeconds(averageWait),
        occupancy);
  }
}
