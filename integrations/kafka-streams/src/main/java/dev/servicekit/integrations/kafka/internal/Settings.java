package dev.servicekit.integrations.kafka.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks the topology builders apply to their settings, so that a setting no task could run
 * with is refused where it is given, naming it, rather than failing every task at start-up. Not
 * API. Stateless and thread-safe.
 */
public final class Settings {

  private Settings() {}

  /**
   * Returns {@code d} if it is {@code >= min} and at most {@code Long.MAX_VALUE} ms (the processors
   * hold it in milliseconds: {@link Duration#toMillis()} throws an {@link ArithmeticException}
   * beyond that, e.g. for {@code ChronoUnit.FOREVER}).
   *
   * @param d the setting
   * @param field its name, for the message
   * @param min the least value
   * @param rule how {@code min} reads in a message, e.g. "zero or more"
   * @return {@code d}
   * @throws IllegalArgumentException if below {@code min} or too long
   */
  public static Duration duration(Duration d, String field, Duration min, String rule) {
    Objects.requireNonNull(d, field);
    if (d.compareTo(min) < 0) {
      throw new IllegalArgumentException(field + " must be " + rule + ", was " + d);
    }
    try {
      d.toMillis();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          field
              + " must be at most "
              + Long.MAX_VALUE
              + " ms ("
              + Duration.ofMillis(Long.MAX_VALUE)
              + "), was "
              + d);
    }
    return d;
  }

  /**
   * Returns {@code name} if it is 1 to 64 letters, digits or {@code -}: a topology's name, from
   * which its node and store names derive.
   *
   * @param name the name
   * @return {@code name}
   * @throws IllegalArgumentException if empty or of other characters
   */
  public static String name(String name) {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException(
          "name must be 1-64 letters, digits or '-', was \""
              + name.substring(0, Math.min(64, name.length()))
              + "\"");
    }
    return name;
  }

  /** The longest topic name Kafka accepts. */
  public static final int MAX_TOPIC_CHARS = 249;

  /**
   * Returns {@code topic} if it is a topic name Kafka accepts: not blank, 1 to {@value
   * #MAX_TOPIC_CHARS} ASCII letters, digits, {@code .}, {@code _} or {@code -}, and neither {@code
   * .} nor {@code ..} (the rule of Kafka's own topic validation). Any other name used to be taken
   * and to fail the application only once it ran against a broker (a source that never gets a
   * partition, a sink whose sends fail), far from the setting.
   *
   * @param topic the topic name
   * @param field the setting's name, for the message
   * @return {@code topic}
   * @throws IllegalArgumentException if blank or not a legal topic name, naming the setting
   */
  public static String topic(String topic, String field) {
    Objects.requireNonNull(topic, field);
    if (topic.isBlank()) {
      throw new IllegalArgumentException(field + " must not be blank");
    }
    boolean ok = topic.length() <= MAX_TOPIC_CHARS && !topic.equals(".") && !topic.equals("..");
    for (int i = 0; ok && i < topic.length(); i++) {
      char c = topic.charAt(i);
      ok =
          c == '.'
              || c == '_'
              || c == '-'
              || (c >= '0' && c <= '9')
              || (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z');
    }
    if (!ok) {
      throw new IllegalArgumentException(
          field
              + " \""
              + excerpt(topic)
              + "\" is not a Kafka topic name: 1-"
              + MAX_TOPIC_CHARS
              + " ASCII letters, digits, '.', '_' or '-', and not \".\" or \"..\"");
    }
    return topic;
  }

  /** The first 64 chars, each outside printable ASCII (and {@code \\}, {@code "}) escaped. */
  private static String excerpt(String value) {
    StringBuilder b = new StringBuilder();
    int n = Math.min(64, value.length());
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\\' && c != '"') {
        b.append(c);
      } else {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return n < value.length() ? b + "... (" + value.length() + " chars)" : b.toString();
  }

  /**
   * Refuses an output topic that is the input topic: the topology would read back its own output
   * (windows, transitions, late or dead-letter records) as input and reject every such record.
   *
   * @param input the input topic
   * @param output an output topic, or null if not set
   * @param field the output's setting name, for the message
   * @throws IllegalArgumentException if {@code output} equals {@code input}
   */
  public static void distinct(String input, String output, String field) {
    if (input.equals(output)) {
      throw new IllegalArgumentException(
          field
              + " \""
              + output
              + "\" must differ from the input topic: the topology would read its own output back");
    }
  }

  /**
   * Refuses a side topic (released, late or dead-letter records) that is the topology's typed
   * output topic: its records (raw input records or dead-letter JSON) would be mixed into the
   * output, whose readers decode every record with the output's serde and fail on them.
   *
   * @param output the output topic
   * @param outputField the output's setting name, for the message
   * @param side a side topic, or null if not set
   * @param sideField the side topic's setting name, for the message
   * @throws IllegalArgumentException if {@code side} equals {@code output}
   */
  public static void notOutput(String output, String outputField, String side, String sideField) {
    if (output.equals(side)) {
      throw new IllegalArgumentException(
          sideField
              + " \""
              + side
              + "\" must differ from the "
              + outputField
              + ": its records would be mixed into the output and fail the output's readers");
    }
  }
}
