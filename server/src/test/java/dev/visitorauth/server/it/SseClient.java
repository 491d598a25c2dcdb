package dev.visitorauth.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Server-Sent Events client over real HTTP, as the widget reads the stream with {@code fetch}: the
 * bearer token in the header, {@code Last-Event-ID} to resume. A reader thread parses the frames into
 * {@link #next} events; {@link #close()} drops the connection.
 */
final class SseClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Event END = new Event(null, "(end)", null);

    /** One frame: its {@code id:} (null when none), {@code event:} and {@code data:}. */
    record Event(String id, String type, String data) {
        JsonNode json() {
            return JSON.readTree(data);
        }
    }

    final int status;
    final String contentType;
    final String body;
    private final InputStream in;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final AtomicInteger comments = new AtomicInteger();
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) throws IOException {
        this.status = response.statusCode();
        this.contentType = response.headers().firstValue("Content-Type").orElse("");
        this.in = response.body();
        if (status != 200) {
            this.body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            in.close();
            return;
        }
        this.body = "";
        Thread reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    static SseClient open(int port, String path, String bearer, String lastEventId, String... headerPairs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream").GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        try {
            return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new AssertionError("cannot open " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String id = null;
            String type = null;
            StringBuilder data = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, type == null ? "message" : type, data.toString()));
                    }
                    id = null;
                    type = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    type = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    value = value.startsWith(" ") ? value.substring(1) : value;
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
        } catch (IOException closed) {
            // the connection was dropped (by close() or the server)
        } finally {
            ended = true;
            events.add(END);
        }
    }

    /** The next event, waiting up to 20 s; fails when the stream ends or nothing comes. */
    Event next() {
        Event e = poll(Duration.ofSeconds(20));
        if (e == null) {
            throw new AssertionError("no event within 20 s");
        }
        return e;
    }

    /** The next event within {@code wait}, or null; an ended stream fails. */
    Event poll(Duration wait) {
        try {
            Event e = events.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (e == END) {
                events.add(END);
                throw new AssertionError("the stream ended");
            }
            return e;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** The next {@code n} events. */
    List<Event> next(int n) {
        List<Event> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(next());
        }
        return list;
    }

    /** Waits (up to 20 s) until the server closes the stream, and returns what came before the end. */
    List<Event> awaitEnd() {
        List<Event> rest = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Event e = events.poll(100, TimeUnit.MILLISECONDS);
                if (e == END) {
                    events.add(END);
                    return rest;
                }
                if (e != null) {
                    rest.add(e);
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError(ex);
            }
        }
        throw new AssertionError("the stream did not end within 20 s; got " + rest);
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
