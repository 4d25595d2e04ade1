package dev.patron.command.flow;

/** No field has this id. */
public class UnknownFieldException extends RuntimeException {

    public UnknownFieldException(String id) {
        super("No field " + id);
    }
}
