package dev.visitorauth.application;

import dev.visitorauth.domain.identity.FieldUpdate;
import dev.visitorauth.domain.identity.ProfileUpdate;
import dev.visitorauth.domain.widget.KeyId;
import java.time.Instant;
import java.util.Map;

/** Test data for the use-case tests. */
public final class Mothers {
    public static final KeyId KEY_ID = new KeyId("k_test");
    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private Mothers() {
    }

    public static ProfileUpdate named(String name) {
        return new ProfileUpdate(FieldUpdate.assign(name), FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(),
                FieldUpdate.keep(), Map.of());
    }

    public static ProfileUpdate customData(Map<String, FieldUpdate<String>> patch) {
        return new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(),
                FieldUpdate.keep(), patch);
    }

}
