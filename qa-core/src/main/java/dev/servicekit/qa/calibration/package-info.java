/**
 * Reviewer calibration: inter-rater agreement (percent agreement, Cohen's kappa and weighted kappa,
 * Fleiss' kappa, Krippendorff's alpha, Gwet's AC1 and AC2) and deviation of reviewers from a
 * reference evaluation.
 */
package dev.servicekit.qa.calibration;
