import AMIKeyWorkflows
import AWSCore
import Foundation
import Logging

/// The process's view of the world, gathered once at the edge and handed to workflows as a `WorkflowContext`.
struct CommandEnvironment: Sendable {
    var fileSystem: any FileSystem
    var variables: [String: String]
    var homeDirectory: String
    var currentDirectory: String
    var prompt: PassphraseProvider.Prompt?
    var output: OutputSink
    /// Whether standard output is a terminal (colour and layout decisions).
    var isTerminal: Bool
    /// Opens the network for a command that calls AWS (tests hand in a transport to a local moto server).
    var openNetwork: @Sendable () -> AWSNetwork = AWSNetwork.internet
    /// Signing dates, credential expiry and retry sleeps.
    var clock: any AWSClock = SystemAWSClock()
    /// Runs `credential_process`.
    var processRunner: any CredentialProcessRunner = SubprocessCredentialProcessRunner()
    /// Runs other programs (python3 for the lab, ssh).
    var programs: any ProcessRunner = LocalProcessRunner()
    /// Reads all of standard input (`amikey console-keys -`).
    var standardInput: @Sendable () -> [UInt8] = { Array(FileHandle.standardInput.readDataToEndOfFile()) }
    /// This executable's path, from which the lab's sources are found.
    var executablePath: String? = CommandLine.arguments.first

    /// Tests run commands against their own environment by binding this.
    @TaskLocal static var override: CommandEnvironment?

    /// The environment commands use: the test's, or the real process's.
    static var current: CommandEnvironment { override ?? process() }

    private static func process() -> CommandEnvironment {
        let variables = ProcessInfo.processInfo.environment
        return CommandEnvironment(
            fileSystem: LocalFileSystem(),
            variables: variables,
            homeDirectory: variables["HOME"] ?? NSHomeDirectory(),
            currentDirectory: FileManager.default.currentDirectoryPath,
            prompt: { TerminalPrompt.readSecret($0) },
            output: StandardOutputSink(),
            isTerminal: isatty(1) == 1)
    }

    /// An absolute path for a user-given one.
    func resolve(_ path: String) -> String {
        context(passphrases: .none).resolve(path)
    }

    /// The workflow context.
    func context(passphrases: PassphraseProvider) -> WorkflowContext {
        WorkflowContext(fileSystem: fileSystem, environment: variables, homeDirectory: homeDirectory,
                        currentDirectory: currentDirectory, passphrases: passphrases, clock: clock, standardInput: standardInput)
    }
}

extension CommandEnvironment {
    /// Runs `body` with a context that can reach AWS as the global options say, closing the network afterwards.
    func withAWS<T: Sendable>(
        _ options: AWSOptions, passphrases: PassphraseProvider = .none,
        _ body: (WorkflowContext) async throws -> T
    ) async throws -> T {
        try await withOutsideWorld(
            overrides: options.overrides, debug: options.debug, passphrases: passphrases, body)
    }

    /// Runs `body` with a context that can start programs, wait on the clock and reach a local emulator (the lab
    /// commands), closing the network afterwards; `debug` logs every AWS request to standard error.
    func withLab<T: Sendable>(debug: Bool = false, _ body: (WorkflowContext) async throws -> T) async throws -> T {
        try await withOutsideWorld(overrides: AWSCommandLineOverrides(), debug: debug, passphrases: .none, body)
    }

    /// The context with AWS access, programs and the clock, and the network closed whatever `body` does.
    private func withOutsideWorld<T: Sendable>(
        overrides: AWSCommandLineOverrides, debug: Bool, passphrases: PassphraseProvider,
        _ body: (WorkflowContext) async throws -> T
    ) async throws -> T {
        let network = openNetwork()
        var context = self.context(passphrases: passphrases)
        context.aws = AWSAccess(
            overrides: overrides, transport: network.transport, clock: clock, processRunner: processRunner,
            mfaTokenCode: mfaTokenCode, logger: debug ? debugLogger : nil)
        context.processes = programs
        context.clock = clock
        do {
            let result = try await body(context)
            await network.close()
            return result
        } catch {
            await network.close()
            throw error
        }
    }

    /// `--debug`: request log lines on standard error.
    private var debugLogger: RequestLogger {
        let output = self.output
        var logger = Logger(label: "amikey.aws") { _ in StandardErrorLogHandler(sink: output) }
        logger.logLevel = .debug
        return RequestLogger(logger)
    }

    /// Asks for the code of a role's MFA device on the terminal, as `aws` does; nil without a terminal.
    private var mfaTokenCode: (@Sendable (String) async throws -> String)? {
        guard let prompt else { return nil }
        return { serialNumber in
            guard let answer = prompt("Enter MFA code for \(serialNumber): ") else { throw MFACodeNotGiven(serialNumber: serialNumber) }
            return String(decoding: answer, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Colour only on a terminal, without `--no-color` and without `NO_COLOR` (https://no-color.org).
    func textStyle(_ options: OutputOptions) -> TextStyle {
        TextStyle(enabled: isTerminal && !options.noColor && variables["NO_COLOR"] == nil)
    }
}

/// The transport AWS commands send through, and how to close it when the command ends.
struct AWSNetwork: Sendable {
    var transport: any HTTPTransport
    var close: @Sendable () async -> Void

    /// The real network: TLS-verified HTTPS (plain HTTP only to loopback and the credential endpoints).
    static func internet() -> AWSNetwork {
        let transport = AsyncHTTPClientTransport()
        return AWSNetwork(transport: transport, close: { try? await transport.shutdown() })
    }
}

/// The MFA prompt got no answer (no terminal, or end of input).
struct MFACodeNotGiven: Error, CustomStringConvertible {
    let serialNumber: String
    var description: String {
        "no MFA code was entered for \(serialNumber); run the command in a terminal to be asked for it"
    }
}
