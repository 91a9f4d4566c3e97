/**
 * SLA-aware work queues and load-based assignment: {@link dev.servicekit.sla.queue.WorkQueue}
 * orders waiting work by a {@link dev.servicekit.sla.queue.QueuePolicy} (earliest deadline, least
 * slack on a business calendar, priority then age, or a weighted score with key-account boost) and
 * moves one item in {@code O(log n)} when its SLA clock changes; {@link
 * dev.servicekit.sla.queue.WorkRouter} assigns the most urgent item to the best available agent
 * (capacity per channel with weights, skills, language, tier, shift calendar, round-robin among
 * equals, preferred agents), says why, re-balances when an agent goes offline and forecasts
 * breaches by simulating itself. {@link dev.servicekit.sla.queue.PriorityLevels} maps a ticket's
 * SLA priority name onto an item's priority level, and a queue or router given it keeps the level
 * in step with the ticket's evaluation.
 *
 * <pre>{@code
 * WorkRouter router = WorkRouter.builder(QueuePolicy.earliestDeadlineFirst())
 *     .channel("chat", Duration.ofMinutes(10))
 *     .channel("email", Duration.ofMinutes(20))
 *     .finishBeforeShiftEnd(true)
 *     .build();
 * router.addAgent(Agent.builder("anna", moscowShift,
 *     Capacity.builder().channel("chat", 3).channel("email", 10).build())
 *     .languages("ru", "en").build(), now);
 * router.submit(WorkItem.builder("TCK-1", "chat", created).deadline(due).language("ru").build());
 * router.next(now).ifPresent(a -> log(a.agentId() + ": " + a.reason()));
 * }</pre>
 */
package dev.servicekit.sla.queue;
