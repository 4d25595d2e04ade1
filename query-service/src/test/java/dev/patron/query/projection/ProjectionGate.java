package dev.patron.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patron.events.customer.CustomerCreated;
import dev.patron.progress.Projections;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.boot.test.context.TestComponent;

/**
 * A handler in the customer projection's processor that holds the processor's thread on one customer's creation until
 * released: while it holds, the test appends what it wants the processor to find all at once, as one batch, when it
 * goes on. The held event is alone in its batch (nothing else was written when the processor read it).
 */
@TestComponent
@ProcessingGroup(Projections.CUSTOMERS)
public class ProjectionGate {

    private volatile String heldCustomer;
    private volatile CountDownLatch held = new CountDownLatch(1);
    private volatile CountDownLatch released = new CountDownLatch(1);

    /** Holds the processor when it reaches the creation of {@code customerId}. */
    public void holdAt(String customerId) {
        held = new CountDownLatch(1);
        released = new CountDownLatch(1);
        heldCustomer = customerId;
    }

    public void awaitHeld() throws InterruptedException {
        assertThat(held.await(20, TimeUnit.SECONDS)).as("the processor reached the held event").isTrue();
    }

    public void release() {
        heldCustomer = null;
        released.countDown();
    }

    @EventHandler
    void on(CustomerCreated event) throws InterruptedException {
        if (event.customerId().equals(heldCustomer)) {
            CountDownLatch releasing = released;
            held.countDown();
            releasing.await(30, TimeUnit.SECONDS);
        }
    }
}
