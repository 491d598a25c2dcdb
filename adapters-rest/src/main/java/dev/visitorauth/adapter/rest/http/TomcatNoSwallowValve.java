package dev.visitorauth.adapter.rest.http;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;

/**
 * After a request whose body {@link RequestBodyLimitFilter} refused (too large or too slow), tells
 * Tomcat not to read ("swallow") the rest of the body before closing the connection: without this,
 * Tomcat waits for up to its swallow limit of further bytes, or for its read timeout when the client
 * sends nothing more, before it lets the connection go. The answer is already sent by then.
 */
public final class TomcatNoSwallowValve extends ValveBase {

    public TomcatNoSwallowValve() {
        super(true);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        getNext().invoke(request, response);
        if (request.getAttribute(RequestBodyLimitFilter.REFUSED_ATTRIBUTE) != null) {
            // Send the answer first; disabling input marks the exchange as failed, and the answer is
            // already the report of that failure, so no error page is added to it.
            response.flushBuffer();
            request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            response.getCoyoteResponse().setErrorReported();
        }
    }
}
