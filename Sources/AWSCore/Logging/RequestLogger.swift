import Logging

/// The `--debug` log: every attempt's request and the response or failure it got, with every secret redacted.
///
/// Logs at `.debug` through swift-log, so the CLI decides where lines go (stderr for `--debug`). Headers and
/// URLs lose credential values, bodies lose secret fields and private keys (``SecretRedactor``), and the
/// literal secret and session token of the credentials that signed the attempt are removed from every line.
///
/// ## Usage
/// ```swift
/// var logger = Logger(label: "amikey.aws")
/// logger.logLevel = .debug
/// let client = AWSClient(transport: transport, credentialProvider: provider, logger: RequestLogger(logger))
/// ```
public struct RequestLogger: Sendable {
    /// The swift-log logger lines go to.
    public var logger: Logger
    /// The level of every line.
    public var level: Logger.Level

    /// Logs through `logger` at `level`.
    public init(_ logger: Logger, level: Logger.Level = .debug) {
        self.logger = logger
        self.level = level
    }

    /// Logs a request about to be sent.
    public func request(
        _ request: HTTPTransportRequest, operation: String, attempt: Int, redactor: SecretRedactor
    ) {
        var lines = ["\(operation) attempt \(attempt): \(request.method) \(redactor.redact(url: request.url))"]
        lines += request.headers.map { "\($0.name): \(redactor.redact(headerValue: $0.value, name: $0.name))" }
        lines.append(Self.bodyLine(request.body, redactor: redactor))
        logger.log(level: level, "\(lines.joined(separator: "\n"))")
    }

    /// Logs the response an attempt got.
    public func response(_ response: AWSHTTPResponse, operation: String, attempt: Int, redactor: SecretRedactor) {
        var lines = ["\(operation) attempt \(attempt): HTTP \(response.statusCode)"]
        lines += response.headers.map { "\($0.name): \(redactor.redact(headerValue: $0.value, name: $0.name))" }
        lines.append(Self.bodyLine(response.body, redactor: redactor))
        logger.log(level: level, "\(lines.joined(separator: "\n"))")
    }

    /// Logs an attempt that got no response, or one refused before sending.
    public func failure(_ error: any Error, operation: String, attempt: Int, redactor: SecretRedactor) {
        logger.log(level: level, "\(operation) attempt \(attempt) failed: \(redactor.redact(text: "\(error)"))")
    }

    private static func bodyLine(_ body: [UInt8], redactor: SecretRedactor) -> String {
        guard !body.isEmpty else { return "(empty body)" }
        return "body (\(body.count) bytes):\n" + redactor.redact(body: String(decoding: body, as: UTF8.self))
    }
}
