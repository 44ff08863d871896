import Foundation

/// A login user worth trying, and why.
public struct LoginUserCandidate: Sendable, Hashable {
    /// Where a candidate comes from.
    public enum Source: Sendable, Hashable {
        /// cloud-init's authorized-keys table in the console log names this user: the instance itself says so.
        case consoleTable
        /// The image family's default users (AWS's table), when the console said nothing about this user.
        case imageFamily(ImageFamily.ID)
    }

    /// The user name.
    public var user: String
    /// Where it comes from.
    public var source: Source
    /// Whether the candidate is a guess (an unknown, ambiguous or unlisted family's default).
    public var isGuess: Bool

    /// Creates a candidate.
    public init(user: String, source: Source, isGuess: Bool = false) {
        self.user = user
        self.source = source
        self.isGuess = isGuess
    }

    /// Why this user, in words.
    public var reason: String {
        switch source {
        case .consoleTable: "the console log's authorized-keys table is for user \(user)"
        case .imageFamily(.unknown): "the image family is unknown; \(user) is AWS's default for other images"
        case .imageFamily(let family): "\(family.displayName) images log in as \(user)\(isGuess ? " (not in AWS's table: a guess)" : "")"
        }
    }
}

extension ImageFamily {
    /// Login users to try: the console table's users first (the instance's own word beats any table of defaults),
    /// in the order given, then the family's default users not already listed.
    public static func loginUsers(tableUsers: [String], family: ImageFamily) -> [LoginUserCandidate] {
        var candidates: [LoginUserCandidate] = []
        for user in tableUsers {
            let name = user.trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !candidates.contains(where: { $0.user == name }) else { continue }
            candidates.append(LoginUserCandidate(user: name, source: .consoleTable))
        }
        for user in family.defaultUsers where !candidates.contains(where: { $0.user == user }) {
            candidates.append(LoginUserCandidate(user: user, source: .imageFamily(family.id), isGuess: family.defaultUsersAreGuessed))
        }
        return candidates
    }
}
