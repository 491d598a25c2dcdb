package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.SessionView;
import dev.visitorauth.application.port.in.StartedSession;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.domain.event.NewEvent;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.session.SessionTokenHash;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.widget.Widget;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The end of a start-up: its session saved, then the start-up's events appended. */
public final class SessionIssuing {
    private final SaveSessionPort sessions;
    private final AppendEventPort events;
    private final Credentials credentials;
    private final Duration sessionLifetime;

    /**
     * @param random          the session tokens
     * @param sessionLifetime how long a session lives (spec default: 12 hours)
     */
    public SessionIssuing(SaveSessionPort sessions, AppendEventPort events, RandomPort random, Duration sessionLifetime) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.events = Objects.requireNonNull(events, "events");
        this.credentials = new Credentials(Objects.requireNonNull(random, "random"));
        if (sessionLifetime.isNegative() || sessionLifetime.isZero()) {
            throw new IllegalArgumentException("sessionLifetime must be positive");
        }
        this.sessionLifetime = sessionLifetime;
    }

    /**
     * Saves the new session, then appends {@code startupEvents}: last, so the workspace's event-log
     * lock is held only from here to the commit.
     */
    StartedSession issue(Widget widget, Visitor visitor, Optional<User> user, Instant now, List<NewEvent> startupEvents) {
        String token = credentials.bearer(widget.workspaceId());
        Session session = new Session(new SessionTokenHash(Credentials.sha256Hex(token)), widget.workspaceId(), widget.id(),
                visitor.id(), user.map(User::id), now, now.plus(sessionLifetime), Optional.empty());
        sessions.createSession(session);
        startupEvents.forEach(events::append);
        return new StartedSession(token, new SessionView(session, widget, visitor, user));
    }
}
