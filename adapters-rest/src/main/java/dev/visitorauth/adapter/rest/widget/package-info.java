/** Widget-facing endpoints: session start-up, the session, and the session's conversations. */
package dev.visitorauth.adapter.rest.widget;
