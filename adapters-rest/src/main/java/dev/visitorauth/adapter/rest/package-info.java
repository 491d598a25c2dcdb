/** REST adapter: the Spring MVC widget and admin APIs over the application's inbound ports; depends on application, domain, Spring Web MVC and springdoc. */
package dev.visitorauth.adapter.rest;
