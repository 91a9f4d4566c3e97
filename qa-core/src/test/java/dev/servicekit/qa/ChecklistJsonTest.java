package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecklistJsonTest {

  static String resource(String name) throws IOException {
    try (InputStream in = ChecklistJsonTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void readsTheSameChecklistAsTheBuilder() throws IOException {
    Checklist fromJson = ChecklistJson.read(resource("inbound-calls.json"));
    Checklist fromCode =
        Checklist.builder("inbound-calls", 3)
            .name("Inbound calls")
            .mode(ScoringMode.WEIGHTED_SECTIONS)
            .section(
                Section.of(
                    "opening",
                    "Opening",
                    BigDecimal.valueOf(20),
                    List.of(
                        Criterion.builder("greet").name("Greets with name and company").build(),
                        Criterion.builder("good-time")
                            .name("Asks if it is a good time to talk")
                            .naAllowed(true)
                            .build())))
            .section(
                Section.of(
                    "resolution",
                    "Resolution",
                    BigDecimal.valueOf(50),
                    List.of(
                        Criterion.builder("verify")
                            .name("Verifies identity")
                            .weight(2)
                            .criticality(Criticality.FAIL_FORM)
                            .build(),
                        Criterion.builder("solution")
                            .name("Correct solution")
                            .weight(3)
                            .scale(Scale.rating(5))
                            .build(),
                        Criterion.builder("process")
                            .name("Follows process")
                            .weight(new BigDecimal("1.5"))
                            .scale(Scale.threeLevel())
                            .build())))
            .section(
                Section.of(
                    "soft-skills",
                    "Soft skills",
                    BigDecimal.valueOf(30),
                    List.of(
                        Criterion.builder("tone").scale(Scale.range(0, 10)).build(),
                        Criterion.builder("empathy")
                            .scale(
                                Scale.of(
                                    List.of(
                                        AnswerOption.of("excellent", 3),
                                        new AnswerOption("ok", new BigDecimal("1.5")),
                                        AnswerOption.of("poor", 0))))
                            .build(),
                        Criterion.builder("wow").weight(5).bonus(true).required(false).build())))
            .bands(ChecklistScoringTest.issueBands())
            .build();
    assertEquals(fromCode, fromJson);
    ScoreResult r =
        fromJson.score(
            ChecklistScoringTest.answers(
                "greet",
                "yes",
                "good-time",
                "N/A",
                "verify",
                "yes",
                "solution",
                "4",
                "process",
                "partial",
                "tone",
                "8",
                "empathy",
                "ok"));
    // opening 100; resolution (2*1 + 3*0.75 + 1.5*0.5)/6.5 = 5/6.5; soft (0.8 + 0.5)/2 = 0.65
    // total = 20*1 + 50*(5/6.5) + 30*0.65 = 20 + 38.4615... + 19.5 = 77.96
    assertEquals(Optional.of(new BigDecimal("77.96")), r.score());
    assertEquals("fine", r.band().orElseThrow().name());
  }

  @Property(tries = 200)
  void writeThenReadIsIdentity(@ForAll long seed) {
    Checklist c = RandomChecklists.randomChecklist(new Random(seed));
    assertEquals(c, ChecklistJson.read(ChecklistJson.write(c)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\",\"weight\":-1}]}]}"
            + "| weight -1 of criterion 'a' must be in [0, 1000000] with at most 4 decimals (at"
            + " $.sections[0].criteria[0].weight)",
        "{\"id\":\"c\",\"version\":0,\"sections\":[]}| version 0 of checklist 'c' must be >= 1 (at $.version)",
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\"},{\"id\":\"b\",\"scale\":{\"type\":\"rating\",\"points\":1}}]}]}"
            + "| rating scale size 1 must be in 2..100 (at $.sections[0].criteria[1].scale.points)",
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\",\"wieght\":2}]}]}"
            + "| (at $.sections[0].criteria[0].wieght)",
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\",\"criticality\":\"SOMETIMES\"}]}]}"
            + "| criticality 'SOMETIMES' must be one of",
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\",\"criticality\":\"fa\u0131l_form\"}]}]}"
            + "| criticality 'fa\u0131l_form' must be one of",
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\"}]}],\"bands\":[{\"name\":\"x\",\"from\":5,\"action\":\"y\"}]}"
            + "| bands[0].from 5 must be 0 (no gap below) (at $.bands[0].from)",
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\",\"scale\":{\"type\":\"custom\",\"options\":[{\"id\":\"x\",\"points\":0}]}}]}]}"
            + "| must have an option with points > 0 (at $.sections[0].criteria[0].scale.options)",
        "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\",\"naAllowed\":\"yes\"}]}]}"
            + "| expected true or false but found \"yes\" (at $.sections[0].criteria[0].naAllowed)",
        "{\"id\":\"c\"| checklist JSON is malformed"
      })
  void errorsNameTheJsonPath(String json, String fragment) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ChecklistJson.read(json));
    // the path is followed by the line and column of its value
    String located = fragment.strip().replaceFirst("\\)$", ", line 1, column ");
    assertTrue(e.getMessage().contains(located), e.getMessage());
  }

  @Test
  void builderAndJsonRejectWithTheSameMessage() {
    IllegalArgumentException code =
        assertThrows(IllegalArgumentException.class, () -> Criterion.builder("a").weight(-1));
    IllegalArgumentException json =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ChecklistJson.read(
                    "{\"id\":\"c\",\"version\":1,\"sections\":[{\"id\":\"s\",\"criteria\":[{\"id\":\"a\",\"weight\":-1}]}]}"));
    assertTrue(json.getMessage().startsWith(code.getMessage()));
  }

  @Test
  void answersFromJsonScoreLikeAnswersFromCode() throws IOException {
    Checklist c = ChecklistJson.read(resource("inbound-calls.json"));
    String json =
        "{\"greet\":\"yes\",\"good-time\":null,\"verify\":\"yes\",\"solution\":\"4\","
            + "\"process\":\"partial\",\"tone\":\"8\",\"empathy\":\"ok\"}";
    assertEquals(
        c.score(
            ChecklistScoringTest.answers(
                "greet",
                "yes",
                "good-time",
                "N/A",
                "verify",
                "yes",
                "solution",
                "4",
                "process",
                "partial",
                "tone",
                "8",
                "empathy",
                "ok")),
        c.score(ChecklistJson.readAnswers(json)));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ChecklistJson.readAnswers("{\"greet\": 1}"));
    assertTrue(e.getMessage().contains("answer for criterion 'greet'"), e.getMessage());
    IllegalArgumentException scale =
        assertThrows(
            IllegalArgumentException.class,
            () -> c.score(ChecklistJson.readAnswers(json.replace("\"8\"", "\"11\""))));
    assertTrue(scale.getMessage().contains("answer '11' for criterion 'tone'"), scale.getMessage());
  }

  /**
   * A scale is written in the shortest form that reads back equal: the named forms the format
   * documents, and the custom form only for other option lists.
   */
  @ParameterizedTest
  @CsvSource({"binary", "threeLevel", "rating", "range", "ratingLike", "custom"})
  void aScaleIsWrittenInItsNamedFormAndReadsBackEqual(String kind) {
    Scale scale =
        switch (kind) {
          case "binary" -> Scale.binary();
          case "threeLevel" -> Scale.threeLevel();
          case "rating" -> Scale.rating(5);
          case "range" -> Scale.range(1, 10);
          case "ratingLike" -> // rating(3)'s ids with other points: not a rating
              Scale.of(
                  List.of(
                      AnswerOption.of("3", 4), AnswerOption.of("2", 1), AnswerOption.of("1", 0)));
          default -> Scale.of(List.of(AnswerOption.of("good", 3), AnswerOption.of("bad", 0)));
        };
    Checklist c =
        Checklist.builder("calls", 1)
            .section(Section.of("s", 1, List.of(Criterion.builder("greet").scale(scale).build())))
            .build();
    String json = ChecklistJson.write(c);
    String type =
        switch (kind) {
          case "ratingLike" -> "custom";
          default -> kind;
        };
    assertTrue(json.contains("\"type\" : \"" + type + "\""), json);
    assertEquals(type.equals("custom"), json.contains("\"options\""), json);
    assertEquals(c, ChecklistJson.read(json));
  }
}
