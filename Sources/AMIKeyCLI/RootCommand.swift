import ArgumentParser
import Foundation

/// The `amikey` command: why an SSH key is refused on an EC2 instance launched from a shared AMI, and the fix.
public struct RootCommand: AsyncParsableCommand {
    /// The version printed by `amikey --version`.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "amikey",
        abstract: "Find out which SSH keys an EC2 instance really accepts, and fix \"Server refused our key\".",
        discussion: HelpText.reflow("""
            An AMI shared from another account carries the original instance's authorized_keys, so the key pair
            chosen at launch is often not a key the instance accepts. amikey reads every key file you hold
            (.pem, .ppk, .pub, OpenSSH private keys, authorized_keys) and every fingerprint spelling you may see
            (ssh-keygen, PuTTY, the EC2 console, cloud-init's console table) so you can tell which key is which.
            """),
        version: version,
        subcommands: [WhoAmICommand.self, FingerprintCommand.self, MatchCommand.self, ConvertCommand.self, ConsoleKeysCommand.self,
                      DoctorCommand.self, ImportKeyCommand.self, RelaunchCommand.self, RepairCommand.self, MigrateCommand.self,
                      LabCommand.self]
    )

    public init() {}

    /// Runs `amikey` with the process's arguments.
    ///
    /// ArgumentParser's own `main` exits 64 (EX_USAGE) on a usage error; DESIGN.md fixes it at 2, so errors
    /// are mapped here. Messages go where ArgumentParser puts them: help and version to stdout, errors to stderr.
    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let status = exitStatus(for: error)
            let text = fullMessage(for: error)
            if !text.isEmpty {
                let stream = status == 0 ? FileHandle.standardOutput : FileHandle.standardError
                stream.write(Data((text + "\n").utf8))
            }
            Foundation.exit(status)
        }
    }

    /// The process exit status for an error thrown while parsing or running: usage errors are 2 (DESIGN.md),
    /// an `ExitCode` a command throws is kept.
    static func exitStatus(for error: any Error) -> Int32 {
        let code = exitCode(for: error)
        return code == .validationFailure ? 2 : code.rawValue
    }
}
