import ArgumentParser

/// The `amikey` command: why an SSH key is refused on an EC2 instance launched from a shared AMI, and the fix.
public struct RootCommand: AsyncParsableCommand {
    /// The version printed by `amikey --version`.
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "amikey",
        abstract: "Find out which SSH keys an EC2 instance really accepts, and fix \"Server refused our key\".",
        discussion: """
            An AMI shared from another account carries the original instance's authorized_keys, so the key pair
            chosen at launch is often not a key the instance accepts. amikey reads every key file you hold
            (.pem, .ppk, .pub, OpenSSH private keys, authorized_keys) and every fingerprint spelling you may see
            (ssh-keygen, PuTTY, the EC2 console, cloud-init's console table) so you can tell which key is which.
            """,
        version: version,
        subcommands: [FingerprintCommand.self, MatchCommand.self, ConvertCommand.self]
    )

    public init() {}
}
