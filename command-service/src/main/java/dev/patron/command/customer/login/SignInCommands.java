package dev.patron.command.customer.login;

import dev.patron.command.customer.CustomerWrites;
import dev.patron.kit.web.ApiException;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/** Sends sign-in commands to the Customer aggregate. */
@Component
class SignInCommands {

    /** Sign-ins at several instances for one customer can collide on the event they append; the loser retries. */
    private static final int TRIES_ON_WRITE_CONFLICT = 3;

    private final CommandGateway commandGateway;

    SignInCommands(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    /**
     * The command's result, or empty when the customer does not exist: not yet (an email claim or sign-in link
     * precedes the creation) or no longer (deleted).
     */
    <R extends SignInOutcome> Optional<R> send(Object signInCommand) {
        for (int tries = 1; ; tries++) {
            try {
                return Optional.of(commandGateway.sendAndWait(signInCommand));
            } catch (RuntimeException failure) {
                if (ExceptionUtils.findException(failure, AggregateNotFoundException.class).isPresent()) {
                    return Optional.empty();
                }
                if (ExceptionUtils.findException(failure, ConcurrencyException.class).isEmpty()) {
                    throw failure;
                }
                if (tries == TRIES_ON_WRITE_CONFLICT) {
                    throw ApiException.conflict(CustomerWrites.WRITE_CONFLICT);
                }
            }
        }
    }
}
