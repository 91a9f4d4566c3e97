package dev.servicekit.sla.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of {@link WorkRouter#forecast}: for every waiting, assigned and expected item, who
 * takes it, when, and whether and when it breaches, if nothing else changes. Lines are in the order
 * items are (or were) started, those started at one instant in decision order, then the items
 * nobody takes within the horizon, by id.
 *
 * <p>An item breaches at its deadline when its service point (start or finish) falls after the
 * deadline and the deadline is before the end of the horizon, or when it is not served by the end
 * of the horizon and its deadline falls inside it: a breach after the horizon is not predicted,
 * even for an item started inside it. Items without a deadline never breach; paused items are left
 * out, assigned ones included.
 *
 * <p>Immutable and thread-safe.
 *
 * @param from the forecast start
 * @param until the end of the horizon
 * @param point what counts as served
 * @param lines one line per item
 */
public record BreachForecast(
    Instant from, Instant until, ServicePoint point, List<ForecastLine> lines) {

  /**
   * Checks the components and copies the list.
   *
   * @throws IllegalArgumentException if {@code until} is not after {@code from}
   */
  public BreachForecast {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(point, "point");
    Objects.requireNonNull(lines, "lines");
    for (int i = 0; i < lines.size(); i++) {
      Objects.requireNonNull(lines.get(i), "lines[" + i + "]");
    }
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("until " + until + " must be after from " + from);
    }
    lines = List.copyOf(lines);
  }

  /**
   * The lines that breach, earliest breach first (then by id).
   *
   * @return the breaching lines
   */
  public List<ForecastLine> breaches() {
    List<ForecastLine> out = new ArrayList<>();
    for (ForecastLine l : lines) {
      if (l.breached()) {
        out.add(l);
      }
    }
    out.sort(
        (a, b) -> {
          int c = a.breachAt().get().compareTo(b.breachAt().get());
          return c != 0 ? c : a.item().id().compareTo(b.item().id());
        });
    return List.copyOf(out);
  }
}
