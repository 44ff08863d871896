/// Run `credential_process` and read `{"Version": 1, "AccessKeyId", …}` from its standard output.
///
/// The command is split as botocore does (`compat_shell_split`, which is `shlex.split` on POSIX) and run without a shell.
public struct ProcessSource: Sendable, Hashable, CustomStringConvertible {
    /// `credential_process` as written.
    public let commandLine: ResolvedSetting<String>
    /// The program and its arguments.
    public let arguments: [String]
    /// The profile's `aws_account_id`, used when the process's output has no `AccountId`.
    public let accountID: ResolvedSetting<String>?

    /// A source from its parts.
    public init(commandLine: ResolvedSetting<String>, arguments: [String], accountID: ResolvedSetting<String>?) {
        self.commandLine = commandLine
        self.arguments = arguments
        self.accountID = accountID
    }

    /// `credential_process PROGRAM`, without the arguments (they may carry tokens).
    public var description: String { "credential_process \(arguments.first ?? "")" }
}
