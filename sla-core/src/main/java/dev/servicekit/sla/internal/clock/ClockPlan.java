package dev.servicekit.sla.internal.clock;

import dev.servicekit.sla.DueDateRule;
import dev.servicekit.sla.EscalationLevel;
import dev.servicekit.sla.MetricDefinition;
import dev.servicekit.sla.MetricRule;
import dev.servicekit.sla.MetricTrigger;
import dev.servicekit.sla.PauseCondition;
import dev.servicekit.sla.SlaMetric;
import dev.servicekit.sla.SlaPolicy;
import dev.servicekit.sla.SlaPolicySet;
import dev.servicekit.sla.SolveRule;
import dev.servicekit.sla.StageDefinition;
import dev.servicekit.sla.StopRule;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.internal.Excerpt;
import dev.servicekit.sla.internal.Timeline;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A policy set compiled against a calendar map, shared by every ticket clock of that pair: status
 * names interned as ints, solved flags, and per targeting (policy, priority, channel) the target,
 * rule, calendar and pause table of every metric, so that the per-event and per-cycle work is array
 * indexing instead of map lookups. Immutable apart from a bounded, concurrent targeting cache;
 * thread-safe.
 */
public final class ClockPlan {

  /** Beyond this many distinct targetings (priorities/channels come from events), stop caching. */
  private static final int MAX_CACHED = 1024;

  private static final int KINDS = SlaMetric.Kind.values().length;

  private final SlaPolicySet set;
  private final Map<String, BusinessTime> calendars;
  private final Map<String, Integer> statusIds = new HashMap<>();
  private final String[] statusNames;
  private final boolean[] solved;
  private final boolean[] cancelled;
  // SolveRule.PAUSE: first reply's own pause statuses (the solved ones), else null.
  private final boolean[] firstReplyPause;
  private final int initialStatus;
  private final StageDefinition[] stages;
  private final MetricDefinition[] defs; // the set's metric definitions, in declaration order
  private final Map<SlaMetric, Integer> defIndex = new HashMap<>();
  // Per definition, per trigger list (start, stop, cancel, arm): the kinds of its triggers, as bits
  // of their MetricTrigger.On ordinals.
  private final long[] triggerMasks;
  // Per definition: whether its stops and cancels are judged before the update (its own StopRule,
  // else the set's).
  private final boolean[] defStopsFirst;
  private final boolean[][] defPause; // per definition, by status id: its own pause statuses
  private final ConcurrentHashMap<Key, Targeting> targetings = new ConcurrentHashMap<>();

  // Policy selection compiled to arrays. Only the attributes some condition, the matrix or the
  // channel reads ("relevant") are tracked, each under an index into the engine's value array.
  private final Map<String, Integer> attributeIds = new HashMap<>();
  private final String[] attributeNames;
  private final SlaPolicy[] policies; // the set's ordered policies, without the default
  private final int[][] conditionKeys; // per policy: ids of the attributes its condition reads
  private final Set<?>[][] conditionValues; // per policy and key: the accepted values
  private final Set<?>[] conditionTags; // per policy: the tags its condition requires
  private final int severityId;
  private final int tierId;
  private final int channelId;
  // Set-wide keys, for the strict mode: the severities, tiers and channels some policy lists.
  private final Set<String> knownSeverities = new LinkedHashSet<>();
  private final Set<String> knownTiers = new LinkedHashSet<>();
  private final Set<String> knownChannels = new LinkedHashSet<>();
  // Attributes some rule takes its due date from (MetricRule.dueFrom), and their attribute ids.
  private final List<String> dueAttributes = new java.util.ArrayList<>();
  private final int[] dueIds;
  // Pause conditions over tags and attribute values (MetricDefinition.pauseTags/pauseAttributes,
  // pauseWhile, and the same in rules), one bit each: "tag g is on the ticket", "attribute k has
  // value v", or a PauseCondition (all of its parts). An engine keeps the timeline of the bits
  // whose tag and attribute parts hold; status parts are applied per status by holdAllow.
  private final List<PauseCondition> holdConds = new java.util.ArrayList<>(); // by bit
  private int[][] holdAttrIds; // by bit, by part: the attribute id (-1 for a tag or status part)
  private long[] holdAllow; // by status id: the bits whose status parts admit it; null if none
  private final long[] defHold; // per definition: the bits of its own pause conditions

  /** At most this many distinct tags and attribute values may pause metrics (one bit each). */
  public static final int MAX_HOLDS = 64;

