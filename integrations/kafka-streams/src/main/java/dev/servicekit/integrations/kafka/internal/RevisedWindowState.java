package dev.servicekit.integrations.kafka.internal;

import dev.servicekit.kpi.IntRetractable;
import dev.servicekit.kpi.KeyCodec;
import dev.servicekit.kpi.KpiAccumulator;
import dev.servicekit.kpi.RevisedValues;
import dev.servicekit.kpi.WindowedKpi;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a revised KPI window's {@link RevisedValues} snapshot from the KPI's store (as Flink's
 * adapter reads its state). A snapshot of an earlier build may hold a response id that is blank
 * (empty, or only spaces and invisible format characters), which kpi-core now refuses as a key, in
 * its snapshot readers too: such a snapshot is read with its blank ids {@link RevisedValues#forget
 * forgotten}, their values kept in the window (no observation can revise them any more: this build
 * rejects a blank id), so the window is emitted at its close as that build would have emitted it.
 * Any other refusal (corrupted bytes) is thrown as the reader threw it. Stateless.
 */
public final class RevisedWindowState {

  private RevisedWindowState() {}

  /**
   * A snapshot as read: the values, the blank ids forgotten (empty unless migrated) and, if any
   * were, the snapshot to store in place of the one read.
   *
   * @param values the values
   * @param forgotten the blank ids of an earlier build's snapshot, forgotten
   * @param migrated the snapshot without them, or {@code null} if none were
   * @param <A> the accumulator type
   */
  public record Read<A extends KpiAccumulator<A, ?> & IntRetractable>(
      RevisedValues<String, A> values, List<String> forgotten, byte[] migrated) {}

  /** A blank id read from an earlier build's snapshot, a key {@link KeyCodec#strings} refuses. */
  private record BlankId(String text) {}

  /**
   * Reads {@code bytes}, migrating a snapshot of an earlier build that holds blank ids.
   *
   * @param bytes the stored snapshot
   * @param type the accumulator class
   * @param <A> the accumulator type
   * @return what was read
   * @throws IllegalArgumentException as {@link RevisedValues#fromBytes} for anything else
   */
  public static <A extends KpiAccumulator<A, ?> & IntRetractable> Read<A> read(
      byte[] bytes, Class<A> type) {
    try {
      return new Read<>(RevisedValues.fromBytes(bytes, type, KeyCodec.strings()), List.of(), null);
    } catch (IllegalArgumentException refused) {
      List<String> blank = new ArrayList<>();
      KeyCodec<Object> legacy =
          KeyCodec.of(
              k -> k instanceof BlankId b ? b.text() : (String) k,
              t -> {
                if (blank(t)) {
                  blank.add(t);
                  return new BlankId(t);
                }
                return t;
              });
      RevisedValues<Object, A> rv;
      try {
        rv = RevisedValues.fromBytes(bytes, type, legacy);
      } catch (IllegalArgumentException alsoRefused) {
        throw refused; // not (only) blank ids: corrupted, refused as before
      }
      if (blank.isEmpty()) {
        throw refused;
      }
      for (String t : blank) {
        rv.forget(new BlankId(t));
      }
      byte[] migrated = rv.toBytes(legacy);
      return new Read<>(
          RevisedValues.fromBytes(migrated, type, KeyCodec.strings()),
          List.copyOf(blank),
          migrated);
    }
  }

  private static boolean blank(String text) {
    try {
      WindowedKpi.requireNonBlankGroup(text); // kpi-core's blank rule, the one its readers apply
      return false;
    } catch (IllegalArgumentException e) {
      return true;
    }
  }

  /**
   * The forgotten ids for a log line, bounded: each as its code points ({@code U+0020}), at most
   * three ids and eight code points each.
   *
   * @param ids the ids
   * @return e.g. {@code [U+0020, "" (empty), U+00A0 U+200B]}
   */
  public static String describe(List<String> ids) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < Math.min(3, ids.size()); i++) {
      String s = ids.get(i);
      if (i > 0) {
        b.append(", ");
      }
      if (s.isEmpty()) {
        b.append("\"\" (empty)");
        continue;
      }
      int shown = 0;
      for (int j = 0; j < s.length(); ) {
        int cp = s.codePointAt(j);
        if (shown == 8) {
          b.append(" ... (").append(s.length()).append(" chars)");
          break;
        }
        b.append(shown == 0 ? "" : " ").append(String.format(java.util.Locale.ROOT, "U+%04X", cp));
        shown++;
        j += Character.charCount(cp);
      }
    }
    if (ids.size() > 3) {
      b.append(", ... (").append(ids.size()).append(" ids)");
    }
    return b.append(']').toString();
  }
}
