package dev.visitorauth.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The rule {@link WorkspaceScopedSql} applies to every statement the adapter sends in the contract
 * tests (through {@link TestDatabase#dataSource()}); here, the rule itself.
 */
class WorkspaceScopedSqlTest {
    @Test
    void aStatementWithAWorkspacePredicateKeepsTheRule() {
        assertThat(WorkspaceScopedSql.violation(
                "SELECT visitor_id FROM visitors WHERE workspace_id = ? AND visitor_id = ?")).isEmpty();
        assertThat(WorkspaceScopedSql.violation(
                "UPDATE sessions SET revoked_at = ? WHERE workspace_id = ?\n AND user_id = ?")).isEmpty();
    }

    @Test
    void anInsertGivingTheWorkspaceAValueKeepsTheRule() {
        assertThat(WorkspaceScopedSql.violation(
                "INSERT INTO messages (workspace_id, conversation_id, message_id) VALUES (?, ?, ?)")).isEmpty();
    }

    @Test
    void aStatementOnlyOnTablesOutsideTheDistributionKeepsTheRule() {
        assertThat(WorkspaceScopedSql.violation("SELECT workspace_id FROM widget_directory WHERE widget_id = ?")).isEmpty();
        assertThat(WorkspaceScopedSql.violation(
                "UPDATE failure_rate_limits SET hits = hits + 1 WHERE widget_id = ? AND client_key_hash = ?")).isEmpty();
        assertThat(WorkspaceScopedSql.violation("INSERT INTO rate_limits AS r (limit_name, key_hash, window_start, hits)"
                + " VALUES (?, ?, ?, 1) ON CONFLICT (limit_name, key_hash) DO UPDATE SET hits = r.hits + 1"))
                .as("an upsert's DO UPDATE SET names no table").isEmpty();
    }

    @Test
    void aCallOfTheAdaptersFunctionWithTheWorkspaceFirstKeepsTheRuleAndAnotherFunctionBreaksIt() {
        assertThat(WorkspaceScopedSql.violation("SELECT * FROM visitorauth_lock_user(?, ?)")).isEmpty();
        assertThat(WorkspaceScopedSql.violation("SELECT * FROM some_other_function(?, ?)")).isPresent();
        assertThat(WorkspaceScopedSql.violation("SELECT * FROM visitorauth_lock_user('ws_literal', ?)")).isPresent();
    }

    @Test
    void aStatementWithoutAWorkspaceBreaksTheRule() {
        assertThat(WorkspaceScopedSql.violation("SELECT * FROM sessions WHERE token_hash = ?"))
                .hasValueSatisfying(v -> assertThat(v).contains("[sessions]"));
        assertThat(WorkspaceScopedSql.violation("UPDATE widgets SET name = ? WHERE widget_id = ?")).isPresent();
    }

    @Test
    void aReferenceTableJoinedToADistributedOneWithoutAWorkspaceBreaksTheRule() {
        assertThat(WorkspaceScopedSql.violation(
                "SELECT w.name FROM widget_directory d JOIN widgets w ON w.widget_id = d.widget_id WHERE d.widget_id = ?"))
                .isPresent();
    }

    @Test
    void aWorkspaceColumnReadButNotBoundBreaksTheRule() {
        assertThat(WorkspaceScopedSql.violation("SELECT workspace_id, user_id FROM users WHERE external_id = ?")).isPresent();
    }
}
