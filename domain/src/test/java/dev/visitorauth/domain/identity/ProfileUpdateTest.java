package dev.visitorauth.domain.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.visitorauth.domain.ArrayMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A custom data patch only assigns or clears keys, whichever way it was built, and is never shared with its caller. */
class ProfileUpdateTest {
    private static ProfileUpdate withCustomData(Map<String, FieldUpdate<String>> customData) {
        return new ProfileUpdate(FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(), FieldUpdate.keep(),
                FieldUpdate.keep(), customData);
    }

    @Test
    void refusesAKeepInAPatchWhicheverMapHoldsIt() {
        ArrayMap.Builder<FieldUpdate<String>> owned = new ArrayMap.Builder<>(2);
        owned.add("plan", FieldUpdate.assign("pro"));
        owned.add("seats", FieldUpdate.keep());

        assertThatThrownBy(() -> withCustomData(owned.build())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> withCustomData(Map.of("plan", FieldUpdate.keep()))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProfileUpdate.PatchBuilder(1).put("plan", FieldUpdate.keep()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keepsTheBuildersPatchAndCopiesAnyOtherMap() {
        Map<String, FieldUpdate<String>> patch = new ProfileUpdate.PatchBuilder(2)
                .put("plan", FieldUpdate.assign("pro")).put("beta", FieldUpdate.clear()).build();
        assertThat(withCustomData(patch).customData()).isSameAs(patch);

        Map<String, FieldUpdate<String>> mutable = new HashMap<>(Map.of("plan", FieldUpdate.assign("pro")));
        ProfileUpdate update = withCustomData(mutable);
        mutable.put("plan", FieldUpdate.clear());
        assertThat(update.customData()).containsExactly(Map.entry("plan", FieldUpdate.assign("pro")));
    }
}
