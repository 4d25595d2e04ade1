package dev.patron.kit.security;

import org.springframework.http.HttpMethod;
import org.springframework.web.util.pattern.PathPattern;

import java.util.Set;

/** One line of the {@link AccessPolicy}: these methods on paths matching this pattern may be called by these. */
record AccessRule(Set<HttpMethod> methods, PathPattern pathPattern, AllowedCaller allowedCaller) {
}
