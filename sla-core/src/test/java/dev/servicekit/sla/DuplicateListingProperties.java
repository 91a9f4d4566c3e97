package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The law of {@link DuplicateListingTest}: a list with a repeat is refused, naming the first value
 * that repeats, and the same list without repeats builds, keeping each value (in code, given in one
 * call or split over two, and in JSON, at the first repeat's index).
 */
class DuplicateListingProperties {

  /** Lists over four statuses, so that about half of them repeat one. */
  @Provide
  Arbitrary<List<String>> lists() {
    return Arbitraries.of("new", "open", "pending", "solved").list().ofMinSize(1).ofMaxSize(6);
  }

  /** The index of the first element equal to an earlier one, or -1. */
  private static int firstRepeat(List<String> values) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (!seen.add(values.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** A builder entry point: the values it was given, as the built object keeps them. */
  private record Site(String what, String field, Function<List<String>, Set<String>> build) {}

  private static final SlaMetric RES = SlaMetric.resolution();

  private static List<Site> sites(int split) {
    return List.of(
        new Site(
            "status",
            "pauseOn of metric resolution",
            l ->
                MetricRule.builder(RES)
                    .pauseOn(l.subList(0, split))
                    .pauseOn(l.subList(split, l.size()).toArray(String[]::new))
                    .build()
                    .pauseStatuses()),
        new Site(
            "tag",
            "pauseWhileTags of metric resolution",
            l ->
                MetricRule.builder(RES)
                    .pauseWhileTag(l.subList(0, split).toArray(String[]::new))
                    .pauseWhileTag(l.subList(split, l.size()).toArray(String[]::new))
                    .build()
                    .pauseTags()),
        new Site(
            "status",
            "pauseIn of metric m",
            l ->
                MetricDefinition.builder("m")
                    .startOn(MetricTrigger.created())
                    .stopOn(MetricTrigger.solved())
                    .pauseIn(l.subList(0, split))
                    .pauseIn(l.subList(split, l.size()))
                    .build()
                    .pauseStatuses()),
        new Site(
            "status",
            "trigger status_left values",
            l -> MetricTrigger.statusLeft(l.toArray(String[]::new)).values()),
        new Site(
            "tag",
            "pause condition tag values",
            l -> PauseCondition.tag(l.toArray(String[]::new)).parts().get(0).values()),
        new Site(
            "status",
            "statuses of stage s",
            l -> StageDefinition.of("s", l.toArray(String[]::new)).statuses()),
        new Site(
            "tag",
            "tags",
            l ->
                MatchCondition.always()
                    .withTags(l.subList(0, split).toArray(String[]::new))
                    .withTags(l.subList(split, l.size()).toArray(String[]::new))
                    .tags()));
  }

  @Property(tries = 300)
  void aListWithARepeatIsRefusedAndOneWithoutBuilds(
      @ForAll("lists") List<String> values, @ForAll @IntRange(min = 0, max = 6) int cut) {
    int split = Math.min(cut, values.size());
    int repeat = firstRepeat(values);
    for (Site site : sites(split)) {
      if (repeat < 0) {
        assertEquals(new LinkedHashSet<>(values), site.build().apply(values), site.field());
      } else {
        String m =
            assertThrows(
                    IllegalArgumentException.class, () -> site.build().apply(values), site.field())
                .getMessage();
        assertEquals(
            site.what() + " '" + values.get(repeat) + "' is listed twice in " + site.field(), m);
      }
    }
  }

  @Property(tries = 200)
  void aJsonListWithARepeatIsRefusedAtTheRepeat(@ForAll("lists") List<String> values) {
    StringBuilder array = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      array.append(i == 0 ? "" : ", ").append('"').append(values.get(i)).append('"');
    }
    String json =
        "{\"statuses\": [\"new\", \"open\", \"pending\", \"solved\"], \"solvedStatuses\":"
            + " [\"solved\"], \"defaultPolicy\": {\"name\": \"p\", \"matrix\": {\"default\":"
            + " \"normal\"}, \"metrics\": [{\"metric\": \"resolution\", \"pauseOn\": "
            + array.append(']')
            + "}]}}";
    int repeat = firstRepeat(values);
    if (repeat < 0) {
      MetricRule r = SlaPolicyJson.read(json).defaultPolicy().rules().get(RES);
      assertEquals(new LinkedHashSet<>(values), r.pauseStatuses());
    } else {
      String m =
          assertThrows(IllegalArgumentException.class, () -> SlaPolicyJson.read(json)).getMessage();
      String prefix =
          "status '"
              + values.get(repeat)
              + "' is listed twice (at $.defaultPolicy.metrics[0].pauseOn["
              + repeat
              + "], line 1, column ";
      assertEquals(prefix, m.substring(0, Math.min(m.length(), prefix.length())), m);
    }
  }
}
