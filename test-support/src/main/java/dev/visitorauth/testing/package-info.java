/** Test helpers shared by several modules' tests; depends on JUnit's API only. */
package dev.visitorauth.testing;
