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
 * A read-only map from unique string keys to values, in insertion order, over two arrays it takes
 * over from whoever built them (no copy). Keys are compared by identity first, so interned keys
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

    private ArrayMap(String[] keys, V[] values, int size) {
        Objects.checkFromIndexSize(0, size, Math.min(keys.length, values.length));
        this.keys = keys;
        this.values = values;
        this.size = size;
        if (size > LINEAR_KEYS) {
            index = new HashMap<>(size * 2);
            for (int i = 0; i < size; i++) {
                if (index.put(Objects.requireNonNull(keys[i], "key"), i) != null) {
                    throw new IllegalArgumentException("keys are unique");
                }
            }
        } else {
            index = null;
            for (int i = 0; i < size; i++) {
                int hash = Objects.requireNonNull(keys[i], "key").hashCode(); // cached in the String
                for (int j = 0; j < i; j++) {
                    if (keys[j].hashCode() == hash && keys[j].equals(keys[i])) {
                        throw new IllegalArgumentException("keys are unique");
                    }
                }
            }
        }
    }

    /**
     * A map over the first {@code size} entries of {@code keys} and {@code values}, which the caller
     * hands over and must not change or keep. Keys must be unique and not null.
     */
    public static <V> ArrayMap<V> owning(String[] keys, V[] values, int size) {
        return new ArrayMap<>(keys, values, size);
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
