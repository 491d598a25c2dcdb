package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.AddWidgetKeyUseCase;
import dev.visitorauth.application.port.in.DeleteWidgetKeyUseCase;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.ParseJwkPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveWidgetPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.JwkFacts;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetPublicKey;
import java.time.Clock;
import java.util.Objects;

/**
 * A widget's uploaded public keys (spec section 12): the JWK is read by the {@link ParseJwkPort},
 * judged by {@link WidgetPublicKey#accept}, and added to the keyring under its lock, so concurrent
 * changes of one keyring apply one after the other.
 */
public final class WidgetKeysService implements AddWidgetKeyUseCase, DeleteWidgetKeyUseCase {
    private final LoadWidgetPort load;
    private final SaveWidgetPort save;
    private final ParseJwkPort jwks;
    private final TransactionPort transactions;
    private final Credentials credentials;
    private final Clock clock;

    public WidgetKeysService(LoadWidgetPort load, SaveWidgetPort save, ParseJwkPort jwks, TransactionPort transactions,
                             RandomPort random, Clock clock) {
        this.load = Objects.requireNonNull(load, "load");
        this.save = Objects.requireNonNull(save, "save");
        this.jwks = Objects.requireNonNull(jwks, "jwks");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<WidgetPublicKey> addWidgetKey(AddWidgetKeyCommand command) {
        return transactions.inTransaction(() -> WorkspaceWidgets.find(load, command.workspaceId(), command.widgetId())
                .flatMap(widget -> {
                    if (command.jwk().length() > MAX_JWK_LENGTH) {
                        return Refusals.invalid(InputField.JWK, "must be at most " + MAX_JWK_LENGTH + " characters of JSON.");
                    }
                    KeyId assigned = new KeyId(credentials.id("pk_", 9));
                    return read(command.jwk())
                            .flatMap(facts -> WidgetPublicKey.accept(facts, assigned, clock.instant(),
                                    WidgetPublicKey.Origin.UPLOADED))
                            .flatMap(key -> WorkspaceWidgets.lockedKeyring(load, widget)
                                    .flatMap(keyring -> keyring.withPublicKey(key)).map(changed -> {
                                        save.saveKeyring(widget, changed);
                                        return key;
                                    }));
                }));
    }

    @Override
    public Result<KeyId> deleteWidgetKey(DeleteWidgetKeyCommand command) {
        return transactions.inTransaction(() -> WorkspaceWidgets.find(load, command.workspaceId(), command.widgetId())
                .flatMap(widget -> {
                    KeyId keyId = command.keyId();
                    return WorkspaceWidgets.lockedKeyring(load, widget).flatMap(keyring -> keyring.withoutPublicKey(keyId)
                            .<Result<KeyId>>map(changed -> {
                                save.saveKeyring(widget, changed);
                                return Result.ok(keyId);
                            })
                            .orElseGet(WidgetKeysService::noSuchKey));
                }));
    }

    /** The JWK's facts, or {@code invalid_request} naming {@code jwk} with the parser's reason. */
    private Result<JwkFacts> read(String jwk) {
        ParseJwkPort.JwkReading reading = jwks.parse(jwk);
        if (reading instanceof ParseJwkPort.Read read) {
            return Result.ok(read.facts());
        }
        return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.JWK, ((ParseJwkPort.Unreadable) reading).problem()));
    }

    private static <T> Result<T> noSuchKey() {
        return Result.refused(KeyId.unknownPublicKey());
    }
}
