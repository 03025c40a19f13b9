package org.specsoc.runner.archive;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The one JSON mapper of the archive: strict on reading, indented and ordered on writing. */
final class ArchiveJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider)
                                throws IOException {
                            gen.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            String text = p.getValueAsString();
                            try {
                                return Instant.parse(text);
                            } catch (DateTimeParseException | NullPointerException e) {
                                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text,
                                        "not an ISO-8601 instant such as 2026-01-31T12:00:00Z");
                            }
                        }
                    }))
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ArchiveJson() {
    }
}
