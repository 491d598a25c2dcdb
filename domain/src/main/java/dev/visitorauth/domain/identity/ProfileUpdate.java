package dev.visitorauth.domain.identity;

import dev.visitorauth.domain.ArrayMap;

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
        if (customData instanceof ArrayMap<FieldUpdate<String>> owned) {
            // read-only and owned: no copy needed; checked by position (no entry objects on the token hot path)
            for (int i = 0, n = owned.size(); i < n; i++) {
                requireAssignOrClear(owned.value(i));
            }
        } else {
            for (FieldUpdate<String> update : customData.values()) {
                requireAssignOrClear(update);
            }
            customData = copy(customData);
        }
    }

    private static void requireAssignOrClear(FieldUpdate<String> update) {
        if (update instanceof FieldUpdate.Keep) {
            throw new IllegalArgumentException("a custom data patch assigns or clears keys");
        }
    }

    /**
     * Builds a custom data patch in key order, to be handed to a {@code ProfileUpdate} without
     * another copy (the token hot path makes no defensive copies). Single use.
     */
    public static final class PatchBuilder {
        private final ArrayMap.Builder<FieldUpdate<String>> patch;

        public PatchBuilder(int expectedKeys) {
            patch = new ArrayMap.Builder<>(expectedKeys);
        }

        /** Sets one key's update (a key put twice keeps the later one); only assignments and clears belong in a patch. */
        public PatchBuilder put(String key, FieldUpdate<String> update) {
            requireAssignOrClear(Objects.requireNonNull(update, "update"));
            patch.set(key, update);
            return this;
        }

        /** The patch, read-only; the builder cannot be used again. */
        public Map<String, FieldUpdate<String>> build() {
            return patch.build();
        }
    }

    private static Map<String, FieldUpdate<String>> copy(Map<String, FieldUpdate<String>> customData) {
        ArrayMap.Builder<FieldUpdate<String>> copy = new ArrayMap.Builder<>(customData.size());
        customData.forEach(copy::add);
        return copy.build();
    }

    /** A token with no profile claims at all. */
    public static ProfileUpdate none() {
        return new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(),
                FieldUpdate.keep(), Map.of());
    }
}
