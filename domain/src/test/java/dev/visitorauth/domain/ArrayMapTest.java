package dev.visitorauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrayMapTest {

    private static ArrayMap<Integer> of(int size) {
        String[] keys = new String[size + 3];
        Integer[] values = new Integer[size + 3];
        for (int i = 0; i < size; i++) {
            keys[i] = "k" + i;
            values[i] = i;
        }
        return ArrayMap.owning(keys, values, size);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, ArrayMap.LINEAR_KEYS, ArrayMap.LINEAR_KEYS + 1, 60})
    void behavesAsAnOrderedMapWhateverItsSize(int size) {
        ArrayMap<Integer> map = of(size);
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            expected.put("k" + i, i);
        }

        assertThat(map).isEqualTo(expected);
        assertThat(map.keySet()).containsExactlyElementsOf(expected.keySet());
        for (int i = 0; i < size; i++) {
            assertThat(map.get(new String("k" + i))).isEqualTo(i);
            assertThat(map.key(i)).isEqualTo("k" + i);
        }
        assertThat(map.get("absent")).isNull();
        assertThat(map.containsKey("k" + size)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, ArrayMap.LINEAR_KEYS + 2})
    void refusesDuplicateKeys(int size) {
        String[] keys = new String[size];
        Integer[] values = new Integer[size];
        for (int i = 0; i < size; i++) {
            keys[i] = i == size - 1 ? "k0" : "k" + i;
            values[i] = i;
        }
        assertThatThrownBy(() -> ArrayMap.owning(keys, values, size)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1})
    void isReadOnly(int size) {
        ArrayMap<Integer> map = of(size);
        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(5)).isInstanceOf(UnsupportedOperationException.class);
    }
}
