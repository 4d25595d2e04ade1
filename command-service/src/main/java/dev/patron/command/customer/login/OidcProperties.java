package dev.patron.command.customer.login;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenID provider shoppers sign in with ({@code patron.oidc.*}; from the environment {@code PATRON_OIDC_ISSUER},
 * {@code PATRON_OIDC_CLIENTID}, {@code PATRON_OIDC_CLIENTSECRET}). Without an issuer and client id single sign-on
 * is off.
 *
 * @param issuer       the provider's issuer URL; its endpoints and keys are discovered from
 *                     {@code <issuer>/.well-known/openid-configuration}
 * @param clientId     the client the store registered at the provider, the audience of its ID tokens
 * @param clientSecret that client's secret, sent with HTTP Basic; none for a public client (PKCE alone)
 * @param timeout      the longest each call to the provider may take to connect, and to answer
 */
@ConfigurationProperties("patron.oidc")
public record OidcProperties(
        URI issuer,
        String clientId,
        String clientSecret,
        @DefaultValue("5s") Duration timeout) {

    boolean isConfigured() {
        return issuer != null && clientId != null && !clientId.isBlank();
    }

    boolean hasClientSecret() {
        return clientSecret != null && !clientSecret.isBlank();
    }

    /** Records print their fields; this one must never print the secret. */
    @Override
    public String toString() {
        return "OidcProperties[issuer=" + issuer + ", clientId=" + clientId
                + ", clientSecret=" + (hasClientSecret() ? "(set)" : "(not set)") + ", timeout=" + timeout + "]";
    }
}
