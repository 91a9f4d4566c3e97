package dev.servicekit.consumertests;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J binding for tests: every level is enabled, and every call on a logger (a message or a
 * mere {@code isDebugEnabled()} check) is recorded, so a test can prove that a hot path does not
 * even consult the logger. Thread-safe.
 */
public final class CountingSlf4jProvider implements SLF4JServiceProvider {

  private static final List<String> MESSAGES = new ArrayList<>();
  private static long calls;

  private final ILoggerFactory loggers = new Loggers();
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

  /** Creates the provider (called by SLF4J's service loader). */
  public CountingSlf4jProvider() {}

  /** Forgets what was recorded so far. */
  public static synchronized void reset() {
    MESSAGES.clear();
    calls = 0;
  }

  /**
   * The number of calls on any logger since the last reset, level checks included.
   *
   * @return the count
   */
  public static synchronized long calls() {
    return calls;
  }

  /**
   * The messages logged since the last reset, as {@code "LEVEL logger: formatted message"}.
   *
   * @return a copy of the messages
   */
  public static synchronized List<String> messages() {
    return List.copyOf(MESSAGES);
  }

  private static synchronized void count() {
    calls++;
  }

  private static synchronized void record(String line) {
    MESSAGES.add(line);
  }

  @Override
  public ILoggerFactory getLoggerFactory() {
    return loggers;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  private static final class Loggers implements ILoggerFactory {
    private final ConcurrentMap<String, Logger> byName = new ConcurrentHashMap<>();

    @Override
    public Logger getLogger(String name) {
      return byName.computeIfAbsent(name, CountingLogger::new);
    }
  }

  private static final class CountingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CountingLogger(String name) {
      this.name = name;
    }

    private boolean enabled() {
      count();
      return true;
    }

    @Override
    public boolean isTraceEnabled() {
      return enabled();
    }

    @Override
    public boolean isDebugEnabled() {
      return enabled();
    }

    @Override
    public boolean isInfoEnabled() {
      return enabled();
    }

    @Override
    public boolean isWarnEnabled() {
      return enabled();
    }

    @Override
    public boolean isErrorEnabled() {
      return enabled();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
      count();
      record(level + " " + name + ": " + MessageFormatter.basicArrayFormat(pattern, arguments));
    }
  }
}
