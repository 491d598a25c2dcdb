package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.contract.TestData;
import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.domain.workspace.Workspace;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The per-node widget cache ({@link CachingWidgetDirectory}): it serves what it read, and a change
 * made through the repository is seen at once after its commit, a rolled-back one never evicts
 * wrongly and an unknown widget is not remembered as absent.
 */
abstract class WidgetCacheContractTest extends DatabaseContract {

    private Widget storedWidget() {
        Workspace ws = TestData.workspace(clock.instant());
        db.workspaces().createWorkspace(ws, TestData.randomHash());
        Widget widget = TestData.widget(ws.id(), clock.instant());
        db.widgets().createWidget(widget, WidgetKeyring.create(widget.id(), TestData.keyId(), TestData.secret(), clock.instant()));
        return widget;
    }

    @Test
    void servesWhatItReadUntilAChangeEvictsIt() throws Exception {
        Widget widget = storedWidget();
        CachingWidgetDirectory cache = db.cachedWidgets();
        assertThat(cache.findWidget(widget.id())).contains(widget);

        rawUpdate("UPDATE widgets SET name = 'changed behind its back' WHERE widget_id = ?", widget.id().value());
        assertThat(cache.findWidget(widget.id())).as("from the cache").contains(widget);

        Widget renamed = widget.withName("Renamed").withPolicy(widget.policy().withMode(AuthMode.REQUIRED));
        db.widgets().updateWidget(renamed);
        assertThat(cache.findWidget(widget.id())).as("evicted by the committed change").contains(renamed);
    }

    @Test
    void aRotatedKeyringIsSeenAtOnce() {
        Widget widget = storedWidget();
        CachingWidgetDirectory cache = db.cachedWidgets();
        WidgetKeyring before = cache.findKeyring(widget.workspaceId(), widget.id()).orElseThrow();

        WidgetKeyring rotated = before.rotate(TestData.keyId(), TestData.secret(), Duration.ZERO, clock.instant());
        db.widgets().saveKeyring(widget, rotated);

        WidgetKeyring found = cache.findKeyring(widget.workspaceId(), widget.id()).orElseThrow();
        assertThat(found.secrets()).extracting(WidgetSecret::keyId)
                .containsExactlyElementsOf(rotated.secrets().stream().map(WidgetSecret::keyId).toList())
                .isNotEqualTo(before.secrets().stream().map(WidgetSecret::keyId).toList());
    }

    @Test
    void aCopyThatAnotherNodeChangedIsBehindTheStoredRevisionUntilReadAgain() throws Exception {
        Widget widget = storedWidget();
        CachingWidgetDirectory cache = db.cachedWidgets();
        WidgetKeyring before = cache.findKeyring(widget.workspaceId(), widget.id()).orElseThrow();
        assertThat(db.widgets().keyringRevision(widget.workspaceId(), widget.id())).hasValue(before.revision());

        db.widgets().saveKeyring(widget, before.rotate(TestData.keyId(), TestData.secret(), Duration.ZERO, clock.instant()));
        WidgetKeyring rotated = cache.findKeyring(widget.workspaceId(), widget.id()).orElseThrow();
        assertThat(rotated.revision()).as("every saved change raises the revision").isEqualTo(before.revision() + 1);

        // Another node's rotation: committed, but this node's eviction (its NOTIFY) has not arrived.
        rawUpdate("UPDATE widgets SET keyring_revision = keyring_revision + 1 WHERE widget_id = ?", widget.id().value());
        assertThat(cache.findKeyring(widget.workspaceId(), widget.id()).orElseThrow().revision())
                .as("the cached copy").isEqualTo(rotated.revision());
        assertThat(cache.keyringRevision(widget.workspaceId(), widget.id())).as("never cached")
                .hasValue(rotated.revision() + 1);

        assertThat(cache.findStoredKeyring(widget.workspaceId(), widget.id()).orElseThrow().revision())
                .isEqualTo(rotated.revision() + 1);
        assertThat(cache.findKeyring(widget.workspaceId(), widget.id()).orElseThrow().revision())
                .as("the copy read again replaces the cached one").isEqualTo(rotated.revision() + 1);
        assertThat(cache.keyringRevision(widget.workspaceId(), new dev.visitorauth.domain.widget.WidgetId("wgt_none")))
                .isEmpty();
    }

    @Test
    void aChangeThatRollsBackLeavesTheCachedValueRight() {
        Widget widget = storedWidget();
        CachingWidgetDirectory cache = db.cachedWidgets();
        assertThat(cache.findWidget(widget.id())).contains(widget);

        try {
            db.transactions().inTransaction(() -> {
                db.widgets().updateWidget(widget.withName("never committed"));
                throw new IllegalStateException("roll back");
            });
        } catch (IllegalStateException expected) {
            // rolled back
        }

        assertThat(cache.findWidget(widget.id())).contains(widget);
        assertThat(db.widgets().findWidget(widget.id())).contains(widget);
    }

    @Test
    void anUnknownWidgetIsNotRememberedAsAbsent() {
        Workspace ws = TestData.workspace(clock.instant());
        db.workspaces().createWorkspace(ws, TestData.randomHash());
        Widget widget = TestData.widget(ws.id(), clock.instant());
        CachingWidgetDirectory cache = db.cachedWidgets();
        assertThat(cache.findWidget(widget.id())).isEmpty();

        db.widgets().createWidget(widget, WidgetKeyring.create(widget.id(), TestData.keyId(), TestData.secret(), clock.instant()));

        assertThat(cache.findWidget(widget.id())).contains(widget);
    }

    @Test
    void aKeyringIsNotFoundUnderAnotherWorkspace() {
        Widget widget = storedWidget();
        CachingWidgetDirectory cache = db.cachedWidgets();
        assertThat(cache.findKeyring(widget.workspaceId(), widget.id())).isPresent();

        assertThat(cache.findKeyring(TestData.workspaceId(), widget.id())).isEmpty();
    }

    @Test
    void forgetsEverythingWhenChangesMayHaveBeenMissed() throws Exception {
        Widget widget = storedWidget();
        CachingWidgetDirectory cache = db.cachedWidgets();
        assertThat(cache.findWidget(widget.id())).contains(widget);
        rawUpdate("UPDATE widgets SET name = 'changed while not listening' WHERE widget_id = ?", widget.id().value());

        db.widgetChanges().signalMayHaveMissed();

        assertThat(cache.findWidget(widget.id()).orElseThrow().name()).isEqualTo("changed while not listening");
    }
}
