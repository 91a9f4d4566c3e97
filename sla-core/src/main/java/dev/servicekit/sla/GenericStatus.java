package dev.servicekit.sla;

/**
 * A vendor-neutral ticket status, for feeding one CRM history to every {@link SlaPreset}: {@link
 * SlaPreset#status(GenericStatus)} gives each vendor's status key for it and {@link
 * SlaPreset#genericStatus(String)} the way back. The names follow the states a help-desk engineer
 * knows from every tool: who is expected to act next, and whether the ticket is finished.
 *
 * <p>This enum is immutable and thread-safe.
 */
public enum GenericStatus {
  /** Received, not yet picked up by an agent. */
  NEW,
  /** Being worked on: the next action is the support team's (in progress). */
  OPEN,
  /** The team asked the requester something and waits for the answer. */
  WAITING_ON_CUSTOMER,
  /** The team waits for a third party (a vendor, another team, a change), not for the requester. */
  ON_HOLD,
  /** The team considers the issue solved; the requester may still reopen it. */
  SOLVED,
  /** Finished for good. */
  CLOSED,
  /**
   * Ended without an outcome (withdrawn, duplicate, raised in error). Only a preset that declares
   * its status in {@link SlaPolicySet#cancelledStatuses()} (ServiceNow, Zammad) ends the running
   * cycles cancelled; elsewhere it is a solved status, which meets them.
   */
  CANCELLED
}
