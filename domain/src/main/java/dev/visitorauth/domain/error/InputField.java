package dev.visitorauth.domain.error;

/**
 * An input of a use case that a {@link Refusal} can be about: a member of a command or query, in
 * the core's words. The domain and the application name an input only by this; each adapter spells
 * it its own way, in one table (REST: the JSON member, query parameter or header; gRPC: the proto
 * field), and writes that name into its answer.
 */
public enum InputField {
    /** The last event id a stream's client has, to resume after it. */
    AFTER_EVENT,
    /** The name an agent's reply is shown under. */
    AGENT_NAME,
    /** A widget's allowed origins. */
    ALLOWED_ORIGINS,
    /** A widget's clock skew, in seconds. */
    CLOCK_SKEW,
    /** The position a list resumes from, as the list issued it. */
    CURSOR,
    /** A webhook endpoint's event types. */
    EVENTS,
    /** How many entries of a widget's failure log to list. */
    FAILURE_LIMIT,
    /** How long a replaced secret or API key keeps working, in seconds. */
    GRACE_PERIOD,
    /** The window of a coverage report, in hours. */
    HOURS,
    /** The cut-off of a session revocation. */
    ISSUED_BEFORE,
    /** A public key to add to a widget. */
    JWK,
    /** A widget's JWKS URL. */
    JWKS_URL,
    /** A widget's maximum token lifetime, in seconds. */
    MAX_TOKEN_LIFETIME,
    /** How many messages a conversation's window holds. */
    MESSAGE_LIMIT,
    /** The message a conversation's window pages forward from. */
    MESSAGES_AFTER,
    /** The message a conversation's window pages back from. */
    MESSAGES_BEFORE,
    /** A widget's authentication mode. */
    MODE,
    /** The name of a workspace or widget. */
    NAME,
    /** The browser origin a session is started or used from. */
    ORIGIN,
    /** Whose conversations an inbox lists. */
    OWNER,
    /** How many entries a page of a list holds. */
    PAGE_SIZE,
    /** The text a user search looks for. */
    QUERY,
    /** The text of a message. */
    TEXT,
    /** The visitor id a start-up resumes. */
    VISITOR_ID,
    /** A visitor token to verify or inspect. */
    VISITOR_TOKEN,
    /** Where a webhook endpoint's deliveries go. */
    WEBHOOK_URL
}
