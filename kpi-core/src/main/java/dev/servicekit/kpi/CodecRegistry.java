package dev.servicekit.kpi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The snapshot codecs found through {@link ServiceLoader}: the built-in kinds (provided by this
 * module) and plugin kinds (on the module path or the class path), loaded once. Thread-safe.
 */
final class CodecRegistry {

  private static final Pattern KIND = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private CodecRegistry() {}

  private static final class Holder {
    static final Map<String, SnapshotCodec<?>> BY_KIND;
    static final Map<Class<?>, SnapshotCodec<?>> BY_TYPE;

    static {
      Map<String, SnapshotCodec<?>> byKind = new LinkedHashMap<>();
      Map<Class<?>, SnapshotCodec<?>> byType = new LinkedHashMap<>();
      add(
          ServiceLoader.load(SnapshotCodec.class, SnapshotCodec.class.getClassLoader()),
          byKind,
          byType);
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context != null && context != SnapshotCodec.class.getClassLoader()) {
        add(ServiceLoader.load(SnapshotCodec.class, context), byKind, byType);
      }
      BY_KIND = Collections.unmodifiableMap(byKind);
      BY_TYPE = Collections.unmodifiableMap(byType);
    }
  }

  /** Registers {@code codecs} in order (package-private for tests of the rules). */
  @SuppressWarnings("rawtypes")
  static void add(
      Iterable<SnapshotCodec> codecs,
      Map<String, SnapshotCodec<?>> byKind,
      Map<Class<?>, SnapshotCodec<?>> byType) {
    for (SnapshotCodec<?> codec : codecs) {
      String kind = codec.kind();
      if (kind == null || !KIND.matcher(kind).matches()) {
        throw new ServiceConfigurationError(
            codec.getClass().getName() + ".kind() must match " + KIND.pattern());
      }
      Class<?> type = codec.type();
      if (type == null) {
        throw new ServiceConfigurationError(codec.getClass().getName() + ".type() is null");
      }
      SnapshotCodec<?> known = byKind.get(kind);
      if (known != null) {
        if (known.getClass() == codec.getClass() && known.type() == type) {
          continue; // the same provider seen through two class loaders
        }
        throw new ServiceConfigurationError(
            "two snapshot codecs claim kind \""
                + kind
                + "\": "
                + known.getClass().getName()
                + " and "
                + codec.getClass().getName());
      }
      if (byType.containsKey(type)) {
        throw new ServiceConfigurationError("two snapshot codecs claim " + type.getName());
      }
      byKind.put(kind, codec);
      byType.put(type, codec);
    }
  }

  /** The codec of {@code kind}, or null. */
  static SnapshotCodec<?> forKind(String kind) {
    return Holder.BY_KIND.get(kind);
  }

  /** The codec of exactly {@code type}, or null. */
  static SnapshotCodec<?> forType(Class<?> type) {
    return Holder.BY_TYPE.get(type);
  }

  /** The registered kind names. */
  static java.util.Set<String> kinds() {
    return Holder.BY_KIND.keySet();
  }
}
