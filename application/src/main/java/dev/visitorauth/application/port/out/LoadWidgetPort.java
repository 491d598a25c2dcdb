package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads widgets and their keyrings. Widget ids are globally unique (they appear in pages). */
public interface LoadWidgetPort {

    /** The widget with this public id, in whatever workspace it is. */
    Optional<Widget> findWidget(WidgetId id);

    /** The widget's secrets, decrypted. Every stored widget has a keyring. */
    Optional<WidgetKeyring> findKeyring(WorkspaceId workspaceId, WidgetId id);

    /**
     * Like {@link #findKeyring}, read from the store even where an implementation caches keyrings (and
     * then replacing the cached copy): for a caller that found its copy's revision out of date.
     */
    default Optional<WidgetKeyring> findStoredKeyring(WorkspaceId workspaceId, WidgetId id) {
        return findKeyring(workspaceId, id);
    }

    /**
     * The stored keyring's {@linkplain WidgetKeyring#revision() revision}, read from the store in the
     * current transaction, never from a cache; empty when there is no such widget. A start-up compares
     * it with the revision of the keyring it verified the token with, so that a keyring another node
     * changed is never trusted from this node's cache (spec section 13).
     */
    OptionalLong keyringRevision(WorkspaceId workspaceId, WidgetId id);

    /**
     * Like {@link #findKeyring}, and locks the keyring until the current transaction ends, so that
     * two concurrent rotations apply one after the other instead of one losing the other's secret.
     */
    Optional<WidgetKeyring> lockKeyring(WorkspaceId workspaceId, WidgetId id);

    /**
     * A page of the workspace's widgets, newest first (creation time, then id, both descending).
     *
     * @param limit 1 to 1000
     * @param after the previous page's {@link Slice#next()}; empty for the first page
     */
    Slice<Widget> pageWidgets(WorkspaceId workspaceId, int limit, Optional<Keyset> after);
}
