package dev.servicekit.sla.queue;

/**
 * How a router picks among eligible, available agents for an item's channel. Every order breaks
 * ties round-robin: the agent assigned on that channel least recently first (never-assigned agents
 * first, in the order they were added).
 */
public enum AgentOrder {
  /**
   * Most spare capacity on the channel ({@code limit - open}, or the items of the channel a shared
   * budget's units left still allow, if fewer); Zendesk's default.
   */
  HIGHEST_SPARE_CAPACITY,
  /**
   * Highest spare capacity (as above) as a share of the channel's limit; Zendesk's percentage
   * option.
   */
  HIGHEST_SPARE_PERCENT,
  /**
   * Fewest open items on the channel; Freshdesk's load-balanced assignment, except that Freshdesk
   * counts only an agent's tickets whose SLA timer runs (a ticket waiting on the customer frees its
   * place), while the router counts every assigned item, paused or not, until it is removed.
   */
  LEAST_LOADED,
  /** Longest since the last assignment on the channel, among agents with spare capacity. */
  ROUND_ROBIN
}
