/**
 * The workspace event log's model: what happened (an {@link dev.visitorauth.domain.event.EventType}), to
 * whom it is shown ({@link dev.visitorauth.domain.event.EventAudience}) and its JSON data. Pure Java.
 */
package dev.visitorauth.domain.event;
