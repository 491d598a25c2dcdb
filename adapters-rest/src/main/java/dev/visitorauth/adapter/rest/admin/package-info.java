/** Admin endpoints (workspace API key), and workspace creation (system API key). */
package dev.visitorauth.adapter.rest.admin;
