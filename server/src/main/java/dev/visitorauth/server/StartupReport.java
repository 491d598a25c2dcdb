package dev.visitorauth.server;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints how to reach the server once it is ready, and the system API key when it was generated just now. */
@Component
class StartupReport {
    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment environment;
    private final Path dataDirectory;
    private final DataDirectory.GeneratedKey systemKey;
    private final GrpcServerLifecycle grpc;

    StartupReport(Environment environment, Path dataDirectory, DataDirectory.GeneratedKey systemKey, GrpcServerLifecycle grpc) {
        this.grpc = grpc;
        this.environment = environment;
        this.dataDirectory = dataDirectory;
        this.systemKey = systemKey;
    }

    @EventListener
    void onReady(ApplicationReadyEvent event) {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String base = "http://localhost:" + port;
        StringBuilder report = new StringBuilder("\n\nvisitorauth is ready\n")
                .append("  REST API        ").append(base).append("/v1\n")
                .append("  gRPC            ").append(grpc.isTls() ? "TLS " : "plaintext ").append("localhost:")
                .append(grpc.getPort()).append(" (visitorauth.v1.VisitorAuthService, reflection and health on)\n")
                .append("  API docs        ").append(base).append("/swagger-ui.html (OpenAPI at /v3/api-docs)\n")
                .append("  Health          ").append(base).append("/actuator/health/readiness (status only)\n")
                .append("  Management      ").append(managementBase()).append("/actuator (health details, metrics, Prometheus)\n")
                .append("  Database        ").append(databaseName()).append('\n')
                .append("  Data directory  ").append(dataDirectory).append('\n');
        systemKey.toPrint().ifPresentOrElse(
                key -> report.append("  System API key  ").append(key)
                        .append("\n                  (generated now and kept in the data directory; it creates workspaces:\n")
                        .append("                   curl -X POST ").append(base).append("/v1/workspaces -H 'Authorization: Bearer ")
                        .append(key).append("' -H 'Content-Type: application/json' -d '{\"name\":\"Acme\"}')\n"),
                () -> report.append("  System API key  configured, or in ").append(dataDirectory.resolve(DataDirectory.SYSTEM_API_KEY_FILE))
                        .append('\n'));
        log.info(report.toString());
    }

    private String managementBase() {
        String port = environment.getProperty("local.management.port", environment.getProperty("management.server.port", "8081"));
        String address = environment.getProperty("management.server.address", "127.0.0.1");
        String host = address.isBlank() || address.equals("0.0.0.0") ? "localhost" : address;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private String databaseName() {
        String url = environment.getProperty("spring.datasource.url", "");
        int params = url.indexOf(';');
        String shown = params > 0 ? url.substring(0, params) : url;
        int query = shown.indexOf('?');
        return query > 0 ? shown.substring(0, query) : shown;
    }
}
