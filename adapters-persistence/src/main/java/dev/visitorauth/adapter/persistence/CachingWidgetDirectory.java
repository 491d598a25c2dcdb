package dev.visitorauth.adapter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Widgets and their keyrings (secrets already unsealed) kept in this node, for the paths that only
 * read them: session start-up, token checks and CORS. A change on any node evicts the widget here
 * through {@link WidgetChanges} (after the commit on this node, by {@code NOTIFY} on the others),
 * and every entry also expires after a short time as a safety net. Bounded in entries; absent
 * widgets are not cached. {@link #lockKeyring} always reads the database, inside the caller's
 * transaction: write paths never work on a cached copy. Eviction by {@code NOTIFY} comes after the
 * commit, so a start-up on another node may verify with a copy a rotation just replaced; it checks
 * the copy's revision against {@link #keyringRevision} inside its transaction and, when they differ,
 * verifies again with {@link #findStoredKeyring} (the rotation finding of the chaos run).
 */
public final class CachingWidgetDirectory implements LoadWidgetPort, WidgetChanges.Listener {
    private record CachedKeyring(WorkspaceId workspaceId, WidgetKeyring keyring) {
    }

    private final LoadWidgetPort stored;
    private final Cache<WidgetId, Widget> widgets;
    private final Cache<WidgetId, CachedKeyring> keyrings;

    /**
     * @param maxWidgets the most widgets (and as many keyrings) held
     * @param timeToLive how long an entry is served at most, changes or not
     */
    public CachingWidgetDirectory(LoadWidgetPort stored, int maxWidgets, Duration timeToLive) {
        this.stored = Objects.requireNonNull(stored, "stored");
        if (maxWidgets < 1 || timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("maxWidgets and timeToLive must be positive");
        }
        widgets = Caffeine.newBuilder().maximumSize(maxWidgets).expireAfterWrite(timeToLive).recordStats().build();
        keyrings = Caffeine.newBuilder().maximumSize(maxWidgets).expireAfterWrite(timeToLive).recordStats().build();
    }

    /** Not cached: an admin list, read from the store as it is. */
    @Override
    public Slice<Widget> pageWidgets(WorkspaceId workspaceId, int limit, Optional<Keyset> after) {
        return stored.pageWidgets(workspaceId, limit, after);
    }

    @Override
    public Optional<Widget> findWidget(WidgetId id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(widgets.get(id, key -> stored.findWidget(key).orElse(null)));
    }

    @Override
    public Optional<WidgetKeyring> findKeyring(WorkspaceId workspaceId, WidgetId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        CachedKeyring cached = keyrings.get(id, key -> stored.findKeyring(workspaceId, key)
                .map(keyring -> new CachedKeyring(workspaceId, keyring)).orElse(null));
        if (cached == null) {
            return Optional.empty();
        }
        // Widget ids are global; a keyring asked for under another workspace is read as stored (and not found).
        return cached.workspaceId().equals(workspaceId) ? Optional.of(cached.keyring()) : stored.findKeyring(workspaceId, id);
    }

    /** Reads the store and replaces this node's copy with what it read (or drops it). */
    @Override
    public Optional<WidgetKeyring> findStoredKeyring(WorkspaceId workspaceId, WidgetId id) {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        Optional<WidgetKeyring> stored = this.stored.findKeyring(workspaceId, id);
        if (stored.isPresent()) {
            keyrings.put(id, new CachedKeyring(workspaceId, stored.get()));
        } else {
            keyrings.invalidate(id);
        }
        return stored;
    }

    /** Never cached: the revision a cached keyring is checked against. */
    @Override
    public OptionalLong keyringRevision(WorkspaceId workspaceId, WidgetId id) {
        return stored.keyringRevision(workspaceId, id);
    }

    @Override
    public Optional<WidgetKeyring> lockKeyring(WorkspaceId workspaceId, WidgetId id) {
        return stored.lockKeyring(workspaceId, id);
    }

    @Override
    public void changed(WidgetId widgetId) {
        widgets.invalidate(widgetId);
        keyrings.invalidate(widgetId);
    }

    @Override
    public void mayHaveMissedChanges() {
        widgets.invalidateAll();
        keyrings.invalidateAll();
    }

    /** The widget cache, for its hit and miss metrics. */
    public Cache<WidgetId, Widget> widgetCache() {
        return widgets;
    }

    /** The keyring cache, for its hit and miss metrics. */
    public Cache<WidgetId, ?> keyringCache() {
        return keyrings;
    }
}
