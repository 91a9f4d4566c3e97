/**
 * servicekit QA core: checklist (scorecard) scoring, score bands, QA analytics, reviewer
 * calibration and review sampling.
 *
 * <p>Exported: {@code dev.servicekit.qa}, {@code .analytics}, {@code .calibration}, {@code
 * .sampling}. Everything under {@code ...internal} is implementation.
 */
module dev.servicekit.qa {
  requires com.fasterxml.jackson.databind;
  requires org.apache.commons.statistics.distribution;
  requires org.slf4j;

  exports dev.servicekit.qa;
  exports dev.servicekit.qa.analytics;
  exports dev.servicekit.qa.calibration;
  exports dev.servicekit.qa.sampling;
}
