package dev.patron.kit.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs Patron's access and customer tokens (ES256). Lives next to {@link TokenVerifier} so the claims written
 * here and the claims demanded there cannot drift apart.
 */
public final class TokenSigner {

    /** The only algorithm tokens are signed with, and so the only one {@link TokenVerifier} accepts. */
    static final JWSAlgorithm ALGORITHM = JWSAlgorithm.ES256;
    static final String SCOPE_CLAIM = "scope";
    /** See {@link CustomerToken#credentialVersion()}. */
    static final String CREDENTIAL_VERSION_CLAIM = "credential_version";

    private final ECKey signingKey;
    private final ECDSASigner signer;
    private final TokenAudience audience;
    private final Clock clock;

    public TokenSigner(ECKey signingKey, TokenAudience audience, Clock clock) {
        if (!signingKey.isPrivate() || signingKey.getKeyID() == null) {
            throw new IllegalArgumentException("the signing key needs its private part and a key id");
        }
        try {
            this.signer = new ECDSASigner(signingKey);
        } catch (JOSEException unsupportedCurve) {
            throw new IllegalArgumentException("the signing key must be a P-256 key", unsupportedCurve);
        }
        this.signingKey = signingKey;
        this.audience = audience;
        this.clock = clock;
    }

    /** A fresh P-256 key with a random key id, the kind this signer needs. */
    public static ECKey generateSigningKey() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException impossibleForP256) {
            throw new IllegalStateException(impossibleForP256);
        }
    }

    public IssuedToken issueAccessToken(String clientId, TokenScope scope, Duration timeToLive) {
        return sign(claims(clientId, TokenType.ACCESS, timeToLive).claim(SCOPE_CLAIM, scope.claimValue()));
    }

    /** @param credentialVersion see {@link CustomerToken#credentialVersion()} */
    public IssuedToken issueCustomerToken(String customerId, long credentialVersion, Duration timeToLive) {
        return sign(claims(customerId, TokenType.CUSTOMER, timeToLive)
                .claim(CREDENTIAL_VERSION_CLAIM, credentialVersion));
    }

    private JWTClaimsSet.Builder claims(String subject, TokenType type, Duration timeToLive) {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder()
                .issuer(audience.issuer())
                .audience(audience.audience())
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(timeToLive)))
                .jwtID(UUID.randomUUID().toString())
                .claim(TokenType.CLAIM, type.claimValue());
    }

    private IssuedToken sign(JWTClaimsSet.Builder claims) {
        JWTClaimsSet claimSet = claims.build();
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(ALGORITHM).type(JOSEObjectType.JWT).keyID(signingKey.getKeyID()).build(),
                claimSet);
        try {
            token.sign(signer);
        } catch (JOSEException signingFailure) {
            throw new IllegalStateException("signing a token failed", signingFailure);
        }
        return new IssuedToken(claimSet.getJWTID(), token.serialize(), claimSet.getExpirationTime().toInstant());
    }
}
