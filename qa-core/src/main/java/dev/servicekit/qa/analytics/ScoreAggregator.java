package dev.servicekit.qa.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.qa.Evaluation;
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
import java.nio.ByteBuffer;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.zip.CRC32C;

/**
 * Average scores per agent and period, mergeable.
 *
 * <p>Mutable and <em>not</em> thread-safe: use one per thread (or shard) and {@link #merge} them:
 * merged shards hold what one aggregator fed every score would, cell by cell (counts exactly, means
 * and variances up to floating-point rounding). {@link #add(String, LocalDate, double)} is {@code
 * O(1)} expected (one hash lookup).
 *
 * <p>Revisions: {@link #revise(Evaluation, Evaluation)} replaces the score of a revised evaluation
 * (a rescore, or an upheld dispute) and {@link #retract(Evaluation)} withdraws one, each the exact
 * inverse of {@link #add(Evaluation)} up to floating-point rounding; a cell whose last score is
 * retracted is gone, as if never added. The aggregator keeps running moments per agent and period,
 * not a list of evaluations, so it cannot tell that an evaluation was already added: adding one
 * twice counts it twice, and feeding each evaluation once (then revising or retracting it) is the
 * caller's duty. It refuses, changing nothing, what it can tell is wrong: a retraction from an
 * agent and period with no score, one no held score explains (see {@link
 * ScoreAccumulator#retract}), and a revision between two different evaluations or back to an
 * earlier state.
 *
 * <p>{@link #toBytes()} writes a snapshot: bytes {@code 'S' 'K'}, the kind byte {@value
 * #SNAPSHOT_KIND}, the version byte {@value #SNAPSHOT_VERSION}, the granularity and zone, and per
 * cell (sorted by agent and period) the agent, the period start and the running count, mean, sum of
 * squared deviations and largest score magnitude (see {@link ScoreAccumulator#retract}; version 2);
 * the last four bytes are the CRC32C of the rest, so a truncated or corrupted snapshot is rejected
 * by {@link #fromBytes(byte[])}. Version 1 snapshots (without the magnitude) are read too. {@link
 * #toJson()} and {@link #fromJson(String)} write and read the same state as JSON, by the same
 * rules.
 *
 * <p>Weeks start on Monday (ISO) unless the aggregator is created with another {@code
 * firstDayOfWeek} ({@link #create(Granularity, ZoneId, DayOfWeek)}: {@link DayOfWeek#SUNDAY} for US
 * Sunday-Saturday weeks, {@link DayOfWeek#SATURDAY} for Saturday-Friday ones). A snapshot of an
 * aggregator of Monday weeks (or of days or months) is version 2, byte for byte as before; one of
 * weeks starting on another day is version 3, which writes that day (its ISO number, one byte)
 * after the zone, so that a reader that does not know it refuses the snapshot rather than read its
 * weeks as Monday weeks.
 */
public final class ScoreAggregator {

  /** The kind byte of a score aggregator snapshot. */
  public static final int SNAPSHOT_KIND = 0x31;

  /**
   * The latest snapshot format version, read with versions 1 and 2: version 3 is written for weeks
   * that do not start on Monday, version 2 otherwise.
   */
  public static final int SNAPSHOT_VERSION = 3;

  /** The version written when the week starts on Monday (or no week is counted). */
  private static final int MONDAY_VERSION = 2;

  /** The first day {@link #add(String, LocalDate, double)} takes. */
  private static final LocalDate FIRST_DAY = LocalDate.ofInstant(Instants.FIRST, ZoneOffset.UTC);

  /** The last day {@link #add(String, LocalDate, double)} takes. */
  private static final LocalDate LAST_DAY =
      LocalDate.ofInstant(Instants.END, ZoneOffset.UTC).minusDays(1);

  /**
   * The local dates of {@link Evaluation}'s instants ({@code [1900-01-01T00:00Z,
   * 2300-01-01T00:00Z)}) in any zone (offsets up to 18 hours): a snapshot's period starts lie in
   * {@code periodStart(1899-12-31)..2300-01-01}.
   */
  private static final LocalDate FIRST_ZONED_DAY = FIRST_DAY.minusDays(1);

  private static final LocalDate LAST_ZONED_DAY = LAST_DAY.plusDays(1);

  private final Granularity granularity;
  private final ZoneId zone;
  private final DayOfWeek firstDayOfWeek;
  private final Map<AgentPeriod, ScoreAccumulator> cells = new HashMap<>();

  private ScoreAggregator(Granularity granularity, ZoneId zone, DayOfWeek firstDayOfWeek) {
    this.granularity = Objects.requireNonNull(granularity, "granularity");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.firstDayOfWeek = granularity.weekStart(firstDayOfWeek);
  }

  /**
   * Creates an empty aggregator, weeks starting on Monday (ISO).
   *
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @return the aggregator
   */
  public static ScoreAggregator create(Granularity granularity, ZoneId zone) {
    return new ScoreAggregator(granularity, zone, DayOfWeek.MONDAY);
  }

  /**
   * Creates an empty aggregator whose weeks start on {@code firstDayOfWeek}, e.g. {@link
   * DayOfWeek#SUNDAY} for US Sunday-Saturday weeks. For {@link Granularity#DAY} and {@link
   * Granularity#MONTH} the day defines nothing and is kept as Monday, so aggregators of the same
   * periods merge whatever day they were given.
   *
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @param firstDayOfWeek the day a {@link Granularity#WEEK} starts
   * @return the aggregator
   */
  public static ScoreAggregator create(
      Granularity granularity, ZoneId zone, DayOfWeek firstDayOfWeek) {
    return new ScoreAggregator(granularity, zone, firstDayOfWeek);
  }

