package dev.servicekit.sla.imports;

import static dev.servicekit.sla.imports.ExportJson.bad;
import static dev.servicekit.sla.imports.ExportJson.count;
import static dev.servicekit.sla.imports.ExportJson.excerpt;
import static dev.servicekit.sla.imports.ExportJson.key;
import static dev.servicekit.sla.imports.ExportJson.required;

import com.fasterxml.jackson.databind.JsonNode;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.internal.JsonInput;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imports one ServiceNow incident's history from three responses of ServiceNow's Table API, put in
 * one JSON object by the caller:
 *
 * <pre>{@code
 * {"sysparm_display_value": "false",
 *  "record":  <GET /api/now/table/incident/{sys_id}?sysparm_fields=...,caller_id.user_name>,
 *  "audit":   <GET /api/now/table/sys_audit?sysparm_query=documentkey={sys_id}>,
 *  "journal": <GET /api/now/table/sys_journal_field?sysparm_query=element_id={sys_id}>}
 * }</pre>
 *
 * <p>Each response is the object {@code {"result": ...}} or its {@code result} alone. Sources read
 * (ServiceNow's documentation, github.com/ServiceNow/ServiceNowDocs): the Table API ({@code
 * api-reference/rest-apis/c_TableAPI.md}: with {@code sysparm_display_value} {@code false}, the
 * default, a date field is "in UTC format", with {@code true} it is "based on the user's time
 * zone", with {@code all} each field is an object holding both; a reference field's actual value is
 * the {@code sys_id}), the Sys Audit table ({@code
 * platform-security/c_UnderstandingTheSysAuditTable.md}: {@code fieldname}, {@code documentkey},
 * {@code user}, {@code oldvalue}, {@code newvalue}, reference values as {@code sys_id}, date values
 * in UTC; journal entries are audited too), journal entries ({@code
 * api-reference/web-services/retrieving-journal-entries.md}: {@code element_id} is the record's
 * {@code sys_id}, {@code element} the journal field, such as {@code comments}), the incident life
 * cycle ({@code it-service-management/incident-management/c_IncidentManagementStateModel.md}) and
 * KB0564465 (hi.service-now.com, "Incident Management State Model | New in Helsinki": the codes of
 * both state models), and the ServiceNow developer blog's "Dot-walking in the REST Table API"
 * (developer.servicenow.com: {@code sysparm_fields} takes dot-walked fields such as {@code
 * caller_id.user_name}, written under that name in the result). No first-party page giving the
 * choice values of {@code priority} (1 Critical ... 5 Planning) or the columns of {@code
 * sys_journal_field} ({@code value}, {@code sys_created_by}) could be read here: those follow the
 * instance's default dictionary as widely documented by third parties.
 *
 * <p><b>Time.</b> The export must say how it was fetched: {@code "sysparm_display_value"} {@code
 * "false"} (plain actual values) or {@code "all"} (each field {@code {"display_value": ...,
 * "value": ...}}, of which the {@code value} is read). {@code "true"} (display values: date-times
 * in some user's zone and format, states and priorities as translated names) or no declaration is
 * refused: the same text {@code 2026-01-05 09:00:00} would be read in an unknown zone. Date-times
 * are {@code yyyy-MM-dd HH:mm:ss}, read as UTC; any other form is refused. A reference field given
 * as {@code {"link": ..., "value": ...}} is read by its {@code value}.
 *
 * <p><b>Mapped.</b> {@link TicketEvent.Created} at the record's {@code sys_created_on}, by the
 * customer (a ServiceNow SLA starts from its start condition, whoever opened the record), with the
 * attributes {@code impact}, {@code urgency}, {@code category}, {@code subcategory}, {@code
 * assignment_group} and {@code contact_type} as they were at creation; the initial state, priority
 * and assignee follow as {@link TicketEvent.StatusChanged}, {@link TicketEvent.PriorityChanged} and
 * {@link TicketEvent.Assigned}. A value at creation is the {@code oldvalue} of the field's earliest
 * audit row, or the record's value if it never changed. Audit rows: {@code state} to a status
 * ({@link StateModel}: the statuses {@link dev.servicekit.sla.SlaPreset#SERVICENOW} declares; a
 * code the model does not have is refused), {@code priority} to a priority (the default choices
 * {@code 1} - Critical to {@code 5} - Planning as keys {@code 1-critical}, {@code 2-high}, {@code
 * 3-moderate}, {@code 4-low}, {@code 5-planning}; any other code is refused), {@code assigned_to}
 * to {@link TicketEvent.Assigned} (the user's {@code sys_id}), any other field to {@link
 * TicketEvent.AttributeChanged} keyed by the field name, or {@link TicketEvent.AttributeCleared}
 * when emptied. Journal entries: {@code comments} by the caller a {@link
 * TicketEvent.CustomerMessage}, by anyone else a public {@link TicketEvent.AgentReply}; {@code
 * work_notes} an internal note. The caller is told by user name: the record's {@code
 * caller_id.user_name} (fetch it with {@code sysparm_fields}, dot-walked), which the entry's {@code
 * sys_created_by} is compared with; an export with comments and no caller user name is refused (a
 * caller's comment read as an agent's reply would be a false first response). ServiceNow audits
 * journal entries too: an export whose audit has more rows of {@code comments} or {@code
 * work_notes} than its journal has entries of that field is refused (a journal fetched in part).
 * The responses must be whole: join the pages of a paginated list ({@code sysparm_offset}) before
 * reading.
 *
 * <p>Of one instant (ServiceNow's times have seconds), the journal entries come first (a caller's
 * comment, then the state change it caused), then the audit rows; both keep the list's order; where
 * the event ids of one instant would sort otherwise as text, the later ones are stamped one
 * nanosecond apart, as the other importers do.
 *
 * <p><b>Ignored, and counted.</b> ServiceNow's own SLA and computed fields and bookkeeping: every
 * field starting with {@code sys_} ({@code sys_updated_on}, {@code sys_mod_count}, ...), {@code
 * calendar_duration}, {@code business_duration}, {@code calendar_stc}, {@code business_stc}, {@code
 * made_sla}, {@code sla_due}, {@code escalation}, {@code activity_due}, {@code reopen_count},
 * {@code reassignment_count}, {@code opened_at}, {@code resolved_at}, {@code closed_at}, {@code
 * reopened_time}; {@code incident_state} (a mirror of {@code state}); text and people that are no
 * SLA input ({@code short_description}, {@code description}, {@code close_notes}, {@code
 * caller_id}, {@code opened_by}, {@code resolved_by}, {@code closed_by}, {@code watch_list}, {@code
 * work_notes_list}); the assignee cleared; journal entries of other fields; values that are not
 * keys. Audit rows of the journal fields ({@code comments}, {@code work_notes}) are not counted:
 * the journal entries themselves are mapped.
 *
 * <p>Event ids: {@code sn-created} (and {@code -state}, {@code -priority}, {@code -assigned}),
 * {@code sn-u<audit sys_id>} (an update), {@code sn-j<journal sys_id>}. Errors name the JSON path
 * (and line and column). Stateless and thread-safe.
 */
