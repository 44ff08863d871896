/// What a user pasted from their SSH client (`amikey doctor --error`): a one-line message, a PuTTY dialog's text,
/// PuTTY's event log, or a whole `ssh -v`/`-vvv` log, read into the client, the symptoms and what the log shows.
///
/// Pure and total: any text gives an answer, never an error. Lines are numbered from 1 as pasted (`\n`, `\r\n` and
/// `\r` all end a line). Hosts are kept as printed: a lab, a jump host or a ProxyCommand names 127.0.0.1 or an alias,
/// not the instance's public address.
///
/// ```swift
/// let pasted = SSHClientErrorText("ec2-user@203.0.113.7: Permission denied (publickey,gssapi-keyex,gssapi-with-mic).")
/// pasted.symptoms.first?.symptom   // .permissionDenied(methods: ["publickey", "gssapi-keyex", "gssapi-with-mic"])
/// pasted.user                      // "ec2-user"
/// ```
public struct SSHClientErrorText: Sendable, Hashable {
    /// The client that printed the text.
    public enum Client: String, Sendable, Hashable, CaseIterable {
        /// OpenSSH's `ssh` (also scp, sftp, git over ssh, Windows' OpenSSH).
        case openssh
        /// PuTTY, plink, pscp, psftp, or a translated build of them.
        case putty
        /// Nothing in the text tells.
        case unknown
    }

    /// A symptom and the 1-based line it came from.
    public struct Finding: Sendable, Hashable {
        /// The symptom.
        public var symptom: SSHSymptom
        /// 1-based line of the pasted text.
        public var line: Int

        /// Creates a finding.
        public init(symptom: SSHSymptom, line: Int) {
            self.symptom = symptom
            self.line = line
        }
    }

    /// A public key the client offered to the server (OpenSSH's `debug1: Offering public key: …`; PuTTY's
    /// `Authenticating with public key "…"`, printed only for a key the server accepted).
    public struct OfferedKey: Sendable, Hashable {
        /// The key's file, or the key's comment (an agent key in OpenSSH, every key in PuTTY), as printed.
        public var path: String
        /// The key type as printed (`ED25519`, `RSA`, `ECDSA`…); nil when the log does not say.
        public var type: String?
        /// `SHA256:…` (or `MD5:…`) fingerprint; nil in logs of OpenSSH before 7.8, which print none.
        public var fingerprint: String?
        /// Whether the server accepted it (`Server accepts key: …`): the key is in the user's authorized_keys.
        public var accepted: Bool
        /// 1-based line of the offer.
        public var line: Int

        /// Creates an offered key.
        public init(path: String, type: String?, fingerprint: String?, accepted: Bool = false, line: Int) {
            self.path = path
            self.type = type
            self.fingerprint = fingerprint
            self.accepted = accepted
            self.line = line
        }
    }

    /// The client, from telltale lines (OpenSSH's version banner and `debug1:` prefixes; PuTTY's phrases).
    public var client: Client
    /// The client's version when printed: `9.2p1` from `OpenSSH_9.2p1 …`, `0.81` from PuTTY's `We claim version`.
    public var clientVersion: String?
    /// Recognised symptoms in line order, each once (the first line that showed it).
    public var symptoms: [Finding]
    /// The login user, when the text names it (the last one named, for logs of several attempts).
    public var user: String?
    /// The host as the client named it (a name, an alias, 127.0.0.1 in a lab, an IPv6 address).
    public var host: String?
    /// The port, when printed.
    public var port: Int?
    /// The server's software: `OpenSSH_8.7` from `remote software version OpenSSH_8.7`.
    public var serverSoftware: String?
    /// Keys the client offered, in order, with whether the server accepted each.
    public var offeredKeys: [OfferedKey]
    /// How many lines the text has.
    public var lineCount: Int

    /// Reads pasted text; never fails.
    public init(_ text: String) {
        var reader = SSHClientErrorTextReader()
        var number = 0
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            reader.read(line, line: number)
        }
        self = reader.finish(lineCount: number)
    }

    /// Reads pasted bytes (invalid UTF-8 becomes U+FFFD); never fails.
    public init(bytes: [UInt8]) {
        self.init(String(decoding: bytes, as: UTF8.self))
    }

    /// Creates a value from its parts.
    public init(client: Client, clientVersion: String? = nil, symptoms: [Finding] = [], user: String? = nil, host: String? = nil,
                port: Int? = nil, serverSoftware: String? = nil, offeredKeys: [OfferedKey] = [], lineCount: Int = 0) {
        self.client = client
        self.clientVersion = clientVersion
        self.symptoms = symptoms
        self.user = user
        self.host = host
        self.port = port
        self.serverSoftware = serverSoftware
        self.offeredKeys = offeredKeys
        self.lineCount = lineCount
    }

    /// The kinds of the recognised symptoms.
    public var kinds: Set<SSHSymptom.Kind> { Set(symptoms.map(\.symptom.kind)) }

    /// The first finding of `kind`, if any.
    public func first(_ kind: SSHSymptom.Kind) -> Finding? { symptoms.first { $0.symptom.kind == kind } }
}
