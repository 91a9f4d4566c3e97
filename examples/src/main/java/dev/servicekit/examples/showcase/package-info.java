/**
 * The showcase: a seeded generator of a few months of customer service, run through servicekit's
 * public API as a CRM would, with a console summary and a self-contained HTML report ({@link
 * dev.servicekit.examples.showcase.Showcase}).
 */
package dev.servicekit.examples.showcase;
