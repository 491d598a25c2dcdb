package dev.visitorauth.application.port.in;

import java.util.Objects;
import java.util.Optional;

/**
 * A change to a setting that may be unset, as a create or update request asks it: keep the value
 * (the member was absent), clear it (the member was {@code null}), or set it.
 */
public sealed interface SettingChange<T> permits SettingChange.Keep, SettingChange.Clear, SettingChange.Set {

    /** The request did not name the setting: it keeps its value. */
    record Keep<T>() implements SettingChange<T> {
    }

    /** The request named the setting as {@code null}: it is removed. */
    record Clear<T>() implements SettingChange<T> {
    }

    /** The request gave a new value. */
    record Set<T>(T value) implements SettingChange<T> {
        public Set {
            Objects.requireNonNull(value, "value");
        }
    }

    static <T> SettingChange<T> keep() {
        return new Keep<>();
    }

    static <T> SettingChange<T> clear() {
        return new Clear<>();
    }

    static <T> SettingChange<T> set(T value) {
        return new Set<>(value);
    }

    /** Set when {@code value} is present, else keep. */
    static <T> SettingChange<T> setIfPresent(Optional<T> value) {
        return value.<SettingChange<T>>map(SettingChange::set).orElseGet(SettingChange::keep);
    }
}
