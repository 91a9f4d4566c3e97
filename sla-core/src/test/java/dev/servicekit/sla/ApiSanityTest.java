package dev.servicekit.sla;

import com.google.common.testing.EqualsTester;
import com.google.common.testing.NullPointerTester;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Guava testlib audit of the public types: every null argument is rejected; equals is sound. */
class ApiSanityTest {

  private static NullPointerTester tester() {
    return new NullPointerTester()
        .setDefault(ZoneId.class, ZoneOffset.UTC)
        .setDefault(Instant.class, Instant.parse("2026-06-01T10:00:00Z"))
        .setDefault(Duration.class, Duration.ofHours(1))
        .setDefault(LocalDate.class, LocalDate.of(2026, 6, 1))
        .setDefault(LocalTime.class, LocalTime.NOON)
        .setDefault(DayOfWeek.class, DayOfWeek.MONDAY)
        .setDefault(TimeRange.class, TimeRange.parse("09:00-17:00"))
        .setDefault(String.class, "x")
        .setDefault(CharSequence.class, "09:00-17:00");
  }

  private static BusinessCalendar office() {
    return BusinessCalendar.builder(ZoneOffset.UTC)
        .weekdays(TimeRange.parse("09:00-17:00"))
        .build();
  }

  @Test
  void publicMethodsRejectNulls() {
    NullPointerTester t = tester().setDefault(BusinessCalendar.class, office());
    t.testAllPublicStaticMethods(BusinessCalendar.class);
    t.testAllPublicInstanceMethods(office());
    t.testAllPublicInstanceMethods(office().union(office()));
    t.testAllPublicInstanceMethods(BusinessCalendar.builder(ZoneOffset.UTC));
    t.testAllPublicStaticMethods(TimeRange.class);
    t.testAllPublicInstanceMethods(TimeRange.parse("22:00-06:00"));
    t.testAllPublicConstructors(TimeRange.class);
    t.testAllPublicConstructors(OpenPeriod.class);
    t.testAllPublicInstanceMethods(
        new OpenPeriod(
            Instant.parse("2026-06-01T10:00:00Z"), Instant.parse("2026-06-01T11:00:00Z")));
    t.testAllPublicStaticMethods(CalendarJson.class);
  }

  @Test
  void equalityFollowsTheDefinition() {
    new EqualsTester()
        .addEqualityGroup(TimeRange.parse("18:00-24:00"), TimeRange.parse("18:00-00:00"))
        .addEqualityGroup(TimeRange.parse("18:00-23:00"))
        .testEquals();
    new EqualsTester()
        .addEqualityGroup(office(), office(), office().toBuilder().build())
        .addEqualityGroup(office().withId("other"))
        .addEqualityGroup(office().toBuilder().holiday(LocalDate.of(2026, 6, 1)).build())
        .addEqualityGroup(
            BusinessCalendar.builder(ZoneId.of("Europe/Berlin"))
                .weekdays(TimeRange.parse("09:00-17:00"))
                .build())
        .addEqualityGroup(
            office().union(office().withId("b")), office().union(office().withId("b")))
        .addEqualityGroup(office().intersection(office().withId("b")))
        .testEquals();
  }
}
