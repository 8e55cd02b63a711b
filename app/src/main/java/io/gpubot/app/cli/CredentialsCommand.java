package io.gpubot.app.cli;

import io.gpubot.app.Home;
import io.gpubot.core.UserException;
import io.gpubot.kucoin.ExchangeEnvironment;
import io.gpubot.kucoin.KucoinCredentials;
import io.gpubot.kucoin.vault.CredentialsVault;
import io.gpubot.kucoin.vault.MasterPassword;
import io.gpubot.kucoin.vault.StoredCredentials;
import io.gpubot.kucoin.vault.VaultStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code gpubot credentials}: the encrypted KuCoin API key store. Secrets are typed at hidden prompts
 * (or piped on standard input by scripts); the master password comes from a prompt,
 * {@code GPUBOT_MASTER_PASSWORD} or {@code --password-file}, never from an option's value.
 */
@Command(name = "credentials", mixinStandardHelpOptions = true,
        description = "Store, inspect and delete your KuCoin API credentials (encrypted with a master password).",
        subcommands = {CredentialsCommand.Set.class, CredentialsCommand.Status.class, CredentialsCommand.Delete.class,
                CredentialsCommand.ImportLegacy.class})
public final class CredentialsCommand implements Runnable {

    @ParentCommand
    GpubotCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    CredentialsVault vault() {
        return new CredentialsVault(Home.resolve(root.homeOption()).ensureExists().dir());
    }

    /** {@code --password-file}, shared by the subcommands that unlock the vault. */
    static final class PasswordSource {
        @Option(names = "--password-file", paramLabel = "PATH",
                description = "Read the master password from the first line of this file (e.g. /dev/fd/3) instead of asking.")
        Path file;

        Optional<char[]> headless() {
            return MasterPassword.headless(System.getenv(), file);
        }
    }

    /** The master password: from the environment or file when given, else asked (twice for a new one). */
    static char[] masterPassword(PasswordSource source, Prompts prompts, boolean isNew) {
        Optional<char[]> given = source.headless();
        if (given.isPresent()) return given.get();
        char[] first = prompts.secret(isNew ? "New master password (protects the credentials file): " : "Master password: ");
        if (!isNew) return first;
        return MasterPassword.confirm(first, prompts.secret("Repeat the master password: "));
    }

    static ExchangeEnvironment environment(String name, URI sandboxUrl, Prompts prompts) {
        String chosen = name;
        if (chosen == null) {
            chosen = prompts.line("Environment, live or sandbox [live]: ", "live");
        }
        switch (chosen.toLowerCase(Locale.ROOT)) {
            case "live":
                return ExchangeEnvironment.LIVE;
            case "sandbox":
                URI url = sandboxUrl != null ? sandboxUrl : URI.create(prompts.line("Sandbox URL (as gpubot sandbox printed it): ", null));
                try {
                    return ExchangeEnvironment.sandbox(url);
                } catch (IllegalArgumentException e) {
                    throw new UserException("sandbox URL: " + e.getMessage());
                }
            default:
                throw new UserException("the environment is live or sandbox, not '" + chosen + "'");
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Store API credentials: the key is asked visibly; the secret, passphrase and master password hidden.",
                    "Create the key on KuCoin with Futures trading permission, restricted to your IP, withdrawals disabled."})
    static final class Set implements Runnable {
        @ParentCommand
        CredentialsCommand parent;
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        PasswordSource password;

        @Option(names = "--environment", paramLabel = "live|sandbox", description = "Where the key belongs (asked when omitted).")
        String environment;

        @Option(names = "--sandbox-url", paramLabel = "URL", description = "The sandbox's base URL, with --environment sandbox.")
        URI sandboxUrl;

