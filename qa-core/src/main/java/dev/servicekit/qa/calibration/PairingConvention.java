package dev.servicekit.qa.calibration;

/**
 * How {@link Agreement#percentAgreement(ReliabilityData, PairingConvention)} turns the ratings of
 * more than two reviewers into one share. Items with fewer than two ratings are never counted.
 *
 * <p>Immutable and thread-safe.
 */
public enum PairingConvention {
  /**
   * The default: per item, the share of reviewer pairs that agree, then the mean over items
   * (Fleiss' {@code P-bar}; for two reviewers, plain percent agreement).
   */
  PAIRWISE_MEAN,
  /**
   * Agreeing reviewer pairs over all pairs, pooled across items (items with more ratings weigh
   * more; equals {@link #PAIRWISE_MEAN} when every item has the same number of ratings).
   */
  PAIRWISE_POOLED,
  /** The share of items on which every reviewer gave the same rating. */
  UNANIMOUS
}
