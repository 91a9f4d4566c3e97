package dev.servicekit.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

class SlaTransitionProperties {

  @Provide
  Arbitrary<SlaTransition> transitions() {
    Arbitrary<SlaMetric> metrics =
        Arbitraries.of(
            SlaMetric.firstResponse(),
            SlaMetric.nextResponse(),
            SlaMetric.resolution(),
            SlaMetric.answerTime(),
            SlaMetric.stage("analysis"));
    // ticket ids as TicketEvent's id rule allows them (fromJson checks it): printable, not blank
    Arbitrary<String> ticketIds =
        Arbitraries.strings()
            .withCharRange(' ', '\uD7FF')
            .ofMinLength(1)
            .ofMaxLength(20)
            .filter(
                s ->
                    s.chars()
                            .noneMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)
                        && !s.codePoints()
                            .allMatch(
                                c ->
                                    Character.isWhitespace(c)
                                        || Character.isSpaceChar(c)
                                        || Character.getType(c) == Character.FORMAT));
    return Combinators.combine(
            ticketIds,
            metrics,
            Arbitraries.integers().between(0, 1000),
            keys(),
            kindsAndStates(),
            Arbitraries.longs().between(0, 4_000_000_000L).map(Instant::ofEpochSecond),
            Arbitraries.integers().between(0, 100),
            escalations())
        .as(
            (id, m, c, k, ks, at, w, e) ->
                new SlaTransition(
                    id,
                    m,
                    c,
                    k,
                    ks.getKey(),
                    at,
                    ks.getKey() == SlaTransition.Kind.WARNING ? Math.max(1, w) : w,
                    // ESCALATED carries the level reached
                    ks.getKey() == SlaTransition.Kind.ESCALATED && e.isEmpty()
                        ? Optional.of(EscalationLevel.of(1, 100, "lead"))
                        : e,
                    ks.getValue()))
        .flatMap(t -> deadlines().map(d -> withDeadline(t, d)));
  }

  /** Deadlines or none, to the nanosecond. */
  private static Arbitrary<Optional<Instant>> deadlines() {
    return Combinators.combine(
            Arbitraries.longs().between(0, 4_000_000_000L),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond)
        .optional();
  }

  static SlaTransition withDeadline(SlaTransition t, Optional<Instant> deadline) {
    return new SlaTransition(
        t.ticketId(),
        t.metric(),
        t.cycle(),
        t.key(),
        t.kind(),
        t.at(),
        t.warningPercent(),
        t.escalation(),
        t.state(),
        deadline);
  }

  /** A kind and a state or none; a state kind says its own state (any other is refused). */
  private static Arbitrary<Map.Entry<SlaTransition.Kind, Optional<CycleState>>> kindsAndStates() {
    return Combinators.combine(
            Arbitraries.of(SlaTransition.Kind.class), Arbitraries.of(CycleState.class).optional())
        .as(
            (kind, st) ->
                Map.entry(
                    kind, st.isPresent() && saysState(kind) ? Optional.of(stateOf(kind)) : st));
  }

  /** Keys as fromJson reads them: empty, or any string of up to 10 chars that is a key. */
  private static Arbitrary<String> keys() {
    return Arbitraries.strings()
        .ofMaxLength(10)
        .filter(
            k -> {
              try {
                return k.isEmpty() || Keys.requireKey(k, "key") != null;
              } catch (IllegalArgumentException e) {
                return false;
              }
            });
  }

  private static Arbitrary<Optional<EscalationLevel>> escalations() {
    Arbitrary<EscalationLevel> levels =
        Combinators.combine(
                Arbitraries.integers().between(1, 9),
                Arbitraries.integers().between(1, 1000),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12))
            .as(EscalationLevel::of);
    return Arbitraries.oneOf(Arbitraries.just(Optional.empty()), levels.map(Optional::of));
  }

  @Property
  void jsonRoundTripsEveryTransition(@ForAll("transitions") SlaTransition t) {
    assertEquals(t, SlaTransition.fromJson(t.toJson()));
  }

  /**
   * Ticket ids of any chars, often near the rule's edges: controls, separators, blanks, lone
   * surrogates, pairs, lengths around {@link TicketEvent#MAX_ID_CHARS}.
   */
  @Provide
  Arbitrary<String> anyIds() {
    Arbitrary<Character> chars =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.chars().range('a', 'z')),
            net.jqwik.api.Tuple.of(
                3,
                Arbitraries.of(
                    ' ', '\t', '\n', '\r', '\u0000', '\u007f', '\u0085', '\u00a0', '\u200b',
                    '\u2028', '\u2029', '\ufeff', '\ud83d', '\ude00', '\u00e9')),
            net.jqwik.api.Tuple.of(1, Arbitraries.chars()));
    return Arbitraries.oneOf(
        chars.list().ofMaxSize(8).map(SlaTransitionProperties::text),
        Arbitraries.integers()
            .between(TicketEvent.MAX_ID_CHARS - 1, TicketEvent.MAX_ID_CHARS + 1)
            .map("x"::repeat));
  }

  private static String text(List<Character> cs) {
    StringBuilder b = new StringBuilder();
    cs.forEach(b::append);
    return b.toString();
  }

  /**
   * One rule for a ticket id whichever way a transition is made: the constructor refuses exactly
   * the ids a ticket event refuses, with the same message (an empty id aside, which the event names
   * in words), and reading the JSON refuses them with that message located at {@code $.ticketId}.
   */
  @Property(tries = 500)
  void aTransitionTakesExactlyTheTicketIdsATicketEventTakes(@ForAll("anyIds") String id) {
    String event = refusal(() -> new TicketEvent.CustomerMessage(id, "e", Instant.EPOCH));
    String made =
        refusal(
            () ->
                new SlaTransition(
                    id,
                    SlaMetric.firstResponse(),
                    0,
                    "",
                    SlaTransition.Kind.STARTED,
                    Instant.EPOCH,
                    0));
    if (id.isEmpty()) {
      assertEquals("ticketId must not be empty", event);
      assertEquals("ticketId '' must have between 1 and 256 characters", made);
    } else {
      assertEquals(event, made, "the id rule of TicketEvent");
    }
    if (made == null) {
      return;
    }
    String json = OK.replace("\"ticketId\":\"T-1\"", "\"ticketId\":" + jsonString(id));
    String read = refusal(() -> SlaTransition.fromJson(json));
    assertEquals(made + " (at $.ticketId, line 1, column 19)", read);
  }

  /**
   * One rule for a key whichever way a transition is made: the constructor refuses exactly the
   * non-empty keys a call id refuses ({@link TicketEvent.CallOffered}), with the same message but
   * for the field's name, and reading the JSON refuses them with the constructor's message located
   * at {@code $.key}. The constructor took any key before.
   */
  @Property(tries = 500)
  void aTransitionTakesExactlyTheKeysACallIdTakes(@ForAll("anyKeys") String key) {
    String made =
        refusal(
            () ->
                new SlaTransition(
                    "T-1",
                    SlaMetric.answerTime(),
                    0,
                    key,
                    SlaTransition.Kind.STARTED,
                    Instant.EPOCH,
                    0));
    if (key.isEmpty()) {
      assertNull(made, "empty: no call");
    } else {
      String call = refusal(() -> new TicketEvent.CallOffered("T-1", "e", Instant.EPOCH, key));
      assertEquals(call == null ? null : call.replaceFirst("^callId ", "key "), made);
    }
    String json = OK.replace("\"key\":\"\"", "\"key\":" + jsonString(key));
    String read = refusal(() -> SlaTransition.fromJson(json));
    if (made == null) {
      assertNull(read);
    } else {
      assertTrue(read.startsWith(made + " (at $.key, line 1, column "), read);
    }
  }

  /**
   * Keys of any chars, often near the rule's edges: controls, spaces of every kind, separators,
   * lone surrogates, pairs, lengths around 64.
   */
  @Provide
  Arbitrary<String> anyKeys() {
    Arbitrary<Character> chars =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.chars().range('a', 'z')),
            net.jqwik.api.Tuple.of(
                3,
                Arbitraries.of(
                    ' ', '\t', '\n', '\r', '\u0000', '\u007f', '\u0085', '\u00a0', '\u200b',
                    '\u2028', '\u2029', '\ufeff', '\ud83d', '\ude00', '\u00e9')),
            net.jqwik.api.Tuple.of(1, Arbitraries.chars()));
    return Arbitraries.oneOf(
        chars.list().ofMaxSize(8).map(SlaTransitionProperties::text),
        Arbitraries.integers().between(63, 65).map("k"::repeat));
  }

  /** The message of the IllegalArgumentException {@code r} throws, null if it returns. */
  private static String refusal(Runnable r) {
    try {
      r.run();
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  /** A JSON string literal of {@code s}, every char outside printable ASCII as a \\u escape. */
  private static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
        b.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static final String OK =
      new SlaTransition(
              "T-1",
              SlaMetric.firstResponse(),
              0,
              "",
              SlaTransition.Kind.BREACHED,
              Instant.EPOCH,
              0)
          .toJson();

  private static String rejected(String json) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SlaTransition.fromJson(json));
    assertTrue(e.getMessage().length() < 400, e.getMessage());
    return e.getMessage();
  }

  @Example
  void badJsonNamesTheFieldItsLineAndColumnAndBoundsTheExcerpt() {
    String m = rejected(OK.replace("BREACHED", "X".repeat(500)));
    assertTrue(m.startsWith("kind 'XXX") && m.contains("(at $.kind, line 1, column "), m);
    m = rejected(OK.replace("\"cycle\":0", "\"cycle\":-1"));
    assertTrue(m.contains("cycle must be 0 or more, was -1 (at $.cycle, line 1, column "), m);
    m = rejected(OK.replace("\"warningPercent\":0", "\"warningPercent\":-5"));
    assertTrue(m.contains("warningPercent must be 0 or more, was -5 (at $.warningPercent"), m);
    // a review: the reader and the constructor took impossible transitions (any year, any percent,
    // a WARNING of no threshold), which no clock makes and the Kafka serde then passed on
    m = rejected(OK.replace("\"warningPercent\":0", "\"warningPercent\":2147483647"));
    assertTrue(m.contains("must be at most 100, was 2147483647 (at $.warningPercent"), m);
    m = rejected(OK.replace("BREACHED", "WARNING"));
    assertTrue(m.contains("must be 1 or more for kind WARNING, was 0 (at $.warningPercent"), m);
    m = rejected(OK.replace("1970-", "9999-"));
    assertTrue(m.contains("is outside the supported range [") && m.contains("(at $.at, line 1"), m);
    m = rejected(OK.replace("1970-", "+1000000000-"));
    assertTrue(m.contains("is outside the supported range [") && m.contains("(at $.at, line 1"), m);
    m = rejected(OK.replace("1970-", "1899-"));
    assertTrue(m.contains("is outside the supported range [") && m.contains("(at $.at, line 1"), m);
    m = rejected(OK.replace("\"v\":4", "\"v\":4,\"extra\":2"));
    assertTrue(
        m.contains("unknown field 'extra'") && m.contains("(at $.extra, line 1, column "), m);
    m = rejected(OK.replace("\"v\":4,", ""));
    assertTrue(m.contains("v is required (at $.v"), m);
    m = rejected(OK.replace("\"v\":4", "\"v\":5"));
    assertTrue(m.contains("v must be 1 to 4, was 5 (at $.v"), m);
    m = rejected(OK.replace("\"deadline\":null", "\"deadline\":\"tomorrow\""));
    assertTrue(
        m.contains("deadline 'tomorrow' is not an ISO-8601 instant (at $.deadline, line 1"), m);
    m = rejected(OK.replace("\"deadline\":null", "\"deadline\":7"));
    assertTrue(m.contains("expected a string or null but found NUMBER (at $.deadline"), m);
    m = rejected(OK.replace(",\"deadline\":null", ""));
    assertTrue(m.contains("deadline is required (null for none) (at $"), m);
    m = rejected(OK.replace("\"at\":\"", "\"at\":\"x"));
    assertTrue(m.contains("is not an ISO-8601 instant (at $.at, line 1, column "), m);
    m = rejected(OK.replace("\"ticketId\":\"T-1\"", "\"ticketId\":7"));
    assertTrue(m.contains("expected a string but found 7 (at $.ticketId"), m);
    m = rejected(OK.replace("first_response", "no_such_metric"));
    assertTrue(m.contains("(at $.metric, line 1, column "), m);
  }

  @Example
  void theConstructorRefusesAnInstantOutsideTheRangeAndAPercentNoThresholdHas() {
    assertTrue(
        refused(SlaTransition.Kind.BREACHED, BusinessCalendar.SUPPORTED_END, 0)
            .startsWith("at 2300-01-01T00:00:00Z is outside"));
    assertEquals(
        "warningPercent must be 1 or more for kind WARNING (the threshold reached), was 0",
        refused(SlaTransition.Kind.WARNING, Instant.EPOCH, 0));
    assertTrue(refused(SlaTransition.Kind.ACHIEVED, Instant.EPOCH, 101).contains("at most 100"));
    transition(SlaTransition.Kind.WARNING, BusinessCalendar.SUPPORTED_END.minusNanos(1), 100);
  }

  private static SlaTransition transition(SlaTransition.Kind kind, Instant at, int percent) {
    return new SlaTransition("T-1", SlaMetric.firstResponse(), 0, "", kind, at, percent);
  }

  private static String refused(SlaTransition.Kind kind, Instant at, int percent) {
    return assertThrows(IllegalArgumentException.class, () -> transition(kind, at, percent))
        .getMessage();
  }

  @Example
  void malformedJsonIsRejectedWithLineAndColumn() {
    String m = rejected("{\n  \"v\": 1,\n  \"ticketId\": ");
    assertTrue(m.startsWith("SLA transition is not valid JSON: ") && m.contains("line "), m);
    m = rejected("");
    assertTrue(m.contains("no JSON value"), m);
    m = rejected("[1]");
    assertTrue(m.contains("expected an object"), m);
  }

  @Example
  void duplicateKeysAndTrailingContentAreRejected() {
    String m = rejected(OK.replace("\"v\":4", "\"v\":4,\"v\":4"));
    assertTrue(m.contains("Duplicate field 'v'") && m.contains("line 1, column "), m);
    m = rejected(OK + " {}");
    assertTrue(m.contains("trailing content"), m);
    m = rejected(OK + "x");
    assertTrue(m.startsWith("SLA transition is not valid JSON: "), m);
  }

  @Example
  void hugeNumbersAndDeepNestingAreRefusedBeforeConversion() {
    String m = rejected(OK.replace("\"cycle\":0", "\"cycle\":1e999999999"));
    assertTrue(m.contains("cycle"), m);
    m = rejected(OK.replace("\"cycle\":0", "\"cycle\":" + "9".repeat(150)));
    assertTrue(m.startsWith("SLA transition is not valid JSON: "), m);
    m = rejected(OK.replace("\"key\":\"\"", "\"key\":" + "[".repeat(100) + "]".repeat(100)));
    assertTrue(m.startsWith("SLA transition is not valid JSON: "), m);
    m = rejected(OK.replace("\"cycle\":0", "\"cycle\":3000000000"));
    assertTrue(m.contains("expected an integer but found 3000000000 (at $.cycle"), m);
  }

  @Example
  void kindIntoCoversEveryCycleState() {
    assertEquals(
        List.of("RESUMED", "PAUSED", "ACHIEVED", "BREACHED", "CANCELLED"),
        java.util.Arrays.stream(CycleState.values())
            .map(s -> SlaTransition.Kind.into(s).name())
            .toList());
  }

  @Provide
  Arbitrary<SlaClockProperties.History> histories() {
    return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 40))
        .as(SlaClockProperties::history);
  }

  /**
   * Evaluations of one history after each event in time order, then two hours later; with {@code
   * timers}, also at each {@link SlaEvaluation#nextTransition()} before the next event, as an
   * engine's timer would (at most 20 in a row), so warnings and escalations are reached between
   * events.
   */
  private static List<SlaEvaluation> evaluations(SlaClockProperties.History h, boolean timers) {
    SlaClock clock = Fixtures.clock(h.set(), "T");
    List<TicketEvent> sorted = new ArrayList<>(h.events());
    sorted.sort(java.util.Comparator.comparing(TicketEvent::at));
    List<SlaEvaluation> out = new ArrayList<>();
    Instant end = h.last().plus(Duration.ofHours(2));
    for (int i = 0; i < sorted.size(); i++) {
      TicketEvent e = sorted.get(i);
      clock.accept(e);
      if (clock.events().stream().anyMatch(x -> x instanceof TicketEvent.Created)) {
        SlaEvaluation ev = clock.evaluate(e.at());
        out.add(ev);
        Instant next = i + 1 < sorted.size() ? sorted.get(i + 1).at() : end;
        for (int n = 0; timers && n < 20; n++) {
          Optional<Instant> due = ev.nextTransition();
          if (due.isEmpty() || !due.get().isBefore(next)) {
            break;
          }
          ev = clock.evaluate(due.get());
          out.add(ev);
        }
      }
    }
    out.add(clock.evaluate(end));
    return out;
  }

  private static List<SlaEvaluation> evaluations(SlaClockProperties.History h) {
    return evaluations(h, false);
  }

  @Property(tries = 200)
  void foldingTheTransitionsReproducesEveryCycleStateWarningAndEscalation(
      @ForAll("histories") SlaClockProperties.History h, @ForAll boolean timers) {
    List<SlaEvaluation> evs = evaluations(h, timers);
    // Oracle: the reported (state, warning, escalation level) per cycle, rebuilt from the
    // transitions alone.
    Map<String, int[]> folded = new HashMap<>();
    Map<String, Optional<Instant>> deadlines = new HashMap<>();
    boolean moved = false;
    SlaEvaluation prev = null;
    for (SlaEvaluation ev : evs) {
      List<SlaTransition> ts =
          prev == null ? SlaTransition.from(ev) : SlaTransition.between(prev, ev);
      for (SlaTransition t : ts) {
        assertEquals(ev.ticketId(), t.ticketId());
        assertEquals(ev.at(), t.at());
        String id = t.metric() + "#" + t.cycle();
        if (t.kind() != SlaTransition.Kind.STARTED) {
          assertNotEquals(null, folded.get(id), id + " was not started: " + t);
        }
        if (t.kind() == SlaTransition.Kind.DEADLINE_CHANGED) {
          moved = true;
          assertNotEquals(deadlines.get(id), t.deadline(), id + " moved nowhere: " + t);
          assertNotEquals(Optional.of(CycleState.PAUSED), t.state(), t.toString());
        }
        deadlines.put(id, t.deadline());
        switch (t.kind()) {
          case DEADLINE_CHANGED -> {
            assertEquals(Optional.of(CycleState.values()[folded.get(id)[0]]), t.state(), id);
          }
          case STARTED -> {
            assertNull(folded.put(id, new int[] {CycleState.ACTIVE.ordinal(), 0, 0}), id);
          }
          case WARNING -> {
            assertTrue(t.warningPercent() > folded.get(id)[1], id);
            folded.get(id)[1] = t.warningPercent();
          }
          case ESCALATED -> {
            int level = t.escalation().orElseThrow().level();
            assertTrue(level > folded.get(id)[2], id);
            folded.get(id)[2] = level;
          }
          default -> {
            CycleState to = stateOf(t.kind());
            assertTrue(to.ordinal() != folded.get(id)[0], id);
            folded.get(id)[0] = to.ordinal();
          }
        }
      }
      for (MetricCycle c : ev.cycles()) {
        int[] f = folded.get(c.metric() + "#" + c.cycle());
        assertEquals(c.state(), CycleState.values()[f[0]], c.toString());
        if (c.state() != CycleState.PAUSED) { // while paused it is "due if resumed now"
          assertEquals(c.deadline(), deadlines.get(c.id()), "deadline of " + c);
        }
        deadlines.put(c.id(), c.deadline());
        assertTrue(f[1] >= c.warningPercent(), c.toString()); // every rise was reported
        f[1] = c.warningPercent(); // a drop (re-target) is not a transition, but is remembered
        assertTrue(f[2] >= SlaTransition.level(c.escalation()), c.toString());
        f[2] = SlaTransition.level(c.escalation());
      }
      // A cycle that disappears is forgotten: it starts again if it comes back.
      folded
          .keySet()
          .retainAll(ev.cycles().stream().map(c -> c.metric() + "#" + c.cycle()).toList());
      prev = ev;
    }
    // the histories re-target (severity, tier, priority) often enough to move a deadline alone
    Statistics.label("a deadline moved alone").collect(moved);
    Statistics.label("a deadline moved alone")
        .coverage(check -> check.check(true).count(n -> n > 0));
  }

  @Property(tries = 100)
  void betweenEqualsThePerCycleStepsAndIsEmptyForAnUnchangedEvaluation(
      @ForAll("histories") SlaClockProperties.History h, @ForAll boolean timers) {
    List<SlaEvaluation> evs = evaluations(h, timers);
    for (int i = 1; i < evs.size(); i++) {
      SlaEvaluation a = evs.get(i - 1);
      SlaEvaluation b = evs.get(i);
      List<SlaTransition> steps = new ArrayList<>();
      for (MetricCycle c : b.cycles()) {
        a.cycles().stream()
            .filter(x -> x.metric().equals(c.metric()) && x.cycle() == c.cycle())
            .findFirst()
            .ifPresentOrElse(
                x ->
                    steps.addAll(
                        SlaTransition.changes(
                            b,
                            c,
                            x.state(),
                            x.warningPercent(),
                            SlaTransition.level(x.escalation()),
                            x.deadline())),
                () -> steps.addAll(SlaTransition.started(b, c)));
      }
      assertEquals(steps, SlaTransition.between(a, b));
      assertEquals(List.of(), SlaTransition.between(b, b));
    }
  }

  @Example
  void anUnansweredUrgentTicketWarnsThenBreachesItsFirstResponse() {
    // vip/urgent: first response 1 h on the 9-17 team calendar, warnings at 50, 75 and 90 %.
    SlaClock clock = Fixtures.clock(Fixtures.tiered(), "T");
    clock.accept(
        new Fixtures.Ticket("T").created(Fixtures.mon(9, 0), "tier", "gold", "severity", "s1"));
    SlaEvaluation a = clock.evaluate(Fixtures.mon(9, 0));
    SlaEvaluation b = clock.evaluate(Fixtures.mon(9, 40));
    SlaEvaluation c = clock.evaluate(Fixtures.mon(10, 1));
    assertEquals(List.of("STARTED/0"), firstResponse(SlaTransition.from(a)));
    assertEquals(List.of("WARNING/50"), firstResponse(SlaTransition.between(a, b)));
    // escalation level 1 at 100 % (10:00), the breach just after: one evaluation at 10:01
    assertEquals(
        List.of("WARNING/90", "ESCALATED/90", "BREACHED/90"),
        firstResponse(SlaTransition.between(b, c)));
    assertEquals(
        List.of("STARTED/90", "WARNING/90", "ESCALATED/90", "BREACHED/90"),
        firstResponse(SlaTransition.from(c)));
    assertEquals(c.at(), SlaTransition.between(b, c).get(0).at());
  }

  private static List<String> firstResponse(List<SlaTransition> ts) {
    return ts.stream()
        .filter(t -> t.metric().equals(SlaMetric.firstResponse()))
        .map(t -> t.kind() + "/" + t.warningPercent())
        .toList();
  }

  @Example
  void betweenRejectsTwoTicketsAndNegativeWarnings() {
    SlaClock clock = Fixtures.clock(Fixtures.tiered(), "T");
    clock.accept(
        new Fixtures.Ticket("T").created(Fixtures.mon(9, 0), "tier", "gold", "severity", "s1"));
    SlaEvaluation a = clock.evaluate(Fixtures.mon(9, 0));
    SlaClock other = Fixtures.clock(Fixtures.tiered(), "U");
    other.accept(
        new Fixtures.Ticket("U").created(Fixtures.mon(9, 0), "tier", "gold", "severity", "s1"));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SlaTransition.between(a, other.evaluate(Fixtures.mon(9, 0))));
    assertTrue(e.getMessage().contains("ticketId"), e.getMessage());
    MetricCycle c = a.cycles().get(0);
    assertThrows(
        IllegalArgumentException.class,
        () -> SlaTransition.changes(a, c, CycleState.ACTIVE, -1, 0, c.deadline()));
    assertThrows(
        IllegalArgumentException.class,
        () -> SlaTransition.changes(a, c, CycleState.ACTIVE, 0, -1, c.deadline()));
    assertEquals(
        List.of(), SlaTransition.changes(a, c, c.state(), c.warningPercent(), 0, c.deadline()));
  }

  /**
   * First response 4 h (24/7), escalations 100 % to duty-lead and 150 % to head; a ticket created
   * Monday 08:00 with no reply. Before ESCALATED, the timer at 14:00 (level 2) woke the engines and
   * they emitted nothing.
   */
  private static SlaClock escalatingClock() {
    SlaPolicySet set =
        Fixtures.single(
            Map.of(SlaMetric.firstResponse(), Fixtures.h(4)),
            MetricRule.builder(SlaMetric.firstResponse())
                .escalate(EscalationLevel.of(1, 100, "duty-lead"))
                .escalate(EscalationLevel.of(2, 150, "head"))
                .build());
    SlaClock clock = Fixtures.clock(set, "T");
    clock.accept(new Fixtures.Ticket("T").created(Fixtures.mon(8, 0)));
    return clock;
  }

  /** A restatement carries the cycle's state kind, warning and escalation at the evaluation. */
  @Example
  void aRestatedCycleIsItsCurrentFiguresAtTheEvaluation() {
    SlaClock clock = escalatingClock();
    SlaEvaluation ev = clock.evaluate(Fixtures.mon(15, 0));
    MetricCycle c = ev.cycles().get(0);
    SlaTransition t = SlaTransition.restated(ev, c);
    assertEquals(
        new SlaTransition(
            "T",
            SlaMetric.firstResponse(),
            c.cycle(),
            c.key(),
            SlaTransition.Kind.into(c.state()),
            Fixtures.mon(15, 0),
            c.warningPercent(),
            c.escalation(),
            Optional.of(c.state()),
            Optional.of(Fixtures.mon(12, 0))), // due at 12:00, kept after the breach
        t);
    assertEquals(SlaTransition.Kind.BREACHED, t.kind());
    assertEquals("head", t.escalation().orElseThrow().recipient());
    assertThrows(NullPointerException.class, () -> SlaTransition.restated(null, c));
    assertThrows(NullPointerException.class, () -> SlaTransition.restated(ev, null));
  }

  @Example
  void reachingAnEscalationLevelIsAnEscalatedTransitionAtItsInstantNamingTheRecipient() {
    SlaClock clock = escalatingClock();
    // walk the timers as an engine does: 12:00 level 1, 12:00 + 1 ns breach, 14:00 level 2
    List<String> walked = new ArrayList<>();
    SlaEvaluation prev = clock.evaluate(Fixtures.mon(8, 0));
    for (int i = 0; i < 3; i++) {
      SlaEvaluation ev = clock.evaluate(prev.nextTransition().orElseThrow());
      for (SlaTransition t : SlaTransition.between(prev, ev)) {
        walked.add(
            t.kind() + "@" + t.at() + t.escalation().map(e -> "/" + e.recipient()).orElse(""));
      }
      prev = ev;
    }
    assertEquals(
        List.of(
            "ESCALATED@2026-01-05T12:00:00Z/duty-lead",
            "BREACHED@2026-01-05T12:00:00.000000001Z/duty-lead",
            "ESCALATED@2026-01-05T14:00:00Z/head"),
        walked);
    SlaTransition head =
        SlaTransition.between(
                clock.evaluate(Fixtures.mon(13, 59)), clock.evaluate(Fixtures.mon(14, 0)))
            .get(0);
    assertEquals(
        new SlaTransition(
            "T",
            SlaMetric.firstResponse(),
            0,
            "",
            SlaTransition.Kind.ESCALATED,
            Fixtures.mon(14, 0),
            0,
            Optional.of(EscalationLevel.of(2, 150, "head")),
            Optional.of(CycleState.BREACHED), // breached at 12:00 + 1 ns
            Optional.of(Fixtures.mon(12, 0))), // the deadline it passed
        head);
    assertEquals(head, SlaTransition.fromJson(head.toJson()));
  }

  @Example
  void oneEvaluationPastSeveralThresholdsGivesOneEscalatedBeforeTheStateChange() {
    SlaClock clock = escalatingClock();
    SlaEvaluation late = clock.evaluate(Fixtures.mon(15, 0));
    assertEquals(
        List.of("STARTED/2", "ESCALATED/2", "BREACHED/2"),
        SlaTransition.from(late).stream()
            .map(t -> t.kind() + "/" + SlaTransition.level(t.escalation()))
            .toList());
    assertEquals(
        List.of("ESCALATED/2", "BREACHED/2"),
        SlaTransition.between(clock.evaluate(Fixtures.mon(8, 0)), late).stream()
            .map(t -> t.kind() + "/" + SlaTransition.level(t.escalation()))
            .toList());
    // level 1 already reported: level 2 is a transition, an unchanged level is none
    MetricCycle c = late.cycles().get(0);
    assertEquals(
        List.of(SlaTransition.Kind.ESCALATED),
        SlaTransition.changes(late, c, CycleState.BREACHED, 0, 1, c.deadline()).stream()
            .map(SlaTransition::kind)
            .toList());
    assertEquals(
        List.of(), SlaTransition.changes(late, c, CycleState.BREACHED, 0, 2, c.deadline()));
  }

  @Example
  void anEscalatedTransitionNeedsItsLevelAndTheJsonCarriesIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SlaTransition(
                    "T",
                    SlaMetric.firstResponse(),
                    0,
                    "",
                    SlaTransition.Kind.ESCALATED,
                    Instant.EPOCH,
                    0));
    assertEquals(
        "escalation must be present for kind ESCALATED (the level reached), was empty",
        e.getMessage());
    SlaTransition t =
        new SlaTransition(
            "T",
            SlaMetric.firstResponse(),
            0,
            "",
            SlaTransition.Kind.ESCALATED,
            Instant.EPOCH,
            75,
            Optional.of(EscalationLevel.of(2, 150, "head")));
    String json = t.toJson();
    assertEquals(
        "{\"v\":4,\"ticketId\":\"T\",\"metric\":\"first_response\",\"cycle\":0,\"key\":\"\","
            + "\"kind\":\"ESCALATED\",\"at\":\"1970-01-01T00:00:00Z\",\"warningPercent\":75,"
            + "\"escalation\":{\"level\":2,\"percent\":150,\"recipient\":\"head\"},"
            + "\"state\":null,\"deadline\":null}",
        json);
    assertEquals(t, SlaTransition.fromJson(json));
    assertTrue(OK.endsWith(",\"escalation\":null,\"state\":null,\"deadline\":null}"), OK);
    String m =
        rejected(json.replace("{\"level\":2,\"percent\":150,\"recipient\":\"head\"}", "null"));
    assertTrue(
        m.startsWith("escalation must be present for kind ESCALATED")
            && m.contains("(at $, line 1, column "),
        m);
    m = rejected(OK.replace(",\"escalation\":null", ""));
    assertTrue(m.contains("escalation is required (null for none) (at $.escalation"), m);
    // each refused component is located at itself, as a wrongly typed one is (it was at
    // $.escalation)
    m = rejected(json.replace("\"percent\":150", "\"percent\":1500"));
    assertTrue(
        m.contains(
            "escalation percent 1500 must be between 1 and 1000 (at $.escalation.percent, line 1"),
        m);
    m = rejected(json.replace("\"level\":2", "\"level\":0"));
    assertTrue(
        m.contains("escalation level 0 must be 1 or more (at $.escalation.level, line 1"), m);
    m = rejected(json.replace("\"recipient\":\"head\"", "\"recipient\":\" head\""));
    assertTrue(m.contains("(at $.escalation.recipient, line 1"), m);
    m = rejected(json.replace("\"recipient\":\"head\"", "\"recipient\":7"));
    assertTrue(m.contains("expected a string but found 7 (at $.escalation.recipient, line 1"), m);
    m = rejected(json.replace("\"level\":2,", "\"level\":2,\"x\":1,"));
    assertTrue(m.contains("unknown field 'x'") && m.contains("(at $.escalation.x, line 1"), m);
  }

  @Example
  void version1JsonOfEarlierBuildsStillReadsWithNoEscalation() {
    String v1 =
        "{\"v\":1,\"ticketId\":\"T-1\",\"metric\":\"first_response\",\"cycle\":0,\"key\":\"\","
            + "\"kind\":\"BREACHED\",\"at\":\"1970-01-01T00:00:00Z\",\"warningPercent\":0}";
    SlaTransition ok = SlaTransition.fromJson(OK);
    assertEquals(
        new SlaTransition(
            ok.ticketId(),
            ok.metric(),
            ok.cycle(),
            ok.key(),
            ok.kind(),
            ok.at(),
            ok.warningPercent(),
            ok.escalation(),
            Optional.of(CycleState.BREACHED)), // the state its kind says
        SlaTransition.fromJson(v1));
    String m = rejected(v1.replace("}", ",\"escalation\":null}"));
    assertTrue(m.contains("unknown field 'escalation'") && m.contains("(at $.escalation"), m);
    m = rejected(v1.replace("BREACHED", "ESCALATED"));
    assertTrue(m.startsWith("escalation must be present for kind ESCALATED"), m);
  }

  /** A cycle withdrawn by its id is the cycle's metric and index, cancelled, with nothing else. */
  @Property(tries = 300)
  void aCycleWithdrawnByItsIdIsThatCycleCancelled(
      @ForAll("metrics") SlaMetric metric,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = Integer.MAX_VALUE) int cycle) {
    Instant at = Instant.parse("2026-03-02T10:00:00Z");
    SlaTransition t = SlaTransition.withdrawn("T-1", metric + "#" + cycle, at);
    assertEquals(
        new SlaTransition(
            "T-1",
            metric,
            cycle,
            "",
            SlaTransition.Kind.CANCELLED,
            at,
            0,
            Optional.empty(),
            Optional.of(CycleState.CANCELLED)),
        t);
  }

  /**
   * Every transition carries its cycle's state at its instant, so the last transition of a cycle
   * tells its state, warning and escalation without a fold: a WARNING or ESCALATED included.
   */
  @Property(tries = 200)
  void everyTransitionCarriesItsCyclesStateAtItsInstant(
      @ForAll("histories") SlaClockProperties.History h, @ForAll boolean timers) {
    List<SlaEvaluation> evs = evaluations(h, timers);
    Map<String, SlaTransition> last = new HashMap<>();
    SlaEvaluation prev = null;
    for (SlaEvaluation ev : evs) {
      Map<String, MetricCycle> now = new HashMap<>();
      for (MetricCycle c : ev.cycles()) {
        now.put(c.id(), c);
      }
      java.util.Set<String> reportedNow = new java.util.HashSet<>();
      for (SlaTransition t :
          prev == null ? SlaTransition.from(ev) : SlaTransition.between(prev, ev)) {
        MetricCycle c = now.get(t.metric() + "#" + t.cycle());
        assertEquals(Optional.of(c.state()), t.state(), t + " of " + c);
        last.put(c.id(), t);
        reportedNow.add(c.id());
      }
      for (MetricCycle c : ev.cycles()) {
        SlaTransition t = last.get(c.id());
        assertEquals(Optional.of(c.state()), t.state(), c.toString());
        // Reported by this evaluation: its figures are the cycle's. (A drop of the warning alone,
        // by a re-target, is no transition: an earlier one, even of the same instant, keeps the
        // higher figure; corrections restate it, see SlaTransition.corrected.)
        if (reportedNow.contains(c.id())) {
          assertEquals(c.warningPercent(), t.warningPercent(), c.toString());
          assertEquals(c.escalation(), t.escalation(), c.toString());
        }
      }
      last.keySet().retainAll(now.keySet());
      prev = ev;
    }
  }

  @Example
  void aStateKindSaysItsStateAndTheJsonCarriesTheState() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new SlaTransition(
                    "T",
                    SlaMetric.firstResponse(),
                    0,
                    "",
                    SlaTransition.Kind.BREACHED,
                    Instant.EPOCH,
                    0,
                    Optional.empty(),
                    Optional.of(CycleState.ACTIVE)));
    assertEquals("state must be BREACHED for kind BREACHED, was ACTIVE", e.getMessage());
    SlaTransition warning =
        new SlaTransition(
            "T",
            SlaMetric.firstResponse(),
            0,
            "",
            SlaTransition.Kind.WARNING,
            Instant.EPOCH,
            50,
            Optional.empty(),
            Optional.of(CycleState.PAUSED));
    String json = warning.toJson();
    assertTrue(json.endsWith(",\"escalation\":null,\"state\":\"PAUSED\",\"deadline\":null}"), json);
    assertEquals(warning, SlaTransition.fromJson(json));
    String m = rejected(json.replace("PAUSED", "SLEEPING"));
    assertTrue(
        m.startsWith("state 'SLEEPING' must be one of [ACTIVE, PAUSED")
            && m.contains("(at $.state, line 1, column "),
        m);
    m = rejected(json.replace("\"PAUSED\"", "7"));
    assertTrue(m.contains("expected a string or null but found NUMBER (at $.state"), m);
    m = rejected(json.replace(",\"state\":\"PAUSED\"", ""));
    assertTrue(m.contains("state is required (null for none) (at $"), m);
    m = rejected(json.replace("WARNING", "ACHIEVED"));
    assertTrue(m.contains("state must be ACHIEVED for kind ACHIEVED, was PAUSED (at $.state"), m);
    // version 2 (no state) of earlier builds: a state kind's state, none for the others
    String v2 =
        json.replace("\"v\":4", "\"v\":2")
            .replace(",\"state\":\"PAUSED\"", "")
            .replace(",\"deadline\":null", "");
    assertEquals(Optional.empty(), SlaTransition.fromJson(v2).state());
    assertEquals(
        Optional.of(CycleState.ACTIVE),
        SlaTransition.fromJson(v2.replace("WARNING", "RESUMED")).state());
    m = rejected(json.replace("\"v\":4", "\"v\":2").replace(",\"deadline\":null", ""));
    assertTrue(m.contains("unknown field 'state'") && m.contains("(at $.state"), m);
    // version 3 (no deadline) of earlier builds: read without one, a deadline is unknown there
    String v3 = json.replace("\"v\":4", "\"v\":3").replace(",\"deadline\":null", "");
    assertEquals(warning, SlaTransition.fromJson(v3));
    m = rejected(json.replace("\"v\":4", "\"v\":3"));
    assertTrue(m.contains("unknown field 'deadline'") && m.contains("(at $.deadline"), m);
  }

  @Provide
  Arbitrary<SlaMetric> metrics() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            SlaMetric.firstResponse(),
            SlaMetric.nextResponse(),
            SlaMetric.periodicUpdate(),
            SlaMetric.resolution()),
        Arbitraries.strings()
            .alpha()
            .numeric()
            .withChars('#', '-', ':')
            .ofMinLength(1)
            .ofMaxLength(12)
            .map(SlaMetric::stage),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(SlaMetric::custom));
  }

  @Example
  void aWithdrawnCycleIdThatIsNoCycleIdIsRefusedNamingIt() {
    Instant at = Instant.parse("2026-03-02T10:00:00Z");
    for (String bad :
        List.of(
            "resolution",
            "#1",
            "resolution#",
            "resolution#01",
            "resolution#-1",
            "resolution#1a",
            "resolution#2147483648",
            "resolution#99999999999")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> SlaTransition.withdrawn("T", bad, at), bad);
      assertTrue(e.getMessage().startsWith("cycleId must be a metric, '#' and a cycle index"), bad);
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> SlaTransition.withdrawn("T", "resolutoin#1", at));
    assertTrue(
        e.getMessage().startsWith("cycleId 'resolutoin#1': metric 'resolutoin' is unknown"),
        e.getMessage());
    assertThrows(NullPointerException.class, () -> SlaTransition.withdrawn("T", (String) null, at));
  }

  /** Whether a kind reports a state ({@link SlaTransition.Kind#into} of one). */
  private static boolean saysState(SlaTransition.Kind k) {
    return k != SlaTransition.Kind.STARTED
        && k != SlaTransition.Kind.WARNING
        && k != SlaTransition.Kind.ESCALATED
        && k != SlaTransition.Kind.DEADLINE_CHANGED;
  }

  private static CycleState stateOf(SlaTransition.Kind k) {
    for (CycleState s : CycleState.values()) {
      if (SlaTransition.Kind.into(s) == k) {
        return s;
      }
    }
    throw new AssertionError(k);
  }
}
