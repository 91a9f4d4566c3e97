package dev.servicekit.qa.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.analytics.ScoreAggregator.FieldCheck;
import dev.servicekit.qa.internal.Counts;
import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import dev.servicekit.qa.internal.Instants;
import dev.servicekit.qa.internal.JsonInput;
import dev.servicekit.qa.internal.SnapshotJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Scores per agent and period counted exactly once from an at-least-once, out-of-order feed of
 * evaluations, keyed by the caller's evaluation id (a review's id in the QA tool): a {@link
 * ScoreAggregator} behind a ledger of the last state seen of every evaluation.
 *
 * <p>{@link #put(String, Evaluation)} takes an evaluation's state as delivered, again or late:
 *
 * <ul>
 *   <li>the first state of an id adds its score ({@link Outcome#ADDED});
 *   <li>a later state replaces the score held ({@link Outcome#REVISED}): later means more {@link
 *       Evaluation#revisions() revisions}, or as many on a higher checklist version (a {@link
 *       Evaluation#rescore rescore});
 *   <li>the same state again changes nothing ({@link Outcome#UNCHANGED}), and neither does an
 *       earlier one ({@link Outcome#STALE}): a redelivered or overtaken message;
 *   <li>after {@link #remove(String)} the id stays removed ({@link Outcome#AFTER_REMOVAL}), also
 *       when the removal arrived before the evaluation itself; the evaluation's first state after
 *       such a removal is then held as removed, so the id refuses another evaluation and a close of
 *       its period forgets it, whichever of the two came first.
 * </ul>
 *
 * Every call is counted by its outcome ({@link #count(Outcome)}), so nothing is dropped without
 * being counted. What cannot be told apart is refused with an {@link IllegalArgumentException},
 * changing nothing: an id reused for another evaluation (another interaction, agent, reviewer,
 * first evaluation instant or checklist, named in the message), and two states of one evaluation at
 * the same revision and checklist version with different scores.
 *
 * <p>Memory grows with the ids held, about 0.2 KB each besides the evaluation's strings, which the
 * ledger keeps. {@link #closeBefore(LocalDate)} closes the periods before a day: their scores stay
 * counted and their ids are forgotten; a later call for an evaluation in a closed period changes
 * nothing and is counted {@link Outcome#LATE}, since the ledger can no longer tell whether it was
 * counted.
 *
 * <p>Shards by evaluation id (or by anything else) merge with {@link #merge(ScoreLedger)} into the
 * ledger one instance fed every call would hold, up to the floating-point rounding of the scores'
 * moments; its {@link #count(Outcome)} are the sums of the shards' counts (an evaluation delivered
 * to two shards counts {@link Outcome#ADDED} twice, where one instance counts it {@link
 * Outcome#UNCHANGED} the second time). {@link #toBytes()} and {@link #fromBytes(byte[])} write and
 * read a checksummed snapshot; {@link #toJson()} and {@link #fromJson(String)} the same as JSON, by
 * the same rules.
 *
 * <p>Outcome shares ({@link OutcomeShares}: score bands, script compliance) can sit behind the
 * ledger too ({@link #create(Granularity, ZoneId, java.util.List)}): they count each evaluation's
 * last state once, as the scores do, and travel in its merges and snapshots.
 *
 * <p>Mutable and <em>not</em> thread-safe: one per thread (or shard), merged.
 */
public final class ScoreLedger {

  /** The kind byte of a score ledger snapshot. */
  public static final int SNAPSHOT_KIND = 0x32;

  /** The snapshot format version written and read. */
  public static final int SNAPSHOT_VERSION = 2;

  /** What a call did. */
  public enum Outcome {
    /** The first state of an evaluation: its score (if any) was added. */
    ADDED,
    /** A later state of a held evaluation: its score replaced the one held. */
    REVISED,
    /** The state held, delivered again: nothing changed. */
    UNCHANGED,
    /** An earlier state than the one held: nothing changed. */
    STALE,
    /** A removal: the held score (if any) was withdrawn, and the id stays removed. */
    REMOVED,
    /**
     * A state or removal of an id already removed: no score changed (a removal that came before any
     * state learns the evaluation it removed).
     */
    AFTER_REMOVAL,
    /** An evaluation in a closed period: nothing changed. */
    LATE
  }

  /** The last state seen of one evaluation id, or its removal. */
  private static final class Entry {
    final String interactionId;
    final String agentId;
    final String reviewerId;
    final Instant evaluatedAt;
    final String checklistId;
    final LocalDate periodStart;
    // null (with revisions -1 and no score) for a removal that arrived before any state
    final int revisions;
    final int checklistVersion;
    final boolean scored;
    final double score;
    final boolean removed;
    // per outcome share recorder i of the ledger, the outcome at i (null: none) and the team it was
    // counted in at k + i (k recorders); null if the ledger has none
    final String[] outcomes;

    Entry(
        String interactionId,
        String agentId,
        String reviewerId,
        Instant evaluatedAt,
        String checklistId,
        LocalDate periodStart,
        int revisions,
        int checklistVersion,
        boolean scored,
        double score,
        boolean removed,
        String[] outcomes) {
      this.interactionId = interactionId;
      this.agentId = agentId;
      this.reviewerId = reviewerId;
      this.evaluatedAt = evaluatedAt;
      this.checklistId = checklistId;
      this.periodStart = periodStart;
      this.revisions = revisions;
      this.checklistVersion = checklistVersion;
      this.scored = scored;
      this.score = score;
      this.removed = removed;
      this.outcomes = outcomes;
    }

    /** A removal of an id never seen: it holds no identity. */
    static Entry removedUnseen() {
      return new Entry(null, null, null, null, null, null, -1, 0, false, 0, true, null);
    }

    boolean seen() {
      return interactionId != null;
    }

    Entry asRemoved() {
      return new Entry(
          interactionId,
          agentId,
          reviewerId,
          evaluatedAt,
          checklistId,
          periodStart,
          revisions,
          checklistVersion,
          false,
          0,
          true,
          outcomes);
    }

    /**
     * Whether this state is held and counted in the outcome shares (with or without an outcome).
     */
    boolean inShares() {
      return !removed && interactionId != null;
    }

    /** Whether this state is held and counted in the scores. */
    boolean counted() {
      return !removed && scored;
    }

    /** Whether both are unscored, or both scored with the same score. */
    boolean sameScore(Entry o) {
      return scored == o.scored && (!scored || Double.compare(score, o.score) == 0);
    }

    int compareVersion(Entry o) {
      int c = Integer.compare(revisions, o.revisions);
      return c != 0 ? c : Integer.compare(checklistVersion, o.checklistVersion);
    }

    String version() {
      return revisions + " revisions on checklist version " + checklistVersion;
    }
  }

  private final ScoreAggregator scores;
  private final OutcomeShares[] shares; // fed as the scores are; empty if none
  private final Map<String, Entry> entries = new HashMap<>();
  // Periods starting before it are closed (null: none).
  private LocalDate closedBefore;
  private final long[] counts = new long[Outcome.values().length];

  private ScoreLedger(ScoreAggregator scores, OutcomeShares[] shares) {
    this.scores = scores;
    this.shares = shares;
  }

  /**
   * Creates an empty ledger.
   *
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @return the ledger
   */
  public static ScoreLedger create(Granularity granularity, ZoneId zone) {
    return create(granularity, zone, DayOfWeek.MONDAY);
  }

  /**
   * Creates an empty ledger whose weeks start on {@code firstDayOfWeek} (days and months ignore it,
   * as {@link ScoreAggregator#create(Granularity, ZoneId, DayOfWeek)} does).
   *
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @param firstDayOfWeek the day a {@link Granularity#WEEK} starts, e.g. {@link DayOfWeek#SUNDAY}
   * @return the ledger
   */
  public static ScoreLedger create(Granularity granularity, ZoneId zone, DayOfWeek firstDayOfWeek) {
    return new ScoreLedger(
        ScoreAggregator.create(granularity, zone, firstDayOfWeek), new OutcomeShares[0]);
  }

  /**
   * Creates an empty ledger that also counts outcome shares exactly once: each recorder counts what
   * its template counts ({@link OutcomeShares#bands} or {@link OutcomeShares#scriptCompliance}, of
   * the ledger's granularity and zone; the templates' own counts are not read), fed with every
   * evaluation's last state as the scores are, a removal withdrawing it. Each id then also holds
   * its outcome per recorder (a reference to the evaluation's band name or to {@code pass}/{@code
   * fail}, a few bytes).
   *
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @param shares the templates of the recorders, in the order {@link #shares()} returns them
   * @return the ledger
   * @throws IllegalArgumentException if a template counts in other periods or another zone, naming
   *     its index
   */
  public static ScoreLedger create(
      Granularity granularity, ZoneId zone, java.util.List<OutcomeShares> shares) {
    return create(granularity, zone, DayOfWeek.MONDAY, shares);
  }

  /**
   * Creates an empty ledger that also counts outcome shares exactly once, as {@link
   * #create(Granularity, ZoneId, java.util.List)}, weeks starting on {@code firstDayOfWeek}; the
   * templates must count weeks starting on the same day.
   *
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @param firstDayOfWeek the day a {@link Granularity#WEEK} starts, e.g. {@link DayOfWeek#SUNDAY}
   * @param shares the templates of the recorders, in the order {@link #shares()} returns them
   * @return the ledger
   * @throws IllegalArgumentException if a template counts in other periods (another first day of
   *     the week included) or another zone, naming its index
   */
  public static ScoreLedger create(
      Granularity granularity,
      ZoneId zone,
      DayOfWeek firstDayOfWeek,
      java.util.List<OutcomeShares> shares) {
    Objects.requireNonNull(shares, "shares");
    ScoreAggregator scores = ScoreAggregator.create(granularity, zone, firstDayOfWeek);
    OutcomeShares[] own = new OutcomeShares[shares.size()];
    for (int i = 0; i < own.length; i++) {
      OutcomeShares t = Objects.requireNonNull(shares.get(i), "shares " + i);
      requireLike(t, scores, "shares " + i);
      own[i] = t.emptyLike();
    }
    return new ScoreLedger(scores, own);
  }

  private static void requireLike(OutcomeShares t, ScoreAggregator scores, String what) {
    Granularity g = scores.granularity();
    if (t.granularity() != g
        || t.firstDayOfWeek() != scores.firstDayOfWeek()
        || !Granularity.sameDates(t.zone(), scores.zone())) {
      throw new IllegalArgumentException(
          what
              + " counts "
              + t.granularity().describe(t.firstDayOfWeek())
              + " periods in "
              + t.zone()
              + ", the ledger "
              + g.describe(scores.firstDayOfWeek())
              + " periods in "
              + scores.zone());
    }
  }

  /**
   * Copies of the outcome share recorders the ledger feeds ({@link #create(Granularity, ZoneId,
   * java.util.List)}), in their order; empty if it feeds none.
   *
   * @return the recorders, each holding the ledger's counts
   */
  public java.util.List<OutcomeShares> shares() {
    java.util.List<OutcomeShares> out = new java.util.ArrayList<>(shares.length);
    for (OutcomeShares s : shares) {
      out.add(s.copy());
    }
    return java.util.List.copyOf(out);
  }

  /**
   * The cells each recorder counts {@code e}'s outcomes in, checked (team function, overflow); for
   * the recorders where {@code only} is null or true.
   */
  private Object[] checkAddShares(Entry e, boolean[] only) {
    Object[] cells = new Object[shares.length];
    for (int i = 0; i < shares.length; i++) {
      if (only == null || only[i]) {
        cells[i] =
            shares[i].checkAddAt(
                e.agentId, e.outcomes[shares.length + i], e.periodStart, e.outcomes[i]);
      }
    }
    return cells;
  }

  private Object[] checkRetractShares(OutcomeShares[] from, Entry e, boolean[] only) {
    Object[] cells = new Object[from.length];
    for (int i = 0; i < from.length; i++) {
      if (only == null || only[i]) {
        cells[i] =
            from[i].checkRetractAt(
                e.agentId, e.outcomes[from.length + i], e.periodStart, e.outcomes[i]);
      }
    }
    return cells;
  }

  private void addShares(Entry e, Object[] cells) {
    for (int i = 0; i < shares.length; i++) {
      if (cells[i] != null) {
        shares[i].addAt(cells[i], e.outcomes[i]);
      }
    }
  }

  private static void retractShares(OutcomeShares[] from, Entry e, Object[] cells) {
    for (int i = 0; i < from.length; i++) {
      if (cells[i] != null) {
        from[i].retractAt(cells[i], e.outcomes[i]);
      }
    }
  }

  /**
   * Takes a state of an evaluation, as delivered (see the class comment), {@code O(1)} expected.
   *
   * @param evaluationId the caller's id of the evaluation (not blank, at most 128 characters, no
   *     control characters or unpaired surrogates), the same for all its states
   * @param evaluation the state
   * @return what the call did; it is counted
   * @throws IllegalArgumentException if the id breaks the id rule, is held for another evaluation
   *     (the message names the field that differs), holds the same version of this evaluation with
   *     another score or another outcome in a share recorder, the score is out of range, or a
   *     script recorder cannot judge the evaluation (its checklist lacks the script's criteria);
   *     nothing changes
   * @throws NullPointerException if a share recorder's team function gives no team for the agent (a
   *     blank team is an {@code IllegalArgumentException}); nothing changes
   * @throws ArithmeticException if a count would overflow a long (a score count, or the count of
   *     this call's outcome, only after a restored or merged count near {@code Long.MAX_VALUE});
   *     nothing changes
   */
  public Outcome put(String evaluationId, Evaluation evaluation) {
    Objects.requireNonNull(evaluationId, "evaluationId");
    Objects.requireNonNull(evaluation, "evaluation");
    Ids.require(evaluationId, "evaluationId");
    Entry next = entryOf(evaluation);
    if (next.scored) {
      ScoreAccumulator.checkScore(next.score);
    }
    Entry held = entries.get(evaluationId);
    if (held != null && held.seen()) {
      requireSameEvaluation(evaluationId, held, next);
    }
    if (closed(next.periodStart)) {
      countAfter(Outcome.LATE);
      if (held != null && held.removed && !held.seen()) {
        // A removal that came first, for an evaluation of a period now closed: the close would
        // have forgotten the id had the evaluation come before it, so it is forgotten now.
        entries.remove(evaluationId);
      }
      return counted(Outcome.LATE);
    }
    if (held == null) {
      countAfter(Outcome.ADDED);
      Object[] cells = checkAddShares(next, null);
      if (next.scored) {
        scores.addAt(next.agentId, next.periodStart, next.score);
      }
      addShares(next, cells);
      entries.put(evaluationId, next);
      return counted(Outcome.ADDED);
    }
    if (held.removed) {
      countAfter(Outcome.AFTER_REMOVAL);
      if (!held.seen()) {
        // The removal came first: the evaluation it removed is now known, so the id refuses
        // another evaluation and its period's close forgets it, as if the removal came second.
        entries.put(evaluationId, next.asRemoved());
      }
      return counted(Outcome.AFTER_REMOVAL);
    }
    int c = next.compareVersion(held);
    if (c < 0) {
      return counted(Outcome.STALE);
    }
    if (c == 0) {
      requireSameOutcomes(evaluationId, held, next, "this state");
      if (!held.sameScore(next)) {
        throw new IllegalArgumentException(
            "evaluationId "
                + Excerpts.quote(evaluationId)
                + " holds "
                + held.version()
                + " scored "
                + scoreText(held)
                + ", and this state of the same version is scored "
                + scoreText(next)
                + ": two states of one version cannot differ in score ("
                + evaluation
                + ")");
      }
      return counted(Outcome.UNCHANGED);
    }
    boolean[] moved = new boolean[shares.length]; // recorders whose outcome changes
    for (int i = 0; i < shares.length; i++) {
      moved[i] =
          !Objects.equals(held.outcomes[i], next.outcomes[i])
              || !held.outcomes[shares.length + i].equals(next.outcomes[shares.length + i]);
    }
    countAfter(Outcome.REVISED);
    Object[] out = checkRetractShares(shares, held, moved);
    Object[] in = checkAddShares(next, moved);
    if (held.scored && held.sameScore(next)) {
      // same score: the moments stay as they are, not re-rounded
    } else {
      if (held.scored) {
        scores.retractAt(held.agentId, held.periodStart, held.score, evaluation);
      }
      if (next.scored) {
        scores.addAt(next.agentId, next.periodStart, next.score);
      }
    }
    retractShares(shares, held, out);
    addShares(next, in);
    entries.put(evaluationId, next);
    return counted(Outcome.REVISED);
  }

  /**
   * Removes an evaluation (a deleted or voided review), {@code O(1)} expected: its held score is
   * withdrawn and the id stays removed, so that a late or repeated delivery of any of its states
   * changes nothing. A removal of an id not seen yet is kept, for the evaluation that may follow
   * it. A removal carries no period: one for an evaluation whose period was closed (its id
   * forgotten) cannot be told from one that came first, so it is kept as such ({@link
   * Outcome#REMOVED}) and the score the closed period counted stays counted.
   *
   * @param evaluationId the caller's id of the evaluation
   * @return {@link Outcome#REMOVED}, or {@link Outcome#AFTER_REMOVAL} if it was removed already; it
   *     is counted
   * @throws IllegalArgumentException if the id breaks the id rule; nothing changes
   * @throws ArithmeticException if the count of this call's outcome would overflow a long (only
   *     after a restored or merged count near {@code Long.MAX_VALUE}); nothing changes
   */
  public Outcome remove(String evaluationId) {
    Objects.requireNonNull(evaluationId, "evaluationId");
    Ids.require(evaluationId, "evaluationId");
    Entry held = entries.get(evaluationId);
    if (held == null) {
      countAfter(Outcome.REMOVED);
      entries.put(evaluationId, Entry.removedUnseen());
      return counted(Outcome.REMOVED);
    }
    if (held.removed) {
      return counted(Outcome.AFTER_REMOVAL);
    }
    countAfter(Outcome.REMOVED);
    Object[] cells = checkRetractShares(shares, held, null);
    if (held.scored) {
      scores.retractAt(held.agentId, held.periodStart, held.score, null);
    }
    retractShares(shares, held, cells);
    entries.put(evaluationId, held.asRemoved());
    return counted(Outcome.REMOVED);
  }

  /**
   * Closes every period that starts before the period of {@code day}: their scores stay counted,
   * the ids of their evaluations are forgotten, and a later call for an evaluation in one of them
   * is {@link Outcome#LATE}. A removal of an id never seen is kept (its period is not known), so
   * that the review it deleted stays out whenever it arrives. Closing never reopens: a day in or
   * before a closed period changes nothing. {@code O(ids held)}.
   *
   * @param day a day whose period stays open, in 1900-01-01..2300-01-01
   * @return the number of ids forgotten
   * @throws IllegalArgumentException if {@code day} lies outside that range; nothing changes
   */
  public int closeBefore(LocalDate day) {
    Objects.requireNonNull(day, "day");
    if (day.isBefore(LocalDate.of(1900, 1, 1)) || day.isAfter(LocalDate.of(2300, 1, 1))) {
      throw new IllegalArgumentException(
          "day "
              + day
              + " must lie in 1900-01-01..2300-01-01, the days of evaluation instants (and the"
              + " first after them)");
    }
    LocalDate start = scores.granularity().periodStart(day, scores.firstDayOfWeek());
    if (closedBefore != null && !start.isAfter(closedBefore)) {
      return 0;
    }
    closedBefore = start;
    int before = entries.size();
    entries.values().removeIf(e -> e.seen() && e.periodStart.isBefore(start));
    return before - entries.size();
  }

  /**
   * The first day of the first open period, if periods were closed.
   *
   * @return the start of the first period not closed
   */
  public Optional<LocalDate> closedBefore() {
    return Optional.ofNullable(closedBefore);
  }

  /**
   * How many calls had this outcome.
   *
   * @param outcome the outcome
   * @return the count
   */
  public long count(Outcome outcome) {
    return counts[outcome.ordinal()];
  }

  /**
   * The number of evaluation ids held, removed ones included.
   *
   * @return the ids held
   */
  public int size() {
    return entries.size();
  }

  /**
   * Score statistics per agent and period (see {@link ScoreAggregator#summaries}).
   *
   * @param confidence the confidence level of the intervals, in {@code (0, 1)}
   * @param tolerance the largest CI half-width (score points) considered reliable, {@code >= 0}
   * @return the summaries, by agent and period
   * @throws IllegalArgumentException as {@link ScoreAggregator#summaries}
   */
  public SortedMap<AgentPeriod, ScoreSummary> summaries(double confidence, double tolerance) {
    return scores.summaries(confidence, tolerance);
  }

  /**
   * A copy of the scores counted, to merge or snapshot on their own.
   *
   * @return an aggregator holding the ledger's scores
   */
  public ScoreAggregator scores() {
    ScoreAggregator copy =
        ScoreAggregator.create(scores.granularity(), scores.zone(), scores.firstDayOfWeek());
    copy.merge(scores);
    return copy;
  }

  /**
   * Adds another ledger's calls, as if this one had been fed them too, all or nothing: an id held
   * by both keeps the later state (a removal wins), and its score counts once. {@code O(ids)}. The
   * closed periods are those closed in either; the counts per outcome are added.
   *
   * @param other a ledger of the same granularity and zone; unchanged
   * @throws IllegalArgumentException if granularity, first day of the week or zone (its rules)
   *     differ (the message names both), the share recorders differ (number, kind, granularity or
   *     zone), an id is held by both for two different evaluations or at one version with different
   *     scores or outcomes, or one ledger holds an evaluation in a period the other has closed
   *     (whether the other counted it cannot be told); nothing changes
   * @throws ArithmeticException if a count would overflow a long; nothing changes
   */
  public void merge(ScoreLedger other) {
    Objects.requireNonNull(other, "other");
    if (other == this) {
      throw new IllegalArgumentException("cannot merge a ledger into itself");
    }
    Granularity g = scores.granularity();
    DayOfWeek first = scores.firstDayOfWeek();
    if (other.scores.granularity() != g
        || other.scores.firstDayOfWeek() != first
        || !Granularity.sameDates(other.scores.zone(), scores.zone())) {
      throw new IllegalArgumentException(
          "cannot merge a ledger of "
              + other.scores.granularity().describe(other.scores.firstDayOfWeek())
              + " periods in "
              + other.scores.zone()
              + " into one of "
              + g.describe(first)
              + " periods in "
              + scores.zone()
              + ScoreAggregator.weeksDiffer(
                  other.scores.granularity(), other.scores.firstDayOfWeek(), g, first));
    }
    if (other.shares.length != shares.length) {
      throw new IllegalArgumentException(
          "cannot merge a ledger feeding "
              + other.shares.length
              + " outcome share recorders into one feeding "
              + shares.length);
    }
    requireOpen(other, closedBefore, "this ledger");
    requireOpen(this, other.closedBefore, "the other ledger");
    long[] sum = new long[counts.length];
    for (int i = 0; i < sum.length; i++) {
      sum[i] = Counts.add(counts[i], other.counts[i], "count of " + Outcome.values()[i] + " calls");
    }
    Map<String, Entry> merged = new HashMap<>(entries);
    // Each side's counted scores, the losers' withdrawn below from their own side before the two
    // are merged: withdrawn from the merged cells, the rounding error of a cell held by both sides
    // doubled with every merge, until a snapshot could not be read back.
    ScoreAggregator next = scores();
    ScoreAggregator theirScores = other.scores();
    OutcomeShares[] nextShares = new OutcomeShares[shares.length];
    for (int i = 0; i < shares.length; i++) {
      nextShares[i] = shares[i].copy();
      try {
        nextShares[i].merge(other.shares[i]);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "cannot merge outcome shares " + i + ": " + e.getMessage(), e);
      }
    }
    for (Map.Entry<String, Entry> o : other.entries.entrySet()) {
      String id = o.getKey();
      Entry theirs = o.getValue();
      Entry ours = merged.get(id);
      if (ours == null) {
        merged.put(id, theirs);
        continue;
      }
      if (ours.seen() && theirs.seen()) {
        requireSameEvaluation(id, ours, theirs);
      }
      Entry won;
      if (ours.removed || theirs.removed) {
        // a removal that knows the evaluation: a side's own, else the other side's state removed
        won =
            ours.removed && ours.seen()
                ? ours
                : theirs.removed && theirs.seen()
                    ? theirs
                    : ours.seen() ? ours.asRemoved() : theirs.seen() ? theirs.asRemoved() : ours;
      } else {
        int c = ours.compareVersion(theirs);
        if (c == 0) {
          requireSameOutcomes(id, ours, theirs, "the other ledger's state");
        }
        if (c == 0 && !ours.sameScore(theirs)) {
          throw new IllegalArgumentException(
              "evaluationId "
                  + Excerpts.quote(id)
                  + " holds "
                  + ours.version()
                  + " scored "
                  + scoreText(ours)
                  + " here and scored "
                  + scoreText(theirs)
                  + " in the other ledger: two states of one version cannot differ in score");
        }
        won = c >= 0 ? ours : theirs;
      }
      // Each side counted its entry once: the winner's count stays, the other side's is withdrawn.
      // By side, not by identity: after an earlier merge both ledgers may hold the same Entry
      // object, and both its counts were merged into next.
      boolean keepOurs = won == ours;
      boolean keepTheirs = won == theirs && !keepOurs;
      Entry[] sides = {ours, theirs};
      boolean[] kept = {keepOurs, keepTheirs};
      for (int side = 0; side < 2; side++) {
        Entry e = sides[side];
        if (e.counted() && !kept[side]) {
          (side == 0 ? next : theirScores).retractAt(e.agentId, e.periodStart, e.score, null);
        }
        if (e.inShares() && !kept[side]) {
          retractShares(nextShares, e, checkRetractShares(nextShares, e, null));
        }
      }
      merged.put(id, won);
    }
    next.merge(theirScores);
    LocalDate closed =
        closedBefore == null
            ? other.closedBefore
            : other.closedBefore == null || closedBefore.isAfter(other.closedBefore)
                ? closedBefore
                : other.closedBefore;
    if (closed != null) {
      merged.values().removeIf(e -> e.seen() && e.periodStart.isBefore(closed));
    }
    // commit
    scores.replaceWith(next);
    System.arraycopy(nextShares, 0, shares, 0, shares.length);
    entries.clear();
    entries.putAll(merged);
    closedBefore = closed;
    System.arraycopy(sum, 0, counts, 0, counts.length);
  }

  /** Refuses a ledger holding evaluations in periods before {@code closed}. */
  private static void requireOpen(ScoreLedger l, LocalDate closed, String whose) {
    if (closed == null) {
      return;
    }
    for (Map.Entry<String, Entry> e : l.entries.entrySet()) {
      Entry x = e.getValue();
      if (x.seen() && x.periodStart.isBefore(closed)) {
        throw new IllegalArgumentException(
            "cannot merge: evaluationId "
                + Excerpts.quote(e.getKey())
                + " lies in the period starting "
                + x.periodStart
                + ", which "
                + whose
                + " closed (periods before "
                + closed
                + "): whether it counted it cannot be told");
      }
    }
  }

  /**
   * Writes the ledger as a versioned, checksummed snapshot: bytes {@code 'S' 'K'}, the kind byte
   * {@value #SNAPSHOT_KIND}, the version byte, the scores as a {@link ScoreAggregator#toBytes()}
   * snapshot, the closed periods, the counts per outcome, the outcome share recorders as {@link
   * OutcomeShares#toBytes()} snapshots (from the ledger's snapshot version 2 on) and every id held
   * (sorted) with the state held and, per recorder, its outcome and the team it counts in; the last
   * four bytes are the CRC32C of the rest. {@code O(ids log ids)}.
   *
   * @return the snapshot
   */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + 96 * entries.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(new byte[] {'S', 'K', (byte) SNAPSHOT_KIND, (byte) SNAPSHOT_VERSION});
      byte[] s = scores.toBytes();
      out.writeInt(s.length);
      out.write(s);
      out.writeBoolean(closedBefore != null);
      out.writeLong(closedBefore == null ? 0 : closedBefore.toEpochDay());
      for (long c : counts) {
        out.writeLong(c);
      }
      out.writeInt(shares.length);
      for (OutcomeShares sh : shares) {
        byte[] b = sh.toBytes();
        out.writeInt(b.length);
        out.write(b);
      }
      out.writeInt(entries.size());
      for (Map.Entry<String, Entry> e : new TreeMap<>(entries).entrySet()) {
        Entry x = e.getValue();
        out.writeUTF(e.getKey());
        out.writeByte((x.seen() ? 1 : 0) | (x.removed ? 2 : 0) | (x.scored ? 4 : 0));
        if (x.seen()) {
          out.writeUTF(x.interactionId);
          out.writeUTF(x.agentId);
          out.writeUTF(x.reviewerId);
          out.writeLong(x.evaluatedAt.getEpochSecond());
          out.writeInt(x.evaluatedAt.getNano());
          out.writeUTF(x.checklistId);
          out.writeInt(x.revisions);
          out.writeInt(x.checklistVersion);
          if (x.scored) {
            out.writeDouble(x.score);
          }
          for (int i = 0; i < shares.length; i++) {
            String o = x.outcomes[i];
            out.writeBoolean(o != null);
            if (o != null) {
              OutcomeShares.writeString(out, o);
            }
            OutcomeShares.writeString(out, x.outcomes[shares.length + i]);
          }
        }
      }
      ScoreAggregator.seal(bytes, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen in memory
    }
    return bytes.toByteArray();
  }

  /**
   * Restores a ledger from {@link #toBytes()}, {@code O(bytes)}.
   *
   * @param snapshot the snapshot
   * @return the ledger
   * @throws IllegalArgumentException if the snapshot is truncated or corrupted (checksum), of
   *     another kind or version, or holds an inconsistent state (an id breaking the id rule or
   *     repeated, an instant out of range, a held score its period's scores do not count, an id in
   *     a closed period), naming what is wrong
   */
  public static ScoreLedger fromBytes(byte[] snapshot) {
    return fromBytes(snapshot, java.util.List.of());
  }

  /**
   * Restores a ledger that feeds outcome share recorders from {@link #toBytes()}, {@code O(bytes)}:
   * each recorder counts what its template counts (the functions cannot be written), as for {@link
   * OutcomeShares#fromBytes(byte[], OutcomeShares)}. Version 1 snapshots (before share recorders)
   * are read with no templates.
   *
   * @param snapshot the snapshot
   * @param shares the templates, as given to {@link #create(Granularity, ZoneId, java.util.List)}
   * @return the ledger
   * @throws IllegalArgumentException as {@link #fromBytes(byte[])}, and if the snapshot holds
   *     another number of recorders than templates, a recorder that does not fit its template, or
   *     held outcomes its recorders' open periods do not count exactly, naming what is wrong
   */
  public static ScoreLedger fromBytes(byte[] snapshot, java.util.List<OutcomeShares> shares) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(shares, "shares");
    for (int i = 0; i < shares.size(); i++) {
      Objects.requireNonNull(shares.get(i), "shares " + i);
    }
    ScoreAggregator.checkFrame(snapshot, SNAPSHOT_KIND, "score ledger", 1, SNAPSHOT_VERSION);
    int format = snapshot[3];
    DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(snapshot, 4, snapshot.length - 8));
    FieldCheck asIs = ScoreAggregator.AS_IS;
    try {
      int n = in.readInt();
      if (n < 8 || n > in.available()) {
        throw new IllegalArgumentException(
            "snapshot scores length " + n + " does not fit its size");
      }
      byte[] s = new byte[n];
      in.readFully(s);
      ScoreAggregator scores;
      try {
        scores = ScoreAggregator.fromBytes(s);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("snapshot scores: " + e.getMessage(), e);
      }
      Restorer r = new Restorer(scores, shares);
      boolean closed = flag(in, "snapshot closedBefore flag");
      long day = in.readLong();
      if (closed) {
        r.closedBefore(day, asIs);
      } else if (day != 0) {
        throw new IllegalArgumentException("snapshot closedBefore is absent but " + day);
      }
      for (int i = 0; i < r.counts.length; i++) {
        r.count(i, in.readLong(), asIs);
      }
      int k = format == 1 ? 0 : in.readInt();
      r.shareCount(k, asIs);
      for (int i = 0; i < k; i++) {
        r.template(i, asIs);
        int len = in.readInt();
        if (len < 8 || len > in.available()) {
          throw new IllegalArgumentException(
              "snapshot shares " + i + " length " + len + " does not fit its size");
        }
        byte[] b = new byte[len];
        in.readFully(b);
        try {
          r.own[i] = OutcomeShares.fromBytes(b, shares.get(i));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("snapshot shares " + i + ": " + e.getMessage(), e);
        }
      }
      ScoreLedger out = r.ledger();
      int m = in.readInt();
      if (m < 0 || m > in.available() / 3) { // an entry has at least 3 bytes
        throw new IllegalArgumentException("snapshot id count " + m + " does not fit its size");
      }
      for (int i = 0; i < m; i++) {
        String id = r.id(i, in.readUTF(), asIs);
        int flags = in.readUnsignedByte();
        if ((flags & ~7) != 0 || (flags & 1) == 0 && flags != 2 || (flags & 6) == 6) {
          throw new IllegalArgumentException(
              "snapshot id " + i + " " + Excerpts.quote(id) + " has invalid flags " + flags);
        }
        if ((flags & 1) == 0) {
          r.removedUnseen(id, asIs);
          continue;
        }
        String what = "snapshot id " + i;
        String interaction = in.readUTF();
        String agent = in.readUTF();
        String reviewer = in.readUTF();
        long sec = in.readLong();
        int nano = in.readInt();
        if (nano < 0 || nano > 999_999_999) {
          throw new IllegalArgumentException(what + " evaluatedAt nanos " + nano + " invalid");
        }
        Instant at;
        try {
          at = Instant.ofEpochSecond(sec, nano);
        } catch (DateTimeException | ArithmeticException e) {
          throw new IllegalArgumentException(what + " evaluatedAt " + sec + " is out of range");
        }
        String checklist = in.readUTF();
        int revisions = in.readInt();
        int version = in.readInt();
        boolean scored = (flags & 4) != 0;
        double score = scored ? in.readDouble() : 0;
        String[] outcomes = k == 0 ? null : new String[2 * k];
        for (int j = 0; j < k; j++) {
          if (flag(in, what + " outcome " + j + " flag")) {
            outcomes[j] = OutcomeShares.readString(in, 0, what + " outcome " + j);
          }
          outcomes[k + j] = OutcomeShares.readString(in, 0, what + " team " + j);
        }
        r.state(
            i,
            id,
            interaction,
            agent,
            reviewer,
            at,
            checklist,
            revisions,
            version,
            scored,
            score,
            (flags & 2) != 0,
            outcomes,
            asIs);
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException(
            "snapshot has " + in.available() + " bytes after its ids");
      }
      r.finish(asIs);
      return out;
    } catch (EOFException e) {
      throw new IllegalArgumentException("snapshot ends inside its ids", e);
    } catch (IOException | DateTimeException e) {
      throw new IllegalArgumentException(
          "snapshot is not valid: " + Excerpts.cut(String.valueOf(e.getMessage()), 200), e);
    }
  }

  /** The {@code kind} of a score ledger's JSON snapshot. */
  static final String JSON_KIND = "scoreLedger";

  /** The JSON snapshot format version written and read. */
  public static final int JSON_VERSION = 1;

  private static final java.util.Set<String> JSON_FIELDS =
      java.util.Set.of(
          "format", "kind", "version", "scores", "closedBefore", "counts", "shares", "ids");
  private static final java.util.Set<String> ID_FIELDS = java.util.Set.of("id", "removed", "state");
  private static final java.util.Set<String> STATE_FIELDS =
      java.util.Set.of(
          "interactionId",
          "agentId",
          "reviewerId",
          "evaluatedAt",
          "checklistId",
          "revisions",
          "checklistVersion",
          "score",
          "outcomes");
  private static final java.util.Set<String> OUTCOME_FIELDS = java.util.Set.of("outcome", "team");

  private static java.util.Set<String> outcomeNames() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    for (Outcome o : Outcome.values()) {
      names.add(o.name());
    }
    return names;
  }

  /**
   * Writes the ledger as a versioned JSON snapshot with a checksum, {@code O(ids log ids)}: {@code
   * {"format":"servicekit-qa","kind":"scoreLedger","version":1,"scores":{<a score aggregator's
   * state, as in ScoreAggregator.toJson()>},"closedBefore":"2026-03-01","counts":{"ADDED":3,...},
   * "shares":[{<an outcome shares state>}],"ids":[{"id":"review-4711","removed":false,"state":
   * {"interactionId":"call-77","agentId":"agent-anna","reviewerId":"reviewer-ivan","evaluatedAt":
   * "2026-01-05T10:00:00Z","checklistId":"inbound-call","revisions":1,"checklistVersion":1,
   * "score":"100.0","outcomes":[{"outcome":"fine","team":"team-1"}]}}],"crc32c":"1a2b3c4d"}}, what
   * {@link #toBytes()} writes and in its order: {@code closedBefore} only if periods were closed,
   * {@code score} only for a scored state, {@code outcomes} (an outcome, absent for none, and a
   * team per recorder) only if the ledger feeds recorders, {@code state} absent for a removal that
   * came before its review. ASCII text; the checksum as in {@link ScoreAggregator#toJson()}.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode root = SnapshotJson.begin(JSON_KIND, JSON_VERSION);
    scores.writeState(root.putObject("scores"));
    if (closedBefore != null) {
      root.put("closedBefore", closedBefore.toString());
    }
    ObjectNode cs = root.putObject("counts");
    for (Outcome o : Outcome.values()) {
      cs.put(o.name(), counts[o.ordinal()]);
    }
    ArrayNode sh = root.putArray("shares");
    for (OutcomeShares s : shares) {
      s.writeState(sh.addObject());
    }
    ArrayNode ids = root.putArray("ids");
    int k = shares.length;
    for (Map.Entry<String, Entry> e : new TreeMap<>(entries).entrySet()) {
      Entry x = e.getValue();
      ObjectNode n = ids.addObject();
      n.put("id", e.getKey());
      n.put("removed", x.removed);
      if (x.seen()) {
        ObjectNode st = n.putObject("state");
        st.put("interactionId", x.interactionId);
        st.put("agentId", x.agentId);
        st.put("reviewerId", x.reviewerId);
        st.put("evaluatedAt", x.evaluatedAt.toString());
        st.put("checklistId", x.checklistId);
        st.put("revisions", x.revisions);
        st.put("checklistVersion", x.checklistVersion);
        if (x.scored) {
          SnapshotJson.put(st, "score", x.score);
        }
        if (k > 0) {
          ArrayNode os = st.putArray("outcomes");
          for (int j = 0; j < k; j++) {
            ObjectNode o = os.addObject();
            if (x.outcomes[j] != null) {
              o.put("outcome", x.outcomes[j]);
            }
            o.put("team", x.outcomes[k + j]);
          }
        }
      }
    }
    return SnapshotJson.seal(root);
  }

  /**
   * Restores a ledger that feeds no outcome share recorder from {@link #toJson()}, as {@link
   * #fromJson(String, java.util.List)} with no templates.
   *
   * @param json the JSON text
   * @return the ledger
   * @throws IllegalArgumentException as {@link #fromJson(String, java.util.List)}
   */
  public static ScoreLedger fromJson(String json) {
    return fromJson(json, java.util.List.of());
  }

  /**
   * Restores a ledger from {@link #toJson()}, {@code O(text)}, by the rules of {@link
   * #fromBytes(byte[], java.util.List)} (the same checks: a state one reader refuses the other
   * refuses too), each recorder counting what its template counts. Input is bounded as every
   * qa-core JSON reader bounds it (16 MiB, strings of 64 Ki characters, nesting 32); unknown and
   * repeated fields are refused.
   *
   * @param json the JSON text
   * @param shares the templates, as given to {@link #create(Granularity, ZoneId, java.util.List)}
   * @return the ledger
   * @throws IllegalArgumentException if the text is not JSON, another kind or version of snapshot,
   *     fails its checksum, or holds what {@link #fromBytes(byte[], java.util.List)} refuses; the
   *     message names the rule, the JSON path, line and column, quoting values by bounded excerpts
   */
  public static ScoreLedger fromJson(String json, java.util.List<OutcomeShares> shares) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(shares, "shares");
    for (int i = 0; i < shares.size(); i++) {
      Objects.requireNonNull(shares.get(i), "shares " + i);
    }
    java.util.List<OutcomeShares> templates = java.util.List.copyOf(shares);
    return JsonInput.read(
        json, "score ledger snapshot is not valid JSON: ", root -> readJson(root, templates));
  }

  private static ScoreLedger readJson(JsonNode root, java.util.List<OutcomeShares> templates) {
    SnapshotJson.open(root, JSON_KIND, "score ledger", JSON_VERSION, JSON_VERSION);
    SnapshotJson.fields(root, "$", JSON_FIELDS);
    FieldCheck report = ScoreAggregator.at("$");
    ScoreAggregator scores = ScoreAggregator.readState(root.get("scores"), "$.scores");
    Restorer r = new Restorer(scores, templates);
    if (root.has("closedBefore")) {
      r.closedBefore(SnapshotJson.date(root, "closedBefore", "$").toEpochDay(), report);
    }
    ObjectNode cs = SnapshotJson.object(root.get("counts"), "$.counts");
    SnapshotJson.fields(cs, "$.counts", outcomeNames());
    for (int i = 0; i < r.counts.length; i++) {
      r.count(i, SnapshotJson.integer(cs, Outcome.values()[i].name(), "$.counts"), report);
    }
    ArrayNode sh = SnapshotJson.array(root, "shares", "$");
    r.shareCount(sh.size(), report);
    for (int i = 0; i < sh.size(); i++) {
      r.template(i, report);
      r.own[i] =
          OutcomeShares.readState(sh.get(i), SnapshotJson.element("$.shares", i), templates.get(i));
    }
    ScoreLedger out = r.ledger();
    int k = sh.size();
    ArrayNode ids = SnapshotJson.array(root, "ids", "$");
    for (int i = 0; i < ids.size(); i++) {
      String p = SnapshotJson.element("$.ids", i);
      JsonNode n = SnapshotJson.object(ids.get(i), p);
      SnapshotJson.fields(n, p, ID_FIELDS);
      String id = r.id(i, SnapshotJson.text(n, "id", p), ScoreAggregator.at(p));
      JsonNode removedNode = n.get("removed");
      if (removedNode == null || !removedNode.isBoolean()) {
        throw SnapshotJson.error(
            removedNode == null ? p : p + ".removed", "removed must be true or false");
      }
      boolean removed = removedNode.booleanValue();
      JsonNode stateNode = n.get("state");
      if (stateNode == null) {
        if (!removed) {
          throw SnapshotJson.error(
              p,
              "snapshot id "
                  + i
                  + " "
                  + Excerpts.quote(id)
                  + " holds no state and is not removed: only a removal that came before its"
                  + " review has no state");
        }
        r.removedUnseen(id, ScoreAggregator.at(p));
        continue;
      }
      String sp = p + ".state";
      JsonNode st = SnapshotJson.object(stateNode, sp);
      SnapshotJson.fields(st, sp, STATE_FIELDS);
      String atText = SnapshotJson.text(st, "evaluatedAt", sp);
      Instant at;
      try {
        at = Instant.parse(atText);
      } catch (DateTimeException e) {
        throw SnapshotJson.error(
            sp + ".evaluatedAt",
            "evaluatedAt "
                + Excerpts.quote(atText)
                + " must be an instant such as \"2026-01-05T10:00:00Z\"");
      }
      int revisions = intField(st, "revisions", sp);
      int version = intField(st, "checklistVersion", sp);
      boolean scored = st.has("score");
      if (removed && scored) {
        throw SnapshotJson.error(
            sp + ".score", "a removed state holds no score: the removal withdrew it");
      }
      double score = scored ? SnapshotJson.decimal(st, "score", sp) : 0;
      String[] outcomes = null;
      if (k == 0 && st.has("outcomes")) {
        throw SnapshotJson.error(
            sp + ".outcomes",
            "outcomes are given, but the ledger feeds no outcome share recorder: a state of such a"
                + " ledger has none");
      }
      if (k > 0) {
        ArrayNode os = SnapshotJson.array(st, "outcomes", sp);
        if (os.size() != k) {
          throw SnapshotJson.error(
              sp + ".outcomes",
              "outcomes hold "
                  + os.size()
                  + " entries, but the ledger feeds "
                  + k
                  + " recorders: one entry per recorder");
        }
        outcomes = new String[2 * k];
        for (int j = 0; j < k; j++) {
          String q = SnapshotJson.element(sp + ".outcomes", j);
          JsonNode o = SnapshotJson.object(os.get(j), q);
          SnapshotJson.fields(o, q, OUTCOME_FIELDS);
          if (o.has("outcome")) {
            outcomes[j] = SnapshotJson.text(o, "outcome", q);
          }
          outcomes[k + j] = SnapshotJson.text(o, "team", q);
        }
      }
      r.state(
          i,
          id,
          SnapshotJson.text(st, "interactionId", sp),
          SnapshotJson.text(st, "agentId", sp),
          SnapshotJson.text(st, "reviewerId", sp),
          at,
          SnapshotJson.text(st, "checklistId", sp),
          revisions,
          version,
          scored,
          score,
          removed,
          outcomes,
          ScoreAggregator.at(sp));
    }
    r.finish(report);
    return out;
  }

  /** An integer field within an {@code int}. */
  private static int intField(JsonNode node, String f, String p) {
    long v = SnapshotJson.integer(node, f, p);
    if (v != (int) v) {
      throw SnapshotJson.error(p + "." + f, f + " " + v + " is beyond an int");
    }
    return (int) v;
  }

  /**
   * Rebuilds a ledger from a snapshot's values with the checks of every reader, binary and JSON:
   * each reader reads its values and hands them here in the snapshot's order, with a {@link
   * FieldCheck} that reports a refusal as the reader names its fields.
   */
  private static final class Restorer {
    private final ScoreAggregator scores;
    private final java.util.List<OutcomeShares> templates;
    final long[] counts = new long[Outcome.values().length];
    OutcomeShares[] own;
    private LocalDate closedBefore;
    private ScoreLedger out;
    private final Map<AgentPeriod, Long> held = new HashMap<>();
    private final Map<AgentPeriod, double[]> sums = new HashMap<>(); // sum and largest magnitude
    private final Map<String, String> strings = new HashMap<>(); // one instance of each string
    private String previous;

    Restorer(ScoreAggregator scores, java.util.List<OutcomeShares> templates) {
      this.scores = scores;
      this.templates = templates;
    }

    void closedBefore(long day, FieldCheck report) {
      closedBefore =
          report.check(
              "closedBefore",
              () -> {
                LocalDate c = LocalDate.ofEpochDay(dayInRange(day, "closedBefore"));
                if (!scores.granularity().periodStart(c, scores.firstDayOfWeek()).equals(c)) {
                  throw new IllegalArgumentException(
                      "snapshot closedBefore "
                          + c
                          + " ("
                          + c.getDayOfWeek()
                          + ") is not a "
                          + scores.granularity().describe(scores.firstDayOfWeek())
                          + " start");
                }
                return c;
              });
    }

    void count(int i, long c, FieldCheck report) {
      counts[i] =
          report.check(
              "counts." + Outcome.values()[i],
              () -> {
                if (c < 0) {
                  throw new IllegalArgumentException(
                      "snapshot count of " + Outcome.values()[i] + " is negative: " + c);
                }
                return c;
              });
    }

    void shareCount(int k, FieldCheck report) {
      report.check(
          "shares",
          () -> {
            if (k != templates.size()) {
              throw new IllegalArgumentException(
                  "snapshot holds "
                      + (k < 0 ? "a count of " + k : String.valueOf(k))
                      + " outcome share recorders, and "
                      + templates.size()
                      + (templates.size() == 1 ? " template was given" : " templates were given"));
            }
            return null;
          });
      own = new OutcomeShares[k];
    }

    void template(int i, FieldCheck report) {
      report.check(
          "shares[" + i + "]",
          () -> {
            requireLike(templates.get(i), scores, "shares " + i);
            return null;
          });
    }

    /** The ledger, once the recorders are read. */
    ScoreLedger ledger() {
      out = new ScoreLedger(scores, own);
      out.closedBefore = closedBefore;
      System.arraycopy(counts, 0, out.counts, 0, counts.length);
      return out;
    }

    /** Checks id {@code i} (the id rule, after the one before it); field {@code id}. */
    String id(int i, String id, FieldCheck report) {
      String what = "snapshot id " + i;
      report.check("id", () -> Ids.require(id, what));
      report.check(
          "id",
          () -> {
            if (previous != null && previous.compareTo(id) >= 0) {
              throw new IllegalArgumentException(
                  what
                      + " "
                      + Excerpts.quote(id)
                      + " is not after the id before it, "
                      + Excerpts.quote(previous)
                      + ": a snapshot lists each id once, in order");
            }
            return null;
          });
      previous = id;
      return id;
    }

    void removedUnseen(String id, FieldCheck report) {
      put(id, Entry.removedUnseen(), report);
    }

    /** Adds the state held for id {@code i}, checked; fields as in the JSON snapshot's state. */
    void state(
        int i,
        String id,
        String interaction,
        String agent,
        String reviewer,
        Instant at,
        String checklist,
        int revisions,
        int version,
        boolean scored,
        double score,
        boolean removed,
        String[] outcomes,
        FieldCheck report) {
      String what = "snapshot id " + i;
      report.check("interactionId", () -> Ids.require(interaction, what + " interactionId"));
      String a =
          canonical(strings, report.check("agentId", () -> Ids.require(agent, what + " agentId")));
      String rv =
          canonical(
              strings,
              report.check("reviewerId", () -> Ids.require(reviewer, what + " reviewerId")));
      report.check("evaluatedAt", () -> Instants.require(at, what + " evaluatedAt"));
      String cl =
          canonical(
              strings,
              report.check("checklistId", () -> Ids.require(checklist, what + " checklistId")));
      report.check(
          "",
          () -> {
            if (revisions < 0 || version < 1) {
              throw new IllegalArgumentException(
                  what + " has " + revisions + " revisions on version " + version);
            }
            return null;
          });
      if (scored) {
        report.check(
            "score",
            () -> {
              try {
                ScoreAccumulator.checkScore(score);
              } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(what + " " + e.getMessage(), e);
              }
              return null;
            });
      }
      int k = own.length;
      String[] os = k == 0 ? null : new String[2 * k];
      for (int j = 0; j < k; j++) {
        int jj = j;
        if (outcomes[j] != null) {
          os[j] =
              canonical(
                  strings,
                  report.check(
                      "outcomes[" + j + "].outcome",
                      () -> {
                        own[jj].checkOutcomeName(outcomes[jj], what + " outcome " + jj);
                        return outcomes[jj];
                      }));
        }
        // any text the team function returned, but a blank one, which the recorders refuse
        os[k + j] =
            canonical(
                strings,
                report.check(
                    "outcomes[" + j + "].team",
                    () -> {
                      if (Ids.blank(outcomes[k + jj])) {
                        throw new IllegalArgumentException(
                            what
                                + " team "
                                + Excerpts.quote(outcomes[k + jj])
                                + " of recorder "
                                + jj
                                + " must not be blank (empty, or only spaces and invisible format"
                                + " characters)");
                      }
                      return outcomes[k + jj];
                    }));
      }
      Entry x =
          new Entry(
              interaction,
              a,
              rv,
              at,
              cl,
              ScoreAggregator.periodStart(
                  scores.granularity(), scores.zone(), scores.firstDayOfWeek(), at),
              revisions,
              version,
              scored,
              score,
              removed,
              os);
      report.check(
          "evaluatedAt",
          () -> {
            if (out.closed(x.periodStart)) {
              throw new IllegalArgumentException(
                  what + " lies in the closed period starting " + x.periodStart);
            }
            return null;
          });
      if (x.counted()) {
        AgentPeriod cell = new AgentPeriod(a, x.periodStart);
        held.merge(cell, 1L, Long::sum);
        double[] sm = sums.computeIfAbsent(cell, c -> new double[2]);
        sm[0] += x.score;
        sm[1] = Math.max(sm[1], Math.abs(x.score));
      }
      put(id, x, report);
    }

    private void put(String id, Entry x, FieldCheck report) {
      report.check(
          "id",
          () -> {
            if (out.entries.containsKey(id)) {
              throw new IllegalArgumentException(
                  "snapshot repeats snapshot id " + Excerpts.quote(id));
            }
            return out.entries.put(id, x);
          });
    }

    /** Refuses held states that the scores and recorders of their open periods do not count. */
    void finish(FieldCheck report) {
      report.check(
          "",
          () -> {
            checkHeld();
            out.checkHeldShares();
            return null;
          });
    }

    private void checkHeld() {
      // The scores of open periods are exactly those of the states held.
      for (Map.Entry<AgentPeriod, Long> h : held.entrySet()) {
        if (scores.countOf(h.getKey()) != h.getValue()) {
          throw new IllegalArgumentException(
              "snapshot holds "
                  + h.getValue()
                  + " scored evaluations of "
                  + h.getKey()
                  + " but its scores count "
                  + scores.countOf(h.getKey()));
        }
      }
      for (Map.Entry<AgentPeriod, double[]> h : sums.entrySet()) {
        double mean = h.getValue()[0] / held.get(h.getKey());
        double got = scores.meanOf(h.getKey());
        if (!(Math.abs(mean - got) <= 1e-9 * (1 + h.getValue()[1]))) {
          throw new IllegalArgumentException(
              "snapshot holds scored evaluations of "
                  + h.getKey()
                  + " averaging "
                  + mean
                  + " but its scores average "
                  + got);
        }
      }
      for (AgentPeriod cell : scores.cells()) {
        if (!out.closed(cell.periodStart()) && !held.containsKey(cell)) {
          throw new IllegalArgumentException(
              "snapshot scores count "
                  + scores.countOf(cell)
                  + " in the open cell "
                  + cell
                  + " but it holds no evaluation there");
        }
      }
      // Every held score must be one its cell can give back: removing the held evaluations one
      // by one, as remove() would, on a copy (a score changed within the mean's rounding passed
      // the check above, and its removal was refused later).
      ScoreAggregator probe = ScoreAggregator.fromBytes(scores.toBytes());
      for (Map.Entry<String, Entry> e : out.entries.entrySet()) {
        Entry x = e.getValue();
        if (x.counted()) {
          try {
            probe.retractAt(x.agentId, x.periodStart, x.score, null);
          } catch (IllegalArgumentException refused) {
            throw new IllegalArgumentException(
                "snapshot holds evaluation "
                    + Excerpts.quote(e.getKey())
                    + " scored "
                    + x.score
                    + " that its scores cannot give back: "
                    + refused.getMessage(),
                refused);
          }
        }
      }
    }
  }

  /**
   * Refuses a restored ledger whose recorders' open agent cells do not count exactly the outcomes
   * of the states held (closed periods' ids are forgotten, so only open ones can be checked; an
   * evaluation without an outcome is only in the recorder's overall skipped count, which must hold
   * at least those held).
   */
  private void checkHeldShares() {
    int k = shares.length;
    for (int i = 0; i < k; i++) {
      Map<GroupPeriod, Map<String, Long>> agents = new HashMap<>();
      Map<GroupPeriod, Map<String, Long>> teams = new HashMap<>();
      long skipped = 0;
      for (Entry e : entries.values()) {
        if (!e.inShares()) {
          continue;
        }
        String o = e.outcomes[i];
        if (o == null) {
          skipped++;
        } else {
          agents
              .computeIfAbsent(new GroupPeriod(e.agentId, e.periodStart), x -> new HashMap<>())
              .merge(o, 1L, Long::sum);
          teams
              .computeIfAbsent(
                  new GroupPeriod(e.outcomes[k + i], e.periodStart), x -> new HashMap<>())
              .merge(o, 1L, Long::sum);
        }
      }
      requireHeld(agents, shares[i].agentCells(), i, "agent");
      requireHeld(teams, shares[i].teamCells(), i, "team");
      if (skipped > shares[i].skipped()) {
        throw new IllegalArgumentException(
            "snapshot holds "
                + skipped
                + " evaluations without an outcome of shares "
                + i
                + " but they count "
                + shares[i].skipped()
                + " skipped");
      }
    }
  }

  /** Refuses open cells of a recorder that do not count exactly the held outcomes. */
  private void requireHeld(
      Map<GroupPeriod, Map<String, Long>> want,
      Map<GroupPeriod, Map<String, Long>> cells,
      int i,
      String side) {
    Map<GroupPeriod, Map<String, Long>> got = new HashMap<>();
    cells.forEach(
        (cell, m) -> {
          if (!closed(cell.periodStart())) {
            got.put(cell, m);
          }
        });
    if (want.equals(got)) {
      return;
    }
    for (GroupPeriod cell : new java.util.TreeSet<>(union(want.keySet(), got.keySet()))) {
      if (!Objects.equals(want.get(cell), got.get(cell))) {
        throw new IllegalArgumentException(
            "snapshot holds outcomes "
                + Excerpts.cut(String.valueOf(new TreeMap<>(want.getOrDefault(cell, Map.of()))))
                + " of "
                + side
                + " "
                + cell
                + " but its shares "
                + i
                + " count "
                + Excerpts.cut(String.valueOf(new TreeMap<>(got.getOrDefault(cell, Map.of())))));
      }
    }
  }

  private static <T> java.util.Set<T> union(java.util.Set<T> a, java.util.Set<T> b) {
    java.util.Set<T> u = new java.util.HashSet<>(a);
    u.addAll(b);
    return u;
  }

  /** The one instance of {@code s} among those read so far. */
  private static String canonical(Map<String, String> strings, String s) {
    String c = strings.putIfAbsent(s, s);
    return c == null ? s : c;
  }

  /** A boolean written by {@code writeBoolean}: 0 or 1, anything else refused. */
  static boolean flag(DataInputStream in, String what) throws IOException {
    int b = in.readUnsignedByte();
    if (b > 1) {
      throw new IllegalArgumentException(what + " must be 0 or 1, was " + b);
    }
    return b == 1;
  }

  private static long dayInRange(long day, String what) {
    // the period starts of evaluation instants: 1899-12-31 (a week may start a few days before)
    // to 2300-01-01
    if (day < LocalDate.of(1899, 12, 1).toEpochDay()
        || day > LocalDate.of(2300, 1, 1).toEpochDay()) {
      throw new IllegalArgumentException("snapshot " + what + " day " + day + " is out of range");
    }
    return day;
  }

  private boolean closed(LocalDate periodStart) {
    return closedBefore != null && periodStart.isBefore(closedBefore);
  }

  private Outcome counted(Outcome o) {
    counts[o.ordinal()] = countAfter(o);
    return o;
  }

  /**
   * The count of {@code o} once this call is counted, checked before anything changes: a restored
   * or merged count may be {@code Long.MAX_VALUE}.
   */
  private long countAfter(Outcome o) {
    return Counts.add(counts[o.ordinal()], 1, "count of " + o + " calls");
  }

  private Entry entryOf(Evaluation e) {
    Optional<java.math.BigDecimal> s = e.result().score();
    return new Entry(
        e.interactionId(),
        e.agentId(),
        e.reviewerId(),
        e.evaluatedAt(),
        e.checklistId(),
        ScoreAggregator.periodStart(
            scores.granularity(), scores.zone(), scores.firstDayOfWeek(), e.evaluatedAt()),
        e.revisions().size(),
        e.checklistVersion(),
        s.isPresent(),
        s.isPresent() ? s.get().doubleValue() : 0,
        false,
        outcomesOf(e));
  }

  /**
   * The evaluation's outcome per recorder, then the team each counts it in (so that a change of the
   * team function does not strand it), or null if the ledger feeds none.
   */
  private String[] outcomesOf(Evaluation e) {
    if (shares.length == 0) {
      return null;
    }
    String[] out = new String[2 * shares.length];
    for (int i = 0; i < shares.length; i++) {
      out[i] = shares[i].outcomeOrNull(e);
      out[shares.length + i] = shares[i].teamOf(e.agentId());
    }
    return out;
  }

  private static String scoreText(Entry e) {
    return e.scored ? String.valueOf(e.score) : "none (N/A)";
  }

  private static void requireSameEvaluation(String id, Entry held, Entry next) {
    String field =
        !held.interactionId.equals(next.interactionId)
            ? "interactionId " + quote2(held.interactionId, next.interactionId)
            : !held.agentId.equals(next.agentId)
                ? "agentId " + quote2(held.agentId, next.agentId)
                : !held.reviewerId.equals(next.reviewerId)
                    ? "reviewerId " + quote2(held.reviewerId, next.reviewerId)
                    : !held.evaluatedAt.equals(next.evaluatedAt)
                        ? "evaluatedAt " + held.evaluatedAt + " held, " + next.evaluatedAt + " now"
                        : !held.checklistId.equals(next.checklistId)
                            ? "checklistId " + quote2(held.checklistId, next.checklistId)
                            : null;
    if (field != null) {
      throw new IllegalArgumentException(
          "evaluationId "
              + Excerpts.quote(id)
              + " is held for another evaluation: its "
              + field
              + " (an id names one evaluation in all its states)");
    }
  }

  /**
   * Refuses two states of one version whose outcomes differ in a share recorder (a script passed in
   * one and failed in the other at the same score): which one counts could not be told.
   */
  private void requireSameOutcomes(String id, Entry held, Entry next, String what) {
    for (int i = 0; i < shares.length; i++) {
      if (!Objects.equals(held.outcomes[i], next.outcomes[i])) {
        throw new IllegalArgumentException(
            "evaluationId "
                + Excerpts.quote(id)
                + " holds "
                + held.version()
                + " with outcome "
                + outcomeText(held.outcomes[i])
                + " in shares "
                + i
                + ", and "
                + what
                + " of the same version has "
                + outcomeText(next.outcomes[i])
                + ": two states of one version cannot differ in outcome");
      }
    }
  }

  private static String outcomeText(String o) {
    return o == null ? "none" : Excerpts.quote(o);
  }

  private static String quote2(String held, String now) {
    return Excerpts.quote(held) + " held, " + Excerpts.quote(now) + " now";
  }

  /** Counts per outcome, for messages and tests. */
  Map<Outcome, Long> counts() {
    Map<Outcome, Long> m = new EnumMap<>(Outcome.class);
    for (Outcome o : Outcome.values()) {
      m.put(o, counts[o.ordinal()]);
    }
    return m;
  }

  @Override
  public String toString() {
    return "ScoreLedger["
        + entries.size()
        + " ids, "
        + scores.granularity().describe(scores.firstDayOfWeek())
        + " in "
        + scores.zone()
        + (closedBefore == null ? "" : ", closed before " + closedBefore)
        + ", "
        + counts()
        + "]";
  }
}