        @Option(names = "--force", description = "Replace stored credentials without asking.")
        boolean force;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Prompts prompts = Prompts.forProcess(spec.commandLine().getErr());
            CredentialsVault vault = parent.vault();
            if (vault.exists() && !force && !prompts.confirm("Credentials are already stored in " + vault.file() + ". Replace them?")) {
                throw new UserException("kept the stored credentials; pass --force to replace them");
            }
            ExchangeEnvironment env = environment(environment, sandboxUrl, prompts);
            char[] key = prompts.line("API key: ", null).toCharArray();
            char[] secret = prompts.secret("API secret: ");
            char[] passphrase = prompts.secret("API passphrase: ");
            char[] master = null;
            String missing = key.length == 0 ? "API key" : secret.length == 0 ? "API secret" : passphrase.length == 0 ? "API passphrase" : null;
            if (missing != null) {
                Arrays.fill(key, '\0');
                Arrays.fill(secret, '\0');
                Arrays.fill(passphrase, '\0');
                throw new UserException("the " + missing + " was empty; run gpubot credentials set again and paste all three"
                        + " (key, secret, passphrase) from kucoin.com/account/api");
            }
            try (KucoinCredentials credentials = new KucoinCredentials(key, secret, passphrase)) {
                master = masterPassword(password, prompts, true);
                vault.save(new StoredCredentials(credentials, env), master);
                out.printf("Saved the credentials of key %s (%s, %s) to %s, readable by you only.%n", credentials.maskedKey(), env.name(),
                        env.baseUrl(), vault.file());
                out.flush();
            } finally {
                Arrays.fill(key, '\0');
                Arrays.fill(secret, '\0');
                Arrays.fill(passphrase, '\0');
                if (master != null) Arrays.fill(master, '\0');
            }
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Show whether credentials are stored, the key id (masked), the environment and the file permissions.")
    static final class Status implements Runnable {
        @ParentCommand
        CredentialsCommand parent;
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        PasswordSource password;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Prompts prompts = Prompts.forProcess(spec.commandLine().getErr());
            CredentialsVault vault = parent.vault();
            VaultStatus status = vault.status();
            if (status.state() == VaultStatus.State.MISSING) {
                out.println("No credentials are stored in " + status.file() + ". Add them with: gpubot credentials set");
                out.flush();
                return;
            }
            if (status.state() == VaultStatus.State.ENCRYPTED) {
                Optional<char[]> master = password.headless();
                if (master.isEmpty() && prompts.interactive()) master = Optional.of(prompts.secret("Master password: "));
                if (master.isPresent()) {
                    try {
                        status = vault.status(master.get());
                    } finally {
                        Arrays.fill(master.get(), '\0');
                    }
                }
            }
            out.println("File:        " + status.file() + switch (status.state()) {
                case LEGACY -> " (the original system's format: convert it with gpubot credentials import-legacy)";
                case DAMAGED -> " (damaged: neither gpubot's format nor the original system's; delete it with gpubot credentials delete"
                        + " and store the credentials again with gpubot credentials set)";
                default -> " (encrypted)";
            });
            out.println("Permissions: file " + status.filePermissions().orElse("n/a") + ", folder " + status.directoryPermissions().orElse("n/a")
                    + (status.permissionsArePrivate() ? " (private)" : "  WARNING: others can read them; run chmod 600 on the file and 700 on the folder"));
            out.println("Key:         " + status.maskedApiKey().orElse("(locked: give the master password to see it)"));
            out.println("Environment: " + status.environment().orElse("(locked)"));
            if (status.legacyKeyPresent()) {
                out.println("Legacy key:  " + vault.legacyKeyFile() + " is present; gpubot credentials import-legacy converts and removes it");
            }
            out.flush();
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete the stored credentials.")
    static final class Delete implements Runnable {
        @ParentCommand
        CredentialsCommand parent;
        @Spec
        CommandSpec spec;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            CredentialsVault vault = parent.vault();
            if (!vault.exists()) {
                out.println("No credentials are stored in " + vault.file() + ".");
                out.flush();
                return;
            }
            if (!yes && !Prompts.forProcess(spec.commandLine().getErr()).confirm("Delete the credentials in " + vault.file() + "?")) {
                throw new UserException("nothing deleted");
            }
            vault.delete();
            out.println("Deleted " + vault.file() + ".");
            out.flush();
        }
    }

    @Command(name = "import-legacy", mixinStandardHelpOptions = true,
            description = {"Convert the original system's credentials.enc (Fernet) and .key into gpubot's format,",
                    "encrypted with a new master password; the old key file is deleted."})
    static final class ImportLegacy implements Runnable {
        @ParentCommand
        CredentialsCommand parent;
        @Spec
        CommandSpec spec;
        @picocli.CommandLine.Mixin
        PasswordSource password;

        @Option(names = "--environment", paramLabel = "live|sandbox", defaultValue = "live",
                description = "Environment when the old file does not say (default: ${DEFAULT-VALUE}).")
        String environment;

        @Option(names = "--sandbox-url", paramLabel = "URL", description = "The sandbox's base URL, with --environment sandbox.")
        URI sandboxUrl;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            Prompts prompts = Prompts.forProcess(spec.commandLine().getErr());
            CredentialsVault vault = parent.vault();
            ExchangeEnvironment env = environment(environment, sandboxUrl, prompts);
            char[] master = masterPassword(password, prompts, true);
            try (StoredCredentials imported = vault.importLegacy(master, env)) {
                out.printf("Imported key %s (%s) into %s; the legacy key file is deleted.%n", imported.credentials().maskedKey(),
                        imported.environment().name(), vault.file());
                out.flush();
            } finally {
                Arrays.fill(master, '\0');
            }
        }
    }
}
