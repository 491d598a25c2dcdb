package dev.visitorauth.adapter.persistence;

import java.util.List;
import java.util.function.Consumer;

/** Telling listeners of this node something that happened: one listener's fault never stops the others. */
final class Listeners {
    private Listeners() {
    }

    static <L> void tellEach(List<L> listeners, Consumer<L> tell) {
        for (L listener : listeners) {
            try {
                tell.accept(listener);
            } catch (RuntimeException ignored) {
                // a wake-up or an eviction never fails the commit or the listen loop that reports it
            }
        }
    }
}
