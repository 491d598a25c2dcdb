package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.session.Session;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.widget.Widget;
import java.util.Objects;
import java.util.Optional;

/**
 * A live widget session with what it is bound to: the widget, the visitor and, when
 * authenticated, the user.
 */
public record SessionView(Session session, Widget widget, Visitor visitor, Optional<User> user) {
    public SessionView {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(widget, "widget");
        Objects.requireNonNull(visitor, "visitor");
        Objects.requireNonNull(user, "user");
        if (user.isPresent() != session.isAuthenticated()) {
            throw new IllegalArgumentException("an authenticated session has a user, an anonymous one none");
        }
    }

    public boolean authenticated() {
        return user.isPresent();
    }
}
