/** The wire documents: type-checked request bodies, response records and the one mapper that builds them. */
package dev.visitorauth.adapter.rest.json;
