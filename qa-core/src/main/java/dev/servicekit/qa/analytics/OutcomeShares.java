package dev.servicekit.qa.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.qa.Evaluation;
import dev.servicekit.qa.ScoreBand;
import dev.servicekit.qa.analytics.ScoreAggregator.FieldCheck;
import dev.servicekit.qa.internal.Counts;
import dev.servicekit.qa.internal.Excerpts;
import dev.servicekit.qa.internal.Ids;
import dev.servicekit.qa.internal.JsonInput;
import dev.servicekit.qa.internal.SnapshotJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Counts an outcome of each evaluation (its score band, or pass/fail of a script) per agent and per
 * team and period, and reports each outcome's share with its interval and its trend from the
 * group's previous period.
 *
 * <p>Evaluations without the outcome (no score, or no applicable script criterion) are skipped and
 * counted in {@link #skipped()}. Mutable and not thread-safe; {@link #merge(OutcomeShares)}
 * combines recorders filled in parallel.
 *
 * <p>Revisions, as {@link ScoreAggregator}'s: {@link #revise(Evaluation, Evaluation)} moves a
 * revised evaluation from its old outcome to its new one (a score band crossed after an upheld
 * dispute) and {@link #retract(Evaluation)} withdraws one, each the exact inverse of {@link
 * #add(Evaluation)} (counts are exact: add then retract leaves the recorder as it was). Feeding
 * each evaluation once is the caller's duty, as is a team function that still gives the team the
 * evaluation was counted in; a retraction no count can take is refused and changes nothing.
 *
 * <p>{@link #toBytes()} writes a snapshot of the counts: bytes {@code 'S' 'K'}, the kind byte
 * {@value #SNAPSHOT_KIND}, the version byte, the granularity and zone, what is counted (score
 * bands, or a script's criteria), the skipped count, then the agent cells and the team cells
 * (sorted), each with its outcomes' counts (sorted by outcome); strings as their UTF-16 code units,
 * so any team name reads back exactly; the last four bytes are the CRC32C of the rest. {@link
 * #fromBytes(byte[], OutcomeShares)} reads it into a recorder that counts what a given recorder
 * counts (the functions cannot be written), refusing a snapshot of another granularity, zone or
 * outcome and any state {@code add} could not have built. {@link #toJson()} and {@link
 * #fromJson(String, OutcomeShares)} write and read the same state as JSON, by the same rules.
 *
 * <p>Weeks start on Monday (ISO) unless the recorder is created with another {@code
 * firstDayOfWeek}. A snapshot of Monday weeks (or of days or months) is version 1, byte for byte as
 * before; one of weeks starting on another day is version 2, which writes that day (its ISO number,
 * one byte) after the zone.
 */
public final class OutcomeShares {

  /** The kind byte of an outcome shares snapshot. */
  public static final int SNAPSHOT_KIND = 0x33;

  /**
   * The latest snapshot format version, read with version 1: version 2 is written for weeks that do
   * not start on Monday, version 1 otherwise.
   */
  public static final int SNAPSHOT_VERSION = 2;

  /** The version written when the week starts on Monday (or no week is counted). */
  private static final int MONDAY_VERSION = 1;

  /** Outcome name of a passing evaluation in {@link #scriptCompliance}. */
  public static final String PASS = "pass";

  /** Outcome name of a failing evaluation in {@link #scriptCompliance}. */
  public static final String FAIL = "fail";

  private final Function<Evaluation, Optional<String>> outcome;
  private final Set<String> scriptCriteria; // empty for score bands
  private final Function<String, String> teamOfAgent;
  private final Granularity granularity;
  private final ZoneId zone;
  private final DayOfWeek firstDayOfWeek;
  private final Map<GroupPeriod, Map<String, Long>> agents = new HashMap<>();
  private final Map<GroupPeriod, Map<String, Long>> teams = new HashMap<>();
  private long skipped;

  private OutcomeShares(
      Function<Evaluation, Optional<String>> outcome,
      Set<String> scriptCriteria,
      Function<String, String> teamOfAgent,
      Granularity granularity,
      ZoneId zone,
      DayOfWeek firstDayOfWeek) {
    this.outcome = outcome;
    this.scriptCriteria = scriptCriteria;
    this.teamOfAgent = Objects.requireNonNull(teamOfAgent, "teamOfAgent");
    this.granularity = Objects.requireNonNull(granularity, "granularity");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.firstDayOfWeek = granularity.weekStart(firstDayOfWeek);
  }

  /**
   * Shares of evaluations per score band (band name as outcome).
   *
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @param teamOfAgent the team of an agent id (must return a non-null team that is not blank)
   * @return an empty recorder
   */
  public static OutcomeShares bands(
      Granularity granularity, ZoneId zone, Function<String, String> teamOfAgent) {
    return bands(granularity, zone, DayOfWeek.MONDAY, teamOfAgent);
  }

  /**
   * Shares of evaluations per score band, weeks starting on {@code firstDayOfWeek} (days and months
   * ignore it, as {@link ScoreAggregator#create(Granularity, ZoneId, DayOfWeek)} does).
   *
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @param firstDayOfWeek the day a {@link Granularity#WEEK} starts, e.g. {@link DayOfWeek#SUNDAY}
   * @param teamOfAgent the team of an agent id (must return a non-null team that is not blank)
   * @return an empty recorder
   */
  public static OutcomeShares bands(
      Granularity granularity,
      ZoneId zone,
      DayOfWeek firstDayOfWeek,
      Function<String, String> teamOfAgent) {
    return new OutcomeShares(
        e -> e.result().band().map(ScoreBand::name),
        Set.of(),
        teamOfAgent,
        granularity,
        zone,
        firstDayOfWeek);
  }

  /**
   * Shares of evaluations passing ({@value #PASS}) and failing ({@value #FAIL}) a script.
   *
   * @param script the script
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @param teamOfAgent the team of an agent id (must return a non-null team that is not blank)
   * @return an empty recorder
   */
  public static OutcomeShares scriptCompliance(
      ScriptCompliance script,
      Granularity granularity,
      ZoneId zone,
      Function<String, String> teamOfAgent) {
    return scriptCompliance(script, granularity, zone, DayOfWeek.MONDAY, teamOfAgent);
  }

  /**
   * Shares of evaluations passing and failing a script, weeks starting on {@code firstDayOfWeek}
   * (days and months ignore it).
   *
   * @param script the script
   * @param granularity the period length
   * @param zone the zone in which evaluation instants are assigned to days
   * @param firstDayOfWeek the day a {@link Granularity#WEEK} starts, e.g. {@link DayOfWeek#SUNDAY}
   * @param teamOfAgent the team of an agent id (must return a non-null team that is not blank)
   * @return an empty recorder
   */
  public static OutcomeShares scriptCompliance(
      ScriptCompliance script,
      Granularity granularity,
      ZoneId zone,
      DayOfWeek firstDayOfWeek,
      Function<String, String> teamOfAgent) {
    Objects.requireNonNull(script, "script");
    return new OutcomeShares(
        e -> script.passes(e).map(p -> p ? PASS : FAIL),
        script.criteria(),
        teamOfAgent,
        granularity,
        zone,
        firstDayOfWeek);
  }

  /**
   * Counts an evaluation, {@code O(log groups)}. Validates before changing anything.
   *
   * @param evaluation the evaluation
   * @return true if counted, false if it had no outcome (then {@link #skipped()} grows)
   * @throws NullPointerException if the team function returns null for its agent (a blank team is
   *     an {@code IllegalArgumentException}; nothing is changed then)
   * @throws ArithmeticException if a count would overflow a {@code long} (only after repeated
   *     merges); nothing is changed then
   */
  public boolean add(Evaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    Optional<String> o = outcome.apply(evaluation);
    if (o.isEmpty()) {
      skipped = Counts.add(skipped, 1, "skipped evaluations");
      return false;
    }
    String team = teamOf(evaluation.agentId());
    LocalDate start =
        ScoreAggregator.periodStart(granularity, zone, firstDayOfWeek, evaluation.evaluatedAt());
    GroupPeriod agent = new GroupPeriod(evaluation.agentId(), start);
    GroupPeriod group = new GroupPeriod(team, start);
    checkCount(agents, agent, 1);
    checkCount(teams, group, 1);
    count(agents, agent, o.get(), 1);
    count(teams, group, o.get(), 1);
    return true;
  }

  /**
   * Withdraws an evaluation that {@link #add(Evaluation)} counted, {@code O(outcomes)}.
   *
   * @param evaluation the evaluation as counted
   * @return true if its outcome was uncounted, false if it had none (then {@link #skipped()}
   *     shrinks)
   * @throws IllegalArgumentException if no count holds it: no evaluation of its agent's (or team's)
   *     period had its outcome, or none without an outcome was skipped; nothing changes
   * @throws NullPointerException if the team function returns null for its agent (a blank team is
   *     an {@code IllegalArgumentException}; nothing is changed then)
   */
  public boolean retract(Evaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    Optional<String> o = outcome.apply(evaluation);
    Cells c = o.isEmpty() ? null : cellsOf(evaluation);
    requireCounted(evaluation, o, c);
    uncount(o, c);
    return o.isPresent();
  }

  /**
   * Replaces the outcome of an evaluation that was counted with that of its revised state, {@code
   * O(outcomes)}: retract then add, all or nothing, and nothing changes when the outcome is the
   * same. Both must be states of one evaluation, as {@link ScoreAggregator#revise(Evaluation,
   * Evaluation)} requires.
   *
   * @param old the evaluation as counted
   * @param revised its revised state
   * @throws IllegalArgumentException if they are not states of one evaluation, {@code revised} has
   *     fewer revisions than {@code old}, or {@code old} cannot be retracted; nothing changes
   * @throws ArithmeticException if a count would overflow (nothing changes)
   */
  public void revise(Evaluation old, Evaluation revised) {
    Objects.requireNonNull(old, "old");
    Objects.requireNonNull(revised, "revised");
    ScoreAggregator.requireRevision(old, revised);
    Optional<String> before = outcome.apply(old);
    Optional<String> after = outcome.apply(revised);
    Cells c = before.isEmpty() && after.isEmpty() ? null : cellsOf(old); // one agent, one instant
    requireCounted(old, before, c);
    if (before.equals(after)) {
      return;
    }
    if (after.isEmpty()) {
      Counts.add(skipped, 1, "skipped evaluations");
    } else if (before.isEmpty()) {
      checkCount(agents, c.agent, 1);
      checkCount(teams, c.team, 1);
    }
    uncount(before, c);
    if (after.isEmpty()) {
      skipped++;
    } else {
      count(agents, c.agent, after.get(), 1);
      count(teams, c.team, after.get(), 1);
    }
  }

  // ---- for ScoreLedger: the same counts, kept per evaluation id by the ledger ----

  /** An empty recorder counting what this one counts. */
  OutcomeShares emptyLike() {
    return new OutcomeShares(
        outcome, scriptCriteria, teamOfAgent, granularity, zone, firstDayOfWeek);
  }

  /** A recorder counting what this one counts, holding a copy of its counts. */
  OutcomeShares copy() {
    OutcomeShares c = emptyLike();
    c.merge(this);
    return c;
  }

  Granularity granularity() {
    return granularity;
  }

  ZoneId zone() {
    return zone;
  }

  DayOfWeek firstDayOfWeek() {
    return firstDayOfWeek;
  }

  /** The evaluation's outcome, or null if it has none. */
  String outcomeOrNull(Evaluation evaluation) {
    return outcome.apply(evaluation).orElse(null);
  }

  /**
   * The team of an agent by the team function.
   *
   * @throws NullPointerException if the function returns null
   * @throws IllegalArgumentException if it returns a blank team: a lookup that misses gives {@code
   *     ""}, and counted, every agent it misses would be one nameless team
   */
  String teamOf(String agentId) {
    return teamOf(teamOfAgent, agentId);
  }

  /** The team {@code teamOfAgent} gives an agent, refused if none or blank. */
  static String teamOf(Function<String, String> teamOfAgent, String agentId) {
    String team =
        Objects.requireNonNull(
            teamOfAgent.apply(agentId), () -> "team of agent " + Excerpts.quote(agentId));
    if (Ids.blank(team)) {
      throw new IllegalArgumentException(
          "team "
              + Excerpts.quote(team)
              + " of agent "
              + Excerpts.quote(agentId)
              + " "
              + BLANK_TEAM_RULE);
    }
    return team;
  }

  private static final String BLANK_TEAM_RULE =
      "must not be blank (empty, or only spaces and invisible format characters)";

  /**
   * Refuses an outcome name this recorder cannot give: for a script other than {@value #PASS} and
   * {@value #FAIL}, for bands a name that breaks the band name rule.
   */
  void checkOutcomeName(String o, String what) {
    if (!scriptCriteria.isEmpty()) {
      if (!o.equals(PASS) && !o.equals(FAIL)) {
        throw new IllegalArgumentException(
            what + " " + Excerpts.quote(o) + " is neither " + PASS + " nor " + FAIL);
      }
    } else {
      Ids.requireText(o, what);
    }
  }

  /**
   * The cells of an evaluation of {@code agentId}, counted in {@code team}, in the period starting
   * {@code start}, after checking that one more with outcome {@code o} (null: none) fits them.
   *
   * @throws ArithmeticException if a count would overflow
   */
  Object checkAddAt(String agentId, String team, LocalDate start, String o) {
    Cells c = new Cells(new GroupPeriod(agentId, start), new GroupPeriod(team, start));
    if (o == null) {
      Counts.add(skipped, 1, "skipped evaluations");
    } else {
      checkCount(agents, c.agent, 1);
      checkCount(teams, c.team, 1);
    }
    return c;
  }

  /** Counts outcome {@code o} (null: none, skipped) in cells {@link #checkAddAt} returned. */
  void addAt(Object cells, String o) {
    Cells c = (Cells) cells;
    if (o == null) {
      skipped++;
    } else {
      count(agents, c.agent, o, 1);
      count(teams, c.team, o, 1);
    }
  }

  /**
   * The cells an evaluation of {@code agentId} in the period starting {@code start} was counted in
   * with outcome {@code o} (null: none) and {@code team}, after checking that they hold it.
   *
   * @throws IllegalStateException if they do not (a broken invariant of the caller)
   */
  Object checkRetractAt(String agentId, String team, LocalDate start, String o) {
    Cells c = new Cells(new GroupPeriod(agentId, start), new GroupPeriod(team, start));
    boolean held = true;
    if (o == null) {
      held = skipped > 0;
    } else {
      for (GroupPeriod key : List.of(c.agent, c.team)) {
        Map<String, Long> cell = (key == c.agent ? agents : teams).get(key);
        held &= cell != null && cell.getOrDefault(o, 0L) > 0;
      }
    }
    if (!held) {
      throw new IllegalStateException(
          "outcome "
              + (o == null ? "none" : Excerpts.quote(o))
              + " of an evaluation of agent "
              + Excerpts.quote(agentId)
              + " in team "
              + Excerpts.quote(team)
              + " in the period starting "
              + start
              + " is not counted");
    }
    return c;
  }

  /** Withdraws outcome {@code o} from cells {@link #checkRetractAt} returned. */
  void retractAt(Object cells, String o) {
    uncount(Optional.ofNullable(o), (Cells) cells);
  }

  /** The agent cells, for ScoreLedger's snapshot check. */
  Map<GroupPeriod, Map<String, Long>> agentCells() {
    return Collections.unmodifiableMap(agents);
  }

  /** The team cells, for ScoreLedger's snapshot check. */
  Map<GroupPeriod, Map<String, Long>> teamCells() {
    return Collections.unmodifiableMap(teams);
  }

  /** The agent's and team's cells of an evaluation. */
  private record Cells(GroupPeriod agent, GroupPeriod team) {}

  private Cells cellsOf(Evaluation evaluation) {
    String team = teamOf(evaluation.agentId());
    LocalDate start =
        ScoreAggregator.periodStart(granularity, zone, firstDayOfWeek, evaluation.evaluatedAt());
    return new Cells(new GroupPeriod(evaluation.agentId(), start), new GroupPeriod(team, start));
  }

  private void requireCounted(Evaluation evaluation, Optional<String> o, Cells c) {
    if (o.isEmpty()) {
      if (skipped == 0) {
        throw new IllegalArgumentException(
            "cannot retract "
                + evaluation
                + ": it has no outcome, and no evaluation without one was counted");
      }
      return;
    }
    for (GroupPeriod key : List.of(c.agent, c.team)) {
      Map<String, Long> cell = (key == c.agent ? agents : teams).get(key);
      if (cell == null || cell.getOrDefault(o.get(), 0L) == 0) {
        throw new IllegalArgumentException(
            "cannot retract "
                + evaluation
                + ": no evaluation of "
                + (key == c.agent ? "agent " : "team ")
                + Excerpts.quote(key.group())
                + " in the "
                + granularity.describe(firstDayOfWeek)
                + " starting "
                + key.periodStart()
                + " was counted as "
                + Excerpts.quote(o.get()));
      }
    }
  }

  /** Removes a checked outcome; an emptied count and cell are removed, as if never counted. */
  private void uncount(Optional<String> o, Cells c) {
    if (o.isEmpty()) {
      skipped--;
      return;
    }
    uncount(agents, c.agent, o.get());
    uncount(teams, c.team, o.get());
  }

  private static void uncount(
      Map<GroupPeriod, Map<String, Long>> cells, GroupPeriod key, String o) {
    Map<String, Long> cell = cells.get(key);
    if (cell.merge(o, -1L, Long::sum) == 0) {
      cell.remove(o);
      if (cell.isEmpty()) {
        cells.remove(key);
      }
    }
  }

  /**
   * Adds another recorder's counts into this one, {@code O(other's cells)}. Both must count the
   * same outcome (score bands, or compliance with a script over the same criteria) with the same
   * granularity, first day of the week and zone; the team functions are not compared.
   *
   * @param other the other recorder; unchanged
   * @throws IllegalArgumentException if outcome, granularity, first day of the week or zone differ
   *     (nothing changes; the message names both sides); zones of equal rules ({@code UTC} and
   *     {@code Z}) are the same zone here
   * @throws ArithmeticException if a count would overflow a {@code long} (nothing changes)
   */
  public void merge(OutcomeShares other) {
    Objects.requireNonNull(other, "other");
    if (other.granularity != granularity
        || other.firstDayOfWeek != firstDayOfWeek
        || !Granularity.sameDates(other.zone, zone)
        || !other.scriptCriteria.equals(scriptCriteria)) {
      String why =
          other.scriptCriteria.equals(scriptCriteria)
              ? ScoreAggregator.weeksDiffer(
                  other.granularity, other.firstDayOfWeek, granularity, firstDayOfWeek)
              : scriptCriteria.isEmpty() || other.scriptCriteria.isEmpty()
                  ? ": one counts score bands, the other script compliance"
                  : ": their scripts have different criteria";
      throw new IllegalArgumentException(
          "cannot merge a "
              + other.granularity.describe(other.firstDayOfWeek)
              + "/"
              + other.zone
              + " "
              + other.kind()
              + " recorder into a "
              + granularity.describe(firstDayOfWeek)
              + "/"
              + zone
              + " "
              + kind()
              + " recorder"
              + why);
    }
    // Validate every sum before changing any count: a merge that throws changes nothing.
    other.agents.forEach((k, m) -> checkCount(agents, k, total(m)));
    other.teams.forEach((k, m) -> checkCount(teams, k, total(m)));
    long s = Counts.add(skipped, other.skipped, "skipped evaluations");
    other.agents.forEach((k, m) -> m.forEach((o, c) -> count(agents, k, o, c)));
    other.teams.forEach((k, m) -> m.forEach((o, c) -> count(teams, k, o, c)));
    skipped = s;
  }

  /**
   * Throws if adding {@code n} evaluations to a cell would overflow its total, which its shares
   * divide by (every count of the cell is at most the total, so it fits too). {@code O(outcomes)}.
   */
  private static void checkCount(
      Map<GroupPeriod, Map<String, Long>> cells, GroupPeriod key, long n) {
    Map<String, Long> cell = cells.get(key);
    Counts.add(cell == null ? 0 : total(cell), n, "evaluation count of " + key);
  }

  /** A cell's total; fits a long, as {@link #checkCount} keeps it so. */
  private static long total(Map<String, Long> cell) {
    long total = 0;
    for (long v : cell.values()) {
      total += v;
    }
    return total;
  }

  private String kind() {
    return scriptCriteria.isEmpty()
        ? "score-band"
        : "script-compliance ("
            + scriptCriteria.size()
            + (scriptCriteria.size() == 1 ? " criterion)" : " criteria)");
  }

  private static void count(
      Map<GroupPeriod, Map<String, Long>> cells, GroupPeriod key, String o, long n) {
    cells.computeIfAbsent(key, k -> new HashMap<>()).merge(o, n, Long::sum);
  }

  /**
   * Writes a snapshot of the counts, {@code O(cells * outcomes)}; see the class documentation for
   * the layout. Equal recorders write equal bytes.
   *
   * @return the snapshot
   */
  public byte[] toBytes() {
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(64 + 48 * (agents.size() + teams.size()));
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
      out.writeBoolean(!scriptCriteria.isEmpty());
      out.writeInt(scriptCriteria.size());
      for (String c : new TreeSet<>(scriptCriteria)) {
        writeString(out, c);
      }
      out.writeLong(skipped);
      for (Map<GroupPeriod, Map<String, Long>> cells : List.of(agents, teams)) {
        out.writeInt(cells.size());
        for (Map.Entry<GroupPeriod, Map<String, Long>> e : new TreeMap<>(cells).entrySet()) {
          writeString(out, e.getKey().group());
          out.writeLong(e.getKey().periodStart().toEpochDay());
          out.writeInt(e.getValue().size());
          for (Map.Entry<String, Long> o : new TreeMap<>(e.getValue()).entrySet()) {
            writeString(out, o.getKey());
            out.writeLong(o.getValue());
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
   * Reads a snapshot written by {@link #toBytes()} into a new recorder that counts what {@code
   * template} counts: its outcome (score bands, or its script), team function, granularity and
   * zone; the template's own counts are not read and not changed. {@code O(bytes)}.
   *
   * @param snapshot the snapshot
   * @param template a recorder built as the one that wrote it ({@link #bands} or {@link
   *     #scriptCompliance} with the same arguments); its team function must give the teams the
   *     writer's gave, since later retractions and revisions count by it (a snapshot cannot check a
   *     function)
   * @return the recorder, holding the snapshot's counts
   * @throws IllegalArgumentException if the snapshot is truncated or corrupted (checksum), of
   *     another kind or version, of another granularity, zone or outcome than the template (named,
   *     as {@link #merge} names them), or holds a state no sequence of {@code add} calls gives: a
   *     cell or outcome repeated or out of order, a count of zero or below, a period start that is
   *     not one of the granularity or lies outside the years 1900..2299, an outcome other than
   *     {@value #PASS} and {@value #FAIL} for a script, a group id that is not an id (agents), a
   *     total beyond a {@code long}, or agent and team cells that do not count the same evaluations
   *     per period and outcome; the message names the field
   */
  public static OutcomeShares fromBytes(byte[] snapshot, OutcomeShares template) {
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(template, "template");
    ScoreAggregator.checkFrame(
        snapshot, SNAPSHOT_KIND, "outcome shares", MONDAY_VERSION, SNAPSHOT_VERSION);
    int version = snapshot[3];
    DataInputStream in =
        new DataInputStream(new ByteArrayInputStream(snapshot, 4, snapshot.length - 8));
    int size = snapshot.length - 8;
    FieldCheck asIs = ScoreAggregator.AS_IS;
    try {
      Granularity g = ScoreAggregator.granularity(in.readUTF());
      ZoneId z = ScoreAggregator.zone(in.readUTF());
      DayOfWeek first =
          version < 2 ? DayOfWeek.MONDAY : ScoreAggregator.weekStart(g, in.readUnsignedByte());
      boolean script = ScoreLedger.flag(in, "snapshot script flag");
      int nc = count(in.readInt(), size, 4, "snapshot script criterion count");
      Set<String> criteria = new TreeSet<>();
      for (int i = 0; i < nc; i++) {
        criterion(criteria, i, readString(in, 0, "snapshot script criterion " + i), asIs);
      }
      Restorer r = new Restorer(g, z, first, script, criteria, nc, template, asIs);
      r.skipped(in.readLong(), asIs);
      for (int side = 0; side < 2; side++) {
        String what = "snapshot " + Restorer.SIDES[side] + " cell";
        int n = count(in.readInt(), size, 18, what + " count");
        for (int i = 0; i < n; i++) {
          String group = readString(in, 0, what + " " + i + " group");
          LocalDate start = LocalDate.ofEpochDay(in.readLong());
          int no = count(in.readInt(), size, 10, what + " " + i + " outcome count");
          GroupPeriod key = r.cell(side, i, group, start, no, asIs);
          for (int k = 0; k < no; k++) {
            String o = readString(in, 0, what + " " + i + " outcome " + k);
            r.outcome(side, i, key, o, in.readLong(), asIs, asIs);
          }
        }
      }
      if (in.available() != 0) {
        throw new IllegalArgumentException(
            "snapshot has " + in.available() + " bytes after its team cells");
      }
      return r.finish(asIs);
    } catch (EOFException e) {
      throw new IllegalArgumentException("snapshot ends inside its cells", e);
    } catch (IOException | DateTimeException e) {
      throw new IllegalArgumentException(
          "snapshot is not valid: " + Excerpts.cut(String.valueOf(e.getMessage()), 200), e);
    }
  }

  /** The {@code kind} of an outcome shares JSON snapshot. */
  static final String JSON_KIND = "outcomeShares";

  /** The JSON snapshot format version written and read. */
  public static final int JSON_VERSION = 1;

  private static final Set<String> STATE_FIELDS =
      Set.of(
          "granularity",
          "zone",
          "firstDayOfWeek",
          "script",
          "scriptCriteria",
          "skipped",
          "agents",
          "teams");
  private static final Set<String> JSON_FIELDS = union(Set.of("format", "kind", "version"));
  private static final Set<String> CELL_FIELDS = Set.of("group", "periodStart", "outcomes");
  private static final Set<String> OUTCOME_FIELDS = Set.of("outcome", "count");

  private static Set<String> union(Set<String> frame) {
    Set<String> all = new TreeSet<>(frame);
    all.addAll(STATE_FIELDS);
    return Set.copyOf(all);
  }

  /**
   * Writes the counts as a versioned JSON snapshot with a checksum, {@code O(cells * outcomes)}:
   * {@code {"format":"servicekit-qa","kind":"outcomeShares","version":1,"granularity":"WEEK",
   * "zone":"UTC","script":false,"scriptCriteria":[],"skipped":0,"agents":[{"group":"ann",
   * "periodStart":"2026-03-02","outcomes":[{"outcome":"high","count":2}]}],"teams":[...],
   * "crc32c":"1a2b3c4d"}}, the fields and order of {@link #toBytes()} ({@code firstDayOfWeek} only
   * for weeks not starting on Monday). The text is ASCII (other characters as unicode escapes), so
   * any team name, an unpaired surrogate included, reads back exactly; {@code crc32c} is the CRC32C
   * of the compact document without it, as in kpi-core's JSON snapshots. Equal recorders write
   * equal text.
   *
   * @return the JSON text
   */
  public String toJson() {
    ObjectNode root = SnapshotJson.begin(JSON_KIND, JSON_VERSION);
    writeState(root);
    return SnapshotJson.seal(root);
  }

  /** Writes the state's fields into {@code node}, in {@link #toBytes()}'s order. */
  void writeState(ObjectNode node) {
    ScoreAggregator.writePeriods(node, granularity, zone, firstDayOfWeek);
    node.put("script", !scriptCriteria.isEmpty());
    ArrayNode criteria = node.putArray("scriptCriteria");
    new TreeSet<>(scriptCriteria).forEach(criteria::add);
    node.put("skipped", skipped);
    for (int side = 0; side < 2; side++) {
      ArrayNode a = node.putArray(side == 0 ? "agents" : "teams");
      for (Map.Entry<GroupPeriod, Map<String, Long>> e :
          new TreeMap<>(side == 0 ? agents : teams).entrySet()) {
        ObjectNode c = a.addObject();
        c.put("group", e.getKey().group());
        c.put("periodStart", e.getKey().periodStart().toString());
        ArrayNode os = c.putArray("outcomes");
        for (Map.Entry<String, Long> o : new TreeMap<>(e.getValue()).entrySet()) {
          os.addObject().put("outcome", o.getKey()).put("count", o.getValue());
        }
      }
    }
  }

  /**
   * Reads {@link #toJson()} into a new recorder that counts what {@code template} counts, by the
   * rules of {@link #fromBytes(byte[], OutcomeShares)} (the same checks, so a state one reader
   * refuses the other refuses too), {@code O(text)}. Input is bounded as every qa-core JSON reader
   * bounds it (16 MiB, strings of 64 Ki characters, nesting 32); unknown and repeated fields are
   * refused.
   *
   * @param json the JSON text
   * @param template a recorder built as the one that wrote it, as for {@link #fromBytes}
   * @return the recorder, holding the snapshot's counts
   * @throws IllegalArgumentException if the text is not JSON, another kind or version of snapshot,
   *     fails its checksum, or holds what {@link #fromBytes(byte[], OutcomeShares)} refuses; the
   *     message names the rule, the JSON path, line and column, quoting values by bounded excerpts
   */
  public static OutcomeShares fromJson(String json, OutcomeShares template) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(template, "template");
    return JsonInput.read(
        json,
        "outcome shares snapshot is not valid JSON: ",
        root -> {
          SnapshotJson.open(root, JSON_KIND, "outcome shares", JSON_VERSION, JSON_VERSION);
          SnapshotJson.fields(root, "$", JSON_FIELDS);
          return readState(root, "$", template);
        });
  }

  /** Reads what {@link #writeState} wrote at {@code path}, checked as the binary reader checks. */
  static OutcomeShares readState(JsonNode node, String path, OutcomeShares template) {
    if (!path.equals("$")) {
      SnapshotJson.object(node, path);
      SnapshotJson.fields(node, path, STATE_FIELDS);
    }
    ScoreAggregator.Periods periods = ScoreAggregator.readPeriods(node, path);
    Granularity g = periods.granularity();
    ZoneId z = periods.zone();
    DayOfWeek first = periods.firstDayOfWeek();
    FieldCheck report = ScoreAggregator.at(path);
    JsonNode flag = node.get("script");
    if (flag == null || !flag.isBoolean()) {
      throw SnapshotJson.error(
          flag == null ? path : SnapshotJson.child(path, "script"),
          "script must be true or false, not " + (flag == null ? "missing" : excerpt(flag)));
    }
    ArrayNode cs = SnapshotJson.array(node, "scriptCriteria", path);
    String csPath = SnapshotJson.child(path, "scriptCriteria");
    Set<String> criteria = new TreeSet<>();
    for (int i = 0; i < cs.size(); i++) {
      String p = SnapshotJson.element(csPath, i);
      JsonNode c = cs.get(i);
      if (!c.isTextual()) {
        throw SnapshotJson.error(p, "a script criterion must be a string, not " + excerpt(c));
      }
      criterion(criteria, i, c.textValue(), ScoreAggregator.at(p));
    }
    Restorer r =
        new Restorer(g, z, first, flag.booleanValue(), criteria, cs.size(), template, report);
    r.skipped(SnapshotJson.integer(node, "skipped", path), report);
    for (int side = 0; side < 2; side++) {
      String field = side == 0 ? "agents" : "teams";
      ArrayNode a = SnapshotJson.array(node, field, path);
      String aPath = SnapshotJson.child(path, field);
      for (int i = 0; i < a.size(); i++) {
        String p = SnapshotJson.element(aPath, i);
        JsonNode c = SnapshotJson.object(a.get(i), p);
        SnapshotJson.fields(c, p, CELL_FIELDS);
        String group = SnapshotJson.text(c, "group", p);
        LocalDate start = SnapshotJson.date(c, "periodStart", p);
        ArrayNode os = SnapshotJson.array(c, "outcomes", p);
        FieldCheck cellReport = ScoreAggregator.at(p);
        GroupPeriod key = r.cell(side, i, group, start, os.size(), cellReport);
        String oPath = SnapshotJson.child(p, "outcomes");
        for (int k = 0; k < os.size(); k++) {
          String q = SnapshotJson.element(oPath, k);
          JsonNode o = SnapshotJson.object(os.get(k), q);
          SnapshotJson.fields(o, q, OUTCOME_FIELDS);
          r.outcome(
              side,
              i,
              key,
              SnapshotJson.text(o, "outcome", q),
              SnapshotJson.integer(o, "count", q),
              ScoreAggregator.at(q),
              cellReport);
        }
      }
    }
    return r.finish(report);
  }

  private static String excerpt(JsonNode n) {
    return JsonInput.excerpt(n);
  }

  /** Adds script criterion {@code i}, refusing one repeated or out of order. */
  private static void criterion(Set<String> criteria, int i, String c, FieldCheck report) {
    report.check(
        "",
        () -> {
          if (!criteria.isEmpty() && ((TreeSet<String>) criteria).last().compareTo(c) >= 0) {
            throw new IllegalArgumentException(
                "snapshot script criterion "
                    + i
                    + " "
                    + Excerpts.quote(c)
                    + " repeats or is out of order");
          }
          return criteria.add(c);
        });
  }

  /**
   * Rebuilds a recorder from a snapshot's values with the checks of every reader, binary and JSON:
   * each reader reads its values and hands them here in the snapshot's order, with a {@link
   * FieldCheck} that reports a refusal as the reader names its fields.
   */
  private static final class Restorer {
    static final String[] SIDES = {"agent", "team"};

    private final OutcomeShares out;
    private final boolean script;
    // agents minus teams, exact: merges may bring each cell near Long.MAX_VALUE, so the sum over
    // the cells of one period may exceed a long
    private final Map<String, BigInteger> perPeriodOutcome = new HashMap<>();
    private final GroupPeriod[] previous = new GroupPeriod[2];
    private String previousOutcome;
    private long total;

    /** Checks what the snapshot counts against the template's (granularity to script criteria). */
    Restorer(
        Granularity g,
        ZoneId z,
        DayOfWeek first,
        boolean script,
        Set<String> criteria,
        int nc,
        OutcomeShares template,
        FieldCheck report) {
      report.check(
          "",
          () -> {
            if (g != template.granularity
                || first != template.firstDayOfWeek
                || !Granularity.sameDates(z, template.zone)
                || script == template.scriptCriteria.isEmpty()
                || !criteria.equals(template.scriptCriteria)
                || (script && criteria.size() != nc)) {
              throw new IllegalArgumentException(
                  "snapshot of a "
                      + g.describe(first)
                      + "/"
                      + z
                      + " "
                      + (script
                          ? "script-compliance (" + nc + (nc == 1 ? " criterion)" : " criteria)")
                          : "score-band")
                      + " recorder does not fit a "
                      + template.granularity.describe(template.firstDayOfWeek)
                      + "/"
                      + template.zone
                      + " "
                      + template.kind()
                      + " recorder");
            }
            return null;
          });
      this.script = script;
      this.out =
          new OutcomeShares(
              template.outcome,
              template.scriptCriteria,
              template.teamOfAgent,
              template.granularity,
              template.zone,
              template.firstDayOfWeek);
    }

    void skipped(long skipped, FieldCheck report) {
      report.check(
          "skipped",
          () -> {
            if (skipped < 0) {
              throw new IllegalArgumentException(
                  "snapshot skipped count must be 0 or more, was " + skipped);
            }
            return null;
          });
      out.skipped = skipped;
    }

    /**
     * Starts cell {@code i} of a side (0 agents, 1 teams) counting {@code outcomes} outcomes; the
     * fields reported are {@code group}, {@code periodStart} and {@code outcomes}, and the cell.
     */
    GroupPeriod cell(
        int side, int i, String group, LocalDate start, int outcomes, FieldCheck report) {
      String what = "snapshot " + SIDES[side] + " cell " + i;
      if (side == 0) {
        report.check("group", () -> Ids.require(group, what + " agentId"));
      } else if (Ids.blank(group)) { // as teamOf refuses it
        report.check(
            "group",
            () -> {
              throw new IllegalArgumentException(
                  what + " team " + Excerpts.quote(group) + " " + BLANK_TEAM_RULE);
            });
      }
      GroupPeriod key = new GroupPeriod(group, start);
      report.check(
          "periodStart",
          () -> {
            ScoreAggregator.checkPeriodStart(out.granularity, out.firstDayOfWeek, start, what);
            return null;
          });
      report.check(
          "",
          () -> {
            if (previous[side] != null && previous[side].compareTo(key) >= 0) {
              throw new IllegalArgumentException(
                  what + " (" + key + ") repeats or is out of order after " + previous[side]);
            }
            return null;
          });
      previous[side] = key;
      report.check(
          "outcomes",
          () -> {
            if (outcomes == 0) {
              throw new IllegalArgumentException(
                  what + " (" + key + ") counts no outcome: a cell counts at least one");
            }
            return null;
          });
      (side == 0 ? out.agents : out.teams).put(key, new HashMap<>());
      previousOutcome = null;
      total = 0;
      return key;
    }

    /**
     * Adds outcome {@code o} counted {@code c} times to the cell {@link #cell} started; {@code
     * report} names the outcome's fields ({@code outcome}, {@code count}), {@code cellReport} the
     * cell's ({@code ""}: its total).
     */
    void outcome(
        int side,
        int i,
        GroupPeriod key,
        String o,
        long c,
        FieldCheck report,
        FieldCheck cellReport) {
      String what = "snapshot " + SIDES[side] + " cell " + i;
      report.check(
          "outcome",
          () -> {
            if (previousOutcome != null && previousOutcome.compareTo(o) >= 0) {
              throw new IllegalArgumentException(
                  what + " outcome " + Excerpts.quote(o) + " repeats or is out of order");
            }
            if (script && !o.equals(PASS) && !o.equals(FAIL)) {
              throw new IllegalArgumentException(
                  what + " outcome " + Excerpts.quote(o) + " is neither " + PASS + " nor " + FAIL);
            }
            if (!script) {
              Ids.requireText(o, what + " band name");
            }
            return null;
          });
      previousOutcome = o;
      report.check(
          "count",
          () -> {
            if (c <= 0) {
              throw new IllegalArgumentException(
                  what + " outcome " + Excerpts.quote(o) + " count must be 1 or more, was " + c);
            }
            return null;
          });
      total = cellReport.check("", () -> exactSum(total, c, what + " total"));
      (side == 0 ? out.agents : out.teams).get(key).put(o, c);
      String pk = key.periodStart() + "\u0000" + o;
      perPeriodOutcome.merge(pk, BigInteger.valueOf(side == 0 ? c : -c), BigInteger::add);
    }

    /**
     * The recorder, once agent and team cells count the same evaluations per period and outcome.
     */
    OutcomeShares finish(FieldCheck report) {
      for (Map.Entry<String, BigInteger> e : perPeriodOutcome.entrySet()) {
        if (e.getValue().signum() != 0) {
          String[] parts = e.getKey().split("\u0000", 2);
          report.check(
              "",
              () -> {
                throw new IllegalArgumentException(
                    "snapshot agent and team cells differ for the period starting "
                        + parts[0]
                        + " and outcome "
                        + Excerpts.quote(parts[1])
                        + ": agents count "
                        + (e.getValue().signum() > 0
                            ? e.getValue() + " more"
                            : e.getValue().negate() + " fewer")
                        + " (every evaluation is counted once in its agent's cell and once in its"
                        + " team's)");
              });
        }
      }
      return out;
    }
  }

  /** {@code a + b}, or a refusal naming {@code what} if beyond a {@code long}. */
  private static long exactSum(long a, long b, String what) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(what + " is beyond a long: " + a + " + " + b, e);
    }
  }

  /** A count read from a snapshot: 0 or more, and no more than the bytes left can hold. */
  private static int count(int n, int size, int minBytesEach, String what) {
    if (n < 0 || n > size / minBytesEach) {
      throw new IllegalArgumentException(what + " " + n + " does not fit the snapshot's size");
    }
    return n;
  }

  /**
   * A string as its length and UTF-16 code units: any string reads back exactly ({@link
   * #readString}); the score ledger's snapshot writes its strings so too.
   */
  static void writeString(DataOutputStream out, String s) throws IOException {
    out.writeInt(s.length());
    out.writeChars(s);
  }

  /**
   * A string {@link #writeString} wrote, of at least {@code min} chars and no more than the bytes
   * left can hold (checked before anything is allocated).
   */
  static String readString(DataInputStream in, int min, String what) throws IOException {
    int n = in.readInt();
    if (n < min || n > in.available() / 2) {
      throw new IllegalArgumentException(
          what + " length " + n + " does not fit the snapshot's size");
    }
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = in.readChar();
    }
    return new String(c);
  }

  /**
   * Evaluations skipped because they had no outcome.
   *
   * @return the count
   */
  public long skipped() {
    return skipped;
  }

  /**
   * Each outcome's share per agent and period, {@code O(cells * outcomes)}.
   *
   * @param confidence the confidence level of the intervals
   * @return shares by agent-period, then by outcome (every outcome seen anywhere, 0 if absent; a
   *     script-compliance recorder always lists both {@value #PASS} and {@value #FAIL})
   */
  public SortedMap<GroupPeriod, SortedMap<String, ShareEstimate>> perAgent(double confidence) {
    return shares(agents, confidence);
  }

  /**
   * Each outcome's share per team and period, {@code O(cells * outcomes)}.
   *
   * @param confidence the confidence level of the intervals
   * @return shares by team-period, then by outcome (every outcome seen anywhere, 0 if absent; a
   *     script-compliance recorder always lists both {@value #PASS} and {@value #FAIL})
   */
  public SortedMap<GroupPeriod, SortedMap<String, ShareEstimate>> perTeam(double confidence) {
    return shares(teams, confidence);
  }

  /**
   * The trend of one outcome's share per agent: each agent-period against the agent's previous
   * recorded period (the first period of an agent has no trend).
   *
   * @param outcomeName the outcome (a band name, or {@value #PASS} or {@value #FAIL})
   * @param confidence the confidence level
   * @return trends by agent-period
   * @throws IllegalArgumentException if this recorder counts a script and {@code outcomeName} is
   *     neither {@value #PASS} nor {@value #FAIL} (a misspelt name would read as no trend)
   */
  public SortedMap<GroupPeriod, Trend> agentTrends(String outcomeName, double confidence) {
    checkOutcomeName(outcomeName);
    return trends(perAgent(confidence), outcomeName, confidence);
  }

  /**
   * The trend of one outcome's share per team, as {@link #agentTrends(String, double)}.
   *
   * @param outcomeName the outcome (a band name, or {@value #PASS} or {@value #FAIL})
   * @param confidence the confidence level
   * @return trends by team-period
   * @throws IllegalArgumentException if this recorder counts a script and {@code outcomeName} is
   *     neither {@value #PASS} nor {@value #FAIL}
   */
  public SortedMap<GroupPeriod, Trend> teamTrends(String outcomeName, double confidence) {
    checkOutcomeName(outcomeName);
    return trends(perTeam(confidence), outcomeName, confidence);
  }

  /** A script's outcomes are known: refuses another name (band names are not known up front). */
  private void checkOutcomeName(String outcomeName) {
    Objects.requireNonNull(outcomeName, "outcomeName");
    if (!scriptCriteria.isEmpty() && !outcomeName.equals(PASS) && !outcomeName.equals(FAIL)) {
      throw new IllegalArgumentException(
          "outcomeName "
              + Excerpts.quote(outcomeName)
              + " is not an outcome of a script-compliance recorder, whose outcomes are ["
              + FAIL
              + ", "
              + PASS
              + "]");
    }
  }

  private SortedMap<GroupPeriod, SortedMap<String, ShareEstimate>> shares(
      Map<GroupPeriod, Map<String, Long>> cells, double confidence) {
    ScoreAccumulator.checkConfidence(confidence);
    TreeSet<String> outcomes = new TreeSet<>();
    if (!scriptCriteria.isEmpty()) { // both outcomes of a script have a share, 0 if none had it
      outcomes.add(PASS);
      outcomes.add(FAIL);
    }
    cells.values().forEach(m -> outcomes.addAll(m.keySet()));
    SortedMap<GroupPeriod, SortedMap<String, ShareEstimate>> out = new TreeMap<>();
    cells.forEach(
        (key, m) -> {
          long total = m.values().stream().mapToLong(Long::longValue).sum();
          SortedMap<String, ShareEstimate> row = new TreeMap<>();
          for (String o : outcomes) {
            row.put(o, ShareEstimate.wilson(m.getOrDefault(o, 0L), total, confidence));
          }
          out.put(key, Collections.unmodifiableSortedMap(row));
        });
    return Collections.unmodifiableSortedMap(out);
  }

  private static SortedMap<GroupPeriod, Trend> trends(
      SortedMap<GroupPeriod, SortedMap<String, ShareEstimate>> shares,
      String outcomeName,
      double confidence) {
    Objects.requireNonNull(outcomeName, "outcomeName");
    SortedMap<GroupPeriod, Trend> out = new TreeMap<>();
    GroupPeriod previous = null;
    for (Map.Entry<GroupPeriod, SortedMap<String, ShareEstimate>> e : shares.entrySet()) {
      GroupPeriod key = e.getKey();
      if (previous != null && previous.group().equals(key.group())) {
        ShareEstimate before = shares.get(previous).get(outcomeName);
        ShareEstimate after = e.getValue().get(outcomeName);
        if (before != null && after != null) {
          out.put(key, Trend.betweenShares(before, after, confidence));
        }
      }
      previous = key;
    }
    return Collections.unmodifiableSortedMap(out);
  }
}
