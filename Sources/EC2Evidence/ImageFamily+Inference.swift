import Foundation

extension ImageFamily {
    /// Infers the family from DescribeImages facts; total: facts that say nothing give `unknown` with `ec2-user`.
    ///
    /// Each field is read on its own (billing codes, the publisher accounts and name patterns of
    /// reference/ssh-on-ec2.md §7, then distribution names in free text); the most trusted one decides, ties go to
    /// the field listed first in `Signal`, and two families in the same free text make the answer `unknown`.
    public static func infer(_ facts: ImageFacts) -> ImageFamily {
        let marketplace = facts.ownerId.map(trimmed) == Owner.marketplace || facts.ownerAlias.map(lowered) == "aws-marketplace"
        var findings: [Basis] = []
        if let platform = facts.platform { findings += readPlatform(platform) }
        if let details = facts.platformDetails { findings += readPlatformDetails(details) }
        if let operation = facts.usageOperation { findings += readUsageOperation(operation) }
        if let owner = facts.ownerId { findings += readOwner(owner, name: facts.name) }
        if let alias = facts.ownerAlias { findings += readOwnerAlias(alias, name: facts.name) }
        if let name = facts.name {
            findings += readNamePattern(name)
            // A Marketplace product's name is the seller's listing, not a colleague's free text.
            findings += readWords(name, signal: .name, confidence: marketplace ? .medium : .low)
        }
        if let description = facts.description { findings += readWords(description, signal: .description, confidence: .low) }
        return decide(findings)
    }

    // MARK: Deciding

    private static func decide(_ findings: [Basis]) -> ImageFamily {
        guard let top = findings.map(\.confidence).max() else {
            return ImageFamily(id: .unknown, confidence: .none)
        }
        let ranked = findings.filter { $0.confidence == top }
        // Signal's declaration order is its priority: billing fields, then owner, then name, then description.
        let signal = Signal.allCases.first { candidate in ranked.contains { $0.signal == candidate } }!
        let candidates = unique(ranked.filter { $0.signal == signal }.map(\.family))
        guard candidates.count == 1 else {
            // Two families in the same field: try the users of both, then AWS's answer for "other".
            let users = unique(candidates.flatMap(\.defaultUsers) + ["ec2-user"])
            return ImageFamily(id: .unknown, defaultUsers: users, defaultUsersAreGuessed: true, confidence: .none,
                               conflicts: findings)
        }
        var id = candidates[0]
        // "Amazon Linux" of no known version gives way to any signal that names the version.
        if id == .amazonLinux {
            let versions = unique(findings.map(\.family).filter { $0 == .amazonLinux2023 || $0 == .amazonLinux2 })
            if versions.count == 1 { id = versions[0] }
        }
        let agrees = { (basis: Basis) in basis.family == id || (basis.family == .amazonLinux && id.isAmazonLinux) }
        let order = { (lhs: Basis, rhs: Basis) -> Bool in
            if lhs.confidence != rhs.confidence { return lhs.confidence > rhs.confidence }
            return Signal.allCases.firstIndex(of: lhs.signal)! < Signal.allCases.firstIndex(of: rhs.signal)!
        }
        return ImageFamily(id: id, confidence: top, basis: findings.filter(agrees).sorted(by: order),
                           conflicts: findings.filter { !agrees($0) }.sorted(by: order))
    }

    // MARK: Billing fields (billing-info-fields.md, quoted in reference/ssh-on-ec2.md §7)

    private static func readPlatform(_ value: String) -> [Basis] {
        guard lowered(value) == "windows" else { return [] }
        return [Basis(signal: .platform, value: value, reason: "Platform is windows", family: .windows, confidence: .high)]
    }

    private static func readPlatformDetails(_ value: String) -> [Basis] {
        let text = lowered(value)
        let family: ID? = if text.hasPrefix("windows") { .windows }
            else if text.hasPrefix("red hat") { .rhel }
            else if text.hasPrefix("suse") { .suse }
            else if text.hasPrefix("ubuntu pro") { .ubuntu }
            else { nil }
        guard let family else { return [] }
        return [Basis(signal: .platformDetails, value: value, reason: "PlatformDetails is \(trimmed(value))", family: family, confidence: .high)]
    }

