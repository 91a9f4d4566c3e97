package dev.servicekit.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random lifecycles of an evaluation (revisions across checklist versions, disputes raised and
 * resolved) against a simple model of the README ("Revised evaluations and disputes") and the
 * javadoc of {@link Evaluation}: each revision keeps the replaced state (its version, answers and
 * score), the current score is the score of the current answers, instants never go back, and every
 * state reads back equal from its JSON.
 */
class EvaluationLifecycleProperties {

  private static final Instant FIRST = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant END = Instant.parse("2300-01-01T00:00:00Z");

  private record ModelRevision(
      Instant at, String by, String reason, int version, Map<String, Answer> answers) {}

  private static Instant between(Random r, Instant from, Instant to) {
    long span = to.getEpochSecond() - from.getEpochSecond();
    long s = span <= 0 ? 0 : (long) (r.nextDouble() * span);
    Instant at = from.plusSeconds(s);
    if (r.nextBoolean()) {
      at = at.plusNanos(r.nextInt(1_000_000_000));
    }
    return at.isBefore(to) ? at : from;
  }

  private static Map<String, String> comments(Checklist c, Random r) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Criterion cr : c.criteria()) {
      if (r.nextInt(4) == 0) {
        m.put(cr.id(), "note " + r.nextInt(100) + (r.nextBoolean() ? "\nline two é ✓" : ""));
      }
    }
    return m;
  }

  @Property(tries = 200)
  void revisionsAndDisputesFollowTheModelAndRoundTrip(@ForAll long seed) {
    Random r = new Random(seed);
    Checklist v1 = RandomChecklists.randomChecklist(r);
    Checklist v2 = RandomChecklists.randomChecklist(r).toBuilder(2).build();
    Checklist v3 = RandomChecklists.randomChecklist(r).toBuilder(3).build();
    List<Checklist> versions = List.of(v1, v2, v3);
    ChecklistRegistry reg = new ChecklistRegistry();
    versions.forEach(reg::register);

    Checklist current = versions.get(r.nextInt(3));
    Instant evaluatedAt = between(r, FIRST, END.minusSeconds(86_400L * 365 * 50));
    Map<String, Answer> answers = RandomChecklists.randomAnswers(current, r);
    Map<String, String> comments = comments(current, r);
    Evaluation e =
        Evaluation.of(
            current,
            "i" + seed,
            "agent",
            "rev",
            evaluatedAt,
            answers,
            comments,
            List.of(),
            List.of());
    List<ModelRevision> revisions = new ArrayList<>();
    List<Optional<BigDecimal>> revisionScores = new ArrayList<>();
    List<Dispute> disputes = new ArrayList<>();
    Instant last = evaluatedAt;

    int steps = 1 + r.nextInt(6);
    for (int step = 0; step < steps; step++) {
      int op = r.nextInt(4);
      if (op == 3) {
        // rescore: same answers, comments on criteria the version lacks dropped, nothing recorded
        Checklist next = versions.get(r.nextInt(3));
        Map<String, Answer> answersNow = answers;
        boolean fits =
            answersNow.keySet().stream().allMatch(id -> next.criterion(id).isPresent())
                && disputes.stream()
                    .allMatch(
                        d ->
                            d.criterionId().isEmpty()
                                || next.criterion(d.criterionId().get()).isPresent());
        if (fits) {
          try {
            next.score(answersNow);
          } catch (IllegalArgumentException ex) {
            fits = false;
          }
        }
        Evaluation before = e;
        if (!fits) {
          assertThrows(IllegalArgumentException.class, () -> before.rescore(next));
          continue;
        }
        e = e.rescore(next);
        Map<String, String> kept = new LinkedHashMap<>();
        comments.forEach(
            (k, v) -> {
              if (next.criterion(k).isPresent()) {
                kept.put(k, v);
              }
            });
        comments = kept;
        current = next;
      } else if (op == 0) {
        Checklist next = versions.get(r.nextInt(3));
        Map<String, Answer> newAnswers = RandomChecklists.randomAnswers(next, r);
        Map<String, String> newComments = comments(next, r);
        boolean early = r.nextInt(6) == 0 && last.isAfter(FIRST);
        Instant at =
            early ? between(r, FIRST, last) : (r.nextInt(4) == 0 ? last : between(r, last, END));
        boolean disputesFit =
            disputes.stream()
                .allMatch(
                    d ->
                        d.criterionId().isEmpty()
                            || next.criterion(d.criterionId().get()).isPresent());
        Evaluation before = e;
        Checklist checklistNow = current;
        Map<String, Answer> answersNow = answers;
        if (early || !disputesFit) {
          assertThrows(
              IllegalArgumentException.class,
              () -> before.revise(next, newAnswers, newComments, "lead", at, "rescored"));
          continue;
        }
        e = e.revise(next, newAnswers, newComments, "lead", at, "rescored");
        revisions.add(
            new ModelRevision(at, "lead", "rescored", checklistNow.version(), answersNow));
        revisionScores.add(ScoringOracle.score(checklistNow, answersNow).score());
        current = next;
        answers = newAnswers;
        comments = newComments;
        last = at;
      } else if (op == 1) {
        boolean early = r.nextInt(6) == 0 && evaluatedAt.isAfter(FIRST);
        Instant at = early ? between(r, FIRST, evaluatedAt) : between(r, evaluatedAt, END);
        List<Criterion> cs = current.criteria();
        Optional<String> on =
            r.nextBoolean() ? Optional.empty() : Optional.of(cs.get(r.nextInt(cs.size())).id());
        Dispute d = Dispute.open("agent", at, on, "disagree");
        Evaluation before = e;
        Checklist checklistNow = current;
        if (early) {
          assertThrows(IllegalArgumentException.class, () -> before.withDispute(d, checklistNow));
          continue;
        }
        e = e.withDispute(d, current);
        disputes.add(d);
      } else {
        int open = -1;
        for (int i = 0; i < disputes.size(); i++) {
          if (disputes.get(i).status() == Dispute.Status.OPEN) {
            open = i;
          }
        }
        if (open < 0) {
          continue;
        }
        Dispute d = disputes.get(open);
        Instant at = between(r, d.raisedAt(), END);
        Dispute resolved =
            d.resolve(
                r.nextBoolean() ? Dispute.Status.UPHELD : Dispute.Status.REJECTED, "lead", at);
        e = e.withDispute(open, resolved, current);
        disputes.set(open, resolved);
      }

      // the model
      assertEquals(current.version(), e.checklistVersion());
      assertEquals(evaluatedAt, e.evaluatedAt());
      assertEquals(answers, e.answers());
      assertEquals(comments, e.comments());
      assertEquals(disputes, e.disputes());
      assertEquals(ScoringOracle.score(current, answers).score(), e.result().score());
      assertEquals(revisions.size(), e.revisions().size());
      for (int i = 0; i < revisions.size(); i++) {
        ModelRevision m = revisions.get(i);
        Revision got = e.revisions().get(i);
        assertEquals(m.at(), got.revisedAt());
        assertEquals(m.by(), got.revisedBy());
        assertEquals(m.reason(), got.reason());
        assertEquals(m.version(), got.checklistVersion());
        assertEquals(m.answers(), got.answers());
        assertTrue(Evaluation.sameScore(revisionScores.get(i), got.score()), "revision " + i);
        assertEquals(revisionScores.get(i), got.score());
      }

      // JSON
      String json = EvaluationJson.write(e);
      Evaluation back = EvaluationJson.read(json, reg);
      assertEquals(e, back, json);
      assertEquals(json, EvaluationJson.write(back));
    }
  }
}
