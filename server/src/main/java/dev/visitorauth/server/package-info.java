/** The assembly: the Spring Boot main that wires the core to every adapter; the only module that sees them all. */
package dev.visitorauth.server;