    /// UsageOperation codes per family; plain `RunInstances` (Linux/UNIX) says nothing.
    private static let operations: [(codes: Set<String>, family: ID)] = [
        (["0002", "0800", "0102", "0006", "0202"], .windows),
        (["0010", "00g0", "1010", "0014", "0110", "0210", "1014", "1110"], .rhel),
        (["000g"], .suse),
        (["0g00"], .ubuntu),
    ]

    private static func readUsageOperation(_ value: String) -> [Basis] {
        let text = lowered(value)
        guard text.hasPrefix("runinstances:") else { return [] }
        let code = String(text.dropFirst("runinstances:".count))
        guard let family = operations.first(where: { $0.codes.contains(code) })?.family else { return [] }
        return [Basis(signal: .usageOperation, value: value,
                      reason: "UsageOperation \(trimmed(value)) is the billing code for \(family.displayName)",
                      family: family, confidence: .high)]
    }

    // MARK: Owner

    /// Publisher accounts (reference/ssh-on-ec2.md §7).
    enum Owner {
        static let amazon = "137112412989"
        static let canonical = "099720109477"
        static let debian = "136693071363"
        static let redHat = "309956199498"
        static let suse = "013907871322"
        static let marketplace = "679593333241"
        /// The Rocky Enterprise Software Foundation's community images (`Rocky-9-EC2-…`), as test-kitchen's
        /// kitchen-ec2 finds them (`standard_platform/rocky.rb`).
        static let rocky = "792107900819"
        /// The AlmaLinux OS Foundation's community images (`AlmaLinux OS 9.…`), likewise (`standard_platform/alma.rb`).
        static let almaLinux = "764336703387"
    }

    private static let publishers: [String: (name: String, family: ID)] = [
        Owner.canonical: ("Canonical", .ubuntu), Owner.debian: ("Debian", .debian),
        Owner.redHat: ("Red Hat", .rhel), Owner.suse: ("SUSE", .suse),
        Owner.rocky: ("the Rocky Enterprise Software Foundation", .rocky), Owner.almaLinux: ("the AlmaLinux OS Foundation", .almalinux),
    ]

    /// Amazon Linux name prefixes, newest first.
    private static let amazonPrefixes: [(prefix: String, family: ID)] = [
        ("al2023-ami-", .amazonLinux2023), ("amzn2-ami-", .amazonLinux2), ("amzn-ami-", .amazonLinux),
    ]

    private static func readOwner(_ value: String, name: String?) -> [Basis] {
        let owner = trimmed(value)
        if let publisher = publishers[owner] {
            return [Basis(signal: .ownerId, value: value, reason: "the owner \(owner) is \(publisher.name)",
                          family: publisher.family, confidence: .high)]
        }
        guard owner == Owner.amazon else { return [] }
        if let name, let match = amazonPrefixes.first(where: { lowered(name).hasPrefix($0.prefix) }) {
            return [Basis(signal: .ownerId, value: value, reason: "the owner \(owner) is Amazon and the image name starts with \(match.prefix)",
                          family: match.family, confidence: .high)]
        }
        return [Basis(signal: .ownerId, value: value,
                      reason: "the owner \(owner) is Amazon, whose images are Amazon Linux; the name does not say which version",
                      family: .amazonLinux, confidence: .low)]
    }

    private static func readOwnerAlias(_ value: String, name: String?) -> [Basis] {
        // `amazon` also covers Amazon's Windows images, so the alias decides only with an Amazon Linux name.
        guard lowered(value) == "amazon", let name, let match = amazonPrefixes.first(where: { lowered(name).hasPrefix($0.prefix) }) else { return [] }
        return [Basis(signal: .ownerAlias, value: value, reason: "the owner alias is amazon and the image name starts with \(match.prefix)",
                      family: match.family, confidence: .high)]
    }

    // MARK: Name and description

    /// The publishers' name patterns (reference/ssh-on-ec2.md §7); anyone can copy them, hence medium.
    private static let namePrefixes: [(prefix: String, digitFollows: Bool, family: ID)] = [
        ("al2023-ami-", false, .amazonLinux2023), ("amzn2-ami-", false, .amazonLinux2), ("amzn-ami-", false, .amazonLinux),
        ("ubuntu/images/", false, .ubuntu), ("debian-", true, .debian), ("rhel-", true, .rhel), ("suse-sles-", false, .suse),
        ("rocky-", true, .rocky), ("almalinux os ", true, .almalinux),
    ]

