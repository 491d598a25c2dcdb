package dev.visitorauth.server.it;

import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc.VisitorAuthServiceBlockingStub;
import dev.visitorauth.adapter.grpc.v1.VisitorAuthServiceGrpc;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test's gRPC stubs on the server under test, each sending a workspace API key; closes their channels. */
final class GrpcClients implements AutoCloseable {
    private final List<ManagedChannel> channels = new ArrayList<>();

    /** A blocking stub on {@code port} that sends {@code apiKey} as its bearer credential. */
    VisitorAuthServiceBlockingStub stub(int port, String apiKey) {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create())
                .build();
        channels.add(channel);
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + apiKey);
        return VisitorAuthServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Override
    public void close() throws InterruptedException {
        for (ManagedChannel c : channels) {
            c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        channels.clear();
    }
}
