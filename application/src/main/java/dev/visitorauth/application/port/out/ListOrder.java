package dev.visitorauth.application.port.out;

/** The two orders a user's visitors and conversations are listed in. */
public enum ListOrder {
    /**
     * Latest activity first (visitors by last seen, conversations by last message), then id
     * descending. What people read; an item moves to the front when it is active again.
     */
    RECENT_FIRST,
    /**
     * Creation first (oldest first), then id ascending. Stable while the data changes, so a
     * long walk over every item (an export) meets each item exactly once.
     */
    CREATED_FIRST
}
