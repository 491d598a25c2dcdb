package dev.visitorauth.domain.identity;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The company's user as the service knows it. Identity is workspace + external id; the profile is
 * created from the first token seen and updated by later ones under the profile-update rules.
 */
public final class User {
    private final WorkspaceId workspaceId;
    private final UserId id;
    private final ExternalUserId externalId;
    private final Profile profile;
    private final Optional<Instant> lastAppliedIssuedAt;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final Optional<Instant> tokenCutoff;

    private User(WorkspaceId workspaceId, UserId id, ExternalUserId externalId, Profile profile,
                 Optional<Instant> lastAppliedIssuedAt, Instant createdAt, Instant updatedAt, Optional<Instant> tokenCutoff) {
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.id = Objects.requireNonNull(id, "id");
        this.externalId = Objects.requireNonNull(externalId, "externalId");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.lastAppliedIssuedAt = Objects.requireNonNull(lastAppliedIssuedAt, "lastAppliedIssuedAt");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.tokenCutoff = Objects.requireNonNull(tokenCutoff, "tokenCutoff");
    }

    /** A user seen for the first time, with the profile its token carries. */
    public static Result<User> firstSeen(WorkspaceId workspaceId, UserId id, VisitorIdentity identity, Instant now) {
        User blank = new User(workspaceId, id, identity.externalId(), Profile.empty(), Optional.empty(), now, now,
                Optional.empty());
        return blank.apply(identity, now);
    }

    /** A stored user whose sessions were never revoked (no token cutoff). */
    public static User restore(WorkspaceId workspaceId, UserId id, ExternalUserId externalId, Profile profile,
                               Optional<Instant> lastAppliedIssuedAt, Instant createdAt, Instant updatedAt) {
        return new User(workspaceId, id, externalId, profile, lastAppliedIssuedAt, createdAt, updatedAt, Optional.empty());
    }

    /** A stored user, with its token cutoff when its sessions were revoked ("sign out everywhere"). */
    public static User restore(WorkspaceId workspaceId, UserId id, ExternalUserId externalId, Profile profile,
                               Optional<Instant> lastAppliedIssuedAt, Instant createdAt, Instant updatedAt,
                               Optional<Instant> tokenCutoff) {
        return new User(workspaceId, id, externalId, profile, lastAppliedIssuedAt, createdAt, updatedAt, tokenCutoff);
    }

    /**
     * The cutoff a "sign out everywhere" asks for: {@code issuedBefore} when given, else {@code now};
     * {@code invalid_request} about it when it is later than {@code now}.
     */
    public static Result<Instant> cutoffAskedFor(Optional<Instant> issuedBefore, Instant now) {
        if (issuedBefore.isPresent() && issuedBefore.get().isAfter(now)) {
            return Result.refused(Refusal.invalid(InputField.ISSUED_BEFORE, "must not be in the future; omit it to mean now."));
        }
        return Result.ok(issuedBefore.orElse(now));
    }

    /**
     * This user after "sign out everywhere" with {@code issuedBefore}: its visitor tokens issued
     * before that time are refused from now on. The cutoff only moves forward: an earlier
     * {@code issuedBefore} than the one in force leaves it where it is.
     */
    public User revokeTokensIssuedBefore(Instant issuedBefore) {
        Objects.requireNonNull(issuedBefore, "issuedBefore");
        if (tokenCutoff.isPresent() && !issuedBefore.isAfter(tokenCutoff.get())) {
            return this;
        }
        return new User(workspaceId, id, externalId, profile, lastAppliedIssuedAt, createdAt, updatedAt,
                Optional.of(issuedBefore));
    }

    /**
     * Whether a verified token for this user may start a session (spec section 10): once the
     * user's sessions were revoked, a token whose {@code iat} is before the cutoff, or that has no
     * {@code iat}, is refused with {@code token_revoked} on {@code iat}. A token issued at the
     * cutoff or later is admitted.
     */
    public Optional<Refusal> refusesToken(VisitorIdentity identity) {
        if (!identity.externalId().equals(externalId)) {
            throw new IllegalArgumentException("a token for another user");
        }
        if (tokenCutoff.isEmpty()) {
            return Optional.empty();
        }
        if (identity.issuedAt().isPresent() && !identity.issuedAt().get().isBefore(tokenCutoff.get())) {
            return Optional.empty();
        }
        return Optional.of(Refusal.of(ErrorCode.TOKEN_REVOKED, "iat", identity.issuedAt().isEmpty()
                ? "This user's sessions were revoked, so its tokens must carry an iat after the revocation. Mint a new"
                        + " token with iat."
                : "This user's sessions were revoked after this token was issued. Mint a new token."));
    }

    /**
     * Applies a later token's profile. Present claims overwrite, cleared claims clear, absent
     * claims stay; custom data merges key by key. A token whose {@code iat} is older than the last
     * applied one changes nothing (this user is returned as it is). Refused with
     * {@code invalid_claim} on {@code customData} when the merge would leave more than 50 keys.
     */
    public Result<User> apply(VisitorIdentity identity, Instant now) {
        if (!identity.externalId().equals(externalId)) {
            throw new IllegalArgumentException("a token for another user cannot update this one");
        }
        if (identity.issuedAt().isPresent() && lastAppliedIssuedAt.isPresent()
                && identity.issuedAt().get().isBefore(lastAppliedIssuedAt.get())) {
            return Result.ok(this);
        }
        ProfileUpdate u = identity.profile();
        Map<String, String> custom = profile.mergedCustomData(u.customData());
        if (custom.size() > Profile.MAX_CUSTOM_DATA_KEYS) {
            return Result.refused(Refusal.of(ErrorCode.INVALID_CLAIM, "customData",
                    "customData would leave " + custom.size() + " keys stored for this user; at most "
                            + Profile.MAX_CUSTOM_DATA_KEYS + " are kept. Send null for keys you no longer need."));
        }
        Profile next = new Profile(u.name().applyTo(profile.name()), u.email().applyTo(profile.email()),
                u.avatar().applyTo(profile.avatar()), u.companyId().applyTo(profile.companyId()),
                u.companyName().applyTo(profile.companyName()), custom);
        Optional<Instant> iat = identity.issuedAt().or(() -> lastAppliedIssuedAt);
        Instant updated = next.equals(profile) && iat.equals(lastAppliedIssuedAt) ? updatedAt : now;
        return Result.ok(new User(workspaceId, id, externalId, next, iat, createdAt, updated, tokenCutoff));
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public UserId id() {
        return id;
    }

    public ExternalUserId externalId() {
        return externalId;
    }

    public Profile profile() {
        return profile;
    }

    /** The {@code iat} of the last token whose profile was applied. */
    public Optional<Instant> lastAppliedIssuedAt() {
        return lastAppliedIssuedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** When present, this user's visitor tokens issued before it are refused ({@code token_revoked}). */
    public Optional<Instant> tokenCutoff() {
        return tokenCutoff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof User u && u.workspaceId.equals(workspaceId) && u.id.equals(id) && u.externalId.equals(externalId)
                && u.profile.equals(profile) && u.lastAppliedIssuedAt.equals(lastAppliedIssuedAt)
                && u.createdAt.equals(createdAt) && u.updatedAt.equals(updatedAt) && u.tokenCutoff.equals(tokenCutoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workspaceId, id);
    }

    @Override
    public String toString() {
        return "User[" + workspaceId + "/" + externalId + "]";
    }
}
