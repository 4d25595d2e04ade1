package dev.patron.command.customer.login;

import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;

/**
 * Who a validated ID token says signed in.
 *
 * @param emailVerified whether the provider vouches that the person controls {@code email}; only then may the
 *                      identity be matched to the customer holding that address
 */
record OidcIdentity(String issuer, String subject, String email, boolean emailVerified, String name) {

    static OidcIdentity of(IDTokenClaimsSet claims) {
        return new OidcIdentity(claims.getIssuer().getValue(), claims.getSubject().getValue(),
                claims.getStringClaim("email"),
                // Strictly JSON true: a provider sending the string "true" has not said it in the standard way.
                Boolean.TRUE.equals(claims.getClaim("email_verified")),
                claims.getStringClaim("name"));
    }

    /** The name a new customer gets: the provider's, or else the address, as a customer must have one. */
    String customerName() {
        return name != null && !name.isBlank() ? name : email;
    }
}
