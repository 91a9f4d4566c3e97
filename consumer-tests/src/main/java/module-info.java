/**
 * A consumer of the three servicekit cores, used only by this module's tests (the tests are patched
 * into it, so they run on the module path). It also provides the counting SLF4J binding that the
 * logging tests read.
 */
module dev.servicekit.consumertests {
  requires dev.servicekit.sla;
  requires dev.servicekit.qa;
  requires dev.servicekit.kpi;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  provides org.slf4j.spi.SLF4JServiceProvider with
      dev.servicekit.consumertests.CountingSlf4jProvider;
}
