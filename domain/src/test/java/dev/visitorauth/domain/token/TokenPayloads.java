package dev.visitorauth.domain.token;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Object Mother for verified token payloads. {@link #aValidPayload()} passes every rule at
 * {@link #NOW} under the default policy: {@code exp} 30 s after now, {@code iat} now,
 * {@code id "user-42"}. Tests change only the claims they are about.
 */
final class TokenPayloads {
    /** 2025-03-01T12:00:00Z, a whole second. */
    static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    static final long NOW_SECONDS = NOW.getEpochSecond();

    private final Map<String, Object> claims = new LinkedHashMap<>();

    private TokenPayloads() {
    }

    static TokenPayloads aValidPayload() {
        return new TokenPayloads()
                .with("exp", NOW_SECONDS + 30)
                .with("iat", NOW_SECONDS)
                .with("id", "user-42");
    }

    /** Sets a claim; see {@link Json#of} for how Java values become JSON ({@code null} is JSON null). */
    TokenPayloads with(String claim, Object value) {
        claims.put(claim, value);
        return this;
    }

    TokenPayloads without(String claim) {
        claims.remove(claim);
        return this;
    }

    /** Sets a time claim to {@code NOW + offset}, written as exact decimal seconds (e.g. 1740830430.5). */
    TokenPayloads at(String claim, Duration offsetFromNow) {
        return with(claim, Json.num(seconds(NOW.plus(offsetFromNow))));
    }

    /** The exact decimal text of an instant as a NumericDate. */
    static String seconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }

    JsonValue.JsonObject build() {
        return (JsonValue.JsonObject) Json.of(claims);
    }
}
