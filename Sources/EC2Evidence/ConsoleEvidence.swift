/// Everything an EC2 console log says about SSH keys and cloud-init, with the latest boot's output winning.
public struct ConsoleEvidence: Sendable, Hashable {
    /// One table per user, in the order first seen; a user's latest table replaces earlier ones, and a boot that
    /// printed none leaves them (the module runs once per instance).
    public var authorizedKeys: [AuthorizedKeysTable]
    /// The latest host-key fingerprint block's lines.
    public var hostKeys: [HostKeyFingerprint]
    /// The latest host-key block's public keys, as `type base64 [comment]` lines that parsed as keys.
    public var hostPublicKeys: [String]
    /// 1-based boot the host-key blocks come from; nil without blocks.
    public var hostKeysBoot: Int?
    /// Version and datasource; nil when cloud-init never printed them.
    public var cloudInit: CloudInitFacts?
    /// How many boots the log shows (at least 1 for a non-empty log).
    public var boots: Int
    /// What was damaged, cut or not understood.
    public var notes: [ConsoleNote]
    /// Lines showing a boot that did not reach a working system (emergency mode, a failed mount), every boot's.
    public var bootFailures: [BootFailure] = []

    /// Creates evidence.
    public init(authorizedKeys: [AuthorizedKeysTable] = [], hostKeys: [HostKeyFingerprint] = [], hostPublicKeys: [String] = [],
                hostKeysBoot: Int? = nil, cloudInit: CloudInitFacts? = nil, boots: Int = 0, notes: [ConsoleNote] = []) {
        self.authorizedKeys = authorizedKeys
        self.hostKeys = hostKeys
        self.hostPublicKeys = hostPublicKeys
        self.hostKeysBoot = hostKeysBoot
        self.cloudInit = cloudInit
        self.boots = boots
        self.notes = notes
    }

    /// The failures of the latest boot: the one the instance is in now.
    public var latestBootFailures: [BootFailure] { bootFailures.filter { $0.boot == boots } }

    /// Whether the log shows cloud-init at all: a table, a host-key block or a cloud-init banner.
    public var hasCloudInitEvidence: Bool {
        !authorizedKeys.isEmpty || !hostKeys.isEmpty || !hostPublicKeys.isEmpty || cloudInit != nil
    }
}
