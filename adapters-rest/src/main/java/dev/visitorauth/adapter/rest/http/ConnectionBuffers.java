package dev.visitorauth.adapter.rest.http;

import org.apache.catalina.connector.Connector;

/**
 * The sizes of the buffers Tomcat keeps for each open connection, for as long as it is open. An open
 * event stream ({@code GET /v1/stream}) is an open connection that holds them for hours, so they
 * decide what a stream costs: with Tomcat's defaults (8 KiB each) about 100 KiB of heap per connection, with
 * {@link #SMALL} about 60 KiB (measured in docs/performance.md, "Open event streams").
 *
 * @param socketReadBytes      the connection's socket read buffer ({@code socket.appReadBufSize}); the
 *                             request line and headers are read into a buffer of their own, sized
 *                             by the request-header limit plus this
 * @param socketWriteBytes     the connection's socket write buffer ({@code socket.appWriteBufSize})
 * @param responseHeaderBytes  the largest response header block ({@code maxHttpResponseHeaderSize});
 *                             ours are well under 2 KiB (security headers, CORS, problem types)
 * @param responseBodyBytes    each response's body buffer, in bytes and in chars
 *                             ({@link HeaderDeadlineProtocol#setResponseBufferSize}); a larger body is
 *                             sent chunked as it is written
 */
public record ConnectionBuffers(int socketReadBytes, int socketWriteBytes, int responseHeaderBytes,
                                int responseBodyBytes) {
    /**
     * Ours: 2 KiB socket and body buffers, 4 KiB for response headers. Every answer of this API but
     * lists, exports and the OpenAPI document fits in 2 KiB; larger ones stream in 2 KiB writes.
     */
    public static final ConnectionBuffers SMALL = new ConnectionBuffers(2048, 2048, 4096, 2048);

    public ConnectionBuffers {
        if (socketReadBytes < 1024 || socketWriteBytes < 1024 || responseHeaderBytes < 1024 || responseBodyBytes < 1024) {
            throw new IllegalArgumentException("every connection buffer needs at least 1 KiB");
        }
    }

    /**
     * Sets the sizes on a connector whose protocol is {@link HeaderDeadlineProtocol}, before it starts.
     *
     * @throws IllegalStateException when the connector does not take one of them (another protocol)
     */
    public void applyTo(Connector connector) {
        set(connector, "socket.appReadBufSize", socketReadBytes);
        set(connector, "socket.appWriteBufSize", socketWriteBytes);
        set(connector, "maxHttpResponseHeaderSize", responseHeaderBytes);
        set(connector, "responseBufferSize", responseBodyBytes);
    }

    private static void set(Connector connector, String name, int value) {
        if (!connector.setProperty(name, Integer.toString(value))) {
            throw new IllegalStateException("the HTTP connector does not take " + name);
        }
    }
}
