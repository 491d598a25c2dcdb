package dev.visitorauth.adapter.rest.auth;

import dev.visitorauth.adapter.rest.SystemApiKey;
import dev.visitorauth.adapter.rest.error.RefusedException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;
import java.util.Optional;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Supplies {@link SystemCaller} when the bearer credential is the system API key; {@code unauthenticated} otherwise. */
public final class SystemApiKeyArgumentResolver implements HandlerMethodArgumentResolver {
    private final SystemApiKey systemApiKey;

    public SystemApiKeyArgumentResolver(SystemApiKey systemApiKey) {
        this.systemApiKey = Objects.requireNonNull(systemApiKey, "systemApiKey");
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(SystemCaller.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer, NativeWebRequest webRequest,
                                  WebDataBinderFactory binderFactory) {
        HttpServletRequest request = Objects.requireNonNull(webRequest.getNativeRequest(HttpServletRequest.class));
        Optional<String> key = BearerToken.from(request);
        if (key.isEmpty() || !systemApiKey.matches(key.get())) {
            throw RefusedException.unauthenticated("Missing or invalid system API key. Send it as 'Authorization: Bearer <key>'.");
        }
        return new SystemCaller();
    }
}