public final class ServiceNowAudit {

  /**
   * Which incident state model the instance runs: the codes of {@code state} differ (KB0564465).
   */
  public enum StateModel {
    /**
     * The model of instances set up since Helsinki: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7
     * Closed, 8 Canceled.
     */
    HELSINKI,
    /**
     * The model of instances set up before Helsinki (kept on upgrade): 1 New, 2 Active (read as
     * {@code in-progress}), 3 Awaiting Problem and 5 Awaiting Evidence (read as {@code on-hold},
     * where the newer model puts them), 4 Awaiting User Info, 6 Resolved, 7 Closed.
     */
    PRE_HELSINKI
  }

  private static final String WHAT = "ServiceNow export";

  private static final Map<String, String> PRIORITIES =
      Map.of("1", "1-critical", "2", "2-high", "3", "3-moderate", "4", "4-low", "5", "5-planning");

  /** Computed, bookkeeping and text fields: nothing an SLA is measured from. */
  private static final Set<String> NOT_MAPPED =
      Set.of(
          "calendar_duration",
          "business_duration",
          "calendar_stc",
          "business_stc",
          "made_sla",
          "sla_due",
          "escalation",
          "activity_due",
          "reopen_count",
          "reassignment_count",
          "opened_at",
          "resolved_at",
          "closed_at",
          "reopened_time",
          "incident_state",
          "short_description",
          "description",
          "close_notes",
          "caller_id",
          "opened_by",
          "resolved_by",
          "closed_by",
          "watch_list",
          "work_notes_list");

