package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.RevealSecretUseCase;
import dev.visitorauth.application.port.in.RotateSecretUseCase;
import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveWidgetPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.GracePeriod;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/** A widget's signing secret, for a workspace's admins: shown, and rotated with a grace period for the old one. */
public final class WidgetSecretService implements RevealSecretUseCase, RotateSecretUseCase {
    private final LoadWidgetPort load;
    private final SaveWidgetPort save;
    private final TransactionPort transactions;
    private final Credentials credentials;
    private final Clock clock;
    private final AppendEventPort events;

    public WidgetSecretService(LoadWidgetPort load, SaveWidgetPort save, TransactionPort transactions, RandomPort random,
                               Clock clock, AppendEventPort events) {
        this.load = Objects.requireNonNull(load, "load");
        this.save = Objects.requireNonNull(save, "save");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public Result<WidgetSecret> revealSecret(WorkspaceId workspaceId, WidgetId widgetId) {
        return WorkspaceWidgets.find(load, workspaceId, widgetId).flatMap(widget -> WorkspaceWidgets.keyring(load, widget))
                .map(WidgetKeyring::current);
    }

    @Override
    public Result<WidgetSecret> rotateSecret(WorkspaceId workspaceId, WidgetId widgetId, long graceSeconds) {
        Instant now = clock.instant();
        return GracePeriod.ofSeconds(graceSeconds).flatMap(grace -> transactions.inTransaction(() ->
                WorkspaceWidgets.find(load, workspaceId, widgetId).flatMap(widget -> WorkspaceWidgets.lockedKeyring(load, widget)
                        .map(keyring -> {
                            WidgetKeyring rotated = keyring.rotate(credentials.secretKeyId(),
                                    SecretValue.of(credentials.secret()), grace, now);
                            save.saveKeyring(widget, rotated);
                            events.append(WorkspaceEvents.secretRotated(widget, rotated.current(), now));
                            return rotated.current();
                        }))));
    }
}
