package dev.visitorauth.application.port.in;

import dev.visitorauth.domain.error.Result;

/**
 * A user's visitors (devices), most recently seen first, a page at a time. {@code not_found} for
 * no such user; {@code invalid_request} naming {@code limit} or {@code cursor}.
 */
public interface ListUserVisitorsUseCase {

    Result<VisitorPage> listUserVisitors(UserListQuery query);
}
