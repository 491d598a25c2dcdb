/**
 * The chaos run of spec section 13: a load generator that drives a running cluster over REST and
 * gRPC and journals every answer, and a checker that proves from the journal and the database that
 * no acknowledged write was lost and no answer was wrong. Depends on the gRPC stubs, Jackson and the
 * PostgreSQL driver only; it is a client, never part of the server.
 */
package dev.visitorauth.chaos;