  private ClockPlan(SlaPolicySet set, Map<String, BusinessTime> calendars) {
    this.set = set;
    this.calendars = calendars;
    intern(set.initialStatus());
    for (String s : set.statuses()) {
      intern(s);
    }
    for (String s : set.solvedStatuses()) {
      intern(s);
    }
    statusNames = new String[statusIds.size()];
    solved = new boolean[statusIds.size()];
    cancelled = new boolean[statusIds.size()];
    for (Map.Entry<String, Integer> e : statusIds.entrySet()) {
      statusNames[e.getValue()] = e.getKey();
      solved[e.getValue()] = set.solvedStatuses().contains(e.getKey());
      cancelled[e.getValue()] = set.cancelledStatuses().contains(e.getKey());
    }
    initialStatus = statusIds.get(set.initialStatus());
    firstReplyPause = set.firstResponseSolve() == SolveRule.PAUSE ? solved.clone() : null;
    stages = set.stages().values().toArray(new StageDefinition[0]);
    severityId = attributeId(set.rowAttribute());
    tierId = attributeId(set.columnAttribute());
    channelId = attributeId(SlaPolicySet.CHANNEL);
    defs = set.metrics().values().toArray(new MetricDefinition[0]);
    defPause = new boolean[defs.length][statusNames.length];
    triggerMasks = new long[4 * defs.length];
    defStopsFirst = new boolean[defs.length];
    for (int d = 0; d < defs.length; d++) {
      defStopsFirst[d] = defs[d].stopRule().orElse(set.stopRule()) == StopRule.BEFORE_UPDATE;
      for (int k = 0; k < 4; k++) {
        for (MetricTrigger tr : triggers(defs[d], k)) {
          triggerMasks[4 * d + k] |= 1L << tr.on().ordinal();
        }
      }
      defIndex.put(defs[d].metric(), d);
      for (int i = 0; i < statusNames.length; i++) {
        defPause[d][i] = defs[d].pauseStatuses().contains(statusNames[i]);
      }
      // Attributes a trigger reads are tracked like the ones a policy reads.
      for (List<MetricTrigger> l :
          List.of(defs[d].start(), defs[d].stop(), defs[d].cancel(), defs[d].arm())) {
        for (MetricTrigger t : l) {
          if (!t.attribute().isEmpty()) {
            attributeId(t.attribute());
          }
        }
      }
    }
    policies = set.policies().toArray(new SlaPolicy[0]);
    conditionKeys = new int[policies.length][];
    conditionValues = new Set<?>[policies.length][];
    conditionTags = new Set<?>[policies.length];
    for (int i = 0; i < policies.length; i++) {
      Map<String, Set<String>> attrs = policies[i].condition().attributes();
      conditionKeys[i] = new int[attrs.size()];
      conditionValues[i] = new Set<?>[attrs.size()];
      int j = 0;
      for (Map.Entry<String, Set<String>> e : attrs.entrySet()) {
        conditionKeys[i][j] = attributeId(e.getKey());
        conditionValues[i][j] = e.getValue();
        j++;
      }
      conditionTags[i] = policies[i].condition().tags();
    }
    for (int i = 0; i <= policies.length; i++) {
      SlaPolicy p = i < policies.length ? policies[i] : set.defaultPolicy();
      knownSeverities.addAll(p.matrix().rowValues());
      knownTiers.addAll(p.matrix().columnValues());
      knownChannels.addAll(p.channels());
      for (MetricRule r : p.rules().values()) {
        r.dueFrom().filter(a -> !dueAttributes.contains(a)).ifPresent(dueAttributes::add);
      }
    }
    dueIds = new int[dueAttributes.size()];
    for (int i = 0; i < dueIds.length; i++) {
      dueIds[i] = attributeId(dueAttributes.get(i));
    }
    defHold = new long[defs.length];
    for (int d = 0; d < defs.length; d++) {
      defHold[d] = holdBits(defs[d].pauseTags(), defs[d].pauseAttributes(), defs[d].pauseWhile());
    }
    for (int i = 0; i <= policies.length; i++) {
      SlaPolicy p = i < policies.length ? policies[i] : set.defaultPolicy();
      for (MetricRule r : p.rules().values()) {
        holdBits(r.pauseTags(), r.pauseAttributes(), r.pauseWhile());
      }
    }
    compileHolds();
    attributeNames = new String[attributeIds.size()];
    attributeIds.forEach((k, v) -> attributeNames[v] = k);
  }

  /** The bits of these pause conditions, allocating bits for new ones. */
  private long holdBits(
      Set<String> tags, Map<String, Set<String>> attrs, List<PauseCondition> conditions) {
    long m = 0;
    for (String g : tags) {
      m |= 1L << hold(PauseCondition.tag(g));
    }
    for (Map.Entry<String, Set<String>> e : attrs.entrySet()) {
      for (String v : e.getValue()) {
        m |= 1L << hold(PauseCondition.attribute(e.getKey(), v));
      }
    }
    for (PauseCondition c : conditions) {
      m |= 1L << hold(c);
    }
    return m;
  }

  private int hold(PauseCondition c) {
    int i = holdConds.indexOf(c);
    if (i >= 0) {
      return i;
    }
    if (holdConds.size() == MAX_HOLDS) { // SlaPolicySet rejects such a set; defensive
      throw new IllegalArgumentException(
          "the policy set pauses metrics on more than "
              + MAX_HOLDS
              + " distinct tags, attribute values and conditions (pauseWhileTags,"
              + " pauseWhileAttributes, pauseWhile): at "
              + Excerpt.of(c.toString()));
    }
    holdConds.add(c);
    return holdConds.size() - 1;
  }

  /** Compiles the pause conditions once all are known: attribute ids and the status masks. */
  private void compileHolds() {
    int n = holdConds.size();
    holdAttrIds = new int[n][];
    boolean anyStatus = false;
    for (int i = 0; i < n; i++) {
      List<PauseCondition.Part> parts = holdConds.get(i).parts();
      holdAttrIds[i] = new int[parts.size()];
      for (int j = 0; j < parts.size(); j++) {
        PauseCondition.Part p = parts.get(j);
        boolean attr =
            p.kind() == PauseCondition.Kind.ATTRIBUTE
                || p.kind() == PauseCondition.Kind.ATTRIBUTE_ABSENT;
        holdAttrIds[i][j] = attr ? attributeId(p.key()) : -1;
        anyStatus |= p.kind() == PauseCondition.Kind.STATUS;
      }
    }
    if (!anyStatus) {
      return;
    }
    holdAllow = new long[statusNames.length];
    for (int s = 0; s < statusNames.length; s++) {
      for (int i = 0; i < n; i++) {
        boolean admits = true;
        for (PauseCondition.Part p : holdConds.get(i).parts()) {
          if (p.kind() == PauseCondition.Kind.STATUS && !p.values().contains(statusNames[s])) {
            admits = false;
          }
        }
        if (admits) {
          holdAllow[s] |= 1L << i;
        }
      }
    }
  }

