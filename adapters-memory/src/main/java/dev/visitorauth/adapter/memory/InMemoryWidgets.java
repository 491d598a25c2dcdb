package dev.visitorauth.adapter.memory;

import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.ListOrder;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.SaveWidgetPort;
import dev.visitorauth.application.port.out.Slice;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.Optional;
import java.util.OptionalLong;

/** Widgets and their keyrings; each saved keyring gets the next revision. */
public final class InMemoryWidgets implements LoadWidgetPort, SaveWidgetPort {
    private final MemoryDatabase db;

    InMemoryWidgets(MemoryDatabase db) {
        this.db = db;
    }

    @Override
    public Slice<Widget> pageWidgets(WorkspaceId workspaceId, int limit, Optional<Keyset> after) {
        return db.tx.locked(() -> MemoryDatabase.page(db.widgets.values().stream().filter(w -> w.workspaceId().equals(workspaceId)),
                w -> new Keyset(w.createdAt(), w.id().value()), ListOrder.RECENT_FIRST, limit, after));
    }

    @Override
    public Optional<Widget> findWidget(WidgetId id) {
        return db.tx.locked(() -> Optional.ofNullable(db.widgets.get(id)));
    }

    @Override
    public Optional<WidgetKeyring> findKeyring(WorkspaceId workspaceId, WidgetId id) {
        return db.tx.locked(() -> Optional.ofNullable(db.widgets.get(id)).filter(w -> w.workspaceId().equals(workspaceId))
                .map(w -> db.keyrings.get(id)));
    }

    @Override
    public OptionalLong keyringRevision(WorkspaceId workspaceId, WidgetId id) {
        return db.tx.locked(() -> findKeyring(workspaceId, id).map(k -> OptionalLong.of(k.revision())).orElse(OptionalLong.empty()));
    }

    /** Transactions here hold one global lock, so a plain read is already locked until commit. */
    @Override
    public Optional<WidgetKeyring> lockKeyring(WorkspaceId workspaceId, WidgetId id) {
        return findKeyring(workspaceId, id);
    }

    @Override
    public void createWidget(Widget widget, WidgetKeyring keyring) {
        db.tx.locked(() -> {
            if (db.widgets.containsKey(widget.id())) {
                throw new IllegalStateException("widget exists: " + widget.id());
            }
            db.put(db.widgets, widget.id(), widget);
            db.put(db.keyrings, widget.id(), keyring);
            return null;
        });
    }

    @Override
    public void updateWidget(Widget widget) {
        db.tx.locked(() -> {
            requireWidgetOf(widget);
            db.put(db.widgets, widget.id(), widget);
            return null;
        });
    }

    @Override
    public void saveKeyring(Widget widget, WidgetKeyring keyring) {
        db.tx.locked(() -> {
            requireWidgetOf(widget);
            long next = db.keyrings.get(widget.id()).revision() + 1;
            db.put(db.keyrings, widget.id(), WidgetKeyring.restore(keyring.widgetId(), keyring.secrets(), keyring.publicKeys(),
                    keyring.jwksUrl(), next));
            return null;
        });
    }

    private void requireWidgetOf(Widget widget) {
        Widget stored = db.widgets.get(widget.id());
        if (stored == null || !stored.workspaceId().equals(widget.workspaceId())) {
            throw new IllegalStateException("no such widget in this workspace: " + widget.id());
        }
    }
}
