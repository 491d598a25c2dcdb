package dev.visitorauth.adapter.rest.auth;

import dev.visitorauth.domain.workspace.WorkspaceId;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Supplies an admin handler's {@link WorkspaceId} parameter: the workspace {@link ApiKeyInterceptor}
 * authenticated (or, if the interceptor did not run, authenticates the request itself).
 */
public final class WorkspaceIdArgumentResolver implements HandlerMethodArgumentResolver {
    private final ApiKeyInterceptor interceptor;

    public WorkspaceIdArgumentResolver(ApiKeyInterceptor interceptor) {
        this.interceptor = Objects.requireNonNull(interceptor, "interceptor");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(WorkspaceId.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        HttpServletRequest request = Objects.requireNonNull(webRequest.getNativeRequest(HttpServletRequest.class));
        Object known = request.getAttribute(ApiKeyInterceptor.WORKSPACE_ATTRIBUTE);
        if (known instanceof WorkspaceId workspace) {
            return workspace;
        }
        WorkspaceId workspace = interceptor.authenticate(request);
        request.setAttribute(ApiKeyInterceptor.WORKSPACE_ATTRIBUTE, workspace);
        return workspace;
    }
}
