package dev.servicekit.benchmarks.slaclock;

import java.time.Instant;
import java.util.Comparator;
import org.immutables.value.Value;

/**
 * The shape {@code TicketEvent} would take with Immutables: an abstract base whose common
 * components are abstract accessors, each kind an abstract class whose {@code ImmutableXxx}
 * implementation the annotation processor generates (constructor, accessors, equals, hashCode,
 * toString). Reading {@code at()} is then a virtual call over the generated classes; {@code
 * TicketEvent} keeps the common components as final fields of the base instead. Only the kinds of
 * the benchmark's tickets are mirrored.
 */
final class ImmutablesEvents {

  private ImmutablesEvents() {}

  /** The common components, as the generated classes implement them. */
  abstract static class Event {
    abstract String ticketId();

    abstract String id();

    abstract Instant at();

    abstract int rank();
  }

  static final Comparator<Event> ORDER =
      (a, b) -> {
        int c = a.at().compareTo(b.at());
        if (c != 0) {
          return c;
        }
        c = Integer.compare(a.rank(), b.rank());
        return c != 0 ? c : a.id().compareTo(b.id());
      };

  @Value.Immutable
  @Value.Style(allParameters = true)
  abstract static class Created extends Event {
    @Override
    @Value.Derived
    int rank() {
      return 0;
    }

    abstract java.util.Map<String, String> attributes();
  }

  @Value.Immutable
  @Value.Style(allParameters = true)
  abstract static class CustomerMessage extends Event {
    @Override
    @Value.Derived
    int rank() {
      return 4;
    }
  }

  @Value.Immutable
  @Value.Style(allParameters = true)
  abstract static class AgentReply extends Event {
    @Override
    @Value.Derived
    int rank() {
      return 5;
    }

    abstract boolean isPublic();

    abstract boolean automated();
  }

  @Value.Immutable
  @Value.Style(allParameters = true)
  abstract static class StatusChanged extends Event {
    @Override
    @Value.Derived
    int rank() {
      return 2;
    }

    abstract String status();
  }

  @Value.Immutable
  @Value.Style(allParameters = true)
  abstract static class AttributeChanged extends Event {
    @Override
    @Value.Derived
    int rank() {
      return 1;
    }

    abstract String key();

    abstract String value();
  }

  @Value.Immutable
  @Value.Style(allParameters = true)
  abstract static class Assigned extends Event {
    @Override
    @Value.Derived
    int rank() {
      return 3;
    }

    abstract String assignee();
  }
}