  /** The number of pause conditions over tags and attribute values (0: the engine tracks none). */
  int holdCount() {
    return holdConds.size();
  }

  /**
   * The pause conditions whose tag and attribute parts hold for a ticket with these relevant
   * attribute values and tags, as bits (their status parts are applied per status: {@link
   * Slot#held}). O(parts).
   */
  long holds(String[] values, Set<String> tags) {
    long m = 0;
    for (int i = 0; i < holdAttrIds.length; i++) {
      List<PauseCondition.Part> parts = holdConds.get(i).parts();
      boolean on = true;
      for (int j = 0; j < parts.size() && on; j++) {
        PauseCondition.Part p = parts.get(j);
        switch (p.kind()) {
          case TAG -> on = anyOf(p.values(), tags);
          case ATTRIBUTE -> {
            String v = values[holdAttrIds[i][j]];
            on = v != null && p.values().contains(v);
          }
          case ATTRIBUTE_ABSENT -> on = values[holdAttrIds[i][j]] == null;
          default -> on = true; // a status part: Slot.held
        }
      }
      if (on) {
        m |= 1L << i;
      }
    }
    return m;
  }

  private static boolean anyOf(Set<String> wanted, Set<String> tags) {
    if (wanted.size() == 1) {
      return tags.contains(wanted.iterator().next());
    }
    for (String g : wanted) {
      if (tags.contains(g)) {
        return true;
      }
    }
    return false;
  }

  /** The bits of a rule's pause conditions (all allocated when the plan was built). */
  private long holdBitsOf(MetricRule rule) {
    if (rule.pauseTags().isEmpty()
        && rule.pauseAttributes().isEmpty()
        && rule.pauseWhile().isEmpty()) {
      return 0;
    }
    long m = 0;
    for (String g : rule.pauseTags()) {
      m |= 1L << holdConds.indexOf(PauseCondition.tag(g));
    }
    for (Map.Entry<String, Set<String>> e : rule.pauseAttributes().entrySet()) {
      for (String v : e.getValue()) {
        m |= 1L << holdConds.indexOf(PauseCondition.attribute(e.getKey(), v));
      }
    }
    for (PauseCondition c : rule.pauseWhile()) {
      m |= 1L << holdConds.indexOf(c);
    }
    return m;
  }

  private int attributeId(String key) {
    Integer id = attributeIds.putIfAbsent(key, attributeIds.size());
    return id == null ? attributeIds.size() - 1 : id;
  }

  /** Returns the number of relevant attributes: the length of an engine's value array. */
  public int attributeCount() {
    return attributeNames.length;
  }

  /** Returns the name of relevant attribute {@code id}. */
  public String attributeName(int id) {
    return attributeNames[id];
  }

  /** Returns the id of a relevant attribute, -1 if no policy, matrix or channel reads it. O(1). */
  public int attributeIdOf(String key) {
    Integer id = attributeIds.get(key);
    return id == null ? -1 : id;
  }

  /**
   * The policy {@link SlaPolicySet#select} picks for a ticket whose relevant attribute values are
   * {@code values} (null = absent) and whose tags are {@code tags}: first match wins, else the
   * default. {@code O(policies x conditions)} array reads and set probes.
   */
  public SlaPolicy select(String[] values, Set<String> tags) {
    for (int i = 0; i < policies.length; i++) {
      if (matches(i, values, tags)) {
        return policies[i];
      }
    }
    return set.defaultPolicy();
  }

  private boolean matches(int policy, String[] values, Set<String> tags) {
    int[] keys = conditionKeys[policy];
    Set<?>[] accepted = conditionValues[policy];
    for (int j = 0; j < keys.length; j++) {
      String v = values[keys[j]];
      if (v == null || !accepted[j].contains(v)) {
        return false;
      }
    }
    Set<?> required = conditionTags[policy];
    return required.isEmpty() || tags.containsAll(required);
  }

  /** The matrix priority for the ticket's severity and tier under a policy, null if none. */
  public String matrixPriority(SlaPolicy policy, String[] values) {
    String severity = values[severityId];
    String tier = values[tierId];
    return policy
        .matrix()
        .priorityFor(severity == null ? "" : severity, tier == null ? "" : tier)
        .orElse(null);
  }

