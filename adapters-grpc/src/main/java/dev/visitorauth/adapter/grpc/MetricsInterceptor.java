package dev.visitorauth.adapter.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Times every call, whatever service it is for, as {@value #METRIC} tagged with {@code method}
 * (the full method name, e.g. {@code visitorauth.v1.VisitorAuthService/StartSession}) and
 * {@code status} (the gRPC status code, e.g. {@code OK}, {@code UNAUTHENTICATED}; {@code CANCELLED}
 * when the client cancelled or the deadline passed before the server answered).
 */
public final class MetricsInterceptor implements ServerInterceptor {
    public static final String METRIC = "visitorauth.grpc.server.calls";

    private final MeterRegistry registry;

    public MetricsInterceptor(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Recorder recorder = new Recorder(call.getMethodDescriptor().getFullMethodName(), Timer.start(registry));
        ServerCall<Q, R> recording = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                recorder.record(status.getCode());
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(recording, headers)) {
            @Override
            public void onCancel() {
                recorder.record(Status.Code.CANCELLED);
                super.onCancel();
            }
        };
    }

    private final class Recorder {
        private final String method;
        private final Timer.Sample sample;
        private final AtomicBoolean done = new AtomicBoolean();

        Recorder(String method, Timer.Sample sample) {
            this.method = method;
            this.sample = sample;
        }

        void record(Status.Code code) {
            if (done.compareAndSet(false, true)) {
                sample.stop(Timer.builder(METRIC).description("gRPC server calls by method and status")
                        .tag("method", method).tag("status", code.name()).register(registry));
            }
        }
    }
}
