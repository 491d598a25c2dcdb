package dev.visitorauth.benchmarks;

import dev.visitorauth.adapter.grpc.v1.StartSessionRequest;
import dev.visitorauth.adapter.grpc.v1.VerifyVisitorTokenRequest;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop gRPC load client for {@code StartSession} and {@code VerifyVisitorToken}: keeps
 * {@code concurrency} calls in flight on one channel for a warm-up and then a measured period, and
 * prints one line: calls per second, p50 and p99 latency, and the calls that did not answer OK.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.visitorauth.benchmarks.GrpcLoad \
 *     start|verify HOST:PORT API_KEY WIDGET_ID TOKENS_FILE CONCURRENCY WARMUP_SECONDS SECONDS
 * </pre>
 *
 * {@code TOKENS_FILE} holds one visitor token a line, used round robin: for {@code start}, each is
 * an authenticated start of its (existing) user on a new device.
 */
public final class GrpcLoad {
    private GrpcLoad() {
    }

    /** Latencies of the measured period, in microseconds; capped (a slot past the end is not kept). */
    private static final class Recorder {
        private final long[] micros;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicLong failed = new AtomicLong();
        private volatile boolean measuring;

        Recorder(int capacity) {
            micros = new long[capacity];
        }

        void record(long startNanos, boolean ok) {
            if (!measuring) {
                return;
            }
            if (!ok) {
                failed.incrementAndGet();
            }
            int i = next.getAndIncrement();
            if (i < micros.length) {
                micros[i] = (System.nanoTime() - startNanos) / 1_000;
            }
        }

        long[] sorted() {
            long[] kept = Arrays.copyOf(micros, Math.min(next.get(), micros.length));
            Arrays.sort(kept);
            return kept;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 8 || !(args[0].equals("start") || args[0].equals("verify"))) {
            System.err.println("usage: GrpcLoad start|verify HOST:PORT API_KEY WIDGET_ID TOKENS_FILE CONCURRENCY"
                    + " WARMUP_SECONDS SECONDS");
            System.exit(2);
        }
        boolean start = args[0].equals("start");
        String[] hostPort = args[1].split(":", 2);
        String apiKey = args[2];
        String widgetId = args[3];
        List<String> tokens = readTokens(Path.of(args[4]));
        int concurrency = Integer.parseInt(args[5]);
        int warmup = Integer.parseInt(args[6]);
        int seconds = Integer.parseInt(args[7]);

        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + apiKey);
        ManagedChannel channel = NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1])).usePlaintext()
                .build();
        try {
            VisitorAuthServiceGrpc.VisitorAuthServiceStub stub = VisitorAuthServiceGrpc.newStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
            Recorder recorder = new Recorder(2_000_000);
            Semaphore inFlight = new Semaphore(concurrency);
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmup);
            long end = warmupEnd + TimeUnit.SECONDS.toNanos(seconds);
            long measuredFrom = 0;
            long measuredCalls = 0;
            for (int i = 0; ; i++) {
                long now = System.nanoTime();
                if (now >= end) {
                    break;
                }
                if (!recorder.measuring && now >= warmupEnd) {
                    recorder.measuring = true;
                    measuredFrom = now;
                }
                inFlight.acquire();
                if (recorder.measuring) {
                    measuredCalls++;
                }
                String token = tokens.get(i % tokens.size());
                long sent = System.nanoTime();
                if (start) {
                    stub.startSession(StartSessionRequest.newBuilder().setWidgetId(widgetId).setVisitorToken(token).build(),
                            new Done<>(recorder, inFlight, sent));
                } else {
                    stub.verifyVisitorToken(VerifyVisitorTokenRequest.newBuilder().setWidgetId(widgetId)
                            .setVisitorToken(token).build(), new Done<>(recorder, inFlight, sent));
                }
            }
            inFlight.acquire(concurrency); // the last calls answer
            double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
            long[] sorted = recorder.sorted();
            System.out.printf(Locale.ROOT, "grpc_%s calls_per_s=%.0f p50_ms=%.2f p99_ms=%.2f not_ok=%d%n", args[0],
                    measuredCalls / elapsed, percentile(sorted, 0.50) / 1000.0, percentile(sorted, 0.99) / 1000.0,
                    recorder.failed.get());
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static List<String> readTokens(Path file) throws IOException {
        List<String> tokens = Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException(file + " holds no token");
        }
        return tokens;
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))];
    }

    /** Records the call's latency and outcome, and frees its slot. */
    private record Done<T>(Recorder recorder, Semaphore inFlight, long sent) implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
        }

        @Override
        public void onError(Throwable t) {
            recorder.record(sent, false);
            if (Status.fromThrowable(t).getCode() == Status.Code.UNAVAILABLE && !recorder.measuring) {
                System.err.println("GrpcLoad: " + t.getMessage());
            }
            inFlight.release();
        }

        @Override
        public void onCompleted() {
            recorder.record(sent, true);
            inFlight.release();
        }
    }
}
