/** Server-Sent Events of the workspace event log: the widget stream and the admin stream. */
package dev.visitorauth.adapter.rest.stream;
