package dev.visitorauth.adapter.persistence;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class H2TransactionTest extends JdbcTransactionContractTest {
    @TempDir
    static Path directory;

    @Override
    TestDatabase openDatabase() {
        return TestDatabase.h2(directory);
    }
}
