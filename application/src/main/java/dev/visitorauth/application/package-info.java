/** Use cases, the ports they need and the embeddable facade: plain Java, depends on the domain and the JDK only. */
package dev.visitorauth.application;
