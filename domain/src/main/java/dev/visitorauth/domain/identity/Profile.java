package dev.visitorauth.domain.identity;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A user's stored profile. Cleared values are empty. Custom data holds at most {@value #MAX_CUSTOM_DATA_KEYS} keys. */
public record Profile(Optional<String> name, Optional<String> email, Optional<String> avatar,
                      Optional<String> companyId, Optional<String> companyName, Map<String, String> customData) {
    public static final int MAX_CUSTOM_DATA_KEYS = 50;

    public Profile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(avatar, "avatar");
        Objects.requireNonNull(companyId, "companyId");
        Objects.requireNonNull(companyName, "companyName");
        Objects.requireNonNull(customData, "customData");
        if (customData.size() > MAX_CUSTOM_DATA_KEYS) {
            throw new IllegalArgumentException("custom data holds at most " + MAX_CUSTOM_DATA_KEYS + " keys");
        }
        customData = Collections.unmodifiableMap(new TreeMap<>(customData));
    }

    public static Profile empty() {
        return new Profile(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
    }

    /** The custom data that merging {@code patch} into this profile's would leave. */
    public Map<String, String> mergedCustomData(Map<String, FieldUpdate<String>> patch) {
        Map<String, String> merged = new TreeMap<>(customData);
        patch.forEach((key, update) -> {
            if (update instanceof FieldUpdate.Assign<String> a) {
                merged.put(key, a.value());
            } else {
                merged.remove(key);
            }
        });
        return merged;
    }
}
