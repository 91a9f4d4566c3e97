package dev.servicekit.sla;

/**
 * What solving a ticket (entering a solved status from an unsolved one) does to its running
 * first-reply cycle ({@link SlaPolicySet#firstResponseSolve()}). Under either rule, entering a
 * cancelled status ({@link SlaPolicySet#cancelledStatuses()}) ends the cycle {@link
 * CycleState#CANCELLED} ({@link CycleState#BREACHED} if it had breached).
 */
public enum SolveRule {
  /**
   * Solving ends the cycle: it is met at the solve (breached if it had breached), and a reopen
   * starts no first-reply cycle again. The default.
   */
  END,
  /**
   * The cycle pauses while the ticket is in a solved status and resumes on the reopen, until a
   * reply that counts for first reply stops it, even one written while the ticket is solved (met,
   * or breached if it had breached before the solve); the time spent solved does not count. While
   * it is open no customer message starts a next-reply cycle: a solve that leaves it open arms no
   * next reply, which is armed as under {@link #END} once first reply is met. Zammad's first
   * response: it escalates until the first agent response, and a closed stretch is a break of the
   * calendar.
   */
  PAUSE
}
