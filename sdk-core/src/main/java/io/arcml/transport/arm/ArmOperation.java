package io.arcml.transport.arm;

import com.azure.core.http.HttpMethod;
import com.fasterxml.jackson.databind.JsonNode;
import io.arcml.ErrorDetail;
import io.arcml.transport.LongRunningOperation;
import io.arcml.transport.OperationStatus;
import io.arcml.transport.OperationStatus.State;
import java.time.Duration;

/**
 * An ARM long-running operation, followed the way Azure Resource Manager's async-operation
 * contract describes: the {@code Azure-AsyncOperation} URL first, then {@code Operation-Location}
 * (both answer {@code {"status": ..., "error": ...}}), then {@code Location} (202 while running,
 * 200/204 when done), else the resource's own {@code provisioningState}. Each {@link #poll()} is
 * one GET; the pause before it is the {@code Retry-After} of the last answer, or the default,
 * counted from when that answer arrived: a status read at once reports only what is left of the
 * pause, so that the time spent reading an answer (and, for the first poll, the caller's time
 * between the PUT and its wait) is not waited on top of what the service asked.
 */
final class ArmOperation implements LongRunningOperation {

    private enum Mode {
        STATUS_URL,
        LOCATION_URL,
        RESOURCE
    }

    private final ArmClient client;
    private final Mode mode;
    private final String pollUrl;
    private final boolean delete;
    private final Duration defaultInterval;
    private final ArmResponse started;
    private final OperationStatus initial;

    private ArmOperation(
            ArmClient client,
            Mode mode,
            String pollUrl,
            boolean delete,
            Duration defaultInterval,
            ArmResponse started,
            OperationStatus initial) {
        this.client = client;
        this.mode = mode;
        this.pollUrl = pollUrl;
        this.delete = delete;
        this.defaultInterval = defaultInterval;
        this.started = started;
        this.initial = initial;
    }

    /**
     * The operation a PUT or DELETE started.
     *
     * @param response the first answer
     * @param resourceUrl the resource's URL, polled when the service gives no operation URL
     * @param apiVersion added to operation URLs that lack one
     * @param delete whether the request was a DELETE (a resource that is gone then means done)
     */
    static LongRunningOperation start(
            ArmClient client,
            ArmResponse response,
            String resourceUrl,
            String apiVersion,
            boolean delete,
            Duration defaultInterval) {
        Duration pause = response.retryAfter(defaultInterval);
        String state = response.provisioningState();
        if (response.statusCode() == 204) {
            return LongRunningOperation.completed(new OperationStatus(State.SUCCEEDED, "Succeeded", null, pause));
        }
        String running = state != null ? state : delete ? "Deleting" : "InProgress";
        OperationStatus inProgress = new OperationStatus(State.IN_PROGRESS, running, null, pause);
        for (String header : new String[] {"Azure-AsyncOperation", "Operation-Location"}) {
            String url = response.header(header);
            if (url != null && !url.isBlank()) {
                return new ArmOperation(
                        client,
                        Mode.STATUS_URL,
                        client.serviceUrl(url, apiVersion),
                        delete,
                        defaultInterval,
                        response,
                        inProgress);
            }
        }
        String location = response.header("Location");
        if (location != null && !location.isBlank()) {
            return new ArmOperation(
                    client,
                    Mode.LOCATION_URL,
                    client.serviceUrl(location, apiVersion),
                    delete,
                    defaultInterval,
                    response,
                    inProgress);
        }
        if (response.statusCode() == 202
                || (state != null && !OperationStatus.stateOf(state).isTerminal())) {
            return new ArmOperation(client, Mode.RESOURCE, resourceUrl, delete, defaultInterval, response, inProgress);
        }
        // A synchronous answer: the operation ended with the request.
        State done = state == null ? State.SUCCEEDED : OperationStatus.stateOf(state);
        return LongRunningOperation.completed(new OperationStatus(
                done,
                state == null ? "Succeeded" : state,
                done == State.SUCCEEDED ? null : ArmErrors.read(response.body()),
                pause));
    }

    /** The status the starting answer reported, with what is left now of its pause. */
    @Override
    public OperationStatus initialStatus() {
        return new OperationStatus(
                initial.state(), initial.status(), initial.error(), started.pauseLeft(defaultInterval));
    }

    @Override
    public OperationStatus poll() {
        ArmResponse response = mode == Mode.RESOURCE && delete
                ? client.sendAllowingNotFound(HttpMethod.GET, pollUrl)
                : client.send(HttpMethod.GET, pollUrl);
        Duration pause = response.pauseLeft(defaultInterval);
        return switch (mode) {
            case STATUS_URL -> fromStatusBody(response, pause);
            case LOCATION_URL ->
                response.statusCode() == 202
                        ? new OperationStatus(State.IN_PROGRESS, initial.status(), null, pause)
                        : fromResource(response, pause, "Succeeded");
            case RESOURCE ->
                response.statusCode() == 404
                        ? new OperationStatus(State.SUCCEEDED, "Succeeded", null, pause)
                        : fromResource(response, pause, initial.status());
        };
    }

    private OperationStatus fromStatusBody(ArmResponse response, Duration pause) {
        JsonNode status = response.body() == null ? null : response.body().get("status");
        if (status == null || !status.isTextual()) {
            throw new ArmException(
                    response.statusCode(),
                    ErrorDetail.of("InvalidResponseContent", "The operation status has no 'status' field"),
                    null,
                    "GET",
                    ArmClient.pathOf(pollUrl),
                    response.requestId(),
                    null);
        }
        State state = OperationStatus.stateOf(status.asText());
        return new OperationStatus(
                state, status.asText(), state == State.SUCCEEDED ? null : ArmErrors.read(response.body()), pause);
    }

    private static OperationStatus fromResource(ArmResponse response, Duration pause, String whenUnstated) {
        String reported = response.provisioningState();
        String text = reported != null ? reported : whenUnstated;
        State state = OperationStatus.stateOf(text);
        return new OperationStatus(state, text, state == State.FAILED ? ArmErrors.read(response.body()) : null, pause);
    }

    @Override
    public String toString() {
        return "ArmOperation{" + mode + " " + ArmClient.pathOf(pollUrl) + ", delete=" + delete + "}";
    }
}
