package dev.visitorauth.server;

import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.domain.event.NewEvent;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TEMPORARY, for the lifecycle branch alone: the event log the use cases append to until the
 * "events" branch's JDBC event log is merged (the coordinator swaps it in then). It drops every
 * event, noting its type at debug level; nothing streams from it.
 */
final class TemporaryDroppingEventLog implements AppendEventPort {
    private static final Logger LOG = LoggerFactory.getLogger(TemporaryDroppingEventLog.class);

    @Override
    public void append(NewEvent event) {
        Objects.requireNonNull(event, "event");
        LOG.debug("event {} dropped: no event log on this branch yet", event.type().wireName());
    }
}
