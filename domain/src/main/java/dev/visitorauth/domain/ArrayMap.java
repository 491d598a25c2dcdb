package dev.visitorauth.domain;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A read-only map from unique string keys to values, in insertion order, over the two arrays its
 * {@link Builder} filled (no copy). Keys are compared by identity first, so interned keys
 * (a JSON parser's member names against string literals) are found with one compare each; maps
 * larger than {@value #LINEAR_KEYS} keys also keep a hash index. For the small maps of the token
 * hot path: a token's header and claims, a custom data patch.
 *
 * @param <V> the values' type
 */
public final class ArrayMap<V> extends AbstractMap<String, V> {
    /** Maps with more keys than this keep a hash index as well. */
    public static final int LINEAR_KEYS = 16;

    private final String[] keys;
    private final V[] values;
    private final int size;
    private final Map<String, Integer> index;

    private ArrayMap(String[] keys, V[] values, int size, Map<String, Integer> index) {
        this.keys = keys;
        this.values = values;
        this.size = size;
        this.index = index;
    }

    /**
     * Builds a map key by key, in order: the one place its keys are checked unique. Keys are
     * compared by their cached hash first, then by {@code equals}; past {@value #LINEAR_KEYS} keys
     * through the hash index the map keeps. No copy is made at the end.
     *
     * @param <V> the values' type
     */
    public static final class Builder<V> {
        private String[] keys;
        private V[] values;
        private int size;
        private Map<String, Integer> index;
        private long hashBits; // bit (hash mod 64) set for each key held
        private boolean built;

        @SuppressWarnings("unchecked")
        public Builder(int expectedKeys) {
            int capacity = Math.max(4, Math.min(expectedKeys, LINEAR_KEYS));
            keys = new String[capacity];
            values = (V[]) new Object[capacity];
        }

        /** Adds a key; false (and nothing added) when the map already holds it. */
        public boolean add(String key, V value) {
            return position(key) < 0 && append(key, value);
        }

        /** Sets a key's value: the key keeps its first position, with the later value. */
        public void set(String key, V value) {
            int i = position(key);
            if (i < 0) {
                append(key, value);
            } else {
                values[i] = Objects.requireNonNull(value, "value");
            }
        }

        /** The map; the builder cannot be used again. */
        public ArrayMap<V> build() {
            checkOpen();
            built = true;
            return new ArrayMap<>(keys, values, size, index);
        }

        private int position(String key) {
            Objects.requireNonNull(key, "key");
            checkOpen();
            if (index != null) {
                Integer i = index.get(key);
                return i == null ? -1 : i;
            }
            int hash = key.hashCode(); // cached in the String, as in every key already added
            long bit = 1L << hash; // the low six bits of the hash
            if ((hashBits & bit) == 0) {
                return -1; // no key held has those six bits: a new key, found without a search
            }
            for (int i = 0; i < size; i++) {
                if (keys[i] == key || (keys[i].hashCode() == hash && keys[i].equals(key))) {
                    return i;
                }
            }
            return -1;
        }

        private boolean append(String key, V value) {
            Objects.requireNonNull(value, "value");
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size] = value;
            size++;
            hashBits |= 1L << key.hashCode();
            if (index != null) {
                index.put(key, size - 1);
            } else if (size > LINEAR_KEYS) {
                index = new HashMap<>(size * 2);
                for (int i = 0; i < size; i++) {
                    index.put(keys[i], i);
                }
            }
            return true;
        }

        private void checkOpen() {
            if (built) {
                throw new IllegalStateException("already built");
            }
        }
    }

    /** The position of {@code key}, or -1. */
    public int indexOf(Object key) {
        if (index != null) {
            Integer i = index.get(key);
            return i == null ? -1 : i;
        }
        for (int i = 0; i < size; i++) {
            if (keys[i] == key) {
                return i;
            }
        }
        if (!(key instanceof String name)) {
            return -1;
        }
        int hash = name.hashCode();
        for (int i = 0; i < size; i++) {
            if (keys[i].hashCode() == hash && keys[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** The key at position {@code i}, in insertion order. */
    public String key(int i) {
        return keys[Objects.checkIndex(i, size)];
    }

    /** The value at position {@code i}, in insertion order. */
    public V value(int i) {
        return values[Objects.checkIndex(i, size)];
    }

    @Override
    public V get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
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
    public Set<Entry<String, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, V>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, V> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
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
