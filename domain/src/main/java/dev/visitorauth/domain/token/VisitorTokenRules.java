package dev.visitorauth.domain.token;

import dev.visitorauth.domain.error.ErrorCode;
import dev.visitorauth.domain.error.Refusal;
import dev.visitorauth.domain.error.Result;
import dev.visitorauth.domain.identity.AvatarUrl;
import dev.visitorauth.domain.identity.EmailAddress;
import dev.visitorauth.domain.identity.ExternalUserId;
import dev.visitorauth.domain.identity.FieldUpdate;
import dev.visitorauth.domain.identity.Profile;
import dev.visitorauth.domain.identity.ProfileUpdate;
import dev.visitorauth.domain.identity.VisitorIdentity;
import dev.visitorauth.domain.widget.AuthenticationPolicy;
import dev.visitorauth.domain.widget.WidgetId;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The time and claim rules of a visitor token (spec section 3), applied to a payload whose
 * signature has already been verified. Pure: no clock, no I/O, no state.
 *
 * <p>Checks run in this order and the first failure is the one reported:
 * <ol>
 *   <li>{@code exp} present ({@code missing_expiration}) and a NumericDate; then {@code nbf} and
 *       {@code iat}, when present, NumericDates ({@code invalid_claim});</li>
 *   <li>expired: refused ({@code token_expired}, claim {@code exp}) when {@code now > exp + skew};
 *       a token with {@code exp + skew == now} is still accepted;</li>
 *   <li>not yet valid: {@code nbf > now + skew}, then {@code iat > now + skew}
 *       ({@code token_not_yet_valid}, claim {@code nbf} or {@code iat}); equality is accepted;</li>
 *   <li>lifetime: {@code exp - now > maxTokenLifetime + skew} (claim {@code exp}), then, with
 *       {@code iat}, {@code exp - iat > maxTokenLifetime} (claim {@code iat}), both
 *       {@code token_lifetime_too_long}; a lifetime exactly at the limit is accepted;</li>
 *   <li>claims: {@code aud}, {@code jti}, {@code id}, {@code name}, {@code email}, {@code avatar},
 *       {@code companyId}, {@code companyName}, {@code customData}.</li>
 * </ol>
 *
 * <p>Reading rules:
 * <ul>
 *   <li>A NumericDate is a non-negative JSON number of seconds (integer, decimal or exponent form),
 *       kept to the nanosecond and truncated beyond. Anything at or after year 10000 reads as
 *       "far future": refused by the lifetime or not-yet-valid rules, never an overflow.</li>
 *   <li>A claim whose value is JSON {@code null} is treated as absent, except {@code exp}
 *       ({@code missing_expiration}), {@code id} ({@code missing_claim}) and a value inside
 *       {@code customData} (removes the key).</li>
 *   <li>Lengths count Unicode code points. Strings holding an unpaired surrogate or U+0000 are
 *       refused: they cannot be stored faithfully.</li>
 *   <li>An integer {@code id} or {@code companyId} becomes its decimal text: {@code 1} and
 *       {@code "1"} are the same user, {@code -0} reads as {@code "0"}; strings are taken verbatim
 *       (never trimmed).</li>
 *   <li>{@code ""} clears {@code name}, {@code email}, {@code avatar}, {@code companyId} and
 *       {@code companyName}; inside {@code customData}, {@code ""} is a value like any other and
 *       only {@code null} removes a key.</li>
 *   <li>An invalid {@code customData} key is reported with claim {@code customData} and its
 *       position (the key itself is not echoed); an invalid value with claim
 *       {@code customData.<key>} (a valid key is short and safe to show).</li>
 *   <li>A number in {@code customData} keeps its JSON text ({@code 3.0} stays {@code "3.0"}) and
 *       counts against the 1024-character limit like a string.</li>
 * </ul>
 *
 * <p>Refusal messages tell the integrator what to fix; they never echo strings from the token,
 * only short hints (the JSON type, a length, a time).
 */
