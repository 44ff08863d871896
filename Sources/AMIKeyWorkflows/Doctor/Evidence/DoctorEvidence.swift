import EC2Evidence
import Foundation
import SSHKeys

/// Everything the doctor learned about one instance and the user's keys, before any judgement: the single input of
/// the rules, so every cause can be reproduced from a value built in a test.
///
/// ```swift
/// var evidence = DoctorEvidence()
/// evidence.console = ConsoleLog.parse(consoleText)
/// evidence.localKeys = [LocalKey(source: "K_A", entry: entry)]
/// let diagnosis = DoctorRules.diagnose(evidence)
/// ```
public struct DoctorEvidence: Sendable {
    /// The instance asked about; nil offline without one.
    public var instanceId: String?
    /// The account amikey's credentials belong to (GetCallerIdentity).
    public var callerAccount: String?
    /// What DescribeInstances says.
    public var instance: InstanceEvidence?
    /// What DescribeImages says about the instance's image.
    public var image: ImageEvidence?
    /// Key pairs with their public keys: the caller's account and, with `--source-profile`, the source account's.
    public var keyPairs: [KeyPairEvidence]
    /// The parsed console output; nil when none could be read.
    public var console: ConsoleEvidence?
    /// Where the console output came from: `GetConsoleOutput` or the file given.
    public var consoleSource: String?
    /// Key files found or given.
    public var localKeys: [LocalKey]
    /// Whether `--key` named the files (then they are the keys the user is trying), rather than a search.
    public var keysWereGiven: Bool
    /// `--user`.
    public var requestedUser: String?
    /// What the user's SSH client said (`--error`).
    public var clientError: SSHClientErrorText?
    /// What the real sshd answered, one entry per user probed (`--probe`).
    public var probes: [ProbeEvidence]
    /// What could not be looked at, and why.
    public var unchecked: [DoctorText]
    /// The global options to repeat in suggested `amikey` commands (`--profile`, `--region`, `--endpoint-url`).
    public var amikeyOptions: [String]
    /// The profile of the account the image came from (`--source-profile`), for suggested commands.
    public var sourceProfile: String?
    /// When the evidence was gathered (the context's clock): `expiry-time` options are judged against it.
    public var gatheredAt: Date?

    /// Empty evidence, to be filled in.
    public init(instanceId: String? = nil, callerAccount: String? = nil, instance: InstanceEvidence? = nil, image: ImageEvidence? = nil,
                keyPairs: [KeyPairEvidence] = [], console: ConsoleEvidence? = nil, consoleSource: String? = nil,
                localKeys: [LocalKey] = [], keysWereGiven: Bool = false, requestedUser: String? = nil,
                clientError: SSHClientErrorText? = nil, probes: [ProbeEvidence] = [], unchecked: [DoctorText] = [],
                amikeyOptions: [String] = [], sourceProfile: String? = nil) {
        self.instanceId = instanceId
        self.callerAccount = callerAccount
        self.instance = instance
        self.image = image
        self.keyPairs = keyPairs
        self.console = console
        self.consoleSource = consoleSource
        self.localKeys = localKeys
        self.keysWereGiven = keysWereGiven
        self.requestedUser = requestedUser
        self.clientError = clientError
        self.probes = probes
        self.unchecked = unchecked
        self.amikeyOptions = amikeyOptions
        self.sourceProfile = sourceProfile
    }

    /// The key pair the instance was launched with, when its public key was read.
    public var launchKeyPair: KeyPairEvidence? {
        guard let name = instance?.keyName else { return nil }
        return keyPairs.first { $0.name == name && ($0.account == nil || $0.account == callerAccount) }
    }
}

/// The facts of DescribeInstances the doctor uses.
public struct InstanceEvidence: Sendable, Hashable {
    /// `i-…`.
    public var instanceId: String
    /// The launch key pair's name; nil when launched without one.
    public var keyName: String?
    /// The image it was launched from.
    public var imageId: String?
    /// `running`, `stopped`, …
    public var state: String?
    /// Public IPv4 address.
    public var publicIp: String?
    /// Public DNS name.
    public var publicDns: String?
    /// Private IPv4 address.
    public var privateIp: String?
    /// `windows` for Windows instances.
    public var platform: String?
    /// IMDS `HttpTokens` (`required` is IMDSv2 only).
    public var httpTokens: String?
    /// IMDS `HttpEndpoint` (`disabled` leaves cloud-init without keys).
    public var httpEndpoint: String?

    /// An instance from its facts.
    public init(instanceId: String, keyName: String? = nil, imageId: String? = nil, state: String? = nil, publicIp: String? = nil,
                publicDns: String? = nil, privateIp: String? = nil, platform: String? = nil, httpTokens: String? = nil,
                httpEndpoint: String? = nil) {
        self.instanceId = instanceId
        self.keyName = keyName
        self.imageId = imageId
        self.state = state
        self.publicIp = publicIp
        self.publicDns = publicDns
        self.privateIp = privateIp
        self.platform = platform
        self.httpTokens = httpTokens
        self.httpEndpoint = httpEndpoint
    }