    private static func readNamePattern(_ value: String) -> [Basis] {
        let text = lowered(value)
        for pattern in namePrefixes where text.hasPrefix(pattern.prefix) {
            if pattern.digitFollows, !(text.dropFirst(pattern.prefix.count).first?.isNumber ?? false) { continue }
            let shown = String(trimmed(value).prefix(pattern.prefix.count))
            return [Basis(signal: .name, value: value, reason: "the image name starts with \(shown)", family: pattern.family, confidence: .medium)]
        }
        return []
    }

    /// Distribution names looked for as words in free text, most specific first within a family.
    private static let words: [(needles: [String], family: ID)] = [
        (["bitnami"], .bitnami),
        (["al2023", "amazon linux 2023", "amazon-linux-2023", "amazonlinux2023"], .amazonLinux2023),
        (["amzn2", "al2", "amazon linux 2", "amazon-linux-2", "amazonlinux2"], .amazonLinux2),
        (["amzn", "amazon linux", "amazon-linux", "amazonlinux"], .amazonLinux),
        (["ubuntu"], .ubuntu),
        (["debian"], .debian),
        (["rhel", "red hat", "redhat"], .rhel),
        (["centos"], .centos),
        (["fedora"], .fedora),
        (["suse", "opensuse", "sles"], .suse),
        (["rocky", "rockylinux"], .rocky),
        (["almalinux", "alma linux", "alma-linux"], .almalinux),
        (["oracle linux", "oraclelinux", "oracle-linux"], .oracle),
        (["freebsd"], .freebsd),
        (["windows"], .windows),
    ]

    /// Families whose names appear as words in `value`; Bitnami images name their base system too, and a versioned
    /// Amazon Linux makes the unversioned one redundant.
    private static func readWords(_ value: String, signal: Signal, confidence: Confidence) -> [Basis] {
        let text = lowered(value)
        var found: [(family: ID, needle: String)] = []
        for entry in words {
            if let needle = entry.needles.first(where: { containsWord(text, $0) }) { found.append((entry.family, needle)) }
        }
        if let bitnami = found.first(where: { $0.family == .bitnami }) { found = [bitnami] }
        if found.contains(where: { $0.family == .amazonLinux2023 || $0.family == .amazonLinux2 }) {
            found.removeAll { $0.family == .amazonLinux }
        }
        let field = signal == .name ? "the image name" : "the description"
        return found.map {
            Basis(signal: signal, value: value, reason: "\(field) contains \"\($0.needle)\"", family: $0.family, confidence: confidence)
        }
    }

    /// Whether `needle` occurs in `text` as a word: no letter before it, and after it no letter (nor a digit, when
    /// the needle ends in one, so `al2` is not found in `al2023` while `rhel` is found in `rhel9`).
    static func containsWord(_ text: String, _ needle: String) -> Bool {
        var start = text.startIndex
        while let range = text.range(of: needle, range: start..<text.endIndex) {
            let before = text[..<range.lowerBound].last
            let after = text[range.upperBound...].first
            let endsInDigit = needle.last?.isNumber ?? false
            let boundaryBefore = !(before?.isLetter ?? false)
            let boundaryAfter = !(after?.isLetter ?? false) && !(endsInDigit && (after?.isNumber ?? false))
            if boundaryBefore && boundaryAfter { return true }
            start = text.index(after: range.lowerBound)
        }
        return false
    }

    // MARK: Helpers

    private static func trimmed(_ value: String) -> String { value.trimmingCharacters(in: .whitespacesAndNewlines) }
    private static func lowered(_ value: String) -> String { trimmed(value).lowercased() }

    private static func unique<T: Equatable>(_ values: [T]) -> [T] {
        var result: [T] = []
        for value in values where !result.contains(value) { result.append(value) }
        return result
    }
}

extension ImageFamily.ID {
    /// Any Amazon Linux.
    var isAmazonLinux: Bool { self == .amazonLinux2023 || self == .amazonLinux2 || self == .amazonLinux }
}
