package dev.visitorauth.server;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

/**
 * {@code java -jar visitorauth-server.jar mint-token --secret S --id ID [options]}: signs a visitor
 * token the way a company's server does, for trying the API with curl. Not for production: a
 * company signs tokens in its own backend (see docs/encoding-user-data.md).
 */
final class MintTokenCommand {
    static final String NAME = "mint-token";

    private MintTokenCommand() {
    }

    static final String USAGE = """
            usage: java -jar visitorauth-server.jar mint-token --secret SECRET --id USER_ID [options]
              --secret S        the widget secret (or set VISITORAUTH_WIDGET_SECRET)
              --id ID           the user's id in your system (required)
              --name N --email E --avatar URL --company-id C --company-name N
              --data KEY=VALUE  a customData entry (repeatable)
              --kid KID         the secret's key id, put in the header
              --ttl SECONDS     lifetime, default 30
              --jti             add a random jti (single use)
            """;

    /** Runs the command; returns the process exit code. Prints the token on standard output. */
    static int run(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> data = new ArrayList<>();
        boolean jti = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--jti")) {
                jti = true;
            } else if (a.startsWith("--") && i + 1 < args.length) {
                if (a.equals("--data")) {
                    data.add(args[++i]);
                } else {
                    options.put(a.substring(2), args[++i]);
                }
            } else {
                System.err.print(USAGE);
                return 2;
            }
        }
        String secret = options.getOrDefault("secret", System.getenv("VISITORAUTH_WIDGET_SECRET"));
        if (secret == null || secret.isEmpty() || !options.containsKey("id")) {
            System.err.print(USAGE);
            return 2;
        }
        try {
            System.out.println(mint(secret, options, data, jti));
            return 0;
        } catch (JoseException | IllegalArgumentException e) {
            System.err.println("mint-token: " + e.getMessage());
            return 1;
        }
    }

    static String mint(String secret, Map<String, String> options, List<String> data, boolean jti) throws JoseException {
        long ttl = Long.parseLong(options.getOrDefault("ttl", "30"));
        JwtClaims claims = new JwtClaims();
        NumericDate now = NumericDate.now();
        claims.setIssuedAt(now);
        NumericDate exp = NumericDate.fromSeconds(now.getValue() + ttl);
        claims.setExpirationTime(exp);
        claims.setStringClaim("id", options.get("id"));
        Map<String, String> profile = Map.of("name", "name", "email", "email", "avatar", "avatar",
                "company-id", "companyId", "company-name", "companyName");
        profile.forEach((option, claim) -> {
            if (options.containsKey(option)) {
                claims.setStringClaim(claim, options.get(option));
            }
        });
        if (!data.isEmpty()) {
            Map<String, Object> custom = new LinkedHashMap<>();
            for (String entry : data) {
                int eq = entry.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("--data takes KEY=VALUE");
                }
                custom.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
            claims.setClaim("customData", custom);
        }
        if (jti) {
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            claims.setJwtId(HexFormat.of().formatHex(random));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setHeader("typ", "JWT");
        if (options.containsKey("kid")) {
            jws.setKeyIdHeaderValue(options.get("kid"));
        }
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        jws.setDoKeyValidation(false);
        return jws.getCompactSerialization();
    }
}
