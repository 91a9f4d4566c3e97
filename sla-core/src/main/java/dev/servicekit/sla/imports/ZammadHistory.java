package dev.servicekit.sla.imports;

import static dev.servicekit.sla.imports.ExportJson.bad;
import static dev.servicekit.sla.imports.ExportJson.count;
import static dev.servicekit.sla.imports.ExportJson.excerpt;
import static dev.servicekit.sla.imports.ExportJson.flag;
import static dev.servicekit.sla.imports.ExportJson.instant;
import static dev.servicekit.sla.imports.ExportJson.key;
import static dev.servicekit.sla.imports.ExportJson.required;
import static dev.servicekit.sla.imports.ExportJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.internal.JsonInput;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports one Zammad ticket's history from three responses of Zammad's REST API, put in one JSON
 * object by the caller:
 *
 * <pre>{@code
 * {"ticket":   <GET /api/v1/tickets/{id}?expand=true>,
 *  "articles": <GET /api/v1/ticket_articles/by_ticket/{id}?expand=true>,
 *  "history":  <GET /api/v1/ticket_history/{id}>}
 * }</pre>
 *
 * <p>{@code expand=true} makes Zammad write names ({@code "state": "pending reminder"}, {@code
 * "sender": "Customer"}, {@code "type": "email"}) beside the ids; a ticket or an article without
 * them (fetched without it) is refused at the missing field. Zammad writes a relation's name only
 * where the relation is set: a ticket whose {@code organization_id} is {@code null} has no {@code
 * organization} field, and is read as a ticket without an organization. The history is Zammad's
 * {@code History.list} of the ticket and its related objects: entries with {@code id}, {@code
 * object}, {@code type}, {@code attribute}, {@code value_from}, {@code value_to}, {@code id_to} and
 * {@code created_at} (Zammad's {@code app/models/history.rb} and {@code has_history.rb}); the
 * response object ({@code {"history": [...], "assets": {...}}}) or its list alone.
 *
 * <p><b>Mapped.</b> {@link TicketEvent.Created} at the ticket's {@code created_at}, by the customer
 * (Zammad counts first response from the creation whoever created the ticket; an outbound email or
 * call is its first response, below), with attributes {@code channel} (the ticket's {@code
 * create_article_type}), {@code group} and {@code organization} as they were at creation (an
 * organization the ticket lost later without having another is logged by Zammad as its id, not its
 * name: left out and counted); the initial state and priority follow as {@link
 * TicketEvent.StatusChanged} and {@link TicketEvent.PriorityChanged}. A value at creation is the
 * {@code value_from} of the attribute's earliest update, or the ticket's current value if it never
 * changed. History entries of the ticket: {@code updated} {@code state} to {@link
 * TicketEvent.StatusChanged}, {@code priority} to {@link TicketEvent.PriorityChanged}, {@code
 * owner} to {@link TicketEvent.Assigned}, any other attribute (group, organization, custom fields)
 * to {@link TicketEvent.AttributeChanged} keyed by the attribute name, or {@link
 * TicketEvent.AttributeCleared} when set to nothing; {@code added} and {@code removed} {@code tag}
 * to {@link TicketEvent.TagsChanged} with the ticket's tags after the change (tags from the first
 * one added; Zammad logs each). Articles: by sender {@code Customer}, not internal and of a
 * communication type (every type but {@code note}: Zammad's {@code
 * db/seeds/ticket_article_types.rb}), a {@link TicketEvent.CustomerMessage}; by sender {@code
 * Agent}, not internal and of a communication type, a public {@link TicketEvent.AgentReply} (what
 * sets Zammad's {@code first_response_at}: {@code
 * Ticket::Article::HasTicketContactAttributesImpact}); an internal one an internal note; a public
 * note per {@link PublicNote} (by default an internal note: Zammad counts public notes only when
 * configured to). Names are normalised to keys ({@code "pending reminder"} becomes {@code
 * pending-reminder}, the status {@link dev.servicekit.sla.SlaPreset#ZAMMAD} declares; {@code "2
 * normal"} becomes {@code 2-normal}).
 *
 * <p>Of one instant, the articles come first (a customer's mail, then the state change it caused),
 * then the history entries; both keep the list's order: where the event ids of one instant's
 * entries would sort otherwise as text ({@code zammad-h10} before {@code zammad-h9}), the later
 * entries are stamped one nanosecond apart, as the other importers do.
 *
 * <p><b>Ignored, and counted.</b> Articles by the {@code System} sender (triggers' auto-replies,
 * which set neither first response nor last contact in Zammad) and a customer's note or internal
 * article; the owner set to nobody (Zammad's user {@code -}, id 1); the ticket's computed fields
 * (every attribute ending in {@code _at} or {@code _in_min}, such as {@code escalation_at}, {@code
 * first_response_at}, {@code close_in_min}: Zammad's own SLA figures, which this library computes),
 * {@code title}, {@code note}, {@code number}, {@code customer} and {@code pending_time}; history
 * entries of other types ({@code notification}, {@code email}, {@code merged_into}, ...) or of
 * other objects ({@code Mention}, {@code Checklist}, ...); values that are not keys after
 * normalisation. An article's own history entry ({@code Ticket::Article} {@code created}) is not
 * counted: the article itself is mapped. Nor is a later change of an article's {@code internal}
 * flag ({@code Ticket::Article} {@code updated} {@code internal}): the article is read with the
 * flag it was created with (the {@code value_from} of its earliest such change), since Zammad sets
 * the first response and last contact when an article is created, and a note made public later is
 * no response.
 *
 * <p>Event ids: {@code zammad-created} (and {@code -state}, {@code -priority}), {@code
 * zammad-h<history id>}, {@code zammad-a<article id>}. An entry or article listed twice as it is
 * (pages joined with an overlap) is read once; one id with other content is refused. Errors name
 * the JSON path (and line and column). Stateless and thread-safe.
 */
public final class ZammadHistory {

  /** How an agent's public note ({@code type} {@code note}, not internal) is read. */
  public enum PublicNote {
    /**
     * An internal note: no response (Zammad's default: "Communication type articles" are the
     * responses; public notes count only where Zammad is configured to allow them).
     */
    NOT_A_RESPONSE,
    /** A public reply, for a Zammad configured to count public notes as responses. */
    RESPONSE
  }

  /** Ticket attributes that say nothing an SLA measures (besides the computed {@code _at} ones). */
  private static final Set<String> NOT_MAPPED =
      Set.of("title", "note", "number", "customer", "pending_time", "article_count");

  /** A value at creation whose name the history does not hold (see {@link #initial}). */
  private static final String UNRESOLVED = new String("unresolved id");

  private ZammadHistory() {}

  /**
   * Reads an export from a stream (not closed), public notes being no response.
   *
   * @param in the export
   * @return the ticket's history
   * @throws IllegalArgumentException if the export is malformed, incomplete (fetched without {@code
   *     expand=true}, or without its articles or history), or longer than 64 MiB; a value's error
   *     names its path, line and column
   */
  public static ImportedHistory read(InputStream in) {
    return read(in, PublicNote.NOT_A_RESPONSE);
  }

  /**
   * Reads an export from a stream (not closed).
   *
   * @param in the export
   * @param publicNote how an agent's public note is read
   * @return the ticket's history
   * @throws IllegalArgumentException as {@link #read(InputStream)}
   */
  public static ImportedHistory read(InputStream in, PublicNote publicNote) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(publicNote, "publicNote");
    return ExportJson.read(in, "Zammad export", root -> map(root, publicNote), null);
  }

  /**
   * Reads an export, public notes being no response.
   *
   * @param json the export
   * @return the ticket's history
   * @throws IllegalArgumentException as {@link #read(InputStream)}
   */
  public static ImportedHistory read(String json) {
    return read(json, PublicNote.NOT_A_RESPONSE);
  }

  /**
   * Reads an export.
   *
   * @param json the export
   * @param publicNote how an agent's public note is read
   * @return the ticket's history
   * @throws IllegalArgumentException as {@link #read(InputStream)}
   */
  public static ImportedHistory read(String json, PublicNote publicNote) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(publicNote, "publicNote");
    return ExportJson.read(json, "Zammad export", root -> map(root, publicNote), null);
  }

  /** A history entry or an article, placed in time. */
  private record Entry(
      String id, Instant at, long order, JsonNode node, String path, boolean article) {}

  private static ImportedHistory map(JsonNode root, PublicNote publicNote) {
    if (!root.isObject()) {
      throw bad(
          "expected an object {\"ticket\": ..., \"articles\": [...], \"history\": ...} but found "
              + excerpt(root),
          "$");
    }
    JsonNode ticket = required(root, "ticket", "$");
    if (!ticket.isObject()) {
      throw bad("expected a ticket object but found " + excerpt(ticket), "ticket");
    }
    String ticketId = ExportJson.ticketId(required(ticket, "id", "ticket"), "id", "ticket.id");
    Instant created = instant(required(ticket, "created_at", "ticket"), "ticket.created_at");
    for (String f : List.of("state", "priority", "group", "organization")) {
      // expand=true writes a relation's name only where the relation is set: a ticket without an
      // organization has "organization_id": null and no "organization" (Zammad's
      // attributes_with_association_names), which is no sign of an export fetched without it
      JsonNode relation = ticket.get(f + "_id");
      if (relation != null && !relation.isNull() && !ticket.has(f)) {
        throw expandAdvice(ticket, f, "ticket"); // fetched without expand=true: no names
      }
    }
    JsonNode articles = ExportJson.array(root.get("articles"), "articles");
    JsonNode history = historyList(root.get("history"));
    String historyPath = root.get("history").isArray() ? "history" : "history.history";
    Map<String, Long> ignored = new LinkedHashMap<>();

    // Every entry of the history and every article, checked and placed in time.
    List<Entry> entries = new ArrayList<>(history.size() + articles.size());
    Map<String, Map.Entry<Object, String>> seenH = new HashMap<>();
    for (int i = 0; i < history.size(); i++) {
      JsonNode h = history.get(i);
      String p = historyPath + "[" + i + "]";
      if (!h.isObject()) {
        throw bad("expected a history entry object but found " + excerpt(h), p);
      }
      String id = ExportJson.id(required(h, "id", p), "id", p + ".id", "zammad-h", "");
      boolean again = seenH.containsKey(id);
      ExportJson.once(seenH, "history id", id, h, p);
      Instant at = instant(required(h, "created_at", p), p + ".created_at");
      if (again) {
        continue; // the same entry again (pages joined with an overlap): one event, not two
      }
      entries.add(new Entry("zammad-h" + id, at, i, h, p, false));
    }
    Map<String, Map.Entry<Object, String>> seenA = new HashMap<>();
    for (int i = 0; i < articles.size(); i++) {
      JsonNode a = articles.get(i);
      String p = "articles[" + i + "]";
      if (!a.isObject()) {
        throw bad("expected an article object but found " + excerpt(a), p);
      }
      String id = ExportJson.id(required(a, "id", p), "id", p + ".id", "zammad-a", "");
      boolean again = seenA.containsKey(id);
      ExportJson.once(seenA, "article id", id, a, p);
      Instant at = instant(required(a, "created_at", p), p + ".created_at");
      JsonNode of = a.get("ticket_id");
      if (of != null && !of.isNull() && !text(of, p + ".ticket_id").equals(ticketId)) {
        throw bad(
            "article of ticket "
                + excerpt(of)
                + " in the export of ticket "
                + JsonInput.excerpt(ticketId),
            p + ".ticket_id");
      }
      if (again) {
        continue; // the same article again: one event, not two
      }
      entries.add(new Entry("zammad-a" + id, at, history.size() + i, a, p, true));
    }
    // Zammad lists both by created_at, then id. An article and the entries of the update it came
    // with share an instant: the article first (a customer's mail, then the reopen it caused), then
    // the entries, in list order. So does a clock, by event id ("zammad-a" before "zammad-h").
    entries.sort(
        Comparator.comparing(Entry::at)
            .thenComparing(e -> !e.article())
            .thenComparingLong(Entry::order));
    entries = apartInIdOrder(entries);

    Map<String, String> attrs = new LinkedHashMap<>();
    JsonNode channel = ticket.get("create_article_type");
    String channelName = ExportJson.value(channel, "ticket.create_article_type");
    if (channelName != null) {
      putKey(attrs, "channel", channelName, ignored);
    }
    for (String a : List.of("group", "organization")) {
      String v = initial(entries, ticketId, a, ticket.get(a), "ticket." + a);
      if (v == UNRESOLVED) {
        count(ignored, "created " + a + " logged as an id");
      } else if (v != null && !ExportJson.blank(v)) {
        putKey(attrs, a, v, ignored);
      }
    }
    String state = initial(entries, ticketId, "state", ticket.get("state"), "ticket.state");
    String priority =
        initial(entries, ticketId, "priority", ticket.get("priority"), "ticket.priority");
    if (state == null) {
      throw expandAdvice(ticket, "state", "ticket");
    }

    List<TicketEvent> out = new ArrayList<>();
    out.add(TicketEvent.Created.byCustomer(ticketId, "zammad-created", created, attrs, Set.of()));
    if (state == UNRESOLVED) {
      state = "";
    }
    if (priority == UNRESOLVED) {
      priority = "";
    }
    if (key(state) != null) {
      out.add(new TicketEvent.StatusChanged(ticketId, "zammad-created-state", created, key(state)));
    } else {
      count(ignored, "created state not a key");
    }
    if (key(priority) != null) {
      out.add(
          new TicketEvent.PriorityChanged(
              ticketId, "zammad-created-priority", created, key(priority)));
    } else if (priority != null) {
      count(ignored, "created priority not a key");
    }

    Map<String, Boolean> internalAtCreation = internalAtCreation(entries);
    Set<String> tags = new LinkedHashSet<>();
    for (Entry e : entries) {
      if (e.article()) {
        article(out, ignored, ticketId, e, publicNote, internalAtCreation.get(e.id()));
      } else {
        entry(out, ignored, ticketId, e, tags);
      }
    }
    return new ImportedHistory(ticketId, out, ignored);
  }

  /** The history list: the response object's {@code history}, or the list itself. */
  private static JsonNode historyList(JsonNode h) {
    if (h == null || h.isNull()) {
      throw bad(
          "history is required: fetch GET /api/v1/ticket_history/{id}, without it every state"
              + " change is unknown",
          "history");
    }
    if (h.isArray()) {
      return h;
    }
    if (!h.isObject()) {
      throw bad(
          "expected the ticket_history response or its list but found " + excerpt(h), "history");
    }
    return ExportJson.array(h.get("history"), "history.history");
  }

  private static void entry(
      List<TicketEvent> out,
      Map<String, Long> ignored,
      String ticketId,
      Entry e,
      Set<String> tags) {
    JsonNode h = e.node();
    String p = e.path();
    String object = ExportJson.value(h.get("object"), p + ".object");
    String type = ExportJson.value(h.get("type"), p + ".type");
    if (object == null) {
      throw bad("object is required", p + ".object");
    }
    if (type == null) {
      throw bad("type is required", p + ".type");
    }
    if (!"Ticket".equals(object)) {
      boolean articleFlag =
          "Ticket::Article".equals(object)
              && "updated".equals(type)
              && "internal".equals(h.path("attribute").asText());
      if (!("Ticket::Article".equals(object) && "created".equals(type)) && !articleFlag) {
        count(ignored, "history of " + JsonInput.excerpt(object) + " " + JsonInput.excerpt(type));
      } // an article's creation, or its internal flag changed later: read with the article
      return;
    }
    JsonNode of = h.get("o_id");
    if (of != null && !of.isNull() && !text(of, p + ".o_id").equals(ticketId)) {
      throw bad(
          "history of ticket "
              + excerpt(of)
              + " in the export of ticket "
              + JsonInput.excerpt(ticketId),
          p + ".o_id");
    }
    String attribute = ExportJson.value(h.get("attribute"), p + ".attribute");
    String to = ExportJson.value(h.get("value_to"), p + ".value_to");
    String id = e.id();
    Instant at = e.at();
    switch (type) {
      case "created" -> {} // the ticket's creation: the Created event
      case "added", "removed" -> {
        if (!"tag".equals(attribute)) {
          count(ignored, "history " + type + " " + JsonInput.excerpt(String.valueOf(attribute)));
          return;
        }
        String tag = key(to);
        if (tag == null) {
          count(ignored, "tag not a key");
          return;
        }
        if ("added".equals(type) ? tags.add(tag) : tags.remove(tag)) {
          out.add(new TicketEvent.TagsChanged(ticketId, id, at, Set.copyOf(tags)));
        } else {
          count(ignored, "tag " + type + " twice");
        }
      }
      case "updated" -> {
        if (attribute == null) {
          throw bad("attribute is required for an update", p + ".attribute");
        }
        updated(out, ignored, ticketId, id, at, attribute, to, h, p);
      }
      default -> count(ignored, "history type " + JsonInput.excerpt(type));
    }
  }

  private static void updated(
      List<TicketEvent> out,
      Map<String, Long> ignored,
      String ticketId,
      String id,
      Instant at,
      String attribute,
      String to,
      JsonNode h,
      String p) {
    if (computed(attribute)) {
      count(ignored, "history attribute " + JsonInput.excerpt(attribute));
      return;
    }
    String value = key(to);
    switch (attribute) {
      case "state" -> {
        if (value == null) {
          count(ignored, "state cleared or not a key");
        } else {
          out.add(new TicketEvent.StatusChanged(ticketId, id, at, value));
        }
      }
      case "priority" -> {
        if (to == null || ExportJson.blank(to)) {
          out.add(new TicketEvent.PriorityCleared(ticketId, id, at));
        } else if (value == null) {
          count(ignored, "priority not a key");
        } else {
          out.add(new TicketEvent.PriorityChanged(ticketId, id, at, value));
        }
      }
      case "owner" -> {
        String idTo = ExportJson.value(h.get("id_to"), p + ".id_to");
        if ("1".equals(idTo) || value == null || "-".equals(value)) {
          count(ignored, "owner set to nobody or not a key"); // Zammad's user 1 is "-", no one
        } else {
          out.add(new TicketEvent.Assigned(ticketId, id, at, value));
        }
      }
      default -> {
        String k = key(attribute);
        if (k == null) {
          count(ignored, "history attribute not a key");
        } else if (to == null || ExportJson.blank(to)) {
          out.add(new TicketEvent.AttributeCleared(ticketId, id, at, k));
        } else if (value == null) {
          count(ignored, "history attribute " + JsonInput.excerpt(attribute) + " not a key");
        } else {
          out.add(new TicketEvent.AttributeChanged(ticketId, id, at, k, value));
        }
      }
    }
  }

  /** Zammad's computed fields and text: nothing an SLA is measured from. */
  private static boolean computed(String attribute) {
    return NOT_MAPPED.contains(attribute)
        || attribute.endsWith("_at")
        || attribute.endsWith("_in_min");
  }

  private static void article(
      List<TicketEvent> out,
      Map<String, Long> ignored,
      String ticketId,
      Entry e,
      PublicNote publicNote,
      Boolean internalAtCreation) {
    JsonNode a = e.node();
    String p = e.path();
    String sender = name(a, "sender", p);
    String type = name(a, "type", p);
    boolean now = flag(a, "internal", p, false);
    boolean internal = internalAtCreation == null ? now : internalAtCreation;
    boolean note = "note".equals(type);
    switch (sender) {
      case "Customer" -> {
        if (internal || note) {
          count(ignored, "customer article that is internal or a note");
        } else {
          out.add(new TicketEvent.CustomerMessage(ticketId, e.id(), e.at()));
        }
      }
      case "Agent" -> {
        boolean response = !internal && (!note || publicNote == PublicNote.RESPONSE);
        out.add(
            response
                ? TicketEvent.AgentReply.publicReply(ticketId, e.id(), e.at())
                : TicketEvent.AgentReply.internalNote(ticketId, e.id(), e.at()));
      }
      case "System" -> count(ignored, "article by System");
      default ->
          throw bad(
              "sender "
                  + JsonInput.excerpt(sender)
                  + " is not one of Zammad's senders Customer, Agent, System",
              p + ".sender");
    }
  }

  /** An expanded name ({@code sender}, {@code type}) of an article: required. */
  private static String name(JsonNode a, String field, String p) {
    String v = ExportJson.value(a.get(field), p + "." + field);
    if (v == null) {
      throw expandAdvice(a, field, p);
    }
    return v;
  }

  /** The refusal of a name missing where {@code expand=true} would have written it. */
  private static IllegalArgumentException expandAdvice(JsonNode o, String field, String p) {
    boolean idOnly = o.has(field + "_id");
    return bad(
        field
            + " is required"
            + (idOnly
                ? ": the export has only " + field + "_id; fetch it with ?expand=true for names"
                : ""),
        p + "." + field);
  }

  /**
   * The value of a ticket attribute at creation: the {@code value_from} of its earliest update, or
   * its current value; {@link #UNRESOLVED} where that update's {@code value_from} is its {@code
   * id_from} written as text. Zammad's {@code HasHistory} writes a relation's name only while the
   * ticket has the relation after the update, so an organization cleared ({@code "value_from": "5",
   * "id_from": 5, "value_to": ""}) logs the id it had, not its name.
   */
  private static String initial(
      List<Entry> entries, String ticketId, String attribute, JsonNode current, String path) {
    for (Entry e : entries) {
      JsonNode h = e.node();
      if (!e.article()
          && "Ticket".equals(h.path("object").asText())
          && "updated".equals(h.path("type").asText())
          && attribute.equals(h.path("attribute").asText())) {
        String from = ExportJson.value(h.get("value_from"), e.path() + ".value_from");
        JsonNode idFrom = h.get("id_from");
        if (from != null
            && idFrom != null
            && idFrom.isIntegralNumber()
            && from.equals(idFrom.asText())) {
          return UNRESOLVED; // Zammad logged the id: the relation was cleared by this update
        }
        return from == null ? "" : from;
      }
    }
    return ExportJson.value(current, path);
  }

  /**
   * Each article's {@code internal} flag when it was created, where the history shows it changed
   * since (an agent made a note public, or a reply internal): the {@code value_from} of the
   * earliest {@code Ticket::Article} {@code updated} {@code internal} entry of the article, keyed
   * by its event id. Zammad sets the first response and last contact when an article is created
   * ({@code after_create}), so a later change of the flag changes neither; the article's current
   * flag would. An entry whose {@code value_from} is neither {@code true} nor {@code false} is
   * refused.
   */
  private static Map<String, Boolean> internalAtCreation(List<Entry> entries) {
    Map<String, Boolean> out = new HashMap<>();
    for (Entry e : entries) {
      JsonNode h = e.node();
      if (e.article()
          || !"Ticket::Article".equals(h.path("object").asText())
          || !"updated".equals(h.path("type").asText())
          || !"internal".equals(h.path("attribute").asText())) {
        continue;
      }
      JsonNode of = h.get("o_id");
      if (of == null || of.isNull()) {
        continue; // no article to apply it to
      }
      String article = "zammad-a" + text(of, e.path() + ".o_id");
      if (out.containsKey(article)) {
        continue; // a later change: the earliest one says how the article was created
      }
      String from = ExportJson.value(h.get("value_from"), e.path() + ".value_from");
      if (!"true".equals(from) && !"false".equals(from)) {
        throw bad(
            "an article's internal flag changed from "
                + excerpt(h.get("value_from"))
                + ", not from \"true\" or \"false\"",
            e.path() + ".value_from");
      }
      out.put(article, Boolean.valueOf(from));
    }
    return out;
  }

  private static void putKey(
      Map<String, String> attrs, String name, String value, Map<String, Long> ignored) {
    String k = key(value);
    if (k == null) {
      count(ignored, "created " + name + " not a key");
    } else {
      attrs.put(name, k);
    }
  }

  /**
   * Entries of one instant are separate updates in list order, but a clock applies one instant's
   * writes of a field in event-id order, as text: stamped apart as {@link
   * ExportJson#apartInIdOrder} says.
   */
  private static List<Entry> apartInIdOrder(List<Entry> entries) {
    long[] apart = ExportJson.apartInIdOrder(entries, ZammadHistory::yields, Entry::at, Entry::id);
    List<Entry> out = new ArrayList<>(entries);
    for (int i = 0; i < apart.length; i++) {
      if (apart[i] != 0) {
        Entry e = out.get(i);
        out.set(
            i,
            new Entry(
                e.id(), e.at().plusNanos(apart[i]), e.order(), e.node(), e.path(), e.article()));
      }
    }
    return out;
  }

  /**
   * Whether an entry can become an event (read leniently: the mapping checks it): an article not by
   * {@code System}, or a ticket's update or tag change of an attribute that is mapped.
   */
  private static boolean yields(Entry e) {
    JsonNode n = e.node();
    if (e.article()) {
      return !"System".equals(n.path("sender").asText());
    }
    String type = n.path("type").asText();
    return "Ticket".equals(n.path("object").asText())
        && (("updated".equals(type) && !computed(n.path("attribute").asText()))
            || "added".equals(type)
            || "removed".equals(type));
  }
}
