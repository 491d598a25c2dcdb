package dev.visitorauth.server;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /** The options that take a value (besides the repeatable {@code --data}). */
    private static final Set<String> VALUE_OPTIONS = Set.of("secret", "id", "name", "email", "avatar", "company-id",
            "company-name", "kid", "ttl");

    /** Runs the command; returns the process exit code. Prints the token on standard output. */
    static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    /** As {@link #run(String[])}, printing the token to {@code out} and problems to {@code err}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> data = new ArrayList<>();
        boolean jti = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--jti")) {
                jti = true;
                continue;
            }
            boolean known = a.equals("--data") || (a.startsWith("--") && VALUE_OPTIONS.contains(a.substring(2)));
            if (!known) {
                err.println("mint-token: unknown option " + a);
                err.print(USAGE);
                return 2;
            }
            if (i + 1 >= args.length) {
                err.println("mint-token: " + a + " needs a value");
                err.print(USAGE);
                return 2;
            }
            if (a.equals("--data")) {
                data.add(args[++i]);
            } else {
                options.put(a.substring(2), args[++i]);
            }
        }
        String secret = options.getOrDefault("secret", System.getenv("VISITORAUTH_WIDGET_SECRET"));
        if (secret == null || secret.isEmpty() || !options.containsKey("id")) {
            err.println("mint-token: --secret (or VISITORAUTH_WIDGET_SECRET) and --id are required");
            err.print(USAGE);
            return 2;
        }
        try {
            out.println(mint(secret, options, data, jti));
            return 0;
        } catch (JoseException | IllegalArgumentException e) {
            err.println("mint-token: " + e.getMessage());
            return 1;
        }
    }

    static String mint(String secret, Map<String, String> options, List<String> data, boolean jti) throws JoseException {
        long ttl;
        try {
            ttl = Long.parseLong(options.getOrDefault("ttl", "30"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--ttl takes a whole number of seconds");
        }
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
