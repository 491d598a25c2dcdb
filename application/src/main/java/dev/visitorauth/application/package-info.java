/** Use cases, the ports they need, in-memory adapters and the embeddable facade: plain Java, depends on the domain and the JDK only. */
package dev.visitorauth.application;
