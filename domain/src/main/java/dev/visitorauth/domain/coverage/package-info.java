/**
 * Rollout coverage (spec sections 11 and 14): start-up outcomes counted per widget, hour and
 * origin, what switching to {@code required} would refuse, and the failure-spike rule. Pure Java.
 */
package dev.visitorauth.domain.coverage;
