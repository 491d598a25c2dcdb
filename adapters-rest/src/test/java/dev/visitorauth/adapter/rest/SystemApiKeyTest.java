package dev.visitorauth.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SystemApiKeyTest {
    private static final String KEY = "operator-key-0123456789";

    @Test
    void matchesOnlyTheConfiguredKey() {
        SystemApiKey key = SystemApiKey.of(KEY);

        assertThat(key.matches(KEY)).isTrue();
        assertThat(key.matches(KEY + "x")).isFalse();
        assertThat(key.matches(KEY.substring(1))).isFalse();
        assertThat(key.matches("")).isFalse();
        assertThat(key.matches(null)).isFalse();
    }

    @Test
    void matchesNothingWhenNoneIsConfigured() {
        SystemApiKey none = SystemApiKey.none();

        assertThat(none.isConfigured()).isFalse();
        assertThat(none.matches("")).isFalse();
        assertThat(none.matches(KEY)).isFalse();
    }

    @Test
    void neverShowsTheKey() {
        assertThat(SystemApiKey.of(KEY).toString()).doesNotContain(KEY).contains("redacted");
    }

    @Test
    void refusesAShortOrPaddedKey() {
        assertThatThrownBy(() -> SystemApiKey.of("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> SystemApiKey.of(" " + KEY)).isInstanceOf(IllegalArgumentException.class);
    }
}
