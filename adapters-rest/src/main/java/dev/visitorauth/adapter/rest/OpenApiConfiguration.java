package dev.visitorauth.adapter.rest;

import dev.visitorauth.adapter.rest.auth.SystemCaller;
import dev.visitorauth.adapter.rest.auth.WidgetSession;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}),
 * made exact in one place rather than by annotating every controller (spec sections 9 and 14):
 * <ul>
 *   <li>a relative server URL {@code /}, never the request's {@code Host};</li>
 *   <li>each operation's real success status (201 for creations, 204 for deletions) as
 *       {@code application/json};</li>
 *   <li>its error responses as {@code application/problem+json} with the {@code Problem} schema;</li>
 *   <li>three bearer schemes (session token, workspace API key, system key), each operation naming
 *       the one it takes (none for session start-up, which carries a visitor token in its body).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {
    static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;

    @Bean
    public OpenAPI visitorAuthOpenApi() {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(WorkspaceId.class, WidgetSession.class, SystemCaller.class);
        return new OpenAPI()
                .info(new Info().title("visitorauth API").version("v1")
                        .description("Links chat-widget visitors to a company's own users with signed visitor tokens. "
                                + "Errors are RFC 9457 application/problem+json documents with a machine 'code'."))
                .servers(List.of(new Server().url("/").description("This server")))
                .components(new Components()
                        .addSecuritySchemes("sessionToken", bearer(
                                "The sessionToken returned by POST /v1/widgets/{widgetId}/sessions."))
                        .addSecuritySchemes("workspaceApiKey", bearer("The workspace API key (server-to-server only)."))
                        .addSecuritySchemes("systemApiKey", bearer("The operator's system API key."))
                        .addSchemas(PROBLEM, problemSchema()));
    }

    /** Statuses, problem responses, security and servers, for every operation. */
    @Bean
    public OpenApiCustomizer exactOperations() {
        return openApi -> {
            openApi.setServers(List.of(new Server().url("/").description("This server")));
            if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
                openApi.getComponents().getSchemas().putIfAbsent(PROBLEM, problemSchema());
            }
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> exact(path, method, operation)));
        };
    }

    private static void exact(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse success = Optional.ofNullable(responses.get("200")).orElseGet(() -> new ApiResponse().description("OK"));
        ApiResponses exact = new ApiResponses();
        String status = successStatus(path, method);
        if (status.equals("204")) {
            exact.addApiResponse(status, new ApiResponse().description("No content"));
        } else {
            exact.addApiResponse(status, jsonOnly(success, status.equals("201") ? "Created" : "OK"));
        }
        Optional<String> scheme = schemeOf(path);
        errors(path, method, scheme.isPresent()).forEach((code, description) -> exact.addApiResponse(code,
                new ApiResponse().description(description).content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))))));
        operation.setResponses(exact);
        operation.setSecurity(scheme.map(s -> List.of(new SecurityRequirement().addList(s))).orElse(List.of()));
    }

    /** 201 for creations, 204 for deletions and read markers, 200 for reads, updates and actions that create nothing. */
    static String successStatus(String path, PathItem.HttpMethod method) {
        if (method == PathItem.HttpMethod.DELETE || method == PathItem.HttpMethod.POST && path.endsWith("/read")) {
            return "204";
        }
        if (method == PathItem.HttpMethod.POST && !path.endsWith("/rotate") && !path.endsWith("/token-inspections")
                && !path.endsWith("/read") && !path.endsWith("/revoke")) {
            return "201";
        }
        return "200";
    }

    /** The credential each path takes; session start-up takes none. */
    static Optional<String> schemeOf(String path) {
        if (path.startsWith("/v1/admin")) {
            return Optional.of("workspaceApiKey");
        }
        if (path.equals("/v1/workspaces")) {
            return Optional.of("systemApiKey");
        }
        if (path.startsWith("/v1/session") || path.startsWith("/v1/conversations") || path.startsWith("/v1/stream")) {
            return Optional.of("sessionToken");
        }
        return Optional.empty();
    }

    private static Map<String, String> errors(String path, PathItem.HttpMethod method, boolean authenticated) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "invalid_request: a malformed body, member or parameter");
        boolean start = path.startsWith("/v1/widgets/") && path.endsWith("/sessions");
        if (authenticated || start) {
            errors.put("401", start ? "A refused visitor token (malformed_token, token_expired, ...)"
                    : "unauthenticated: missing, unknown, expired or revoked credential");
        }
        if (authenticated || start) {
            errors.put("403", "forbidden, or origin_not_allowed for a browser origin the widget does not allow");
        }
        if (path.contains("{") || start) {
            errors.put("404", "not_found or widget_not_found");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PATCH) {
            errors.put("413", "request_too_large: a body over 64 KiB");
        }
        if (start || method == PathItem.HttpMethod.POST && path.startsWith("/v1/conversations") && !path.endsWith("/read")) {
            errors.put("429", "rate_limited; see Retry-After");
        }
        errors.put("503", "unavailable: storage down, retry");
        return errors;
    }

    private static ApiResponse jsonOnly(ApiResponse success, String description) {
        Content content = new Content();
        Schema<?> schema = null;
        if (success.getContent() != null) {
            schema = success.getContent().values().stream().map(MediaType::getSchema).filter(s -> s != null).findFirst()
                    .orElse(null);
        }
        content.addMediaType("application/json", new MediaType().schema(schema));
        return new ApiResponse().description(success.getDescription() == null ? description : success.getDescription())
                .content(content);
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("RFC 9457 problem details with this API's machine code.")
                .addProperty("type", new StringSchema().format("uri").example("https://visitorauth.dev/problems/token_expired"))
                .addProperty("title", new StringSchema().example("Token expired"))
                .addProperty("status", new IntegerSchema().example(401))
                .addProperty("detail", new StringSchema().description("What to fix."))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("code", new StringSchema().description("The stable machine code (spec section 5)."))
                .addProperty("claim", new StringSchema().description("The claim, header, member or parameter concerned."))
                .required(List.of("type", "title", "status", "detail", "code"));
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description(description);
    }
}
