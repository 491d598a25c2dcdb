package dev.visitorauth.adapter.grpc;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.visitorauth.domain.error.InputField;
import dev.visitorauth.domain.error.Refusal;
import io.grpc.StatusRuntimeException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class GrpcStatusMapperTest {

    @Test
    void namesEachInputFieldByItsProtoField() {
        assertThat(Arrays.stream(InputField.values()).collect(Collectors.toMap(Function.identity(),
                GrpcStatusMapper::fieldOf))).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                entry(InputField.AFTER_EVENT, "after_event_id"), entry(InputField.AGENT_NAME, "agent_name"),
                entry(InputField.ALLOWED_ORIGINS, "allowed_origins"), entry(InputField.CLOCK_SKEW, "clock_skew_seconds"),
                entry(InputField.CURSOR, "page_token"), entry(InputField.EVENTS, "events"), entry(InputField.FAILURE_LIMIT, "limit"),
                entry(InputField.GRACE_PERIOD, "grace_seconds"), entry(InputField.HOURS, "hours"),
                entry(InputField.ISSUED_BEFORE, "issued_before"), entry(InputField.JWK, "jwk"), entry(InputField.JWKS_URL, "jwks_url"),
                entry(InputField.MAX_TOKEN_LIFETIME, "max_token_lifetime_seconds"), entry(InputField.MESSAGE_LIMIT, "limit"),
                entry(InputField.MESSAGES_AFTER, "after_message_id"), entry(InputField.MESSAGES_BEFORE, "before_message_id"),
                entry(InputField.MODE, "mode"), entry(InputField.NAME, "name"), entry(InputField.ORIGIN, "Origin"),
                entry(InputField.OWNER, "owner"), entry(InputField.PAGE_SIZE, "page_size"), entry(InputField.QUERY, "query"),
                entry(InputField.TEXT, "text"), entry(InputField.VISITOR_ID, "visitor_id"),
                entry(InputField.VISITOR_TOKEN, "visitor_token"), entry(InputField.WEBHOOK_URL, "url")));
        assertThat(GrpcStatusMapper.webhookFieldOf(InputField.PAGE_SIZE)).isEqualTo("limit");
        assertThat(GrpcStatusMapper.webhookFieldOf(InputField.CURSOR)).isEqualTo("cursor");
        assertThat(GrpcStatusMapper.webhookFieldOf(InputField.EVENTS)).isEqualTo("events");
    }

    @Test
    void aRefusalAboutAFieldNamesItsProtoFieldInClaimAndDescription() {
        StatusRuntimeException e = GrpcStatusMapper.refused(Refusal.invalid(InputField.PAGE_SIZE, "must be 1 to 100."));

        assertThat(e.getStatus().getDescription()).isEqualTo("page_size must be 1 to 100.");
        assertThat(InProcessGrpc.errorInfo(e).getMetadataMap()).containsEntry(GrpcStatusMapper.CLAIM, "page_size");
    }
}
