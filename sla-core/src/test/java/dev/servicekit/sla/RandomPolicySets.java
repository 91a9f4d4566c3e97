package dev.servicekit.sla;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random valid {@link SlaPolicySet}s for properties: several policies, conditions on attributes and
 * tags, matrices with and without default (cells added in random order), per-channel and fallback
 * targets, targets with a calendar of their own, every metric kind including stages and answer
 * time, pause statuses, tag and attribute pause conditions, warnings, escalations, per-metric
 * overrides of which replies count, stages and reopen rules, and half of the time default rules.
 * Collections are built through every public path (builder varargs, {@code Set.of}, ordered sets)
 * so that hash order shows up where the model allows it. Keys include JSON-hostile characters
 * (quotes, backslashes, non-ASCII, dots, stars, colons).
 */
final class RandomPolicySets {
  private RandomPolicySets() {}

  private static final String[] WORDS = {
    "new",
    "open",
    "pending",
    "on-hold",
    "solved",
    "closed",
    "analysis",
    "review",
    "gold",
    "silver",
    "email",
    "phone",
    "chat",
    "urgent",
    "high",
    "normal",
    "low",
    "team",
    "lead",
    "tier",
    "queue",
    "a.b",
    "x*y",
    "st:age",
    "q\"uote",
    "back\\slash",
    "ümlaut",
    "日本",
    "$ref",
    "[0]",
    "24/7",
    "é",
    "single space",
    "emoji\uD83D\uDE00",
    "{}"
  };

  /** A random valid policy set drawn from {@code rnd}. */
  static SlaPolicySet of(Random rnd) {
    List<String> statuses = keys(rnd, 2 + rnd.nextInt(7));
    SlaPolicySet.Builder b = SlaPolicySet.builder();
    if (rnd.nextBoolean()) {
      b.statuses(statuses);
    } else {
      b.statuses(statuses.toArray(String[]::new));
    }
    String initial = statuses.get(rnd.nextInt(statuses.size()));
    boolean explicitInitial = rnd.nextBoolean();
    if (explicitInitial) {
      b.initialStatus(initial);
    } else {
      initial = statuses.get(0);
    }
    List<String> solvable = new ArrayList<>(statuses);
    solvable.remove(initial);
    // At least one: a policy that measures resolution needs a solved status to stop it.
    List<String> solved = subset(rnd, solvable, 1, solvable.size());
    b.solvedStatuses(solved.toArray(String[]::new));
    if (!solved.isEmpty() && rnd.nextInt(3) == 0) {
      b.cancelledStatuses(subset(rnd, solved, 1, solved.size()).toArray(String[]::new));
    }

    List<String> stageNames = keys(rnd, rnd.nextInt(4));
    for (String name : stageNames) {
      List<String> ss = subset(rnd, statuses, 1, 3);
      if (rnd.nextBoolean()) {
        b.stage(StageDefinition.of(name, ss.toArray(String[]::new)));
      } else {
        b.stage(new StageDefinition(name, new LinkedHashSet<>(ss), pick(rnd, ReopenRule.values())));
      }
    }
    if (rnd.nextBoolean()) {
      b.resolutionReopen(pick(rnd, ReopenRule.values()));
    }
    if (rnd.nextBoolean()) {
      b.retargetRule(pick(rnd, RetargetRule.values()));
    }
    if (rnd.nextBoolean()) {
      b.internalNotesCount(rnd.nextBoolean());
    }
    if (rnd.nextBoolean()) {
      b.automatedRepliesCount(rnd.nextBoolean());
    }
    List<SlaMetric> metrics = new ArrayList<>();
    for (SlaMetric.Kind k : SlaMetric.Kind.values()) {
      if (k != SlaMetric.Kind.STAGE && k != SlaMetric.Kind.CUSTOM) {
        metrics.add(SlaMetric.parse(k.name().toLowerCase(java.util.Locale.ROOT)));
      }
    }
    stageNames.forEach(n -> metrics.add(SlaMetric.stage(n)));
    for (String name : keys(rnd, rnd.nextInt(3))) {
      b.metric(definition(rnd, name, statuses, solved));
      metrics.add(SlaMetric.custom(name));
    }

    List<String> names = keys(rnd, 1 + rnd.nextInt(5));
    for (int i = 0; i < names.size() - 1; i++) {
      b.policy(policy(rnd, names.get(i), statuses, metrics));
    }
    b.defaultPolicy(policy(rnd, names.get(names.size() - 1), statuses, metrics));
    // Drawn last, from a seed of their own, so the rest of a set does not depend on them.
    defaultRules(new Random(rnd.nextLong()), statuses, metrics).forEach(b::defaultRule);
    if (rnd.nextInt(4) == 0) { // drawn last: the draws above stay as they were
      b.periodicUpdateFromCreation(true);
    }
    if (rnd.nextInt(3) == 0) { // drawn after it, for the same reason
      b.firstResponseSolve(SolveRule.PAUSE);
    }
    if (rnd.nextInt(3) == 0) { // drawn after it, for the same reason
      b.stopRule(StopRule.BEFORE_UPDATE);
    }
    if (rnd.nextInt(3) == 0) { // drawn after it, for the same reason
      b.creationStopOverridesStart(true);
    }
    return b.build();
  }

