/**
 * The JDBC persistence adapter: implements the application's storage ports over any
 * {@code javax.sql.DataSource} with plain JDBC and Flyway migrations (H2, PostgreSQL); may depend on
 * {@code application}, {@code domain}, the JDK and Flyway only (no Spring).
 */
package dev.visitorauth.adapter.persistence;
