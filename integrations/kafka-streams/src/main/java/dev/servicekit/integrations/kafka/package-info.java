/**
 * servicekit on Kafka Streams: SLA clocks keyed by ticket id with punctuation timers, and windowed
 * KPI aggregation, both keeping their state in state stores through the cores' snapshots.
 */
package dev.servicekit.integrations.kafka;
