package dev.visitorauth.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The generator's log: one JSON object per line, one line per answer (and per stream event), with
 * {@code op}, {@code t0} (sent, epoch ms), {@code t1} (answered), {@code outcome}, {@code status},
 * {@code code}, {@code lb} (true when the balancer, not a node, answered) and what was created.
 * Written by every thread; a line is never split.
 */
final class Journal implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    Journal(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    static ObjectNode entry(String op) {
        ObjectNode n = JSON.createObjectNode();
        n.put("op", op);
        return n;
    }

    private boolean closed;

    synchronized void write(ObjectNode entry) {
        if (closed) {
            return;
        }
        try {
            out.write(JSON.writeValueAsString(entry));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        out.close();
    }
}
