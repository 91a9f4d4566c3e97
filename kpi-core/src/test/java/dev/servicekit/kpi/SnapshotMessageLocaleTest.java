package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A refusal's message does not depend on the JVM's default locale: {@code String.format("%d")}
 * writes the default locale's digits (Arabic-Indic in {@code ar-EG}, Thai in {@code
 * th-TH-u-nu-thai}), so a byte count in a message must be formatted with {@link Locale#ROOT}.
 */
class SnapshotMessageLocaleTest {

  @Test
  void theCorruptedSnapshotMessageCountsBytesInAsciiDigitsWhateverTheDefaultLocale() {
    NpsAccumulator n = NpsAccumulator.create();
    n.add(9);
    byte[] b = n.toBytes();
    b[b.length - 1] ^= 1; // the stored CRC32C no longer matches
    Locale saved = Locale.getDefault();
    String m;
    try {
      Locale.setDefault(Locale.forLanguageTag("ar-EG"));
      m =
          assertThrows(
                  IllegalArgumentException.class,
                  () -> KpiSnapshots.fromBytes(b, NpsAccumulator.class))
              .getMessage();
    } finally {
      Locale.setDefault(saved);
    }
    assertTrue(m.startsWith("snapshot is corrupted or truncated: its CRC32C is "), m);
    assertTrue(m.endsWith(" (" + b.length + " bytes)"), m);
  }
}
