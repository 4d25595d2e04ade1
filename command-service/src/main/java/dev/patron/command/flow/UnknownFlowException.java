package dev.patron.command.flow;

/** No flow has this id. */
public class UnknownFlowException extends RuntimeException {

    public UnknownFlowException(String id) {
        super("No flow " + id);
    }
}
