package dev.visitorauth.application.service;

import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.in.CreateWidgetUseCase;
import dev.visitorauth.application.port.in.GetWidgetUseCase;
import dev.visitorauth.application.port.in.ListAuthFailuresUseCase;
import dev.visitorauth.application.port.in.RevealSecretUseCase;
import dev.visitorauth.application.port.in.RotateSecretUseCase;
import dev.visitorauth.application.port.in.UpdateWidgetUseCase;
import dev.visitorauth.application.port.in.WidgetDetails;
import dev.visitorauth.application.port.in.SettingChange;
import dev.visitorauth.application.port.in.WidgetSettings;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort.AuthFailureLog;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.RandomPort;
import dev.visitorauth.application.port.out.SaveWidgetPort;
import dev.visitorauth.application.port.out.TransactionPort;
import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.AllowedOrigins;
import dev.visitorauth.domain.widget.AuthMode;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.JwksUrl;
import dev.visitorauth.domain.widget.KeyId;
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.widget.WidgetSecret;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Widgets, their policies and secrets, and their failure logs, for a workspace's admins. */
public final class WidgetAdminService implements CreateWidgetUseCase, GetWidgetUseCase, UpdateWidgetUseCase,
        RevealSecretUseCase, RotateSecretUseCase, ListAuthFailuresUseCase {

    private final LoadWidgetPort load;
    private final SaveWidgetPort save;
    private final LoadAuthFailuresPort failures;
    private final TransactionPort transactions;
    private final Credentials credentials;
    private final Clock clock;
    private final boolean allowPlainHttpJwks;
    private final AppendEventPort events;
    private final CoverageService coverage;

    /**
     * @param allowPlainHttpJwks true when private outbound addresses are allowed
     *                           ({@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE}): a JWKS URL may then use
     *                           plain {@code http}
     */
    public WidgetAdminService(LoadWidgetPort load, SaveWidgetPort save, LoadAuthFailuresPort failures,
                              TransactionPort transactions, RandomPort random, Clock clock, boolean allowPlainHttpJwks,
                              AppendEventPort events, CoverageService coverage) {
        this.coverage = Objects.requireNonNull(coverage, "coverage");
        this.allowPlainHttpJwks = allowPlainHttpJwks;
        this.events = Objects.requireNonNull(events, "events");
        this.load = Objects.requireNonNull(load, "load");
        this.save = Objects.requireNonNull(save, "save");
        this.failures = Objects.requireNonNull(failures, "failures");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.credentials = new Credentials(random);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<WidgetDetails> createWidget(WorkspaceId workspaceId, WidgetSettings settings) {
        if (settings.name().isEmpty()) {
            return Refusals.invalid(InputField.NAME, "is required.");
        }
        Instant now = clock.instant();
        Widget blank = Widget.draft(workspaceId, new WidgetId(credentials.id("wgt_", 16)), now);
        return apply(blank, settings).flatMap(widget -> jwksUrl(settings.jwksUrl()).flatMap(url -> {
            WidgetKeyring keyring = WidgetKeyring.create(widget.id(), newKeyId(), SecretValue.of(credentials.secret()), now)
                    .withJwksUrl(urlAfter(url));
            return transactions.inTransaction(() -> {
                save.createWidget(widget, keyring);
                return Result.ok(WidgetDetails.of(widget, keyring));
            });
        }));
    }

    @Override
    public Result<WidgetDetails> getWidget(WorkspaceId workspaceId, WidgetId widgetId) {
        return find(workspaceId, widgetId).flatMap(widget -> keyring(widget)
                .map(keyring -> WidgetDetails.of(widget, keyring)));
    }

    /**
     * {@inheritDoc} A change that sets {@code mode} to {@code required} carries the rollout warning:
     * what {@code required} would have refused over the last 24 hours, read from the coverage
     * counters in the same transaction (absent when nothing).
     */
    @Override
    public Result<WidgetDetails> updateWidget(WorkspaceId workspaceId, WidgetId widgetId, WidgetSettings settings) {
        Instant now = clock.instant();
        return transactions.inTransaction(() -> updated(workspaceId, widgetId, settings).map(details ->
                settings.mode().flatMap(AuthMode::fromWire).filter(AuthMode::requiresToken).isPresent()
                        ? details.withRolloutWarning(coverage.rolloutWarning(details.widget(), now))
                        : details));
    }

    private Result<WidgetDetails> updated(WorkspaceId workspaceId, WidgetId widgetId, WidgetSettings settings) {
        return find(workspaceId, widgetId)
                .flatMap(widget -> apply(widget, settings))
                .flatMap(updated -> jwksUrl(settings.jwksUrl()).flatMap(url -> {
                    save.updateWidget(updated);
                    if (url instanceof SettingChange.Keep<JwksUrl>) {
                        return keyring(updated).map(keyring -> WidgetDetails.of(updated, keyring));
                    }
                    return lockedKeyring(updated).map(keyring -> {
                        WidgetKeyring changed = keyring.withJwksUrl(urlAfter(url));
                        save.saveKeyring(updated, changed);
                        return WidgetDetails.of(updated, changed);
                    });
                }));
    }

    @Override
    public Result<WidgetSecret> revealSecret(WorkspaceId workspaceId, WidgetId widgetId) {
        return find(workspaceId, widgetId).flatMap(this::keyring).map(WidgetKeyring::current);
    }

    @Override
    public Result<WidgetSecret> rotateSecret(WorkspaceId workspaceId, WidgetId widgetId, long graceSeconds) {
        if (graceSeconds < 0 || graceSeconds > WidgetKeyring.MAX_GRACE.toSeconds()) {
            return Refusals.invalid(InputField.GRACE_PERIOD, "must be 0 to " + WidgetKeyring.MAX_GRACE.toSeconds() + ".");
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> find(workspaceId, widgetId).flatMap(widget -> lockedKeyring(widget).map(keyring -> {
            WidgetKeyring rotated = keyring.rotate(newKeyId(), SecretValue.of(credentials.secret()),
                    Duration.ofSeconds(graceSeconds), now);
            save.saveKeyring(widget, rotated);
            events.append(WorkspaceEvents.secretRotated(widget, rotated.current(), now));
            return rotated.current();
        })));
    }

    @Override
    public Result<AuthFailureLog> listAuthFailures(WorkspaceId workspaceId, WidgetId widgetId, int limit) {
        if (limit < 1 || limit > 1000) {
            return Refusals.invalid(InputField.FAILURE_LIMIT, "must be 1 to 1000.");
        }
        return find(workspaceId, widgetId).map(widget -> failures.recentAuthFailures(workspaceId, widget.id(), limit));
    }

    /** The JWKS URL change a request asks for; {@code invalid_request} naming {@code jwksUrl} for an unacceptable URL. */
    private Result<SettingChange<JwksUrl>> jwksUrl(SettingChange<String> change) {
        if (change instanceof SettingChange.Set<String> set) {
            return JwksUrl.parse(set.value(), allowPlainHttpJwks).map(SettingChange::set);
        }
        return Result.ok(change instanceof SettingChange.Clear<String> ? SettingChange.clear() : SettingChange.keep());
    }

    /** The URL a keyring has after {@code change} (which is not a keep). */
    private static Optional<JwksUrl> urlAfter(SettingChange<JwksUrl> change) {
        return change instanceof SettingChange.Set<JwksUrl> set ? Optional.of(set.value()) : Optional.empty();
    }

    private KeyId newKeyId() {
        return new KeyId(credentials.id("k_", 9));
    }

    private Result<Widget> find(WorkspaceId workspaceId, WidgetId widgetId) {
        return WorkspaceWidgets.find(load, workspaceId, widgetId);
    }

    private Result<WidgetKeyring> lockedKeyring(Widget widget) {
        return load.lockKeyring(widget.workspaceId(), widget.id()).<Result<WidgetKeyring>>map(Result::ok)
                .orElseGet(Refusals::widgetNotFound);
    }

    private Result<WidgetKeyring> keyring(Widget widget) {
        return load.findKeyring(widget.workspaceId(), widget.id()).<Result<WidgetKeyring>>map(Result::ok)
                .orElseGet(Refusals::widgetNotFound);
    }

    /** {@code widget} with the present settings applied, or {@code invalid_request} naming the bad one. */
    static Result<Widget> apply(Widget widget, WidgetSettings settings) {
        Result<Widget> named = settings.name().map(name -> Widget.name(name).map(widget::withName)).orElse(Result.ok(widget));
        return named.flatMap(next -> policy(next.policy(), settings).map(next::withPolicy))
                .flatMap(next -> origins(next, settings));
    }

    /** {@code current} with the present policy settings applied: the domain's factories check them. */
    private static Result<AuthenticationPolicy> policy(AuthenticationPolicy current, WidgetSettings settings) {
        Result<AuthMode> mode = settings.mode().map(AuthMode::parse).orElse(Result.ok(current.mode()));
        return mode.flatMap(m -> AuthenticationPolicy.of(m,
                settings.maxTokenLifetimeSeconds().orElse(current.maxTokenLifetime().toSeconds()),
                settings.clockSkewSeconds().orElse(current.clockSkew().toSeconds()),
                settings.requireJti().orElse(current.requireJti())));
    }

    private static Result<Widget> origins(Widget widget, WidgetSettings settings) {
        Widget next = widget;
        if (settings.allowedOrigins().isPresent()) {
            List<String> origins = settings.allowedOrigins().get();
            if (origins.size() > AllowedOrigins.MAX_ORIGINS) {
                return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.ALLOWED_ORIGINS,
                        "at most " + AllowedOrigins.MAX_ORIGINS + " allowed origins."));
            }
            for (String origin : origins) {
                if (AllowedOrigins.normalise(origin).isEmpty()) {
                    return Result.refused(Refusal.of(ErrorCode.INVALID_REQUEST, InputField.ALLOWED_ORIGINS,
                            "each allowed origin is scheme://host[:port] with scheme http or https and no path."));
                }
            }
            next = next.withAllowedOrigins(new AllowedOrigins(origins));
        }
        return Result.ok(next);
    }
}
