package dev.visitorauth.application.service;

import dev.visitorauth.application.port.in.MessagePage;
import dev.visitorauth.application.port.in.MessageWindow;
import dev.visitorauth.application.port.out.CursorCodecPort;
import dev.visitorauth.application.port.out.CursorCodecPort.CursorScope;
import dev.visitorauth.application.port.out.Keyset;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.PageMessagesPort.MessageSlice;
import dev.visitorauth.domain.conversation.ConversationId;
import dev.visitorauth.domain.conversation.ConversationOwner;
import dev.visitorauth.domain.conversation.MessageId;
import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.paging.PageSize;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The paging rules of spec sections 8 and 14, in one place: page sizes, the message window, and
 * list positions sealed into cursors bound to their list, owner, workspace and filter.
 */
final class Paging {
    /** How many visitors and conversations the admin user look-up shows at most. */
    static final int USER_DETAILS_CAP = PageSize.USER_DETAILS_CAP;

    /** Cursor list names: a cursor of one list never opens for another. */
    static final String SESSION_CONVERSATIONS = "session-conversations";
    static final String USER_CONVERSATIONS = "user-conversations";
    static final String USER_VISITORS = "user-visitors";
    static final String USERS = "users";
    static final String WIDGETS = "widgets";
    static final String INBOX = "inbox";

    private Paging() {
    }

    /** A list's page size, by {@link PageSize#ofList}. */
    static Result<Integer> pageSize(OptionalInt requested) {
        return PageSize.ofList(requested);
    }

    /** Reads the page of messages {@code window} asks for. */
    static Result<MessagePage> messages(PageMessagesPort port, WorkspaceId ws, ConversationId conversation,
                                        MessageWindow window) {
        return PageSize.ofMessages(window.limit(), window.before().isPresent(), window.after().isPresent()).flatMap(limit -> {
            if (window.before().isPresent()) {
                return anchored(window.before().get(), InputField.MESSAGES_BEFORE,
                        id -> port.messagesBefore(ws, conversation, id, limit));
            }
            if (window.after().isPresent()) {
                return anchored(window.after().get(), InputField.MESSAGES_AFTER, id -> port.messagesAfter(ws, conversation, id, limit));
            }
            MessageSlice slice = port.latestMessages(ws, conversation, limit);
            return Result.ok(new MessagePage(slice.messages(), slice.hasMore()));
        });
    }

    private static Result<MessagePage> anchored(MessageId anchor, InputField parameter,
                                                java.util.function.Function<MessageId, Optional<MessageSlice>> read) {
        return read.apply(anchor).<Result<MessagePage>>map(s -> Result.ok(new MessagePage(s.messages(), s.hasMore())))
                .orElseGet(() -> Result.refused(MessageId.unknownAnchor(parameter)));
    }

    /** How a conversation owner is named in a cursor's scope. */
    static String ownerKey(ConversationOwner owner) {
        return owner instanceof ConversationOwner.LinkedUser u ? "user:" + u.userId().value()
                : "visitor:" + ((ConversationOwner.AnonymousVisitor) owner).visitorId().value();
    }

    /** The keyset in {@code cursor}, when given: {@code invalid_request} about the cursor when it does not open for {@code scope}. */
    static Result<Optional<Keyset>> openKeyset(CursorCodecPort codec, CursorScope scope, Optional<String> cursor) {
        if (cursor.isEmpty()) {
            return Result.ok(Optional.empty());
        }
        Optional<Keyset> keyset = codec.open(scope, cursor.get()).flatMap(Paging::keyset);
        return keyset.isPresent() ? Result.ok(keyset) : badCursor();
    }

    /** The position in {@code cursor}, when given: {@code invalid_request} about the cursor when it does not open. */
    static Result<Optional<String>> openPosition(CursorCodecPort codec, CursorScope scope, Optional<String> cursor) {
        if (cursor.isEmpty()) {
            return Result.ok(Optional.empty());
        }
        Optional<String> position = codec.open(scope, cursor.get());
        return position.isPresent() ? Result.ok(position) : badCursor();
    }

    static Optional<String> sealKeyset(CursorCodecPort codec, CursorScope scope, Optional<Keyset> next) {
        return next.map(k -> codec.seal(scope, k.at() + "|" + k.id()));
    }

    private static <T> Result<T> badCursor() {
        return Refusals.invalid(InputField.CURSOR, "is not one this list issued (for this owner, workspace and filter):"
                + " pass the previous page's next cursor unchanged, or leave it out for the first page.");
    }

    private static Optional<Keyset> keyset(String position) {
        int bar = position.lastIndexOf('|');
        if (bar < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Keyset(Instant.parse(position.substring(0, bar)), position.substring(bar + 1)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
