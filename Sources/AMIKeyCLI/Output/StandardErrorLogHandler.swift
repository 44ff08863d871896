import Logging

/// Writes `--debug` lines to the command's standard error, one `[debug]` block per log message.
struct StandardErrorLogHandler: LogHandler {
    let sink: any OutputSink
    var logLevel: Logger.Level = .debug
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        sink.writeError("[\(event.level)] \(event.message)\n")
    }
}
