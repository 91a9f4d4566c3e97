package dev.servicekit.qa;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All versions of all checklists. A published {@code (id, version)} is immutable: registering a
 * different checklist under the same id and version is rejected, so history cannot be rescored
 * silently.
 *
 * <p>Thread-safe (all operations are synchronized).
 */
public final class ChecklistRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ChecklistRegistry.class);

  private final Map<String, NavigableMap<Integer, Checklist>> byId = new HashMap<>();

  /** Creates an empty registry. */
  public ChecklistRegistry() {}

  /**
   * Creates a registry holding the given checklist versions, registered in order as {@link
   * #register} registers them: for {@link EvaluationJson#read}, which takes a registry also when
   * the caller has a single checklist. {@code O(n log versions)}.
   *
   * @param checklists the checklists; an equal checklist given twice is registered once
   * @return a new registry
   * @throws NullPointerException naming the index of a null checklist
   * @throws IllegalArgumentException if two different checklists share an id and version
   */
  public static ChecklistRegistry of(Checklist... checklists) {
    Objects.requireNonNull(checklists, "checklists");
    ChecklistRegistry registry = new ChecklistRegistry();
    for (int i = 0; i < checklists.length; i++) {
      registry.register(Objects.requireNonNull(checklists[i], "checklists[" + i + "]"));
    }
    return registry;
  }

  /**
   * Registers a checklist version, {@code O(log versions)}. Registering an equal checklist again is
   * a no-op.
   *
   * @param checklist the checklist
   * @throws IllegalArgumentException if a different checklist is already registered under the same
   *     id and version
   */
  public synchronized void register(Checklist checklist) {
    Objects.requireNonNull(checklist, "checklist");
    byId.compute(
        checklist.id(),
        (id, versions) -> {
          NavigableMap<Integer, Checklist> v = versions == null ? new TreeMap<>() : versions;
          Checklist existing = v.get(checklist.version());
          if (existing != null && !existing.equals(checklist)) {
            throw new IllegalArgumentException(
                "checklist '"
                    + id
                    + "' v"
                    + checklist.version()
                    + " is already registered with different content; publish a new version");
          }
          if (existing == null) {
            // Lifecycle boundary: a checklist version is published; evaluations are never logged.
            LOG.debug(
                "checklist '{}' v{} registered ({} versions of it now)",
                id,
                checklist.version(),
                v.size() + 1);
          }
          v.put(checklist.version(), checklist);
          return v;
        });
  }

  /**
   * Finds a version, {@code O(log versions)}.
   *
   * @param id the checklist id
   * @param version the version
   * @return the checklist, or empty
   */
  public synchronized Optional<Checklist> get(String id, int version) {
    Objects.requireNonNull(id, "id");
    NavigableMap<Integer, Checklist> v = byId.get(id);
    return v == null ? Optional.empty() : Optional.ofNullable(v.get(version));
  }

  /**
   * The highest registered version, {@code O(log versions)}.
   *
   * @param id the checklist id
   * @return the latest checklist, or empty
   */
  public synchronized Optional<Checklist> latest(String id) {
    Objects.requireNonNull(id, "id");
    NavigableMap<Integer, Checklist> v = byId.get(id);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.lastEntry().getValue());
  }

  /**
   * The checklist an evaluation was made with.
   *
   * @param evaluation the evaluation
   * @return the pinned checklist version, or empty if it is not registered
   */
  public Optional<Checklist> checklistOf(Evaluation evaluation) {
    Objects.requireNonNull(evaluation, "evaluation");
    return get(evaluation.checklistId(), evaluation.checklistVersion());
  }

  /**
   * All registered versions of a checklist, ascending.
   *
   * @param id the checklist id
   * @return the versions, possibly empty
   */
  public synchronized List<Checklist> versions(String id) {
    Objects.requireNonNull(id, "id");
    NavigableMap<Integer, Checklist> v = byId.get(id);
    return v == null ? List.of() : List.copyOf(v.values());
  }
}
