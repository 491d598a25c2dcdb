/** The domain model and its rules (widgets, secrets, users, visitors, conversations, sessions, token claims, linking): plain Java, depends on the JDK only. */
package dev.visitorauth.domain;
