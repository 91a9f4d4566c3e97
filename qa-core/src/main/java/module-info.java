/**
 * servicekit QA core: checklist (scorecard) scoring, score bands, QA analytics, reviewer
 * calibration and review sampling.
 *
 * <p>Exported: {@code dev.servicekit.qa}. Everything under {@code ...internal} is implementation.
 */
module dev.servicekit.qa {
  requires com.fasterxml.jackson.databind;

  exports dev.servicekit.qa;
}
