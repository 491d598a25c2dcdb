package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.application.Storage;
import dev.visitorauth.contract.WorkspaceAndWidgetContractTest;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.Workspace;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The workspace and widget contract on a JDBC store, and how it seals secrets and keeps key ids unique. */
abstract class JdbcWorkspaceAndWidgetContractTest extends WorkspaceAndWidgetContractTest {
    @AutoClose
    final JdbcStore jdbc = new JdbcStore();

    abstract TestDatabase openDatabase();

    @Override
    protected Storage openStore(Clock clock) {
        return jdbc.open(openDatabase(), clock);
    }

    @Test
    void storedSecretsAreSealedNotPlain() throws Exception {
        Workspace ws = storedWorkspace();
        WidgetKeyring[] keyring = new WidgetKeyring[1];
        Widget widget = storedWidget(ws.id(), keyring);
        SecretValue secret = keyring[0].current().value();

        byte[] raw = (byte[]) jdbc.rawValue("SELECT sealed_secret FROM widget_secrets WHERE workspace_id = ? AND widget_id = ?",
                ws.id().value(), widget.id().value());

        assertThat(raw).hasSize(12 + secret.reveal().length() + 16);
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(secret.reveal());
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(secret.reveal().substring(0, 8));
    }

    @Test
    void aTamperedSealedSecretFailsToOpen() throws Exception {
        Workspace ws = storedWorkspace();
        Widget widget = storedWidget(ws.id(), new WidgetKeyring[1]);
        byte[] raw = (byte[]) jdbc.rawValue("SELECT sealed_secret FROM widget_secrets WHERE workspace_id = ? AND widget_id = ?",
                ws.id().value(), widget.id().value());
        raw[20] ^= 0x01;

        jdbc.rawUpdate("UPDATE widget_secrets SET sealed_secret = ? WHERE workspace_id = ? AND widget_id = ?",
                raw, ws.id().value(), widget.id().value());

        assertThatThrownBy(() -> store.loadWidgets().findKeyring(ws.id(), widget.id())).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void aSealedSecretCopiedToAnotherWidgetFailsToOpen() throws Exception {
        Workspace ws = storedWorkspace();
        WidgetKeyring[] a = new WidgetKeyring[1];
        WidgetKeyring[] b = new WidgetKeyring[1];
        Widget first = storedWidget(ws.id(), a);
        Widget second = storedWidget(ws.id(), b);
        byte[] sealedForFirst = (byte[]) jdbc.rawValue(
                "SELECT sealed_secret FROM widget_secrets WHERE workspace_id = ? AND widget_id = ?",
                ws.id().value(), first.id().value());

        jdbc.rawUpdate("UPDATE widget_secrets SET sealed_secret = ? WHERE workspace_id = ? AND widget_id = ?",
                sealedForFirst, ws.id().value(), second.id().value());

        assertThatThrownBy(() -> store.loadWidgets().findKeyring(ws.id(), second.id())).isInstanceOf(SecretCipherException.class);
    }

    @Test
    void theDatabaseRefusesOneKeyIdTwiceInOneWidget() {
        Workspace ws = storedWorkspace();
        WidgetKeyring[] first = new WidgetKeyring[1];
        Widget widget = storedWidget(ws.id(), first);
        store.saveWidgets().saveKeyring(widget, with(first[0], ecKey("dup")));

        assertThatThrownBy(() -> jdbc.rawUpdate("INSERT INTO widget_public_keys (workspace_id, widget_id, key_id, key_order, kty,"
                        + " algorithms, key_bits, public_jwk, created_at) VALUES (?, ?, 'dup', 1, 'EC', 'ES256', 256, '{}', 0)",
                ws.id().value(), widget.id().value())).isInstanceOf(java.sql.SQLException.class);
    }
}
