package dev.patron.command.customer.login;

import static dev.patron.command.customer.ImportedHashes.bcrypt;
import static dev.patron.command.customer.ImportedHashes.djangoPbkdf2;
import static dev.patron.command.customer.ImportedHashes.passlibPbkdf2;
import static dev.patron.command.customer.ImportedHashes.storageForm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.command.customer.Argon2idPasswordEncoder;
import dev.patron.command.customer.CreateCustomer;
import dev.patron.command.customer.CustomerWrites;
import dev.patron.events.customer.PasswordHashUpgraded;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder.BCryptVersion;

/**
 * Customers brought in by the import with their previous platform's password hash sign in over real HTTP
 * ({@code POST /v2/customers/tokens}): the first sign-in with the right password replaces the hash by Patron's
 * Argon2id, as the event store then shows, and later ones check that.
 */
class ImportedPasswordHttpTest extends SignInHttpTestBase {

    private static final String PASSWORD = "Lagavulin-16-years";

    @Autowired
    CustomerWrites customerWrites;

    static Stream<String> hashesOfThePassword() {
        return Stream.of(bcrypt(BCryptVersion.$2Y, PASSWORD), passlibPbkdf2(PASSWORD, 29_000),
                djangoPbkdf2(PASSWORD, 600_000));
    }

    /** A customer made as the import makes them: through the customer writes, with the hash's storage form. */
    private String imported(String email, String hash) {
        String customerId = UUID.randomUUID().toString();
        customerWrites.create(new CreateCustomer(customerId, "Ron Swanson", email, null, storageForm(hash), List.of()));
        return customerId;
    }

    private List<PasswordHashUpgraded> upgradesOf(String customerId) {
        return historyOf(customerId).stream().filter(PasswordHashUpgraded.class::isInstance)
                .map(PasswordHashUpgraded.class::cast).toList();
    }

    @ParameterizedTest
    @MethodSource("hashesOfThePassword")
    void theFirstSignInUpgradesTheHashToArgon2idAndLaterOnesUpgradeNothing(String hash) {
        String email = freshEmail();
        String customerId = imported(email, hash);

        String tokenBeforeTheUpgrade = customerToken(email, PASSWORD);

        assertThat(upgradesOf(customerId)).singleElement().satisfies(upgrade -> {
            assertThat(upgrade.customerId()).isEqualTo(customerId);
            assertThat(upgrade.passwordHash()).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            assertThat(new Argon2idPasswordEncoder().matches(PASSWORD, upgrade.passwordHash())).isTrue();
        });
        int eventsAfterTheUpgrade = historyOf(customerId).size();

        HttpResponse<String> again = signIn(email, PASSWORD);

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(historyOf(customerId)).as("a second sign-in records nothing").hasSize(eventsAfterTheUpgrade);
        HttpResponse<String> renamed = asCustomer(tokenBeforeTheUpgrade)
                .put(CUSTOMERS + "/" + customerId, rename("Duke Silver"));
        assertThat(renamed.statusCode()).as("the upgrade revokes no token: " + renamed.body()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordIs401AndUpgradesNothing() {
        String email = freshEmail();
        String customerId = imported(email, bcrypt(BCryptVersion.$2B, PASSWORD));
        List<Object> before = historyOf(customerId);

        HttpResponse<String> refused = signIn(email, "Lagavulin-15-years");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
        assertThat(historyOf(customerId)).as("a refusal records nothing").isEqualTo(before);
        assertThat(upgradesOf(customerId)).isEmpty();
        assertThat(signIn(email, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(upgradesOf(customerId)).hasSize(1);
    }

    @Test
    void thePasswordIsStoredNowhereWhenItsHashIsUpgraded() {
        String email = freshEmail();
        String customerId = imported(email, passlibPbkdf2(PASSWORD, 29_000));

        customerToken(email, PASSWORD);

        List<String> stored = new ArrayList<>();
        for (String collection : database.listCollectionNames()) {
            database.getCollection(collection).find().forEach(document -> stored.add(document.toJson()));
        }
        historyOf(customerId).forEach(event -> stored.add(event.toString()));
        assertThat(upgradesOf(customerId)).hasSize(1);
        assertThat(stored).isNotEmpty().noneSatisfy(text -> assertThat(text).contains(PASSWORD));
    }
}
