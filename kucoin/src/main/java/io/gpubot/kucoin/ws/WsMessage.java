package io.gpubot.kucoin.ws;

import com.fasterxml.jackson.databind.JsonNode;

/** A pushed message of a subscribed topic: {@code {"type":"message","topic":..,"subject":..,"data":{..}}}. */
public record WsMessage(String topic, String subject, JsonNode data) {
}
