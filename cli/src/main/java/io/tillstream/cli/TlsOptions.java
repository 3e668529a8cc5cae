package io.tillstream.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** A server's https: the PKCS12 keystore its listeners serve with ({@code up}'s Kafka listeners too). */
final class TlsOptions {

    @Option(names = "--tls-keystore", paramLabel = "FILE",
        description = "A PKCS12 keystore (key and certificate chain): the server then speaks https only.")
    Path keystore;

    @Option(names = "--tls-password", paramLabel = "PASSWORD", description = "The --tls-keystore's password.")
    String password;

    /** @throws CommandFailedException (usage) for a keystore without its password */
    boolean enabled() {
        if (keystore != null && password == null) {
            throw new CommandFailedException("--tls-keystore needs --tls-password", ExitCode.USAGE);
        }
        return keystore != null;
    }
}
