package dev.servicekit.sla;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Something that happened to a ticket. Every event carries the ticket id, its own id (events are
 * idempotent by id: the same event twice is applied once, two different events with one id are
 * rejected) and a timestamp.
 *
 * <p>Events are applied in {@link #ORDER}: by timestamp, then by kind (the order in which one CRM
 * update takes effect), then by id. That order is total, so arrival order never changes the result.
 *
 * <p>All implementations are immutable and thread-safe.
 */
public sealed interface TicketEvent
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
        TicketEvent.CallAbandoned {

  /**
   * The order events are applied in: by timestamp; at one instant by kind, in the order a CRM
   * update takes effect ({@link Created}; then attribute, priority and tag changes, so that what
   * follows is measured against the new targets; then status changes; then assignment and
   * escalation; then customer messages; then agent replies; then call offers; then call answers and
   * abandons); then by id. The order is total and depends only on the events, so arrival order
   * never changes the result, and events of one update (say a reply submitted together with
   * "solved" and a new priority) are applied the same way whatever their ids.
   */
  Comparator<TicketEvent> ORDER =
      (a, b) -> {
        int c = a.at().compareTo(b.at());
        if (c != 0) {
          return c;
        }
        c = Integer.compare(rank(a), rank(b));
        return c != 0 ? c : a.id().compareTo(b.id());
      };

  /** The rank of an event's kind among events at one instant, as {@link #ORDER} uses it. */
  private static int rank(TicketEvent e) {
    if (e instanceof AgentReply) {
      return 5;
    } else if (e instanceof CustomerMessage) {
      return 4;
    } else if (e instanceof StatusChanged) {
      return 2;
    } else if (e instanceof AttributeChanged
        || e instanceof PriorityChanged
        || e instanceof TagsChanged) {
      return 1;
    } else if (e instanceof Created) {
      return 0;
    } else if (e instanceof Assigned || e instanceof Escalated) {
      return 3;
    } else if (e instanceof CallOffered) {
      return 6;
    } else {
      return 7; // CallAnswered, CallAbandoned
    }
  }

  /**
   * Returns the ticket the event belongs to.
   *
   * @return ticket id
   */
  String ticketId();

  /**
   * Returns the event's id, unique within its ticket.
   *
   * @return event id
   */
  String id();

  /**
   * Returns when the event happened.
   *
   * @return timestamp
   */
  Instant at();

  private static void check(String ticketId, String id, Instant at) {
    Objects.requireNonNull(ticketId, "ticketId");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(at, "at");
    if (ticketId.isEmpty()) {
      throw new IllegalArgumentException("ticketId must not be empty");
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException("event id must not be empty (ticket " + ticketId + ")");
    }
  }

  /**
   * The ticket was created with initial attributes (e.g. {@code channel}, {@code tier}, {@code
   * severity}) and tags; its status is the policy set's initial status.
   *
   * <p>A ticket created by the customer starts its first-reply cycle at creation. A ticket created
   * by an agent (an outbound message, a phone call logged by the agent) has nothing to reply to
   * yet: its first-reply cycle starts at the customer's first message, agent replies before that
   * message are not a first reply, and without a customer message there is no first-reply cycle.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param attributes initial attributes
   * @param tags initial tags
   * @param byAgent true if an agent created the ticket, false if the customer did
   */
  record Created(
      String ticketId,
      String id,
      Instant at,
      Map<String, String> attributes,
      Set<String> tags,
      boolean byAgent)
      implements TicketEvent {
    /** Validates and copies the components. */
    public Created {
      check(ticketId, id, at);
      attributes = Map.copyOf(attributes);
      for (Map.Entry<String, String> e : attributes.entrySet()) {
        Keys.requireKey(e.getKey(), "attribute");
        Keys.requireKey(e.getValue(), "attribute " + e.getKey() + " value");
      }
      tags = Keys.requireKeys(tags, "tags");
    }

    /**
     * A ticket created by the customer ({@code byAgent} false).
     *
     * @param ticketId ticket id
     * @param id event id
     * @param at timestamp
     * @param attributes initial attributes
     * @param tags initial tags
     */
    public Created(
        String ticketId, String id, Instant at, Map<String, String> attributes, Set<String> tags) {
      this(ticketId, id, at, attributes, tags, false);
    }
  }

  /**
   * The customer (end user) wrote a public message. After a counted agent reply (or a solve) it
   * starts a next-reply cycle; on an agent-created ticket the first one starts the first-reply
   * cycle. While the ticket is solved it starts nothing itself: an unanswered message written while
   * solved starts the next-reply cycle when the ticket is reopened.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   */
  record CustomerMessage(String ticketId, String id, Instant at) implements TicketEvent {
    /** Validates the components. */
    public CustomerMessage {
      check(ticketId, id, at);
    }
  }

  /**
   * An agent replied publicly or wrote an internal note; automated replies come from bots, macros
   * or auto-responders. A reply that counts (per {@link SlaPolicySet#internalNotesCount()} and
   * {@link SlaPolicySet#automatedRepliesCount()}) stops the running reply cycles and arms the next
   * customer message.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param isPublic true for a public reply, false for an internal note
   * @param automated true if no human agent wrote it
   */
  record AgentReply(String ticketId, String id, Instant at, boolean isPublic, boolean automated)
      implements TicketEvent {
    /** Validates the components. */
    public AgentReply {
      check(ticketId, id, at);
    }
  }

  /**
   * The status changed; it must be declared in the policy set.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param status the new status
   */
  record StatusChanged(String ticketId, String id, Instant at, String status)
      implements TicketEvent {
    /** Validates the components. */
    public StatusChanged {
      check(ticketId, id, at);
      Keys.requireKey(status, "status");
    }
  }

  /**
   * An agent set the priority explicitly; it overrides the priority matrix from then on. A priority
   * no policy of the set knows ({@link SlaPolicySet#priorities()}) is an anomaly with no effect.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param priority the priority key
   */
  record PriorityChanged(String ticketId, String id, Instant at, String priority)
      implements TicketEvent {
    /** Validates the components. */
    public PriorityChanged {
      check(ticketId, id, at);
      Keys.requireKey(priority, "priority");
    }
  }

  /**
   * An attribute (severity, tier, channel, queue, any custom one) was set.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param key attribute key
   * @param value new value
   */
  record AttributeChanged(String ticketId, String id, Instant at, String key, String value)
      implements TicketEvent {
    /** Validates the components. */
    public AttributeChanged {
      check(ticketId, id, at);
      Keys.requireKey(key, "attribute");
      Keys.requireKey(value, "attribute " + key + " value");
    }
  }

  /**
   * The ticket's tags were replaced.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param tags the new tags
   */
  record TagsChanged(String ticketId, String id, Instant at, Set<String> tags)
      implements TicketEvent {
    /** Validates and copies the components. */
    public TagsChanged {
      check(ticketId, id, at);
      tags = Keys.requireKeys(tags, "tags");
    }
  }

  /**
   * The ticket was assigned; recorded, no effect on clocks.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param assignee assignee key
   */
  record Assigned(String ticketId, String id, Instant at, String assignee) implements TicketEvent {
    /** Validates the components. */
    public Assigned {
      check(ticketId, id, at);
      Keys.requireKey(assignee, "assignee");
    }
  }

  /**
   * The ticket was escalated by hand; recorded, no effect on clocks.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param level escalation level, 1 or more
   */
  record Escalated(String ticketId, String id, Instant at, int level) implements TicketEvent {
    /** Validates the components. */
    public Escalated {
      check(ticketId, id, at);
      if (level < 1) {
        throw new IllegalArgumentException("escalation level " + level + " must be 1 or more");
      }
    }
  }

  /**
   * A call or chat was offered to agents; starts an answer-time cycle.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param callId call or chat id
   */
  record CallOffered(String ticketId, String id, Instant at, String callId) implements TicketEvent {
    /** Validates the components. */
    public CallOffered {
      check(ticketId, id, at);
      Keys.requireKey(callId, "callId");
    }
  }

  /**
   * An offered call or chat was answered; stops its answer-time cycle. Answering a call that is not
   * ringing (never offered, already answered or abandoned, or cut off by solving the ticket) is an
   * anomaly.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param callId call or chat id
   */
  record CallAnswered(String ticketId, String id, Instant at, String callId)
      implements TicketEvent {
    /** Validates the components. */
    public CallAnswered {
      check(ticketId, id, at);
      Keys.requireKey(callId, "callId");
    }
  }

  /**
   * The caller hung up, or the call or chat was dropped, before an agent answered; stops its
   * answer-time cycle without an answer. The cycle is {@link CycleState#BREACHED} if it had already
   * run past its target (a missed call), else {@link CycleState#CANCELLED}. Abandoning a call that
   * is not ringing is an anomaly.
   *
   * @param ticketId ticket id
   * @param id event id
   * @param at timestamp
   * @param callId call or chat id
   */
  record CallAbandoned(String ticketId, String id, Instant at, String callId)
      implements TicketEvent {
    /** Validates the components. */
    public CallAbandoned {
      check(ticketId, id, at);
      Keys.requireKey(callId, "callId");
    }
  }
}
