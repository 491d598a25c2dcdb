/**
 * The in-memory store adapter: every storage port of the application held in this process's
 * memory (tests, embedding hosts that need no durability), passing the same store contract suites
 * as the JDBC adapter; may depend on {@code application}, {@code domain} and the JDK only.
 */
package dev.visitorauth.adapter.memory;
