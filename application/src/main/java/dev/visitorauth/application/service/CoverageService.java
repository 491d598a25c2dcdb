package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.GetCoverageUseCase;
import dev.visitorauth.application.port.out.LoadCoveragePort;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.domain.coverage.Coverage;
import dev.visitorauth.domain.coverage.FailureSpikeRule;
import dev.visitorauth.domain.coverage.RequiredImpact;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.widget.Widget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Coverage from the hourly counters (never from sessions), and the rollout warning of a switch to {@code required}. */
public final class CoverageService implements GetCoverageUseCase {
    private final LoadWidgetPort widgets;
    private final LoadCoveragePort counters;
    private final Clock clock;

    public CoverageService(LoadWidgetPort widgets, LoadCoveragePort counters, Clock clock) {
        this.widgets = Objects.requireNonNull(widgets, "widgets");
        this.counters = Objects.requireNonNull(counters, "counters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result<Coverage> coverage(CoverageQuery query) {
        return Coverage.hours(query.hours()).flatMap(hours -> WorkspaceWidgets.find(widgets, query.workspaceId(), query.widgetId())
                .map(widget -> coverage(widget, hours, clock.instant())));
    }

    /**
     * What switching {@code widget} to {@code required} would have refused over the last
     * {@value Coverage#ROLLOUT_WARNING_HOURS} hours; empty when nothing.
     */
    Optional<RequiredImpact> rolloutWarning(Widget widget, Instant now) {
        RequiredImpact impact = coverage(widget, Coverage.ROLLOUT_WARNING_HOURS, now).ifRequired();
        return impact.refusesAny() ? Optional.of(impact) : Optional.empty();
    }

    private Coverage coverage(Widget widget, int hours, Instant now) {
        Instant end = FailureSpikeRule.hourOf(now).plus(Duration.ofHours(1));
        Instant start = end.minus(Duration.ofHours(hours));
        return Coverage.of(hours, counters.startupCounts(widget.workspaceId(), widget.id(), start, end));
    }
}