  /**
   * Adds an evaluation's final score; evaluations without a score (all N/A) are skipped. Validates
   * before changing anything. Adding the same evaluation again counts it again (see the class
   * comment): a revised evaluation goes through {@link #revise(Evaluation, Evaluation)}.
   *
   * @param evaluation the evaluation
   * @return true if a score was added
   * @throws IllegalArgumentException if its score is out of range
   */
  public boolean add(Evaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    if (evaluation.result().score().isEmpty()) {
      return false;
    }
    double score = evaluation.result().score().get().doubleValue();
    ScoreAccumulator.checkScore(score);
    addToCell(
        evaluation.agentId(),
        periodStart(granularity, zone, firstDayOfWeek, evaluation.evaluatedAt()),
        score);
    return true;
  }

  /**
   * Adds a score for an agent on a day, {@code O(1)} expected. Validates before changing anything:
   * a rejected score leaves no trace.
   *
   * @param agentId the agent: an id, as {@link Evaluation#agentId()} (not blank, at most 128
   *     characters, no control characters or unpaired surrogates)
   * @param day the day of the evaluation, in {@code 1900-01-01..2299-12-31} (the years of {@link
   *     Evaluation}'s instants and of sla-core's calendars)
   * @param score the score: finite, {@code |score| <=} {@value ScoreAccumulator#MAX_ABS_SCORE}
   * @throws IllegalArgumentException if the agent id is not an id, the day is outside the years
   *     1900..2299, or the score is not finite or out of range
   */
  public void add(String agentId, LocalDate day, double score) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(day, "day");
    Ids.require(agentId, "agentId");
    requireDay(day);
    ScoreAccumulator.checkScore(score);
    addToCell(agentId, granularity.periodStart(day, firstDayOfWeek), score);
  }

  private static void requireDay(LocalDate day) {
    if (day.isBefore(FIRST_DAY) || day.isAfter(LAST_DAY)) {
      throw new IllegalArgumentException(
          "day "
              + day
              + " must be in "
              + FIRST_DAY
              + ".."
              + LAST_DAY
              + ", the years 1900..2299 of every servicekit date");
    }
  }

  /**
   * Withdraws an evaluation's score that {@link #add(Evaluation)} added (a deleted or voided
   * review), {@code O(1)} expected; an evaluation without a score was not added and is skipped. The
   * evaluation's agent and instant give the cell, so pass it as it was added (its current state if
   * it was revised through {@link #revise(Evaluation, Evaluation)}).
   *
   * @param evaluation the evaluation as added
   * @return true if a score was retracted, false if it has none
   * @throws IllegalArgumentException if its agent has no score in its period, or none that can be
   *     this score (see {@link ScoreAccumulator#retract(double)}); nothing changes
   */
  public boolean retract(Evaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    if (evaluation.result().score().isEmpty()) {
      return false;
    }
    double score = evaluation.result().score().get().doubleValue();
    AgentPeriod key =
        new AgentPeriod(
            evaluation.agentId(),
            periodStart(granularity, zone, firstDayOfWeek, evaluation.evaluatedAt()));
    ScoreAccumulator next = copyOfCell(key);
    retractFrom(next, key, score, evaluation);
    commit(key, next);
    return true;
  }

  /**
   * Withdraws a score that {@link #add(String, LocalDate, double)} added, {@code O(1)} expected.
   *
   * @param agentId the agent, as added
   * @param day the day, as added
   * @param score the score, as added
   * @throws IllegalArgumentException if the arguments break {@link #add(String, LocalDate,
   *     double)}'s rules, the agent has no score in that day's period, or none that can be this
   *     score (see {@link ScoreAccumulator#retract(double)}); nothing changes
   */
  public void retract(String agentId, LocalDate day, double score) {
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(day, "day");
    Ids.require(agentId, "agentId");
    requireDay(day);
    ScoreAccumulator.checkScore(score);
    AgentPeriod key = new AgentPeriod(agentId, granularity.periodStart(day, firstDayOfWeek));
    ScoreAccumulator next = copyOfCell(key);
    retractFrom(next, key, score, null);
    commit(key, next);
  }

  /**
   * Replaces the score of an evaluation that was added with that of its revised state, {@code O(1)}
   * expected: the score the QA lead sees after a rescore or an upheld dispute, counted once.
   * Equivalent to {@link #retract(Evaluation) retract(old)} then {@link #add(Evaluation)
   * add(revised)}, bit for bit, but all or nothing; with equal scores nothing changes, not even by
   * rounding. Either may have no score (all N/A): then only the other side applies.
   *
   * <p>Both must be states of one evaluation, as {@link Evaluation#revise}, {@link
   * Evaluation#rescore} and {@link Evaluation#withDispute} make them: the same interaction, agent,
   * reviewer, first evaluation instant and checklist id (so the same cell), and {@code revised} no
   * older than {@code old} (not fewer {@link Evaluation#revisions() revisions}).
   *
   * @param old the evaluation as it was added
   * @param revised its revised state
   * @throws IllegalArgumentException if they are not states of one evaluation, {@code revised} has
   *     fewer revisions than {@code old} (the arguments swapped), or {@code old}'s score cannot be
   *     retracted (see {@link #retract(Evaluation)}); nothing changes
   */
  public void revise(Evaluation old, Evaluation revised) {
    Objects.requireNonNull(old, "old");
    Objects.requireNonNull(revised, "revised");
    requireRevision(old, revised);
    AgentPeriod key =
        new AgentPeriod(
            old.agentId(), periodStart(granularity, zone, firstDayOfWeek, old.evaluatedAt()));
    ScoreAccumulator next = copyOfCell(key);
    boolean changed = false;
    if (old.result().score().isPresent()) {
      retractFrom(next, key, old.result().score().get().doubleValue(), old);
      changed = true;
    }
    if (revised.result().score().isPresent()) {
      double score = revised.result().score().get().doubleValue();
      ScoreAccumulator.checkScore(score);
      if (old.result().score().isPresent()
          && Double.compare(old.result().score().get().doubleValue(), score) == 0) {
        return; // old's score is held and stays: nothing changes, not even by rounding
      }
      next.add(score);
      changed = true;
    }
    if (changed) {
      commit(key, next);
    }
  }

  /** Refuses two evaluations that are not an evaluation and a later state of it. */
  static void requireRevision(Evaluation old, Evaluation revised) {
    requireSameEvaluation(old, revised);
    if (revised.revisions().size() < old.revisions().size()) {
      throw new IllegalArgumentException(
          "revised has "
              + revised.revisions().size()
              + " revisions and old "
              + old.revisions().size()
              + ": revised is an earlier state of "
              + old
              + " (are the arguments swapped?)");
    }
  }

  private static void requireSameEvaluation(Evaluation old, Evaluation revised) {
    String field =
        !old.interactionId().equals(revised.interactionId())
            ? "interactionId"
            : !old.agentId().equals(revised.agentId())
                ? "agentId"
                : !old.reviewerId().equals(revised.reviewerId())
                    ? "reviewerId"
                    : !old.evaluatedAt().equals(revised.evaluatedAt())
                        ? "evaluatedAt"
                        : !old.checklistId().equals(revised.checklistId()) ? "checklistId" : null;
    if (field != null) {
      throw new IllegalArgumentException(
          "revised is not a state of the evaluation old: their "
              + field
              + " differs ("
              + old
              + " at "
              + old.evaluatedAt()
              + ", "
              + revised
              + " at "
              + revised.evaluatedAt()
              + "); add the other evaluation instead");
    }
  }

  /** A copy of a cell's accumulator to change before committing, or an empty one. */
  private ScoreAccumulator copyOfCell(AgentPeriod key) {
    ScoreAccumulator copy = new ScoreAccumulator();
    ScoreAccumulator cell = cells.get(key);
    if (cell != null) {
      copy.merge(cell);
    }
    return copy;
  }

  /** Retracts from a copy, naming the cell (and the evaluation) when refused. */
  private void retractFrom(
      ScoreAccumulator acc, AgentPeriod key, double score, Evaluation evaluation) {
    String what =
        "cannot retract "
            + (evaluation == null ? "score " + score : evaluation.toString())
            + " of agent "
            + Excerpts.quote(key.agentId())
            + " from the "
            + granularity.describe(firstDayOfWeek)
            + " starting "
            + key.periodStart();
    if (acc.count() == 0) {
      throw new IllegalArgumentException(what + ": the agent has no score in that period");
    }
    try {
      acc.retract(score);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
    }
  }

  /** Stores a changed cell; an emptied cell is removed, as if it had never been added. */
  private void commit(AgentPeriod key, ScoreAccumulator next) {
    if (next.count() == 0) {
      cells.remove(key);
    } else {
      cells.put(key, next);
    }
  }

  private void addToCell(String agentId, LocalDate periodStart, double score) {
    cells
        .computeIfAbsent(new AgentPeriod(agentId, periodStart), k -> new ScoreAccumulator())
        .add(score);
  }

  /**
   * The period start of an evaluation instant: {@link Evaluation} keeps its instants within years
   * 1900..2300, so every zone gives them a date.
   */
  static LocalDate periodStart(
      Granularity granularity, ZoneId zone, DayOfWeek firstDayOfWeek, Instant evaluatedAt) {
    return granularity.periodStart(LocalDate.ofInstant(evaluatedAt, zone), firstDayOfWeek);
  }

  /**
   * Adds everything from another aggregator of the same granularity, first day of the week and
   * zone, {@code O(cells)}.
   *
   * @param other the other aggregator; unchanged
   * @throws IllegalArgumentException if granularity, first day of the week or zone differ (nothing
   *     changes; the message names both, e.g. {@code "cannot merge a WEEK (starting SUNDAY)/UTC
   *     aggregator into a WEEK/UTC aggregator: their weeks start on SUNDAY and MONDAY"}); zones of
   *     equal rules ({@code UTC} and {@code Z}) are the same zone here
   * @throws ArithmeticException if a cell's count would overflow a long (nothing changes)
   */
  public void merge(ScoreAggregator other) {
    Objects.requireNonNull(other, "other");
    if (other.granularity != granularity
        || other.firstDayOfWeek != firstDayOfWeek
        || !Granularity.sameDates(other.zone, zone)) {
      throw new IllegalArgumentException(
          "cannot merge a "
              + other.granularity.describe(other.firstDayOfWeek)
              + "/"
              + other.zone
              + " aggregator into a "
              + granularity.describe(firstDayOfWeek)
              + "/"
              + zone
              + " aggregator"
              + weeksDiffer(other.granularity, other.firstDayOfWeek, granularity, firstDayOfWeek));
    }
    for (Map.Entry<AgentPeriod, ScoreAccumulator> e : other.cells.entrySet()) {
      ScoreAccumulator mine = cells.get(e.getKey());
      if (mine != null && e.getValue().count() > Long.MAX_VALUE - mine.count()) {
        throw new ArithmeticException(
            "score count of " + e.getKey() + " would overflow: nothing was merged");
      }
    }
    for (Map.Entry<AgentPeriod, ScoreAccumulator> e : other.cells.entrySet()) {
      if (e.getValue().count() > 0) { // an empty cell adds nothing
        cells.computeIfAbsent(e.getKey(), k -> new ScoreAccumulator()).merge(e.getValue());
      }
    }
  }

  /**
   * Why two recorders of the same granularity do not merge when their weeks start on different
   * days, for messages ({@code ": their weeks start on SUNDAY and MONDAY"}), or nothing.
   */
  static String weeksDiffer(Granularity g1, DayOfWeek d1, Granularity g2, DayOfWeek d2) {
    return g1 == g2 && d1 != d2 ? ": their weeks start on " + d1 + " and " + d2 : "";
  }

  /**
   * Summaries of every agent and period, {@code O(cells log cells)}.
   *
   * @param confidence the confidence level in (0, 1), e.g. 0.95
   * @param tolerance the largest CI half-width (score points) considered reliable, {@code >= 0}
   * @return summaries sorted by agent, then period
   * @throws IllegalArgumentException if confidence or tolerance is out of range, also when the
   *     aggregator holds no score
   */
  public SortedMap<AgentPeriod, ScoreSummary> summaries(double confidence, double tolerance) {
    SortedMap<AgentPeriod, ScoreSummary> out = new TreeMap<>();
    ScoreAccumulator.checkConfidence(confidence);
    ScoreAccumulator.checkTolerance(tolerance);
    for (Map.Entry<AgentPeriod, ScoreAccumulator> e : cells.entrySet()) {
      if (e.getValue().count() > 0) { // never stored; skipped rather than failing every cell
        out.put(e.getKey(), e.getValue().summary(confidence, tolerance));
      }
    }
    return out;
  }

  /**
   * Summaries of every team and period: the scores of each team's agents pooled per period, as an
   * aggregator fed every score under its agent's team would hold them (counts exactly, means and
   * deviations up to floating-point rounding), {@code O(cells log cells)}. The team is read at this
   * call, once per agent, for all of the agent's periods: an agent who moved counts wholly in the
   * team {@code teamOfAgent} gives now (for the team at each evaluation's time, feed a second
   * aggregator with the team as the agent id, or count outcomes with {@link OutcomeShares}, which
   * keeps the team each evaluation was counted in). Read-only: nothing changes, also if it throws.
   *
   * @param teamOfAgent the team of an agent id (must return a team that is not blank)
   * @param confidence the confidence level in (0, 1), e.g. 0.95
   * @param tolerance the largest CI half-width (score points) considered reliable, {@code >= 0}
   * @return summaries sorted by team, then period
   * @throws IllegalArgumentException if confidence or tolerance is out of range, or the function
   *     gives an agent a blank team (naming both)
   * @throws NullPointerException if the function gives an agent no team (naming the agent)
   * @throws ArithmeticException if a team's count in one period would overflow a long
   */
  public SortedMap<GroupPeriod, ScoreSummary> teamSummaries(
      Function<String, String> teamOfAgent, double confidence, double tolerance) {
    Objects.requireNonNull(teamOfAgent, "teamOfAgent");
    ScoreAccumulator.checkConfidence(confidence);
    ScoreAccumulator.checkTolerance(tolerance);
    // in agent order, so that the pooled rounding does not depend on the hash table's history
    SortedMap<AgentPeriod, ScoreAccumulator> sorted = new TreeMap<>(cells);
    Map<String, String> teams = new HashMap<>();
    SortedMap<GroupPeriod, ScoreAccumulator> pooled = new TreeMap<>();
    for (Map.Entry<AgentPeriod, ScoreAccumulator> e : sorted.entrySet()) {
      if (e.getValue().count() == 0) {
        continue; // never stored
      }
      String agent = e.getKey().agentId();
      String team = teams.get(agent);
      if (team == null) {
        team = OutcomeShares.teamOf(teamOfAgent, agent);
        teams.put(agent, team);
      }
      pooled
          .computeIfAbsent(
              new GroupPeriod(team, e.getKey().periodStart()), k -> new ScoreAccumulator())
          .merge(e.getValue());
    }
    SortedMap<GroupPeriod, ScoreSummary> out = new TreeMap<>();
    for (Map.Entry<GroupPeriod, ScoreAccumulator> e : pooled.entrySet()) {
      out.put(e.getKey(), e.getValue().summary(confidence, tolerance));
    }
    return out;
  }

  /**
   * Writes the aggregator's state as a versioned, checksummed snapshot, {@code O(cells log cells)}.
   *
   * @return the snapshot
   */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 40 * cells.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      boolean monday = firstDayOfWeek == DayOfWeek.MONDAY;
      out.write(
          new byte[] {
            'S', 'K', (byte) SNAPSHOT_KIND, (byte) (monday ? MONDAY_VERSION : SNAPSHOT_VERSION)
          });
      out.writeUTF(granularity.name());
      out.writeUTF(zone.getId());
      if (!monday) {
        out.writeByte(firstDayOfWeek.getValue());
      }
      out.writeInt(cells.size());
      for (Map.Entry<AgentPeriod, ScoreAccumulator> e : new TreeMap<>(cells).entrySet()) {
        out.writeUTF(e.getKey().agentId());
        out.writeLong(e.getKey().periodStart().toEpochDay());
        out.writeLong(e.getValue().count());
        out.writeDouble(e.getValue().mean());
        out.writeDouble(e.getValue().m2());
        out.writeDouble(e.getValue().scale());
      }
      seal(bytes, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen in memory
    }
    return bytes.toByteArray();
  }

  /** The {@code kind} of a score aggregator's JSON snapshot. */
  static final String JSON_KIND = "scoreAggregator";

  /** The JSON snapshot format version written and read. */
  public static final int JSON_VERSION = 1;

  private static final java.util.Set<String> JSON_FIELDS =
      java.util.Set.of(
          "format", "kind", "version", "granularity", "zone", "firstDayOfWeek", "cells");
  private static final java.util.Set<String> STATE_FIELDS =
      java.util.Set.of("granularity", "zone", "firstDayOfWeek", "cells");
  private static final java.util.Set<String> CELL_FIELDS =
      java.util.Set.of("agentId", "periodStart", "count", "mean", "m2", "scale");

  /**
   * Writes the aggregator's state as a versioned JSON snapshot with a checksum, {@code O(cells log
   * cells)}: {@code {"format":"servicekit-qa","kind":"scoreAggregator","version":1,
   * "granularity":"WEEK","zone":"America/Chicago","firstDayOfWeek":"SUNDAY","cells":[{"agentId":
   * "ann","periodStart":"2026-03-01","count":2,"mean":"85.5","m2":"12.5","scale":"88.0"}],
   * "crc32c":"1a2b3c4d"}}, cells sorted by agent and period as in {@link #toBytes()}. {@code
   * firstDayOfWeek} is written only for weeks that do not start on Monday, as in the binary
   * snapshot. The moments are strings in Java's round-trip form ({@link Double#toString(double)}),
   * so they read back bit for bit; {@code crc32c} is the CRC32C of the compact document without it,
   * as in kpi-core's JSON snapshots. Equal aggregators write equal text.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode root = SnapshotJson.begin(JSON_KIND, JSON_VERSION);
    writeState(root);
    return SnapshotJson.seal(root);
  }

  /**
   * Writes granularity, zone, first day of the week (if not Monday) and cells into {@code node}.
   */
  void writeState(ObjectNode node) {
    writePeriods(node, granularity, zone, firstDayOfWeek);
    ArrayNode a = node.putArray("cells");
    for (Map.Entry<AgentPeriod, ScoreAccumulator> e : new TreeMap<>(cells).entrySet()) {
      ObjectNode c = a.addObject();
      c.put("agentId", e.getKey().agentId());
      c.put("periodStart", e.getKey().periodStart().toString());
      c.put("count", e.getValue().count());
      SnapshotJson.put(c, "mean", e.getValue().mean());
      SnapshotJson.put(c, "m2", e.getValue().m2());
      SnapshotJson.put(c, "scale", e.getValue().scale());
    }
  }

  /**
   * Restores an aggregator from {@link #toJson()}, {@code O(text)}, by the rules of {@link
   * #fromBytes(byte[])} (the same checks, so a state one reader refuses the other refuses too).
   * Input is bounded as every qa-core JSON reader bounds it (16 MiB, strings of 64 Ki characters,
   * nesting 32); unknown and repeated fields are refused.
   *
   * @param json the JSON text
   * @return the aggregator
   * @throws IllegalArgumentException if the text is not JSON, another kind or version of snapshot,
   *     fails its checksum, or holds a state {@link #fromBytes(byte[])} refuses; the message names
   *     the rule, the JSON path, line and column ({@code "snapshot cell 0 starts on 2026-03-02
   *     (MONDAY), not a WEEK (starting SUNDAY) start (at $.cells[0].periodStart, line 1, column
   *     190)"}), quoting values by bounded excerpts
   */
  public static ScoreAggregator fromJson(String json) {
    Objects.requireNonNull(json, "json");
    return JsonInput.read(
        json,
        "score aggregator snapshot is not valid JSON: ",
        root -> {
          SnapshotJson.open(root, JSON_KIND, "score aggregator", JSON_VERSION, JSON_VERSION);
          SnapshotJson.fields(root, "$", JSON_FIELDS);
          return readState(root, "$");
        });
  }

  /** The periods of a JSON snapshot: granularity, zone and first day of the week. */
  record Periods(Granularity granularity, ZoneId zone, DayOfWeek firstDayOfWeek) {}

  /**
   * Writes the periods' fields of a JSON snapshot (the first day of the week only when it is not
   * Monday), as aggregators and outcome share recorders write them.
   */
  static void writePeriods(ObjectNode node, Granularity g, ZoneId zone, DayOfWeek first) {
    node.put("granularity", g.name());
    node.put("zone", zone.getId());
    if (first != DayOfWeek.MONDAY) {
      node.put("firstDayOfWeek", first.name());
    }
  }

  /**
   * Reads what {@link #writePeriods} wrote at {@code path}, checked as the binary reader checks.
   */
  static Periods readPeriods(JsonNode node, String path) {
    FieldCheck report = at(path);
    String gName = SnapshotJson.text(node, "granularity", path);
    Granularity g = report.check("granularity", () -> granularity(gName));
    String zoneId = SnapshotJson.text(node, "zone", path);
    ZoneId z = report.check("zone", () -> zone(zoneId));
    DayOfWeek first = DayOfWeek.MONDAY;
    if (node.has("firstDayOfWeek")) {
      String day = SnapshotJson.text(node, "firstDayOfWeek", path);
      first =
          report.check(
              "firstDayOfWeek", () -> weekStart(g, dayOfWeek(day), "snapshot firstDayOfWeek"));
    }
    return new Periods(g, z, first);
  }

  /** Reads what {@link #writeState} wrote at {@code path}, checked as the binary reader checks. */
  static ScoreAggregator readState(JsonNode node, String path) {
    if (!path.equals("$")) {
      SnapshotJson.object(node, path);
      SnapshotJson.fields(node, path, STATE_FIELDS);
    }
    Periods periods = readPeriods(node, path);
    ScoreAggregator out =
        new ScoreAggregator(periods.granularity(), periods.zone(), periods.firstDayOfWeek());
    ArrayNode a = SnapshotJson.array(node, "cells", path);
    String cellsPath = SnapshotJson.child(path, "cells");
    for (int i = 0; i < a.size(); i++) {
      String p = SnapshotJson.element(cellsPath, i);
      JsonNode c = SnapshotJson.object(a.get(i), p);
      SnapshotJson.fields(c, p, CELL_FIELDS);
      out.restoreCell(
          "snapshot cell " + i,
          SnapshotJson.text(c, "agentId", p),
          SnapshotJson.date(c, "periodStart", p),
          SnapshotJson.integer(c, "count", p),
          SnapshotJson.decimal(c, "mean", p),
          SnapshotJson.decimal(c, "m2", p),
          SnapshotJson.decimal(c, "scale", p),
          at(p));
    }
    return out;
  }

  /** The day a JSON snapshot names, or an error naming the days (not Enum.valueOf's). */
  static DayOfWeek dayOfWeek(String name) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.name().equals(name)) {
        return d;
      }
    }
    throw new IllegalArgumentException(
        "snapshot firstDayOfWeek "
            + Excerpts.quote(name)
            + " is not one of "
            + java.util.Arrays.toString(DayOfWeek.values()));
  }

  /** Appends the CRC32C of what {@code bytes} holds so far, through {@code out} (its stream). */
  static void seal(ByteArrayOutputStream bytes, DataOutputStream out) throws IOException {
    out.flush();
    CRC32C crc = new CRC32C();
    crc.update(bytes.toByteArray());
    out.writeInt((int) crc.getValue());
  }

  /**
   * Whose snapshot kind {@code k} is, for messages: the three cores share the frame, each with
   * kinds of its own.
   */
  private static String owner(int k) {
    if (k == 'S') {
      return " (an sla-core SLA clock snapshot: SlaClockSnapshot.fromBytes)";
    }
    if (k == ScoreLedger.SNAPSHOT_KIND) {
      return " (a score ledger snapshot: ScoreLedger.fromBytes)";
    }
    if (k == SNAPSHOT_KIND) {
      return " (a score aggregator snapshot: ScoreAggregator.fromBytes)";
    }
    if (k == OutcomeShares.SNAPSHOT_KIND) {
      return " (an outcome shares snapshot: OutcomeShares.fromBytes)";
    }
    if (k <= 14 || k == 200) {
      return " (a kpi-core snapshot: KpiSnapshots.fromBytes)";
    }
    return "";
  }

  /**
   * Restores an aggregator from {@link #toBytes()}, {@code O(bytes)}.
   *
   * @param snapshot the snapshot
   * @return the aggregator
   * @throws IllegalArgumentException if the snapshot is truncated or corrupted (checksum), of
   *     another kind ({@code "expected a score aggregator snapshot (kind 49), found kind 1 (a
   *     kpi-core snapshot: KpiSnapshots.fromBytes)"}) or version, or holds an inconsistent state
   */
  public static ScoreAggregator fromBytes(byte[] snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    checkFrame(snapshot, SNAPSHOT_KIND, "score aggregator", 1, SNAPSHOT_VERSION);
    int version = snapshot[3];
    DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(snapshot, 4, snapshot.length - 8));
    try {
      Granularity g = granularity(in.readUTF());
      ZoneId z = zone(in.readUTF());
      DayOfWeek first = version < 3 ? DayOfWeek.MONDAY : weekStart(g, in.readUnsignedByte());
      ScoreAggregator out = new ScoreAggregator(g, z, first);
      int n = in.readInt();
      if (n < 0 || n > (snapshot.length - 8) / (version == 1 ? 34 : 42)) {
        throw new IllegalArgumentException("snapshot cell count " + n + " does not fit its size");
      }
      for (int i = 0; i < n; i++) {
        String agentId = in.readUTF();
        LocalDate start = LocalDate.ofEpochDay(in.readLong());
        long count = in.readLong();
        double mean = in.readDouble();
        double m2 = in.readDouble();
        Double scale = version == 1 ? null : in.readDouble();
        out.restoreCell("snapshot cell " + i, agentId, start, count, mean, m2, scale, AS_IS);
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException(
            "snapshot has " + in.available() + " bytes after its cells");
      }
      return out;
    } catch (EOFException e) {
      throw new IllegalArgumentException("snapshot ends inside its cells", e);
    } catch (IOException | DateTimeException e) {
      throw new IllegalArgumentException(
          "snapshot is not valid: " + Excerpts.cut(String.valueOf(e.getMessage()), 200), e);
    }
  }

  /**
   * How a snapshot reader reports a refused field of what it reads: the binary reader as the check
   * words it, the JSON reader at the field's JSON path. Every reader runs the same checks through
   * it, so that binary and JSON snapshots are held to one set of rules.
   */
  interface FieldCheck {
    /**
     * Runs {@code check}, reporting its refusal as one of {@code field}.
     *
     * @param field the field checked, relative to the value being read ({@code ""}: the value)
     * @param check the check
     * @return what the check returns
     */
    <T> T check(String field, java.util.function.Supplier<T> check);
  }

  /** The binary readers' {@link FieldCheck}: the refusal as the check words it. */
  static final FieldCheck AS_IS = ScoreAggregator::asIs;

  private static <T> T asIs(String field, java.util.function.Supplier<T> check) {
    return check.get();
  }

  /**
   * The JSON readers' {@link FieldCheck}: the refusal located at {@code path} and the field.
   *
   * @param path the JSON path of the value being read
   */
  static FieldCheck at(String path) {
    return new FieldCheck() {
      @Override
      public <T> T check(String field, java.util.function.Supplier<T> check) {
        return SnapshotJson.at(field.isEmpty() ? path : SnapshotJson.child(path, field), check);
      }
    };
  }

  /**
   * Adds a cell read from a snapshot, after the checks of every reader: an agent id by the id rule,
   * a period start of this aggregator's periods in the years 1900..2299, a consistent state (see
   * {@link ScoreAccumulator#restore(long, double, double, double)}) of at least one score, and a
   * cell not read before.
   *
   * @param what the cell in messages ({@code "snapshot cell 3"})
   * @param scale the largest score magnitude, or null for a version 1 snapshot (derived)
   * @param report reports a refusal as one of the cell's fields
   */
  void restoreCell(
      String what,
      String agentId,
      LocalDate start,
      long count,
      double mean,
      double m2,
      Double scale,
      FieldCheck report) {
    report.check("agentId", () -> Ids.require(agentId, what + " agentId"));
    report.check(
        "periodStart",
        () -> {
          checkPeriodStart(granularity, firstDayOfWeek, start, what);
          return start;
        });
    AgentPeriod key = new AgentPeriod(agentId, start);
    ScoreAccumulator acc =
        report.check(
            "",
            () ->
                scale == null
                    ? ScoreAccumulator.restore(count, mean, m2)
                    : ScoreAccumulator.restore(count, mean, m2, scale));
    report.check(
        "count",
        () -> {
          if (acc.count() == 0) {
            throw new IllegalArgumentException(
                what + " (" + key + ") has count 0: a cell holds at least one score");
          }
          return acc;
        });
    report.check(
        "",
        () -> {
          if (cells.containsKey(key)) {
            throw new IllegalArgumentException("snapshot repeats the cell " + key);
          }
          return cells.put(key, acc);
        });
  }

  /**
   * Checks a snapshot cell's period start: a start of {@code g}'s periods (weeks starting on {@code
   * first}), within those of the years 1900..2299 in any zone.
   */
  static void checkPeriodStart(Granularity g, DayOfWeek first, LocalDate start, String what) {
    if (start.isBefore(g.periodStart(FIRST_ZONED_DAY, first)) || start.isAfter(LAST_ZONED_DAY)) {
      throw new IllegalArgumentException(
          what + " starts on " + start + ", outside the periods of the years 1900..2299");
    }
    if (!g.periodStart(start, first).equals(start)) {
      throw new IllegalArgumentException(
          what
              + " starts on "
              + start
              + " ("
              + start.getDayOfWeek()
              + "), not a "
              + g.describe(first)
              + " start");
    }
  }

  /**
   * The first day of the week a version 3 snapshot declares (its ISO number): a day other than
   * Monday, of weeks, since Monday weeks and other periods are written as version 2.
   */
  static DayOfWeek weekStart(Granularity g, int isoDay) {
    if (isoDay < 1 || isoDay > 7) {
      throw new IllegalArgumentException(
          "snapshot firstDayOfWeek " + isoDay + " is not a day of the week (1 = MONDAY .. 7)");
    }
    return weekStart(g, DayOfWeek.of(isoDay), "snapshot firstDayOfWeek");
  }

  /**
   * Refuses a declared first day of the week that the writer never declares: one for periods other
   * than weeks, or Monday (written by omitting it).
   */
  static DayOfWeek weekStart(Granularity g, DayOfWeek day, String what) {
    if (g != Granularity.WEEK || day == DayOfWeek.MONDAY) {
      throw new IllegalArgumentException(
          what
              + " "
              + day
              + " is declared for "
              + g
              + " periods: only weeks starting on another day than MONDAY declare one");
    }
    return day;
  }

  /**
   * Checks a snapshot's frame: its length, checksum, magic, kind and version (from {@code first} to
   * {@code latest}), with messages naming what is wrong.
   */
  static void checkFrame(byte[] snapshot, int kind, String name, int first, int latest) {
    if (snapshot.length < 8) {
      throw new IllegalArgumentException(
          "snapshot is truncated: " + snapshot.length + " bytes, a snapshot has at least 8");
    }
    CRC32C crc = new CRC32C();
    crc.update(snapshot, 0, snapshot.length - 4);
    int stored = ByteBuffer.wrap(snapshot, snapshot.length - 4, 4).getInt();
    if ((int) crc.getValue() != stored) {
      String text = textInsteadOfBinary(snapshot);
      if (text != null) {
        throw new IllegalArgumentException(text);
      }
      throw new IllegalArgumentException(
          "snapshot is corrupted or truncated: its CRC32C does not match ("
              + snapshot.length
              + " bytes)");
    }
    if (snapshot[0] != 'S' || snapshot[1] != 'K') {
      throw new IllegalArgumentException("not a servicekit snapshot: it does not start with 'SK'");
    }
    if (snapshot[2] != kind) {
      throw new IllegalArgumentException(
          "expected "
              + ("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ")
              + name
              + " snapshot (kind "
              + kind
              + "), found kind "
              + (snapshot[2] & 0xFF)
              + owner(snapshot[2] & 0xFF));
    }
    int version = snapshot[3];
    if (version < first || version > latest) {
      throw new IllegalArgumentException(
          "snapshot version "
              + (snapshot[3] & 0xFF)
              + " is not supported: this reader reads versions "
              + first
              + " to "
              + latest);
    }
  }

  /** The period length. */
  Granularity granularity() {
    return granularity;
  }

  /** The zone of the periods. */
  ZoneId zone() {
    return zone;
  }

  /** The first day of the week ({@link DayOfWeek#MONDAY} for days and months). */
  DayOfWeek firstDayOfWeek() {
    return firstDayOfWeek;
  }

  /** Adds a checked score to the cell of a period start (the ledger's path). */
  void addAt(String agentId, LocalDate periodStart, double score) {
    addToCell(agentId, periodStart, score);
  }

  /** Retracts a score added by {@link #addAt}, all or nothing. */
  void retractAt(String agentId, LocalDate periodStart, double score, Evaluation evaluation) {
    AgentPeriod key = new AgentPeriod(agentId, periodStart);
    ScoreAccumulator next = copyOfCell(key);
    retractFrom(next, key, score, evaluation);
    commit(key, next);
  }

  /** The number of scores in a cell. */
  long countOf(AgentPeriod cell) {
    ScoreAccumulator a = cells.get(cell);
    return a == null ? 0 : a.count();
  }

  /** The mean of a cell's scores (NaN if it has none). */
  double meanOf(AgentPeriod cell) {
    ScoreAccumulator a = cells.get(cell);
    return a == null ? Double.NaN : a.mean();
  }

  /** Adds one cell of another aggregator (of this granularity and zone) to this one's (tests). */
  void mergeCell(AgentPeriod cell, ScoreAggregator other) {
    cells.computeIfAbsent(cell, k -> new ScoreAccumulator()).merge(other.cells.get(cell));
  }

  /** The cells held. */
  java.util.Set<AgentPeriod> cells() {
    return java.util.Collections.unmodifiableSet(cells.keySet());
  }

  /** Makes this aggregator hold exactly what {@code other} (of its granularity and zone) holds. */
  void replaceWith(ScoreAggregator other) {
    cells.clear();
    other.cells.forEach(
        (k, v) -> {
          ScoreAccumulator copy = new ScoreAccumulator();
          copy.merge(v);
          cells.put(k, copy);
        });
  }

  /** The granularity a snapshot names, or an error naming the field (not Enum.valueOf's). */
  static Granularity granularity(String name) {
    for (Granularity g : Granularity.values()) {
      if (g.name().equals(name)) {
        return g;
      }
    }
    throw new IllegalArgumentException(
        "snapshot granularity "
            + Excerpts.quote(name)
            + " is not one of "
            + java.util.Arrays.toString(Granularity.values()));
  }

  static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "snapshot zone " + Excerpts.quote(id) + " is not a zone id", e);
    }
  }

  /**
   * Why bytes that fail the checksum are text rather than a damaged binary snapshot, or null: JSON
   * (first non-blank byte '{') or the Base64 text of a binary snapshot ("U0s", the Base64 of 'SK').
   * No single-bit flip or truncation of a binary snapshot, which starts with 'S', makes either, so
   * those still read as corrupted.
   */
  private static String textInsteadOfBinary(byte[] b) {
    int i =
        b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF
            ? 3
            : 0;
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
    if (i < b.length && b[i] == '{') {
      return "not a servicekit snapshot in binary form: it is text starting with '{' (JSON: a"
          + " snapshot's toJson() text is read by fromJson)";
    }
    // 'S' 'K' and a kind byte in Base64: "U0", then s, t, u or v by the kind's two high bits.
    if (b.length >= 3 && b[0] == 'U' && b[1] == '0' && b[2] >= 's' && b[2] <= 'v') {
      return "not a servicekit snapshot in binary form: it starts with 'U0"
          + (char) b[2]
          + "', the Base64 text of 'SK' (decode the Base64 first)";
    }
    return null;
  }
}
