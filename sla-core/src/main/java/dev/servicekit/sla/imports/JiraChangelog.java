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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports one Jira Service Management request's history from the Jira Cloud REST issue with its
 * changelog ({@code GET /rest/api/3/issue/{issueIdOrKey}?expand=changelog}, fields {@code created},
 * {@code reporter}, {@code status}, {@code priority}, {@code labels}, {@code comment}), as
 * documented at developer.atlassian.com ("Issues: Get issue", the {@code Changelog} and {@code
 * Comment} schemas). The changelog and the comments must be whole: a {@code startAt} after 0 or a
 * {@code total} above the histories or comments given (expand=changelog returns at most 100
 * histories) is refused at that field; fetch every page and put them in the one document. So is an
 * export without {@code changelog} (fetched without {@code expand=changelog}) or without {@code
 * fields.comment} (a {@code fields} parameter that leaves it out), at the missing field: Jira
 * writes both, their lists empty or not, whenever they were asked for, and without them every
 * status would read as the one the request was created in and every reply as never sent.
 *
 * <p><b>Mapped.</b> {@link TicketEvent.Created} at {@code fields.created}, by the customer (a JSM
 * request is the reporter's), with attributes {@code issuetype} and {@code channel} {@code "jira"}
 * and the labels as tags, all as they were at creation: the initial status, priority and labels are
 * the {@code fromString} of each field's earliest changelog item, or the current value if it never
 * changed. The initial status and priority follow as {@link TicketEvent.StatusChanged} and {@link
 * TicketEvent.PriorityChanged}. Changelog items: {@code status} to {@link
 * TicketEvent.StatusChanged}, {@code priority} to {@link TicketEvent.PriorityChanged}, {@code
 * labels} to {@link TicketEvent.TagsChanged}, {@code assignee} to {@link TicketEvent.Assigned}, and
 * any other field with a value to {@link TicketEvent.AttributeChanged} keyed by the field name. An
 * item that empties the priority or another field ({@code toString} and {@code to} both null or
 * whitespace: a select field set to none, a text field emptied, a resolution removed) maps to
 * {@link TicketEvent.PriorityCleared} (back to the priority matrix) or {@link
 * TicketEvent.AttributeCleared}. Comments ({@code fields.comment.comments}): by an account of type
 * {@code customer}, or a customer-visible one by the reporter, a {@link
 * TicketEvent.CustomerMessage}; otherwise (an internal comment by a reporter who is an agent
 * included: only agents add internal comments) an {@link TicketEvent.AgentReply}, public per {@code
 * jsdPublic} (internal notes are {@code false}; public when absent; a value other than {@code true}
 * or {@code false} is an error) and automated for accounts of type {@code app} (automation rules,
 * bots). Names are normalised to keys ("Waiting for support" becomes {@code waiting-for-support}).
 * A changelog item's {@code fromString}, {@code toString} or {@code to}, or the {@code name} of
 * {@code status}, {@code priority} or {@code issuetype}, that is not a string, an integer or null
 * is an error at its path.
 *
 * <p>Histories are read in time order. The list may be newest first or oldest first, as told by its
 * first and last history's time (of one instant, by their ids); histories of one instant (an
 * automation's chained transitions) keep the order of the list read that way, and a history's items
 * their own order. Where the event ids of one instant's histories would sort otherwise as text (a
 * clock applies one instant's writes of a field in id order: {@code jira-h10-0} before {@code
 * jira-h9-0}), the history whose id sorts before an earlier one's, and those after it, are stamped
 * one nanosecond later; the others keep their instant.
 *
 * <p><b>Ignored, and counted.</b> A status or assignee cleared to nothing (an unassigned issue:
 * assignment has no effect on clocks), values that are not keys after normalisation (over 64
 * characters), and everything outside the fields above (summary, description, worklogs,
 * attachments): they do not change what an SLA measures. Jira's own SLA fields are what this
 * library computes.
 *
 * <p>Event ids: {@code jira-created}, {@code jira-h<history id>-<item index>}, {@code
 * jira-c<comment id>}. Errors name the JSON path (and line and column for malformed JSON).
 * Stateless and thread-safe.
 */
