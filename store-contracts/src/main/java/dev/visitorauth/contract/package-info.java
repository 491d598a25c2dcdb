/**
 * The store contract suites: abstract JUnit classes that every store adapter (JDBC on H2 and
 * PostgreSQL, in memory) extends with a class that opens its store. They speak to the store only
 * through the application's ports ({@code Storage}); a check that needs a store's own technology
 * lives in that store's subclass. Test scope only; depends on {@code application}, {@code domain},
 * {@code test-support}, JUnit's API and AssertJ.
 */
package dev.visitorauth.contract;
