-- visitorauth schema, version 12, PostgreSQL only: a start-up locks its user and reads it with its
-- custom data in one round trip (issue 12), without the lost update of a single locking join.
--
-- SELECT ... FOR UPDATE OF u over a join with user_custom_data is one statement, but when the lock
-- waits for a concurrent start-up of the same user, READ COMMITTED re-reads the locked row only:
-- the joined custom data still comes from the statement's snapshot, taken before the other
-- start-up committed, and the keys it merged were dropped (ConcurrencyContract caught it). A
-- VOLATILE function takes a fresh snapshot for each statement it runs, so here the custom data is
-- read after the lock is held, by a second statement inside the server. Rows: the user's columns
-- and one custom-data key and value per row (a single row with null key and value when it has
-- none); no row when there is no such user. The first parameter is the workspace (on Citus: a
-- function distributed by p_workspace_id, co-located with users).
CREATE FUNCTION visitorauth_lock_user(p_workspace_id VARCHAR, p_external_id VARCHAR)
    RETURNS TABLE (workspace_id VARCHAR, user_id VARCHAR, external_id VARCHAR, name VARCHAR, email VARCHAR,
                   avatar VARCHAR, company_id VARCHAR, company_name VARCHAR, last_applied_iat BIGINT,
                   created_at BIGINT, updated_at BIGINT, token_cutoff_at BIGINT, data_key VARCHAR,
                   data_value VARCHAR)
    LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
    locked users%ROWTYPE;
BEGIN
    SELECT * INTO locked FROM users u
        WHERE u.workspace_id = p_workspace_id AND u.external_id = p_external_id FOR UPDATE;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    RETURN QUERY SELECT locked.workspace_id, locked.user_id, locked.external_id, locked.name, locked.email,
            locked.avatar, locked.company_id, locked.company_name, locked.last_applied_iat, locked.created_at,
            locked.updated_at, locked.token_cutoff_at, d.data_key, d.data_value
        FROM (VALUES (1)) AS one (x)
        LEFT JOIN user_custom_data d ON d.workspace_id = locked.workspace_id AND d.user_id = locked.user_id;
END $$;
