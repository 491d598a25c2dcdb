package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.widget.Widget;
import dev.visitorauth.domain.widget.WidgetKeyring;

/** Stores widgets and keyrings (adapters encrypt secrets at rest). */
public interface SaveWidgetPort {

    /** Inserts a new widget with its first keyring. */
    void createWidget(Widget widget, WidgetKeyring keyring);

    /** Replaces a stored widget's name, policy and allowed origins. */
    void updateWidget(Widget widget);

    /** Replaces a stored widget's keyring (after a rotation). */
    void saveKeyring(Widget widget, WidgetKeyring keyring);
}
