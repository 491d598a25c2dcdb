package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.conversation.Conversation;
import dev.visitorauth.domain.conversation.Message;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.User;
import dev.visitorauth.domain.visitor.Visitor;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;

/**
 * Everything held about a user (GDPR articles 15 and 20), read page by page so that no answer is
 * ever held whole in memory. {@code not_found} when the workspace has no such user.
 *
 * <p>{@link #exportUser} only finds the user; {@link UserExport#writeTo} then walks the visitors
 * (oldest first), the conversations (oldest first) and each one's messages (oldest first), handing
 * each page to the sink as it is read.
 */
public interface ExportUserUseCase {

    Result<UserExport> exportUser(WorkspaceId workspaceId, ExternalUserId externalId);

    /** A found user, ready to be written out. */
    interface UserExport {
        User user();

        /**
         * Writes the export to {@code sink}. Pages are read one after the other, not in one
         * snapshot: a message posted meanwhile may or may not be included. If the user is erased
         * while the export runs, writing stops at the next page and the result is
         * {@code not_found}: the sink then holds an incomplete export, which the caller must
         * not present as complete.
         */
        Result<ExportSummary> writeTo(ExportSink sink);
    }

    /** Receives an export in document order: user, visitor pages, then each conversation with its message pages, then end. */
    interface ExportSink {
        void user(User user);

        /** A page of visitors; called zero or more times, all before the first conversation. */
        void visitors(List<Visitor> page);

        /** Starts a conversation; its messages follow. */
        void conversation(Conversation conversation);

        /** A page of the current conversation's messages, oldest first. */
        void messages(List<Message> page);

        /** The export is complete. */
        void end();
    }

    /** What was written. */
    record ExportSummary(long visitors, long conversations, long messages) {
    }
}
