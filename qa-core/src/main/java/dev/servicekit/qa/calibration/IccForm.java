package dev.servicekit.qa.calibration;

/**
 * The intraclass correlation forms of Shrout and Fleiss (1979), in their notation {@code ICC(model,
 * k)}: single-rating forms ({@code _1}) and the reliability of the mean of the {@code k} reviewers
 * ({@code _K}).
 *
 * <p>Immutable and thread-safe.
 */
public enum IccForm {
  /** ICC(1,1): one-way random effects; each item rated by a different random set of reviewers. */
  ICC_1_1,
  /** ICC(2,1): two-way random effects, absolute agreement; reviewers a random sample. */
  ICC_2_1,
  /**
   * ICC(3,1): two-way mixed effects, consistency; these reviewers are the only ones of interest.
   */
  ICC_3_1,
  /** ICC(1,k): as {@link #ICC_1_1}, for the mean of k reviewers. */
  ICC_1_K,
  /** ICC(2,k): as {@link #ICC_2_1}, for the mean of k reviewers. */
  ICC_2_K,
  /** ICC(3,k): as {@link #ICC_3_1}, for the mean of k reviewers. */
  ICC_3_K
}
