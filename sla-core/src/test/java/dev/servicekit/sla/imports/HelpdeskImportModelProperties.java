package dev.servicekit.sla.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.servicekit.sla.TicketEvent;
import dev.servicekit.sla.TicketEvent.AgentReply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random valid Zendesk audits and Jira changelog exports, read against a model of the mapping
 * written from the README ("Imports") and the importers' class documentation; and hostile variants
 * of them, each read or refused with an {@link IllegalArgumentException} located in the document.
 */
class HelpdeskImportModelProperties {

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final ObjectMapper M = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
  private static final String REQUESTER = "600";
  private static final Map<String, String> ROLES =
      Map.of("500", "agent", "501", "admin", "800", "end-user", REQUESTER, "end-user");

  // ---- the model's own key rule: lower case, each run of whitespace one '-', 1..64 chars ----

  static String key(String v) {
    if (v == null) {
      return null;
    }
    // "whitespace" as a key may not hold it (Keys): Unicode spaces, controls, zero-width spaces
    StringBuilder k = new StringBuilder();
    boolean inRun = false;
    for (char c : v.toLowerCase(Locale.ROOT).toCharArray()) {
      boolean space =
          Character.isWhitespace(c)
              || Character.isSpaceChar(c)
              || Character.isISOControl(c)
              || c == '\u200B'
              || c == '\uFEFF';
      if (space) {
        inRun = true;
      } else {
        if (inRun && k.length() > 0) {
          k.append('-');
        }
        inRun = false;
        k.append(c);
      }
    }
    return k.length() == 0 || k.length() > 64 ? null : k.toString();
  }

  /** An emptied value: null, or text with nothing a key keeps (so no key at all, not too long). */
  static boolean emptied(String v) {
    if (v == null) {
      return true;
    }
    for (char c : v.toCharArray()) {
      if (!(Character.isWhitespace(c)
          || Character.isSpaceChar(c)
          || Character.isISOControl(c)
          || c == '\u200B'
          || c == '\uFEFF')) {
        return false;
      }
    }
    return true;
  }

  static boolean emptied(JsonNode v) {
    return v.isNull() || (v.isTextual() && emptied(v.textValue()));
  }

  private static final String[] WORDS = {
    "Open",
    "Pending",
    "On Hold",
    "Waiting for support",
    "urgent",
    "Ünïcødé",
    "日本語",
    "x\u3000y",
    "  padded\t",
    "tab\tsep",
    "😀 smile",
    "",
    "   ",
    "x".repeat(64),
    "y".repeat(65),
    "A B  C",
    "nbsp\u00a0x",
    "zw\u200bx",
    "İstanbul",
    "😀".repeat(32) + "x",
    "e\u0301 acute"
  };

  private static String word(Random r) {
    return WORDS[r.nextInt(WORDS.length)];
  }

  private static JsonNode value(Random r) {
    int c = r.nextInt(10);
    if (c == 0) {
      return F.nullNode();
    }
    if (c == 1) {
      return F.numberNode(r.nextInt(1000));
    }
    return F.textNode(word(r));
  }

  private static void count(Map<String, Long> ignored, String reason) {
    ignored.merge(reason, 1L, Long::sum);
  }

  private static String attribute(String field) {
    return switch (field) {
      case "type" -> "type";
      case "group_id" -> "group";
      case "brand_id" -> "brand";
      case "ticket_form_id" -> "form";
      default -> field.matches("[0-9]+") ? "field_" + field : null;
    };
  }

  private static final String[] FIELDS = {
    "status",
    "priority",
    "assignee_id",
    "tags",
    "type",
    "group_id",
    "brand_id",
    "ticket_form_id",
    "360001",
    "subject",
    "description"
  };
  private static final String[] OTHER = {
    "Notification", "Cc", "SatisfactionRating", "SlaTargetChange", "VoiceComment"
  };
  private static final String[] AUTHORS = {REQUESTER, "500", "501", "800"};

  record Case(ObjectNode json, List<TicketEvent> events, Map<String, Long> ignored) {}