public final class JiraChangelog {

  /** Text and bookkeeping fields: they say nothing an SLA measures. */
  private static final Set<String> NOT_MAPPED =
      Set.of(
          "summary",
          "description",
          "environment",
          "attachment",
          "comment",
          "worklogid",
          "timespent",
          "timeestimate",
          "timeoriginalestimate",
          "rank",
          "link");

  private JiraChangelog() {}

  /**
   * Reads an issue export from a stream (not closed).
   *
   * @param in the export
   * @return the request's history
   * @throws IllegalArgumentException if the export is malformed, or longer than 64 MiB; a value's
   *     error names its path, line and column
   */
  public static ImportedHistory read(InputStream in) {
    Objects.requireNonNull(in, "in");
    return ExportJson.read(in, "Jira issue export", JiraChangelog::map, null);
  }

  /**
   * Reads an issue export.
   *
   * @param json the export
   * @return the request's history
   * @throws IllegalArgumentException if the export is malformed, or longer than 64 MiB; a value's
   *     error names its path, line and column
   */
  public static ImportedHistory read(String json) {
    Objects.requireNonNull(json, "json");
    return ExportJson.read(json, "Jira issue export", JiraChangelog::map, null);
  }

  private record Item(String history, int index, Instant at, JsonNode node, String path) {}

