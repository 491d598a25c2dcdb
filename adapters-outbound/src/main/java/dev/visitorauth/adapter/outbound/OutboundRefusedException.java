package dev.visitorauth.adapter.outbound;

import java.net.UnknownHostException;

/**
 * An outbound request the guard refuses: a scheme other than https, or a host with an address that
 * is not allowed. It extends {@link UnknownHostException} because that is what a resolver may
 * throw, so the refusal travels through the HTTP client unchanged ("no address we may use").
 * Its message names the host and the refused address, never a URL's path or query.
 */
public final class OutboundRefusedException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    public OutboundRefusedException(String message) {
        super(message);
    }
}
