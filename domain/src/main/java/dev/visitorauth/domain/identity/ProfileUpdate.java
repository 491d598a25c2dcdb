package dev.visitorauth.domain.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The profile values a verified token carries, each as a {@link FieldUpdate}. Custom data is a
 * patch merged key by key: {@link FieldUpdate.Assign} overwrites a key, {@link FieldUpdate.Clear}
 * removes it, keys not in the patch stay.
 */
public record ProfileUpdate(FieldUpdate<String> name, FieldUpdate<String> email, FieldUpdate<String> avatar,
                            FieldUpdate<String> companyId, FieldUpdate<String> companyName,
                            Map<String, FieldUpdate<String>> customData) {

    public ProfileUpdate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(avatar, "avatar");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(customData, "customData");
        for (FieldUpdate<String> update : customData.values()) {
            if (update instanceof FieldUpdate.Keep) {
                throw new IllegalArgumentException("a custom data patch assigns or clears keys");
            }
        }
        customData = Collections.unmodifiableMap(new LinkedHashMap<>(customData));
    }

    /** A token with no profile claims at all. */
    public static ProfileUpdate none() {
        return new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(),
                FieldUpdate.keep(), Map.of());
    }
}
