import Foundation

/// The user-data method's record of an unfinished repair, written before every change it makes, so a run that is
/// interrupted at any point (Ctrl-C, kill -9, a lost laptop lid) can be finished by running the same command again,
/// and the instance's original user data is never lost: it is in this file before amikey replaces it.
struct RepairJournal: Codable, Sendable, Hashable {
    /// How far the repair got; each phase is recorded once its step has finished. Every step is safe to repeat, so
    /// a run that died between a step and its record does that step again.
    enum Phase: String, Codable, Sendable, Hashable, CaseIterable, Comparable {
        /// The original user data and state are in the journal; nothing on the instance has changed yet.
        case saved
        /// The instance is stopped.
        case stopped
        /// The repair user data is set.
        case userDataSet = "user-data-set"
        /// The instance ran the repair user data (it is running).
        case started
        /// The key was confirmed (or could not be; see ``confirmation``).
        case confirmed
        /// The instance is stopped again.
        case stoppedAgain = "stopped-again"
        /// The original user data is back, byte for byte.
        case restored

        static func < (lhs: Phase, rhs: Phase) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// The journal format's version.
    var version = 1
    /// The instance.
    var instanceId: String
    /// Its region (a journal never applies to an instance with the same id elsewhere).
    var region: String
    /// The login user the key is for.
    var user: String
    /// The key being installed, as an OpenSSH public key line.
    var publicKey: String
    /// The original user data, base64; nil when the instance had none.
    var originalUserData: String?
    /// Whether the instance was running when the repair began (it is left as it was found).
    var wasRunning: Bool
    /// The last finished phase.
    var phase: Phase
    /// How the key was confirmed, once it was.
    var confirmation: String?

    /// The original user data's bytes.
    var originalBytes: [UInt8]? { originalUserData.flatMap { Data(base64Encoded: $0) }.map { Array($0) } }

    /// The journal's file for an instance.
    static func file(directory: String, instanceId: String, region: String, context: WorkflowContext) -> JournalFile {
        JournalFile(path: context.fileSystem.join(directory, "repair-\(region)-\(instanceId).json"), purpose: "the repair journal")
    }

    /// Reads the journal; nil when there is none.
    static func read(_ file: JournalFile, context: WorkflowContext) throws(AWSFailure) -> RepairJournal? {
        try file.read(context: context, keep: "it holds the instance's original user data: keep the file, and restore "
                      + "the user data by hand from its originalUserData field (base64) if needed")
    }
}