  /**
   * No default rules half of the time, else default rules for a random subset of {@code metrics}
   * (declared in the set these are for), over {@code statuses}.
   */
  static List<MetricRule> defaultRules(Random rnd, List<String> statuses, List<SlaMetric> metrics) {
    List<MetricRule> out = new ArrayList<>();
    if (rnd.nextBoolean()) {
      for (SlaMetric m : subset(rnd, metrics, 1, 4)) {
        out.add(rule(rnd, m, statuses));
      }
    }
    return out;
  }

  /** The metrics a set may have rules for: the built-ins, its stages and its definitions. */
  static List<SlaMetric> metricsOf(SlaPolicySet set) {
    List<SlaMetric> out = new ArrayList<>();
    for (SlaMetric.Kind k : SlaMetric.Kind.values()) {
      if (k != SlaMetric.Kind.STAGE && k != SlaMetric.Kind.CUSTOM) {
        out.add(SlaMetric.parse(k.name().toLowerCase(java.util.Locale.ROOT)));
      }
    }
    set.stages().values().forEach(st -> out.add(st.metric()));
    set.metrics().keySet().forEach(n -> out.add(SlaMetric.custom(n)));
    return out;
  }

  private static SlaPolicy policy(
      Random rnd, String name, List<String> statuses, List<SlaMetric> metrics) {
    SlaPolicy.Builder p = SlaPolicy.builder(name).when(condition(rnd));
    PriorityMatrix matrix = matrix(rnd);
    p.matrix(matrix);
    List<String> channels = keys(rnd, rnd.nextInt(4));
    channels.remove(SlaPolicy.ANY_CHANNEL);
    if (!channels.isEmpty()) {
      p.channels(channels.toArray(String[]::new));
    }
    List<String> priorities = new ArrayList<>(matrix.priorities());
    Collections.shuffle(priorities, rnd);
    for (String priority : priorities) {
      List<String> cellChannels = new ArrayList<>();
      if (channels.isEmpty() || rnd.nextInt(3) == 0) {
        cellChannels.add(SlaPolicy.ANY_CHANNEL);
        // With a fallback cell, any channel may have its own cell, listed or not.
        cellChannels.addAll(subset(rnd, channels, 0, channels.size()));
        if (rnd.nextInt(4) == 0) {
          String extra = key(rnd);
          if (!cellChannels.contains(extra)) {
            cellChannels.add(extra);
          }
        }
      } else {
        cellChannels.addAll(channels);
        if (rnd.nextBoolean()) {
          cellChannels.add(SlaPolicy.ANY_CHANNEL);
        }
      }
      Collections.shuffle(cellChannels, rnd);
      for (String channel : cellChannels) {
        for (SlaMetric m : subset(rnd, metrics, 1, 4)) {
          if (rnd.nextInt(4) == 0) {
            // A calendar of its own: sometimes the rule's calendar after all (then not kept).
            String calendar = rnd.nextBoolean() ? MetricRule.ALWAYS : key(rnd);
            if (channel.equals(SlaPolicy.ANY_CHANNEL) && rnd.nextBoolean()) {
              p.target(priority, m, duration(rnd), calendar);
            } else {
              p.target(priority, channel, m, duration(rnd), calendar);
            }
          } else {
            p.target(priority, channel, m, duration(rnd));
          }
        }
      }
    }
    for (SlaMetric m : subset(rnd, metrics, 0, 4)) {
      p.rule(rule(rnd, m, statuses));
    }
    return p.build();
  }

