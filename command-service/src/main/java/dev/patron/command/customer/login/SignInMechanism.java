package dev.patron.command.customer.login;

/** The contract's {@code authentication_mechanism} values. */
public final class SignInMechanism {

    public static final String PASSWORD = "password";
    public static final String OIDC = "oidc";

    private SignInMechanism() {
    }
}
