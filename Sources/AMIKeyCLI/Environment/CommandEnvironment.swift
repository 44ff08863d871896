import AMIKeyWorkflows
import Foundation

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
                        currentDirectory: currentDirectory, passphrases: passphrases)
    }
}

extension CommandEnvironment {
    /// Colour only on a terminal, without `--no-color` and without `NO_COLOR` (https://no-color.org).
    func textStyle(_ options: OutputOptions) -> TextStyle {
        TextStyle(enabled: isTerminal && !options.noColor && variables["NO_COLOR"] == nil)
    }
}
