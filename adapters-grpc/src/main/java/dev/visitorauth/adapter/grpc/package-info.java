/**
 * The gRPC adapter: the {@code visitorauth.v1} service for internal callers over the application's
 * inbound ports, with API-key auth, rich errors, health, reflection and metrics; depends on
 * {@code application}, {@code domain}, grpc-java, protobuf and Micrometer only.
 */
package dev.visitorauth.adapter.grpc;
