package dev.patron.kit.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.Map;

/** Tokens an attacker could build from a genuine one or from the published public key; all must be refused. */
public final class ForgedTokens {

    private ForgedTokens() {
    }

    /** A genuine storefront token whose payload was rewritten to claim the back-office scope; signature kept. */
    public static String tamperedToBackOffice(String genuineStorefrontToken) {
        String[] parts = genuineStorefrontToken.split("\\.");
        String storefrontScope = "\"" + TokenScope.STOREFRONT.claimValue() + "\"";
        String payload = Base64URL.from(parts[1]).decodeToString();
        if (!payload.contains(storefrontScope)) {
            throw new IllegalArgumentException("not a storefront token");
        }
        payload = payload.replace(storefrontScope, "\"" + TokenScope.BACK_OFFICE.claimValue() + "\"");
        return parts[0] + "." + Base64URL.encode(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
    }

    /**
     * A genuine customer token whose subject was rewritten to another customer, signature kept: what a shopper
     * would try to reach someone else's data with their own token.
     */
    public static String withSubjectRewritten(String genuineCustomerToken, String customerId) {
        String[] parts = genuineCustomerToken.split("\\.");
        JWTClaimsSet rewritten = new JWTClaimsSet.Builder(claimsOf(genuineCustomerToken)).subject(customerId).build();
        return parts[0] + "." + rewritten.toPayload().toBase64URL() + "." + parts[2];
    }

    /** A customer token for {@code customerId} signed by a key nobody trusts, naming the trusted key's id. */
    public static String customerTokenSignedByAnotherKeyClaiming(ECKey trustedKey, String customerId) {
        ECKey impostor = new ECKey.Builder(TokenSigner.generateSigningKey()).keyID(trustedKey.getKeyID()).build();
        return new TokenSigner(impostor, TestTokens.AUDIENCE, Clock.systemUTC())
                .issueCustomerToken(customerId, CustomerToken.NO_PASSWORD_SET, TestTokens.LIFETIME).value();
    }

    /** The claims of a genuine token, unsigned ({@code alg:none}). */
    public static String unsignedCopyOf(String genuineToken) {
        return new PlainJWT(claimsOf(genuineToken)).serialize();
    }

    /** A back-office token signed by a key nobody trusts, naming the trusted key's id to get past key lookup. */
    public static String signedByAnotherKeyClaiming(ECKey trustedKey) {
        ECKey impostor = new ECKey.Builder(TokenSigner.generateSigningKey()).keyID(trustedKey.getKeyID()).build();
        return new TokenSigner(impostor, TestTokens.AUDIENCE, Clock.systemUTC())
                .issueAccessToken("intruder", TokenScope.BACK_OFFICE, TestTokens.LIFETIME).value();
    }

    /**
     * The claims of a genuine token, HMAC-signed with the published public key as the secret: the classic
     * algorithm confusion against verifiers that pick the algorithm from the token's header.
     */
    public static String hmacSignedWithPublicKey(String genuineToken, ECKey trustedKey) {
        byte[] publicKeyAsSecret = trustedKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT forged = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(trustedKey.getKeyID()).build(), claimsOf(genuineToken));
        try {
            forged.sign(new MACSigner(publicKeyAsSecret));
        } catch (JOSEException keyTooShort) {
            throw new IllegalStateException(keyTooShort);
        }
        return forged.serialize();
    }

    /** A genuine token with one claim replaced, re-signed by the trusted key (wrong issuer, audience, type...). */
    public static String resignedWith(String genuineToken, ECKey trustedKey, Map<String, Object> replacedClaims) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder(claimsOf(genuineToken));
        replacedClaims.forEach(claims::claim);
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(TokenSigner.ALGORITHM).keyID(trustedKey.getKeyID()).build(), claims.build());
        try {
            token.sign(new ECDSASigner(trustedKey));
        } catch (JOSEException signingFailure) {
            throw new IllegalStateException(signingFailure);
        }
        return token.serialize();
    }

    private static JWTClaimsSet claimsOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException notAToken) {
            throw new IllegalArgumentException(notAToken);
        }
    }
}