  /** The journal fields: their audit rows repeat the journal entries, which are mapped. */
  private static final Set<String> JOURNAL = Set.of("comments", "work_notes");

  private static final List<String> AT_CREATION =
      List.of("impact", "urgency", "category", "subcategory", "assignment_group", "contact_type");

  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("uuuu-MM-dd HH:mm:ss")
          .toFormatter(Locale.ROOT)
          .withResolverStyle(ResolverStyle.STRICT)
          .withChronology(IsoChronology.INSTANCE);

  private ServiceNowAudit() {}

  /**
   * Reads an export from a stream (not closed), of an instance on the {@link StateModel#HELSINKI}
   * state model.
   *
   * @param in the export
   * @return the incident's history
   * @throws IllegalArgumentException if the export is malformed, incomplete, fetched with display
   *     values, holds a state or priority code the model does not have, has comments and no caller
   *     user name, or is longer than 64 MiB; a value's error names its path, line and column
   */
  public static ImportedHistory read(InputStream in) {
    return read(in, StateModel.HELSINKI);
  }

  /**
   * Reads an export from a stream (not closed).
   *
   * @param in the export
   * @param model the instance's incident state model
   * @return the incident's history
   * @throws IllegalArgumentException as {@link #read(InputStream)}
   */
  public static ImportedHistory read(InputStream in, StateModel model) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(model, "model");
    return ExportJson.read(in, WHAT, root -> map(root, model), null);
  }

  /**
   * Reads an export of an instance on the {@link StateModel#HELSINKI} state model.
   *
   * @param json the export
   * @return the incident's history
   * @throws IllegalArgumentException as {@link #read(InputStream)}
   */
  public static ImportedHistory read(String json) {
    return read(json, StateModel.HELSINKI);
  }

  /**
   * Reads an export.
   *
   * @param json the export
   * @param model the instance's incident state model
   * @return the incident's history
   * @throws IllegalArgumentException as {@link #read(InputStream)}
   */
  public static ImportedHistory read(String json, StateModel model) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(model, "model");
    return ExportJson.read(json, WHAT, root -> map(root, model), null);
  }

  /** An audit row or a journal entry, placed in time. */
  private record Entry(
      String id, Instant at, long order, JsonNode node, String path, boolean journal) {}

  private static ImportedHistory map(JsonNode root, StateModel model) {
    if (!root.isObject()) {
      throw bad(
          "expected an object {\"sysparm_display_value\": ..., \"record\": ..., \"audit\": ...,"
              + " \"journal\": ...} but found "
              + excerpt(root),
          "$");
    }
    displayValues(root);
    JsonNode record = result(root, "record");
    String recordPath = root.get("record").has("result") ? "record.result" : "record";
    if (!record.isObject()) {
      throw bad("expected the record object but found " + excerpt(record), recordPath);
    }
    String ticketId =
        ExportJson.ticketId(
            textNode(required(record, "sys_id", recordPath), recordPath + ".sys_id"),
            "sys_id",
            recordPath + ".sys_id");
    Instant created = dateTime(record, "sys_created_on", recordPath);
    String caller = value(record, "caller_id.user_name", recordPath);
    JsonNode audit = result(root, "audit");
    String auditPath = root.get("audit").isObject() ? "audit.result" : "audit";
    JsonNode journal = result(root, "journal");
    String journalPath = root.get("journal").isObject() ? "journal.result" : "journal";
    ExportJson.array(audit, auditPath);
    ExportJson.array(journal, journalPath);

    List<Entry> entries = new ArrayList<>(audit.size() + journal.size());
    Map<String, Map.Entry<Object, String>> seenA = new HashMap<>();
    for (int i = 0; i < audit.size(); i++) {
      JsonNode a = audit.get(i);
      String p = auditPath + "[" + i + "]";
      if (!a.isObject()) {
        throw bad("expected an audit row object but found " + excerpt(a), p);
      }
      String id = sysId(a, p, "sn-u");
      boolean again = seenA.containsKey(id);
      ExportJson.once(seenA, "audit sys_id", id, a, p, "sys_id");
      if (again) {
        continue; // the same row again (pages joined with an overlap): read once
      }
      sameRecord(a, "documentkey", p, ticketId);
      if (value(a, "fieldname", p) == null) {
        throw bad("fieldname is required", p + ".fieldname");
      }
      entries.add(new Entry("sn-u" + id, dateTime(a, "sys_created_on", p), i, a, p, false));
    }
    Map<String, Map.Entry<Object, String>> seenJ = new HashMap<>();
    for (int i = 0; i < journal.size(); i++) {
      JsonNode j = journal.get(i);
      String p = journalPath + "[" + i + "]";
      if (!j.isObject()) {
        throw bad("expected a journal entry object but found " + excerpt(j), p);
      }
      String id = sysId(j, p, "sn-j");
      boolean again = seenJ.containsKey(id);
      ExportJson.once(seenJ, "journal sys_id", id, j, p, "sys_id");
      if (again) {
        continue; // the same entry again: read once
      }
      sameRecord(j, "element_id", p, ticketId);
      entries.add(
          new Entry("sn-j" + id, dateTime(j, "sys_created_on", p), audit.size() + i, j, p, true));
    }
    // Of one second, the journal first (the caller's comment, then the state change it caused),
    // then the audit rows, each in list order. So does a clock, by event id ("sn-j" before "sn-u";
    // within each, stamped apart where the ids sort otherwise).
    entries.sort(
        Comparator.comparing(Entry::at)
            .thenComparing(e -> !e.journal())
            .thenComparingLong(Entry::order));
    entries = apartInIdOrder(entries);

    Map<String, Long> ignored = new LinkedHashMap<>();
    Map<String, String> attrs = new LinkedHashMap<>();
    for (String f : AT_CREATION) {
      String v = initial(entries, f, record, recordPath, created);
      if (v != null && !ExportJson.blank(v)) {
        String k = key(v);
        if (k == null) {
          count(ignored, "created " + f + " not a key");
        } else {
          attrs.put(f, k);
        }
      }
    }
    String state = initial(entries, "state", record, recordPath, created);
    if (state == null || ExportJson.blank(state)) {
      String where = initialPath(entries, "state", recordPath);
      throw bad(
          where.endsWith(".oldvalue")
              ? "the state at creation is unknown: the earliest state row has no oldvalue"
              : "state is required",
          where);
    }
    String priority = initial(entries, "priority", record, recordPath, created);
    String assignee = initial(entries, "assigned_to", record, recordPath, created);
    journalComplete(entries, journalPath);

    List<TicketEvent> out = new ArrayList<>();
    out.add(TicketEvent.Created.byCustomer(ticketId, "sn-created", created, attrs, Set.of()));
    String where = initialPath(entries, "state", recordPath);
    out.add(
        new TicketEvent.StatusChanged(
            ticketId, "sn-created-state", created, status(state, model, where)));
    if (priority != null && !ExportJson.blank(priority)) {
      out.add(
          new TicketEvent.PriorityChanged(
              ticketId,
              "sn-created-priority",
              created,
              priority(priority, initialPath(entries, "priority", recordPath))));
    }
    if (assignee != null && !ExportJson.blank(assignee)) {
      String k = key(assignee);
      if (k == null) {
        count(ignored, "created assigned_to not a key");
      } else {
        out.add(new TicketEvent.Assigned(ticketId, "sn-created-assigned", created, k));
      }
    }
    for (Entry e : entries) {
      if (e.journal()) {
        journal(out, ignored, ticketId, e, caller, recordPath);
      } else {
        audit(out, ignored, ticketId, e, model);
      }
    }
    return new ImportedHistory(ticketId, out, ignored);
  }

  /** Refuses an export that does not say it holds actual values, or holds display values. */
  private static void displayValues(JsonNode root) {
    JsonNode d = root.get("sysparm_display_value");
    String p = "sysparm_display_value";
    if (d == null || d.isNull()) {
      throw bad(
          "sysparm_display_value is required: say how the responses were fetched, \"false\" or"
              + " \"all\" (with display values, date-times are in a user's time zone)",
          p);
    }
    String v = d.isBoolean() ? String.valueOf(d.booleanValue()) : d.isTextual() ? d.asText() : null;
    if ("true".equals(v)) {
      throw bad(
          "display values are refused: their date-times are in a user's time zone and format and"
              + " their states translated names; fetch with sysparm_display_value=false or all",
          p);
    }
    if (!"false".equals(v) && !"all".equals(v)) {
      throw bad("expected \"false\" or \"all\" but found " + excerpt(d), p);
    }
  }

  /** A response: its {@code result}, or the response itself if it is not a result wrapper. */
  private static JsonNode result(JsonNode root, String field) {
    JsonNode r = required(root, field, "$");
    if (r.isObject() && r.has("result")) {
      JsonNode inner = r.get("result");
      if (inner.isNull()) {
        throw bad("result is required", field + ".result");
      }
      return inner;
    }
    if (r.isObject() && !"record".equals(field)) {
      throw bad("result is required", field + ".result");
    }
    return r;
  }

  /** A field's actual value: the field, or the {@code value} of an object holding it. */
  private static String value(JsonNode o, String field, String p) {
    JsonNode n = o.get(field);
    if (n != null && n.isObject()) {
      return ExportJson.value(n.get("value"), p + "." + field + ".value");
    }
    return ExportJson.value(n, p + "." + field);
  }

  /** A field's node for an id: the field, or the {@code value} of an object holding it. */
  private static JsonNode textNode(JsonNode n, String p) {
    if (n.isObject()) {
      JsonNode v = n.get("value");
      if (v == null || v.isNull()) {
        throw bad("value is required", p + ".value");
      }
      return v;
    }
    return n;
  }

  private static String sysId(JsonNode o, String p, String prefix) {
    JsonNode n = textNode(required(o, "sys_id", p), p + ".sys_id");
    return ExportJson.id(n, "sys_id", p + ".sys_id", prefix, "");
  }

  private static void sameRecord(JsonNode o, String field, String p, String ticketId) {
    String v = value(o, field, p);
    if (v != null && !v.equals(ticketId)) {
      throw bad(
          "row of record "
              + JsonInput.excerpt(v)
              + " in the export of record "
              + JsonInput.excerpt(ticketId),
          p + "." + field);
    }
  }

  /** A date-time of the Table API's actual values: {@code yyyy-MM-dd HH:mm:ss}, UTC. */
  private static Instant dateTime(JsonNode o, String field, String p) {
    String path = p + "." + field;
    JsonNode n = o.get(field);
    if (n != null && n.isObject()) {
      n = n.get("value");
      path += ".value";
    }
    if (n == null || n.isNull()) {
      throw bad(field + " is required", path);
    }
    if (!n.isTextual()) {
      throw bad("expected a date-time string but found " + excerpt(n), path);
    }
    Instant at;
    try {
      at = LocalDateTime.parse(n.textValue(), DATE_TIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw bad(
          "date-time "
              + excerpt(n)
              + " is not the Table API's actual value yyyy-MM-dd HH:mm:ss (UTC)",
          path);
    }
    return ExportJson.supported(at, "date-time", n, path);
  }

  private static String status(String code, StateModel model, String path) {
    String s =
        switch (code.strip()) {
          case "1" -> "new";
          case "2" -> "in-progress";
          case "3" -> "on-hold"; // On Hold, or Awaiting Problem before Helsinki
          case "4" -> model == StateModel.PRE_HELSINKI ? "awaiting-user-info" : null;
          case "5" -> model == StateModel.PRE_HELSINKI ? "on-hold" : null; // Awaiting Evidence
          case "6" -> "resolved";
          case "7" -> "closed";
          case "8" -> model == StateModel.HELSINKI ? "canceled" : null;
          default -> null;
        };
    if (s == null) {
      throw bad(
          "state "
              + JsonInput.excerpt(code)
              + " is not a state code of the "
              + (model == StateModel.HELSINKI
                  ? "Helsinki state model (1, 2, 3, 6, 7, 8; 4 and 5 are StateModel.PRE_HELSINKI's)"
                  : "pre-Helsinki state model (1 to 7)"),
          path);
    }
    return s;
  }

  private static String priority(String code, String path) {
    String p = PRIORITIES.get(code.strip());
    if (p == null) {
      throw bad(
          "priority "
              + JsonInput.excerpt(code)
              + " is not one of ServiceNow's priority codes 1 to 5",
          path);
    }
    return p;
  }

  private static void audit(
      List<TicketEvent> out,
      Map<String, Long> ignored,
      String ticketId,
      Entry e,
      StateModel model) {
    JsonNode a = e.node();
    String p = e.path();
    String field = value(a, "fieldname", p);
    String to = value(a, "newvalue", p);
    String id = e.id();
    Instant at = e.at();
    if (JOURNAL.contains(field)) {
      return; // the journal entry is mapped
    }
    if (computed(field)) {
      count(ignored, "audit field " + JsonInput.excerpt(field));
      return;
    }
    boolean empty = to == null || ExportJson.blank(to);
    switch (field) {
      case "state" -> {
        if (empty) {
          throw bad("state is required", p + ".newvalue");
        }
        out.add(
            new TicketEvent.StatusChanged(ticketId, id, at, status(to, model, p + ".newvalue")));
      }
      case "priority" -> {
        if (empty) {
          out.add(new TicketEvent.PriorityCleared(ticketId, id, at));
        } else {
          out.add(new TicketEvent.PriorityChanged(ticketId, id, at, priority(to, p + ".newvalue")));
        }
      }
      case "assigned_to" -> {
        String k = key(to);
        if (empty || k == null) {
          count(ignored, "assigned_to cleared or not a key");
        } else {
          out.add(new TicketEvent.Assigned(ticketId, id, at, k));
        }
      }
      default -> {
        String k = key(field);
        String v = key(to);
        if (k == null) {
          count(ignored, "audit field not a key");
        } else if (empty) {
          out.add(new TicketEvent.AttributeCleared(ticketId, id, at, k));
        } else if (v == null) {
          count(ignored, "audit field " + JsonInput.excerpt(field) + " value not a key");
        } else {
          out.add(new TicketEvent.AttributeChanged(ticketId, id, at, k, v));
        }
      }
    }
  }

  private static void journal(
      List<TicketEvent> out,
      Map<String, Long> ignored,
      String ticketId,
      Entry e,
      String caller,
      String recordPath) {
    JsonNode j = e.node();
    String p = e.path();
    String element = value(j, "element", p);
    if (element == null) {
      throw bad("element is required", p + ".element");
    }
    switch (element) {
      case "work_notes" -> out.add(TicketEvent.AgentReply.internalNote(ticketId, e.id(), e.at()));
      case "comments" -> {
        String by = value(j, "sys_created_by", p);
        if (by == null || ExportJson.blank(by)) {
          throw bad("sys_created_by is required for a comment", p + ".sys_created_by");
        }
        if (caller == null || ExportJson.blank(caller)) {
          throw bad(
              "the comment's author cannot be told from an agent: the record has no"
                  + " caller_id.user_name (fetch the record with sysparm_fields including"
                  + " caller_id.user_name)",
              p + ".sys_created_by");
        }
        out.add(
            by.equals(caller)
                ? new TicketEvent.CustomerMessage(ticketId, e.id(), e.at())
                : TicketEvent.AgentReply.publicReply(ticketId, e.id(), e.at()));
      }
      default -> count(ignored, "journal element " + JsonInput.excerpt(element));
    }
  }

  /** ServiceNow's computed fields, bookkeeping and text: nothing an SLA is measured from. */
  private static boolean computed(String field) {
    return field.startsWith("sys_") || NOT_MAPPED.contains(field);
  }

  /**
   * The value of a field at creation: the {@code oldvalue} of its earliest audit row (its {@code
   * newvalue} if that row has no {@code oldvalue} and is of the creation's second: the insert's
   * row), or the record's value.
   */
  private static String initial(
      List<Entry> entries, String field, JsonNode record, String recordPath, Instant created) {
    for (Entry e : entries) {
      if (!e.journal() && field.equals(lenient(e.node(), "fieldname"))) {
        String from = value(e.node(), "oldvalue", e.path());
        if ((from == null || ExportJson.blank(from))
            && e.at().getEpochSecond() == created.getEpochSecond()) {
          return value(e.node(), "newvalue", e.path());
        }
        return from == null ? "" : from;
      }
    }
    return value(record, field, recordPath);
  }

  /**
   * Refuses a journal that lacks entries the audit shows: ServiceNow audits journal entries too, so
   * more audit rows of {@code comments} or {@code work_notes} than journal entries of that field
   * means the journal was fetched in part (a page, or rows hidden from the caller), and a missing
   * comment is a missing response.
   */
  private static void journalComplete(List<Entry> entries, String journalPath) {
    for (String f : JOURNAL) {
      long audited = 0;
      long journaled = 0;
      for (Entry e : entries) {
        if (f.equals(lenient(e.node(), e.journal() ? "element" : "fieldname"))) {
          if (e.journal()) {
            journaled++;
          } else {
            audited++;
          }
        }
      }
      if (audited > journaled) {
        throw bad(
            "the audit has "
                + audited
                + " rows of "
                + f
                + " but the journal "
                + journaled
                + " entries: fetch every sys_journal_field row of the record (all pages)",
            journalPath);
      }
    }
  }

  /** Where {@link #initial} read a field's value at creation. */
  private static String initialPath(List<Entry> entries, String field, String recordPath) {
    for (Entry e : entries) {
      if (!e.journal() && field.equals(lenient(e.node(), "fieldname"))) {
        return e.path() + ".oldvalue";
      }
    }
    return recordPath + "." + field;
  }

  /**
   * Entries of one instant are separate writes in list order, but a clock applies one instant's
   * writes in event-id order, as text: stamped apart as {@link ExportJson#apartInIdOrder} says.
   */
  private static List<Entry> apartInIdOrder(List<Entry> entries) {
    long[] apart =
        ExportJson.apartInIdOrder(entries, ServiceNowAudit::yields, Entry::at, Entry::id);
    List<Entry> out = new ArrayList<>(entries);
    for (int i = 0; i < apart.length; i++) {
      if (apart[i] != 0) {
        Entry e = out.get(i);
        out.set(
            i,
            new Entry(
                e.id(), e.at().plusNanos(apart[i]), e.order(), e.node(), e.path(), e.journal()));
      }
    }
    return out;
  }

  /** Whether an entry can become an event (read leniently: the mapping checks it). */
  private static boolean yields(Entry e) {
    JsonNode n = e.node();
    if (e.journal()) {
      return JOURNAL.contains(lenient(n, "element"));
    }
    String f = lenient(n, "fieldname");
    return !JOURNAL.contains(f) && !computed(f);
  }

  /** A field's text read leniently (the mapping checks it): the field, or its {@code value}. */
  private static String lenient(JsonNode o, String field) {
    JsonNode n = o.path(field);
    return (n.isObject() ? n.path("value") : n).asText();
  }
}
