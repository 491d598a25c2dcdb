package dev.visitorauth.domain.widget;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;

/** A chat widget of a workspace: its public id, name, allowed origins and authentication policy. */
public record Widget(WorkspaceId workspaceId, WidgetId id, String name, AuthenticationPolicy policy,
                     AllowedOrigins allowedOrigins, Instant createdAt) {
    public static final int MAX_NAME_LENGTH = 200;
    /**
     * The name of a {@link #draft} widget, until its settings name it. Never stored: creating a
     * widget requires a name, applied before the widget is saved.
     */
    public static final String DRAFT_NAME = "-";

    public Widget {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(allowedOrigins, "allowedOrigins");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!isValidName(name)) {
            throw new IllegalArgumentException("widget name must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
        }
    }

    /**
     * A widget being created, before the admin's settings are applied to it: named {@link #DRAFT_NAME},
     * with the default policy ({@link AuthenticationPolicy#defaults()}) and any origin allowed.
     */
    public static Widget draft(WorkspaceId workspaceId, WidgetId id, Instant createdAt) {
        return new Widget(workspaceId, id, DRAFT_NAME, AuthenticationPolicy.defaults(), AllowedOrigins.any(), createdAt);
    }

    /** {@code name} if it can name a widget, else {@code invalid_request} about {@link InputField#NAME}. */
    public static Result<String> name(String name) {
        return isValidName(name) ? Result.ok(name)
                : Result.refused(Refusal.invalid(InputField.NAME, "must be 1 to " + MAX_NAME_LENGTH + " characters and not blank."));
    }

    public static boolean isValidName(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX_NAME_LENGTH;
    }

    public Widget withName(String newName) {
        return new Widget(workspaceId, id, newName, policy, allowedOrigins, createdAt);
    }

    public Widget withPolicy(AuthenticationPolicy newPolicy) {
        return new Widget(workspaceId, id, name, newPolicy, allowedOrigins, createdAt);
    }

    public Widget withAllowedOrigins(AllowedOrigins newOrigins) {
        return new Widget(workspaceId, id, name, policy, newOrigins, createdAt);
    }
}
