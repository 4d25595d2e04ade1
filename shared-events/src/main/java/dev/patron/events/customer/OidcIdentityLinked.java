package dev.patron.events.customer;

import dev.patron.events.privacy.DataSubjectId;
import dev.patron.events.privacy.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * The customer may sign in through single sign-on as this OpenID Connect identity from now on.
 *
 * @param issuer  the identity provider ({@code iss} of its ID tokens)
 * @param subject the provider's stable identifier of the person ({@code sub})
 */
@Revision("1")
public record OidcIdentityLinked(
        @DataSubjectId String customerId,
        String issuer,
        @PersonalData String subject) {
}