  /** {@code cancel} without the triggers in {@code stop}: one trigger cannot do both (refused). */
  static MetricTrigger[] notIn(MetricTrigger[] cancel, MetricTrigger[] stop) {
    List<MetricTrigger> stops = List.of(stop);
    return java.util.Arrays.stream(cancel)
        .filter(t -> !stops.contains(t))
        .toArray(MetricTrigger[]::new);
  }

  /** A random metric definition over the set's statuses, every trigger kind and rule. */
  private static MetricDefinition definition(
      Random rnd, String name, List<String> statuses, List<String> solved) {
    MetricDefinition.Builder d = MetricDefinition.builder(name);
    d.startOn(triggers(rnd, statuses, solved, 1, 3));
    MetricTrigger[] stop = triggers(rnd, statuses, solved, 0, 3);
    MetricTrigger[] cancel = notIn(triggers(rnd, statuses, solved, 0, 2), stop);
    if (stop.length == 0 && cancel.length == 0) { // refused: its cycles could never end
      stop = new MetricTrigger[] {MetricTrigger.solved()};
    }
    d.stopOn(stop);
    d.cancelOn(cancel);
    d.armOn(triggers(rnd, statuses, solved, 0, 2));
    d.pauseIn(subset(rnd, statuses, 0, 2));
    MetricDefinition.Cycles cycles = pick(rnd, MetricDefinition.Cycles.values());
    d.cycles(cycles);
    MetricDefinition.WhenSolved whenSolved = pick(rnd, MetricDefinition.WhenSolved.values());
    if (cycles == MetricDefinition.Cycles.PER_CALL
        && whenSolved == MetricDefinition.WhenSolved.DEFER) {
      whenSolved = MetricDefinition.WhenSolved.SKIP; // rejected: a reopen cannot start a call
    }
    d.whenSolved(whenSolved);
    if (rnd.nextInt(3) == 0) {
      d.pauseWhileTag(keys(rnd, 1 + rnd.nextInt(2)).toArray(String[]::new));
    }
    if (rnd.nextInt(3) == 0) {
      d.pauseWhileAttribute(key(rnd), keys(rnd, 1 + rnd.nextInt(3)).toArray(String[]::new));
    }
    if (rnd.nextInt(3) == 0) {
      d.pauseWhile(conditions(rnd, statuses));
    }
    MetricDefinition def = d.build();
    MetricTrigger more = MetricTrigger.tagAdded(key(rnd));
    def =
        rnd.nextInt(4) == 0 && !def.cancel().contains(more) && !def.stop().contains(more)
            ? def.withCancelOn(more)
            : def;
    int own = rnd.nextInt(3); // drawn last: its own stop rule, or the set's
    return own == 0 ? def : def.withStopRule(StopRule.values()[own - 1]);
  }

  /** One or two pause conditions, each of one to three parts of every kind. */
  static PauseCondition[] conditions(Random rnd, List<String> statuses) {
    PauseCondition[] out = new PauseCondition[1 + rnd.nextInt(2)];
    for (int i = 0; i < out.length; i++) {
      List<PauseCondition.Part> parts = new ArrayList<>();
      for (int j = 1 + rnd.nextInt(3); j > 0; j--) {
        PauseCondition.Kind kind = pick(rnd, PauseCondition.Kind.values());
        parts.add(
            switch (kind) {
              case STATUS ->
                  new PauseCondition.Part(
                      kind, "", new LinkedHashSet<>(subset(rnd, statuses, 1, 2)));
              case TAG ->
                  new PauseCondition.Part(kind, "", Set.copyOf(keys(rnd, 1 + rnd.nextInt(2))));
              case ATTRIBUTE ->
                  new PauseCondition.Part(
                      kind, key(rnd), new LinkedHashSet<>(keys(rnd, 1 + rnd.nextInt(2))));
              case ATTRIBUTE_ABSENT -> new PauseCondition.Part(kind, key(rnd), Set.of());
            });
        if (parts.size() > 1
            && parts.subList(0, parts.size() - 1).contains(parts.get(parts.size() - 1))) {
          parts.remove(parts.size() - 1); // a part listed twice is refused
        }
      }
      out[i] = rnd.nextBoolean() ? PauseCondition.of(parts) : PauseCondition.allOf(split(parts));
    }
    return new LinkedHashSet<>(List.of(out)).toArray(PauseCondition[]::new); // each once
  }

