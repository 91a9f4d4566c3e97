/**
 * QA analytics: average scores per agent and period with confidence intervals, error shares per
 * criterion (systemic vs individual), compliance, and trends between periods.
 */
package dev.servicekit.qa.analytics;
