package dev.patron.command.integration;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.patron.contract.ResourceMeta;

/**
 * One delivery attempt as {@code GET /v2/integrations/:id/logs} lists it: which event, which attempt, and what came
 * of it: the receiver's HTTP status, or why no status was had (refused target, timeout, connection failure).
 * {@code gave_up} marks the last attempt of an event that was never accepted.
 */
record DeliveryLogResource(String type, String id, @JsonProperty("event_id") String eventId,
                           @JsonProperty("triggered_by") String triggeredBy, int attempt, boolean succeeded,
                           @JsonProperty("gave_up") boolean gaveUp, @JsonProperty("status_code") Integer statusCode,
                           @JsonProperty("error_detail") String errorDetail, ResourceMeta meta) {

    static final String TYPE = "integration_log";
}
