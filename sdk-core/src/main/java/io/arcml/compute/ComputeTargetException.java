package io.arcml.compute;

import io.arcml.ArcmlException;
import io.arcml.ErrorDetail;
import java.util.List;

/** A compute target could not be attached, found or detached; carries the service's errors when there are any. */
public class ComputeTargetException extends ArcmlException {
    private static final long serialVersionUID = 1L;

    private final transient List<ErrorDetail> errors;

    /** An exception with a message and no service errors. */
    public ComputeTargetException(String message) {
        this(message, List.of());
    }

    /** An exception with a message and the service's errors. */
    public ComputeTargetException(String message, List<ErrorDetail> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** The service's errors (the operation's error, then the compute's provisioning errors); may be empty. */
    public List<ErrorDetail> errors() {
        return errors;
    }
}
