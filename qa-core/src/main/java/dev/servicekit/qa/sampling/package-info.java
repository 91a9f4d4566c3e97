/**
 * Review sampling under reviewer capacity: sample size from a target precision, random and
 * stratified samples (proportional or minimum-per-stratum allocation), reproducible from a seed.
 */
package dev.servicekit.qa.sampling;