  /**
   * Why a ticket's targeting under {@code policy} falls back to a default, per field: a severity or
   * tier its matrix does not list (unless an explicit priority replaces the matrix), or a channel
   * it does not list. An absent value falls back too (the matrix default, or no priority; the
   * {@link SlaPolicy#ANY_CHANNEL} targets) and is reported alike, but only for a field the policy
   * reads: a severity or tier when its matrix lists that field and no explicit priority replaces
   * the matrix, a channel when it lists channels. A channel that falls back says whether the
   * priority's row has {@link SlaPolicy#ANY_CHANNEL} targets to fall back on, or has none, so that
   * the ticket's metrics go untargeted. A severity, tier or channel value that no policy of the set
   * lists (what {@code rejectUnknownKeys} rejects) is reported even where the policy in force does
   * not read that field, as a mistyped value ({@code Gold} for {@code gold}) would otherwise route
   * a ticket without a word (a severity or tier only while no explicit priority replaces the
   * matrices). An explicit priority ({@code PriorityChanged}) that the policy has no target for,
   * while it has targets for others, is reported too: the ticket's metrics go untargeted under it.
   * So is a metric of the policy that takes its deadline from a due date the ticket does not have.
   *
   * @param priority the priority in force (explicit or from the matrix), or null
   * @param explicitPriority the priority a {@code PriorityChanged} set, or null
   * @return null if nothing falls back, else the reasons for severity, tier, channel, priority and
   *     due date (in that order, null where that field does not fall back); each names the value
   *     and the policy, so two equal reasons are one continuing fallback
   */
  public String[] keyMiss(
      SlaPolicy policy, String[] values, String priority, String explicitPriority) {
    String[] miss = null;
    if (explicitPriority
        == null) { // an explicit priority replaces every matrix: nothing reads them
      dev.servicekit.sla.PriorityMatrix m = policy.matrix();
      String bad = unlisted(set.rowAttribute(), values[severityId], m.rowValues());
      String badTier = unlisted(set.columnAttribute(), values[tierId], m.columnValues());
      if (bad != null || badTier != null) {
        String then =
            " of the priority matrix of policy "
                + policy.name()
                + m.defaultPriority()
                    .map(d -> ": its default priority '" + d + "' applies")
                    .orElse(": no priority applies");
        miss = new String[MISS_FIELDS];
        miss[0] = bad == null ? null : bad + then;
        miss[1] = badTier == null ? null : badTier + then;
      }
      if (bad == null) {
        miss =
            unknownToAll(miss, 0, set.rowAttribute(), values[severityId], knownSeverities, policy);
      }
      if (badTier == null) {
        miss = unknownToAll(miss, 1, set.columnAttribute(), values[tierId], knownTiers, policy);
      }
    }
    Map<String, ? extends Map<String, ?>> table = policy.targetTable();
    String channel = unlisted(SlaPolicySet.CHANNEL, values[channelId], policy.channels());
    if (channel != null) {
      if (miss == null) {
        miss = new String[MISS_FIELDS];
      }
      Map<String, ?> row = priority == null ? null : table.get(priority);
      miss[2] =
          channel
              + " of policy "
              + policy.name()
              + (row != null && values[channelId] != null && row.containsKey(values[channelId])
                  // a cell of its own, which the lookup uses though channels does not list it
                  ? ": its own target cell applies"
                  : row != null && row.containsKey(SlaPolicy.ANY_CHANNEL)
                      ? ": its '" + SlaPolicy.ANY_CHANNEL + "' targets apply"
                      : ": it has no '"
                          + SlaPolicy.ANY_CHANNEL
                          + "' targets"
                          + (priority == null ? "" : " for priority " + Excerpt.of(priority))
                          + ", so the ticket's metrics go untargeted (built-in ones are not"
                          + " reported)");
    } else {
      miss = unknownToAll(miss, 2, SlaPolicySet.CHANNEL, values[channelId], knownChannels, policy);
    }
    if (explicitPriority != null && !table.isEmpty() && !table.containsKey(explicitPriority)) {
      if (miss == null) {
        miss = new String[MISS_FIELDS];
      }
      miss[3] =
          "priority "
              + Excerpt.of(explicitPriority)
              + " has no targets in policy "
              + policy.name()
              + ": its metrics go untargeted (built-in ones are not reported)";
    }
    String due = dueMiss(policy, values);
    if (due != null) {
      if (miss == null) {
        miss = new String[MISS_FIELDS];
      }
      miss[4] = due;
    }
    return miss;
  }

  /** The fields {@link #keyMiss} reports on: severity, tier, channel, priority, due date. */
  private static final int MISS_FIELDS = 5;

  /**
   * Why the metrics of {@code policy} that take their deadline from a due date ({@link
   * MetricRule#dueFrom()}) have none to take, or null if they all have one. An unreadable value
   * never reaches the attributes ({@link #dueProblem}), so it counts as none. O(rules).
   */
  private String dueMiss(SlaPolicy policy, String[] values) {
    if (dueIds.length == 0) {
      return null;
    }
    StringBuilder missing = null;
    for (MetricRule r : policy.rules().values()) {
      if (r.dueFrom().isEmpty()) {
        continue;
      }
      String a = r.dueFrom().get();
      if (values[dueIds[dueAttributes.indexOf(a)]] == null) {
        missing = missing == null ? new StringBuilder() : missing.append(", ");
        missing.append(r.metric().name()).append(" (attribute ").append(Excerpt.of(a)).append(')');
      }
    }
    if (missing == null) {
      return null;
    }
    return "the ticket has no due date for "
        + missing
        + " of policy "
        + policy.name()
        + (set.dueDateRule() == DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST
            ? ": it is due one second after its start (dueDateRule "
                + DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST
                + ")"
            : ": it goes untargeted (built-in metrics are not reported)");
  }

  /**
   * Notes in {@code miss[i]} that {@code value} is unknown to every policy of the set (which lists
   * {@code known}), where the policy in force does not read the field; returns {@code miss}
   * (allocated if it was null and a reason is noted).
   */
  private static String[] unknownToAll(
      String[] miss, int i, String field, String value, Set<String> known, SlaPolicy policy) {
    if (value == null || known.isEmpty() || known.contains(value)) {
      return miss;
    }
    String[] out = miss == null ? new String[MISS_FIELDS] : miss;
    out[i] =
        field
            + " "
            + Excerpt.of(value)
            + " is unknown to every policy of the set ("
            + field
            + " keys "
            + Excerpt.list(known)
            + "): policy "
            + policy.name()
            + " does not read it";
    return out;
  }

  private static String unlisted(String field, String value, List<String> listed) {
    if (listed.isEmpty() || (value != null && listed.contains(value))) {
      return null;
    }
    return field
        + (value == null ? " is absent, so" : " " + Excerpt.of(value) + " is")
        + " not among the "
        + field
        + " keys "
        + listed;
  }

