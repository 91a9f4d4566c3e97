package dev.servicekit.kpi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** {@link Overflow#add} agrees with {@link Math#addExact(long, long)} in both directions. */
class OverflowProperties {

  @Property
  void addIsMathAddExactWithAMessageNamingTheField(@ForAll long total, @ForAll long value) {
    long expected;
    try {
      expected = Math.addExact(total, value);
    } catch (ArithmeticException e) {
      ArithmeticException mine =
          assertThrows(ArithmeticException.class, () -> Overflow.add(total, value, "sum"));
      assertEquals(
          "sum would overflow: " + total + " + " + value + " is outside the range of a long",
          mine.getMessage());
      return;
    }
    assertEquals(expected, Overflow.add(total, value, "sum"));
  }
}
