/** Bearer credentials: workspace API keys, widget session tokens (with the origin check) and the system API key. */
package dev.visitorauth.adapter.rest.auth;
