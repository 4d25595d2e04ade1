package dev.patron.command.order;

import dev.patron.command.order.OrderCommands.AnonymizeOrders;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Anonymizes several orders as one command: every order is loaded before any is changed, so a request naming an order
 * that does not exist changes none, and the changes of all are stored in one append.
 */
@Component
class OrderAnonymizer {

    private final Repository<Order> orders;

    OrderAnonymizer(Repository<Order> orders) {
        this.orders = orders;
    }

    @CommandHandler
    List<OrderState> handle(AnonymizeOrders command) {
        List<Aggregate<Order>> loaded = new ArrayList<>();
        for (int index = 0; index < command.orderIds().size(); index++) {
            try {
                loaded.add(orders.load(command.orderIds().get(index)));
            } catch (AggregateNotFoundException | IncompatibleAggregateException notAnOrder) {
                throw new UnknownOrderException(index, command.orderIds().get(index));
            }
        }
        return loaded.stream().map(order -> order.invoke(Order::anonymize)).toList();
    }
}
