/// What `amikey doctor` was asked: an instance (online) or files the user already has (offline), or both.
public struct DoctorRequest: Sendable {
    /// The instance; nil for an offline diagnosis from files.
    public var instanceId: String?
    /// `--key` files (else `~/.ssh` and the current directory are searched).
    public var keyPaths: [String]
    /// `--user`.
    public var user: String?
    /// `--console-output FILE|-`: a console log saved by the user, used instead of GetConsoleOutput.
    public var consoleOutputPath: String?
    /// `--source-profile`: a profile for the account the image came from, whose key pairs are compared too.
    public var sourceProfile: String?
    /// `--probe`: ask the instance's sshd which keys it accepts (public keys only).
    public var probe: Bool
    /// `--error` / `--error-file`: what the user's SSH client printed.
    public var errorText: String?
    /// `--ssh-config`: an ssh_config for the probe (`ssh -F`), such as the lab's.
    public var sshConfig: String?
    /// Global options to repeat in suggested `amikey` commands.
    public var amikeyOptions: [String]

    /// A request from its parts.
    public init(instanceId: String? = nil, keyPaths: [String] = [], user: String? = nil, consoleOutputPath: String? = nil,
                sourceProfile: String? = nil, probe: Bool = false, errorText: String? = nil, sshConfig: String? = nil,
                amikeyOptions: [String] = []) {
        self.instanceId = instanceId
        self.keyPaths = keyPaths
        self.user = user
        self.consoleOutputPath = consoleOutputPath
        self.sourceProfile = sourceProfile
        self.probe = probe
        self.errorText = errorText
        self.sshConfig = sshConfig
        self.amikeyOptions = amikeyOptions
    }
}

/// Why the doctor could do nothing at all (exit 3).
public enum DoctorFailure: Error, Sendable, CustomStringConvertible {
    /// AWS could not be reached, or does not know the instance.
    case aws(AWSFailure)
    /// An input file (the console output, the client's error text) could not be read; `code` is the file system's.
    case unreadableInput(code: String, message: String)

    /// As the error renderers show it: code, message and, when AWS answered, its request id.
    public var failure: AWSFailure {
        switch self {
        case .aws(let failure): failure
        case .unreadableInput(let code, let message): AWSFailure(code: code, message: message)
        }
    }

    /// Nothing could be done: exit 3.
    public var exitCode: Int32 { 3 }

    /// The message.
    public var description: String { failure.message }
}
