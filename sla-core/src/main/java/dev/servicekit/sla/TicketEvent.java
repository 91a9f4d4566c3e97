package dev.servicekit.sla;

import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.Timeline;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Something that happened to a ticket. Every event carries the ticket id, its own id (events are
 * idempotent by id: the same event twice is applied once, two different events with one id are
 * rejected) and a timestamp. Constructors throw {@link IllegalArgumentException} for an empty or
 * blank id, an id longer than {@link #MAX_ID_CHARS} characters or holding a control character, a
 * line or paragraph separator or a lone surrogate (the same for the ticket id), or a timestamp
 * outside the calendars' supported range {@code [1900-01-01T00:00:00Z, 2300-01-01T00:00:00Z)}.
 *
 * <p>Events are applied in {@link #ORDER}: by timestamp, then by kind (the order in which one CRM
 * update takes effect), then by id, compared as strings. That order is total, so arrival order
 * never changes the result.
 *
 * <p>The kinds are the nested final classes. They are value types (equal when of one kind with
 * equal components, like records), immutable and thread-safe. The common components live in this
 * class, so reading them is a field load instead of a call dispatched over a dozen kinds, which
 * matters on the clock's hot path.
 */
public abstract sealed class TicketEvent implements TicketInput
    permits TicketEvent.Created,
        TicketEvent.CustomerMessage,
        TicketEvent.AgentReply,
        TicketEvent.StatusChanged,
        TicketEvent.PriorityChanged,
        TicketEvent.AttributeChanged,
        TicketEvent.TagsChanged,
        TicketEvent.Assigned,
        TicketEvent.Escalated,
        TicketEvent.CallOffered,
        TicketEvent.CallAnswered,
        TicketEvent.CallAbandoned,
        TicketEvent.AttributeCleared,
        TicketEvent.PriorityCleared {

  /**
   * The order events are applied in: by timestamp; at one instant by kind, in the order a CRM
   * update takes effect ({@link Created}; then attribute, priority and tag changes and clears, so
   * that what follows is measured against the new targets; then status changes; then assignment and
   * escalation; then customer messages; then agent replies; then call offers; then call answers and
   * abandons); then by id, compared as strings ({@link String#compareTo}: {@code "10"} comes before
   * {@code "9"}, so numeric ids that share an instant should be zero-padded to one width). The
   * order is total and depends only on the events, so arrival order never changes the result, and
   * events of one update (say a reply submitted together with "solved" and a new priority) are
   * applied the same way whatever their ids.
   */
  public static final Comparator<TicketEvent> ORDER =
      (a, b) -> {
        int c = a.at.compareTo(b.at);
        if (c != 0) {
          return c;
        }
        c = Integer.compare(a.rank, b.rank);
        return c != 0 ? c : a.id.compareTo(b.id);
      };

  /** The most characters a ticket id or an event id may have. */
  public static final int MAX_ID_CHARS = 256;

  private static final String[] NO_NAMES = {};

  private final String ticketId;
  private final String id;
  private final Instant at;
  private final int rank; // of the kind among events at one instant, as ORDER uses it

  private TicketEvent(String ticketId, String id, Instant at, int rank) {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    if (ticketId.isEmpty()) {
      throw new IllegalArgumentException("ticketId must not be empty");
    }
    Excerpt.requireId(ticketId, "ticketId", MAX_ID_CHARS);
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "event id must not be empty (ticket " + Excerpt.of(ticketId) + ")");
    }
    Excerpt.requireId(id, "event id", MAX_ID_CHARS);
    if (!Timeline.inRange(at.getEpochSecond())) {
      throw new IllegalArgumentException(
          "at "
              + at
              + " of event "
              + Excerpt.of(id)
              + " is outside the supported range ["
              + Timeline.MIN
              + ", "
              + Timeline.MAX
              + ")");
    }
    this.ticketId = ticketId;
    this.id = id;
    this.at = at;
    this.rank = rank;
  }

  /**
   * Returns the ticket the event belongs to.
   *
   * @return ticket id
   */
  @Override
  public final String ticketId() {
    return ticketId;
  }

  /**
   * Returns the event's id, unique within its ticket.
   *
   * @return event id
   */
  public final String id() {
    return id;
  }

  /**
   * Returns when the event happened.
   *
   * @return timestamp
   */
  public final Instant at() {
    return at;
  }

  /** The kind's own components, in declaration order (for equals, hashCode and toString). */
  abstract Object[] components();

  /** The names of {@link #components()}. */
  abstract String[] names();

  /**
   * Equal when of the same kind with equal components.
   *
   * @param o another object
   * @return whether equal
   */
  @Override
  public final boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof TicketEvent e
        && e.getClass() == getClass()
        && e.ticketId.equals(ticketId)
        && e.id.equals(id)
        && e.at.equals(at)
        && Arrays.equals(e.components(), components());
  }

  @Override
  public final int hashCode() {
    return ((ticketId.hashCode() * 31 + id.hashCode()) * 31 + at.hashCode()) * 31
        + Arrays.hashCode(components());
  }

  /**
   * Returns {@code Kind[ticketId=..., id=..., at=..., component=value, ...]}, like a record, with
   * attributes and tags in key order: equal events read the same, however their maps were built
   * (the text is quoted in rejection messages, which both stream engines must word alike).
   */
  @Override
  public final String toString() {
    StringBuilder sb = new StringBuilder(getClass().getSimpleName());
    sb.append("[ticketId=").append(ticketId).append(", id=").append(id).append(", at=").append(at);
    Object[] values = components();
    String[] names = names();
    for (int i = 0; i < values.length; i++) {
      Object v = values[i];
      if (v instanceof Map<?, ?> m && m.size() > 1) {
        v = new java.util.TreeMap<>(m); // Map.copyOf iterates in an order of its own
      } else if (v instanceof Set<?> set && set.size() > 1) {
        v = new java.util.TreeSet<>(set);
      }
      sb.append(", ").append(names[i]).append('=').append(v);
    }
    return sb.append(']').toString();
  }

  /** A reply of the given shape, for readers that decode the flags (JSON, snapshots). */
  static AgentReply reply(
      String ticketId, String id, Instant at, boolean isPublic, boolean automated) {
    return new AgentReply(ticketId, id, at, isPublic, automated);
  }

  /** A creation of the given shape, for readers that decode the flags (JSON, snapshots). */
  static Created created(
      String ticketId,
      String id,
      Instant at,
      Map<String, String> attributes,
      Set<String> tags,
      boolean byAgent,
      String status) {
    return new Created(ticketId, id, at, attributes, tags, byAgent, status);
  }

  /**
   * The ticket was created with initial attributes (e.g. {@code channel}, {@code tier}, {@code
   * severity}), tags and optionally its initial status (else the policy set's initial status).
   * Create one with {@link #byCustomer} or {@link #byAgent}, then {@link #withStatus} if the ticket
   * starts in a status of its own.
   *
   * <p>A ticket created by the customer starts its first-reply cycle at creation. A ticket created
   * by an agent (an outbound message, a phone call logged by the agent) has nothing to reply to
   * yet: its first-reply cycle starts at the customer's first message, agent replies before that
   * message are not a first reply, and without a customer message there is no first-reply cycle. A
   * ticket created in a status other than the set's initial status is measured as if created in the
   * initial status and changed to its own status at the same instant (so a ticket created solved
   * has its cycles achieved at creation, one created pending starts its resolution paused).
   */
  public static final class Created extends TicketEvent {
    private final Map<String, String> attributes;
    private final Set<String> tags;
    private final boolean byAgent;
    private final String status; // null: the set's initial status
    private static final String[] NAMES = {"attributes", "tags", "byAgent"};
    private static final String[] NAMES_WITH_STATUS = {"attributes", "tags", "byAgent", "status"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param attributes initial attributes
     * @param tags initial tags
     * @param byAgent true if an agent created the ticket, false if the customer did
     * @deprecated a positional boolean is easy to swap; use {@link #byCustomer} or {@link #byAgent}
     */
    @Deprecated
    public Created(
        String ticketId,
        String id,
        Instant at,
        Map<String, String> attributes,
        Set<String> tags,
        boolean byAgent) {
      this(ticketId, id, at, attributes, tags, byAgent, null);
    }

    private Created(
        String ticketId,
        String id,
        Instant at,
        Map<String, String> attributes,
        Set<String> tags,
        boolean byAgent,
        String status) {
      super(ticketId, id, at, 0);
      Objects.requireNonNull(attributes, "attributes");
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        Objects.requireNonNull(e.getKey(), "attributes: a key");
        Objects.requireNonNull(e.getValue(), () -> "attributes[" + Excerpt.of(e.getKey()) + "]");
      }
      attributes = Map.copyOf(attributes);
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        Keys.requireKey(e.getKey(), "attribute");
        Keys.requireKey(e.getValue(), "attribute " + e.getKey() + " value");
      }
      tags = Keys.requireKeys(tags, "tags");
      if (status != null) {
        Keys.requireKey(status, "status");
      }
      this.attributes = attributes;
      this.tags = tags;
      this.byAgent = byAgent;
      this.status = status;
    }

    /**
     * A ticket created by the customer; same as {@link #byCustomer}.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param attributes initial attributes
     * @param tags initial tags
     */
    public Created(
        String ticketId, String id, Instant at, Map<String, String> attributes, Set<String> tags) {
      this(ticketId, id, at, attributes, tags, false, null);
    }

    /**
     * A ticket the customer created (a message, a form, a call): its first-reply cycle starts now.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param attributes initial attributes
     * @param tags initial tags
     * @return the event, in the set's initial status
     */
    public static Created byCustomer(
        String ticketId, String id, Instant at, Map<String, String> attributes, Set<String> tags) {
      return new Created(ticketId, id, at, attributes, tags, false, null);
    }

    /**
     * A ticket the customer created, without attributes or tags: {@link #byCustomer(String, String,
     * Instant, Map, Set)} with empty ones.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @return the event, in the set's initial status
     */
    public static Created byCustomer(String ticketId, String id, Instant at) {
      return byCustomer(ticketId, id, at, Map.of(), Set.of());
    }

    /**
     * A ticket an agent created, without attributes or tags: {@link #byAgent(String, String,
     * Instant, Map, Set)} with empty ones.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @return the event, in the set's initial status
     */
    public static Created byAgent(String ticketId, String id, Instant at) {
      return byAgent(ticketId, id, at, Map.of(), Set.of());
    }

    /**
     * A ticket an agent created (an outbound message, a logged call): its first-reply cycle starts
     * at the customer's first message.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param attributes initial attributes
     * @param tags initial tags
     * @return the event, in the set's initial status
     */
    public static Created byAgent(
        String ticketId, String id, Instant at, Map<String, String> attributes, Set<String> tags) {
      return new Created(ticketId, id, at, attributes, tags, true, null);
    }

    /**
     * Returns this event with an initial status of its own. The clock rejects a status its policy
     * set does not declare.
     *
     * @param status the initial status key
     * @return a copy with that status
     * @throws IllegalArgumentException if the status is not a valid key
     */
    public Created withStatus(String status) {
      Objects.requireNonNull(status, "status");
      return new Created(ticketId(), id(), at(), attributes, tags, byAgent, status);
    }

    /**
     * Returns the component {@code attributes}: initial attributes.
     *
     * @return attributes
     */
    public Map<String, String> attributes() {
      return attributes;
    }

    /**
     * Returns the component {@code tags}: initial tags.
     *
     * @return tags
     */
    public Set<String> tags() {
      return tags;
    }

    /**
     * Returns the component {@code byAgent}: true if an agent created the ticket, false if the
     * customer did.
     *
     * @return byAgent
     */
    public boolean byAgent() {
      return byAgent;
    }

    /**
     * Returns the component {@code status}: the initial status, empty for the set's initial status.
     *
     * @return the initial status, if the event names one
     */
    public Optional<String> status() {
      return Optional.ofNullable(status);
    }

    @Override
    Object[] components() {
      return status == null
          ? new Object[] {attributes, tags, byAgent}
          : new Object[] {attributes, tags, byAgent, status};
    }

    @Override
    String[] names() {
      return status == null ? NAMES : NAMES_WITH_STATUS;
    }
  }

  /**
   * The customer (end user) wrote a public message. After a counted agent reply (or a solve) it
   * starts a next-reply cycle; on an agent-created ticket the first one starts the first-reply
   * cycle. While the ticket is solved it starts nothing itself: an unanswered message written while
   * solved starts the next-reply cycle when the ticket is reopened.
   */
  public static final class CustomerMessage extends TicketEvent {

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     */
    public CustomerMessage(String ticketId, String id, Instant at) {
      super(ticketId, id, at, 4);
    }

    @Override
    Object[] components() {
      return new Object[] {};
    }

    @Override
    String[] names() {
      return NO_NAMES;
    }
  }

  /**
   * An agent replied publicly or wrote an internal note; automated replies come from bots, macros
   * or auto-responders. A reply stops each running reply cycle it counts for (per {@link
   * SlaPolicySet#internalNotesCount()} and {@link SlaPolicySet#automatedRepliesCount()}, which a
   * policy's {@link MetricRule} may override per metric) and arms the next customer message if it
   * counts for next reply.
   */
  public static final class AgentReply extends TicketEvent {
    private final boolean isPublic;
    private final boolean automated;
    private static final String[] NAMES = {"isPublic", "automated"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param isPublic true for a public reply, false for an internal note
     * @param automated true if no human agent wrote it
     * @deprecated two positional booleans are easy to swap; use {@link #publicReply}, {@link
     *     #internalNote} or {@link #automated}, and {@link #asAutomated()} for an automated note
     */
    @Deprecated
    public AgentReply(String ticketId, String id, Instant at, boolean isPublic, boolean automated) {
      super(ticketId, id, at, 5);
      this.isPublic = isPublic;
      this.automated = automated;
    }

    /**
     * A public reply written by a human agent.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @return the event
     */
    public static AgentReply publicReply(String ticketId, String id, Instant at) {
      return new AgentReply(ticketId, id, at, true, false);
    }

    /**
     * An internal note written by a human agent (the customer does not see it).
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @return the event
     */
    public static AgentReply internalNote(String ticketId, String id, Instant at) {
      return new AgentReply(ticketId, id, at, false, false);
    }

    /**
     * A public reply no human wrote (a bot, a macro, an auto-responder).
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @return the event
     */
    public static AgentReply automated(String ticketId, String id, Instant at) {
      return new AgentReply(ticketId, id, at, true, true);
    }

    /**
     * Returns this reply or note marked as written by no human, e.g. {@code
     * internalNote(...).asAutomated()} for a note a rule added.
     *
     * @return an automated copy
     */
    public AgentReply asAutomated() {
      return automated ? this : new AgentReply(ticketId(), id(), at(), isPublic, true);
    }

    /**
     * Returns the component {@code isPublic}: true for a public reply, false for an internal note.
     *
     * @return isPublic
     */
    public boolean isPublic() {
      return isPublic;
    }

    /**
     * Returns the component {@code automated}: true if no human agent wrote it.
     *
     * @return automated
     */
    public boolean automated() {
      return automated;
    }

    @Override
    Object[] components() {
      return new Object[] {isPublic, automated};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /** The status changed; it must be declared in the policy set. */
  public static final class StatusChanged extends TicketEvent {
    private final String status;
    private static final String[] NAMES = {"status"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param status the new status
     */
    public StatusChanged(String ticketId, String id, Instant at, String status) {
      super(ticketId, id, at, 2);
      Keys.requireKey(status, "status");
      this.status = status;
    }

    /**
     * Returns the component {@code status}: the new status.
     *
     * @return status
     */
    public String status() {
      return status;
    }

    @Override
    Object[] components() {
      return new Object[] {status};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /**
   * An agent set the priority explicitly; it overrides the priority matrix from then on. A priority
   * no policy of the set knows ({@link SlaPolicySet#priorities()}) is an anomaly with no effect.
   */
  public static final class PriorityChanged extends TicketEvent {
    private final String priority;
    private static final String[] NAMES = {"priority"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param priority the priority key
     */
    public PriorityChanged(String ticketId, String id, Instant at, String priority) {
      super(ticketId, id, at, 1);
      Keys.requireKey(priority, "priority");
      this.priority = priority;
    }

    /**
     * Returns the component {@code priority}: the priority key.
     *
     * @return priority
     */
    public String priority() {
      return priority;
    }

    @Override
    Object[] components() {
      return new Object[] {priority};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /** An attribute (severity, tier, channel, queue, any custom one) was set. */
  public static final class AttributeChanged extends TicketEvent {
    private final String key;
    private final String value;
    private static final String[] NAMES = {"key", "value"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param key attribute key
     * @param value new value, a key too (e.g. {@code Awaiting Vendor}; see {@link SlaPolicySet} for
     *     what a key may contain)
     * @throws IllegalArgumentException if {@code key} or {@code value} is not a key
     */
    public AttributeChanged(String ticketId, String id, Instant at, String key, String value) {
      super(ticketId, id, at, 1);
      Keys.requireKey(key, "attribute");
      Keys.requireKey(value, "attribute " + key + " value");
      this.key = key;
      this.value = value;
    }

    /**
     * Returns the component {@code key}: attribute key.
     *
     * @return key
     */
    public String key() {
      return key;
    }

    /**
     * Returns the component {@code value}: new value.
     *
     * @return value
     */
    public String value() {
      return value;
    }

    @Override
    Object[] components() {
      return new Object[] {key, value};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /** The ticket's tags were replaced. */
  public static final class TagsChanged extends TicketEvent {
    private final Set<String> tags;
    private static final String[] NAMES = {"tags"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param tags the new tags
     */
    public TagsChanged(String ticketId, String id, Instant at, Set<String> tags) {
      super(ticketId, id, at, 1);
      tags = Keys.requireKeys(tags, "tags");
      this.tags = tags;
    }

    /**
     * Returns the component {@code tags}: the new tags.
     *
     * @return tags
     */
    public Set<String> tags() {
      return tags;
    }

    @Override
    Object[] components() {
      return new Object[] {tags};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /** The ticket was assigned; recorded, no effect on clocks. */
  public static final class Assigned extends TicketEvent {
    private final String assignee;
    private static final String[] NAMES = {"assignee"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param assignee assignee key
     */
    public Assigned(String ticketId, String id, Instant at, String assignee) {
      super(ticketId, id, at, 3);
      Keys.requireKey(assignee, "assignee");
      this.assignee = assignee;
    }

    /**
     * Returns the component {@code assignee}: assignee key.
     *
     * @return assignee
     */
    public String assignee() {
      return assignee;
    }

    @Override
    Object[] components() {
      return new Object[] {assignee};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /** The ticket was escalated by hand; recorded, no effect on clocks. */
  public static final class Escalated extends TicketEvent {
    private final int level;
    private static final String[] NAMES = {"level"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param level escalation level, 1 or more
     */
    public Escalated(String ticketId, String id, Instant at, int level) {
      super(ticketId, id, at, 3);
      if (level < 1) {
        throw new IllegalArgumentException("escalation level " + level + " must be 1 or more");
      }
      this.level = level;
    }

    /**
     * Returns the component {@code level}: escalation level, 1 or more.
     *
     * @return level
     */
    public int level() {
      return level;
    }

    @Override
    Object[] components() {
      return new Object[] {level};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /** A call or chat was offered to agents; starts an answer-time cycle. */
  public static final class CallOffered extends TicketEvent {
    private final String callId;
    private static final String[] NAMES = {"callId"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param callId call or chat id
     */
    public CallOffered(String ticketId, String id, Instant at, String callId) {
      super(ticketId, id, at, 6);
      Keys.requireKey(callId, "callId");
      this.callId = callId;
    }

    /**
     * Returns the component {@code callId}: call or chat id.
     *
     * @return callId
     */
    public String callId() {
      return callId;
    }

    @Override
    Object[] components() {
      return new Object[] {callId};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /**
   * An offered call or chat was answered; stops its answer-time cycle. Answering a call that is not
   * ringing (never offered, already answered or abandoned, or cut off by solving the ticket) is an
   * anomaly.
   */
  public static final class CallAnswered extends TicketEvent {
    private final String callId;
    private static final String[] NAMES = {"callId"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param callId call or chat id
     */
    public CallAnswered(String ticketId, String id, Instant at, String callId) {
      super(ticketId, id, at, 7);
      Keys.requireKey(callId, "callId");
      this.callId = callId;
    }

    /**
     * Returns the component {@code callId}: call or chat id.
     *
     * @return callId
     */
    public String callId() {
      return callId;
    }

    @Override
    Object[] components() {
      return new Object[] {callId};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /**
   * The caller hung up, or the call or chat was dropped, before an agent answered; stops its
   * answer-time cycle without an answer. The cycle is {@link CycleState#BREACHED} if it had already
   * run past its target (a missed call), else {@link CycleState#CANCELLED}. Abandoning a call that
   * is not ringing is an anomaly.
   */
  public static final class CallAbandoned extends TicketEvent {
    private final String callId;
    private static final String[] NAMES = {"callId"};

    /**
     * Creates the event, validating and copying its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param callId call or chat id
     */
    public CallAbandoned(String ticketId, String id, Instant at, String callId) {
      super(ticketId, id, at, 7);
      Keys.requireKey(callId, "callId");
      this.callId = callId;
    }

    /**
     * Returns the component {@code callId}: call or chat id.
     *
     * @return callId
     */
    public String callId() {
      return callId;
    }

    @Override
    Object[] components() {
      return new Object[] {callId};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /**
   * An attribute was cleared: from this event on the ticket has no value for {@code key}, as if it
   * had never been set (a Zendesk custom field or a Jira field emptied, a ServiceNow due date
   * removed). What reads the attribute then sees it absent: a severity or tier read by the priority
   * matrix falls back to the matrix default (reported as the absent-value anomaly), a metric that
   * takes its deadline from the attribute ({@code dueFrom}) has no due date, a pause condition or a
   * policy's or definition's condition on the attribute stops matching, and an {@code
   * attribute_left} trigger fires for the value it held. Where that changes the targeting it is a
   * re-target like any other change, under the set's {@link RetargetRule}.
   *
   * <p>Clearing an attribute the ticket does not have is a no-op, as setting an attribute to the
   * value it has is: no anomaly, no policy change. A clear is a write of the attribute like an
   * {@link AttributeChanged}: at one instant it takes effect with the attribute and priority
   * changes ({@link #ORDER}), and a change and a clear of one attribute at one instant are two
   * writes of one field, ordered by event id, so the later id's is the state after the instant,
   * whatever their arrival order.
   */
  public static final class AttributeCleared extends TicketEvent {
    private final String key;
    private static final String[] NAMES = {"key"};

    /**
     * Creates the event, validating its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param key the attribute key
     * @throws IllegalArgumentException if {@code key} is not a key
     */
    public AttributeCleared(String ticketId, String id, Instant at, String key) {
      super(ticketId, id, at, 1);
      Keys.requireKey(key, "attribute");
      this.key = key;
    }

    /**
     * Returns the component {@code key}: the attribute cleared.
     *
     * @return key
     */
    public String key() {
      return key;
    }

    @Override
    Object[] components() {
      return new Object[] {key};
    }

    @Override
    String[] names() {
      return NAMES;
    }
  }

  /**
   * The explicit priority was removed: from this event on the ticket's priority is derived from the
   * priority matrix of the policy in force again, as if no {@link PriorityChanged} had been sent (a
   * Zendesk or Jira priority set to none). Where the matrix gives another priority than the
   * explicit one it is a re-target like any other change, under the set's {@link RetargetRule}.
   *
   * <p>Clearing a priority that was never set explicitly is a no-op, as setting the priority it has
   * is: no anomaly, no policy change. A clear is a write of the priority like a {@link
   * PriorityChanged}: at one instant it takes effect with the attribute and priority changes
   * ({@link #ORDER}), and a change and a clear of the priority at one instant are two writes of one
   * field, ordered by event id, so the later id's is the state after the instant, whatever their
   * arrival order.
   */
  public static final class PriorityCleared extends TicketEvent {

    /**
     * Creates the event, validating its components.
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     */
    public PriorityCleared(String ticketId, String id, Instant at) {
      super(ticketId, id, at, 1);
    }

    @Override
    Object[] components() {
      return new Object[] {};
    }

    @Override
    String[] names() {
      return NO_NAMES;
    }
  }
}