public final class VisitorTokenRules {
    // The claims the rules read (see JwsCodec.NAMES_READ).
    static final String EXP = "exp";
    static final String NBF = "nbf";
    static final String IAT = "iat";
    static final String AUD = "aud";
    static final String JTI = "jti";
    static final String ID = "id";
    static final String NAME = "name";
    static final String EMAIL = "email";
    static final String AVATAR = "avatar";
    static final String COMPANY_ID = "companyId";
    static final String COMPANY_NAME = "companyName";
    static final String CUSTOM_DATA = "customData";

    static final int MAX_ID_LENGTH = ExternalUserId.MAX_LENGTH;
    static final int MAX_INTEGER_ID_DIGITS = 19;
    static final int MAX_JTI_LENGTH = 255;
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_EMAIL_LENGTH = EmailAddress.MAX_LENGTH;
    static final int MAX_AVATAR_LENGTH = AvatarUrl.MAX_LENGTH;
    static final int MAX_CUSTOM_DATA_KEYS = Profile.MAX_CUSTOM_DATA_KEYS;
    static final int MAX_CUSTOM_DATA_KEY_LENGTH = 64;
    static final int MAX_CUSTOM_DATA_VALUE_LENGTH = 1024;

    private VisitorTokenRules() {
    }

    /**
     * Times, then claims, in the spec's order; first failure wins. {@code payload} is the verified
     * payload object.
     *
     * @param trace receives each check's outcome as it runs, stopping at the first failure; pass
     *              {@link RuleTrace#NONE} on the hot path (no detail text is built for it)
     * @return the identity the token asserts, or the first rule it breaks
     */
    public static Result<VisitorIdentity> evaluate(JsonValue.JsonObject payload, WidgetId widgetId,
                                                   AuthenticationPolicy policy, Instant now, RuleTrace trace) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(widgetId, "widgetId");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(trace, "trace");
        return new Evaluation(payload, widgetId, policy, now, trace).run();
    }

    /**
     * The {@code iat} claim if it is a valid NumericDate (for failure diagnostics), else empty: also
     * empty for a time at or after year 10000. Never throws.
     */
    public static Optional<Instant> issuedAt(JsonValue.JsonObject payload) {
        if (payload == null) {
            return Optional.empty();
        }
        JsonValue value = payload.members().get("iat");
        if (value instanceof JsonValue.JsonNumber number) {
            Instant instant = NumericDates.toInstant(number);
            if (instant != null && !NumericDates.isFarFuture(instant)) {
                return Optional.of(instant);
            }
        }
        return Optional.empty();
    }

    /** One run of the rules over one payload: reads claims in order, stops at the first refusal. */
    private static final class Evaluation {
        private static final String ABSENT = "absent";
        private static final String NULL_AS_ABSENT = "null, treated as absent";
        private static final String CLEARED = "\"\", clears the stored value";
        private static final String SET = "set";

        private static final int C_EXP = 0;
        private static final int C_NBF = 1;
        private static final int C_IAT = 2;
        private static final int C_AUD = 3;
        private static final int C_JTI = 4;
        private static final int C_ID = 5;
        private static final int C_NAME = 6;
        private static final int C_COMPANY_NAME = 7;
        private static final int C_EMAIL = 8;
        private static final int C_AVATAR = 9;
        private static final int C_COMPANY_ID = 10;
        private static final int C_CUSTOM_DATA = 11;
        private static final int CLAIMS = 12;
        /** {@link #slotOf}: a claim the rules do not read. */
        private static final int UNREAD = -1;
        /** {@link #slotOf}: not one of the rules' own instances, so compared by text. */
        private static final int BY_TEXT = -2;

        private final Map<String, JsonValue> claims;
        private final JsonValue[] known;
        private final RuleTrace trace;
        private final boolean tracing;

        private Instant exp;
        private Instant nbf;
        private Instant iat;
        private String jti;
        private ExternalUserId externalId;
        private FieldUpdate<String> name = FieldUpdate.keep();
        private FieldUpdate<String> email = FieldUpdate.keep();
        private FieldUpdate<String> avatar = FieldUpdate.keep();
        private FieldUpdate<String> companyId = FieldUpdate.keep();
        private FieldUpdate<String> companyName = FieldUpdate.keep();
        private Map<String, FieldUpdate<String>> customData = Map.of();

        private final WidgetId widgetId;
        private final AuthenticationPolicy policy;
        private final Instant now;

        Evaluation(JsonValue.JsonObject payload, WidgetId widgetId, AuthenticationPolicy policy, Instant now, RuleTrace trace) {
            this.claims = payload.members();
            this.known = slots(payload);
            this.widgetId = widgetId;
            this.policy = policy;
            this.now = now;
            this.trace = trace;
            this.tracing = trace != RuleTrace.NONE;
        }

        /**
         * The time and claim rules, in the spec's order; each returns null when the token passes it.
         * An enum rather than a list of lambdas so that the loop's one call site stays inlinable.
         */
        private enum Rule {
            READ_TIMES, CHECK_TIMES, CHECK_AUDIENCE, READ_TOKEN_ID, READ_ID, READ_NAME, READ_EMAIL, READ_AVATAR,
            READ_COMPANY_ID, READ_COMPANY_NAME, READ_CUSTOM_DATA;

            private static final Rule[] IN_ORDER = values();

            Refusal apply(Evaluation evaluation) {
                return switch (this) {
                    case READ_TIMES -> evaluation.readTimes();
                    case CHECK_TIMES -> evaluation.checkTimes();
                    case CHECK_AUDIENCE -> evaluation.checkAudience();
                    case READ_TOKEN_ID -> evaluation.readTokenId();
                    case READ_ID -> evaluation.readId();
                    case READ_NAME -> evaluation.readName();
                    case READ_EMAIL -> evaluation.readEmail();
                    case READ_AVATAR -> evaluation.readAvatar();
                    case READ_COMPANY_ID -> evaluation.readCompanyId();
                    case READ_COMPANY_NAME -> evaluation.readCompanyName();
                    case READ_CUSTOM_DATA -> evaluation.readCustomData();
                };
            }
        }

        Result<VisitorIdentity> run() {
            for (Rule rule : Rule.IN_ORDER) {
                Refusal refusal = rule.apply(this);
                if (refusal != null) {
                    return Result.refused(refusal);
                }
            }
            ProfileUpdate profile = new ProfileUpdate(name, email, avatar, companyId, companyName, customData);
            return Result.ok(new VisitorIdentity(externalId, profile, exp, Optional.ofNullable(iat),
                    Optional.ofNullable(jti)));
        }

        // ---- times ----

        private Refusal readTimes() {
            JsonValue value = value(C_EXP);
            if (value == null) {
                return fail(ErrorCode.MISSING_EXPIRATION, "exp", "The token has no exp claim. Add exp: when the token "
                        + "expires, in seconds since 1970-01-01T00:00:00Z (e.g. 30 seconds from now).", absentDetail("exp"));
            }
            exp = numericDate(value);
            if (exp == null) {
                return invalidNumericDate("exp", value);
            }
            value = value(C_NBF);
            if (value != null) {
                nbf = numericDate(value);
                if (nbf == null) {
                    return invalidNumericDate("nbf", value);
                }
            }
            value = value(C_IAT);
            if (value != null) {
                iat = numericDate(value);
                if (iat == null) {
                    return invalidNumericDate("iat", value);
                }
            }
            return null;
        }

        private Refusal checkTimes() {
            Duration skew = policy.clockSkew();
            if (isAfter(now, exp, skew)) {
                return expired(skew);
            }
            if (tracing) {
                pass("exp", "expires at " + when(exp) + "; server time " + now + ", clock skew " + seconds(skew));
            }
            Refusal refusal = checkNotInFuture("nbf", nbf, skew);
            if (refusal == null) {
                refusal = checkNotInFuture("iat", iat, skew);
            }
            if (refusal != null) {
                return refusal;
            }
            Duration max = policy.maxTokenLifetime();
            if (isAfter(exp, now, max, skew)) {
                return expiresTooLate(max, skew);
            }
            if (iat != null && isAfter(exp, iat, max)) {
                return livesTooLong(max);
            }
            if (tracing) {
                pass("lifetime", "expires " + seconds(Duration.between(now, exp)) + " from now"
                        + (iat == null ? "" : ", " + seconds(Duration.between(iat, exp)) + " after iat")
                        + "; maximum " + seconds(max) + " (+" + seconds(skew) + " skew from now)");
            }
            return null;
        }

        private Refusal expired(Duration skew) {
            String message = "The token expired at " + when(exp) + ", " + seconds(Duration.between(exp, now))
                    + " before the server's time " + now + " (clock skew allowed: " + seconds(skew)
                    + "). Sign a fresh token for every page load, and check your server's clock.";
            return fail(ErrorCode.TOKEN_EXPIRED, "exp", message, message);
        }

        private Refusal expiresTooLate(Duration max, Duration skew) {
            String message = "exp is " + span(exp, Duration.between(now, exp)) + " after the server's time " + now
                    + "; this widget accepts tokens that expire within " + seconds(max) + " (plus " + seconds(skew)
                    + " clock skew). Use a short expiry: 30 seconds is recommended.";
            return fail("lifetime", ErrorCode.TOKEN_LIFETIME_TOO_LONG, "exp", message, message);
        }

        private Refusal livesTooLong(Duration max) {
            String message = "exp is " + span(exp, Duration.between(iat, exp)) + " after iat; this widget accepts tokens that "
                    + "live at most " + seconds(max) + ". Use a short expiry: 30 seconds is recommended.";
            return fail("lifetime", ErrorCode.TOKEN_LIFETIME_TOO_LONG, "iat", message, message);
        }

        /**
         * True when {@code time} is after {@code base} plus {@code span} (and {@code more}): the time rules' one
         * comparison, in whole seconds and nanoseconds, without the intermediate instants and
         * durations (NumericDates are at most 10000-01-01, and the policy's spans at most days, so
         * the sums cannot overflow).
         */
        private static boolean isAfter(Instant time, Instant base, Duration span) {
            return isAfter(time, base.getEpochSecond() + span.getSeconds(), (long) base.getNano() + span.getNano());
        }

        private static boolean isAfter(Instant time, Instant base, Duration span, Duration more) {
            return isAfter(time, base.getEpochSecond() + span.getSeconds() + more.getSeconds(),
                    (long) base.getNano() + span.getNano() + more.getNano());
        }

        /** {@code nanos}: 0 to under 3 seconds' worth, carried into the seconds here. */
        private static boolean isAfter(Instant time, long seconds, long nanos) {
            long limitSeconds = seconds + nanos / 1_000_000_000L;
            long limitNanos = nanos % 1_000_000_000L;
            long timeSeconds = time.getEpochSecond();
            return timeSeconds > limitSeconds || (timeSeconds == limitSeconds && time.getNano() > limitNanos);
        }

        private Refusal checkNotInFuture(String claim, Instant time, Duration skew) {
            if (time == null) {
                pass(claim, absentDetail(claim));
                return null;
            }
            if (isAfter(time, now, skew)) {
                String message = claim + " is " + when(time) + ", later than the server's time " + now
                        + " by more than the allowed clock skew of " + seconds(skew)
                        + ": the token is not valid yet. Check your server's clock.";
                return fail(ErrorCode.TOKEN_NOT_YET_VALID, claim, message, message);
            }
            if (tracing) {
                pass(claim, when(time) + "; server time " + now + ", clock skew " + seconds(skew));
            }
            return null;
        }

        private Refusal invalidNumericDate(String claim, JsonValue value) {
            String message = claim + " must be a NumericDate: a non-negative JSON number of seconds since "
                    + "1970-01-01T00:00:00Z, such as 1700000000, not " + describe(value) + ".";
            return fail(ErrorCode.INVALID_CLAIM, claim, message, message);
        }

        private static Instant numericDate(JsonValue value) {
            return value instanceof JsonValue.JsonNumber number ? NumericDates.toInstant(number) : null;
        }

        // ---- claims ----

        private Refusal checkAudience() {
            JsonValue value = value(C_AUD);
            if (value == null) {
                pass("aud", absentDetail("aud"));
                return null;
            }
            String expected = widgetId.value();
            String problem;
            if (value instanceof JsonValue.JsonString s) {
                if (s.value().equals(expected)) {
                    pass("aud", "this widget's id");
                    return null;
                }
                problem = "a string naming another audience";
            } else if (value instanceof JsonValue.JsonArray array) {
                boolean found = false;
                problem = null;
                for (JsonValue element : array.elements()) {
                    if (!(element instanceof JsonValue.JsonString s)) {
                        problem = "an array holding " + describe(element);
                        break;
                    }
                    found |= s.value().equals(expected);
                }
                if (problem == null) {
                    if (found) {
                        pass("aud", "an array containing this widget's id");
                        return null;
                    }
                    problem = "an array without this widget's id";
                }
            } else {
                problem = describe(value);
            }
            return invalid("aud", "aud, when present, must be this widget's id (\"" + expected
                    + "\") or an array of strings containing it, not " + problem + ".");
        }

        private Refusal readTokenId() {
            boolean required = policy.requireJti();
            JsonValue value = value(C_JTI);
            if (value == null) {
                if (required) {
                    return fail(ErrorCode.MISSING_CLAIM, "jti", "This widget requires a jti claim: give every token a "
                            + "unique random id (a UUID, for instance).", absentDetail("jti"));
                }
                pass("jti", absentDetail("jti"));
                return null;
            }
            if (value instanceof JsonValue.JsonString s) {
                int length = ClaimStrings.length(s);
                if (length >= 1 && length <= MAX_JTI_LENGTH) {
                    jti = s.value();
                    pass("jti", SET);
                    return null;
                }
            }
            return invalid("jti", "jti must be a non-empty string of at most " + MAX_JTI_LENGTH
                    + " characters, unique per token (a UUID, for instance), not " + describeText(value) + ".");
        }

        private Refusal readId() {
            JsonValue value = value(C_ID);
            if (value == null) {
                return fail(ErrorCode.MISSING_CLAIM, "id", "The token has no id claim. Add id: your own id for the "
                        + "logged-in user, a string or an integer.", absentDetail("id"));
            }
            String id = identifier(value);
            if (id == null) {
                return invalid("id", "id must be your user's id: a non-empty string of at most " + MAX_ID_LENGTH
                        + " characters, or a JSON integer of at most " + MAX_INTEGER_ID_DIGITS
                        + " digits (no fraction, no exponent), not " + describeIdentifier(value) + ".");
            }
            externalId = new ExternalUserId(id);
            pass("id", value instanceof JsonValue.JsonNumber ? "an integer, read as its decimal text" : "a string");
            return null;
        }

        private Refusal readName() {
            JsonValue value = value(C_NAME);
            if (value == null) {
                pass("name", absentDetail("name"));
                return null;
            }
            if (isText(value, MAX_NAME_LENGTH)) {
                name = update("name", ((JsonValue.JsonString) value).value());
                return null;
            }
            return invalid("name", "name must be a string of at most " + MAX_NAME_LENGTH
                    + " characters, or \"\" to clear it, not " + describeText(value) + ".");
        }

        private Refusal readCompanyName() {
            JsonValue value = value(C_COMPANY_NAME);
            if (value == null) {
                pass("companyName", absentDetail("companyName"));
                return null;
            }
            if (isText(value, MAX_NAME_LENGTH)) {
                companyName = update("companyName", ((JsonValue.JsonString) value).value());
                return null;
            }
            return invalid("companyName", "companyName must be a string of at most " + MAX_NAME_LENGTH
                    + " characters, or \"\" to clear it, not " + describeText(value) + ".");
        }

        private Refusal readEmail() {
            JsonValue value = value(C_EMAIL);
            if (value == null) {
                pass("email", absentDetail("email"));
                return null;
            }
            if (value instanceof JsonValue.JsonString s) {
                String text = s.value();
                if (text.isEmpty()) {
                    email = update("email", text);
                    return null;
                }
                if (EmailAddress.isValid(text)) {
                    email = update("email", text);
                    return null;
                }
            }
            String hint = value instanceof JsonValue.JsonString ? describeAddress(value) : describe(value);
            return invalid("email", "email must be an address like ada@example.com (one @, no spaces) of at most "
                    + MAX_EMAIL_LENGTH + " characters, or \"\" for none, not " + hint + ".");
        }

        private Refusal readAvatar() {
            JsonValue value = value(C_AVATAR);
            if (value == null) {
                pass("avatar", absentDetail("avatar"));
                return null;
            }
            if (value instanceof JsonValue.JsonString s) {
                String text = s.value();
                if (text.isEmpty()) {
                    avatar = update("avatar", text);
                    return null;
                }
                if (AvatarUrl.isValid(text)) {
                    avatar = update("avatar", text);
                    return null;
                }
            }
            String hint = value instanceof JsonValue.JsonString ? describeUrl(value) : describe(value);
            return invalid("avatar", "avatar must be an absolute https:// or http:// URL with a host, of at most "
                    + MAX_AVATAR_LENGTH + " characters, without spaces or user:password@, or \"\" for none, not "
                    + hint + ".");
        }

        private Refusal readCompanyId() {
            JsonValue value = value(C_COMPANY_ID);
            if (value == null) {
                pass("companyId", absentDetail("companyId"));
                return null;
            }
            if (value instanceof JsonValue.JsonString s && s.value().isEmpty()) {
                companyId = update("companyId", "");
                return null;
            }
            String id = identifier(value);
            if (id == null) {
                return invalid("companyId", "companyId must be a non-empty string of at most " + MAX_ID_LENGTH
                        + " characters, a JSON integer of at most " + MAX_INTEGER_ID_DIGITS
                        + " digits (no fraction, no exponent), or \"\" to clear it, not " + describeIdentifier(value) + ".");
            }
            companyId = update("companyId", id);
            return null;
        }

        private Refusal readCustomData() {
            JsonValue value = value(C_CUSTOM_DATA);
            if (value == null) {
                pass("customData", absentDetail("customData"));
                return null;
            }
            if (!(value instanceof JsonValue.JsonObject object)) {
                return invalid("customData", "customData must be a JSON object of keys to string, number or boolean "
                        + "values, not " + describe(value) + ".");
            }
            int size = object.size();
            if (size > MAX_CUSTOM_DATA_KEYS) {
                return invalid("customData", "customData has " + size + " keys; at most "
                        + MAX_CUSTOM_DATA_KEYS + " are allowed.");
            }
            ProfileUpdate.PatchBuilder patch = new ProfileUpdate.PatchBuilder(size);
            for (int i = 0; i < size; i++) { // by position: no entry objects on the hot path
                String key = object.name(i);
                if (!ClaimStrings.isCustomDataKey(key, MAX_CUSTOM_DATA_KEY_LENGTH)) {
                    return invalid("customData", "customData key number " + (i + 1) + " must be 1 to "
                            + MAX_CUSTOM_DATA_KEY_LENGTH + " characters of letters, digits, '_', '-' and '.', not "
                            + describeKey(key) + ".");
                }
                JsonValue memberValue = object.value(i);
                FieldUpdate<String> update = customValue(memberValue);
                if (update == null) {
                    return invalid("customData." + key, "customData." + key + " must be a string of at most "
                            + MAX_CUSTOM_DATA_VALUE_LENGTH + " characters, a number or a boolean (null removes the key), "
                            + "not " + describeText(memberValue) + "; nested objects and arrays are not allowed.");
                }
                patch.put(key, update);
            }
            customData = patch.build();
            if (tracing) {
                pass("customData", customData.size() + (customData.size() == 1 ? " key" : " keys"));
            }
            return null;
        }

        private static FieldUpdate<String> customValue(JsonValue value) {
            if (value instanceof JsonValue.JsonString s) {
                int length = ClaimStrings.length(s);
                return length >= 0 && length <= MAX_CUSTOM_DATA_VALUE_LENGTH ? FieldUpdate.assign(s.value()) : null;
            }
            if (value instanceof JsonValue.JsonNumber n) {
                return n.text().length() <= MAX_CUSTOM_DATA_VALUE_LENGTH ? FieldUpdate.assign(n.text()) : null;
            }
            if (value instanceof JsonValue.JsonBoolean b) {
                return FieldUpdate.assign(b.value() ? "true" : "false");
            }
            if (value instanceof JsonValue.JsonNull) {
                return FieldUpdate.clear();
            }
            return null;
        }

        // ---- readers ----

        /** The claim's value, or null when it is absent or JSON null. */
        private JsonValue value(int claim) {
            JsonValue value = known[claim];
            return value instanceof JsonValue.JsonNull ? null : value;
        }

        /**
         * The one pass over the payload: each member the rules read goes to its slot; any other
         * claim is ignored (spec section 3).
         */
        private static JsonValue[] slots(JsonValue.JsonObject payload) {
            JsonValue[] known = new JsonValue[CLAIMS];
            for (int i = 0, n = payload.size(); i < n; i++) {
                int slot = slotOf(payload.name(i));
                if (slot >= 0) {
                    known[slot] = payload.value(i);
                }
            }
            return known;
        }

        /**
         * The claim's slot, or -1 for a claim the rules do not read. The codec hands out the rules'
         * own instances of these names ({@link JwsCodec#NAMES_READ}), so each is found by its length
         * and one identity comparison or two; any other instance of a name is found by its text.
         */
        private static int slotOf(String name) {
            int slot = switch (name.length()) {
                case 2 -> name == ID ? C_ID : BY_TEXT;
                case 3 -> name == EXP ? C_EXP : name == IAT ? C_IAT : name == NBF ? C_NBF : name == AUD ? C_AUD
                        : name == JTI ? C_JTI : BY_TEXT;
                case 4 -> name == NAME ? C_NAME : BY_TEXT;
                case 5 -> name == EMAIL ? C_EMAIL : BY_TEXT;
                case 6 -> name == AVATAR ? C_AVATAR : BY_TEXT;
                case 9 -> name == COMPANY_ID ? C_COMPANY_ID : BY_TEXT;
                case 10 -> name == CUSTOM_DATA ? C_CUSTOM_DATA : BY_TEXT;
                case 11 -> name == COMPANY_NAME ? C_COMPANY_NAME : BY_TEXT;
                default -> UNREAD; // no claim the rules read has this length
            };
            return slot == BY_TEXT ? slotByText(name) : slot;
        }

        /** {@link #slotOf} for a name that is not the rules' own instance (read with an escape, say). */
        private static int slotByText(String name) {
            return switch (name) {
                case EXP -> C_EXP;
                case NBF -> C_NBF;
                case IAT -> C_IAT;
                case AUD -> C_AUD;
                case JTI -> C_JTI;
                case ID -> C_ID;
                case NAME -> C_NAME;
                case EMAIL -> C_EMAIL;
                case AVATAR -> C_AVATAR;
                case COMPANY_ID -> C_COMPANY_ID;
                case COMPANY_NAME -> C_COMPANY_NAME;
                case CUSTOM_DATA -> C_CUSTOM_DATA;
                default -> UNREAD;
            };
        }

        /** Why a claim reads as absent, for the trace only (the hot path never looks). */
        private String absentDetail(String claim) {
            return !tracing ? ABSENT : claims.containsKey(claim) ? NULL_AS_ABSENT : ABSENT;
        }

        /** A string of 0 to {@code max} characters that can be stored. */
        private static boolean isText(JsonValue value, int max) {
            if (!(value instanceof JsonValue.JsonString s)) {
                return false;
            }
            int length = ClaimStrings.length(s);
            return length >= 0 && length <= max;
        }

        /** "" clears; anything else is assigned. */
        private FieldUpdate<String> update(String claim, String text) {
            if (text.isEmpty()) {
                pass(claim, CLEARED);
                return FieldUpdate.clear();
            }
            pass(claim, SET);
            return FieldUpdate.assign(text);
        }

        /**
         * The normalised text of an {@code id}-like claim: a non-empty string of at most 255
         * characters as it is, or a JSON integer of at most 19 digits as its decimal text. Null when
         * it is neither.
         */
        private static String identifier(JsonValue value) {
            if (value instanceof JsonValue.JsonString s) {
                int length = ClaimStrings.length(s);
                return length >= 1 && length <= MAX_ID_LENGTH ? s.value() : null;
            }
            if (value instanceof JsonValue.JsonNumber n && n.isPlainInteger()) {
                String text = n.text();
                int start = text.charAt(0) == '-' ? 1 : 0;
                if (text.length() - start > MAX_INTEGER_ID_DIGITS) {
                    return null;
                }
                int first = start;
                while (first < text.length() - 1 && text.charAt(first) == '0') {
                    first++;
                }
                if (first == text.length() - 1 && text.charAt(first) == '0') {
                    return "0";
                }
                if (first == start) {
                    return text;
                }
                return (start == 1 ? "-" : "") + text.substring(first);
            }
            return null;
        }

        // ---- outcomes ----

        private void pass(String check, String detail) {
            trace.record(check, true, detail);
        }

        private Refusal invalid(String claim, String message) {
            return fail(ErrorCode.INVALID_CLAIM, claim, message, message);
        }

        private Refusal fail(ErrorCode code, String claim, String message, String detail) {
            return fail(claim.startsWith("customData.") ? "customData" : claim, code, claim, message, detail);
        }

        private Refusal fail(String check, ErrorCode code, String claim, String message, String detail) {
            trace.record(check, false, detail);
            return Refusal.of(code, claim, message);
        }
    }

    // ---- hints for messages (failure path only) ----

    /** The JSON type with an article, e.g. "a string", "an array"; numbers say why they do not fit. */
    static String describe(JsonValue value) {
        if (value instanceof JsonValue.JsonNumber n) {
            if (n.text().startsWith("-")) {
                return "a negative number";
            }
            return "the number " + shortNumber(n.text());
        }
        if (value instanceof JsonValue.JsonNull) {
            return "null";
        }
        String type = value.typeName();
        return (type.startsWith("a") || type.startsWith("o") ? "an " : "a ") + type;
    }

    /** Like {@link #describe}, but for a string says what is wrong with it as text. */
    static String describeText(JsonValue value) {
        if (value instanceof JsonValue.JsonString s) {
            int length = ClaimStrings.length(s);
            if (length == ClaimStrings.MALFORMED) {
                return "a string holding an unpaired surrogate or U+0000";
            }
            return length == 0 ? "an empty string" : "a string of " + length + " characters";
        }
        if (value instanceof JsonValue.JsonNumber n && n.text().length() > MAX_CUSTOM_DATA_VALUE_LENGTH) {
            return "a number of " + n.text().length() + " characters";
        }
        return describe(value);
    }

    static String describeIdentifier(JsonValue value) {
        if (value instanceof JsonValue.JsonNumber n) {
            if (!n.isPlainInteger()) {
                return "a number with a fraction or an exponent";
            }
            int digits = n.text().length() - (n.text().startsWith("-") ? 1 : 0);
            return "an integer of " + digits + " digits";
        }
        return describeText(value);
    }

    static String describeAddress(JsonValue value) {
        String text = ((JsonValue.JsonString) value).value();
        int length = ClaimStrings.length(text);
        if (length == ClaimStrings.MALFORMED || length > MAX_EMAIL_LENGTH) {
            return describeText(value);
        }
        return "a string that does not look like an address";
    }

    static String describeUrl(JsonValue value) {
        String text = ((JsonValue.JsonString) value).value();
        int length = ClaimStrings.length(text);
        if (length == ClaimStrings.MALFORMED || length > MAX_AVATAR_LENGTH) {
            return describeText(value);
        }
        return "a string that is not such a URL";
    }

    static String describeKey(String key) {
        if (key.isEmpty()) {
            return "an empty key";
        }
        if (key.length() > MAX_CUSTOM_DATA_KEY_LENGTH) {
            return "a key of " + ClaimStrings.length(key) + " characters";
        }
        return "a key holding other characters";
    }

    private static String shortNumber(String text) {
        return text.length() <= 24 ? text : text.substring(0, 20) + "...";
    }

    /** An instant for a message; "far future" instants are not exact, so they say so. */
    static String when(Instant instant) {
        return NumericDates.isFarFuture(instant) ? "after the year 9999" : instant.toString();
    }

    private static String span(Instant end, Duration duration) {
        return NumericDates.isFarFuture(end) ? "centuries" : seconds(duration);
    }

    /** A duration as seconds, e.g. "30 s", "0.5 s". */
    static String seconds(Duration duration) {
        if (duration.getNano() == 0) {
            return duration.getSeconds() + " s";
        }
        return BigDecimal.valueOf(duration.getSeconds()).add(BigDecimal.valueOf(duration.getNano(), 9))
                .stripTrailingZeros().toPlainString() + " s";
    }
}
