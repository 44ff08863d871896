import AMIKeyWorkflows
import ArgumentParser

/// Where a passphrase comes from: a file, `AMIKEY_PASSPHRASE`, or a no-echo prompt — never an argument,
/// which would show in `ps` and shell history.
struct PassphraseOptions: ParsableArguments {
    @Option(name: .customLong("passphrase-file"), help: ArgumentHelp(
        "Read the key passphrase from the first line of FILE.",
        discussion: "Otherwise AMIKEY_PASSPHRASE is used, else you are asked on the terminal when a key needs it.",
        valueName: "FILE"))
    var passphraseFile: String?

    /// Builds the provider; a passphrase file that cannot be read is a usage error.
    func provider(_ environment: CommandEnvironment) throws -> PassphraseProvider {
        var given: [UInt8]?
        if let passphraseFile {
            do {
                given = PassphraseOptions.firstLine(try environment.fileSystem.read(environment.resolve(passphraseFile)))
            } catch {
                throw ValidationError("cannot read --passphrase-file: \(error)")
            }
        } else if let value = environment.variables["AMIKEY_PASSPHRASE"] {
            given = Array(value.utf8)
        }
        return PassphraseProvider(given: given, prompt: environment.prompt)
    }

    /// The first line without its terminator, as ssh-keygen and puttygen read passphrase files.
    static func firstLine(_ bytes: [UInt8]) -> [UInt8] {
        Array(bytes.prefix { $0 != 0x0A && $0 != 0x0D })
    }
}
