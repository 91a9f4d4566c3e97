package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The importers read a timestamp as the instant it writes, or refuse it at its path: a day the
 * month does not have or the hour 24 was moved to another instant by the default (smart) resolver
 * ({@code 2026-02-30} read as 2026-02-28, {@code T24:00} as the next midnight), and an offset given
 * twice ({@code ZZ}) was read as one.
 */
class ImportTimestampFormTest {

  private static String zendesk(String createdAt) {
    return "{\"audits\":[{\"id\":1,\"ticket_id\":7,\"created_at\":\""
        + createdAt
        + "\",\"author_id\":5,\"events\":[{\"id\":11,\"type\":\"Create\","
        + "\"field_name\":\"status\",\"value\":\"new\"}]}]}";
  }

  private static String jira(String created) {
    return "{\"key\":\"SD-1\",\"fields\":{\"created\":\""
        + created
        + "\",\"comment\":{\"comments\":[]}},\"changelog\":{\"histories\":[]}}";
  }

  private static Instant zendeskAt(String createdAt) {
    return ZendeskAudits.read(zendesk(createdAt)).events().get(0).at();
  }

  private static Instant jiraAt(String created) {
    return JiraChangelog.read(jira(created)).events().get(0).at();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2026-02-30T09:00:00Z",
        "2026-02-29T09:00:00Z",
        "2026-04-31T09:00:00.000+0000",
        "2026-02-28T24:00:00Z",
        "2026-03-02T09:00:00ZZ",
        "2026-03-02T09:00:00+01:00+0100",
        "2026-03-02T09:00:00+0100+01:00",
        "2026-03-02T09:00:00Z+0000",
        "2026-03-02T09:00:00"
      })
  void aTimestampThatNamesNoInstantOrTwoOffsetsIsRefusedAtItsPath(String bad) {
    IllegalArgumentException z = assertThrows(IllegalArgumentException.class, () -> zendeskAt(bad));
    assertTrue(z.getMessage().contains("is not ISO-8601 with an offset"), z.getMessage());
    assertTrue(z.getMessage().contains("(at $.audits[0].created_at, line 1"), z.getMessage());
    IllegalArgumentException j = assertThrows(IllegalArgumentException.class, () -> jiraAt(bad));
    assertTrue(j.getMessage().contains("is not ISO-8601 with an offset"), j.getMessage());
    assertTrue(j.getMessage().contains("(at $.fields.created, line 1"), j.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2028-02-29T09:00:00Z",
        "2026-03-02T09:00:00+01:00",
        "2026-03-02T09:00:00.000+0100",
        "2026-03-02T09:00:00-0530",
        "2026-12-31T23:59:59.999999999Z"
      })
  void aTimestampWithOneOffsetInEitherFormIsRead(String good) {
    Instant expected =
        java.time.OffsetDateTime.parse(
                good.replaceAll("([+-]\\d\\d)(\\d\\d)$", "$1:$2"),
                java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant();
    assertEquals(expected, zendeskAt(good));
    assertEquals(expected, jiraAt(good));
  }

  /** Oracle: java.time's own check of each field. */
  @Property(tries = 300)
  void aDateTimeIsReadExactlyWhenTheCalendarHasIt(
      @ForAll @IntRange(min = 1901, max = 2298) int year,
      @ForAll @IntRange(min = 1, max = 12) int month,
      @ForAll @IntRange(min = 1, max = 31) int day,
      @ForAll @IntRange(min = 0, max = 24) int hour,
      @ForAll @IntRange(min = -14 * 60, max = 14 * 60) int offsetMinutes,
      @ForAll boolean colon) {
    int h = Math.abs(offsetMinutes) / 60;
    int m = Math.abs(offsetMinutes) % 60;
    String offset =
        (offsetMinutes < 0 ? "-" : "+")
            + String.format("%02d", h)
            + (colon ? ":" : "")
            + String.format("%02d", m);
    String text = String.format("%04d-%02d-%02dT%02d:30:00%s", year, month, day, hour, offset);
    boolean exists = day <= YearMonth.of(year, month).lengthOfMonth() && hour < 24;
    if (exists) {
      Instant expected =
          LocalDateTime.of(year, month, day, hour, 30)
              .toInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
      assertEquals(expected, zendeskAt(text), text);
    } else {
      assertThrows(IllegalArgumentException.class, () -> zendeskAt(text), text);
    }
  }
}
