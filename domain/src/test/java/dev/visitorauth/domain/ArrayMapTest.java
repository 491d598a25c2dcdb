package dev.visitorauth.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArrayMapTest {

    private static ArrayMap<Integer> of(int size) {
        ArrayMap.Builder<Integer> builder = new ArrayMap.Builder<>(size);
        for (int i = 0; i < size; i++) {
            assertThat(builder.add("k" + i, i)).isTrue();
        }
        return builder.build();
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
    void refusesADuplicateKeyAndKeepsTheFirst(int size) {
        ArrayMap.Builder<Integer> builder = new ArrayMap.Builder<>(size);
        for (int i = 0; i < size - 1; i++) {
            builder.add("k" + i, i);
        }

        assertThat(builder.add(new String("k0"), 99)).isFalse();
        assertThat(builder.add(new String("k" + (size - 2)), 99)).isFalse();
        ArrayMap<Integer> map = builder.build();
        assertThat(map).hasSize(size - 1).containsEntry("k0", 0).containsEntry("k" + (size - 2), size - 2);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, ArrayMap.LINEAR_KEYS + 3})
    void setReplacesAValueInItsFirstPosition(int size) {
        ArrayMap.Builder<Integer> builder = new ArrayMap.Builder<>(2);
        for (int i = 0; i < size; i++) {
            builder.set("k" + i, i);
        }
        builder.set(new String("k1"), 100);

        ArrayMap<Integer> map = builder.build();
        assertThat(map).hasSize(size);
        assertThat(map.key(1)).isEqualTo("k1");
        assertThat(map.value(1)).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(ints = {1})
    void isSingleUse(int size) {
        ArrayMap.Builder<Integer> builder = new ArrayMap.Builder<>(size);
        builder.build();
        assertThatThrownBy(() -> builder.add("k", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1})
    void isReadOnly(int size) {
        ArrayMap<Integer> map = of(size);
        assertThatThrownBy(() -> map.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(5)).isInstanceOf(UnsupportedOperationException.class);
    }
}
