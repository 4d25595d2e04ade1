package dev.patron.command.customer.login;

import dev.patron.command.write.Write;
import dev.patron.command.write.WritePipeline;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/** Sends sign-in commands to the Customer aggregate, through the {@link WritePipeline}. */
@Component
class SignInCommands {

    /**
     * Sign-ins at several instances for one customer can collide on the event they append; the loser retries. What a
     * sign-in records (failures, lockouts) is in no read model, so nothing is waited for.
     */
    private static final Write SIGN_IN = Write.withoutReadModel()
            .retryingConflicts(3)
            .answering(AggregateNotFoundException.class, NoSuchCustomer::new);

    private final WritePipeline pipeline;

    SignInCommands(WritePipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * The command's result, or empty when the customer does not exist: not yet (an email claim or sign-in link
     * precedes the creation) or no longer (deleted).
     */
    <R extends SignInOutcome> Optional<R> send(Object signInCommand) {
        try {
            return Optional.of(pipeline.send(signInCommand, SIGN_IN));
        } catch (NoSuchCustomer noSuchCustomer) {
            return Optional.empty();
        }
    }

    /** Records the link of a single sign-on identity; a customer gone meanwhile is found so by the sign-in after. */
    void link(LinkOidcIdentity link) {
        try {
            pipeline.send(link, SIGN_IN);
        } catch (NoSuchCustomer gone) {
            // signInLinked answers for it.
        }
    }

    /** Stands for Axon's refusal to load a customer that does not exist, so that it is not answered as a 404. */
    private static final class NoSuchCustomer extends RuntimeException {

        NoSuchCustomer() {
            super(null, null, false, false);
        }
    }
}
