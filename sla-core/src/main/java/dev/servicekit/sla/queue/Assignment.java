package dev.servicekit.sla.queue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * One routing decision: which item went to which agent, when, and the facts behind it. {@link
 * #reason()} renders them for people, for example {@code "least loaded (1/3 chat) among 4 eligible;
 * skills [billing]; language ru; shift ends 18:00 Europe/Moscow"}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param item the item assigned
 * @param agentId the agent
 * @param at the decision instant
 * @param order the agent order that chose among the candidates
 * @param preferred whether the agent was one of the item's preferred agents
 * @param candidates eligible agents with capacity on shift at {@code at}, the chosen one included
 * @param openBefore the agent's open items on the item's channel before this one
 * @param limit the agent's limit on the channel
 * @param spare items of the channel the agent could still take before this one: {@code limit -
 *     openBefore}, or fewer when a shared budget ({@link Capacity#budget()}) has fewer units left
 * @param shiftEnd when the agent's shift ends, empty if it never does
 * @param zone the zone of the agent's shift calendar
 */
public record Assignment(
    WorkItem item,
    String agentId,
    Instant at,
    AgentOrder order,
    boolean preferred,
    int candidates,
    int openBefore,
    int limit,
    int spare,
    Optional<Instant> shiftEnd,
    ZoneId zone) {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /**
   * Checks the components: the counts of a decision, which {@link #reason()} prints, are those a
   * router can make.
   *
   * @throws IllegalArgumentException if {@code agentId} breaks the id rule of agents, {@code
   *     candidates} is not positive, {@code limit} is not in [1, {@value Capacity#MAX}], {@code
   *     openBefore} is not in [0, limit), {@code spare} is not in [1, limit - openBefore], or the
   *     shift ends at or before {@code at}
   */
  public Assignment {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(shiftEnd, "shiftEnd");
    Objects.requireNonNull(zone, "zone");
    WorkItem.name("agentId", agentId);
    if (candidates < 1) {
      throw new IllegalArgumentException(
          "candidates " + candidates + " must be at least 1 (the chosen agent is one)");
    }
    if (limit < 1 || limit > Capacity.MAX) {
      throw new IllegalArgumentException(
          "limit " + limit + " must be in [1, " + Capacity.MAX + "]");
    }
    if (openBefore < 0 || openBefore >= limit) {
      throw new IllegalArgumentException(
          "openBefore " + openBefore + " must be in [0, limit " + limit + ")");
    }
    if (spare < 1 || spare > limit - openBefore) {
      throw new IllegalArgumentException(
          "spare " + spare + " must be in [1, limit - openBefore = " + (limit - openBefore) + "]");
    }
    if (shiftEnd.isPresent() && !shiftEnd.get().isAfter(at)) {
      throw new IllegalArgumentException(
          "shiftEnd " + shiftEnd.get() + " must be after the decision at " + at);
    }
  }

  /**
   * Why this agent got this item, in one line.
   *
   * @return the reason
   */
  public String reason() {
    StringBuilder sb = new StringBuilder();
    String channel = item.channel();
    if (preferred) {
      sb.append(item.keyAccount() ? "preferred agent of key account" : "preferred agent");
      sb.append(" (").append(openBefore).append('/').append(limit).append(' ').append(channel);
      sb.append(')');
    } else {
      switch (order) {
        case HIGHEST_SPARE_CAPACITY:
          sb.append("most spare capacity (").append(spare).append(" of ").append(limit);
          sb.append(' ').append(channel).append(" free");
          sb.append(spare < limit - openBefore ? " by the shared budget)" : ")");
          break;
        case HIGHEST_SPARE_PERCENT:
          sb.append("highest spare capacity (")
              .append(Math.round(100.0 * spare / limit))
              .append("% of ")
              .append(channel)
              .append(spare < limit - openBefore ? " by the shared budget)" : ")");
          break;
        case LEAST_LOADED:
          sb.append("least loaded (").append(openBefore).append('/').append(limit).append(' ');
          sb.append(channel).append(')');
          break;
        default:
          sb.append("longest since last ").append(channel).append(" assignment");
          break;
      }
    }
    sb.append(" among ").append(candidates).append(" eligible");
    if (!item.skills().isEmpty()) {
      sb.append("; skills ").append(new TreeSet<>(item.skills()));
    }
    if (!item.language().isEmpty()) {
      sb.append("; language ").append(item.language());
    }
    if (!item.tier().isEmpty()) {
      sb.append("; tier ").append(item.tier());
    }
    if (shiftEnd.isPresent()) {
      ZonedDateTime end = shiftEnd.get().atZone(zone);
      LocalDate today = at.atZone(zone).toLocalDate();
      sb.append("; shift ends ")
          .append((end.toLocalDate().equals(today) ? TIME : DATE_TIME).format(end))
          .append(' ')
          .append(zone.getId());
    } else {
      sb.append("; shift never ends");
    }
    return sb.toString();
  }
}
