package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * "Sign out everywhere" (spec sections 10 and 14), in one transaction: revokes every current
 * session of the user (every device; sessions live in the shared database, so on every node), and
 * sets the user's token cutoff to {@code issuedBefore} (default: now), so its visitor tokens
 * issued before it, or without {@code iat}, are refused with {@code token_revoked} from then on.
 * The cutoff only moves forward. Appends {@code session.ended} (reason {@code revoked}) to the
 * user's sessions and {@code user.sessions_revoked} to the workspace.
 *
 * <p>Refusals: {@code not_found} for no such user in the workspace; {@code invalid_request} on
 * {@code issuedBefore} when it is in the future.
 */
public interface RevokeUserSessionsUseCase {

    Result<RevokedSessions> revokeUserSessions(RevokeUserSessionsCommand command);

    /** @param issuedBefore the token cutoff; empty means now */
    record RevokeUserSessionsCommand(WorkspaceId workspaceId, ExternalUserId externalId, Optional<Instant> issuedBefore) {
        public RevokeUserSessionsCommand {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(externalId, "externalId");
            Objects.requireNonNull(issuedBefore, "issuedBefore");
        }
    }

    /**
     * @param revokedSessions how many sessions were current and are now revoked
     * @param tokenCutoff     the user's token cutoff now in force (later than {@code issuedBefore}
     *                        when an earlier revocation had set a later one)
     */
    record RevokedSessions(int revokedSessions, Instant tokenCutoff) {
        public RevokedSessions {
            Objects.requireNonNull(tokenCutoff, "tokenCutoff");
        }
    }
}
