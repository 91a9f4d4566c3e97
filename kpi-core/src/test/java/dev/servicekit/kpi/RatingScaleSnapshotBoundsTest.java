package dev.servicekit.kpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/**
 * A rating snapshot's scale bounds are read as ints only when they are ints (a new user's review):
 * the reader cast them to int first, so a crafted {@code "min": 4294967297} restored a 1..5 scale
 * and {@code "satisfiedFrom": 4294967300} a satisfied-from of 4, and every error named {@code max}.
 * The reader is the same for binary and JSON snapshots ({@code readState}).
 */
class RatingScaleSnapshotBoundsTest {

  private static String json() {
    RatingAccumulator r = RatingAccumulator.create(RatingScale.csatFivePoint());
    r.add(5);
    return r.toJson();
  }

  private static String refusal(String from, String to) {
    String edited = json().replace(from, to);
    return assertThrows(
            IllegalArgumentException.class, () -> RatingAccumulator.fromJson(Resealed.json(edited)))
        .getMessage();
  }

  @Test
  void aBoundBeyondAnIntIsRefusedAtItsOwnField() {
    assertEquals(
        "min is 4294967297 but must be an int (a rating scale's bound)"
            + " (at $.state.min, line 1, column 71)",
        refusal("\"min\":1", "\"min\":4294967297"));
    assertEquals(
        true,
        refusal("\"satisfiedFrom\":4", "\"satisfiedFrom\":4294967300")
            .startsWith("satisfiedFrom is 4294967300 but must be an int (a rating scale's bound)"));
    assertEquals(
        true,
        refusal("\"max\":5", "\"max\":-4294967291")
            .startsWith("max is -4294967291 but must be an int"));
    assertEquals(
        true,
        refusal("\"min\":1", "\"min\":-2147483649").startsWith("min is -2147483649 but must"));
  }

  @Test
  void aSatisfiedFromOffTheScaleIsNamedAsSuch() {
    assertEquals(
        true,
        refusal("\"satisfiedFrom\":4", "\"satisfiedFrom\":9")
            .matches(
                "satisfiedFrom is 9 but .*must be within 1\\.\\.5 \\(at \\$\\.state\\.satisfiedFrom,.*"),
        () -> refusal("\"satisfiedFrom\":4", "\"satisfiedFrom\":9"));
  }

  @Test
  void aScaleAtTheEndsOfTheIntRangeRoundTrips() {
    RatingAccumulator top =
        RatingAccumulator.create(
            RatingScale.of(Integer.MAX_VALUE - 4, Integer.MAX_VALUE, Integer.MAX_VALUE));
    top.add(Integer.MAX_VALUE);
    assertEquals(top.result(), RatingAccumulator.fromBytes(top.toBytes()).result());
    assertEquals(top.result(), RatingAccumulator.fromJson(top.toJson()).result());
    RatingAccumulator bottom =
        RatingAccumulator.create(
            RatingScale.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 10, Integer.MIN_VALUE + 5));
    bottom.add(Integer.MIN_VALUE);
    assertEquals(bottom.result(), RatingAccumulator.fromBytes(bottom.toBytes()).result());
  }
}
