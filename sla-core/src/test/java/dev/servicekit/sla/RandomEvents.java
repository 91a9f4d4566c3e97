package dev.servicekit.sla;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random events of every kind, with keys that need JSON escaping (quotes, backslashes, Unicode).
 */
final class RandomEvents {

  private RandomEvents() {}

  static Arbitrary<String> keys() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12),
        // whole characters: the emoji is a surrogate pair, never half of one
        Arbitraries.of("a", "b", "\"", "\\", "/", "é", "中", "😀", "{", "}", "[", "]", ",", ":")
            .list()
            .ofMinSize(1)
            .ofMaxSize(8)
            .map(l -> String.join("", l)));
  }

  static Arbitrary<Instant> instants() {
    return Combinators.combine(
            Arbitraries.longs().between(-2_000_000_000L, 8_000_000_000L),
            Arbitraries.integers().between(0, 999_999_999),
            Arbitraries.integers().between(0, 2))
        .as(
            (s, n, coarse) ->
                Instant.ofEpochSecond(
                    s, coarse == 0 ? n : coarse == 1 ? 0 : n / 1_000_000 * 1_000_000));
  }

  static Arbitrary<TicketEvent> events() {
    return events(keys());
  }

  static Arbitrary<TicketEvent> events(Arbitrary<String> ticketIds) {
    Arbitrary<String> k = keys();
    Arbitrary<Map<String, String>> attrs = Arbitraries.maps(k, k).ofMaxSize(4);
    Arbitrary<Set<String>> tags = k.set().ofMaxSize(4);
    Arbitrary<Boolean> b = Arbitraries.of(true, false);
    return Combinators.combine(ticketIds, k, instants(), Arbitraries.integers().between(0, 13))
        .flatAs(
            (t, id, at, kind) ->
                switch (kind) {
                  case 0 ->
                      Combinators.combine(attrs, tags, b, k.injectNull(0.5))
                          .as(
                              (a, tg, agent, status) ->
                                  TicketEvent.created(t, id, at, a, tg, agent, status));
                  case 1 -> Arbitraries.just(new TicketEvent.CustomerMessage(t, id, at));
                  case 2 ->
                      Combinators.combine(b, b)
                          .as((p, bot) -> TicketEvent.reply(t, id, at, p, bot));
                  case 3 -> k.map(s -> new TicketEvent.StatusChanged(t, id, at, s));
                  case 4 -> k.map(s -> new TicketEvent.PriorityChanged(t, id, at, s));
                  case 5 ->
                      Combinators.combine(k, k)
                          .as((key, v) -> new TicketEvent.AttributeChanged(t, id, at, key, v));
                  case 6 -> tags.map(tg -> new TicketEvent.TagsChanged(t, id, at, tg));
                  case 7 -> k.map(s -> new TicketEvent.Assigned(t, id, at, s));
                  case 8 ->
                      Arbitraries.integers()
                          .between(1, 1000)
                          .map(l -> new TicketEvent.Escalated(t, id, at, l));
                  case 9 -> k.map(s -> new TicketEvent.CallOffered(t, id, at, s));
                  case 10 -> k.map(s -> new TicketEvent.CallAnswered(t, id, at, s));
                  case 11 -> k.map(s -> new TicketEvent.CallAbandoned(t, id, at, s));
                  case 12 -> k.map(s -> new TicketEvent.AttributeCleared(t, id, at, s));
                  default -> Arbitraries.just(new TicketEvent.PriorityCleared(t, id, at));
                });
  }
}
