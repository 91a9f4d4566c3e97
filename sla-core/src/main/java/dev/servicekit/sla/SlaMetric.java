package dev.servicekit.sla;

import dev.servicekit.sla.internal.Excerpt;
import java.util.Locale;
import java.util.Objects;

/**
 * A measured SLA metric: one of the fixed {@link Kind kinds}, a named lifecycle stage, or a named
 * metric defined as data ({@link MetricDefinition}, {@link #custom(String)}).
 *
 * <p>The text form ({@link #toString()}) is what {@link #parse(CharSequence)} reads: {@code
 * first_response}, {@code next_response}, {@code periodic_update}, {@code resolution}, {@code
 * answer_time}, {@code stage:<name>} or {@code custom:<name>}.
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param kind the metric kind
 * @param stage the stage name for {@link Kind#STAGE} or the definition name for {@link
 *     Kind#CUSTOM}, empty for every other kind
 */
public record SlaMetric(Kind kind, String stage) {

  /** The kinds of SLA metric. */
  public enum Kind {
    /**
     * From ticket creation (for a ticket created by an agent: from the customer's first message) to
     * the first counted agent reply.
     */
    FIRST_RESPONSE,
    /**
     * From a customer message that follows a counted agent reply or a solve to the next counted
     * agent reply.
     */
    NEXT_RESPONSE,
    /** From one counted agent reply to the next, while the ticket is unsolved. */
    PERIODIC_UPDATE,
    /** From creation to the first solved status; pausable, resumed or restarted on reopen. */
    RESOLUTION,
    /** Time spent in a named lifecycle stage, entered and left by status changes. */
    STAGE,
    /**
     * From a call or chat being offered to it being answered, abandoned or cut off by a solve;
     * unanswered past target = missed (breached), abandoned within it = cancelled.
     */
    ANSWER_TIME,
    /** A metric defined as data by a {@link MetricDefinition} of the policy set. */
    CUSTOM
  }

  private static final SlaMetric FIRST_RESPONSE = new SlaMetric(Kind.FIRST_RESPONSE, "");
  private static final SlaMetric NEXT_RESPONSE = new SlaMetric(Kind.NEXT_RESPONSE, "");
  private static final SlaMetric PERIODIC_UPDATE = new SlaMetric(Kind.PERIODIC_UPDATE, "");
  private static final SlaMetric RESOLUTION = new SlaMetric(Kind.RESOLUTION, "");
  private static final SlaMetric ANSWER_TIME = new SlaMetric(Kind.ANSWER_TIME, "");

  /**
   * Validates the components.
   *
   * @throws IllegalArgumentException if a stage or custom metric has no valid name or another kind
   *     has one
   */
  public SlaMetric {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(stage, "stage");
    if (kind == Kind.STAGE) {
      Keys.requireKey(stage, "stage");
    } else if (kind == Kind.CUSTOM) {
      Keys.requireKey(stage, "metric name");
    } else if (!stage.isEmpty()) {
      throw new IllegalArgumentException(
          "stage '" + stage + "' is only allowed for kind STAGE, not " + kind);
    }
  }

  /**
   * Returns the first-response metric.
   *
   * @return the metric
   */
  public static SlaMetric firstResponse() {
    return FIRST_RESPONSE;
  }

  /**
   * Returns the next-response metric.
   *
   * @return the metric
   */
  public static SlaMetric nextResponse() {
    return NEXT_RESPONSE;
  }

  /**
   * Returns the periodic-update metric.
   *
   * @return the metric
   */
  public static SlaMetric periodicUpdate() {
    return PERIODIC_UPDATE;
  }

  /**
   * Returns the resolution metric.
   *
   * @return the metric
   */
  public static SlaMetric resolution() {
    return RESOLUTION;
  }

  /**
   * Returns the answer-time metric for calls and chats.
   *
   * @return the metric
   */
  public static SlaMetric answerTime() {
    return ANSWER_TIME;
  }

  /**
   * Returns the metric of a named lifecycle stage.
   *
   * @param name the stage name, a valid key (see {@link SlaPolicySet})
   * @return the metric
   * @throws IllegalArgumentException if the name is not a valid key
   */
  public static SlaMetric stage(String name) {
    return new SlaMetric(Kind.STAGE, name);
  }

  /**
   * Returns the metric defined by the {@link MetricDefinition} of that name.
   *
   * @param name the definition name, a valid key
   * @return the metric
   * @throws IllegalArgumentException if the name is not a valid key
   */
  public static SlaMetric custom(String name) {
    return new SlaMetric(Kind.CUSTOM, name);
  }

  /**
   * Returns the name of a stage or custom metric, else the text form.
   *
   * @return the name
   */
  public String name() {
    return stage.isEmpty() ? toString() : stage;
  }

  /**
   * Parses the text form produced by {@link #toString()}.
   *
   * @param text e.g. {@code first_response} or {@code stage:analysis}
   * @return the metric
   * @throws IllegalArgumentException if the text names no metric
   */
  public static SlaMetric parse(CharSequence text) {
    Objects.requireNonNull(text, "text");
    String s = text.toString();
    if (s.startsWith("stage:")) {
      return stage(s.substring("stage:".length()));
    }
    if (s.startsWith("custom:")) {
      return custom(s.substring("custom:".length()));
    }
    for (Kind k : Kind.values()) {
      if (k != Kind.STAGE && k != Kind.CUSTOM && k.name().toLowerCase(Locale.ROOT).equals(s)) {
        return new SlaMetric(k, "");
      }
    }
    throw new IllegalArgumentException(
        "metric "
            + Excerpt.of(s)
            + " is unknown: expected first_response, next_response, periodic_update,"
            + " resolution, answer_time, stage:<name> or custom:<name>");
  }

  /** Returns the text form, e.g. {@code resolution}, {@code stage:analysis} or {@code custom:x}. */
  @Override
  public String toString() {
    return kind == Kind.STAGE || kind == Kind.CUSTOM
        ? TEXT[kind.ordinal()] + stage
        : TEXT[kind.ordinal()];
  }

  /**
   * The length of the text form if {@code s} starts with it, else -1: {@code
   * s.startsWith(toString())} without building the text.
   */
  int textAt(String s) {
    String t = TEXT[kind.ordinal()]; // a stage's or custom metric's prefix, else the whole text
    if (!s.startsWith(t)) {
      return -1;
    }
    if (kind != Kind.STAGE && kind != Kind.CUSTOM) {
      return t.length();
    }
    return s.startsWith(stage, t.length()) ? t.length() + stage.length() : -1;
  }

  // The text of each kind: the whole text form, or the prefix of a stage's or custom metric's.
  private static final String[] TEXT = new String[Kind.values().length];

  static {
    for (Kind k : Kind.values()) {
      TEXT[k.ordinal()] =
          k == Kind.STAGE
              ? "stage:"
              : k == Kind.CUSTOM ? "custom:" : k.name().toLowerCase(Locale.ROOT);
    }
  }
}
