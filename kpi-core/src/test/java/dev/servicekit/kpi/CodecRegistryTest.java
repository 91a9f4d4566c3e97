package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;

/** The registration rules for snapshot codecs found through {@link java.util.ServiceLoader}. */
class CodecRegistryTest {

  private final Map<String, SnapshotCodec<?>> byKind = new LinkedHashMap<>();
  private final Map<Class<?>, SnapshotCodec<?>> byType = new LinkedHashMap<>();

  @SuppressWarnings({"rawtypes", "unchecked"})
  private void register(SnapshotCodec... codecs) {
    CodecRegistry.add((List) List.of(codecs), byKind, byType);
  }

  private String refused(SnapshotCodec<?>... codecs) {
    return assertThrows(ServiceConfigurationError.class, () -> register(codecs)).getMessage();
  }

  @Test
  void aValidCodecIsFoundByKindAndByType() {
    First codec = new First("com.acme.fcr", NpsAccumulator.class);
    register(codec);
    assertSame(codec, byKind.get("com.acme.fcr"));
    assertSame(codec, byType.get(NpsAccumulator.class));
  }

  @Test
  void theKindMustBeOneToSixtyFourSafeCharacters() {
    String rule = ".kind() must match [A-Za-z0-9._-]{1,64}";
    assertEquals(First.class.getName() + rule, refused(new First(null, NpsAccumulator.class)));
    assertEquals(First.class.getName() + rule, refused(new First("a b", NpsAccumulator.class)));
    assertEquals(First.class.getName() + rule, refused(new First("", NpsAccumulator.class)));
    register(new First("a".repeat(64), NpsAccumulator.class));
    assertEquals(1, byKind.size());
  }

  @Test
  void theTypeMustNotBeNull() {
    assertEquals(First.class.getName() + ".type() is null", refused(new First("k", null)));
  }

  @Test
  void theSameProviderSeenTwiceIsRegisteredOnce() {
    First a = new First("k", NpsAccumulator.class);
    register(a, new First("k", NpsAccumulator.class));
    assertSame(a, byKind.get("k"));
    assertEquals(1, byType.size());
  }

  @Test
  void twoProvidersOfOneKindAreRefusedNamingBoth() {
    String expected =
        "two snapshot codecs claim kind \"k\": "
            + First.class.getName()
            + " and "
            + Second.class.getName();
    assertEquals(
        expected,
        refused(new First("k", NpsAccumulator.class), new Second("k", NpsAccumulator.class)));
    byKind.clear();
    byType.clear();
    // the same class for another type is another provider too
    assertEquals(
        "two snapshot codecs claim kind \"k\": "
            + First.class.getName()
            + " and "
            + First.class.getName(),
        refused(new First("k", NpsAccumulator.class), new First("k", OutcomeAccumulator.class)));
  }

  @Test
  void twoKindsForOneTypeAreRefused() {
    assertEquals(
        "two snapshot codecs claim " + NpsAccumulator.class.getName(),
        refused(new First("k1", NpsAccumulator.class), new First("k2", NpsAccumulator.class)));
  }

  @SuppressWarnings("rawtypes")
  record First(String kind, Class type) implements SnapshotCodec {
    @Override
    public void write(KpiAccumulator accumulator, Output out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KpiAccumulator read(Input in) {
      throw new UnsupportedOperationException();
    }
  }

  @SuppressWarnings("rawtypes")
  record Second(String kind, Class type) implements SnapshotCodec {
    @Override
    public void write(KpiAccumulator accumulator, Output out) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KpiAccumulator read(Input in) {
      throw new UnsupportedOperationException();
    }
  }
}
