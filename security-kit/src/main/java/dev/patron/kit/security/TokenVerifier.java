package dev.patron.kit.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Verifies Patron tokens: ES256 signature by a key from the trusted key set, issuer, audience, expiry and kind.
 * A token verified once is not verified again while it is valid, for up to {@value #REUSE_MINUTES} minutes (see
 * {@link VerifiedTokens}); whether a customer token was revoked since is not this class's concern.
 *
 * <p>Pinning the algorithm to ES256 is what refuses {@code alg:none} and HMAC tokens keyed with the public key:
 * the processor never looks for a key for any other algorithm.
 */
public final class TokenVerifier {

    private static final Set<String> CLAIMS_EVERY_TOKEN_CARRIES = Set.of("sub", "iat", "exp", "jti");
    /** As long as a key set fetched over HTTP is kept: a rotated-out key stops counting within the same time. */
    static final int REUSE_MINUTES = 5;
    private static final int REMEMBERED_TOKENS = 10_000;

    private final ConfigurableJWTProcessor<SecurityContext> accessTokens;
    private final ConfigurableJWTProcessor<SecurityContext> customerTokens;
    private final VerifiedTokens verifiedAccessTokens;
    private final VerifiedTokens verifiedCustomerTokens;

    public TokenVerifier(JWKSource<SecurityContext> trustedKeys, TokenAudience audience) {
        this(trustedKeys, audience, Clock.systemUTC());
    }

    TokenVerifier(JWKSource<SecurityContext> trustedKeys, TokenAudience audience, Clock clock) {
        this.accessTokens = processor(trustedKeys, audience, TokenType.ACCESS, Set.of(TokenSigner.SCOPE_CLAIM));
        this.customerTokens = processor(trustedKeys, audience, TokenType.CUSTOMER,
                Set.of(TokenSigner.CREDENTIAL_VERSION_CLAIM));
        this.verifiedAccessTokens = new VerifiedTokens(REMEMBERED_TOKENS, Duration.ofMinutes(REUSE_MINUTES), clock);
        this.verifiedCustomerTokens = new VerifiedTokens(REMEMBERED_TOKENS, Duration.ofMinutes(REUSE_MINUTES), clock);
    }

    public AccessToken verifyAccessToken(String token) {
        JWTClaimsSet claims = verifiedAccessTokens.claimsOf(token, () -> process(accessTokens, token));
        TokenScope scope = TokenScope.fromClaim(claims.getClaim(TokenSigner.SCOPE_CLAIM))
                .orElseThrow(() -> new InvalidTokenException("unknown scope"));
        return new AccessToken(claims.getSubject(), scope);
    }

    /** The customer the token was issued to. Whether it has been revoked since is not checked here. */
    public CustomerToken verifyCustomerToken(String token) {
        JWTClaimsSet claims = verifiedCustomerTokens.claimsOf(token, () -> process(customerTokens, token));
        try {
            Long credentialVersion = claims.getLongClaim(TokenSigner.CREDENTIAL_VERSION_CLAIM);
            return new CustomerToken(claims.getSubject(), credentialVersion);
        } catch (ParseException notANumber) {
            throw new InvalidTokenException("the credential version is not a number", notANumber);
        }
    }

    private static JWTClaimsSet process(ConfigurableJWTProcessor<SecurityContext> processor, String token) {
        try {
            return processor.process(token, null);
        } catch (KeySourceException keysUnreachable) {
            throw new SigningKeysUnavailableException(keysUnreachable);
        } catch (ParseException | BadJOSEException | JOSEException rejected) {
            throw new InvalidTokenException(rejected.getMessage(), rejected);
        }
    }

    private static ConfigurableJWTProcessor<SecurityContext> processor(
            JWKSource<SecurityContext> trustedKeys, TokenAudience audience, TokenType type, Set<String> extraClaims) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(TokenSigner.ALGORITHM, trustedKeys));
        JWTClaimsSet exactClaims = new JWTClaimsSet.Builder()
                .issuer(audience.issuer())
                .claim(TokenType.CLAIM, type.claimValue())
                .build();
        Set<String> requiredClaims = new HashSet<>(CLAIMS_EVERY_TOKEN_CARRIES);
        requiredClaims.addAll(extraClaims);
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience.audience(), exactClaims, requiredClaims));
        return processor;
    }
}
