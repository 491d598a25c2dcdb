package dev.visitorauth.adapter.persistence;

/** Every store suite ({@link JdbcStoreSuites}) on H2 in file mode, as the server runs it. */
class H2StoreTest extends JdbcStoreSuites {
    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}
