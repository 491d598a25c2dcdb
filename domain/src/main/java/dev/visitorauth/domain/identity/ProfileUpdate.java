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
            Patch patch = new Patch(keys, updates, size);
            keys = null;
            updates = null;
            return patch;
        }
    }

    /** A read-only custom data patch over arrays nothing else holds (at most 50 keys: searched in order). */
    private static final class Patch extends java.util.AbstractMap<String, FieldUpdate<String>> {
        private final String[] keys;
        private final FieldUpdate<String>[] updates;
        private final int size;

        Patch(String[] keys, FieldUpdate<String>[] updates, int size) {
            this.keys = keys;
            this.updates = updates;
            this.size = size;
        }

        @SuppressWarnings("unchecked")
        Patch(Map<String, FieldUpdate<String>> copied) {
            this(copied.keySet().toArray(new String[0]), copied.values().toArray(new FieldUpdate[0]), copied.size());
        }

        private int indexOf(Object key) {
            for (int i = 0; i < size; i++) {
                if (keys[i].equals(key)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public FieldUpdate<String> get(Object key) {
            int i = indexOf(key);
            return i < 0 ? null : updates[i];
        }

        @Override
        public boolean containsKey(Object key) {
            return indexOf(key) >= 0;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public java.util.Set<Entry<String, FieldUpdate<String>>> entrySet() {
            return new java.util.AbstractSet<>() {
                @Override
                public java.util.Iterator<Entry<String, FieldUpdate<String>>> iterator() {
                    return new java.util.Iterator<>() {
                        private int next;

                        @Override
                        public boolean hasNext() {
                            return next < size;
                        }

                        @Override
                        public Entry<String, FieldUpdate<String>> next() {
                            if (next >= size) {
                                throw new java.util.NoSuchElementException();
                            }
                            int i = next++;
                            return new java.util.AbstractMap.SimpleImmutableEntry<>(keys[i], updates[i]);
                        }
                    };
                }

                @Override
                public int size() {
                    return size;
                }
            };
        }
    }

    /** A token with no profile claims at all. */
    public static ProfileUpdate none() {
        return new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(),
                FieldUpdate.keep(), Map.of());
    }
}