    /// The address a user types after `user@`: public DNS, else public IP, else private IP.
    public var address: String? { addresses.first }

    /// Every address, in that order, without repeats: the public DNS name may not resolve where the user is, and
    /// from inside the VPC (a bastion, a VPN) only the private address answers.
    public var addresses: [String] {
        var addresses: [String] = []
        for address in [publicDns, publicIp, privateIp].compactMap({ $0 }) where !address.isEmpty && !addresses.contains(address) {
            addresses.append(address)
        }
        return addresses
    }
}

/// The facts of DescribeImages the doctor uses.
public struct ImageEvidence: Sendable, Hashable {
    /// `ami-…`.
    public var imageId: String
    /// The account that owns the image.
    public var ownerId: String?
    /// The image's name.
    public var name: String?
    /// The instance CreateImage made it from (its `authorized_keys` travel in the image).
    public var sourceInstanceId: String?
    /// The family's name for people, such as `Amazon Linux 2023`; nil when unknown.
    public var family: String?
    /// The family's usual login users, most likely first.
    public var defaultUsers: [String]
    /// Why the family was chosen (owner, name pattern, PlatformDetails).
    public var familyBasis: String?

    /// An image from its facts.
    public init(imageId: String, ownerId: String? = nil, name: String? = nil, sourceInstanceId: String? = nil, family: String? = nil,
                defaultUsers: [String] = [], familyBasis: String? = nil) {
        self.imageId = imageId
        self.ownerId = ownerId
        self.name = name
        self.sourceInstanceId = sourceInstanceId
        self.family = family
        self.defaultUsers = defaultUsers
        self.familyBasis = familyBasis
    }
}

/// One EC2 key pair and its public key (DescribeKeyPairs `IncludePublicKey`).
public struct KeyPairEvidence: Sendable, Hashable {
    /// The key pair's name.
    public var name: String
    /// `key-…`.
    public var keyPairId: String?
    /// The account it lives in; nil for the caller's when the caller is unknown.
    public var account: String?
    /// The profile that reads that account (`--source-profile`); nil for the caller's own.
    public var profile: String?
    /// Its public key; nil when AWS returned none or it did not parse.
    public var publicKey: SSHPublicKey?

    /// A key pair from its facts.
    public init(name: String, keyPairId: String? = nil, account: String? = nil, profile: String? = nil, publicKey: SSHPublicKey?) {
        self.name = name
        self.keyPairId = keyPairId
        self.account = account
        self.profile = profile
        self.publicKey = publicKey
    }
}

/// A key file found or given, read or not.
public struct LocalKey: Sendable {
    /// The path as the user wrote it (or as found under `~/.ssh` and `.`), `:LINE` for one key of several.
    public var source: String
    /// The key, or why the file could not be read.
    public var entry: Result<KeyFileEntry, ScanError>
    /// Its permission bits, when known.
    public var mode: UInt16?

    /// A key file from its parts.
    public init(source: String, entry: Result<KeyFileEntry, ScanError>, mode: UInt16? = nil) {
        self.source = source
        self.entry = entry
        self.mode = mode
    }

    /// The public key, when the file was read.
    public var publicKey: SSHPublicKey? { try? entry.get().publicKey }

    /// Whether the file holds a private key (so `ssh -i` / PuTTY can log in with it).
    public var holdsPrivateKey: Bool { (try? entry.get().format.holdsPrivateKey) ?? false }
}

/// What the real sshd answered for one user when offered public keys (`--probe`).
public struct ProbeEvidence: Sendable, Hashable {
    /// The user probed.
    public var user: String
    /// The host and port asked.
    public var host: String
    /// Keys the server would accept for the user.
    public var accepted: [SSHPublicKey]
    /// Keys offered and refused.
    public var refused: [SSHPublicKey]
    /// Why the question could not be asked; nil when sshd answered.
    public var failure: ProbeFailure?
    /// The server's software version (`OpenSSH_8.7`), when seen.
    public var serverVersion: String?

    /// A probe answer from its parts.
    public init(user: String, host: String, accepted: [SSHPublicKey] = [], refused: [SSHPublicKey] = [], failure: ProbeFailure? = nil,
                serverVersion: String? = nil) {
        self.user = user
        self.host = host
        self.accepted = accepted
        self.refused = refused
        self.failure = failure
        self.serverVersion = serverVersion
    }
}

/// Why a probe got no answer about keys.
public enum ProbeFailure: Sendable, Hashable {
    /// Nothing answered on the port: timed out, refused, no route, name not resolved (ssh's words kept).
    case unreachable(String)
    /// The host key differs from the one the console shows: not the instance, or a changed host key.
    case hostKeyMismatch(String)
    /// The client and server share no host-key algorithm.
    case hostKeyAlgorithms(String)
    /// No host key to pin: the console shows none and the user's known_hosts does not know the host.
    case noHostKeyPin
    /// Anything else ssh said.
    case other(String)
}
