package dev.visitorauth.application.port.out;

import dev.visitorauth.domain.error.Result;
import java.util.function.Supplier;

/**
 * Runs one use case's reads and writes as one transaction: all of its effects happen, or none.
 */
public interface TransactionPort {

    /**
     * Runs {@code work} in a transaction, committing when it returns {@link Result.Ok} and rolling
     * back when it returns {@link Result.Refused} or throws (the exception is rethrown).
     */
    <T> Result<T> inTransaction(Supplier<Result<T>> work);
}
