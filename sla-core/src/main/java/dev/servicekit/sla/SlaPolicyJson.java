package dev.servicekit.sla;

import static dev.servicekit.sla.internal.JsonInput.array;
import static dev.servicekit.sla.internal.JsonInput.at;
import static dev.servicekit.sla.internal.JsonInput.bool;
import static dev.servicekit.sla.internal.JsonInput.duration;
import static dev.servicekit.sla.internal.JsonInput.excerpt;
import static dev.servicekit.sla.internal.JsonInput.get;
import static dev.servicekit.sla.internal.JsonInput.integer;
import static dev.servicekit.sla.internal.JsonInput.object;
import static dev.servicekit.sla.internal.JsonInput.objectAny;
import static dev.servicekit.sla.internal.JsonInput.required;
import static dev.servicekit.sla.internal.JsonInput.strings;
import static dev.servicekit.sla.internal.JsonInput.text;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.sla.internal.JsonInput;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads and writes {@link SlaPolicySet}s as JSON, reading through the same builders and validation
 * as code. Errors are {@link IllegalArgumentException}s whose message ends with the JSON path, line
 * and column of the offending value, e.g. {@code (at $.policies[1].name, line 14, column 9)} (see
 * "Hostile input" below).
 *
 * <p>Format (durations ISO-8601, metrics as {@link SlaMetric#parse}):
 *
 * <pre>{@code
 * {"statuses":["new","open","pending","on-hold","solved","closed"],
 *  "solvedStatuses":["solved","closed"], "cancelledStatuses":[], "initialStatus":"new",
 *  "stages":[{"name":"analysis","statuses":["analysis"],"reentry":"RESTART","stopOn":["open"]}],
 *  "metricDefinitions":[{"name":"requester_wait","startOn":[{"on":"created"},{"on":"reopened"}],
 *     "stopOn":[{"on":"solved"}],"cancelOn":[{"on":"tag_added","values":["spam"]}],
 *     "pauseIn":["pending"],"pauseWhileTags":["waiting_on_vendor"],
 *     "pauseWhileAttributes":{"hold_reason":["customer","vendor"]},
 *     "cycles":"RESUME","whenSolved":"START"}],
 *  "resolutionReopen":"RESUME", "retargetRule":"RECALCULATE",
 *  "reattachStart":"AT_CHANGE", "retroactivePause":false, "scheduleRule":"LAST_SCHEDULE",
 *  "breachRule":"AFTER_DEADLINE", "closingRule":"AT_CLOSE", "dueDateRule":"AS_GIVEN",
 *  "internalNotesCount":false, "automatedRepliesCount":false, "rejectUnknownKeys":false,
 *  "periodicUpdateFromCreation":false, "firstResponseSolve":"END", "stopRule":"AFTER_UPDATE",
 *  "creationStopOverridesStart":false,
 *  "defaultRules":[{"metric":"resolution","calendar":"24/7","pauseOn":["pending"]}],
 *  "policies":[{
 *     "name":"key-accounts",
 *     "when":{"attributes":{"tier":["gold"]},"tags":["contract"]},
 *     "matrix":{"cells":[{"severity":"s1","tier":"gold","priority":"urgent"}],"default":"high"},
 *     "channels":["email","phone"],
 *     "targets":{"urgent":{"*":{"first_response":{"target":"PT1H","calendar":"24/7"},
 *                              "resolution":"PT4H"}}},
 *     "metrics":[{"metric":"resolution","calendar":"team","pauseOn":["pending"],
 *                 "warnAt":[50,75,90],
 *                 "escalations":[{"level":1,"percent":100,"recipient":"lead"}]},
 *               {"metric":"periodic_update","internalNotesCount":true}]}],
 *  "defaultPolicy":{...same shape...}}
 * }</pre>
 *
 * <p>A metric definition ({@link MetricDefinition}) is measured as {@code custom:<name>} in targets
 * and {@code metrics}. Its triggers are objects {@code {"on":"<kind>"}} with, for the status, tag
 * and attribute kinds, {@code "values"} (and {@code "attribute"}); kinds as {@link
 * MetricTrigger#name}; {@code solved} and {@code reopened} may list statuses too ({@link
 * MetricTrigger#solvedInto}, {@link MetricTrigger#reopenedFrom}). {@code cycles} defaults to {@code
 * NEW_CYCLE}, {@code whenSolved} to {@code START}; the writer writes both. A definition's {@code
 * stopRule} ({@code AFTER_UPDATE} or {@code BEFORE_UPDATE}, {@link MetricDefinition#stopRule()})
 * replaces the set's for that metric; absent, the set's, and written only when the definition has
 * its own. {@code pauseWhileTags} and {@code pauseWhileAttributes} (an object of attribute key to
 * values) are the tag and attribute pause conditions of a definition ({@link
 * MetricDefinition#pauseTags()}, {@link MetricDefinition#pauseAttributes()}) and, under the same
 * names, of a policy's metric rule ({@link MetricRule#pauseTags()}). {@code pauseWhile} lists
 * further conditions ({@link PauseCondition}), each an array of parts that must all hold: {@code
 * "pauseWhile":[[{"status":["on-hold"]},{"attribute":"hold_reason","values":["awaiting_vendor"]}],
 * [{"attributeAbsent":"assignee"}]]}; a part is {@code {"status":[...]}}, {@code {"tag":[...]}},
 * {@code {"attribute":"k","values":[...]}} or {@code {"attributeAbsent":"k"}}.
 *
 * <p>{@code defaultRules} ({@link SlaPolicySet#defaultRules()}) are metric rules of the same shape
 * as a policy's {@code metrics}, at most one per metric: each is the rule of every policy that
 * targets its metric without a rule of its own there.
 *
 * <p>A target is an ISO duration of business time on the calendar it counts on: {@code "P1D"} is
 * read as 24 hours, that is 24 open hours (three days of a 09:00-17:00 calendar), not one working
 * day. It is that duration, or an object {@code {"target":"PT1H","calendar":"24/7"}} when the
 * target counts on a calendar of its own instead of its metric's calendar (see {@link
 * SlaPolicy#calendarFor}); the writer uses the object only for such overrides.
 *
 * <p>A {@code matrix} may name the ticket attributes it reads with {@code "rows"} and {@code
 * "columns"} (defaults {@code severity} and {@code tier}, see {@link PriorityMatrix.Builder#rows});
 * its cells then use those names: {@code "matrix":{"rows":"impact","columns":"urgency",
 * "cells":[{"impact":"1","urgency":"1","priority":"1"}]}}. The writer writes them only when not the
 * defaults.
 *
 * <p>Only {@code statuses} and {@code defaultPolicy} are required when reading. {@link
 * #write(SlaPolicySet)} writes every scalar setting, also at its default ({@code initialStatus},
 * {@code resolutionReopen}, {@code reattachStart}, {@code retroactivePause}, {@code scheduleRule},
 * the two reply switches, {@code rejectUnknownKeys}, each stage's {@code reentry}, each metric's
 * {@code calendar}), so that a person editing the file sees every behaviour, except the later
 * options {@code periodicUpdateFromCreation}, {@code firstResponseSolve}, {@code stopRule} and
 * {@code creationStopOverridesStart}, written only when not at their defaults ({@code false},
 * {@code END}, {@code AFTER_UPDATE}, {@code false}) so that readers that predate them still read
 * the sets that do not use them; it leaves out empty lists and objects and the match-everything
 * {@code when}. Its {@code metrics} list the rules the policy was given ({@link
 * SlaPolicy#givenRules()}), even one equal to the set's default rule, and no rule filled in: a
 * metric that only has targets is read back with the set's default rule or the implicit 24/7 rule,
 * as it was built, so write-then-read keeps which rules were given (and {@link SlaPolicy#equals}
 * compares it). A target is written in the object form where it was given a calendar of its own
 * that may matter: one that differs from its metric's given rule's calendar, or any, even the 24/7
 * one, where its metric's rule was filled in. A metric's {@code internalNotesCount} and {@code
 * automatedRepliesCount} (overrides of the set-wide switches, see {@link MetricRule}) are written
 * only when set, since absent means "as the set says"; so is its {@code dueFrom}, the ticket
 * attribute its due date is taken from ({@link MetricRule.Builder#dueFrom}).
 *
 * <p>A value listed twice in one list (a status in {@code statuses} or a rule's {@code pauseOn}, a
 * tag, an attribute value, a channel), a trigger twice in one of a definition's trigger lists, a
 * {@code pauseWhile} condition or a condition's part twice is refused at the second occurrence:
 * {@code status 'pending' is listed twice (at $.defaultPolicy.metrics[0].pauseOn[1], line 7, column
 * 64)}.
 *
 * <p>Hostile input is rejected, never half-read: duplicate keys, content after the document,
 * strings over 64 Ki characters, nesting deeper than 32, documents over 16 MiB, and numbers beyond
 * 10^±400 in magnitude or decimals or beyond a double's range (Infinity, or a non-zero number that
 * rounds to 0.0), checked before any conversion. Every error names the JSON path with its line and
 * column, e.g. {@code (at $.policies[1].name, line 14, column 9)}, and quotes at most 80 characters
 * of a bad value.
 *
 * <p>Stateless and thread-safe.
 */
public final class SlaPolicyJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int WIDTH = 100;
  private static final Set<String> ROOT =
      Set.of(
          "statuses",
          "solvedStatuses",
          "cancelledStatuses",
          "initialStatus",
          "stages",
          "metricDefinitions",
          "resolutionReopen",
          "retargetRule",
          "reattachStart",
          "retroactivePause",
          "scheduleRule",
          "breachRule",
          "closingRule",
          "dueDateRule",
          "internalNotesCount",
          "automatedRepliesCount",
          "periodicUpdateFromCreation",
          "firstResponseSolve",
          "stopRule",
          "creationStopOverridesStart",
          "rejectUnknownKeys",
          "defaultRules",
          "policies",
          "defaultPolicy");
  private static final Set<String> POLICY =
      Set.of("name", "when", "matrix", "channels", "targets", "metrics");
  private static final Set<String> WHEN = Set.of("attributes", "tags");
  private static final Set<String> MATRIX = Set.of("rows", "columns", "cells", "default");
  private static final Set<String> STAGE = Set.of("name", "statuses", "reentry", "stopOn");
  private static final Set<String> METRIC =
      Set.of(
          "metric",
          "calendar",
          "pauseOn",
          "warnAt",
          "escalations",
          "internalNotesCount",
          "automatedRepliesCount",
          "dueFrom",
          "pauseWhileTags",
          "pauseWhileAttributes",
          "pauseWhile");
  private static final Set<String> DEFINITION =
      Set.of(
          "name",
          "startOn",
          "stopOn",
          "cancelOn",
          "armOn",
          "pauseIn",
          "pauseWhileTags",
          "pauseWhileAttributes",
          "pauseWhile",
          "cycles",
          "whenSolved",
          "stopRule");
  private static final Set<String> TRIGGER = Set.of("on", "attribute", "values");
  private static final Set<String> PART =
      Set.of("status", "tag", "attribute", "values", "attributeAbsent");
  private static final Set<String> ESCALATION = Set.of("level", "percent", "recipient");
  private static final Set<String> TARGET = Set.of("target", "calendar");

  private SlaPolicyJson() {}

  /**
   * Reads a policy set from JSON text. {@code O(input size)}.
   *
   * @param json the JSON text
   * @return the policy set
   * @throws IllegalArgumentException naming the JSON path, the value and the rule on bad input
   */
  public static SlaPolicySet read(String json) {
    return JsonInput.read(json, "malformed JSON: ", SlaPolicyJson::fromTree);
  }

  /**
   * Reads a policy set from a UTF-8 JSON stream (not closed). {@code O(input size)}.
   *
   * @param in the stream
   * @return the policy set
   * @throws IllegalArgumentException naming the JSON path on bad input
   * @throws UncheckedIOException if the stream fails
   */
  public static SlaPolicySet read(InputStream in) {
    return JsonInput.read(in, "malformed JSON: ", SlaPolicyJson::fromTree);
  }

  /**
   * Writes a policy set in the format {@link #read(String)} reads, pretty-printed for people who
   * edit policy files by hand: two-space indentation, and an array or object on one line when it
   * fits in 100 columns. {@code read(write(set))} equals {@code set}, and {@code
   * write(read(write(set)))} is the same text as {@code write(set)}; text written by hand is
   * normalized by one {@code write(read(text))}.
   *
   * <p>Order: what the model keeps in declaration order is written in that order (statuses, solved
   * statuses, stages, policies, channels, targets, metrics, warnings, escalations; matrix cells row
   * by row, or in an order that gives back the same {@link PriorityMatrix#rowValues()} and {@link
   * PriorityMatrix#columnValues()}); a stage's statuses and a metric's pause statuses in the order
   * of {@link SlaPolicySet#statuses()}; attribute names, attribute values and tags sorted by {@link
   * String#compareTo}. Sets that code may fill in hash order (pause statuses, {@code Set.of}
   * arguments) thus come out the same in every JVM run.
   *
   * <p>{@code O(size of the set)}, plus {@code O(cells^2)} for a priority matrix with a default
   * whose cells cannot be listed row by row.
   *
   * @param set the policy set
   * @return pretty-printed JSON text ending with a line break
   */
  public static String write(SlaPolicySet set) {
    Objects.requireNonNull(set, "set");
    List<String> statuses = List.copyOf(set.statuses());
    ObjectNode root = MAPPER.createObjectNode();
    putStrings(root, "statuses", set.statuses());
    putStrings(root, "solvedStatuses", set.solvedStatuses());
    if (!set.cancelledStatuses().isEmpty()) {
      putStrings(root, "cancelledStatuses", set.cancelledStatuses());
    }
    root.put("initialStatus", set.initialStatus());
    if (!set.stages().isEmpty()) {
      ArrayNode stages = root.putArray("stages");
      for (StageDefinition st : set.stages().values()) {
        ObjectNode o = stages.addObject().put("name", st.name());
        putStrings(o, "statuses", inOrderOf(statuses, st.statuses()));
        o.put("reentry", st.reentry().name());
        if (!st.stopStatuses().isEmpty()) {
          putStrings(o, "stopOn", inOrderOf(statuses, st.stopStatuses()));
        }
      }
    }
    if (!set.metrics().isEmpty()) {
      ArrayNode defs = root.putArray("metricDefinitions");
      for (MetricDefinition d : set.metrics().values()) {
        ObjectNode o = defs.addObject().put("name", d.name());
        putTriggers(o, "startOn", d.start(), statuses);
        putTriggers(o, "stopOn", d.stop(), statuses);
        putTriggers(o, "cancelOn", d.cancel(), statuses);
        putTriggers(o, "armOn", d.arm(), statuses);
        putStrings(o, "pauseIn", inOrderOf(statuses, d.pauseStatuses()));
        putHolds(o, d.pauseTags(), d.pauseAttributes());
        putConditions(o, d.pauseWhile());
        o.put("cycles", d.cycles().name());
        o.put("whenSolved", d.whenSolved().name());
        d.stopRule().ifPresent(r -> o.put("stopRule", r.name())); // only when it has its own
      }
    }
    root.put("resolutionReopen", set.resolutionReopen().name());
    root.put("retargetRule", set.retargetRule().name());
    root.put("reattachStart", set.reattachStart().name());
    root.put("retroactivePause", set.retroactivePause());
    root.put("scheduleRule", set.scheduleRule().name());
    root.put("breachRule", set.breachRule().name());
    root.put("closingRule", set.closingRule().name());
    if (set.dueDateRule() != DueDateRule.AS_GIVEN) { // written only when set, as below
      root.put("dueDateRule", set.dueDateRule().name());
    }
    root.put("internalNotesCount", set.internalNotesCount());
    root.put("automatedRepliesCount", set.automatedRepliesCount());
    if (set.periodicUpdateFromCreation()) { // written only when set: older readers know the rest
      root.put("periodicUpdateFromCreation", true);
    }
    if (set.firstResponseSolve() != SolveRule.END) { // written only when not the default, too
      root.put("firstResponseSolve", set.firstResponseSolve().name());
    }
    if (set.stopRule() != StopRule.AFTER_UPDATE) { // written only when not the default, too
      root.put("stopRule", set.stopRule().name());
    }
    if (set.creationStopOverridesStart()) { // written only when set, too
      root.put("creationStopOverridesStart", true);
    }
    root.put("rejectUnknownKeys", set.rejectUnknownKeys());
    if (!set.defaultRules().isEmpty()) {
      ArrayNode defaults = root.putArray("defaultRules");
      for (MetricRule r : set.defaultRules().values()) {
        defaults.add(ruleTree(r, statuses));
      }
    }
    if (!set.policies().isEmpty()) {
      ArrayNode policies = root.putArray("policies");
      for (SlaPolicy p : set.policies()) {
        policies.add(policyTree(p, statuses));
      }
    }
    root.set("defaultPolicy", policyTree(set.defaultPolicy(), statuses));
    StringBuilder out = new StringBuilder();
    render(root, 0, 0, out);
    return out.append('\n').toString();
  }

  private static void putTriggers(
      ObjectNode o, String field, List<MetricTrigger> triggers, List<String> statuses) {
    if (triggers.isEmpty()) {
      return;
    }
    ArrayNode a = o.putArray(field);
    for (MetricTrigger t : triggers) {
      ObjectNode tn = a.addObject().put("on", MetricTrigger.name(t.on()));
      if (!t.attribute().isEmpty()) {
        tn.put("attribute", t.attribute());
      }
      boolean status =
          t.on() == MetricTrigger.On.STATUS_ENTERED
              || t.on() == MetricTrigger.On.STATUS_LEFT
              || t.on() == MetricTrigger.On.SOLVED
              || t.on() == MetricTrigger.On.REOPENED;
      putStrings(
          tn, "values", status ? inOrderOf(statuses, t.values()) : new TreeSet<>(t.values()));
    }
  }

  private static ObjectNode policyTree(SlaPolicy p, List<String> statuses) {
    ObjectNode o = MAPPER.createObjectNode().put("name", p.name());
    MatchCondition when = p.condition();
    if (!when.attributes().isEmpty() || !when.tags().isEmpty()) {
      ObjectNode w = o.putObject("when");
      if (!when.attributes().isEmpty()) {
        ObjectNode attrs = w.putObject("attributes");
        new TreeMap<>(when.attributes())
            .forEach((k, vs) -> putStrings(attrs, k, new TreeSet<>(vs)));
      }
      putStrings(w, "tags", new TreeSet<>(when.tags()));
    }
    ObjectNode matrix = o.putObject("matrix");
    // Written only when not the defaults, so that readers that predate them read the other sets.
    String rows = p.matrix().rowAttribute();
    String columns = p.matrix().columnAttribute();
    if (!rows.equals(PriorityMatrix.DEFAULT_ROWS)) {
      matrix.put("rows", rows);
    }
    if (!columns.equals(PriorityMatrix.DEFAULT_COLUMNS)) {
      matrix.put("columns", columns);
    }
    List<String[]> cells = cellOrder(p.matrix());
    if (!cells.isEmpty()) {
      ArrayNode a = matrix.putArray("cells");
      for (String[] c : cells) {
        a.addObject().put(rows, c[0]).put(columns, c[1]).put("priority", c[2]);
      }
    }
    p.matrix().defaultPriority().ifPresent(d -> matrix.put("default", d));
    putStrings(o, "channels", p.channels());
    ObjectNode targets = o.putObject("targets");
    p.targetTable()
        .forEach(
            (priority, byChannel) -> {
              ObjectNode pn = targets.putObject(priority);
              byChannel.forEach(
                  (channel, cell) -> {
                    ObjectNode cn = pn.putObject(channel);
                    cell.forEach(
                        (m, d) -> {
                          // as given: an override of a filled-in rule's metric is kept even where
                          // it equals that rule's calendar, which another set may change
                          String cal = p.givenCalendar(priority, channel, m);
                          if (cal == null) {
                            cn.put(m.toString(), d.toString());
                          } else {
                            cn.putObject(m.toString())
                                .put("target", d.toString())
                                .put("calendar", cal);
                          }
                        });
                  });
            });
    // Only the rules the policy was given, even one equal to the set's default rule (so that it
    // stays the policy's own when read); a rule filled in (the set's default or the 24/7 rule) is
    // filled in again when read, and stays replaceable by another set's default rule.
    Collection<MetricRule> own = p.givenRules().values();
    if (!own.isEmpty()) {
      ArrayNode metrics = o.putArray("metrics");
      for (MetricRule r : own) {
        metrics.add(ruleTree(r, statuses));
      }
    }
    return o;
  }

  private static ObjectNode ruleTree(MetricRule r, List<String> statuses) {
    ObjectNode rn = MAPPER.createObjectNode();
    rn.put("metric", r.metric().toString()).put("calendar", r.calendar());
    putStrings(rn, "pauseOn", inOrderOf(statuses, r.pauseStatuses()));
    putHolds(rn, r.pauseTags(), r.pauseAttributes());
    putConditions(rn, r.pauseWhile());
    if (!r.warnings().isEmpty()) {
      ArrayNode w = rn.putArray("warnAt");
      r.warnings().forEach(t -> w.add(t.percent()));
    }
    if (!r.escalations().isEmpty()) {
      ArrayNode e = rn.putArray("escalations");
      for (EscalationLevel l : r.escalations()) {
        e.addObject()
            .put("level", l.level())
            .put("percent", l.percent())
            .put("recipient", l.recipient());
      }
    }
    r.internalNotesCount().ifPresent(v -> rn.put("internalNotesCount", v));
    r.automatedRepliesCount().ifPresent(v -> rn.put("automatedRepliesCount", v));
    r.dueFrom().ifPresent(v -> rn.put("dueFrom", v));
    return rn;
  }

  /** Adds the tag and attribute pause conditions, sorted, unless there are none. */
  private static void putHolds(ObjectNode o, Set<String> tags, Map<String, Set<String>> attrs) {
    putStrings(o, "pauseWhileTags", new TreeSet<>(tags));
    if (!attrs.isEmpty()) {
      ObjectNode a = o.putObject("pauseWhileAttributes");
      new TreeMap<>(attrs).forEach((k, vs) -> putStrings(a, k, new TreeSet<>(vs)));
    }
  }

  /**
   * Adds {@code pauseWhile}, unless there are no conditions: one array of parts per condition, in
   * order, each part an object ({@code {"status": [...]}}, {@code {"tag": [...]}}, {@code
   * {"attribute": "k", "values": [...]}} or {@code {"attributeAbsent": "k"}}).
   */
  private static void putConditions(ObjectNode o, List<PauseCondition> conditions) {
    if (conditions.isEmpty()) {
      return;
    }
    ArrayNode all = o.putArray("pauseWhile");
    for (PauseCondition c : conditions) {
      ArrayNode parts = all.addArray();
      for (PauseCondition.Part part : c.parts()) {
        ObjectNode pn = parts.addObject();
        switch (part.kind()) {
          case STATUS -> putStrings(pn, "status", new TreeSet<>(part.values()));
          case TAG -> putStrings(pn, "tag", new TreeSet<>(part.values()));
          case ATTRIBUTE -> {
            pn.put("attribute", part.key());
            putStrings(pn, "values", new TreeSet<>(part.values()));
          }
          case ATTRIBUTE_ABSENT -> pn.put("attributeAbsent", part.key());
          default -> throw new AssertionError(part.kind());
        }
      }
    }
  }

  /** Adds {@code field} as an array of strings, unless {@code values} is empty. */
  private static void putStrings(ObjectNode o, String field, Collection<String> values) {
    if (!values.isEmpty()) {
      ArrayNode a = o.putArray(field);
      values.forEach(a::add);
    }
  }

  /** The members of {@code subset} in the order of {@code declared}, which the set validated. */
  private static List<String> inOrderOf(List<String> declared, Set<String> subset) {
    List<String> out = new ArrayList<>(subset.size());
    for (String s : declared) {
      if (subset.contains(s)) {
        out.add(s);
      }
    }
    if (out.size() != subset.size()) {
      throw new IllegalStateException(subset + " is not a subset of the statuses " + declared);
    }
    return out;
  }

  /**
   * Lists the cells of a matrix as {severity, tier, priority} so that reading them back in this
   * order lists severities and tiers (in order of first appearance) as the matrix does. Row by row
   * works whenever every tier first appears in its place, e.g. for every full matrix; otherwise
   * each step takes the first remaining cell, row by row, that introduces no severity or tier out
   * of turn. That never gets stuck: the matrix was built by some valid sequence, and whichever cell
   * of it first introduced the next severity or tier is still available, because the severities and
   * tiers introduced before it are exactly those introduced so far.
   */
  private static List<String[]> cellOrder(PriorityMatrix m) {
    List<String[]> rowMajor = new ArrayList<>();
    m.cells().forEach((s, row) -> row.forEach((t, p) -> rowMajor.add(new String[] {s, t, p})));
    List<String> severities = m.rowValues();
    List<String> tiers = m.columnValues();
    Set<String> seenTiers = new LinkedHashSet<>();
    for (String[] c : rowMajor) {
      seenTiers.add(c[1]);
    }
    if (List.copyOf(seenTiers).equals(tiers)) {
      return rowMajor;
    }
    List<String[]> left = new ArrayList<>(rowMajor);
    List<String[]> out = new ArrayList<>(rowMajor.size());
    Set<String> sevSeen = new HashSet<>();
    Set<String> tierSeen = new HashSet<>();
    int nextSev = 0;
    int nextTier = 0;
    while (!left.isEmpty()) {
      int pick = -1;
      for (int k = 0; k < left.size() && pick < 0; k++) {
        String[] c = left.get(k);
        boolean sevOk =
            sevSeen.contains(c[0])
                || (nextSev < severities.size() && severities.get(nextSev).equals(c[0]));
        boolean tierOk =
            tierSeen.contains(c[1])
                || (nextTier < tiers.size() && tiers.get(nextTier).equals(c[1]));
        if (sevOk && tierOk) {
          pick = k;
        }
      }
      if (pick < 0) {
        throw new IllegalStateException("no cell order reproduces matrix " + m);
      }
      String[] c = left.remove(pick);
      if (sevSeen.add(c[0])) {
        nextSev++;
      }
      if (tierSeen.add(c[1])) {
        nextTier++;
      }
      out.add(c);
    }
    return out;
  }

  /**
   * Appends {@code n} starting at column {@code column} of a line indented by {@code indent}: on
   * one line if it fits in {@link #WIDTH} (never the root), else one member per line.
   */
  private static void render(JsonNode n, int indent, int column, StringBuilder out) {
    if (!n.isContainerNode()) {
      out.append(scalar(n));
      return;
    }
    if (indent > 0 || n.isEmpty()) {
      String flat = flat(n);
      if (column + flat.length() + 1 <= WIDTH) {
        out.append(flat);
        return;
      }
    }
    String pad = " ".repeat(indent + 2);
    out.append(n.isObject() ? '{' : '[').append('\n');
    int i = 0;
    for (Iterator<Map.Entry<String, JsonNode>> it = members(n); it.hasNext(); i++) {
      Map.Entry<String, JsonNode> e = it.next();
      out.append(pad);
      int col = pad.length();
      if (e.getKey() != null) {
        String key = quote(e.getKey()) + ": ";
        out.append(key);
        col += key.length();
      }
      render(e.getValue(), indent + 2, col, out);
      out.append(i < n.size() - 1 ? ",\n" : "\n");
    }
    out.append(" ".repeat(indent)).append(n.isObject() ? '}' : ']');
  }

  /** {@code n} on one line, with a space after every colon and comma. */
  private static String flat(JsonNode n) {
    if (!n.isContainerNode()) {
      return scalar(n);
    }
    StringBuilder b = new StringBuilder().append(n.isObject() ? '{' : '[');
    for (Iterator<Map.Entry<String, JsonNode>> it = members(n); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey() != null) {
        b.append(quote(e.getKey())).append(": ");
      }
      b.append(flat(e.getValue()));
      if (it.hasNext()) {
        b.append(", ");
      }
    }
    return b.append(n.isObject() ? '}' : ']').toString();
  }

  /** The members of a container: fields of an object, elements (with a null key) of an array. */
  private static Iterator<Map.Entry<String, JsonNode>> members(JsonNode n) {
    if (n.isObject()) {
      return n.fields();
    }
    List<Map.Entry<String, JsonNode>> elements = new ArrayList<>(n.size());
    n.elements().forEachRemaining(e -> elements.add(new AbstractMap.SimpleEntry<>(null, e)));
    return elements.iterator();
  }

  private static String scalar(JsonNode n) {
    return n.isTextual() ? quote(n.textValue()) : n.asText();
  }

  private static String quote(String s) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + '"';
  }

  private static SlaPolicySet fromTree(JsonNode root) {
    object(root, "$", ROOT);
    SlaPolicySet.Builder b = SlaPolicySet.builder();
    List<String> statuses = strings(required(root, "statuses", "$"), "statuses");
    // the set's rule, at the list rather than the root
    at("statuses", () -> SlaPolicySet.Builder.requireStatuses(statuses));
    for (int i = 0; i < statuses.size(); i++) { // the key rule at the element, not at the list
      String p = "statuses[" + i + "]";
      String s = statuses.get(i);
      get(p, () -> Keys.requireKey(s, p));
    }
    requireDistinct(statuses, "statuses", "status");
    at("statuses", () -> b.statuses(statuses));
    Set<String> known = new HashSet<>(statuses);
    List<String> solved =
        root.has("solvedStatuses")
            ? strings(root.get("solvedStatuses"), "solvedStatuses")
            : List.of();
    for (int i = 0; i < solved.size(); i++) {
      requireKnown(known, solved.get(i), "solvedStatuses[" + i + "]");
    }
    requireDistinct(solved, "solvedStatuses", "solved status");
    Set<String> solvedSet = new HashSet<>(solved); // a list's contains made this loop quadratic
    if (root.has("solvedStatuses")) {
      at("solvedStatuses", () -> b.solvedStatuses(solved.toArray(String[]::new)));
    }
    if (root.has("cancelledStatuses")) {
      List<String> cancelled = strings(root.get("cancelledStatuses"), "cancelledStatuses");
      for (int i = 0; i < cancelled.size(); i++) {
        String path = "cancelledStatuses[" + i + "]";
        requireKnown(known, cancelled.get(i), path);
        if (!solvedSet.contains(cancelled.get(i))) {
          throw new IllegalArgumentException(
              "status '"
                  + excerpt(cancelled.get(i))
                  + "' must also be in solvedStatuses ("
                  + path
                  + ")");
        }
      }
      requireDistinct(cancelled, "cancelledStatuses", "cancelled status");
      at("cancelledStatuses", () -> b.cancelledStatuses(cancelled.toArray(String[]::new)));
    }
    if (root.has("initialStatus")) {
      String s = text(root.get("initialStatus"), "initialStatus");
      requireKnown(known, s, "initialStatus");
      // the builder checks it at build(), which is located at $
      at("initialStatus", () -> SlaPolicySet.Builder.requireUnsolvedInitial(s, solved, ""));
      at("initialStatus", () -> b.initialStatus(s));
    } else {
      at(
          "statuses[0]",
          () ->
              SlaPolicySet.Builder.requireUnsolvedInitial(
                  statuses.get(0),
                  solved,
                  " (the first of statuses, as no initialStatus is given)"));
    }
    Set<String> stageNames = new HashSet<>();
    if (root.has("stages")) {
      JsonNode stages = array(root.get("stages"), "stages");
      for (int i = 0; i < stages.size(); i++) {
        String p = "stages[" + i + "]";
        JsonNode st = object(stages.get(i), p, STAGE);
        String name = text(required(st, "name", p), p + ".name");
        get(p + ".name", () -> Keys.requireKey(name, "stage name"));
        List<String> ss = strings(required(st, "statuses", p), p + ".statuses");
        // the stage's rule, at its list rather than the stage
        at(p + ".statuses", () -> StageDefinition.requireSomeStatus(name, ss));
        for (int j = 0; j < ss.size(); j++) {
          requireKnown(known, ss.get(j), p + ".statuses[" + j + "]");
        }
        requireDistinct(ss, p + ".statuses", "status");
        ReopenRule reentry =
            st.has("reentry") ? reopen(st.get("reentry"), p + ".reentry") : ReopenRule.RESTART;
        List<String> stop = st.has("stopOn") ? strings(st.get("stopOn"), p + ".stopOn") : List.of();
        for (int j = 0; j < stop.size(); j++) {
          requireKnown(known, stop.get(j), p + ".stopOn[" + j + "]");
        }
        requireDistinct(stop, p + ".stopOn", "status");
        for (int j = 0; j < stop.size(); j++) { // the stage's rule, at the status it refuses
          String s = stop.get(j);
          at(p + ".stopOn[" + j + "]", () -> StageDefinition.requireNotOwnStatus(name, ss, s));
        }
        StageDefinition def =
            get(
                p,
                () ->
                    new StageDefinition(
                        name,
                        new java.util.LinkedHashSet<>(ss),
                        reentry,
                        new java.util.LinkedHashSet<>(stop)));
        at(p + ".name", () -> b.stage(def)); // declared twice: at the second name
        stageNames.add("stage:" + name);
      }
    }
    // every distinct pause value or condition, in the order the set's build counts them, with the
    // path of its first occurrence: the one over the limit is refused there, not at the root
    Map<String, String> holds = new LinkedHashMap<>();
    if (root.has("metricDefinitions")) {
      JsonNode defs = array(root.get("metricDefinitions"), "metricDefinitions");
      for (int i = 0; i < defs.size(); i++) {
        MetricDefinition def = definition(defs.get(i), "metricDefinitions[" + i + "]", known);
        collectHolds(holds, defs.get(i), "metricDefinitions[" + i + "]", def.pauseWhile());
        requireSolvedInto(def, "metricDefinitions[" + i + "]", solved);
        at("metricDefinitions[" + i + "].name", () -> b.metric(def)); // a repeat: at its name
        stageNames.add("custom:" + def.name());
      }
    }
    if (root.has("resolutionReopen")) {
      ReopenRule r = reopen(root.get("resolutionReopen"), "resolutionReopen");
      b.resolutionReopen(r);
    }
    if (root.has("retargetRule")) {
      b.retargetRule(
          choice(root.get("retargetRule"), "retargetRule", RetargetRule.class, "re-target rule"));
    }
    if (root.has("reattachStart")) {
      b.reattachStart(
          choice(
              root.get("reattachStart"), "reattachStart", ReattachStart.class, "reattach start"));
    }
    if (root.has("retroactivePause")) {
      b.retroactivePause(bool(root.get("retroactivePause"), "retroactivePause"));
    }
    if (root.has("scheduleRule")) {
      b.scheduleRule(
          choice(root.get("scheduleRule"), "scheduleRule", ScheduleRule.class, "schedule rule"));
    }
    if (root.has("breachRule")) {
      b.breachRule(choice(root.get("breachRule"), "breachRule", BreachRule.class, "breach rule"));
    }
    if (root.has("closingRule")) {
      b.closingRule(
          choice(root.get("closingRule"), "closingRule", ClosingRule.class, "closing rule"));
    }
    if (root.has("dueDateRule")) {
      b.dueDateRule(
          choice(root.get("dueDateRule"), "dueDateRule", DueDateRule.class, "due date rule"));
    }
    if (root.has("internalNotesCount")) {
      b.internalNotesCount(bool(root.get("internalNotesCount"), "internalNotesCount"));
    }
    if (root.has("automatedRepliesCount")) {
      b.automatedRepliesCount(bool(root.get("automatedRepliesCount"), "automatedRepliesCount"));
    }
    if (root.has("periodicUpdateFromCreation")) {
      b.periodicUpdateFromCreation(
          bool(root.get("periodicUpdateFromCreation"), "periodicUpdateFromCreation"));
    }
    if (root.has("firstResponseSolve")) {
      b.firstResponseSolve(
          choice(
              root.get("firstResponseSolve"), "firstResponseSolve", SolveRule.class, "solve rule"));
    }
    if (root.has("stopRule")) {
      b.stopRule(choice(root.get("stopRule"), "stopRule", StopRule.class, "stop rule"));
    }
    if (root.has("creationStopOverridesStart")) {
      b.creationStopOverridesStart(
          bool(root.get("creationStopOverridesStart"), "creationStopOverridesStart"));
    }
    if (root.has("rejectUnknownKeys")) {
      b.rejectUnknownKeys(bool(root.get("rejectUnknownKeys"), "rejectUnknownKeys"));
    }
    if (root.has("defaultRules")) {
      JsonNode ds = array(root.get("defaultRules"), "defaultRules");
      Set<SlaMetric> seen = new HashSet<>();
      for (int i = 0; i < ds.size(); i++) {
        String dp = "defaultRules[" + i + "]";
        MetricRule r = rule(ds.get(i), dp, known, stageNames);
        if (!seen.add(r.metric())) {
          throw new IllegalArgumentException(
              "metric " + r.metric() + " already has a default rule (" + dp + ".metric)");
        }
        b.defaultRule(r);
        collectHolds(holds, ds.get(i), dp, r.pauseWhile());
      }
    }
    // the builder refuses a name used twice at build(), located at $: locate it at the second name
    // and matrices reading other attributes than an earlier one at the later matrix
    Set<String> policyNames = new HashSet<>();
    SlaPolicy firstMatrix = null;
    if (root.has("policies")) {
      JsonNode ps = array(root.get("policies"), "policies");
      for (int i = 0; i < ps.size(); i++) {
        String pp = "policies[" + i + "]";
        JsonNode pn = ps.get(i);
        SlaPolicy policy = policy(pn, pp, known, stageNames);
        at(
            resolutionPath(pn, pp),
            () -> SlaPolicySet.Builder.requireSolvedForResolution(policy, solved));
        requireNewPolicyName(policyNames, policy, pp);
        SlaPolicy before = firstMatrix;
        firstMatrix =
            get(pp + ".matrix", () -> SlaPolicySet.Builder.requireMatrixShape(before, policy));
        b.policy(policy);
        collectHolds(holds, pn, policy, pp);
      }
    }
    JsonNode dn = required(root, "defaultPolicy", "$");
    SlaPolicy fallback = policy(dn, "defaultPolicy", known, stageNames);
    at(
        resolutionPath(dn, "defaultPolicy"),
        () -> SlaPolicySet.Builder.requireSolvedForResolution(fallback, solved));
    requireNewPolicyName(policyNames, fallback, "defaultPolicy");
    SlaPolicy before = firstMatrix;
    at("defaultPolicy.matrix", () -> SlaPolicySet.Builder.requireMatrixShape(before, fallback));
    b.defaultPolicy(fallback);
    collectHolds(holds, dn, fallback, "defaultPolicy");
    if (holds.size() > SlaPolicySet.MAX_PAUSE_VALUES) {
      String over = new ArrayList<>(holds.values()).get(SlaPolicySet.MAX_PAUSE_VALUES);
      throw new IllegalArgumentException(
          SlaPolicySet.tooManyHolds(holds.size()) + " (" + over + ")");
    }
    return get("$", b::build);
  }

  /**
   * Adds the pause values and conditions of definition or rule {@code n} at {@code path} to {@code
   * holds} (value to path of its first occurrence), as the set's build counts them: the tags and
   * attribute values in the order of the JSON (a built rule's tags are a set without order), then
   * the built {@code conditions}, which keep the order given.
   */
  private static void collectHolds(
      Map<String, String> holds, JsonNode n, String path, List<PauseCondition> conditions) {
    JsonNode tags = n.path("pauseWhileTags");
    for (int i = 0; i < tags.size(); i++) {
      holds.putIfAbsent(
          SlaPolicySet.tagHold(tags.get(i).textValue()), path + ".pauseWhileTags[" + i + "]");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = n.path("pauseWhileAttributes").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String kp = JsonInput.child(path + ".pauseWhileAttributes", e.getKey());
      for (int j = 0; j < e.getValue().size(); j++) {
        String v = e.getValue().get(j).textValue();
        holds.putIfAbsent(SlaPolicySet.attributeHold(e.getKey(), v), kp + "[" + j + "]");
      }
    }
    for (int k = 0; k < conditions.size(); k++) {
      holds.putIfAbsent(
          SlaPolicySet.conditionHold(conditions.get(k)), path + ".pauseWhile[" + k + "]");
    }
  }

  /** {@link #collectHolds} of the rules (JSON {@code metrics}) of policy {@code p} at {@code n}. */
  private static void collectHolds(
      Map<String, String> holds, JsonNode n, SlaPolicy p, String path) {
    JsonNode ms = n.path("metrics");
    for (int i = 0; i < ms.size(); i++) {
      MetricRule r = p.givenRules().get(SlaMetric.parse(ms.get(i).get("metric").textValue()));
      collectHolds(holds, ms.get(i), path + ".metrics[" + i + "]", r.pauseWhile());
    }
  }

  private static SlaPolicy policy(JsonNode n, String path, Set<String> known, Set<String> stages) {
    object(n, path, POLICY);
    String name = text(required(n, "name", path), path + ".name");
    SlaPolicy.Builder b = get(path + ".name", () -> SlaPolicy.builder(name));
    if (n.has("when")) {
      b.when(condition(n.get("when"), path + ".when"));
    }
    PriorityMatrix matrix = matrix(required(n, "matrix", path), path + ".matrix");
    b.matrix(matrix);
    if (n.has("channels")) {
      List<String> cs = strings(n.get("channels"), path + ".channels");
      requireDistinct(cs, path + ".channels", "channel");
      for (int i = 0; i < cs.size(); i++) {
        String c = cs.get(i);
        at(path + ".channels[" + i + "]", () -> b.channels(c));
      }
    }
    if (n.has("targets")) {
      JsonNode byPriority = objectAny(n.get("targets"), path + ".targets");
      for (Iterator<Map.Entry<String, JsonNode>> it = byPriority.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> p = it.next();
        String pp = JsonInput.child(path + ".targets", p.getKey());
        JsonNode byChannel = targetLevel(p.getValue(), pp);
        if (!byChannel.isEmpty()) { // the key's rule at its entry, not at a target below it
          get(pp, () -> Keys.requireKey(p.getKey(), "priority"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> ic = byChannel.fields(); ic.hasNext(); ) {
          Map.Entry<String, JsonNode> c = ic.next();
          String cp = JsonInput.child(pp, c.getKey());
          JsonNode byMetric = targetLevel(c.getValue(), cp);
          if (!byMetric.isEmpty()) {
            get(cp, () -> Keys.requireKey(c.getKey(), "channel"));
          }
          for (Iterator<Map.Entry<String, JsonNode>> im = byMetric.fields(); im.hasNext(); ) {
            Map.Entry<String, JsonNode> m = im.next();
            String mp = JsonInput.child(cp, m.getKey());
            SlaMetric metric = get(mp, () -> SlaMetric.parse(m.getKey()));
            requireStage(metric, stages, mp);
            JsonNode v = m.getValue();
            if (v.isObject()) {
              object(v, mp, TARGET);
              Duration d = duration(required(v, "target", mp), mp + ".target");
              String kp = mp + ".calendar";
              String cal = text(required(v, "calendar", mp), kp);
              get(kp, () -> Keys.requireKey(cal, "calendar"));
              // the keys are checked above: what the builder refuses here is the target's value
              at(mp + ".target", () -> b.target(p.getKey(), c.getKey(), metric, d, cal));
            } else {
              if (!v.isTextual()) {
                throw new IllegalArgumentException(
                    "expected an ISO-8601 duration such as PT1H or an object with fields target"
                        + " and calendar but found "
                        + excerpt(v)
                        + " ("
                        + mp
                        + ")");
              }
              Duration d = duration(v, mp);
              at(mp, () -> b.target(p.getKey(), c.getKey(), metric, d));
            }
          }
        }
      }
    }
    if (n.has("metrics")) {
      JsonNode ms = array(n.get("metrics"), path + ".metrics");
      for (int i = 0; i < ms.size(); i++) {
        String mp = path + ".metrics[" + i + "]";
        MetricRule r = rule(ms.get(i), mp, known, stages);
        at(mp + ".metric", () -> b.rule(r)); // a second rule of a metric: at its metric
      }
    }
    if (n.has("targets")) { // the build's rules of the table, at the table, row or cell
      String tp = path + ".targets";
      for (String p : matrix.priorities()) { // at the row if it is there, empty, else the table
        String rp = n.get("targets").has(p) ? JsonInput.child(tp, p) : tp;
        at(rp, () -> b.requireRow(p));
      }
      for (Iterator<String> it = n.get("targets").fieldNames(); it.hasNext(); ) {
        String p = it.next();
        String pp = JsonInput.child(tp, p);
        at(pp, () -> b.requireChannelCells(p));
        for (Iterator<String> ic = n.get("targets").get(p).fieldNames(); ic.hasNext(); ) {
          String c = ic.next();
          at(JsonInput.child(pp, c), () -> b.requireListedChannel(p, c));
        }
      }
    }
    return get(path, b::build);
  }

  private static MetricRule rule(JsonNode n, String path, Set<String> known, Set<String> stages) {
    object(n, path, METRIC);
    String m = text(required(n, "metric", path), path + ".metric");
    SlaMetric metric = get(path + ".metric", () -> SlaMetric.parse(m));
    requireStage(metric, stages, path + ".metric");
    MetricRule.Builder b = MetricRule.builder(metric);
    if (n.has("calendar")) {
      String c = text(n.get("calendar"), path + ".calendar");
      // the rule's key check, which its build makes, at the field rather than the rule
      get(path + ".calendar", () -> Keys.requireKey(c, "calendar"));
      at(path + ".calendar", () -> b.calendar(c));
    }
    if (n.has("pauseOn")) {
      List<String> ps = strings(n.get("pauseOn"), path + ".pauseOn");
      for (int i = 0; i < ps.size(); i++) {
        requireKnown(known, ps.get(i), path + ".pauseOn[" + i + "]");
      }
      requireDistinct(ps, path + ".pauseOn", "status");
      b.pauseOn(ps);
    }
    if (n.has("warnAt")) {
      JsonNode ws = array(n.get("warnAt"), path + ".warnAt");
      int previous = Integer.MIN_VALUE;
      for (int i = 0; i < ws.size(); i++) {
        int p = integer(ws.get(i), path + ".warnAt[" + i + "]");
        int before = previous;
        at(
            path + ".warnAt[" + i + "]",
            () -> {
              if (p <= before) { // named here, at the element, rather than by the rule's build
                throw new IllegalArgumentException(
                    "percent " + p + " must be greater than the previous " + before);
              }
              b.warnAt(p);
            });
        previous = p;
      }
    }
    if (n.has("escalations")) {
      JsonNode es = array(n.get("escalations"), path + ".escalations");
      EscalationLevel previousLevel = null;
      for (int i = 0; i < es.size(); i++) {
        String ep = path + ".escalations[" + i + "]";
        JsonNode e = object(es.get(i), ep, ESCALATION);
        int level = integer(required(e, "level", ep), ep + ".level");
        int percent = integer(required(e, "percent", ep), ep + ".percent");
        String recipient = text(required(e, "recipient", ep), ep + ".recipient");
        // each component's rule at its own field, in the order the constructor checks them
        get(ep + ".level", () -> EscalationLevel.requireLevel(level));
        get(ep + ".percent", () -> EscalationLevel.requirePercent(percent));
        get(ep + ".recipient", () -> EscalationLevel.requireRecipient(recipient));
        EscalationLevel l = EscalationLevel.of(level, percent, recipient);
        if (i > 0) {
          EscalationLevel a = previousLevel;
          // at the component that is not greater than the previous one's: the level first
          at(
              ep + (l.level() <= a.level() ? ".level" : ".percent"),
              () -> {
                if (l.level() <= a.level() || l.percent() <= a.percent()) {
                  throw new IllegalArgumentException(
                      "level "
                          + l.level()
                          + " at "
                          + l.percent()
                          + " % must have a greater level and percent than the previous (level "
                          + a.level()
                          + " at "
                          + a.percent()
                          + " %)");
                }
              });
        }
        previousLevel = l;
        b.escalate(l);
      }
    }
    if (n.has("internalNotesCount")) {
      String np = path + ".internalNotesCount";
      boolean v = bool(n.get("internalNotesCount"), np);
      at(np, () -> b.internalNotesCount(v));
    }
    if (n.has("automatedRepliesCount")) {
      String ap = path + ".automatedRepliesCount";
      boolean v = bool(n.get("automatedRepliesCount"), ap);
      at(ap, () -> b.automatedRepliesCount(v));
    }
    if (n.has("dueFrom")) {
      String dp = path + ".dueFrom";
      String v = text(n.get("dueFrom"), dp);
      at(dp, () -> b.dueFrom(v));
    }
    holds(n, path, "pauseWhileAttributes attribute", b::pauseWhileTag, b::pauseWhileAttribute);
    if (n.has("pauseWhile")) {
      b.pauseWhile(conditions(n.get("pauseWhile"), path + ".pauseWhile", known));
    }
    return get(path, b::build);
  }

  private static MetricDefinition definition(JsonNode n, String path, Set<String> known) {
    object(n, path, DEFINITION);
    String name = text(required(n, "name", path), path + ".name");
    MetricDefinition.Builder b = get(path + ".name", () -> MetricDefinition.builder(name));
    MetricTrigger[] start = triggers(required(n, "startOn", path), path + ".startOn", known);
    // the definition's rule, at the empty list rather than the definition
    at(path + ".startOn", () -> MetricDefinition.requireStart(name, start.length));
    b.startOn(start);
    List<MetricTrigger> stop = List.of();
    if (n.has("stopOn")) {
      MetricTrigger[] ts = triggers(n.get("stopOn"), path + ".stopOn", known);
      b.stopOn(ts);
      stop = List.of(ts);
    }
    if (n.has("cancelOn")) {
      MetricTrigger[] ts = triggers(n.get("cancelOn"), path + ".cancelOn", known);
      for (int k = 0; k < ts.length; k++) { // the definition's rule, at the cancel trigger
        List<MetricTrigger> stops = stop;
        MetricTrigger t = ts[k];
        at(path + ".cancelOn[" + k + "]", () -> MetricDefinition.requireNotStop(name, stops, t));
      }
      b.cancelOn(ts);
    }
    if (n.has("armOn")) {
      b.armOn(triggers(n.get("armOn"), path + ".armOn", known));
    }
    if (n.has("pauseIn")) {
      List<String> ps = strings(n.get("pauseIn"), path + ".pauseIn");
      for (int i = 0; i < ps.size(); i++) {
        requireKnown(known, ps.get(i), path + ".pauseIn[" + i + "]");
      }
      requireDistinct(ps, path + ".pauseIn", "status");
      at(path + ".pauseIn", () -> b.pauseIn(ps));
    }
    String keyField = "metric " + name + " pauseWhileAttributes attribute";
    holds(n, path, keyField, b::pauseWhileTag, b::pauseWhileAttribute);
    if (n.has("pauseWhile")) {
      b.pauseWhile(conditions(n.get("pauseWhile"), path + ".pauseWhile", known));
    }
    MetricDefinition.Cycles cycles = MetricDefinition.Cycles.NEW_CYCLE;
    if (n.has("cycles")) {
      cycles =
          choice(n.get("cycles"), path + ".cycles", MetricDefinition.Cycles.class, "cycles rule");
      b.cycles(cycles);
    }
    if (n.has("whenSolved")) {
      MetricDefinition.WhenSolved w =
          choice(
              n.get("whenSolved"),
              path + ".whenSolved",
              MetricDefinition.WhenSolved.class,
              "when-solved rule");
      MetricDefinition.Cycles c = cycles;
      // the two clash only when both are given: at the one that completes the clash
      String clash =
          fieldIndex(n, "cycles") > fieldIndex(n, "whenSolved") ? ".cycles" : ".whenSolved";
      at(path + clash, () -> MetricDefinition.requireCombinable(name, c, w));
      b.whenSolved(w);
    }
    if (n.has("stopRule")) {
      b.stopRule(choice(n.get("stopRule"), path + ".stopRule", StopRule.class, "stop rule"));
    }
    return get(path, b::build);
  }

  /**
   * The set's rule that a {@code solved} or {@code reopened} trigger of {@code d} lists solved
   * statuses only, at the status that breaks it rather than at the root, where the set's build
   * would locate it.
   */
  private static void requireSolvedInto(MetricDefinition d, String path, List<String> solved) {
    List<List<MetricTrigger>> lists = List.of(d.start(), d.stop(), d.cancel(), d.arm());
    String[] roles = {"startOn", "stopOn", "cancelOn", "armOn"};
    for (int k = 0; k < roles.length; k++) {
      for (int i = 0; i < lists.get(k).size(); i++) {
        MetricTrigger t = lists.get(k).get(i);
        if (t.on() != MetricTrigger.On.SOLVED && t.on() != MetricTrigger.On.REOPENED) {
          continue;
        }
        int j = 0;
        for (String s : t.values()) { // in the order listed (distinct, kept in order)
          String role = roles[k];
          at(
              path + "." + role + "[" + i + "].values[" + j + "]",
              () -> SlaPolicySet.Builder.requireSolvedStatus(d, role, t, s, solved));
          j++;
        }
      }
    }
  }

  /**
   * Where policy {@code n} at {@code path} measures resolution: its rule's {@code metric}, else its
   * first resolution target, else the policy itself.
   */
  private static String resolutionPath(JsonNode n, String path) {
    String metric = SlaMetric.resolution().toString();
    JsonNode ms = n.get("metrics");
    for (int i = 0; ms != null && i < ms.size(); i++) {
      if (metric.equals(ms.get(i).path("metric").textValue())) {
        return path + ".metrics[" + i + "].metric";
      }
    }
    JsonNode ts = n.get("targets");
    for (Iterator<Map.Entry<String, JsonNode>> it =
            ts == null ? java.util.Collections.emptyIterator() : ts.fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> p = it.next();
      for (Iterator<Map.Entry<String, JsonNode>> ic = p.getValue().fields(); ic.hasNext(); ) {
        Map.Entry<String, JsonNode> c = ic.next();
        if (c.getValue().has(metric)) {
          String pp = JsonInput.child(path + ".targets", p.getKey());
          return JsonInput.child(JsonInput.child(pp, c.getKey()), metric);
        }
      }
    }
    return path;
  }

  /** The position of field {@code name} among the fields of object {@code n}, or -1. */
  private static int fieldIndex(JsonNode n, String name) {
    int i = 0;
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); i++) {
      if (it.next().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Reads {@code pauseWhileTags} and {@code pauseWhileAttributes} into a builder; {@code keyField}
   * is how the builder names an attribute key in its messages.
   */
  private static void holds(
      JsonNode n,
      String path,
      String keyField,
      java.util.function.Consumer<String[]> tags,
      java.util.function.BiConsumer<String, String[]> attribute) {
    if (n.has("pauseWhileTags")) {
      String tp = path + ".pauseWhileTags";
      List<String> ts = strings(n.get("pauseWhileTags"), tp);
      requireDistinct(ts, tp, "tag");
      for (int i = 0; i < ts.size(); i++) {
        String g = ts.get(i);
        at(tp + "[" + i + "]", () -> tags.accept(new String[] {g}));
      }
    }
    if (n.has("pauseWhileAttributes")) {
      String ap = path + ".pauseWhileAttributes";
      JsonNode a = objectAny(n.get("pauseWhileAttributes"), ap);
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String kp = JsonInput.child(ap, e.getKey());
        List<String> vs = strings(e.getValue(), kp);
        requireDistinct(vs, kp, "value");
        get(kp, () -> Keys.requireKey(e.getKey(), keyField));
        if (vs.isEmpty()) {
          at(kp, () -> attribute.accept(e.getKey(), new String[0])); // the builder's refusal
        }
        for (int i = 0; i < vs.size(); i++) { // one at a time: a value's refusal at the value
          String v = vs.get(i);
          at(kp + "[" + i + "]", () -> attribute.accept(e.getKey(), new String[] {v}));
        }
      }
    }
  }

  /**
   * Reads {@code pauseWhile}: an array of conditions, each an array of parts that must all hold.
   */
  private static PauseCondition[] conditions(JsonNode n, String path, Set<String> known) {
    JsonNode a = array(n, path);
    PauseCondition[] out = new PauseCondition[a.size()];
    for (int i = 0; i < a.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode c = array(a.get(i), p);
      List<PauseCondition.Part> parts = new ArrayList<>();
      Set<PauseCondition.Part> seenParts = new HashSet<>(); // a list's contains was quadratic
      for (int j = 0; j < c.size(); j++) {
        PauseCondition.Part part = part(c.get(j), p + "[" + j + "]", known);
        if (!seenParts.add(part)) {
          throw listedTwice("part", c.get(j), p + "[" + j + "]");
        }
        parts.add(part);
      }
      out[i] = get(p, () -> PauseCondition.of(parts));
      for (int k = 0; k < i; k++) {
        if (out[k].equals(out[i])) {
          throw listedTwice("condition", c, p);
        }
      }
    }
    return out;
  }

  private static PauseCondition.Part part(JsonNode n, String path, Set<String> known) {
    object(n, path, PART);
    List<String> kinds = new ArrayList<>();
    for (String k : List.of("status", "tag", "attribute", "attributeAbsent")) {
      if (n.has(k)) {
        kinds.add(k);
      }
    }
    if (kinds.size() != 1) {
      throw new IllegalArgumentException(
          "a pause condition part needs exactly one of status, tag, attribute, attributeAbsent;"
              + " found "
              + kinds
              + " ("
              + path
              + ")");
    }
    String kind = kinds.get(0);
    if (n.has("values") && !kind.equals("attribute")) {
      throw new IllegalArgumentException(
          "values belong to an attribute part, not to " + kind + " (" + path + ".values)");
    }
    String kp = path + "." + kind;
    switch (kind) {
      case "status" -> {
        List<String> vs = strings(n.get(kind), kp);
        for (int i = 0; i < vs.size(); i++) {
          requireKnown(known, vs.get(i), kp + "[" + i + "]");
        }
        requireDistinct(vs, kp, "status");
        return get(
            kp,
            () -> new PauseCondition.Part(PauseCondition.Kind.STATUS, "", new LinkedHashSet<>(vs)));
      }
      case "tag" -> {
        List<String> vs = strings(n.get(kind), kp);
        requirePartValues(PauseCondition.Kind.TAG, vs, kp);
        requireDistinct(vs, kp, "tag");
        return get(
            kp,
            () -> new PauseCondition.Part(PauseCondition.Kind.TAG, "", new LinkedHashSet<>(vs)));
      }
      case "attribute" -> {
        String key = text(n.get(kind), kp);
        get(kp, () -> Keys.requireKey(key, "pause condition attribute attribute"));
        List<String> vs = strings(required(n, "values", path), path + ".values");
        requirePartValues(PauseCondition.Kind.ATTRIBUTE, vs, path + ".values");
        requireDistinct(vs, path + ".values", "value");
        return get(
            path + ".values",
            () ->
                new PauseCondition.Part(
                    PauseCondition.Kind.ATTRIBUTE, key, new LinkedHashSet<>(vs)));
      }
      default -> {
        String key = text(n.get(kind), kp);
        return get(
            kp, () -> new PauseCondition.Part(PauseCondition.Kind.ATTRIBUTE_ABSENT, key, Set.of()));
      }
    }
  }

  /** Each value of a pause condition part checked by the part's key rule, at the value. */
  private static void requirePartValues(PauseCondition.Kind kind, List<String> vs, String path) {
    String field = "pause condition " + kind.name().toLowerCase(Locale.ROOT) + " values";
    for (int i = 0; i < vs.size(); i++) {
      String v = vs.get(i);
      String f = field + "[" + i + "]";
      get(path + "[" + i + "]", () -> Keys.requireKey(v, f));
    }
  }

  private static MetricTrigger[] triggers(JsonNode n, String path, Set<String> known) {
    JsonNode a = array(n, path);
    MetricTrigger[] out = new MetricTrigger[a.size()];
    Set<MetricTrigger> seen = new HashSet<>();
    for (int i = 0; i < a.size(); i++) {
      String p = path + "[" + i + "]";
      JsonNode t = object(a.get(i), p, TRIGGER);
      String on = text(required(t, "on", p), p + ".on");
      MetricTrigger.On kind = get(p + ".on", () -> MetricTrigger.parseOn(on));
      String attribute = t.has("attribute") ? text(t.get("attribute"), p + ".attribute") : "";
      List<String> values = t.has("values") ? strings(t.get("values"), p + ".values") : List.of();
      boolean status =
          kind == MetricTrigger.On.STATUS_ENTERED
              || kind == MetricTrigger.On.STATUS_LEFT
              || kind == MetricTrigger.On.SOLVED
              || kind == MetricTrigger.On.REOPENED;
      if (status) {
        for (int j = 0; j < values.size(); j++) {
          requireKnown(known, values.get(j), p + ".values[" + j + "]");
        }
      }
      boolean tag = kind == MetricTrigger.On.TAG_ADDED || kind == MetricTrigger.On.TAG_REMOVED;
      for (int j = 0; j < values.size(); j++) { // each rule of the trigger at its own field
        String v = values.get(j);
        String field = "trigger " + MetricTrigger.name(kind) + " values[" + j + "]";
        get(p + ".values[" + j + "]", () -> Keys.requireKey(v, field));
      }
      requireDistinct(values, p + ".values", status ? "status" : tag ? "tag" : "value");
      at(p + ".attribute", () -> MetricTrigger.requireAttribute(kind, attribute));
      Set<String> valueSet = new LinkedHashSet<>(values);
      at(p + ".values", () -> MetricTrigger.requireValueCount(kind, valueSet));
      out[i] = get(p, () -> new MetricTrigger(kind, attribute, valueSet));
      if (!seen.add(out[i])) { // a set: comparing with every earlier trigger was quadratic
        throw listedTwice("trigger", t, p);
      }
    }
    return out;
  }

  private static MatchCondition condition(JsonNode n, String path) {
    object(n, path, WHEN);
    Map<String, Set<String>> attrs = new LinkedHashMap<>();
    if (n.has("attributes")) {
      JsonNode a = objectAny(n.get("attributes"), path + ".attributes");
      for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String vp = JsonInput.child(path + ".attributes", e.getKey());
        List<String> vs = strings(e.getValue(), vp);
        String key = e.getKey();
        get(vp, () -> Keys.requireKey(key, "attribute"));
        for (int i = 0; i < vs.size(); i++) { // the condition's rules at the value, key or list
          String v = vs.get(i);
          String f = "attribute " + key + " values[" + i + "]";
          get(vp + "[" + i + "]", () -> Keys.requireKey(v, f));
        }
        requireDistinct(vs, vp, "value");
        Set<String> values = new java.util.LinkedHashSet<>(vs);
        get(vp, () -> new MatchCondition(Map.of(key, values), Set.of()));
        attrs.put(key, values);
      }
    }
    List<String> tagList = n.has("tags") ? strings(n.get("tags"), path + ".tags") : List.of();
    for (int i = 0; i < tagList.size(); i++) {
      String t = tagList.get(i);
      String f = "tags[" + i + "]";
      get(path + ".tags[" + i + "]", () -> Keys.requireKey(t, f));
    }
    requireDistinct(tagList, path + ".tags", "tag");
    Set<String> tags = new java.util.LinkedHashSet<>(tagList);
    return get(path, () -> new MatchCondition(attrs, tags));
  }

  private static PriorityMatrix matrix(JsonNode n, String path) {
    object(n, path, MATRIX);
    PriorityMatrix.Builder b = PriorityMatrix.builder();
    String rows = PriorityMatrix.DEFAULT_ROWS;
    String columns = PriorityMatrix.DEFAULT_COLUMNS;
    if (n.has("rows")) {
      String r = text(n.get("rows"), path + ".rows");
      at(path + ".rows", () -> b.rows(r));
      rows = r;
    }
    if (n.has("columns")) {
      String c = text(n.get("columns"), path + ".columns");
      at(path + ".columns", () -> b.columns(c));
      columns = c;
    }
    if (rows.equals(columns)) { // before the cells, whose two fields would be one
      throw new IllegalArgumentException(
          "priority matrix rows and columns both read the attribute "
              + excerpt(rows)
              + " ("
              + path
              + (n.has("columns") ? ".columns" : ".rows")
              + ")");
    }
    Set<String> cellFields = Set.of(rows, columns, "priority");
    if (n.has("cells")) {
      JsonNode cells = array(n.get("cells"), path + ".cells");
      for (int i = 0; i < cells.size(); i++) {
        String cp = path + ".cells[" + i + "]";
        JsonNode c = object(cells.get(i), cp, cellFields);
        String s = text(required(c, rows, cp), JsonInput.child(cp, rows));
        String t = text(required(c, columns, cp), JsonInput.child(cp, columns));
        String p = text(required(c, "priority", cp), cp + ".priority");
        // each key's rule at its field, as the builder names it; a cell set twice at the cell
        String r = rows;
        String k = columns;
        get(JsonInput.child(cp, rows), () -> Keys.requireKey(s, r));
        get(JsonInput.child(cp, columns), () -> Keys.requireKey(t, k));
        get(cp + ".priority", () -> Keys.requireKey(p, "priority"));
        at(cp, () -> b.cell(s, t, p));
      }
    }
    if (n.has("default")) {
      String d = text(n.get("default"), path + ".default");
      at(path + ".default", () -> b.defaultPriority(d));
    }
    return get(path, b::build);
  }

  /** Refuses a value listed twice, naming the second occurrence's path. */
  private static void requireDistinct(List<String> values, String field, String what) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (!seen.add(values.get(i))) {
        throw new IllegalArgumentException(
            what + " '" + excerpt(values.get(i)) + "' is listed twice (" + field + "[" + i + "])");
      }
    }
  }

  /**
   * The refusal of a trigger, condition or part listed twice, naming the second occurrence's path
   * and quoting its JSON text.
   */
  private static IllegalArgumentException listedTwice(String what, JsonNode n, String path) {
    return new IllegalArgumentException(
        what + " " + excerpt(n) + " is listed twice (" + path + ")");
  }

  private static void requireNewPolicyName(Set<String> names, SlaPolicy policy, String path) {
    if (!names.add(policy.name())) {
      throw new IllegalArgumentException(
          "policy name " + excerpt(policy.name()) + " is used twice (" + path + ".name)");
    }
  }

  private static void requireKnown(Set<String> known, String status, String path) {
    if (!known.contains(status)) {
      throw new IllegalArgumentException(
          "status '" + excerpt(status) + "' is not declared in statuses (" + path + ")");
    }
  }

  /** {@code defined}: the text forms of the declared stage and custom metrics. */
  /**
   * A level of {@code targets} below the priorities (channels, then metrics) as an object; a value
   * found there instead (a channel level left out: {@code {"normal": {"first_response": "PT4H"}}})
   * is refused with the nesting spelled out.
   */
  private static JsonNode targetLevel(JsonNode n, String path) {
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException(
          "expected an object but found "
              + excerpt(n)
              + ": targets nest priority, then channel ('*' for every channel), then metric, as in"
              + " {\"normal\": {\"*\": {\"first_response\": \"PT4H\"}}} ("
              + path
              + ")");
    }
    return n;
  }

  private static void requireStage(SlaMetric metric, Set<String> defined, String path) {
    if (metric.kind() == SlaMetric.Kind.STAGE && !defined.contains(metric.toString())) {
      throw new IllegalArgumentException(
          "stage '" + excerpt(metric.stage()) + "' is not declared in stages (" + path + ")");
    }
    if (metric.kind() == SlaMetric.Kind.CUSTOM && !defined.contains(metric.toString())) {
      throw new IllegalArgumentException(
          "metric '"
              + excerpt(metric.name())
              + "' is not defined in metricDefinitions ("
              + path
              + ")");
    }
  }

  private static ReopenRule reopen(JsonNode n, String path) {
    return choice(n, path, ReopenRule.class, "reopen rule");
  }

  /**
   * An enum constant named by a JSON string, in any ASCII letter case; an unknown name is rejected
   * with the constants expected and the path.
   */
  private static <E extends Enum<E>> E choice(JsonNode n, String path, Class<E> type, String what) {
    String t = text(n, path);
    try {
      return Enum.valueOf(type, JsonInput.asciiUpperCase(t)); // ASCII only: see there
    } catch (IllegalArgumentException e) {
      List<String> names = new java.util.ArrayList<>();
      for (E c : type.getEnumConstants()) {
        names.add(c.name());
      }
      String expected =
          String.join(", ", names.subList(0, names.size() - 1))
              + " or "
              + names.get(names.size() - 1);
      throw new IllegalArgumentException(
          "'" + excerpt(t) + "' is not a " + what + "; expected " + expected + " (" + path + ")",
          e);
    }
  }
}
