package dev.visitorauth.server;

import io.swagger.v3.oas.annotations.Hidden;
import java.util.Map;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Health on the API port, for load balancers and orchestrators: {@code /actuator/health},
 * {@code /actuator/health/liveness} and {@code /actuator/health/readiness} answer
 * {@code {"status": "..."}} and nothing else (200 when UP, 503 otherwise). The details, metrics and
 * Prometheus are on the management port only (spec section 9).
 */
@RestController
@Hidden
class ApiPortHealthController {
    private final HealthEndpoint health;

    ApiPortHealthController(HealthEndpoint health) {
        this.health = health;
    }

    @GetMapping("/actuator/health")
    ResponseEntity<Map<String, String>> health() {
        return statusOnly(health.health());
    }

    @GetMapping("/actuator/health/liveness")
    ResponseEntity<Map<String, String>> liveness() {
        return statusOnly(health.healthForPath("liveness"));
    }

    @GetMapping("/actuator/health/readiness")
    ResponseEntity<Map<String, String>> readiness() {
        return statusOnly(health.healthForPath("readiness"));
    }

    private static ResponseEntity<Map<String, String>> statusOnly(HealthDescriptor descriptor) {
        Status status = descriptor == null ? Status.UNKNOWN : descriptor.getStatus();
        HttpStatus code = Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(code).cacheControl(CacheControl.noStore()).body(Map.of("status", status.getCode()));
    }
}
