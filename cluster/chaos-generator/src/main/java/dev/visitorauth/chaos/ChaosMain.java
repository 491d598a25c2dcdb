package dev.visitorauth.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run <seconds>}: drives the cluster and writes DIR/journal.jsonl. {@code check}: reads the
 * journal and DIR/faults.log (lines "start|end epochMillis name"), checks the database and prints
 * the report (also to DIR/report.txt); exits 1 when the run failed. Settings from the environment:
 * CHAOS_DIR, CHAOS_REST (http://127.0.0.1:28080), CHAOS_GRPC (127.0.0.1:29090), CHAOS_SYSTEM_KEY,
 * CHAOS_JDBC_URL, CHAOS_WORKERS (6), CHAOS_STREAMS (6).
 */
public final class ChaosMain {
    private ChaosMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(env("CHAOS_DIR", "."));
        if (args.length >= 2 && args[0].equals("run")) {
            long seconds = Long.parseLong(args[1]);
            try (Journal journal = new Journal(dir.resolve("journal.jsonl"))) {
                new Generator(new Rest(env("CHAOS_REST", "http://127.0.0.1:28080")), env("CHAOS_GRPC", "127.0.0.1:29090"),
                        env("CHAOS_SYSTEM_KEY", ""), journal, seconds * 1000,
                        Integer.parseInt(env("CHAOS_WORKERS", "6")), Integer.parseInt(env("CHAOS_STREAMS", "6"))).run();
            }
            return;
        }
        if (args.length >= 1 && args[0].equals("check")) {
            List<JsonNode> journal = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("journal.jsonl"), StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    journal.add(Journal.JSON.readTree(line));
                }
            }
            String workspace = journal.stream().filter(e -> e.path("op").asText().equals("setup")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the journal has no set-up")).path("workspaceId").asText();
            Checker.Report report;
            try (JdbcDatabase db = new JdbcDatabase(env("CHAOS_JDBC_URL", ""), "postgres", "", workspace)) {
                report = Checker.check(journal, faults(dir.resolve("faults.log")), db);
            }
            String text = report.render();
            System.out.print(text);
            Files.writeString(dir.resolve("report.txt"), text, StandardCharsets.UTF_8);
            System.exit(report.passed() ? 0 : 1);
        }
        System.err.println("usage: ChaosMain run <seconds> | check");
        System.exit(2);
    }

    static List<Checker.Fault> faults(Path file) throws IOException {
        List<Checker.Fault> faults = new ArrayList<>();
        if (!Files.exists(file)) {
            return faults;
        }
        Map<String, Long> starts = new HashMap<>();
        List<String> order = new ArrayList<>();
        Map<String, Long> ends = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] p = line.trim().split(" ", 3);
            if (p.length < 3) {
                continue;
            }
            if (p[0].equals("start")) {
                starts.put(p[2], Long.parseLong(p[1]));
                order.add(p[2]);
            } else if (p[0].equals("end")) {
                ends.put(p[2], Long.parseLong(p[1]));
            }
        }
        for (String name : order) {
            faults.add(new Checker.Fault(name, starts.get(name), ends.getOrDefault(name, starts.get(name))));
        }
        return faults;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }
}
