/**
 * Webhooks (spec sections 11 and 14): endpoints, their secrets and subscriptions, what a delivery
 * sends, and the retry and disabling rules. Pure Java.
 */
package dev.visitorauth.domain.webhook;
