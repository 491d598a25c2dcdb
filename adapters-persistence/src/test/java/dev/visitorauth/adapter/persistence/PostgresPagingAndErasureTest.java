package dev.visitorauth.adapter.persistence;

class PostgresPagingAndErasureTest extends PagingAndErasureContractTest {
    @Override
    TestDatabase openDatabase() {
        return TestDatabase.postgres();
    }
}
