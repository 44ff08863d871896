/// The operating-system family of an AMI and the login users its images are built with, inferred from DescribeImages.
///
/// Billing codes and the big publishers' owner accounts decide with high confidence; official name patterns on
/// someone else's image with medium; a distribution's name inside free text (a shared custom image's name or
/// description) with low. Every answer says which signal decided it (`basis`) and which signals disagreed
/// (`conflicts`), so a report can say why.
///
/// ```swift
/// let family = ImageFamily.infer(ImageFacts(ownerId: "137112412989", name: "al2023-ami-2023.3.20240122.0-kernel-6.1-x86_64"))
/// print(family.displayName, family.defaultUsers, family.basis.first?.reason ?? "")
/// // Amazon Linux 2023 ["ec2-user"] the owner 137112412989 is Amazon and the image name starts with al2023-ami-
/// ```
public struct ImageFamily: Sendable, Hashable {
    /// A family, by a stable identifier (the raw value is what JSON output prints).
    public enum ID: String, Sendable, Hashable, CaseIterable, Codable {
        /// Amazon Linux 2023.
        case amazonLinux2023 = "amazon-linux-2023"
        /// Amazon Linux 2.
        case amazonLinux2 = "amazon-linux-2"
        /// The original Amazon Linux AMI (2011-2018), or Amazon Linux of an unknown version.
        case amazonLinux = "amazon-linux"
        /// Ubuntu, including Ubuntu Pro.
        case ubuntu
        /// Debian.
        case debian
        /// Red Hat Enterprise Linux.
        case rhel
        /// CentOS.
        case centos
        /// Fedora.
        case fedora
        /// SUSE Linux Enterprise Server and openSUSE.
        case suse
        /// Rocky Linux.
        case rocky
        /// AlmaLinux.
        case almalinux
        /// Oracle Linux.
        case oracle
        /// FreeBSD.
        case freebsd
        /// Bitnami application images (whatever their base system, they log in as `bitnami`).
        case bitnami
        /// Windows Server.
        case windows
        /// Not known.
        case unknown

        /// The family's name for people.
        public var displayName: String {
            switch self {
            case .amazonLinux2023: "Amazon Linux 2023"
            case .amazonLinux2: "Amazon Linux 2"
            case .amazonLinux: "Amazon Linux"
            case .ubuntu: "Ubuntu"
            case .debian: "Debian"
            case .rhel: "Red Hat Enterprise Linux"
            case .centos: "CentOS"
            case .fedora: "Fedora"
            case .suse: "SUSE Linux"
            case .rocky: "Rocky Linux"
            case .almalinux: "AlmaLinux"
            case .oracle: "Oracle Linux"
            case .freebsd: "FreeBSD"
            case .bitnami: "Bitnami"
            case .windows: "Windows"
            case .unknown: "unknown"
            }
        }

        /// Default login users, most likely first: the EC2 user guide's table (reference/ssh-on-ec2.md §7).
        public var defaultUsers: [String] {
            switch self {
            case .amazonLinux2023, .amazonLinux2, .amazonLinux, .oracle, .freebsd: ["ec2-user"]
            case .ubuntu: ["ubuntu"]
            case .debian: ["admin"]
            case .rhel, .suse: ["ec2-user", "root"]
            case .centos: ["centos", "ec2-user"]
            case .fedora: ["fedora", "ec2-user"]
            // Not in AWS's table: the publishers' images as test-kitchen's kitchen-ec2 logs in to them
            // (`standard_platform/rocky.rb`, `alma.rb`); ec2-user is AWS's answer for "other".
            case .rocky: ["rocky", "ec2-user"]
            case .almalinux: ["ec2-user"]
            case .bitnami: ["bitnami"]
            // Windows images have no SSH server by default; the account EC2 sets a password for is Administrator.
            case .windows: ["Administrator"]
            case .unknown: ["ec2-user"]
            }
        }

        /// Whether `defaultUsers` is a guess rather than AWS's table.
        public var defaultUsersAreGuessed: Bool {
            switch self {
            case .unknown: true
            default: false
            }
        }
    }

    /// How far the deciding signal can be trusted.
    public enum Confidence: Int, Sendable, Hashable, Comparable, CaseIterable {
        /// Nothing pointed at a family.
        case none = 0
        /// A distribution's name inside free text (a custom image's name or description).
        case low = 1
        /// An official name pattern on an image whose owner is not the publisher (a copy, or a custom image named
        /// after its base).
        case medium = 2
        /// A billing code or the publisher's own account: nobody else can set them.
        case high = 3

        /// Orders by trust.
        public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// A DescribeImages field that pointed at a family.
    public enum Signal: String, Sendable, Hashable, CaseIterable {
        /// `Platform` (`windows`).
        case platform
        /// `PlatformDetails`.
        case platformDetails
        /// `UsageOperation`.
        case usageOperation
        /// `OwnerId`.
        case ownerId
        /// `ImageOwnerAlias`.
        case ownerAlias
        /// `Name`.
        case name
        /// `Description`.
        case description
    }

    /// One signal's say: which field, its value, and the reason in words.
    public struct Basis: Sendable, Hashable {
        /// The field.
        public var signal: Signal
        /// The field's value as given.
        public var value: String
        /// Why this points at the family, such as `the image name starts with al2023-ami-`.
        public var reason: String
        /// The family this signal points at.
        public var family: ID
        /// How far this signal alone can be trusted.
        public var confidence: Confidence

        /// Creates a basis.
        public init(signal: Signal, value: String, reason: String, family: ID, confidence: Confidence) {
            self.signal = signal
            self.value = value
            self.reason = reason
            self.family = family
            self.confidence = confidence
        }
    }

    /// The family.
    public var id: ID
    /// The family's name for people.
    public var displayName: String
    /// Login users to try, most likely first.
    public var defaultUsers: [String]
    /// Whether `defaultUsers` is a guess (unknown or ambiguous family, or a family AWS's table does not list).
    public var defaultUsersAreGuessed: Bool
    /// How far the answer can be trusted: the deciding signal's confidence.
    public var confidence: Confidence
    /// The signals that point at `id`, the deciding one first; empty when nothing pointed anywhere.
    public var basis: [Basis]
    /// Signals that point at another family (outranked, or tied so that the answer is `unknown`).
    public var conflicts: [Basis]

    /// Creates a family answer.
    public init(id: ID, displayName: String? = nil, defaultUsers: [String]? = nil, defaultUsersAreGuessed: Bool? = nil,
                confidence: Confidence, basis: [Basis] = [], conflicts: [Basis] = []) {
        self.id = id
        self.displayName = displayName ?? id.displayName
        self.defaultUsers = defaultUsers ?? id.defaultUsers
        self.defaultUsersAreGuessed = defaultUsersAreGuessed ?? id.defaultUsersAreGuessed
        self.confidence = confidence
        self.basis = basis
        self.conflicts = conflicts
    }
}