  /** A random whole export and the history the documented rules give. */
  static Case zendesk(Random r) {
    String t = Integer.toString(1 + r.nextInt(99999));
    int[] nextId = {100};
    List<TicketEvent> out = new ArrayList<>();
    Map<String, Long> ignored = new TreeMap<>();
    ArrayNode audits = F.arrayNode();
    int n = 1 + r.nextInt(6);
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusSeconds(60L * i);
      ObjectNode a = audits.addObject();
      a.put("id", i + 1);
      a.put("ticket_id", r.nextBoolean() ? t : t); // same ticket, string or number below
      if (r.nextBoolean()) {
        a.put("ticket_id", Long.parseLong(t));
      }
      a.put("created_at", at.toString());
      String author = AUTHORS[r.nextInt(AUTHORS.length)];
      a.put("author_id", r.nextBoolean() ? author : author); // string
      if (r.nextBoolean()) {
        a.put("author_id", Long.parseLong(author));
      }
      String channel = r.nextInt(4) == 0 ? "rule" : r.nextBoolean() ? word(r) : null;
      if (channel != null) {
        a.putObject("via").put("channel", channel);
      }
      ArrayNode events = a.putArray("events");
      boolean creating = i == 0;
      if (creating) {
        Map<String, String> attrs = new LinkedHashMap<>();
        Set<String> tags = new LinkedHashSet<>();
        List<TicketEvent> after = new ArrayList<>();
        boolean publicDescription = false; // absent flag: public
        ObjectNode req = events.addObject();
        req.put("id", nextId[0]++);
        req.put("type", "Create");
        req.put("field_name", "requester_id");
        req.put("value", REQUESTER);
        int k = r.nextInt(6);
        for (int j = 0; j < k; j++) {
          ObjectNode e = events.addObject();
          String id = "zd-" + nextId[0];
          e.put("id", nextId[0]++);
          if (r.nextInt(5) == 0) {
            String type = OTHER[r.nextInt(OTHER.length)];
            e.put("type", type);
            count(ignored, "audit event " + type);
            continue;
          }
          if (r.nextInt(6) == 0) {
            e.put("type", "Comment");
            if (r.nextBoolean()) {
              e.put("public", r.nextBoolean());
            }
            publicDescription |= !e.has("public") || e.get("public").booleanValue();
            count(ignored, "description (the creating comment)");
            continue;
          }
          String field = FIELDS[r.nextInt(FIELDS.length)];
          e.put("type", "Create");
          e.put("field_name", field);
          if (field.equals("tags")) {
            ArrayNode ts = e.putArray("value");
            drawTags(r, ts, tags, ignored);
            continue;
          }
          JsonNode v = value(r);
          e.set("value", v);
          String kv = v.isNull() ? null : key(v.asText());
          switch (field) {
            case "status", "priority", "assignee_id" ->
                fieldChange(field, t, id, at, kv, after, ignored);
            default -> {
              String attr = attribute(field);
              if (attr == null) {
                count(ignored, "created field " + field);
              } else if (kv == null) {
                count(ignored, "created field " + attr + " without a key value");
              } else {
                attrs.put(attr, kv);
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
        boolean byAgent =
            !author.equals(REQUESTER)
                && !"end-user".equals(ROLES.get(author))
                && !publicDescription;
        out.add(
            byAgent
                ? TicketEvent.Created.byAgent(t, "zd-audit-1", at, attrs, tags)
                : TicketEvent.Created.byCustomer(t, "zd-audit-1", at, attrs, tags));
        out.addAll(after);
        continue;
      }
      int k = r.nextInt(5);
      for (int j = 0; j < k; j++) {
        ObjectNode e = events.addObject();
        String id = "zd-" + nextId[0];
        e.put("id", nextId[0]++);
        int kind = r.nextInt(4);
        if (kind == 0) {
          String type = OTHER[r.nextInt(OTHER.length)];
          e.put("type", type);
          count(ignored, "audit event " + type);
        } else if (kind == 1) {
          e.put("type", "Comment");
          String by = author;
          if (r.nextBoolean()) {
            by = AUTHORS[r.nextInt(AUTHORS.length)];
            e.put("author_id", by);
          }
          String c = channel;
          if (r.nextInt(4) == 0) {
            c = r.nextBoolean() ? "rule" : "api";
            e.putObject("via").put("channel", c);
          }
          boolean pub = true;
          if (r.nextBoolean()) {
            pub = r.nextBoolean();
            e.put("public", pub);
          }
          if ((by.equals(REQUESTER) || "end-user".equals(ROLES.get(by))) && !pub) {
            count(ignored, "private comment by a customer");
          } else if (by.equals(REQUESTER) || "end-user".equals(ROLES.get(by))) {
            out.add(new TicketEvent.CustomerMessage(t, id, at));
          } else {
            AgentReply reply =
                pub ? AgentReply.publicReply(t, id, at) : AgentReply.internalNote(t, id, at);
            out.add("rule".equals(c) ? reply.asAutomated() : reply);
          }
        } else {
          String field = FIELDS[r.nextInt(FIELDS.length)];
          e.put("type", "Change");
          e.put("field_name", field);
          if (field.equals("tags")) {
            ArrayNode ts = e.putArray("value");
            Set<String> tags = new LinkedHashSet<>();
            drawTags(r, ts, tags, ignored);
            out.add(new TicketEvent.TagsChanged(t, id, at, tags));
            continue;
          }
          JsonNode v = value(r);
          e.set("value", v);
          String kv = v.isNull() ? null : key(v.asText());
          switch (field) {
            case "status", "priority", "assignee_id" -> {
              if (field.equals("priority") && emptied(v)) {
                out.add(new TicketEvent.PriorityCleared(t, id, at));
              } else {
                fieldChange(field, t, id, at, kv, out, ignored);
              }
            }
            default -> {
              String attr = attribute(field);
              if (attr == null) {
                count(ignored, "changed field " + field);
              } else if (kv == null && emptied(v)) {
                out.add(new TicketEvent.AttributeCleared(t, id, at, attr));
              } else if (kv == null) {
                count(ignored, "changed field " + attr + " without a key value");
              } else {
                out.add(new TicketEvent.AttributeChanged(t, id, at, attr, kv));
              }
            }
          }
        }
      }
    }
    ObjectNode root = F.objectNode();
    ArrayNode users = root.putArray("users");
    ROLES.forEach((id, role) -> users.addObject().put("id", Long.parseLong(id)).put("role", role));
    root.set("audits", audits);
    switch (r.nextInt(4)) {
      case 0 -> root.putNull("next_page");
      case 1 -> root.putObject("meta").put("has_more", false);
      case 2 -> root.put("count", r.nextInt(audits.size() + 1));
      default -> {}
    }
    return new Case(root, out, ignored);
  }

  @Property(tries = 200)
  void zendeskExportReadsAsTheDocumentedModel(@ForAll long seed) throws Exception {
    Case c = zendesk(new Random(seed));
    String json = M.writerWithDefaultPrettyPrinter().writeValueAsString(c.json());
    ImportedHistory h = ZendeskAudits.read(json);
    assertEquals(c.events(), h.events(), json);
    assertEquals(c.ignored(), h.ignored(), json);
  }

  @Property(tries = 200)
  void zendeskOnePageIsRefusedAtItsField(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    Case c = zendesk(r);
    ObjectNode root = c.json();
    root.remove(List.of("next_page", "meta", "count"));
    String field;
    switch (r.nextInt(3)) {
      case 0 -> {
        root.put("next_page", "https://x.zendesk.com/api/v2/tickets/1/audits.json?page=2");
        field = "$.next_page";
      }
      case 1 -> {
        root.putObject("meta").put("has_more", true);
        field = "$.meta.has_more";
      }
      default -> {
        root.put("count", root.get("audits").size() + 1 + r.nextInt(1000));
        field = "$.count";
      }
    }
    String json = M.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    String m = refused(() -> ZendeskAudits.read(json));
    assertTrue(m.contains("(at " + field + ", line "), m);
  }

  private static final Pattern LOCATED =
      Pattern.compile("\\(at \\$[^\\n]*, line \\d+, column \\d+\\)$|\\(at \\$\\)$");

  private static String refused(Runnable read) {
    try {
      read.run();
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      assertTrue(m.length() <= 500, m);
      assertTrue(LOCATED.matcher(m).find(), m);
      return m;
    }
    return fail("not refused");
  }

  /** A hostile mutation of one node of the document: wrong type, null, removed, huge, odd text. */
  private static void mutate(Random r, JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(r.nextInt(containers.size()));
    JsonNode bad =
        switch (r.nextInt(8)) {
          case 0 -> F.nullNode();
          case 1 -> F.booleanNode(r.nextBoolean());
          case 2 -> F.objectNode();
          case 3 -> F.arrayNode().add(1).add("x");
          case 4 -> F.numberNode(r.nextDouble() * 1e6);
          case 5 -> F.textNode("\u2028\ud800 odd \u0000 " + "z".repeat(r.nextInt(100)));
          case 6 -> {
            ArrayNode huge = F.arrayNode();
            for (int i = 0; i < 5000; i++) {
              huge.add("t" + i);
            }
            yield huge;
          }
          default -> F.numberNode(Long.MAX_VALUE);
        };
    if (target instanceof ObjectNode o && o.size() > 0) {
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      String name = names.get(r.nextInt(names.size()));
      if (r.nextInt(4) == 0) {
        o.remove(name);
      } else {
        o.set(name, bad);
      }
    } else if (target instanceof ArrayNode a && a.size() > 0) {
      a.set(r.nextInt(a.size()), bad);
    }
  }

  private static void collect(JsonNode n, List<JsonNode> out) {
    if (n.isContainerNode()) {
      out.add(n);
      n.forEach(c -> collect(c, out));
    }
  }

  @Property(tries = 200)
  void zendeskHostileExportIsReadOrRefusedWithALocation(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    ObjectNode root = zendesk(r).json();
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      mutate(r, root);
    }
    String json = M.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    for (ZendeskAudits.UnknownAuthor u : ZendeskAudits.UnknownAuthor.values()) {
      try {
        ZendeskAudits.read(json, u);
      } catch (IllegalArgumentException e) {
        refused(
            () -> {
              throw e;
            });
      }
    }
  }

  // ---- Jira ----

  static Case jira(Random r) {
    String t = "SD-" + (1 + r.nextInt(999));
    Map<String, Long> ignored = new TreeMap<>();
    ObjectNode root = F.objectNode();
    root.put("key", t);
    ObjectNode fields = root.putObject("fields");
    fields.put("created", "2026-03-02T09:00:00.000+0000");
    fields.putObject("reporter").put("accountId", "rep");
    String curStatus = word(r);
    String curPriority = word(r);
    String type = r.nextBoolean() ? word(r) : null;
    fields.putObject("status").put("name", curStatus);
    fields.putObject("priority").put("name", curPriority);
    if (type != null) {
      fields.putObject("issuetype").put("name", type);
    }
    ArrayNode curLabels = fields.putArray("labels");
    for (int q = r.nextInt(3); q > 0; q--) {
      curLabels.add(word(r).replaceAll("\\s", ""));
    }
    // changelog, oldest first (reversed in the document half the time)
    List<ObjectNode> hs = new ArrayList<>();
    List<TicketEvent> changes = new ArrayList<>();
    String firstStatus = null;
    String firstPriority = null;
    String firstLabels = null;
    boolean labelsChanged = false;
    boolean statusChanged = false;
    boolean priorityChanged = false;
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      Instant at = T0.plusSeconds(60L * (i + 1));
      ObjectNode h = F.objectNode();
      h.put("id", Integer.toString(1000 + i));
      h.put("created", at.toString());
      ArrayNode items = h.putArray("items");
      for (int k = 0; k < 1 + r.nextInt(3); k++) {
        String id = "jira-h" + (1000 + i) + "-" + items.size();
        ObjectNode it = items.addObject();
        String field =
            new String[] {"status", "priority", "labels", "assignee", "resolution", "summary"}
                [r.nextInt(6)];
        it.put("field", field);
        String from = r.nextInt(4) == 0 ? null : word(r);
        String to = r.nextInt(4) == 0 ? null : word(r);
        it.put("fromString", from);
        it.put("toString", to);
        switch (field) {
          case "status", "priority" -> {
            if (field.equals("status") && !statusChanged) {
              statusChanged = true;
              firstStatus = from;
            }
            if (field.equals("priority") && !priorityChanged) {
              priorityChanged = true;
              firstPriority = from;
            }
            if (field.equals("priority") && emptied(to)) {
              changes.add(new TicketEvent.PriorityCleared(t, id, at));
            } else if (key(to) == null) {
              count(ignored, "changelog item " + field + " cleared or not a key");
            } else {
              changes.add(
                  field.equals("status")
                      ? new TicketEvent.StatusChanged(t, id, at, key(to))
                      : new TicketEvent.PriorityChanged(t, id, at, key(to)));
            }
          }
          case "labels" -> {
            if (!labelsChanged) {
              labelsChanged = true;
              firstLabels = from;
            }
            changes.add(new TicketEvent.TagsChanged(t, id, at, labels(to, ignored)));
          }
          case "assignee" -> {
            String acc = to == null ? null : "acc " + to;
            it.put("to", acc);
            if (key(acc) == null) {
              count(ignored, "changelog item assignee cleared or not a key");
            } else {
              changes.add(new TicketEvent.Assigned(t, id, at, key(acc)));
            }
          }
          case "resolution" -> {
            if (emptied(to)) {
              changes.add(new TicketEvent.AttributeCleared(t, id, at, "resolution"));
            } else if (key(to) == null) {
              count(ignored, "changelog item resolution cleared or not a key");
            } else {
              changes.add(new TicketEvent.AttributeChanged(t, id, at, "resolution", key(to)));
            }
          }
          default -> count(ignored, "changelog item " + field);
        }
      }
      hs.add(h);
    }
    if (r.nextBoolean()) {
      java.util.Collections.reverse(hs);
    }
    ObjectNode changelog = root.putObject("changelog");
    ArrayNode histories = changelog.putArray("histories");
    hs.forEach(histories::add);
    if (r.nextBoolean()) {
      changelog.put("startAt", 0).put("total", hs.size());
    }
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("channel", "jira");
    if (key(type) != null) {
      attrs.put("issuetype", key(type));
    } else if (type != null) {
      count(ignored, "created issuetype not a key");
    }
    Set<String> tags = new LinkedHashSet<>();
    if (labelsChanged) {
      tags.addAll(labels(firstLabels, ignored));
    } else {
      curLabels.forEach(l -> tags.addAll(labels(l.asText(), ignored)));
    }
    List<TicketEvent> out = new ArrayList<>();
    out.add(TicketEvent.Created.byCustomer(t, "jira-created", T0, attrs, tags));
    String s0 = statusChanged ? firstStatus : curStatus;
    String p0 = priorityChanged ? firstPriority : curPriority;
    if (key(s0) != null) {
      out.add(new TicketEvent.StatusChanged(t, "jira-created-status", T0, key(s0)));
    } else if (s0 != null) {
      count(ignored, "created status not a key");
    }
    if (key(p0) != null) {
      out.add(new TicketEvent.PriorityChanged(t, "jira-created-priority", T0, key(p0)));
    } else if (p0 != null) {
      count(ignored, "created priority not a key");
    }
    out.addAll(changes);
    ArrayNode comments = fields.putObject("comment").putArray("comments");
    for (int i = r.nextInt(4); i > 0; i--) {
      ObjectNode c = comments.addObject();
      String id = "jira-c" + (50 + i);
      c.put("id", Integer.toString(50 + i));
      Instant at = T0.plusSeconds(30L * i);
      c.put("created", at.toString());
      String acc = new String[] {"rep", "agent1", "cust2", "bot"}[r.nextInt(4)];
      String accountType =
          switch (acc) {
            case "rep", "cust2" -> "customer";
            case "bot" -> "app";
            default -> "atlassian";
          };
      c.putObject("author").put("accountId", acc).put("accountType", accountType);
      boolean pub = true;
      if (r.nextBoolean()) {
        pub = r.nextBoolean();
        c.put("jsdPublic", pub);
      }
      if (accountType.equals("customer")) {
        out.add(new TicketEvent.CustomerMessage(t, id, at));
      } else {
        AgentReply reply =
            pub ? AgentReply.publicReply(t, id, at) : AgentReply.internalNote(t, id, at);
        out.add(accountType.equals("app") ? reply.asAutomated() : reply);
      }
    }
    return new Case(root, out, ignored);
  }

  private static Set<String> labels(String spaced, Map<String, Long> ignored) {
    Set<String> out = new LinkedHashSet<>();
    if (spaced == null) {
      return out;
    }
    for (String l : spaced.trim().split("\\s+")) {
      if (l.isEmpty()) {
        continue;
      }
      if (key(l) == null) {
        count(ignored, "label that is not a key");
      } else {
        out.add(key(l));
      }
    }
    return out;
  }

  @Property(tries = 200)
  void jiraExportReadsAsTheDocumentedModel(@ForAll long seed) throws Exception {
    Case c = jira(new Random(seed));
    String json = M.writerWithDefaultPrettyPrinter().writeValueAsString(c.json());
    ImportedHistory h = JiraChangelog.read(json);
    assertEquals(c.events(), h.events(), json);
    assertEquals(c.ignored(), h.ignored(), json);
  }

  @Property(tries = 200)
  void jiraOnePageIsRefusedAtItsField(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    ObjectNode root = jira(r).json();
    boolean comments = r.nextBoolean();
    ObjectNode container =
        comments
            ? (ObjectNode) root.get("fields").get("comment")
            : (ObjectNode) root.get("changelog");
    int size = container.get(comments ? "comments" : "histories").size();
    container.remove(List.of("startAt", "total"));
    String field = comments ? "$.fields.comment." : "$.changelog.";
    if (r.nextBoolean()) {
      container.put("startAt", 1 + r.nextInt(200));
      field += "startAt";
    } else {
      container.put("total", size + 1 + r.nextInt(200));
      field += "total";
    }
    String json = M.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    String m = refused(() -> JiraChangelog.read(json));
    assertTrue(m.contains("(at " + field + ", line "), m);
  }

  @Property(tries = 200)
  void jiraHostileExportIsReadOrRefusedWithALocation(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    ObjectNode root = jira(r).json();
    for (int i = 1 + r.nextInt(3); i > 0; i--) {
      mutate(r, root);
    }
    String json = M.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    try {
      JiraChangelog.read(json);
    } catch (IllegalArgumentException e) {
      refused(
          () -> {
            throw e;
          });
    }
  }

  /**
   * Draws up to three tag words into the export's {@code ts}; the model keeps the keys they give
   * and counts the others, as the README says.
   */
  private static void drawTags(
      Random r, ArrayNode ts, Set<String> tags, Map<String, Long> ignored) {
    for (int q = r.nextInt(4); q > 0; q--) {
      String w = word(r);
      ts.add(w);
      if (key(w) == null) {
        count(ignored, "tag that is not a key");
      } else {
        tags.add(key(w));
      }
    }
  }

  /**
   * The model of a status, priority or assignee value: its event added to {@code into}, or the
   * value counted when it is cleared or not a key.
   */
  private static void fieldChange(
      String field,
      String t,
      String id,
      Instant at,
      String kv,
      List<TicketEvent> into,
      Map<String, Long> ignored) {
    if (kv == null) {
      count(ignored, field + " cleared or not a key");
      return;
    }
    into.add(
        switch (field) {
          case "status" -> new TicketEvent.StatusChanged(t, id, at, kv);
          case "priority" -> new TicketEvent.PriorityChanged(t, id, at, kv);
          default -> new TicketEvent.Assigned(t, id, at, kv);
        });
  }
}
