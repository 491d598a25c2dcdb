package dev.visitorauth.domain.archfixture;

import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.util.StringUtils;

/** A deliberately broken "domain" class (test sources only) that the architecture rules must flag. */
public final class LeakyDomainType {
    private LeakyDomainType() {
    }

    public static boolean isOpen(Connection connection) throws SQLException {
        return !connection.isClosed();
    }

    public static boolean named(String name) {
        return StringUtils.hasText(name);
    }
}
