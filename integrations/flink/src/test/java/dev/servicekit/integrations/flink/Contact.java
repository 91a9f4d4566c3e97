package dev.servicekit.integrations.flink;

import dev.servicekit.kpi.GroupKey;
import java.time.Instant;

/**
 * One handled contact, the input of the generic KPI window tests (a public record: Flink serializes
 * it as a POJO).
 *
 * @param agent the agent
 * @param team the agent's team
 * @param channel chat, email or phone
 * @param priority low, normal, high or urgent
 * @param tier the customer's tier
 * @param at when it was handled (event time)
 * @param handleMillis handle time
 * @param waitMillis the customer's wait before answer or abandon
 * @param abandoned whether the customer hung up before an answer
 */
public record Contact(
    String agent,
    String team,
    String channel,
    String priority,
    String tier,
    Instant at,
    long handleMillis,
    long waitMillis,
    boolean abandoned) {

  String byAgent() {
    return GroupKey.of("agent", agent).toString();
  }

  String byTeamChannel() {
    return GroupKey.of("team", team, "channel", channel).toString();
  }

  String byChannelPriorityTier() {
    return GroupKey.of("channel", channel, "priority", priority, "tier", tier).toString();
  }
}
