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

/// Why the doctor could do nothing at all (exit 3): AWS refused the instance, or an input file could not be read.
public struct DoctorFailure: Error, Sendable, CustomStringConvertible {
    /// A stable code (`InvalidInstanceID.NotFound`, `not-found`, …).
    public var code: String
    /// What happened and what to do next.
    public var message: String
    /// The AWS request id, when AWS answered.
    public var requestID: String?

    /// A failure from its parts.
    public init(code: String, message: String, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.requestID = requestID
    }

    /// A failure from an AWS one.
    public init(_ failure: AWSFailure) {
        self.init(code: failure.code, message: failure.message, requestID: failure.requestID)
    }

    /// Nothing could be done: exit 3.
    public var exitCode: Int32 { 3 }

    /// The message.
    public var description: String { message }
}
