package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.CreateWidgetUseCase;
import dev.visitorauth.application.port.in.GetWidgetUseCase;
import dev.visitorauth.application.port.in.UpdateWidgetUseCase;
import dev.visitorauth.application.port.in.WidgetDetails;
import dev.visitorauth.application.port.in.SettingChange;
import dev.visitorauth.application.port.in.WidgetSettings;
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
import dev.visitorauth.domain.widget.SecretValue;
import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetId;
import dev.visitorauth.domain.widget.WidgetKeyring;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Widgets and their settings, for a workspace's admins. Their secrets are {@link WidgetSecretService}'s,
 * their failure logs {@link AuthFailureLogService}'s.
 */
public final class WidgetAdminService implements CreateWidgetUseCase, GetWidgetUseCase, UpdateWidgetUseCase {

    private final LoadWidgetPort load;
    private final SaveWidgetPort save;
    private final TransactionPort transactions;
    private final Credentials credentials;
    private final Clock clock;
    private final boolean allowPlainHttpJwks;
    private final CoverageService coverage;

    /**
     * @param allowPlainHttpJwks true when private outbound addresses are allowed
     *                           ({@code VISITORAUTH_OUTBOUND_ALLOW_PRIVATE}): a JWKS URL may then use
     *                           plain {@code http}
     */
    public WidgetAdminService(LoadWidgetPort load, SaveWidgetPort save, TransactionPort transactions, RandomPort random,
                              Clock clock, boolean allowPlainHttpJwks, CoverageService coverage) {
        this.coverage = Objects.requireNonNull(coverage, "coverage");
        this.allowPlainHttpJwks = allowPlainHttpJwks;
        this.load = Objects.requireNonNull(load, "load");
        this.save = Objects.requireNonNull(save, "save");
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
            WidgetKeyring keyring = WidgetKeyring.create(widget.id(), credentials.secretKeyId(), SecretValue.of(credentials.secret()), now)
                    .withJwksUrl(urlAfter(url));
            return transactions.inTransaction(() -> {
                save.createWidget(widget, keyring);
                return Result.ok(WidgetDetails.of(widget, keyring));
            });
        }));
    }

    @Override
    public Result<WidgetDetails> getWidget(WorkspaceId workspaceId, WidgetId widgetId) {
        return WorkspaceWidgets.find(load, workspaceId, widgetId).flatMap(widget -> WorkspaceWidgets.keyring(load, widget)
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
        return WorkspaceWidgets.find(load, workspaceId, widgetId)
                .flatMap(widget -> apply(widget, settings))
                .flatMap(updated -> jwksUrl(settings.jwksUrl()).flatMap(url -> {
                    save.updateWidget(updated);
                    if (url instanceof SettingChange.Keep<JwksUrl>) {
                        return WorkspaceWidgets.keyring(load, updated).map(keyring -> WidgetDetails.of(updated, keyring));
                    }
                    return WorkspaceWidgets.lockedKeyring(load, updated).map(keyring -> {
                        WidgetKeyring changed = keyring.withJwksUrl(urlAfter(url));
                        save.saveKeyring(updated, changed);
                        return WidgetDetails.of(updated, changed);
                    });
                }));
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
        return settings.allowedOrigins().map(origins -> AllowedOrigins.of(origins).map(widget::withAllowedOrigins))
                .orElse(Result.ok(widget));
    }
}
