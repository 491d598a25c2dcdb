/** What crosses the HTTP edge before a controller sees it: the body limit and read deadline, security headers, CORS by each widget's origins. */
package dev.visitorauth.adapter.rest.http;