  private static PauseCondition[] split(List<PauseCondition.Part> parts) {
    PauseCondition[] out = new PauseCondition[parts.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = PauseCondition.of(List.of(parts.get(i)));
    }
    return out;
  }

  private static MetricTrigger[] triggers(
      Random rnd, List<String> statuses, List<String> solved, int min, int max) {
    int n = min + rnd.nextInt(max - min + 1);
    Set<MetricTrigger> out = new LinkedHashSet<>(); // a trigger listed twice is refused
    for (int i = 0; i < n; i++) {
      MetricTrigger.On on = pick(rnd, MetricTrigger.On.values());
      out.add(
          switch (on) {
            case STATUS_ENTERED, STATUS_LEFT ->
                new MetricTrigger(on, "", new LinkedHashSet<>(subset(rnd, statuses, 1, 3)));
            case TAG_ADDED, TAG_REMOVED ->
                new MetricTrigger(on, "", Set.copyOf(keys(rnd, 1 + rnd.nextInt(2))));
            case ATTRIBUTE_ENTERED, ATTRIBUTE_LEFT ->
                new MetricTrigger(on, key(rnd), new LinkedHashSet<>(keys(rnd, 1 + rnd.nextInt(2))));
            case SOLVED, REOPENED -> // solvedInto and reopenedFrom list solved statuses
                rnd.nextBoolean()
                    ? MetricTrigger.of(on)
                    : new MetricTrigger(on, "", new LinkedHashSet<>(subset(rnd, solved, 1, 2)));
            default -> MetricTrigger.of(on);
          });
    }
    return out.toArray(MetricTrigger[]::new);
  }

  private static MetricRule rule(Random rnd, SlaMetric metric, List<String> statuses) {
    MetricRule.Builder r = MetricRule.builder(metric);
    if (rnd.nextInt(3) > 0) {
      r.calendar(rnd.nextBoolean() ? MetricRule.ALWAYS : key(rnd));
    }
    List<String> pause = subset(rnd, statuses, 0, 3);
    if (rnd.nextBoolean()) {
      r.pauseOn(pause.toArray(String[]::new));
    } else {
      r.pauseOn(pause);
    }
    int percent = 0;
    for (int i = rnd.nextInt(4); i > 0 && percent < 100; i--) {
      percent += 1 + rnd.nextInt(100 - percent);
      r.warnAt(percent);
    }
    int level = 0;
    percent = 0;
    for (int i = rnd.nextInt(4); i > 0 && percent < 1000; i--) {
      level += 1 + rnd.nextInt(3);
      percent += 1 + rnd.nextInt(Math.min(400, 1000 - percent));
      r.escalate(EscalationLevel.of(level, percent, key(rnd)));
    }
    if (MetricRule.isReplyDriven(metric) || metric.kind() == SlaMetric.Kind.CUSTOM) {
      if (rnd.nextBoolean()) {
        r.internalNotesCount(rnd.nextBoolean());
      }
      if (rnd.nextBoolean()) {
        r.automatedRepliesCount(rnd.nextBoolean());
      }
    }
    if (rnd.nextInt(4) == 0) {
      r.pauseWhileTag(keys(rnd, 1 + rnd.nextInt(2)).toArray(String[]::new));
    }
    if (rnd.nextInt(4) == 0) {
      r.pauseWhileAttribute(key(rnd), keys(rnd, 1 + rnd.nextInt(3)).toArray(String[]::new));
    }
    if (rnd.nextInt(4) == 0) {
      r.pauseWhile(conditions(rnd, statuses));
    }
    return r.build();
  }

