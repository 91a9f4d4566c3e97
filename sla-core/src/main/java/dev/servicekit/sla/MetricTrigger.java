package dev.servicekit.sla;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What starts, stops, cancels or arms a cycle of a {@link MetricDefinition}: an event kind (the
 * ticket was created, the customer wrote, an agent replied, a call rang, was answered or abandoned)
 * or a change of the ticket's state (a status, tag or attribute value entered or left). A change
 * fires only on the event that makes it: {@code statusEntered("pending")} fires when the ticket
 * moves into {@code pending} from a status that is not listed, not while it stays there.
 *
 * <p>The creation counts as entering the ticket's initial status, its initial tags and its initial
 * attribute values; a {@link TicketEvent.Created} that names a status of its own is then a status
 * change to it at the same instant (so a ticket created solved fires {@link On#SOLVED}).
 *
 * <p>This class is immutable and thread-safe.
 *
 * @param on what fires the trigger
 * @param attribute the attribute key for {@link On#ATTRIBUTE_ENTERED} and {@link
 *     On#ATTRIBUTE_LEFT}, empty for every other kind
 * @param values the statuses, tags or attribute values the trigger is about (any of them); empty
 *     for the kinds that take none, and optional for {@link On#SOLVED} (the solved statuses
 *     entered) and {@link On#REOPENED} (the solved statuses left)
 */
public record MetricTrigger(On on, String attribute, Set<String> values) {

  /** What fires a trigger. */
  public enum On {
    /** The ticket was created (by anyone). */
    CREATED,
    /** The ticket was created by the customer ({@link TicketEvent.Created#byCustomer}). */
    CREATED_BY_CUSTOMER,
    /** A {@link TicketEvent.CustomerMessage}. */
    CUSTOMER_MESSAGE,
    /** A public agent reply written by a person. */
    PUBLIC_REPLY,
    /** An internal note written by a person. */
    INTERNAL_NOTE,
    /** An automated (bot, macro, auto-responder) reply or note. */
    AUTOMATED_REPLY,
    /**
     * An agent reply that counts for this metric: public or notes count, human or automated replies
     * count, each switch from the metric's {@link MetricRule} under the policy in force when the
     * reply is written, else from the set (as for the built-in reply metrics).
     */
    COUNTED_REPLY,
    /** The status moved into one of {@code values} from a status not listed. */
    STATUS_ENTERED,
    /** The status moved out of {@code values} to a status not listed. */
    STATUS_LEFT,
    /**
     * The status moved into a solved status of the set from an unsolved one; if {@code values}
     * lists statuses (solved ones), only into one of them ({@link #solvedInto}).
     */
    SOLVED,
    /**
     * The status moved from a solved status of the set to an unsolved one; if {@code values} lists
     * statuses (solved ones), only from one of them ({@link #reopenedFrom}).
     */
    REOPENED,
    /** One of the tags {@code values} was added. */
    TAG_ADDED,
    /** One of the tags {@code values} was removed. */
    TAG_REMOVED,
    /** The attribute took one of {@code values}, having had none of them (or no value). */
    ATTRIBUTE_ENTERED,
    /** The attribute had one of {@code values} and took a value that is none of them. */
    ATTRIBUTE_LEFT,
    /** A {@link TicketEvent.CallOffered}: a call started ringing. */
    CALL_OFFERED,
    /** A {@link TicketEvent.CallAnswered}: a ringing call was answered. */
    CALL_ANSWERED,
    /** A {@link TicketEvent.CallAbandoned}: a ringing call was abandoned. */
    CALL_ABANDONED
  }

  /**
   * Validates and copies the components.
   *
   * @throws IllegalArgumentException if a key is invalid, or the values or attribute do not fit the
   *     kind
   */
  public MetricTrigger {
    Objects.requireNonNull(on, "on");
    Objects.requireNonNull(attribute, "attribute");
    values = Keys.requireKeys(values, "trigger " + name(on) + " values");
    requireAttribute(on, attribute);
    requireValueCount(on, values);
  }

  /**
   * The attribute's rule: a key for the attribute kinds, empty for the others; apart so that a
   * reader can locate a refusal at the attribute's field.
   */
  static void requireAttribute(On on, String attribute) {
    if (on == On.ATTRIBUTE_ENTERED || on == On.ATTRIBUTE_LEFT) {
      Keys.requireKey(attribute, "trigger " + name(on) + " attribute");
    } else if (!attribute.isEmpty()) {
      throw new IllegalArgumentException(
          "trigger " + name(on) + " takes no attribute, got '" + attribute + "'");
    }
  }

  /**
   * The values' rule: some for the status, tag and attribute kinds, none for the others but solved
   * and reopened (which may list some); apart so that a reader can locate a refusal at the values'
   * field.
   */
  static void requireValueCount(On on, Set<String> values) {
    boolean hasValues =
        on == On.ATTRIBUTE_ENTERED
            || on == On.ATTRIBUTE_LEFT
            || on == On.STATUS_ENTERED
            || on == On.STATUS_LEFT
            || on == On.TAG_ADDED
            || on == On.TAG_REMOVED;
    if (hasValues && values.isEmpty()) {
      throw new IllegalArgumentException("trigger " + name(on) + " lists no value");
    }
    if (!hasValues && on != On.SOLVED && on != On.REOPENED && !values.isEmpty()) {
      throw new IllegalArgumentException("trigger " + name(on) + " takes no values");
    }
  }

  /**
   * Returns whether the trigger names values (statuses, tags or attribute values).
   *
   * @param on the kind
   * @return true for the status, tag and attribute kinds
   */
  public static boolean takesValues(On on) {
    return switch (on) {
      case STATUS_ENTERED, STATUS_LEFT, TAG_ADDED, TAG_REMOVED, ATTRIBUTE_ENTERED, ATTRIBUTE_LEFT ->
          true;
      default -> false;
    };
  }

  /**
   * The ticket was created.
   *
   * @return the trigger
   */
  public static MetricTrigger created() {
    return of(On.CREATED);
  }

  /**
   * The ticket was created by the customer.
   *
   * @return the trigger
   */
  public static MetricTrigger createdByCustomer() {
    return of(On.CREATED_BY_CUSTOMER);
  }

  /**
   * The customer wrote.
   *
   * @return the trigger
   */
  public static MetricTrigger customerMessage() {
    return of(On.CUSTOMER_MESSAGE);
  }

  /**
   * A public reply written by a person.
   *
   * @return the trigger
   */
  public static MetricTrigger publicReply() {
    return of(On.PUBLIC_REPLY);
  }

  /**
   * An internal note written by a person.
   *
   * @return the trigger
   */
  public static MetricTrigger internalNote() {
    return of(On.INTERNAL_NOTE);
  }

  /**
   * An automated reply or note.
   *
   * @return the trigger
   */
  public static MetricTrigger automatedReply() {
    return of(On.AUTOMATED_REPLY);
  }

  /**
   * An agent reply that counts for the metric (see {@link On#COUNTED_REPLY}).
   *
   * @return the trigger
   */
  public static MetricTrigger countedReply() {
    return of(On.COUNTED_REPLY);
  }

  /**
   * The ticket was solved.
   *
   * @return the trigger
   */
  public static MetricTrigger solved() {
    return of(On.SOLVED);
  }

  /**
   * The status moved from an unsolved status into one of {@code statuses}, solved statuses of the
   * set (the set refuses any other): {@link #solved()} narrowed, e.g. to tell a solve that meets a
   * cycle from one into a cancelled status that cancels it.
   *
   * @param statuses the solved statuses, at least one
   * @return the trigger
   * @throws IllegalArgumentException if no status is given, one is not a key or is listed twice
   */
  public static MetricTrigger solvedInto(String... statuses) {
    Set<String> v = distinct(On.SOLVED, "status", statuses);
    if (v.isEmpty()) {
      throw new IllegalArgumentException("trigger solved lists no status: use solved() for any");
    }
    return new MetricTrigger(On.SOLVED, "", v);
  }

  /**
   * A solved ticket was reopened: the status moved from any solved status of the set (cancelled
   * ones included) to an unsolved one.
   *
   * @return the trigger
   */
  public static MetricTrigger reopened() {
    return of(On.REOPENED);
  }

  /**
   * The status moved from one of {@code statuses}, solved statuses of the set (the set refuses any
   * other), to an unsolved status: {@link #reopened()} narrowed, the counterpart of {@link
   * #solvedInto}, e.g. to tell a reopen from a cancelled status ({@code canceled}, {@code merged})
   * from a reopen from one that met the cycle. A move between two solved statuses is no reopen and
   * fires neither.
   *
   * @param statuses the solved statuses left, at least one
   * @return the trigger
   * @throws IllegalArgumentException if no status is given, one is not a key or is listed twice
   */
  public static MetricTrigger reopenedFrom(String... statuses) {
    Set<String> v = distinct(On.REOPENED, "status", statuses);
    if (v.isEmpty()) {
      throw new IllegalArgumentException(
          "trigger reopened lists no status: use reopened() for any");
    }
    return new MetricTrigger(On.REOPENED, "", v);
  }

  /**
   * A call started ringing.
   *
   * @return the trigger
   */
  public static MetricTrigger callOffered() {
    return of(On.CALL_OFFERED);
  }

  /**
   * A ringing call was answered.
   *
   * @return the trigger
   */
  public static MetricTrigger callAnswered() {
    return of(On.CALL_ANSWERED);
  }

  /**
   * A ringing call was abandoned.
   *
   * @return the trigger
   */
  public static MetricTrigger callAbandoned() {
    return of(On.CALL_ABANDONED);
  }

  /**
   * The status moved into one of {@code statuses} from a status outside them (or the ticket was
   * created in one): it fires on entering the set, so a move from one listed status to another
   * fires nothing; give one trigger per status to catch every move.
   *
   * @param statuses status keys
   * @return the trigger
   * @throws IllegalArgumentException if a value is not a key or is listed twice
   */
  public static MetricTrigger statusEntered(String... statuses) {
    return new MetricTrigger(
        On.STATUS_ENTERED, "", distinct(On.STATUS_ENTERED, "status", statuses));
  }

  /**
   * The status moved out of {@code statuses} to a status outside them: it fires on leaving the set,
   * so a move from one listed status to another fires nothing; give one trigger per status to catch
   * every move.
   *
   * @param statuses status keys
   * @return the trigger
   * @throws IllegalArgumentException if a value is not a key or is listed twice
   */
  public static MetricTrigger statusLeft(String... statuses) {
    return new MetricTrigger(On.STATUS_LEFT, "", distinct(On.STATUS_LEFT, "status", statuses));
  }

  /**
   * One of {@code tags} was added.
   *
   * @param tags tag keys
   * @return the trigger
   * @throws IllegalArgumentException if a value is not a key or is listed twice
   */
  public static MetricTrigger tagAdded(String... tags) {
    return new MetricTrigger(On.TAG_ADDED, "", distinct(On.TAG_ADDED, "tag", tags));
  }

  /**
   * One of {@code tags} was removed.
   *
   * @param tags tag keys
   * @return the trigger
   * @throws IllegalArgumentException if a value is not a key or is listed twice
   */
  public static MetricTrigger tagRemoved(String... tags) {
    return new MetricTrigger(On.TAG_REMOVED, "", distinct(On.TAG_REMOVED, "tag", tags));
  }

  /**
   * The attribute took one of {@code values} while it had none of them (or no value): a move from
   * one listed value to another fires nothing, so give one trigger per value to catch every move.
   *
   * @param attribute attribute key
   * @param values attribute values
   * @return the trigger
   * @throws IllegalArgumentException if a value is not a key or is listed twice
   */
  public static MetricTrigger attributeEntered(String attribute, String... values) {
    return new MetricTrigger(
        On.ATTRIBUTE_ENTERED, attribute, distinct(On.ATTRIBUTE_ENTERED, "value", values));
  }

  /**
   * The attribute had one of {@code values} and took a value that is none of them: a move from one
   * listed value to another fires nothing, so give one trigger per value to catch every move.
   *
   * @param attribute attribute key
   * @param values attribute values
   * @return the trigger
   * @throws IllegalArgumentException if a value is not a key or is listed twice
   */
  public static MetricTrigger attributeLeft(String attribute, String... values) {
    return new MetricTrigger(
        On.ATTRIBUTE_LEFT, attribute, distinct(On.ATTRIBUTE_LEFT, "value", values));
  }

  /** The values of a factory's varargs, each a key, none listed twice. */
  private static Set<String> distinct(On on, String what, String... values) {
    Objects.requireNonNull(values, "values");
    return Keys.requireDistinctKeys(
        java.util.Arrays.asList(values), Set.of(), "trigger " + name(on) + " values", what);
  }

  /**
   * A trigger of a kind that takes no values.
   *
   * @param on the kind
   * @return the trigger
   * @throws IllegalArgumentException if the kind needs values
   */
  public static MetricTrigger of(On on) {
    return new MetricTrigger(on, "", Set.of());
  }

  /**
   * Parses a kind from its JSON name, e.g. {@code status_entered}.
   *
   * @param text the name, in any ASCII letter case
   * @return the kind
   * @throws IllegalArgumentException if no kind has that name, naming the expected ones
   */
  public static On parseOn(String text) {
    Objects.requireNonNull(text, "text");
    for (On o : On.values()) {
      // ASCII case only: equalsIgnoreCase reads "publıc_reply" (dotless i) as public_reply
      if (dev.servicekit.sla.internal.JsonInput.asciiUpperCase(name(o))
          .equals(dev.servicekit.sla.internal.JsonInput.asciiUpperCase(text))) {
        return o;
      }
    }
    List<String> names = new java.util.ArrayList<>();
    for (On o : On.values()) {
      names.add(name(o));
    }
    throw new IllegalArgumentException(
        "trigger "
            + dev.servicekit.sla.internal.Excerpt.of(text)
            + " is unknown: expected one of "
            + names);
  }

  /**
   * Returns the JSON name of a kind, e.g. {@code status_entered}.
   *
   * @param on the kind
   * @return the lower-case name
   */
  public static String name(On on) {
    return on.name().toLowerCase(Locale.ROOT);
  }

  /** Returns e.g. {@code status_entered[pending]} or {@code attribute_left(type)[incident]}. */
  @Override
  public String toString() {
    return name(on)
        + (attribute.isEmpty() ? "" : "(" + attribute + ")")
        + (values.isEmpty() ? "" : new java.util.TreeSet<>(values).toString());
  }
}
