package dev.visitorauth.adapter.rest.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Every HTTP answer, whatever produced it (API, errors, unknown paths, actuator, the OpenAPI
 * document, static files), carries {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}; every answer but the embeddable {@code /widget.js} also
 * {@code X-Frame-Options: DENY} (spec section 9). Set before anything else runs, so even answers
 * written by other filters have them.
 */
public final class SecurityHeadersFilter extends org.springframework.web.filter.OncePerRequestFilter {
    /** Paths a page embeds, so framing rules do not apply to them. */
    public static final Set<String> EMBEDDABLE = Set.of("/widget.js");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!EMBEDDABLE.contains(path)) {
            response.setHeader("X-Frame-Options", "DENY");
        }
        chain.doFilter(request, response);
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
