package dev.visitorauth.domain.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The identity a verified visitor token asserts: who the user is (the company's external id),
 * the profile update it carries, and the token facts the linking and replay rules need.
 *
 * @param externalId the normalised {@code id} claim
 * @param profile    what the profile claims do to the stored profile
 * @param expiresAt  the {@code exp} claim
 * @param issuedAt   the {@code iat} claim, when present
 * @param tokenId    the {@code jti} claim, when present (single use until {@code expiresAt})
 */
public record VisitorIdentity(ExternalUserId externalId, ProfileUpdate profile, Instant expiresAt,
                              Optional<Instant> issuedAt, Optional<String> tokenId) {
    public VisitorIdentity {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(tokenId, "tokenId");
    }
}
