package dev.visitorauth.server;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * What the server's command line asks before anything starts: {@code --help} and {@code --version}
 * print and exit, {@code mint-token} runs its command; anything else starts the server.
 */
final class CommandLine {
    static final String USAGE = """
            usage: java -jar visitorauth-server.jar [--property=value ...]
                   java -jar visitorauth-server.jar mint-token --secret SECRET --id USER_ID [options]
                   java -jar visitorauth-server.jar --help | --version

            Starts the visitorauth server: the REST API on SERVER_PORT (8080), gRPC on
            VISITORAUTH_GRPC_PORT (9090), health details and metrics on VISITORAUTH_MANAGEMENT_PORT
            (8081, loopback only unless VISITORAUTH_MANAGEMENT_ADDRESS is set). With no configuration it
            keeps an embedded H2 database in ./visitorauth-data; set SPRING_DATASOURCE_URL (with
            SPRING_DATASOURCE_USERNAME and SPRING_DATASOURCE_PASSWORD) for PostgreSQL.

            Every setting is an environment variable or a --property=value argument; README.md lists
            them all (data directory, master key, system API key, limits, timeouts).

              --help             print this and exit
              --version          print the version and exit
              mint-token --help  sign a visitor token for trying the API with curl
            """;

    private CommandLine() {
    }

    /** The exit code when the arguments ask for something other than running the server. */
    static Optional<Integer> handle(String[] args, PrintStream out) {
        if (args.length > 0 && args[0].equals(MintTokenCommand.NAME)) {
            return Optional.of(MintTokenCommand.run(args));
        }
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            out.print(USAGE);
            return Optional.of(0);
        }
        if (Arrays.asList(args).contains("--version")) {
            out.println("visitorauth " + version());
            return Optional.of(0);
        }
        return Optional.empty();
    }

    /** The version from the jar's manifest; "development" when not run from the built jar. */
    static String version() {
        String version = CommandLine.class.getPackage().getImplementationVersion();
        return version == null ? "development (not run from the built jar)" : version;
    }
}
