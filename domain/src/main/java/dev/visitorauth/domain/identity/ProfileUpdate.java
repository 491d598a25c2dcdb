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
        if (!(customData instanceof Patch)) {
            for (FieldUpdate<String> update : customData.values()) {
                if (update instanceof FieldUpdate.Keep) {
                    throw new IllegalArgumentException("a custom data patch assigns or clears keys");
                }
            }
            customData = new Patch(new LinkedHashMap<>(customData));
        }
    }

    /**
     * Builds a custom data patch in key order, to be handed to a {@code ProfileUpdate} without
     * another copy (the token hot path makes no defensive copies). Single use.
     */
    public static final class PatchBuilder {
        private LinkedHashMap<String, FieldUpdate<String>> entries;

        public PatchBuilder(int expectedKeys) {
            entries = new LinkedHashMap<>(Math.max(4, expectedKeys * 2));
        }

        /** Adds one key's update; only assignments and clears belong in a patch. */
        public PatchBuilder put(String key, FieldUpdate<String> update) {
            if (update instanceof FieldUpdate.Keep) {
                throw new IllegalArgumentException("a custom data patch assigns or clears keys");
            }
            entries.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(update, "update"));
            return this;
        }

        /** The patch, read-only; the builder cannot be used again. */
        public Map<String, FieldUpdate<String>> build() {
            Patch patch = new Patch(entries);
            entries = null;
            return patch;
        }
    }

    /** A read-only custom data patch over a map nothing else holds. */
    private static final class Patch extends java.util.AbstractMap<String, FieldUpdate<String>> {
        private final Map<String, FieldUpdate<String>> entries;

        Patch(LinkedHashMap<String, FieldUpdate<String>> owned) {
            this.entries = Collections.unmodifiableMap(owned);
        }

        @Override
        public FieldUpdate<String> get(Object key) {
            return entries.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return entries.containsKey(key);
        }

        @Override
        public int size() {
            return entries.size();
        }

        @Override
        public java.util.Set<Entry<String, FieldUpdate<String>>> entrySet() {
            return entries.entrySet();
        }
    }

    /** A token with no profile claims at all. */
    public static ProfileUpdate none() {
        return new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(),
                FieldUpdate.keep(), Map.of());
    }
}
