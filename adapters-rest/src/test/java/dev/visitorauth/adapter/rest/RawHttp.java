package dev.visitorauth.adapter.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 over a plain socket, for what the JDK's client will not send: chunked bodies of any size,
 * a Content-Length with no body behind it, slow writers. Reads one response and what follows it.
 */
final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    RawHttp(int port) {
        try {
            socket = new Socket("localhost", port);
            socket.setSoTimeout(60_000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An answer: status, headers (lower-case names), body; {@code closed} when the server closed after it. */
    record Answer(int status, Map<String, String> headers, String body, boolean closed) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    void write(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /**
     * Writes chunks of {@code chunkSize} bytes until {@code total} bytes are sent or the server stops
     * taking them; returns how many body bytes were written.
     */
    CompletableFuture<Long> writeChunksInBackground(int chunkSize, long total) {
        AtomicLong written = new AtomicLong();
        return CompletableFuture.supplyAsync(() -> {
            byte[] data = new byte[chunkSize];
            java.util.Arrays.fill(data, (byte) ' ');
            byte[] head = (Integer.toHexString(chunkSize) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
            byte[] tail = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
            try {
                while (written.get() < total) {
                    out.write(head);
                    out.write(data);
                    out.write(tail);
                    written.addAndGet(chunkSize);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException e) {
                // the server closed the connection: what the test wants to see
            }
            return written.get();
        });
    }

    /** Reads until the server closes the connection (true), or {@code timeout} passes without that (false). */
    boolean closedWithin(java.time.Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (in.read() >= 0) {
                // whatever the server says before it closes
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Reads one response (Content-Length framed, or until close), then whether the server closed the connection. */
    Answer read() throws IOException {
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.merge(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String length = headers.get("content-length");
        if (length != null) {
            body.write(in.readNBytes(Integer.parseInt(length)));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line().trim(), 16); size > 0; size = Integer.parseInt(line().trim(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if ("close".equalsIgnoreCase(headers.get("connection"))) {
            body.write(readUntilClosed());
            return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), true);
        }
        boolean closed = "close".equalsIgnoreCase(headers.get("connection")) && closedByServer();
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8), closed);
    }

    private byte[] readUntilClosed() {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                rest.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // reset after the answer: closed too
        }
        return rest.toByteArray();
    }

    private boolean closedByServer() {
        try {
            while (in.read() >= 0) {
                // discard anything after the answer
            }
            return true;
        } catch (IOException e) {
            return true; // reset: closed too
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed in the middle of a line: " + s);
            }
            if (c != '\r') {
                s.append((char) c);
            }
        }
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