  private static ImportedHistory map(JsonNode root) {
    if (!root.isObject()) {
      throw bad("expected an issue object but found " + excerpt(root), "$");
    }
    String ticket = ExportJson.ticketId(required(root, "key", "$"), "key", "key");
    JsonNode fields = required(root, "fields", "$");
    // a container of the wrong type would read as absent: no changes, comments or initial values
    objectOrAbsent(root, "fields", "fields");
    objectOrAbsent(root, "changelog", "changelog");
    for (String f : List.of("status", "priority", "issuetype", "comment", "reporter")) {
      objectOrAbsent(fields, f, "fields." + f);
    }
    Instant created = instant(required(fields, "created", "fields"), "fields.created");
    String reporter = accountId(fields.get("reporter"), "fields.reporter");
    Map<String, Long> ignored = new LinkedHashMap<>();

    List<Item> items = new ArrayList<>();
    JsonNode histories =
        pageList(
            root.path("changelog"),
            "histories",
            "changelog",
            "expand=changelog returns at most 100 histories; fetch them all"
                + " (GET /rest/api/3/issue/{key}/changelog, every page) and put them in"
                + " changelog.histories");
    if (histories != null) {
      List<List<Item>> byHistory = new ArrayList<>();
      Map<String, Map.Entry<Object, String>> seen = new java.util.HashMap<>();
      boolean[] repeat = ExportJson.repeats(histories, "id");
      for (int i = 0; i < histories.size(); i++) {
        JsonNode h = histories.get(i);
        String hp = "changelog.histories[" + i + "]";
        if (repeat[i]) {
          continue; // the same history again (pages joined with an overlap): read once
        }
        JsonNode its = ExportJson.array(h.get("items"), hp + ".items");
        String hid =
            ExportJson.id(
                required(h, "id", hp),
                "id",
                hp + ".id",
                "jira-h",
                "-" + Math.max(0, its.size() - 1));
        Instant at = instant(required(h, "created", hp), hp + ".created");
        ExportJson.once(seen, "history id", hid, h, hp);
        List<Item> of = new ArrayList<>(its.size());
        for (int k = 0; k < its.size(); k++) {
          of.add(new Item(hid, k, at, its.get(k), hp + ".items[" + k + "]"));
        }
        byHistory.add(of);
      }
      // The API lists newest first or oldest first: read a newest-first list backwards, so that
      // histories of one instant (an automation's transitions) keep their order when sorted by time
      // below; a history's items keep theirs.
      int last = histories.size() - 1;
      if (byHistory.size() > 1
          && ExportJson.newestFirst(
              at(histories, 0),
              at(histories, last),
              histories.get(0).get("id"),
              histories.get(last).get("id"))) {
        java.util.Collections.reverse(byHistory);
      }
      byHistory.forEach(items::addAll);
    }
    items.sort(java.util.Comparator.comparing(Item::at)); // stable: ties keep the order above
    items = apartInIdOrder(items);

    String status =
        initial(items, "status", fields.path("status").get("name"), "fields.status.name");
    String priority =
        initial(items, "priority", fields.path("priority").get("name"), "fields.priority.name");
    Set<String> labels = new LinkedHashSet<>();
    String initialLabels = initial(items, "labels", null, null);
    if (initialLabels != null || hasChange(items, "labels")) {
      labels.addAll(labelSet(initialLabels, ignored));
    } else if (fields.get("labels") != null && !fields.get("labels").isNull()) {
      JsonNode current = ExportJson.array(fields.get("labels"), "fields.labels");
      for (int q = 0; q < current.size(); q++) {
        labels.addAll(
            labelSet(ExportJson.string(current.get(q), "fields.labels[" + q + "]"), ignored));
      }
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("channel", "jira");
    String typeName =
        ExportJson.value(fields.path("issuetype").get("name"), "fields.issuetype.name");
    String type = key(typeName);
    if (type != null) {
      attrs.put("issuetype", type);
    } else if (typeName != null) {
      count(ignored, "created issuetype not a key");
    }
    List<TicketEvent> out = new ArrayList<>();
    out.add(TicketEvent.Created.byCustomer(ticket, "jira-created", created, attrs, labels));
    if (key(status) != null) {
      out.add(new TicketEvent.StatusChanged(ticket, "jira-created-status", created, key(status)));
    } else if (status != null) {
      count(ignored, "created status not a key");
    }
    if (key(priority) != null) {
      out.add(
          new TicketEvent.PriorityChanged(ticket, "jira-created-priority", created, key(priority)));
    } else if (priority != null) {
      count(ignored, "created priority not a key");
    }
    for (Item it : items) {
      JsonNode n = it.node();
      String field = text(required(n, "field", it.path()), it.path() + ".field");
      String id = "jira-h" + it.history() + "-" + it.index();
      String value = ExportJson.value(n.get("toString"), it.path() + ".toString");
      switch (field) {
        case "status" ->
            add(
                out,
                ignored,
                field,
                key(value),
                v -> new TicketEvent.StatusChanged(ticket, id, it.at(), v));
        case "priority" -> {
          if (cleared(value, n, it.path())) {
            out.add(new TicketEvent.PriorityCleared(ticket, id, it.at()));
          } else {
            add(
                out,
                ignored,
                field,
                key(value),
                v -> new TicketEvent.PriorityChanged(ticket, id, it.at(), v));
          }
        }
        case "labels" ->
            out.add(new TicketEvent.TagsChanged(ticket, id, it.at(), labelSet(value, ignored)));
        case "assignee" ->
            add(
                out,
                ignored,
                field,
                key(ExportJson.value(n.get("to"), it.path() + ".to")),
                v -> new TicketEvent.Assigned(ticket, id, it.at(), v));
        default -> {
          String k = key(field);
          if (k == null || NOT_MAPPED.contains(k)) {
            count(ignored, "changelog item " + JsonInput.excerpt(field));
            continue;
          }
          if (cleared(value, n, it.path())) {
            out.add(new TicketEvent.AttributeCleared(ticket, id, it.at(), k));
          } else {
            add(
                out,
                ignored,
                field,
                key(value),
                v -> new TicketEvent.AttributeChanged(ticket, id, it.at(), k, v));
          }
        }
      }
    }
    JsonNode comments =
        pageList(
            fields.path("comment"),
            "comments",
            "fields.comment",
            "fetch every comment (GET /rest/api/3/issue/{key}/comment, every page) and put them in"
                + " fields.comment.comments");
    if (comments != null) {
      Map<String, Map.Entry<Object, String>> seen = new java.util.HashMap<>();
      boolean[] repeat = ExportJson.repeats(comments, "id");
      for (int i = 0; i < comments.size(); i++) {
        JsonNode c = comments.get(i);
        String cp = "fields.comment.comments[" + i + "]";
        if (repeat[i]) {
          continue; // the same comment again: read once
        }
        String id = "jira-c" + ExportJson.id(required(c, "id", cp), "id", cp + ".id", "jira-c", "");
        ExportJson.once(seen, "comment id", id.substring("jira-c".length()), c, cp);
        Instant at = instant(required(c, "created", cp), cp + ".created");
        JsonNode author = c.get("author");
        String by = accountId(author, cp + ".author");
        String accountType =
            author == null || author.isNull()
                ? ""
                : Objects.requireNonNullElse(
                    ExportJson.value(author.get("accountType"), cp + ".author.accountType"), "");
        boolean isPublic = flag(c, "jsdPublic", cp, true); // absent: public (Jira Software)
        // An internal comment is an agent's, also when the agent reported the request (an agent
        // acting as a customer): only agents add internal notes, which the customer never sees.
        if ("customer".equals(accountType) || (isPublic && by != null && by.equals(reporter))) {
          out.add(new TicketEvent.CustomerMessage(ticket, id, at));
        } else {
          TicketEvent.AgentReply reply =
              isPublic
                  ? TicketEvent.AgentReply.publicReply(ticket, id, at)
                  : TicketEvent.AgentReply.internalNote(ticket, id, at);
          out.add("app".equals(accountType) ? reply.asAutomated() : reply);
        }
      }
    }
    // Checked last, so that any other error of the export is reported where it stands. Jira sends
    // "changelog" (with its "histories", empty or not) only under expand=changelog: without it
    // every status, priority and label would read as unchanged since the creation, and the
    // current status (Resolved, say) as the one the request was created in, met at once.
    if (histories == null) {
      boolean container = root.path("changelog").isObject();
      throw bad(
          "the export has no changelog"
              + (container ? " histories" : "")
              + ": the issue was fetched without expand=changelog, so its status, priority and"
              + " label changes are unknown; fetch GET /rest/api/3/issue/{key}?expand=changelog",
          container ? "changelog.histories" : "changelog");
    }
    // Jira returns the comment field (with its "comments", empty or not) unless the request's
    // "fields" left it out: without it every reply is unknown and every reply target breaches.
    if (comments == null) {
      boolean container = fields.path("comment").isObject();
      throw bad(
          "the export has no comments"
              + (container ? "" : " field")
              + ": the issue was fetched without the comment field (a fields parameter that"
              + " leaves it out), so its replies are unknown; fetch it with the comment field",
          container ? "fields.comment.comments" : "fields.comment");
    }
    return new ImportedHistory(ticket, out, ignored);
  }

  /**
   * The list {@code field} of a paged container ({@code changelog.histories}, {@code
   * fields.comment.comments}): null if absent, refused if not an array, and refused with {@code
   * advice} if the container says it is one page of more ({@link ExportJson#wholeList}), which a
   * container without its list is too.
   */
  private static JsonNode pageList(JsonNode container, String field, String path, String advice) {
    JsonNode list = container.get(field);
    boolean has = list != null && !list.isNull();
    if (has) {
      ExportJson.array(list, path + "." + field);
    }
    if (container.isObject()) {
      ExportJson.wholeList(container, has ? list.size() : 0, path, advice);
    }
    return has ? list : null;
  }

  /**
   * Histories of one instant are separate updates in list order (an automation's chained
   * transitions), but a clock applies one instant's writes of a field in event-id order, as text:
   * {@code jira-h10-0} before {@code jira-h9-0}, which would leave the issue in the status it
   * passed through. The items of each history are stamped apart as {@link
   * ExportJson#apartInIdOrder} says, a history's id standing for its events' ids (Jira's times have
   * milliseconds).
   */
  private static List<Item> apartInIdOrder(List<Item> items) {
    // the histories in list order (a history's items are consecutive), with their instant and id
    List<Instant> at = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (i == 0 || !items.get(i).history().equals(items.get(i - 1).history())) {
        at.add(items.get(i).at());
        ids.add(items.get(i).history());
      }
    }
    String[] id = ids.toArray(new String[0]);
    long[] apart = ExportJson.apartInIdOrder(at.toArray(new Instant[0]), id, id);
    List<Item> out = null;
    for (int i = 0, h = -1; i < items.size(); i++) {
      Item it = items.get(i);
      if (i == 0 || !it.history().equals(items.get(i - 1).history())) {
        h++;
      }
      if (apart[h] != 0 && out == null) {
        out = new ArrayList<>(items.subList(0, i));
      }
      if (out != null) {
        out.add(
            apart[h] == 0
                ? it
                : new Item(
                    it.history(), it.index(), it.at().plusNanos(apart[h]), it.node(), it.path()));
      }
    }
    return out == null ? items : out;
  }

