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
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.internal.JsonInput;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports one Zendesk ticket's history from its Ticket Audits export ({@code GET
 * /api/v2/tickets/{ticket_id}/audits}, optionally with {@code include=users}): the response object
 * {@code {"audits": [...], "users": [...]}} or a bare array of audits, as documented at
 * developer.zendesk.com ("Ticket Audits" and "Ticket Audit events reference").
 *
 * <p><b>Mapped.</b> The audit holding {@code Create} events becomes {@link TicketEvent.Created} at
 * the audit's {@code created_at}, with the created {@code tags}, the attributes {@code type},
 * {@code group} ({@code group_id}), {@code brand} ({@code brand_id}), {@code form} ({@code
 * ticket_form_id}), {@code channel} (the audit's {@code via.channel}) and {@code field_<id>} for
 * custom fields with a text value; created by an agent ({@link TicketEvent.Created#byAgent}: first
 * reply waits for the customer's first comment) when the audit's author is not the requester (nor a
 * sideloaded {@code end-user}) and the audit holds no public comment, the ticket opened through
 * private comments only (a phone call logged as an internal note); by the customer when the author
 * is the requester, when the creating audit names no requester, or when an agent opened it with a
 * public description, whose first reply runs from the creation to the agent's next public comment
 * (support.zendesk.com, "Calculating first reply time": "An agent creates a ticket. Timing starts
 * when the ticket is created and ends at the agent's next public comment"). Its {@code status},
 * {@code priority} and {@code assignee_id} follow as {@link TicketEvent.StatusChanged}, {@link
 * TicketEvent.PriorityChanged} and {@link TicketEvent.Assigned}. {@code Change} events of those
 * fields map to the same kinds, {@code tags} changes to {@link TicketEvent.TagsChanged}, the other
 * attributes to {@link TicketEvent.AttributeChanged}. A {@code Change} that empties the priority or
 * an attribute (a {@code null} value, or a string of whitespace only) maps to {@link
 * TicketEvent.PriorityCleared} (back to the priority matrix) or {@link
 * TicketEvent.AttributeCleared}. A {@code Comment} by a customer (see below) is a {@link
 * TicketEvent.CustomerMessage}; a comment by an agent an {@link TicketEvent.AgentReply}, public or
 * internal per its {@code public} flag (public when absent; a value other than {@code true} or
 * {@code false} is an error, on the creating comment too), automated when it came from a business
 * rule ({@code via.channel} {@code "rule"}, or its via id {@code 8}: triggers and automations). A
 * {@code via.channel} may be a via type or a via id, as Zendesk's "Via object reference" allows
 * ("string or integer"); a via id is read as the via type the "Via types reference" gives it
 * ({@code 4} is {@code mail}), or as its digits if that table has no entry for it. The comment of
 * the creating audit is the ticket's description, not a reply, and is not mapped. A private comment
 * by a customer (an end user's email reply Zendesk made private: "Private comments and internal
 * notes are the same thing", support.zendesk.com, "Understanding when email replies become public
 * or private comments") is no customer message, since a reply is owed to public end-user comments
 * only: it is counted in {@link ImportedHistory#ignored()}.
 *
 * <p><b>Who wrote a comment.</b> A comment is a customer's message or an agent's reply by its
 * author, told in this order: the requester (learned from the {@code requester_id} event of the
 * creating audit, since Zendesk writes a {@code Create} event for each property set on a new
 * ticket: Ticket Audit events reference, "Create event"; and from later {@code Change} events of
 * it) is the customer; a sideloaded user ({@code include=users}) is a customer if its role is
 * {@code end-user}, an agent for any other string role; a user who is or was the ticket's assignee
 * ({@code assignee_id} in a {@code Create} or {@code Change} event of this audit or an earlier one)
 * is an agent, since only agents are assigned tickets (Tickets API, {@code assignee_id}: "The agent
 * currently assigned to the ticket"); a comment made by a business rule ({@code via.channel} {@code
 * "rule"}, the event's or else the audit's) is an automated agent comment. Any other author cannot
 * be told: being CC'd says nothing, since email CCs may be end users or agents, and the requester
 * may be an agent (support.zendesk.com, "Understanding CCs and followers"; Tickets API, "Requesters
 * and submitters"). Such a comment is refused at its path ({@code comment by author 7 cannot be
 * told a customer's message from an agent's reply: ...}), since taken for an agent's public reply a
 * CC'd customer's comment would meet the first or next reply, unless the export is read with {@link
 * UnknownAuthor#AGENT}, which takes it for an agent's comment: the caller's explicit choice for an
 * export known to hold no customer but the requester. While no requester is known yet, such a
 * comment is refused whatever the option: the customer who opened the ticket could not be told
 * either. Export the full audits, with {@code include=users}: one page of a paginated export
 * ({@code next_page} set, {@code meta.has_more} true, or a {@code count} above the audits given) is
 * refused at that field; join the pages' audits into one document. The audits may be listed oldest
 * first (the default) or newest first ({@code sort_order=desc}), as told by the first and the last
 * audit's {@code created_at} (of one instant, by their ids); they are read in time order either
 * way.
 *
 * <p><b>Ignored, and counted in {@link ImportedHistory#ignored()}.</b> Every other event type
 * (notifications, CCs, satisfaction ratings, {@code SlaTargetChange}, voice comments...): they do
 * not change what an SLA measures, and Zendesk's own SLA targets are what this library computes.
 * Text fields ({@code subject}, {@code description}), an assignee cleared to null (assignment has
 * no effect on clocks), a status of null, a {@code null} priority or attribute value in the
 * creating audit (nothing set, nothing to clear), and values that are not keys (longer than 64
 * characters after normalisation). Values are normalised to keys (lower case, whitespace to {@code
 * '-'}). A {@code status}, {@code priority} or {@code assignee_id} value that is not a string, an
 * integer or null (a boolean, a fraction, an object, an array) is an error at its path.
 *
 * <p>Event ids are {@code zd-<event id>} ({@code zd-audit-<audit id>} for the creation), so a
 * re-import of an overlapping export is deduplicated by the clock. Audits of one second are
 * separate updates in list order: where their event ids would sort otherwise as text (a clock
 * applies one instant's writes of a field in id order: {@code zd-10} before {@code zd-9}), the
 * audit whose ids sort before an earlier one's, and those after it, are stamped one nanosecond
 * later; the others keep their instant. Errors are {@link IllegalArgumentException}s naming the
 * JSON path (and line and column for malformed JSON). Stateless and thread-safe.
 */
public final class ZendeskAudits {

  private static final Map<String, String> ATTRIBUTES =
      Map.of("type", "type", "group_id", "group", "brand_id", "brand", "ticket_form_id", "form");

  /**
   * Via ids and their via types, as Zendesk's "Via types reference" maps them
   * (developer.zendesk.com/documentation/ticketing/reference-guides/via-types): a via object's
   * {@code channel} is either ("Via object reference": "string or integer"). An id not listed here
   * is read as its digits.
   */
  private static final Map<Integer, String> VIA_TYPES =
      Map.ofEntries(
          Map.entry(0, "web_form"),
          Map.entry(4, "mail"),
          Map.entry(5, "web_service"),
          Map.entry(8, "rule"),
          Map.entry(9, "linked_problem"),
          Map.entry(10, "group_deletion"),
          Map.entry(11, "user_change"),
          Map.entry(12, "user_deletion"),
          Map.entry(13, "group_change"),
          Map.entry(14, "resource_push"),
          Map.entry(15, "iphone"),
          Map.entry(16, "get_satisfaction"),
          Map.entry(17, "dropbox"),
          Map.entry(19, "merge"),
          Map.entry(20, "batch"),
          Map.entry(21, "recovered_from_suspended_tickets"),
          Map.entry(22, "automatic_solution_suggestions"));

  private ZendeskAudits() {}

  /**
   * What the importer does with a comment whose author it cannot tell a customer from an agent (see
   * the class documentation): neither the requester, nor a sideloaded user, nor a present or former
   * assignee, nor a business rule.
   */
  public enum UnknownAuthor {
    /** The export is refused at the comment's path, naming the author. The default. */
    REFUSE,
    /**
     * The comment is taken for an agent's (a public reply or an internal note per its flag), as
     * earlier builds did without a word: for an export known to hold no customer comment but the
     * requester's. Still refused while no requester is known.
     */
    AGENT
  }

  /**
   * Reads an audits export from a stream (not closed).
   *
   * @param in the export
   * @return the ticket's history
   * @throws IllegalArgumentException if the export is malformed or not one ticket's audits, or
   *     longer than 64 MiB, or holds a comment whose author cannot be told ({@link
   *     UnknownAuthor#REFUSE}); a value's error names its path, line and column
   */
  public static ImportedHistory read(InputStream in) {
    return read(in, UnknownAuthor.REFUSE);
  }

  /**
   * Reads an audits export from a stream (not closed), with the given rule for comments whose
   * author cannot be told a customer from an agent.
   *
   * @param in the export
   * @param unknownAuthor what to do with a comment whose author cannot be told
   * @return the ticket's history
   * @throws IllegalArgumentException if the export is malformed or not one ticket's audits, or
   *     longer than 64 MiB, or holds a comment refused under {@code unknownAuthor}; a value's error
   *     names its path, line and column
   */
  public static ImportedHistory read(InputStream in, UnknownAuthor unknownAuthor) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(unknownAuthor, "unknownAuthor");
    return ExportJson.read(in, "Zendesk audits export", root -> map(root, unknownAuthor), "audits");
  }

  /**
   * Reads an audits export.
   *
   * @param json the export
   * @return the ticket's history
   * @throws IllegalArgumentException if the export is malformed or not one ticket's audits, or
   *     longer than 64 MiB, or holds a comment whose author cannot be told ({@link
   *     UnknownAuthor#REFUSE}); a value's error names its path, line and column
   */
  public static ImportedHistory read(String json) {
    return read(json, UnknownAuthor.REFUSE);
  }

  /**
   * Reads an audits export, with the given rule for comments whose author cannot be told a customer
   * from an agent.
   *
   * @param json the export
   * @param unknownAuthor what to do with a comment whose author cannot be told
   * @return the ticket's history
   * @throws IllegalArgumentException if the export is malformed or not one ticket's audits, or
   *     longer than 64 MiB, or holds a comment refused under {@code unknownAuthor}; a value's error
   *     names its path, line and column
   */
  public static ImportedHistory read(String json, UnknownAuthor unknownAuthor) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(unknownAuthor, "unknownAuthor");
    return ExportJson.read(
        json, "Zendesk audits export", root -> map(root, unknownAuthor), "audits");
  }

  /**
   * Refuses one page of a paginated audits export: a {@code next_page} (offset pagination) or
   * {@code meta.has_more} true (cursor pagination) says audits follow, a {@code count} more than
   * the audits given says some are missing. A history built from one page would lack events without
   * a sign. Joined pages (every audit in {@code audits}) with {@code next_page} null are read.
   */
  private static void wholeExport(JsonNode root, int size) {
    String fetch =
        "fetch every page (follow next_page, or links.next while meta.has_more) and put all the"
            + " audits in one audits array";
    JsonNode next = root.get("next_page");
    if (next != null && !next.isNull()) {
      if (!next.isTextual()) {
        throw bad("expected a URL or null but found " + ExportJson.excerpt(next), "next_page");
      }
      throw bad("the export is one page of the audits (next_page is set): " + fetch, "next_page");
    }
    JsonNode meta = root.get("meta");
    if (meta != null && !meta.isNull() && !meta.isObject()) {
      throw bad("expected an object but found " + ExportJson.excerpt(meta), "meta");
    }
    if (meta != null && !meta.isNull()) {
      boolean more = ExportJson.flag(meta, "has_more", "meta", false);
      if (more) {
        throw bad(
            "the export is one page of the audits (meta.has_more is true): " + fetch,
            "meta.has_more");
      }
    }
    long count = ExportJson.pageField(root, "count", "");
    if (count > size) {
      throw bad(
          "count "
              + count
              + " says the ticket has more audits than the "
              + size
              + " in the export: "
              + fetch,
          "count");
    }
  }

  private static ImportedHistory map(JsonNode root, UnknownAuthor unknownAuthor) {
    JsonNode audits;
    Map<String, String> roles = new HashMap<>();
    boolean usersSideloaded = false; // include=users: every author's role is in the export
    if (root.isArray()) {
      audits = root;
    } else if (root.isObject()) {
      audits = ExportJson.array(root.get("audits"), "audits");
      wholeExport(root, audits.size());
      JsonNode users = root.get("users");
      if (users != null && !users.isNull()) {
        ExportJson.array(users, "users");
        usersSideloaded = true;
        for (int i = 0; i < users.size(); i++) {
          JsonNode u = users.get(i);
          String p = "users[" + i + "]";
          if (!u.isObject()) {
            // skipped, it would leave its author's comments to be refused for want of a role
            throw bad("expected a user object but found " + excerpt(u), p);
          }
          String id = text(required(u, "id", p), p + ".id");
          JsonNode r = u.get("role");
          if (r == null || !r.isTextual()) {
            continue; // no string role: the author cannot be told, as one not sideloaded
          }
          String role = r.textValue();
          String before = roles.putIfAbsent(id, role);
          if (before != null && !before.equals(role)) {
            throw bad(
                "user "
                    + excerpt(u.get("id"))
                    + " is listed twice, with the roles "
                    + JsonInput.excerpt(before)
                    + " and "
                    + excerpt(u.get("role")),
                p + ".role");
          }
        }
      }
    } else {
      throw bad("expected an audits response object or an array of audits", "$");
    }
    Map<String, Long> ignored = new LinkedHashMap<>();
    List<TicketEvent> out = new ArrayList<>();
    String ticket = null;
    String requester = null;
    Set<String> assignees = new java.util.HashSet<>(); // present and former: agents
    boolean created = false;
    Map<String, Map.Entry<Object, String>> seen = new HashMap<>(); // event ids
    // Read in time order: a list fetched with sort_order=desc (or sort=-created_at) is read from
    // its end, so that the creating audit and the audits of one second come in the order they
    // were made; errors still name each audit's place in the export.
    boolean newestFirst = newestFirst(audits);
    if (newestFirst) {
      ArrayNode inTime = JsonNodeFactory.instance.arrayNode(audits.size());
      for (int i = audits.size() - 1; i >= 0; i--) {
        inTime.add(audits.get(i));
      }
      audits = inTime;
    }
    boolean[] repeat = ExportJson.repeats(audits, "id");
    long[] apart = apartInIdOrder(audits, repeat);
    for (int i = 0; i < audits.size(); i++) {
      String path = "audits[" + (newestFirst ? audits.size() - 1 - i : i) + "]";
      JsonNode a = audits.get(i);
      if (repeat[i]) {
        continue; // the same audit again (pages joined with an overlap): read once
      }
      if (!a.isObject()) {
        throw bad("expected an audit object but found " + excerpt(a), path);
      }
      String t =
          ExportJson.ticketId(required(a, "ticket_id", path), "ticket_id", path + ".ticket_id");
      if (ticket == null) {
        ticket = t;
      } else if (!ticket.equals(t)) {
        throw bad(
            "audits of two tickets, " + ticket + " and " + excerpt(a.get("ticket_id")),
            path + ".ticket_id");
      }
      Instant at =
          instant(required(a, "created_at", path), path + ".created_at").plusNanos(apart[i]);
      String author =
          a.hasNonNull("author_id") ? text(a.get("author_id"), path + ".author_id") : null;
      String channel = viaChannel(a, path);
      JsonNode events = ExportJson.array(a.get("events"), path + ".events");
      for (int k = 0; k < events.size(); k++) {
        JsonNode e = events.get(k);
        JsonNode eid = e.get("id");
        if (eid != null && (eid.isTextual() || eid.isIntegralNumber())) {
          // an event is read at its audit's instant, by its audit's author and channel
          ExportJson.once(
              seen,
              "event id",
              eid.asText(),
              List.of(e, a.path("created_at"), a.path("author_id"), a.path("via")),
              path + ".events[" + k + "]");
        }
      }
      boolean creating = false;
      for (JsonNode e : events) {
        String type = e.path("type").asText();
        if ("Create".equals(type)) {
          creating = true;
        }
        // an assignee is an agent, whatever its place among the update's events
        JsonNode v = e.get("value");
        if (("Create".equals(type) || "Change".equals(type))
            && "assignee_id".equals(e.path("field_name").asText())
            && v != null
            && (v.isTextual() || v.isIntegralNumber())) {
          assignees.add(v.asText());
        }
      }
      boolean createsHere = creating && !created;
      if (createsHere) {
        created = true;
        // first pass: the created ticket's fields
        Map<String, String> attrs = new LinkedHashMap<>();
        Set<String> tags = new LinkedHashSet<>();
        List<TicketEvent> after = new ArrayList<>();
        for (int k = 0; k < events.size(); k++) {
          JsonNode e = events.get(k);
          String ep = path + ".events[" + k + "]";
          if (!"Create".equals(e.path("type").asText())) {
            continue;
          }
          String field = text(required(e, "field_name", ep), ep + ".field_name");
          JsonNode value = e.get("value");
          String id = "zd-" + ExportJson.id(required(e, "id", ep), "id", ep + ".id", "zd-", "");
          switch (field) {
            case "requester_id" ->
                requester = value == null || value.isNull() ? null : text(value, ep + ".value");
            case "tags" -> {
              addTags(value, ep + ".value", tags, ignored);
            }
            case "status" ->
                addKey(
                    after,
                    ignored,
                    value,
                    v -> new TicketEvent.StatusChanged(t, id, at, v),
                    "status",
                    ep + ".value");
            case "priority" ->
                addKey(
                    after,
                    ignored,
                    value,
                    v -> new TicketEvent.PriorityChanged(t, id, at, v),
                    "priority",
                    ep + ".value");
            case "assignee_id" ->
                addKey(
                    after,
                    ignored,
                    value,
                    v -> new TicketEvent.Assigned(t, id, at, v),
                    "assignee_id",
                    ep + ".value");
            default -> {
              String attr = attribute(field);
              String v =
                  value != null && (value.isTextual() || value.isNumber())
                      ? key(value.asText())
                      : null;
              if (attr != null && v != null) {
                attrs.put(attr, v);
              } else {
                count(
                    ignored,
                    "created field "
                        + (attr == null
                            ? JsonInput.excerpt(field)
                            : attr + " without a key value"));
              }
            }
          }
        }
        if (channel != null) {
          if (key(channel) != null) {
            attrs.put("channel", key(channel));
          } else {
            count(ignored, "created field channel without a key value");
          }
        }
        // A ticket an agent opens with a public description runs first reply from its creation
        // to the agent's next public comment ("Calculating first reply time"); only one opened
        // through private comments waits for the customer's first comment (dbt_zendesk's
        // decision log, "First Reply Time for Privately-Created Tickets").
        boolean publicDescription = false;
        for (int k = 0; k < events.size(); k++) {
          JsonNode e = events.get(k);
          if ("Comment".equals(e.path("type").asText())
              && flag(e, "public", path + ".events[" + k + "]", true)) {
            publicDescription = true;
          }
        }
        boolean byAgent =
            author != null
                && requester != null
                && !author.equals(requester)
                && !"end-user".equals(roles.get(author))
                && !publicDescription;
        String createdId =
            "zd-audit-"
                + ExportJson.id(required(a, "id", path), "id", path + ".id", "zd-audit-", "");
        out.add(
            byAgent
                ? TicketEvent.Created.byAgent(t, createdId, at, attrs, tags)
                : TicketEvent.Created.byCustomer(t, createdId, at, attrs, tags));
        out.addAll(after);
      }
      for (int k = 0; k < events.size(); k++) {
        JsonNode e = events.get(k);
        String ep = path + ".events[" + k + "]";
        String type = e.path("type").asText();
        if ("Create".equals(type)) {
          if (!createsHere) {
            // the ticket was created by an earlier audit: not mapped, but not dropped unseen
            count(ignored, "audit event Create after the creating audit");
          }
          continue;
        }
        String id = "zd-" + ExportJson.id(required(e, "id", ep), "id", ep + ".id", "zd-", "");
        switch (type) {
          case "Change" -> {
            String field = text(required(e, "field_name", ep), ep + ".field_name");
            JsonNode value = e.get("value");
            switch (field) {
              case "requester_id" ->
                  requester =
                      value == null || value.isNull() ? requester : text(value, ep + ".value");
              case "status" ->
                  addKey(
                      out,
                      ignored,
                      value,
                      v -> new TicketEvent.StatusChanged(t, id, at, v),
                      "status",
                      ep + ".value");
              case "priority" -> {
                if (cleared(value)) {
                  out.add(new TicketEvent.PriorityCleared(t, id, at)); // priority set to none
                } else {
                  addKey(
                      out,
                      ignored,
                      value,
                      v -> new TicketEvent.PriorityChanged(t, id, at, v),
                      "priority",
                      ep + ".value");
                }
              }
              case "assignee_id" ->
                  addKey(
                      out,
                      ignored,
                      value,
                      v -> new TicketEvent.Assigned(t, id, at, v),
                      "assignee_id",
                      ep + ".value");
              case "tags" -> {
                Set<String> tags = new LinkedHashSet<>();
                addTags(value, ep + ".value", tags, ignored);
                out.add(new TicketEvent.TagsChanged(t, id, at, tags));
              }
              default -> {
                String attr = attribute(field);
                String v =
                    value != null && (value.isTextual() || value.isNumber())
                        ? key(value.asText())
                        : null;
                if (attr != null && v != null) {
                  out.add(new TicketEvent.AttributeChanged(t, id, at, attr, v));
                } else if (attr != null && cleared(value)) {
                  out.add(new TicketEvent.AttributeCleared(t, id, at, attr));
                } else {
                  count(
                      ignored,
                      "changed field "
                          + (attr == null
                              ? JsonInput.excerpt(field)
                              : attr + " without a key value"));
                }
              }
            }
          }
          case "Comment" -> {
            if (creating) {
              // Not mapped, but held to the same visibility rule as every other comment: a
              // malformed export is refused wherever its flag stands.
              flag(e, "public", ep, true);
              count(ignored, "description (the creating comment)");
              continue;
            }
            String by =
                e.hasNonNull("author_id") ? text(e.get("author_id"), ep + ".author_id") : author;
            boolean isPublic = flag(e, "public", ep, true); // absent: public, as Zendesk's default
            String role = by == null ? null : roles.get(by);
            String evVia = viaChannel(e, ep);
            String c = evVia != null ? evVia : channel;
            boolean customer;
            if (by != null && by.equals(requester)) {
              customer = true;
            } else if (role != null) {
              customer = "end-user".equals(role);
            } else if ((by != null && assignees.contains(by)) || "rule".equals(c)) {
              customer = false; // only agents are assigned; a business rule writes for agents
            } else if (requester == null) {
              // Not guessed: taken for an agent, a customer's public comment would meet the first
              // reply it should restart.
              throw bad(
                  "comment by "
                      + author(by)
                      + " cannot be told a customer's message from an agent's reply: no requester"
                      + " is known (no Create or Change event of requester_id before it) and the"
                      + " export has no users role for the author; export the full audits, or"
                      + " with include=users",
                  ep);
            } else if (unknownAuthor == UnknownAuthor.AGENT) {
              customer = false; // the caller's explicit choice
            } else if (usersSideloaded) {
              // Not guessed either: the export sideloads the authors' users, and this one has no
              // role in it, so it may be a customer other than the requester (a CC'd colleague),
              // whose public comment, taken for an agent's, would meet the first or next reply.
              throw bad(
                  "comment by "
                      + author(by)
                      + " cannot be told a customer's message from an agent's reply: the author"
                      + " is not the requester and the export's users give no role for the"
                      + " author (a string such as \"end-user\" or \"agent\"); read it with"
                      + " UnknownAuthor.AGENT to take it for an agent's",
                  ep);
            } else {
              // Not guessed: a CC'd customer (email CCs may be end users or agents) and an agent
              // who was never assigned look alike without the users sideloaded.
              throw bad(
                  "comment by "
                      + author(by)
                      + " cannot be told a customer's message from an agent's reply: the author"
                      + " is not the requester, was never the assignee and the export has no"
                      + " users (a CC'd customer or an agent); export with include=users, or"
                      + " read it with UnknownAuthor.AGENT to take it for an agent's",
                  ep);
            }
            if (customer && !isPublic) {
              // An end user's email reply Zendesk made private (a CC, or someone not on the
              // ticket) is an internal note for the agents ("Private comments and internal notes
              // are the same thing"), not a reply owed: next reply waits on public end-user
              // comments, and the customer's messages start nothing else here.
              count(ignored, "private comment by a customer");
            } else if (customer) {
              out.add(new TicketEvent.CustomerMessage(t, id, at));
            } else {
              TicketEvent.AgentReply reply =
                  isPublic
                      ? TicketEvent.AgentReply.publicReply(t, id, at)
                      : TicketEvent.AgentReply.internalNote(t, id, at);
              out.add("rule".equals(c) ? reply.asAutomated() : reply);
            }
          }
          default ->
              count(
                  ignored,
                  "audit event " + (type.isEmpty() ? "without a type" : JsonInput.excerpt(type)));
        }
      }
    }
    if (ticket == null) {
      throw bad("the export holds no audits", "audits");
    }
    if (!created) {
      throw bad(
          "no audit creates the ticket (no Create events): export the whole history", "audits");
    }
    return new ImportedHistory(ticket, out, ignored);
  }

  /**
   * Whether the audits are listed newest first, as the List Audits for a Ticket endpoint returns
   * them with {@code sort_order=desc} or {@code sort=-created_at}: the first audit's {@code
   * created_at} after the last one's or, both of one instant (a ticket created and updated within a
   * second), the first audit's id above the last one's (Zendesk's ids grow as audits are made). An
   * end without a readable {@code created_at} says nothing (the reader refuses it where it stands).
   */
  private static boolean newestFirst(JsonNode audits) {
    if (audits.size() < 2) {
      return false;
    }
    JsonNode a = audits.get(0);
    JsonNode b = audits.get(audits.size() - 1);
    Instant first = createdAt(a);
    Instant last = createdAt(b);
    if (first == null || last == null) {
      return false;
    }
    return ExportJson.newestFirst(first, last, a.get("id"), b.get("id"));
  }

  /** An audit's {@code created_at}, or null if it has none that reads as one. */
  private static Instant createdAt(JsonNode audit) {
    JsonNode at = audit.isObject() ? audit.get("created_at") : null;
    if (at == null || !at.isTextual()) {
      return null;
    }
    try {
      return instant(at, "created_at");
    } catch (IllegalArgumentException e) {
      return null; // refused with its path when the audit is read
    }
  }

  /**
   * Nanoseconds to add to each audit's instant ({@link ExportJson#apartInIdOrder}), from each
   * audit's instant and least and greatest event id ({@code zd-<id>}, and {@code zd-audit-<id>} for
   * the creation). Malformed audits are skipped here and refused by the reader with their path;
   * repeats ({@link ExportJson#repeats}) are skipped too.
   */
  private static long[] apartInIdOrder(JsonNode audits, boolean[] repeat) {
    int n = audits.size();
    Instant[] at = new Instant[n];
    String[] min = new String[n];
    String[] max = new String[n];
    for (int i = 0; i < n; i++) {
      JsonNode a = audits.get(i);
      if (!a.isObject() || repeat[i]) { // a repeat is read once, where it first stands
        continue;
      }
      try {
        at[i] = instant(a.get("created_at"), "audits[" + i + "].created_at");
      } catch (IllegalArgumentException | NullPointerException e) {
        continue; // refused with its path when the audit is read
      }
      List<String> ids = new ArrayList<>();
      boolean creates = false;
      for (JsonNode e : a.path("events")) {
        JsonNode eid = e.get("id");
        if (eid != null && (eid.isTextual() || eid.isIntegralNumber())) {
          ids.add("zd-" + eid.asText());
        }
        creates |= "Create".equals(e.path("type").asText());
      }
      JsonNode aid = a.get("id");
      if (creates && aid != null && (aid.isTextual() || aid.isIntegralNumber())) {
        ids.add("zd-audit-" + aid.asText()); // the creation's id
      }
      for (String id : ids) {
        min[i] = min[i] == null || id.compareTo(min[i]) < 0 ? id : min[i];
        max[i] = max[i] == null || id.compareTo(max[i]) > 0 ? id : max[i];
      }
    }
    return ExportJson.apartInIdOrder(at, min, max);
  }

  /**
   * Adds the tags of a {@code tags} value (an array of strings) to {@code into} as keys; a tag that
   * is not a key is counted in {@code ignored}, a value that is not a string is refused at its
   * path.
   */
  private static void addTags(
      JsonNode value, String path, Set<String> into, Map<String, Long> ignored) {
    JsonNode list = ExportJson.array(value, path);
    for (int q = 0; q < list.size(); q++) {
      String k = key(ExportJson.string(list.get(q), path + "[" + q + "]"));
      if (k != null) {
        into.add(k);
      } else {
        count(ignored, "tag that is not a key");
      }
    }
  }

  /** The author of a comment, for messages: its id, excerpted, or that it has none. */
  private static String author(String by) {
    return by == null ? "no author (no author_id)" : "author " + JsonInput.excerpt(by);
  }

  /**
   * The attribute of a field: a named one, {@code field_<id>} for a custom field (an id of ASCII
   * digits: {@link Character#isDigit} also takes other scripts' digits, which no Zendesk id has),
   * or null, as for an id so long that {@code field_<id>} is not a key (over 64 characters).
   */
  private static String attribute(String field) {
    String a = ATTRIBUTES.get(field);
    if (a != null) {
      return a;
    }
    if (field.isEmpty() || field.length() > ExportJson.MAX_KEY - "field_".length()) {
      return null;
    }
    for (int i = 0; i < field.length(); i++) {
      if (field.charAt(i) < '0' || field.charAt(i) > '9') {
        return null;
      }
    }
    return "field_" + field;
  }

  /**
   * Whether a {@code Change} event's value empties its field: {@code null} (Zendesk's value of a
   * field set to nothing, such as the priority "-" or an emptied drop-down), or a string of
   * whitespace only (an emptied text field), which normalises to no key at all.
   */
  private static boolean cleared(JsonNode value) {
    return value != null
        && (value.isNull() || (value.isTextual() && ExportJson.blank(value.textValue())));
  }

  private static void addKey(
      List<TicketEvent> out,
      Map<String, Long> ignored,
      JsonNode value,
      java.util.function.Function<String, TicketEvent> kind,
      String field,
      String path) {
    String v = key(ExportJson.value(value, path));
    if (v == null) {
      count(ignored, field + " cleared or not a key");
    } else {
      out.add(kind.apply(v));
    }
  }

  /**
   * The {@code via.channel} of an audit or event as a via type, or null if it has no {@code via} or
   * no channel: a via id (an integer) is read as its via type ({@code 8} is {@code "rule"}); a
   * {@code via} that is not an object, or a channel that is neither a string nor a non-negative
   * integer, is refused at its path rather than read as no channel (which would lose the ticket's
   * channel, or a business rule's authorship, without a word).
   */
  private static String viaChannel(JsonNode holder, String path) {
    JsonNode via = holder.get("via");
    if (via == null || via.isNull()) {
      return null;
    }
    if (!via.isObject()) {
      throw bad("expected an object but found " + excerpt(via), path + ".via");
    }
    JsonNode channel = via.get("channel");
    if (channel == null || channel.isNull()) {
      return null;
    }
    if (channel.isTextual()) {
      return channel.textValue();
    }
    // A via id is the same via as its via type ("Via types reference": "channel": 4 is "mail")
    if (channel.isIntegralNumber() && channel.canConvertToInt() && channel.intValue() >= 0) {
      return VIA_TYPES.getOrDefault(channel.intValue(), Integer.toString(channel.intValue()));
    }
    throw bad(
        "expected a via type (a string) or a via id (a non-negative integer) but found "
            + excerpt(channel),
        path + ".via.channel");
  }
}
