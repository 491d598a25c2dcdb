package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.workspace.WorkspaceId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The workspace's widgets, newest first (creation time, then id), a page at a time, so a lost widget
 * id can be found again (spec section 11). {@code limit} 1 to 100 (default 20); the cursor is valid
 * only for this list and workspace. Refusals: {@code invalid_request} naming {@code limit} or
 * {@code cursor}.
 */
public interface ListWidgetsUseCase {

    Result<WidgetPage> listWidgets(ListWidgetsQuery query);

    record ListWidgetsQuery(WorkspaceId workspaceId, OptionalInt limit, Optional<String> cursor) {
        public ListWidgetsQuery {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(cursor, "cursor");
        }
    }

    /**
     * @param widgets    the page, each with what {@code GET /v1/admin/widgets/{id}} shows (no secret)
     * @param nextCursor the next page's cursor; empty on the last page
     */
    record WidgetPage(List<WidgetDetails> widgets, Optional<String> nextCursor) {
        public WidgetPage {
            widgets = List.copyOf(widgets);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }
}
