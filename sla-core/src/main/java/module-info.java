/**
 * servicekit SLA core: business calendars, business-time arithmetic and SLA clocks.
 *
 * <p>Exported: {@code dev.servicekit.sla} (the API), {@code dev.servicekit.sla.holidays}
 * (production calendars, and optional public-holiday seeding over jollyday), {@code
 * dev.servicekit.sla.imports} (helpdesk exports to ticket events) and {@code
 * dev.servicekit.sla.queue} (the SLA-aware work queue and router). Everything under {@code
 * ...internal} is implementation.
 */
module dev.servicekit.sla {
  requires com.fasterxml.jackson.databind;
  requires java.xml;
  requires org.slf4j;
  requires static de.focus_shift.jollyday.core;

  exports dev.servicekit.sla;
  exports dev.servicekit.sla.holidays;
  exports dev.servicekit.sla.imports;
  exports dev.servicekit.sla.queue;
}
