import AMIKeyTestSupport
import AMIKeyWorkflows
import AWSCore
import AWSTestSupport
import ArgumentParser
import Foundation
import Synchronization

@testable import AMIKeyCLI

/// What one in-process run of `amikey` produced.
struct CLIRun: Sendable {
    /// The exit status the executable would have: 0, a command's `ExitCode`, 2 for usage errors.
    let status: Int32
    /// Standard output, including the help or version text ArgumentParser would print.
    let stdout: String
    /// Standard error, including ArgumentParser's usage messages.
    let stderr: String
    /// The error `parseAsRoot` or `run()` threw, if any.
    let error: (any Error)?

    /// Both streams, for "never printed" checks.
    var allOutput: String { stdout + stderr }

    /// Standard output parsed as JSON.
    func json() throws -> JSON { try JSON.parse(stdout) }
}

/// Runs real argv through `RootCommand` in this process, against a real directory, with the environment bound
/// by `CommandEnvironment.$override`, so nothing reads the test runner's own `$HOME`, variables or terminal.
struct CLI {
    /// The working directory; `home` is `<directory>/home`.
    let directory: TempDirectory
    var variables: [String: String] = [:]
    var isTerminal = false
    var prompt: PassphraseProvider.Prompt?
    /// The network AWS commands use; tests point it at a local moto server.
    var network: (@Sendable () -> AWSNetwork)?
    /// The clock AWS calls sign and back off with; tests that retry use a manual one.
    var clock: (any AWSClock)?
    /// What the command reads from standard input.
    var standardInput: [UInt8] = []

    init() throws {
        directory = try TempDirectory()
        try FileManager.default.createDirectory(atPath: directory.path("home"), withIntermediateDirectories: false)
    }

    func run(_ arguments: String...) async -> CLIRun {
        await run(arguments)
    }

    func run(_ arguments: [String]) async -> CLIRun {
        let output = CapturedOutput()
        var environment = CommandEnvironment(
            fileSystem: LocalFileSystem(), variables: variables, homeDirectory: directory.path("home"),
            currentDirectory: directory.path, prompt: prompt, output: output, isTerminal: isTerminal)
        if let network { environment.openNetwork = network }
        if let clock { environment.clock = clock }
        let input = standardInput
        environment.standardInput = { input }
        let thrown: (any Error)? = await CommandEnvironment.$override.withValue(environment) {
            do {
                var command = try RootCommand.parseAsRoot(arguments)
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
                return nil
            } catch {
                return error
            }
        }
        guard let thrown else { return CLIRun(status: 0, stdout: output.standardOutput, stderr: output.standardError, error: nil) }
        // As RootCommand.main prints it: help and version to stdout, errors to stderr.
        let status = RootCommand.exitStatus(for: thrown)
        let message = RootCommand.fullMessage(for: thrown, columns: 120)
        return CLIRun(status: status,
                      stdout: output.standardOutput + (status == 0 ? message : ""),
                      stderr: output.standardError + (status == 0 ? "" : message),
                      error: thrown)
    }
}

/// A prompt that answers with a fixed passphrase and counts how often it was asked.
final class CountingPrompt: Sendable {
    private let count = Mutex(0)
    private let answer: String?

    init(answering answer: String?) {
        self.answer = answer
    }

    var timesAsked: Int { count.withLock { $0 } }

    var prompt: PassphraseProvider.Prompt {
        { [self] _ in
            count.withLock { $0 += 1 }
            return answer.map { Array($0.utf8) }
        }
    }
}

