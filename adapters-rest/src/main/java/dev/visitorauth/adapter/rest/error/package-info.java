/** Refusals and failures to RFC 9457 problem documents, in one advice. */
package dev.visitorauth.adapter.rest.error;
