package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.widget.AuthFailure;
import java.util.List;
import java.util.Map;

/**
 * A widget's failure log as {@link ListAuthFailuresUseCase} answers it.
 *
 * @param failures     the newest failures, newest first
 * @param countsByCode counts per code over the whole retained log
 */
public record AuthFailures(List<AuthFailure> failures, Map<ErrorCode, Long> countsByCode) {
    public AuthFailures {
        failures = List.copyOf(failures);
        countsByCode = Map.copyOf(countsByCode);
    }
}
