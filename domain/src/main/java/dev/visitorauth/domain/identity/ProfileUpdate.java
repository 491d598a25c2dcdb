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
        for (FieldUpdate<String> update : customData.values()) {
            if (update instanceof FieldUpdate.Keep) {
                throw new IllegalArgumentException("a custom data patch assigns or clears keys");
            }
        }
        if (!(customData instanceof ArrayMap)) {
            customData = copy(customData); // an ArrayMap is read-only and owned: no copy needed
        }
    }

    /**
     * Builds a custom data patch in key order, to be handed to a {@code ProfileUpdate} without
     * another copy (the token hot path makes no defensive copies). Single use.
     */
    public static final class PatchBuilder {
        private String[] keys;
        private FieldUpdate<String>[] updates;
        private int size;

        @SuppressWarnings("unchecked")
        public PatchBuilder(int expectedKeys) {
            keys = new String[Math.max(4, expectedKeys)];
            updates = new FieldUpdate[keys.length];
        }

        /** Sets one key's update (a key put twice keeps the later one); only assignments and clears belong in a patch. */
        public PatchBuilder put(String key, FieldUpdate<String> update) {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(update, "update");
            if (update instanceof FieldUpdate.Keep) {
                throw new IllegalArgumentException("a custom data patch assigns or clears keys");
            }
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    updates[i] = update;
                    return this;
                }
            }
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                updates = java.util.Arrays.copyOf(updates, size * 2);
            }
            keys[size] = key;
            updates[size] = update;
            size++;
            return this;
        }

        /** The patch, read-only; the builder cannot be used again. */
        public Map<String, FieldUpdate<String>> build() {
            ArrayMap<FieldUpdate<String>> patch = ArrayMap.owning(keys, updates, size);
            keys = null;
            updates = null;
            return patch;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, FieldUpdate<String>> copy(Map<String, FieldUpdate<String>> customData) {
        return ArrayMap.owning(customData.keySet().toArray(new String[0]), customData.values().toArray(new FieldUpdate[0]),
                customData.size());
    }

    /** A token with no profile claims at all. */
    public static ProfileUpdate none() {
        return new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(),
                FieldUpdate.keep(), Map.of());
    }
}