  /**
   * In strict mode ({@link SlaPolicySet#rejectUnknownKeys()}), rejects an event that sets a key no
   * policy of the set lists; a no-op otherwise.
   *
   * @param e the event
   * @throws IllegalArgumentException naming the event, the field, the value and the known keys
   */
  public void requireKnownKeys(TicketEvent e) {
    if (!set.rejectUnknownKeys()) {
      return;
    }
    if (e instanceof TicketEvent.Created c) {
      for (Map.Entry<String, String> a : c.attributes().entrySet()) {
        requireDue(e, a.getKey(), a.getValue());
      }
      for (String field :
          new String[] {set.rowAttribute(), set.columnAttribute(), SlaPolicySet.CHANNEL}) {
        String v = c.attributes().get(field);
        if (v != null) {
          requireKnown(e, field, v);
        }
      }
    } else if (e instanceof TicketEvent.AttributeChanged a) {
      requireKnown(e, a.key(), a.value());
      requireDue(e, a.key(), a.value());
    } else if (e instanceof TicketEvent.PriorityChanged p
        && !set.priorities().contains(p.priority())) {
      throw unknown(e, "priority", p.priority(), set.priorities());
    }
  }

  private void requireDue(TicketEvent e, String key, String value) {
    String problem = dueProblem(key, value);
    if (problem != null) {
      throw new IllegalArgumentException(
          "event " + Excerpt.of(e.id()) + " " + problem + " (rejectUnknownKeys)");
    }
  }

  private void requireKnown(TicketEvent e, String field, String value) {
    Set<String> known;
    if (field.equals(set.rowAttribute())) {
      known = knownSeverities;
    } else if (field.equals(set.columnAttribute())) {
      known = knownTiers;
    } else if (field.equals(SlaPolicySet.CHANNEL)) {
      known = knownChannels;
    } else {
      known = Set.of();
    }
    if (!known.isEmpty() && !known.contains(value)) {
      throw unknown(e, field, value, known);
    }
  }

  private static IllegalArgumentException unknown(
      TicketEvent e, String field, String value, Set<String> known) {
    return new IllegalArgumentException(
        "event "
            + Excerpt.of(e.id())
            + " "
            + field
            + " "
            + Excerpt.of(value)
            + " is unknown to every policy of the set (rejectUnknownKeys): expected one of "
            + Excerpt.list(known));
  }

  /**
   * The due dates the ticket's attributes hold, one per attribute some rule takes its due date from
   * (null where absent), or null if no rule of the set does. Values were checked when they were set
   * ({@link #dueProblem}).
   */
  Instant[] dues(String[] values) {
    if (dueIds.length == 0) {
      return null;
    }
    Instant[] out = new Instant[dueIds.length];
    for (int i = 0; i < out.length; i++) {
      String v = values[dueIds[i]];
      out[i] = v == null ? null : parseDue(v);
    }
    return out;
  }

  /** Whether some rule of the set takes its due date from an attribute. */
  boolean hasDueDates() {
    return dueIds.length > 0;
  }

  /**
   * Why {@code value} cannot be the due date in attribute {@code key}, or null if it can or no rule
   * takes a due date from {@code key}. O(due attributes).
   */
  public String dueProblem(String key, String value) {
    if (dueIds.length == 0 || !dueAttributes.contains(key) || parseDue(value) != null) {
      return null;
    }
    return "attribute "
        + Excerpt.of(key)
        + " value "
        + Excerpt.of(value)
        + " is not a due date: expected an ISO-8601 instant such as 2026-12-05T17:00:00Z between "
        + Timeline.MIN
        + " and "
        + Timeline.MAX;
  }

  /**
   * The instant {@code v} names (ISO-8601, Z or an offset), null if none in the supported range.
   */
  private static Instant parseDue(String v) {
    Instant t;
    try {
      t = java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(v, Instant::from);
    } catch (java.time.DateTimeException notAnInstant) {
      return null;
    }
    return Timeline.inRange(t.getEpochSecond()) ? t : null;
  }

  /** The ticket's channel, {@link SlaPolicy#ANY_CHANNEL} if it has none. */
  public String channel(String[] values) {
    String c = values[channelId];
    return c == null ? SlaPolicy.ANY_CHANNEL : c;
  }

  private void intern(String s) {
    statusIds.putIfAbsent(s, statusIds.size());
  }

  /**
   * Compiles a set against a calendar map, checking that every calendar key the set uses resolves.
   *
   * @param set the policy set
   * @param calendars calendar key -&gt; business time (an immutable map)
   * @return the plan
   * @throws IllegalArgumentException if a calendar key of the set is not mapped
   */
  public static ClockPlan of(SlaPolicySet set, Map<String, BusinessTime> calendars) {
    ClockEngine.checkCalendars(set, calendars.keySet());
    return new ClockPlan(set, calendars);
  }

  /** Returns the compiled set. */
  public SlaPolicySet set() {
    return set;
  }

  /** Returns the calendar map compiled against. */
  public Map<String, BusinessTime> calendars() {
    return calendars;
  }

  /** Returns the id of a status, or -1 if the set does not know it. O(1). */
  /**
   * Returns whether the set declares this status. O(1).
   *
   * @param status the status
   * @return whether it is declared
   */
  public boolean knowsStatus(String status) {
    return statusIds.containsKey(status);
  }

  int statusId(String status) {
    Integer id = statusIds.get(status);
    return id == null ? -1 : id;
  }

  String statusName(int id) {
    return statusNames[id];
  }

  boolean solved(int id) {
    return solved[id];
  }

  /**
   * Whether solving leaves a running first-reply cycle open, paused in the solved statuses ({@link
   * SolveRule#PAUSE}), instead of ending it.
   */
  boolean pausesFirstReply() {
    return firstReplyPause != null;
  }

  /** Whether status {@code id} ends a ticket without an outcome (a cancelled status). */
  boolean cancelled(int id) {
    return cancelled[id];
  }

  /** The set's stages in iteration order; callers must not modify the array. */
  StageDefinition[] stages() {
    return stages;
  }

  int initialStatus() {
    return initialStatus;
  }