  /** The {@code created} of history {@code i}, read (and checked) above. */
  private static Instant at(JsonNode histories, int i) {
    String hp = "changelog.histories[" + i + "]";
    return instant(histories.get(i).get("created"), hp + ".created");
  }

  private static void objectOrAbsent(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v != null && !v.isNull() && !v.isObject()) {
      throw bad("expected an object but found " + excerpt(v), path);
    }
  }

  /**
   * A user's {@code accountId}, null if the user or the id is absent; a user that is not an object,
   * or an id that is not a string, is refused at its path (an object read as the id {@code ""}
   * matched another such id, and a string user read as no user: an agent).
   */
  private static String accountId(JsonNode user, String path) {
    if (user == null || user.isNull()) {
      return null;
    }
    if (!user.isObject()) {
      throw bad("expected a user object but found " + excerpt(user), path);
    }
    return ExportJson.value(user.get("accountId"), path + ".accountId");
  }

  private static boolean hasChange(List<Item> items, String field) {
    return items.stream().anyMatch(i -> field.equals(i.node().path("field").asText()));
  }

  /**
   * The value before the field's earliest change, or the current value (at {@code currentPath}) if
   * it never changed.
   */
  private static String initial(
      List<Item> items, String field, JsonNode current, String currentPath) {
    for (Item i : items) {
      if (field.equals(i.node().path("field").asText())) {
        return ExportJson.value(i.node().get("fromString"), i.path() + ".fromString");
      }
    }
    return ExportJson.value(current, currentPath);
  }

  private static Set<String> labelSet(String spaceSeparated, Map<String, Long> ignored) {
    Set<String> out = new LinkedHashSet<>();
    if (spaceSeparated != null) {
      for (String l : spaceSeparated.trim().split("\\s+")) {
        if (l.isEmpty()) {
          continue;
        }
        String k = key(l);
        if (k == null) {
          count(ignored, "label that is not a key");
        } else {
          out.add(k);
        }
      }
    }
    return out;
  }

  /**
   * Whether a changelog item empties its field: no display value ({@code toString} null or
   * whitespace) and no id ({@code to} likewise): a select or user field set to none, a text field
   * emptied. An id without a display value is not read as a clear.
   */
  private static boolean cleared(String value, JsonNode item, String path) {
    if (value != null && !ExportJson.blank(value)) {
      return false;
    }
    String to = ExportJson.value(item.get("to"), path + ".to");
    return to == null || ExportJson.blank(to);
  }

  private static void add(
      List<TicketEvent> out,
      Map<String, Long> ignored,
      String field,
      String value,
      java.util.function.Function<String, TicketEvent> kind) {
    if (value == null) {
      count(ignored, "changelog item " + JsonInput.excerpt(field) + " cleared or not a key");
    } else {
      out.add(kind.apply(value));
    }
  }
}
