package dev.visitorauth.adapter.rest;

import dev.visitorauth.adapter.rest.auth.SystemCaller;
import dev.visitorauth.adapter.rest.auth.WidgetSession;
import dev.visitorauth.domain.workspace.WorkspaceId;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} (Swagger UI at {@code /swagger-ui.html}):
 * title, the three bearer schemes, and the handler parameters that are credentials, not request
 * parameters, hidden from it.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    public OpenAPI visitorAuthOpenApi() {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(WorkspaceId.class, WidgetSession.class, SystemCaller.class);
        return new OpenAPI()
                .info(new Info().title("visitorauth API").version("v1")
                        .description("Links chat-widget visitors to a company's own users with signed visitor tokens. "
                                + "Errors are RFC 9457 application/problem+json documents with a machine 'code'."))
                .components(new Components()
                        .addSecuritySchemes("sessionToken", bearer(
                                "The sessionToken returned by POST /v1/widgets/{widgetId}/sessions."))
                        .addSecuritySchemes("workspaceApiKey", bearer("The workspace API key (server-to-server only)."))
                        .addSecuritySchemes("systemApiKey", bearer("The operator's system API key.")));
    }

    private static SecurityScheme bearer(String description) {
        return new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").description(description);
    }
}
