/**
 * QA checklists (scorecards) and their scoring.
 *
 * <p>A {@link dev.servicekit.qa.Checklist} is versioned and immutable; {@link
 * dev.servicekit.qa.Checklist#score(java.util.Map)} turns answers into a {@link
 * dev.servicekit.qa.ScoreResult}; an {@link dev.servicekit.qa.Evaluation} stores that result pinned
 * to the checklist version. Semantics in one place:
 *
 * <ul>
 *   <li>A criterion earns {@code points / maxPoints} of its weight; N/A (or a missing optional
 *       answer) removes it from numerator and denominator.
 *   <li>Scores are exact rationals rounded once, half-up, to 2 decimals; bands are matched on the
 *       rounded score, with half-open intervals {@code [from, next.from)} and the last band closed
 *       at 100.
 *   <li>Critical failure (answer below the pass mark): {@code FAIL_FORM} sets the final score to 0,
 *       {@code FAIL_SECTION} zeroes the section (its share of the total and its bonus criteria),
 *       {@code RECORD_ONLY} only flags it. The base score before bonus and auto-fail is kept.
 *   <li>Bonus criteria add {@code weight * points / maxPoints} percentage points on top of the base
 *       score, none from a failed section; the total is capped at 100 unless {@link
 *       dev.servicekit.qa.Checklist#bonusAbove100()}.
 * </ul>
 */
package dev.servicekit.qa;
