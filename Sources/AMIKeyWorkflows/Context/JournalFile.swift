import Foundation

/// A workflow's journal on disk: JSON, 0600 in a 0700 directory, replaced through a temporary file and a rename so a
/// crash at any moment leaves the old journal or the new one, never a torn file.
///
/// ```swift
/// let file = JournalFile(path: "~/.amikey/repair/repair-eu-west-1-i-0abc.json", purpose: "repair journal")
/// try file.write(journal, context: context)
/// let again: RepairJournal? = try file.read(context: context)
/// ```
struct JournalFile: Sendable, Hashable {
    /// Where it is.
    let path: String
    /// What it is, for messages ("the repair journal").
    let purpose: String

    /// The journal at ``path``; nil when there is none.
    ///
    /// - Throws: ``AWSFailure`` `journal-unreadable`, telling the user to keep the file.
    func read<Journal: Decodable>(context: WorkflowContext, keep: String) throws(AWSFailure) -> Journal? {
        guard context.fileSystem.kind(of: path) == .file else { return nil }
        do {
            let bytes = try context.fileSystem.read(path)
            return try JSONDecoder().decode(Journal.self, from: Data(bytes))
        } catch {
            throw AWSFailure(code: "journal-unreadable", message: "\(purpose) \(path) cannot be read (\(error)); \(keep)")
        }
    }

    /// Writes `journal`, creating the directory (0700) when needed.
    ///
    /// - Throws: ``AWSFailure`` `journal-unwritable`: nothing after it may be changed.
    func write<Journal: Encodable>(_ journal: Journal, context: WorkflowContext) throws(AWSFailure) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temporary = path + ".tmp"
        do {
            let bytes = try Array(encoder.encode(journal)) + [0x0A]
            let directory = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
            if !directory.isEmpty, context.fileSystem.kind(of: directory) != .directory {
                try context.fileSystem.createDirectory(directory, mode: 0o700)
            }
            try context.fileSystem.write(bytes, to: temporary, mode: 0o600, overwrite: true)
            try context.fileSystem.rename(temporary, to: path)
        } catch {
            throw AWSFailure(code: "journal-unwritable", message: "cannot write \(purpose) \(path): \(error); nothing further was changed")
        }
    }

    /// Removes it once the work is done.
    func remove(context: WorkflowContext) {
        try? context.fileSystem.remove(path)
    }
}