  /** The set's metric definitions in declaration order; callers must not modify the array. */
  /**
   * The kinds of the triggers of definition {@code d}'s list {@code k} (0 start, 1 stop, 2 cancel,
   * 3 arm), as bits of their {@link MetricTrigger.On} ordinals.
   */
  long triggerMask(int d, int k) {
    return triggerMasks[4 * d + k];
  }

  /**
   * Whether definition {@code d}'s stops and cancels are judged by the targeting before the update
   * ({@link StopRule#BEFORE_UPDATE}, its own rule or else the set's).
   */
  boolean stopsFirst(int d) {
    return defStopsFirst[d];
  }

  /** A definition's trigger list {@code k}: 0 start, 1 stop, 2 cancel, 3 arm. */
  static List<MetricTrigger> triggers(MetricDefinition def, int k) {
    return k == 0 ? def.start() : k == 1 ? def.stop() : k == 2 ? def.cancel() : def.arm();
  }

  MetricDefinition[] definitions() {
    return defs;
  }

  /** The index of a custom metric's definition, -1 if the set does not define it. */
  int definitionIndex(SlaMetric metric) {
    Integer i = defIndex.get(metric);
    return i == null ? -1 : i;
  }

  /**
   * The targeting for a policy, priority (null = none), channel and due dates ({@link #dues});
   * cached while few, and never when it holds a due date (those are per ticket).
   */
  Targeting targeting(SlaPolicy policy, String priority, String channel, Instant[] dues) {
    if (dues != null) {
      for (Instant d : dues) {
        if (d != null) {
          return new Targeting(policy, priority, channel, dues);
        }
      }
      dues = null; // no due date: the same targeting as a set without due dates
    }
    Key k = new Key(policy, priority, channel);
    Targeting t = targetings.get(k);
    if (t == null) {
      t = new Targeting(policy, priority, channel, null);
      if (targetings.size() < MAX_CACHED) {
        Targeting raced = targetings.putIfAbsent(k, t);
        if (raced != null) {
          t = raced;
        }
      }
    }
    return t;
  }