/// JSON with object keys in document order, so tests can check the field order DESIGN.md fixes.
indirect enum JSON: Equatable, Sendable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)): a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        case (.array(let a), .array(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        case (.null, .null): true
        default: false
        }
    }

    /// The keys of an object, in order; empty for anything else.
    var keys: [String] {
        if case .object(let fields) = self { fields.map(\.0) } else { [] }
    }

    subscript(key: String) -> JSON? {
        if case .object(let fields) = self { fields.first { $0.0 == key }?.1 } else { nil }
    }

    subscript(index: Int) -> JSON? {
        if case .array(let items) = self, items.indices.contains(index) { items[index] } else { nil }
    }

    var array: [JSON] {
        if case .array(let items) = self { items } else { [] }
    }

    var string: String? {
        if case .string(let text) = self { text } else { nil }
    }

    var number: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    var bool: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    var isNull: Bool { self == .null }

    struct ParseError: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses RFC 8259 text (enough of it for amikey's output: no surrogate pairs in \u escapes).
    static func parse(_ text: String) throws -> JSON {
        var parser = Parser(scalars: Array(text.unicodeScalars))
        let value = try parser.value()
        parser.skipSpace()
        guard parser.index == parser.scalars.count else { throw ParseError(description: "trailing text at \(parser.index)") }
        return value
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0

        mutating func skipSpace() {
            while index < scalars.count, [" ", "\n", "\r", "\t"].contains(scalars[index]) { index += 1 }
        }

        mutating func expect(_ scalar: Unicode.Scalar) throws {
            skipSpace()
            guard index < scalars.count, scalars[index] == scalar else { throw ParseError(description: "expected \(scalar) at \(index)") }
            index += 1
        }

        mutating func value() throws -> JSON {
            skipSpace()
            guard index < scalars.count else { throw ParseError(description: "unexpected end") }
            switch scalars[index] {
            case "{":
                index += 1
                var fields: [(String, JSON)] = []
                skipSpace()
                if scalars[index] == "}" { index += 1; return .object(fields) }
                repeat {
                    skipSpace()
                    let key = try string()
                    try expect(":")
                    fields.append((key, try value()))
                    skipSpace()
                    index += 1
                } while scalars[index - 1] == ","
                guard scalars[index - 1] == "}" else { throw ParseError(description: "expected } at \(index - 1)") }
                return .object(fields)
            case "[":
                index += 1
                var items: [JSON] = []
                skipSpace()
                if scalars[index] == "]" { index += 1; return .array(items) }
                repeat {
                    items.append(try value())
                    skipSpace()
                    index += 1
                } while scalars[index - 1] == ","
                guard scalars[index - 1] == "]" else { throw ParseError(description: "expected ] at \(index - 1)") }
                return .array(items)
            case "\"":
                return .string(try string())
            case "t", "f", "n":
                for (word, result) in [("true", JSON.bool(true)), ("false", .bool(false)), ("null", .null)]
                where String(String.UnicodeScalarView(scalars[index..<min(index + word.count, scalars.count)])) == word {
                    index += word.count
                    return result
                }
                throw ParseError(description: "bad literal at \(index)")
            default:
                let start = index
                while index < scalars.count, "-+.eE0123456789".unicodeScalars.contains(scalars[index]) { index += 1 }
                guard let number = Double(String(String.UnicodeScalarView(scalars[start..<index]))) else {
                    throw ParseError(description: "bad number at \(start)")
                }
                return .number(number)
            }
        }

        mutating func string() throws -> String {
            guard scalars[index] == "\"" else { throw ParseError(description: "expected string at \(index)") }
            index += 1
            var result = String.UnicodeScalarView()
            while scalars[index] != "\"" {
                if scalars[index] == "\\" {
                    index += 1
                    switch scalars[index] {
                    case "n": result.append("\n")
                    case "r": result.append("\r")
                    case "t": result.append("\t")
                    case "b": result.append("\u{08}")
                    case "f": result.append("\u{0C}")
                    case "u":
                        let hex = String(String.UnicodeScalarView(scalars[(index + 1)...(index + 4)]))
                        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
                            throw ParseError(description: "bad \\u escape at \(index)")
                        }
                        result.append(scalar)
                        index += 4
                    default: result.append(scalars[index])
                    }
                } else {
                    result.append(scalars[index])
                }
                index += 1
            }
            index += 1
            return String(result)
        }
    }
}

extension CLI {
    /// A CLI whose AWS calls go to moto through `transport` (a recorder, say), as the default account with static
    /// credentials in `region`; instance metadata is never asked.
    static func againstMoto(_ moto: MotoServer, region: String, through transport: any HTTPTransport) throws -> CLI {
        var cli = try CLI()
        cli.network = { AWSNetwork(transport: transport, close: {}) }
        cli.variables = [
            "HOME": cli.directory.path("home"), "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCESS_KEY_ID": MotoServer.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": MotoServer.credentials.secretAccessKey,
            "AWS_REGION": region, "AWS_ENDPOINT_URL": moto.baseURL,
        ]
        return cli
    }
}
