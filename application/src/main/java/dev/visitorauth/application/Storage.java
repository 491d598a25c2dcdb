package dev.visitorauth.application;

import dev.visitorauth.application.port.out.AppendEventPort;
import dev.visitorauth.application.port.out.ConsumeTokenIdPort;
import dev.visitorauth.application.port.out.CountStartupsPort;
import dev.visitorauth.application.port.out.FailureSpikePort;
import dev.visitorauth.application.port.out.LoadCoveragePort;
import dev.visitorauth.application.port.out.EventSignalsPort;
import dev.visitorauth.application.port.out.ReadEventsPort;
import dev.visitorauth.application.port.out.EraseUserPort;
import dev.visitorauth.application.port.out.PageConversationsPort;
import dev.visitorauth.application.port.out.PageMessagesPort;
import dev.visitorauth.application.port.out.PageVisitorsPort;
import dev.visitorauth.application.port.out.FailureRateLimitPort;
import dev.visitorauth.application.port.out.LoadAuthFailuresPort;
import dev.visitorauth.application.port.out.LoadConversationPort;
import dev.visitorauth.application.port.out.LoadSessionPort;
import dev.visitorauth.application.port.out.LoadUserPort;
import dev.visitorauth.application.port.out.LoadVisitorPort;
import dev.visitorauth.application.port.out.LoadWidgetPort;
import dev.visitorauth.application.port.out.LoadWorkspacePort;
import dev.visitorauth.application.port.out.RecordAuthFailurePort;
import dev.visitorauth.application.port.out.SaveConversationPort;
import dev.visitorauth.application.port.out.SaveSessionPort;
import dev.visitorauth.application.port.out.SaveUserPort;
import dev.visitorauth.application.port.out.SaveVisitorPort;
import dev.visitorauth.application.port.out.SaveWidgetPort;
import dev.visitorauth.application.port.out.SaveWorkspacePort;
import dev.visitorauth.application.port.out.SearchUsersPort;
import dev.visitorauth.application.port.out.PurgeExpiredDataPort;
import dev.visitorauth.application.port.out.RateLimitPort;
import dev.visitorauth.application.port.out.TransactionPort;
import java.util.Objects;

/**
 * Every storage port the use cases need, from one store: the in-memory adapter's
 * ({@code InMemoryStorage.create()}, module {@code adapters-memory}) or the JDBC adapter's over any
 * {@code DataSource} ({@code JdbcPersistence.storage()}). Both pass the same contract suites
 * ({@code store-contracts}).
 */
public record Storage(LoadWorkspacePort loadWorkspaces, SaveWorkspacePort saveWorkspaces, LoadWidgetPort loadWidgets,
                      SaveWidgetPort saveWidgets, LoadUserPort loadUsers, SaveUserPort saveUsers, SearchUsersPort searchUsers,
                      LoadVisitorPort loadVisitors, SaveVisitorPort saveVisitors, LoadConversationPort loadConversations,
                      SaveConversationPort saveConversations, LoadSessionPort loadSessions, SaveSessionPort saveSessions,
                      RecordAuthFailurePort recordFailures, LoadAuthFailuresPort loadFailures, ConsumeTokenIdPort tokenIds,
                      FailureRateLimitPort rateLimit, TransactionPort transactions, RateLimitPort requestLimits,
                      PurgeExpiredDataPort purge,
                      PageVisitorsPort pageVisitors, PageConversationsPort pageConversations, PageMessagesPort pageMessages,
                      EraseUserPort eraseUsers, AppendEventPort appendEvents, ReadEventsPort readEvents,
                      EventSignalsPort eventSignals, CoverageCounters coverage) {

    /**
     * The coverage counters' ports (spec section 11): start-ups counted per widget and hour, their
     * sums, and the failure-spike alert's reads and slot.
     */
    public record CoverageCounters(CountStartupsPort count, LoadCoveragePort load, FailureSpikePort spikes) {
        public CoverageCounters {
            Objects.requireNonNull(count, "count");
            Objects.requireNonNull(load, "load");
            Objects.requireNonNull(spikes, "spikes");
        }
    }

    public Storage {
        Objects.requireNonNull(loadWorkspaces, "loadWorkspaces");
        Objects.requireNonNull(saveWorkspaces, "saveWorkspaces");
        Objects.requireNonNull(loadWidgets, "loadWidgets");
        Objects.requireNonNull(saveWidgets, "saveWidgets");
        Objects.requireNonNull(loadUsers, "loadUsers");
        Objects.requireNonNull(saveUsers, "saveUsers");
        Objects.requireNonNull(searchUsers, "searchUsers");
        Objects.requireNonNull(loadVisitors, "loadVisitors");
        Objects.requireNonNull(saveVisitors, "saveVisitors");
        Objects.requireNonNull(loadConversations, "loadConversations");
        Objects.requireNonNull(saveConversations, "saveConversations");
        Objects.requireNonNull(loadSessions, "loadSessions");
        Objects.requireNonNull(saveSessions, "saveSessions");
        Objects.requireNonNull(recordFailures, "recordFailures");
        Objects.requireNonNull(loadFailures, "loadFailures");
        Objects.requireNonNull(tokenIds, "tokenIds");
        Objects.requireNonNull(rateLimit, "rateLimit");
        Objects.requireNonNull(transactions, "transactions");
        Objects.requireNonNull(requestLimits, "requestLimits");
        Objects.requireNonNull(purge, "purge");
        Objects.requireNonNull(pageVisitors, "pageVisitors");
        Objects.requireNonNull(pageConversations, "pageConversations");
        Objects.requireNonNull(pageMessages, "pageMessages");
        Objects.requireNonNull(eraseUsers, "eraseUsers");
        Objects.requireNonNull(appendEvents, "appendEvents");
        Objects.requireNonNull(readEvents, "readEvents");
        Objects.requireNonNull(eventSignals, "eventSignals");
        Objects.requireNonNull(coverage, "coverage");
    }

    /** This storage with failures recorded through {@code recorder} (e.g. a decorator that also logs them). */
    public Storage withRecordFailures(RecordAuthFailurePort recorder) {
        return new Storage(loadWorkspaces, saveWorkspaces, loadWidgets, saveWidgets, loadUsers, saveUsers, searchUsers,
                loadVisitors, saveVisitors, loadConversations, saveConversations, loadSessions, saveSessions, recorder,
                loadFailures, tokenIds, rateLimit, transactions, requestLimits, purge,
                pageVisitors, pageConversations, pageMessages, eraseUsers, appendEvents, readEvents, eventSignals,
                coverage);
    }

    /** This storage with its rate limits counted through these (e.g. decorators that also count refusals). */
    public Storage withRateLimits(FailureRateLimitPort failureLimit, RateLimitPort requestLimit) {
        return new Storage(loadWorkspaces, saveWorkspaces, loadWidgets, saveWidgets, loadUsers, saveUsers, searchUsers,
                loadVisitors, saveVisitors, loadConversations, saveConversations, loadSessions, saveSessions, recordFailures,
                loadFailures, tokenIds, failureLimit, transactions, requestLimit, purge,
                pageVisitors, pageConversations, pageMessages, eraseUsers, appendEvents, readEvents, eventSignals,
                coverage);
    }
}