  private static MatchCondition condition(Random rnd) {
    switch (rnd.nextInt(4)) {
      case 0:
        return MatchCondition.always();
      case 1:
        {
          MatchCondition c = MatchCondition.always();
          for (String a : keys(rnd, 1 + rnd.nextInt(3))) {
            c = c.withAttribute(a, keys(rnd, 1 + rnd.nextInt(3)));
          }
          List<String> tags = keys(rnd, rnd.nextInt(3));
          return c.withTags(tags.toArray(String[]::new));
        }
      default:
        {
          Map<String, Set<String>> attrs = new LinkedHashMap<>();
          for (String a : keys(rnd, rnd.nextInt(3))) {
            attrs.put(a, Set.copyOf(keys(rnd, 1 + rnd.nextInt(3))));
          }
          return new MatchCondition(
              rnd.nextBoolean() ? Map.copyOf(attrs) : attrs, Set.copyOf(keys(rnd, rnd.nextInt(4))));
        }
    }
  }

  /** A constant, full or sparse matrix; cells are added in random order. */
  static PriorityMatrix matrix(Random rnd) {
    List<String> priorities = keys(rnd, 1 + rnd.nextInt(3));
    PriorityMatrix.Builder m = PriorityMatrix.builder();
    int kind = rnd.nextInt(3);
    if (kind == 0) {
      return m.defaultPriority(pick(rnd, priorities)).build();
    }
    // Sparse matrices get more rows and columns: only with three tiers or more can listing the
    // cells row by row reorder the tiers.
    int size = kind == 1 ? 4 : 6;
    List<String> severities = keys(rnd, 1 + rnd.nextInt(size));
    List<String> tiers = keys(rnd, 1 + rnd.nextInt(size));
    List<String[]> cells = new ArrayList<>();
    for (String s : severities) {
      for (String t : tiers) {
        if (kind == 1 || rnd.nextInt(3) == 0) {
          cells.add(new String[] {s, t});
        }
      }
    }
    Collections.shuffle(cells, rnd);
    for (String[] c : cells) {
      m.cell(c[0], c[1], pick(rnd, priorities));
    }
    if (kind == 2 || rnd.nextInt(4) == 0) {
      m.defaultPriority(pick(rnd, priorities));
    }
    return m.build();
  }

  private static Duration duration(Random rnd) {
    switch (rnd.nextInt(5)) {
      case 0:
        return Duration.ofSeconds(1 + rnd.nextInt(59));
      case 1:
        return Duration.ofMinutes(1 + rnd.nextInt(10_000));
      case 2:
        return Duration.ofHours(1 + rnd.nextInt(2_000));
      case 3:
        return Duration.ofSeconds(rnd.nextInt(1_000_000), 1 + rnd.nextInt(999_999_999));
      default:
        // the largest targets a policy accepts
        return SlaPolicy.MAX_TARGET.minusSeconds(rnd.nextInt(1000)).minusNanos(rnd.nextInt(2));
    }
  }

  /** {@code n} distinct keys in random order. */
  static List<String> keys(Random rnd, int n) {
    Set<String> out = new LinkedHashSet<>();
    while (out.size() < n) {
      out.add(key(rnd));
    }
    return new ArrayList<>(out);
  }

  /** A key: a word, a word with a numeric suffix, or a random 1 to 64 character string. */
  static String key(Random rnd) {
    switch (rnd.nextInt(6)) {
      case 0:
        return pick(rnd, WORDS) + "-" + rnd.nextInt(100);
      case 1:
        {
          StringBuilder s = new StringBuilder();
          int len = rnd.nextBoolean() ? 64 : 1 + rnd.nextInt(8);
          while (s.length() < len) {
            char c = (char) (0x21 + rnd.nextInt(0x17f - 0x21));
            if (!Character.isWhitespace(c)
                && !Character.isSpaceChar(c)
                && !Character.isISOControl(c)) {
              s.append(c);
            }
          }
          return s.toString();
        }
      default:
        return pick(rnd, WORDS);
    }
  }

  /** A random subset of {@code from}, {@code min} to {@code max} elements, in random order. */
  private static <T> List<T> subset(Random rnd, List<T> from, int min, int max) {
    List<T> copy = new ArrayList<>(from);
    Collections.shuffle(copy, rnd);
    int hi = Math.min(max, copy.size());
    int lo = Math.min(min, hi);
    return new ArrayList<>(copy.subList(0, lo + rnd.nextInt(hi - lo + 1)));
  }

  private static <T> T pick(Random rnd, List<T> from) {
    return from.get(rnd.nextInt(from.size()));
  }

  @SafeVarargs
  private static <T> T pick(Random rnd, T... from) {
    return from[rnd.nextInt(from.length)];
  }
}
