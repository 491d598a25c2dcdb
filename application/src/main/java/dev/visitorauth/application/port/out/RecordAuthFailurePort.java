package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.widget.AuthFailure;

/**
 * Appends to a widget's failure log. Called outside the failed start-up's transaction, so the
 * record stays while the start-up's effects are rolled back. Stores keep a bounded log per widget.
 */
public interface RecordAuthFailurePort {

    void recordAuthFailure(AuthFailure failure);
}
