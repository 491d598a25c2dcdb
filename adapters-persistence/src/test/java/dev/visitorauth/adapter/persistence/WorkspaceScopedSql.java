package dev.visitorauth.adapter.persistence;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The rule that keeps the path to a distributed PostgreSQL (Citus, by {@code workspace_id}) open:
 * every statement the JDBC adapter sends names one workspace ({@code workspace_id = ?}, or a
 * {@code workspace_id} column given a value on insert), or touches only tables that are not
 * distributed by workspace ({@link #NOT_BY_WORKSPACE}), or is one of the few cross-workspace
 * maintenance statements listed in {@link #CROSS_WORKSPACE} with the reason it may be (on Citus they
 * run on every shard, off the request path).
 *
 * <p>{@link #guard} wraps a test database so that every statement prepared by the adapter's main
 * code (not by tests, not by Flyway) is checked as it is sent: a new statement that names no
 * workspace fails the contract test that runs it with an {@link AssertionError}.
 */
final class WorkspaceScopedSql {
    /**
     * Tables not distributed by workspace, and why: on Citus, reference tables (replicated to every
     * node) or tables distributed by their own key.
     */
    static final Map<String, String> NOT_BY_WORKSPACE = Map.of(
            "widget_directory", "public widget id -> workspace: a reference table, read before the workspace is known",
            "failure_rate_limits", "keyed by widget id and client (the port has no workspace): distributed by widget_id",
            "rate_limits", "keyed by limit name and key hash: distributed by key_hash, or per node if approximate limits do",
            "workspaces", "keyed by workspace_id alone: the co-location root, distributed by workspace_id");

    /**
     * The adapter's own functions (PostgreSQL migrations), each called with the workspace id as its
     * first argument: on Citus, functions distributed by that argument and co-located with the
     * workspace's tables.
     */
    static final Map<String, String> WORKSPACE_FUNCTIONS = Map.of(
            "visitorauth_lock_user", "locks a user and reads it with its custom data (V12); first parameter p_workspace_id");

    private static final Pattern FUNCTION_CALL = Pattern.compile("^select \\* from (\\w+)\\(\\?");

    /**
     * Statements that span workspaces on purpose, by a fragment of their text: background jobs that
     * sweep every workspace, never on a request's path.
     */
    static final Map<String, String> CROSS_WORKSPACE = Map.of(
            "for update skip locked", "the data-lifecycle job and webhook workers claim due rows of every workspace in batches",
            "delete from consumed_token_ids where", "the data-lifecycle job's sweep of expired jtis",
            "delete from sessions where", "the data-lifecycle job's sweep of expired sessions",
            "from auth_failures group by workspace_id, widget_id", "the data-lifecycle job finds the failure logs over their bound",
            "from webhook_endpoints e where e.disabled_at is null and exists", "webhook workers find endpoints with new events",
            "pg_notify(", "a notification, not a table access");

    private static final Pattern WORKSPACE_PREDICATE = Pattern.compile("\\bworkspace_id\\s*=\\s*\\?");
    private static final Pattern INSERT_COLUMNS = Pattern.compile("^insert\\s+into\\s+\\w+(?:\\s+as\\s+\\w+)?\\s*\\(([^)]*)\\)");
    private static final Pattern TABLE = Pattern.compile("\\b(?:from|join|into|update|table)\\s+(\\w+)");
    // "set": ON CONFLICT ... DO UPDATE SET names no table.
    private static final Set<String> NOT_TABLES = Set.of("select", "lateral", "unnest", "set");

    private WorkspaceScopedSql() {
    }

    /** Why {@code sql} breaks the rule, or empty when it keeps it. */
    static Optional<String> violation(String sql) {
        String s = sql.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
        if (s.startsWith("listen ") || s.startsWith("notify ") || s.startsWith("set ") || s.equals("select 1")) {
            return Optional.empty();
        }
        if (WORKSPACE_PREDICATE.matcher(s).find()) {
            return Optional.empty();
        }
        Matcher call = FUNCTION_CALL.matcher(s);
        if (call.find() && WORKSPACE_FUNCTIONS.containsKey(call.group(1))) {
            return Optional.empty();
        }
        Matcher insert = INSERT_COLUMNS.matcher(s);
        if (insert.find() && List.of(insert.group(1).replace(" ", "").split(",")).contains("workspace_id")) {
            return Optional.empty();
        }
        Set<String> tables = tables(s);
        if (!tables.isEmpty() && NOT_BY_WORKSPACE.keySet().containsAll(tables)) {
            return Optional.empty();
        }
        for (String fragment : CROSS_WORKSPACE.keySet()) {
            if (s.contains(fragment)) {
                return Optional.empty();
            }
        }
        return Optional.of("names no single workspace (no 'workspace_id = ?', no workspace_id value) and touches "
                + tables + ", not only tables outside the workspace distribution " + NOT_BY_WORKSPACE.keySet() + ": " + sql);
    }

    static Set<String> tables(String lowerSql) {
        Set<String> tables = new TreeSet<>();
        Matcher m = TABLE.matcher(lowerSql);
        while (m.find()) {
            if (!NOT_TABLES.contains(m.group(1))) {
                tables.add(m.group(1));
            }
        }
        return tables;
    }

    /** {@code dataSource} with every statement of the adapter's main code checked as it is prepared. */
    static DataSource guard(DataSource dataSource) {
        return proxy(DataSource.class, dataSource, (target, method, args) -> {
            Object result = invoke(target, method, args);
            return result instanceof Connection c ? proxy(Connection.class, c, WorkspaceScopedSql::onConnection) : result;
        });
    }

    private interface Handler {
        Object handle(Object target, Method method, Object[] args) throws Throwable;
    }

    private static Object onConnection(Object target, Method method, Object[] args) throws Throwable {
        if ((method.getName().equals("prepareStatement") || method.getName().equals("prepareCall"))
                && args != null && args[0] instanceof String sql) {
            check(sql);
        }
        Object result = invoke(target, method, args);
        if (result instanceof Statement s && method.getName().equals("createStatement")) {
            return proxy(Statement.class, s, (t, m, a) -> {
                if (m.getName().startsWith("execute") && a != null && a.length > 0 && a[0] instanceof String sql) {
                    check(sql);
                }
                return invoke(t, m, a);
            });
        }
        return result;
    }

    private static void check(String sql) {
        if (!sentByAdapter()) {
            return;
        }
        violation(sql).ifPresent(v -> {
            throw new AssertionError("the JDBC adapter sent a statement that " + v);
        });
    }

    private static final Path MAIN_CLASSES = mainClasses();

    private static Path mainClasses() {
        try {
            return Path.of(JdbcPersistence.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when the first frame of the adapter's package on the stack (its {@code Jdbc} helper aside,
     * which tests use too) is main code, not a test, and Flyway (the migrations' DDL) is not between
     * it and the driver.
     */
    private static boolean sentByAdapter() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c.getPackageName().startsWith("org.flywaydb")
                        || (c != WorkspaceScopedSql.class && c != Jdbc.class
                            && c.getPackageName().equals(WorkspaceScopedSql.class.getPackageName())))
                .findFirst()
                .map(c -> !c.getPackageName().startsWith("org.flywaydb") && isMainCode(c))
                .orElse(false));
    }

    private static boolean isMainCode(Class<?> c) {
        var source = c.getProtectionDomain().getCodeSource();
        try {
            return source != null && Path.of(source.getLocation().toURI()).equals(MAIN_CLASSES);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Handler handler) {
        InvocationHandler h = (p, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> k && k.isInstance(target)) {
                return target;
            }
            return handler.handle(target, method, args);
        };
        return (T) Proxy.newProxyInstance(WorkspaceScopedSql.class.getClassLoader(), new Class<?>[] {type}, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
