package dev.servicekit.examples;

import java.time.Instant;

/**
 * A contact as the plugin KPI test feeds it to the engines (public: Flink serializes it as a POJO).
 *
 * @param team the team
 * @param at when the contact arrived
 * @param resolved whether it needed no follow-up
 */
public record FcrContact(String team, Instant at, boolean resolved) {

  int hourOfDay() {
    return at.atZone(java.time.ZoneOffset.UTC).getHour();
  }
}
