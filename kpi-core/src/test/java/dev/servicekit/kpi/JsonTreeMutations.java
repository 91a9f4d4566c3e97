package dev.servicekit.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Test helper: structure-aware mutations of a valid JSON document, the kind a hostile or careless
 * writer makes and a character-level mutation rarely does. One value anywhere in the tree (a field
 * value, an element, the root) is replaced by a value of another type or an extreme one ({@code
 * NaN}, {@code Infinity}, {@code 1e999999999}, {@code -0}, a number past a long, a lone surrogate,
 * a 70 Ki string, deep nesting); or a field of an object is repeated with another value (a
 * duplicate key), or removed; or the elements of an array are reordered; or garbage follows the
 * document. Replacements are spliced into the serialized text, so non-JSON tokens (NaN) and
 * duplicate keys survive. (The same as sla-core's; test code is not shared between the cores.)
 */
final class JsonTreeMutations {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final String MARK = "\u0001mark\u0001";

  /** Raw JSON (or almost-JSON) text put where a value was. */
  static final List<String> REPLACEMENTS =
      List.of(
          "null",
          "true",
          "false",
          "0",
          "-0",
          "-1",
          "1.5",
          "-0.0",
          "2147483648",
          "9223372036854775808",
          "-9223372036854775809",
          "1e308",
          "1.7976931348623159E308",
          "1E-400",
          "-1E-400",
          "4.9E-324",
          "2.5E-324",
          "1e999999999",
          "-1e-999999999",
          "NaN",
          "Infinity",
          "-Infinity",
          "\"\"",
          "\" \"",
          "\"x\"",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"\\udc00x\"",
          "\"\\udbff\\udbff\"",
          "\"\\u0085\"",
          "\"\\ufffe\"",
          "\"\uFEFF\"",
          "\"\u2028\"",
          "\"2026-13-45T25:61:61Z\"",
          "\"+1000000000-12-31T23:59:59.999999999Z\"",
          "\"-1000000000-01-01T00:00:00Z\"",
          "\"P9999999999999D\"",
          "\"PT-1S\"",
          "\"" + "y".repeat(70_000) + "\"",
          "[]",
          "{}",
          "[null]",
          "[[]]",
          "{\"\":null}",
          "[".repeat(200) + "]".repeat(200),
          "{\"a\":".repeat(200) + "1" + "}".repeat(200));

  private JsonTreeMutations() {}

  /** Mutations of the given valid documents (each of which must be a JSON object or array). */
  static Arbitrary<String> of(Arbitrary<String> seeds) {
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, Integer.MAX_VALUE);
    Arbitrary<String> replaced =
        Combinators.combine(seeds, pick, Arbitraries.of(REPLACEMENTS))
            .as(JsonTreeMutations::replace);
    Arbitrary<String> swapped =
        Combinators.combine(seeds, pick, pick).as(JsonTreeMutations::swapWithAnother);
    Arbitrary<String> duplicated =
        Combinators.combine(seeds, pick, Arbitraries.of(REPLACEMENTS))
            .as(JsonTreeMutations::duplicateKey);
    Arbitrary<String> removed = Combinators.combine(seeds, pick).as(JsonTreeMutations::remove);
    Arbitrary<String> reordered =
        Combinators.combine(seeds, pick, pick).as(JsonTreeMutations::reorder);
    Arbitrary<String> trailing =
        Combinators.combine(
                seeds, Arbitraries.of(" x", "{}", "[]", " null", ",", "\u0000", "\uFEFF", " 1"))
            .as((s, g) -> s + g);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, replaced),
        net.jqwik.api.Tuple.of(2, swapped),
        net.jqwik.api.Tuple.of(2, duplicated),
        net.jqwik.api.Tuple.of(2, removed),
        net.jqwik.api.Tuple.of(2, reordered),
        net.jqwik.api.Tuple.of(1, trailing));
  }

  /** The value at the {@code pick}-th place (mod the number of places) replaced by {@code raw}. */
  static String replace(String json, int pick, String raw) {
    JsonNode root = tree(json);
    List<Place> places = places(root);
    if (places.isEmpty()) {
      return json;
    }
    Place p = places.get(pick % places.size());
    if (p.parent == null) {
      return raw;
    }
    p.set(new TextNode(MARK));
    return write(root).replace(quoted(MARK), raw);
  }

  /** One value replaced by a copy of another of the same document: a real value of a wrong type. */
  static String swapWithAnother(String json, int pick, int other) {
    JsonNode root = tree(json);
    List<Place> places = places(root);
    if (places.size() < 2) {
      return json;
    }
    Place from = places.get(other % places.size());
    JsonNode value = from.parent == null ? root : from.get();
    return replace(json, pick, write(value));
  }

  /** A field of an object repeated (before the original) with {@code raw} as its value. */
  static String duplicateKey(String json, int pick, String raw) {
    JsonNode root = tree(json);
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(root, objects);
    objects.removeIf(o -> o.size() == 0);
    if (objects.isEmpty()) {
      return json;
    }
    ObjectNode o = objects.get(pick % objects.size());
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    String name = names.get((pick / objects.size()) % names.size());
    // rebuild the object with a marker field first; the marker becomes "name": raw
    ObjectNode copy = o.deepCopy();
    o.removeAll();
    o.put(MARK, MARK);
    o.setAll(copy);
    String text = write(root);
    return text.replace(quoted(MARK) + ":" + quoted(MARK), quoted(name) + ":" + raw);
  }

  /** One value removed: a field of an object or an element of an array. */
  static String remove(String json, int pick) {
    JsonNode root = tree(json);
    List<Place> places = places(root);
    places.removeIf(p -> p.parent == null);
    if (places.isEmpty()) {
      return json;
    }
    places.get(pick % places.size()).remove();
    return write(root);
  }

  /**
   * The elements of one array (of at least two) in another order: reversed, or two of them swapped.
   * A writer keeps its lists in one order (events by time, cells by key); a reader that restores
   * such a list sorted must not also hand it out in the order given.
   */
  static String reorder(String json, int pick, int how) {
    JsonNode root = tree(json);
    List<ArrayNode> arrays = new ArrayList<>();
    collectArrays(root, arrays);
    arrays.removeIf(a -> a.size() < 2);
    if (arrays.isEmpty()) {
      return json;
    }
    ArrayNode a = arrays.get(pick % arrays.size());
    List<JsonNode> items = new ArrayList<>();
    a.forEach(items::add);
    if (how % 2 == 0) {
      java.util.Collections.reverse(items);
    } else {
      int i = (how / 2) % items.size();
      int j = (i + 1 + (how / 2 / items.size()) % (items.size() - 1)) % items.size();
      java.util.Collections.swap(items, i, j);
    }
    a.removeAll();
    items.forEach(a::add);
    return write(root);
  }

  private static void collectArrays(JsonNode n, List<ArrayNode> out) {
    if (n instanceof ArrayNode a) {
      out.add(a);
    }
    n.forEach(child -> collectArrays(child, out));
  }

  // ---- the tree ----

  private record Place(JsonNode parent, String field, int index) {
    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode v) {
      if (field != null) {
        ((ObjectNode) parent).set(field, v);
      } else {
        ((ArrayNode) parent).set(index, v);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) parent).remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static List<Place> places(JsonNode root) {
    List<Place> out = new ArrayList<>();
    out.add(new Place(null, null, -1));
    collect(root, out);
    return out;
  }

  private static void collect(JsonNode n, List<Place> out) {
    if (n.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = n.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.add(new Place(n, e.getKey(), -1));
        collect(e.getValue(), out);
      }
    } else if (n.isArray()) {
      for (int i = 0; i < n.size(); i++) {
        out.add(new Place(n, null, i));
        collect(n.get(i), out);
      }
    }
  }

  private static void collectObjects(JsonNode n, List<ObjectNode> out) {
    if (n instanceof ObjectNode o) {
      out.add(o);
    }
    n.elements().forEachRemaining(c -> collectObjects(c, out));
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a seed is not JSON", e);
    }
  }

  private static String write(JsonNode n) {
    try {
      return MAPPER.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quoted(String s) {
    return write(new TextNode(s));
  }
}