  /** Cache key; policies by identity (the set owns them), priority may be null. */
  private record Key(SlaPolicy policy, String priority, String channel) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && k.policy == policy
          && java.util.Objects.equals(k.priority, priority)
          && k.channel.equals(channel);
    }

    @Override
    public int hashCode() {
      return (System.identityHashCode(policy) * 31 + java.util.Objects.hashCode(priority)) * 31
          + channel.hashCode();
    }
  }

  /** What a metric is measured with under one targeting; absent when it has no target. */
  static final class Slot {
    final Duration target; // null for a due-date slot: the target depends on the cycle's start
    final Instant due; // MetricRule.dueFrom: the due date, else null
    // DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST on a dueFrom rule: no due date, or one not after
    // the start, is a one-second target.
    final boolean dueFloor;
    final MetricRule rule; // null only if the policy targets a metric it has no rule for
    final BusinessTime calendar;
    final String calendarKey; // the key of `calendar`, for the audit trail
    final boolean[] pause; // by status id
    final boolean pauses; // whether any status pauses
    final long holdMask; // the tag and attribute pause conditions (ClockPlan#holds bits)
    final long[] holdAllow; // by status id, the bits whose status parts admit it; null: all
    final Duration[] warningAmounts; // the target's share at each of the rule's warnings
    final Duration[] escalationAmounts; // the target's share at each escalation level
    // Shared by every evaluation that reports them (an evaluation is immutable): the fixed target
    // and each escalation level, wrapped once.
    final Optional<Duration> targetOpt;
    final Optional<EscalationLevel>[] escalationOpts;

    /**
     * Whether a pause condition of this slot holds when the bits {@code hold} hold ({@link
     * ClockPlan#holds}) in status {@code status} (-1: unknown, no status part admits it).
     */
    boolean held(long hold, int status) {
      long m = hold & holdMask;
      if (m == 0 || holdAllow == null) {
        return m != 0;
      }
      return status >= 0 && (m & holdAllow[status]) != 0;
    }

    Slot(
        Duration target,
        Instant due,
        boolean dueFloor,
        MetricRule rule,
        BusinessTime calendar,
        String calendarKey,
        boolean[] pause,
        long holdMask,
        long[] holdAllow) {
      this.target = target; // null: untargeted (measured, never breached), unless `due` is set
      this.due = due;
      this.dueFloor = dueFloor;
      this.rule = rule;
      this.calendar = calendar;
      this.calendarKey = calendarKey;
      this.pause = pause;
      boolean any = false;
      for (boolean p : pause) {
        any |= p;
      }
      this.pauses = any;
      this.holdMask = holdMask;
      this.holdAllow = holdAllow;
      int w = rule == null || target == null ? 0 : rule.warnings().size();
      warningAmounts = new Duration[w];
      for (int i = 0; i < w; i++) {
        warningAmounts[i] = share(target, rule.warnings().get(i).percent());
      }
      int e = rule == null || target == null ? 0 : rule.escalations().size();
      escalationAmounts = new Duration[e];
      for (int i = 0; i < e; i++) {
        escalationAmounts[i] = share(target, rule.escalations().get(i).percent());
      }
      targetOpt = Optional.ofNullable(target);
      int levels = rule == null ? 0 : rule.escalations().size();
      @SuppressWarnings("unchecked")
      Optional<EscalationLevel>[] opts = new Optional[levels];
      for (int i = 0; i < levels; i++) {
        opts[i] = Optional.of(rule.escalations().get(i));
      }
      escalationOpts = opts;
    }

    /** {@code Optional.ofNullable(t)}, shared when {@code t} is this slot's fixed target. */
    Optional<Duration> targetOpt(Duration t) {
      return t == target ? targetOpt : Optional.ofNullable(t);
    }

    /** {@code Optional.ofNullable(level)}, shared when it is one of this slot's rule's levels. */
    Optional<EscalationLevel> escalationOpt(EscalationLevel level) {
      if (level == null) {
        return Optional.empty();
      }
      for (int i = 0; i < escalationOpts.length; i++) {
        if (escalationOpts[i].get() == level) {
          return escalationOpts[i];
        }
      }
      return Optional.of(level);
    }

    /** Whether the metric has a target here: a fixed one or a due date. */
    boolean targeted() {
      return target != null || dueDated();
    }

    /** Whether the target depends on the cycle's start: a due date, or the one-second floor. */
    boolean dueDated() {
      return due != null || dueFloor;
    }

    /**
     * The target of a cycle that started at {@code start}: the fixed target, or for a due-date slot
     * the business time from {@code start} to the due date; if that is not after the start (or
     * there is none under the floor), one second under the floor, else zero.
     */
    Duration target(Instant start) {
      if (!dueDated()) {
        return target;
      }
      if (due != null && due.isAfter(start)) {
        return calendar.between(start, due);
      }
      return dueFloor ? ONE_SECOND : Duration.ZERO;
    }

    /** The share of the target at warning {@code i}, for a cycle whose target is {@code t}. */
    Duration warningAmount(int i, Duration t) {
      return !dueDated() && t == target
          ? warningAmounts[i]
          : share(t, rule.warnings().get(i).percent());
    }

    /** The share of the target at escalation {@code i}, for a cycle whose target is {@code t}. */
    Duration escalationAmount(int i, Duration t) {
      return !dueDated() && t == target
          ? escalationAmounts[i]
          : share(t, rule.escalations().get(i).percent());
    }
  }

  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  /**
   * {@code target * percent / 100} rounded up to the nanosecond: the least elapsed time that is at
   * least that share, so that a threshold counts as reached exactly at its percentage (truncated, a
   * 50 % warning of 16 h + 1 ns was reached at 8 h, 0.5 ns short of half).
   */
  static Duration share(Duration target, int percent) {
    if (percent == 100) {
      return target;
    }
    // Fast exact path while nanos * percent (percent <= 1000) fits a long: targets under ~104
    // days; longer targets take exact BigInteger arithmetic.
    if (target.getSeconds() < 9_000_000L) {
      return Duration.ofNanos((target.toNanos() * percent + 99) / 100);
    }
    java.math.BigInteger n =
        java.math.BigInteger.valueOf(target.getSeconds())
            .multiply(java.math.BigInteger.valueOf(1_000_000_000L))
            .add(java.math.BigInteger.valueOf(target.getNano()))
            .multiply(java.math.BigInteger.valueOf(percent))
            .add(java.math.BigInteger.valueOf(99))
            .divide(java.math.BigInteger.valueOf(100));
    java.math.BigInteger[] sn = n.divideAndRemainder(java.math.BigInteger.valueOf(1_000_000_000L));
    return Duration.ofSeconds(sn[0].longValueExact(), sn[1].longValue());
  }

  /** The policy, priority and channel in force, with the resulting per-metric slots. */
  final class Targeting {
    final SlaPolicy policy;
    final String priority;
    final Optional<String> priorityOpt; // shared by every evaluation under this targeting
    final String channel;
    final Instant[] dues; // per due attribute of the plan, null if the ticket has no due date
    private final Slot[] byKind = new Slot[KINDS];
    private final Map<SlaMetric, Slot> byStage = new HashMap<>();
    private final Slot[] byDef = new Slot[defs.length]; // never null: custom metrics always count
    private final int[] defReplyCounts = new int[defs.length];
    // Per reply-driven metric kind: bit (isPublic ? 1 : 0) | (automated ? 2 : 0) is set iff a reply
    // of that shape counts for the metric (the rule's override, else the set-wide switch).
    private final int[] replyCounts = new int[KINDS];

    Targeting(SlaPolicy policy, String priority, String channel, Instant[] dues) {
      this.policy = policy;
      this.priority = priority;
      this.priorityOpt = Optional.ofNullable(priority);
      this.channel = channel;
      this.dues = dues;
      for (SlaMetric.Kind kind :
          new SlaMetric.Kind[] {
            SlaMetric.Kind.FIRST_RESPONSE,
            SlaMetric.Kind.NEXT_RESPONSE,
            SlaMetric.Kind.PERIODIC_UPDATE
          }) {
        replyCounts[kind.ordinal()] = replyMask(policy.rules().get(metricOf(kind)));
      }
      for (int d = 0; d < defs.length; d++) {
        defReplyCounts[d] = replyMask(policy.rules().get(defs[d].metric()));
      }
      Map<SlaMetric, Duration> targets =
          priority == null ? Map.of() : policy.targets(priority, channel);
      for (SlaMetric.Kind kind : SlaMetric.Kind.values()) {
        if (kind != SlaMetric.Kind.STAGE && kind != SlaMetric.Kind.CUSTOM) {
          byKind[kind.ordinal()] = slot(targets, metricOf(kind));
        }
      }
      for (StageDefinition st : set.stages().values()) {
        Slot s = slot(targets, st.metric());
        if (s != null) {
          byStage.put(st.metric(), s);
        }
      }
      for (int d = 0; d < defs.length; d++) {
        byDef[d] = defSlot(targets, d);
      }
    }

    private int replyMask(MetricRule rule) {
      boolean notes = set.internalNotesCount();
      boolean automated = set.automatedRepliesCount();
      if (rule != null) {
        notes = rule.internalNotesCount().orElse(notes);
        automated = rule.automatedRepliesCount().orElse(automated);
      }
      int mask = 0;
      for (int shape = 0; shape < 4; shape++) {
        boolean isPublic = (shape & 1) != 0;
        boolean isAutomated = (shape & 2) != 0;
        if ((isPublic || notes) && (!isAutomated || automated)) {
          mask |= 1 << shape;
        }
      }
      return mask;
    }

    /**
     * A custom metric's slot: its target if the table has one (else none: measured untargeted), its
     * rule (else 24/7 without warnings), paused in the definition's and the rule's statuses.
     */
    private Slot defSlot(Map<SlaMetric, Duration> targets, int d) {
      SlaMetric metric = defs[d].metric();
      MetricRule rule = policy.rules().get(metric);
      if (rule == null) {
        rule = MetricRule.of(metric);
      }
      if (rule.dueFrom().isPresent()) { // the due date replaces the table; none: untargeted
        return slot(null, due(rule), rule, rule.calendar(), defPause[d], defHold[d]);
      }
      Duration target = targets.get(metric);
      String key =
          target == null
              ? rule.calendar()
              : policy.calendarFor(priority, channel, metric).orElse(rule.calendar());
      return slot(target, null, rule, key, defPause[d], defHold[d]);
    }

    /** Whether an agent reply of this shape counts for custom metric {@code d}. O(1). */
    boolean replyCountsForDefinition(int d, boolean isPublic, boolean automated) {
      return (defReplyCounts[d] & (1 << ((isPublic ? 1 : 0) | (automated ? 2 : 0)))) != 0;
    }

    /** The slot of custom metric {@code d}, never null. */
    Slot definitionSlot(int d) {
      return byDef[d];
    }

    private Slot slot(Map<SlaMetric, Duration> targets, SlaMetric metric) {
      MetricRule rule = policy.rules().get(metric);
      // SolveRule.PAUSE: first reply also pauses in the solved statuses (null: no base pauses).
      boolean[] base = metric.kind() == SlaMetric.Kind.FIRST_RESPONSE ? firstReplyPause : null;
      if (rule != null && rule.dueFrom().isPresent()) {
        // The due date replaces the target table: no valid due date, no target (but the floor).
        Instant due = due(rule);
        return due == null && !floor(rule) ? null : slot(null, due, rule, rule.calendar(), base, 0);
      }
      Duration target = targets.get(metric);
      if (target == null) {
        return null;
      }
      if (rule == null) {
        return new Slot(
            target,
            null,
            false,
            null,
            BusinessTime.always(),
            MetricRule.ALWAYS,
            base == null ? new boolean[statusNames.length] : base.clone(),
            0,
            null);
      }
      // The target cell's own calendar if it has one, else the rule's (priority is non-null here).
      return slot(
          target,
          null,
          rule,
          policy.calendarFor(priority, channel, metric).orElse(rule.calendar()),
          base,
          0);
    }

    /** Whether {@code rule} takes its deadline from a due date under the one-second floor. */
    private boolean floor(MetricRule rule) {
      return rule.dueFrom().isPresent()
          && set.dueDateRule() == DueDateRule.ONE_SECOND_WHEN_MISSING_OR_PAST;
    }

    /** The ticket's valid due date for a rule that takes its deadline from one, or null. */
    private Instant due(MetricRule rule) {
      return dues == null ? null : dues[dueAttributes.indexOf(rule.dueFrom().get())];
    }

    /**
     * A slot on calendar {@code key} (24/7 if unmapped), pausing in the rule's statuses and, if
     * {@code basePause} is not null, also in those it marks; and while the rule's tag and attribute
     * conditions or those of {@code baseHold} hold.
     */
    private Slot slot(
        Duration target,
        Instant due,
        MetricRule rule,
        String key,
        boolean[] basePause,
        long baseHold) {
      BusinessTime cal = calendars.get(key);
      boolean[] pause = basePause == null ? new boolean[statusNames.length] : basePause.clone();
      Set<String> ps = rule.pauseStatuses();
      for (int i = 0; i < statusNames.length; i++) {
        pause[i] |= ps.contains(statusNames[i]);
      }
      return new Slot(
          target,
          due,
          floor(rule),
          rule,
          cal != null ? cal : BusinessTime.always(),
          key,
          pause,
          baseHold | holdBitsOf(rule),
          holdAllow);
    }

    /**
     * Whether an agent reply of this shape counts for a reply-driven metric kind under this
     * targeting: the policy's rule for the metric if it overrides the switch, else the set's. O(1).
     */
    boolean replyCounts(SlaMetric.Kind kind, boolean isPublic, boolean automated) {
      return (replyCounts[kind.ordinal()] & (1 << ((isPublic ? 1 : 0) | (automated ? 2 : 0)))) != 0;
    }

    /**
     * The slot of a metric, null if it has no target (a custom metric always has one, untargeted if
     * need be). O(1) (a map lookup for stages and custom metrics).
     */
    Slot slot(SlaMetric metric) {
      SlaMetric.Kind kind = metric.kind();
      if (kind == SlaMetric.Kind.CUSTOM) {
        return byDef[defIndex.get(metric)];
      }
      return kind == SlaMetric.Kind.STAGE ? byStage.get(metric) : byKind[kind.ordinal()];
    }
  }

  private static SlaMetric metricOf(SlaMetric.Kind kind) {
    switch (kind) {
      case FIRST_RESPONSE:
        return SlaMetric.firstResponse();
      case NEXT_RESPONSE:
        return SlaMetric.nextResponse();
      case PERIODIC_UPDATE:
        return SlaMetric.periodicUpdate();
      case RESOLUTION:
        return SlaMetric.resolution();
      case ANSWER_TIME:
        return SlaMetric.answerTime();
      default:
        throw new IllegalArgumentException("kind " + kind + " has no fixed metric");
    }
  }
}
