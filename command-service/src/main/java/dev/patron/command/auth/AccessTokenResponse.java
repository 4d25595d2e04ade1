package dev.patron.command.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code POST /oauth/access_token}, field for field as the platform's SDK reads it. */
record AccessTokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        /* epoch seconds */ @JsonProperty("expires") long expires,
        @JsonProperty("expires_in") long expiresIn,
        /* the grant type that produced the token */ @JsonProperty("identifier") String identifier) {
}
