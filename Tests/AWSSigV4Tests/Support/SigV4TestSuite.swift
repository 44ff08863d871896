import AWSSigV4
import Foundation
import Testing

/// AWS's SigV4 test suite, bundled as the `Vectors` resource (see `Vectors/PROVENANCE.md`).
///
/// Cases are discovered at run time: every folder (nested ones included) holding a `NAME.req` is a case.
enum SigV4TestSuite {
    /// Why the bundled suite could not be read.
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// The bundled `Vectors` folder.
    static func directory() throws -> URL {
        guard let url = Bundle.module.url(forResource: "Vectors", withExtension: nil) else {
            throw Missing(description: "the Vectors resource is not in the test bundle")
        }
        return url
    }

    /// Every case, sorted by its path in the suite.
    static func cases() throws -> [SuiteCase] {
        let root = try directory().standardizedFileURL
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            throw Missing(description: "cannot list \(root.path)")
        }
        var found: [SuiteCase] = []
        for case let url as URL in walker where url.pathExtension == "req" {
            let folder = url.deletingLastPathComponent().standardizedFileURL
            let relative = String(folder.path.dropFirst(root.path.count).drop(while: { $0 == "/" }))
            found.append(try SuiteCase(folder: folder, path: relative))
        }
        return found.sorted { $0.path < $1.path }
    }

    /// The inputs every case shares, read from `PROVENANCE.md`.
    static func inputs() throws -> SuiteInputs {
        let text = try String(contentsOf: directory().appendingPathComponent("PROVENANCE.md"), encoding: .utf8)
        func value(after label: String) throws -> String {
            let pattern = try Regex("\(label)\\s+`([^`]+)`")
            guard let match = text.firstMatch(of: pattern), let value = match.output[1].substring else {
                throw Missing(description: "PROVENANCE.md names no \(label)")
            }
            return String(value)
        }
        let amzDate = try value(after: "date")
        guard let date = SigningDate(amzDate: amzDate) else { throw Missing(description: "bad date \(amzDate)") }
        return SuiteInputs(
            accessKeyID: try value(after: "access key"), secretAccessKey: try value(after: "secret"), date: date,
            region: try value(after: "region"), service: try value(after: "service"))
    }
}

/// Credentials, time and scope shared by every case.
struct SuiteInputs: Sendable {
    let accessKeyID: String
    let secretAccessKey: String
    let date: SigningDate
    let region: String
    let service: String
}

/// One case: its five files, read as text.
struct SuiteCase: Sendable, CustomTestStringConvertible {
    /// The folder's path inside the suite, e.g. `normalize-path/get-space`.
    let path: String
    /// The raw request.
    let req: String
    /// The canonical request.
    let creq: String
    /// The string to sign.
    let sts: String
    /// The `Authorization` header value.
    let authz: String
    /// The signed request, as published.
    let sreq: String

    var testDescription: String { path }

    /// The case's own name (the folder's last component).
    var name: String { String(path.split(separator: "/").last ?? "") }

    init(folder: URL, path: String) throws {
        self.path = path
        let name = folder.lastPathComponent
        func read(_ suffix: String) throws -> String {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).\(suffix)"), encoding: .utf8)
            return String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\r" }))
        }
        req = try read("req")
        creq = try read("creq")
        sts = try read("sts")
        authz = try read("authz")
        sreq = try read("sreq")
    }

    /// The `Signature=` value of `.authz`.
    var signature: String {
        String(authz.split(separator: "Signature=").last ?? "")
    }

    /// The session token, from the published signed request.
    ///
    /// Suite quirk: `.req` holds the token only in `post-sts-header-before`; `get-vanilla-with-session-token`
    /// has it only in `.creq`/`.sreq`, `post-sts-header-after` only in `.sreq` (and `readme.txt`). `.sreq`
    /// is the one file that has it in all three, and it is an input here, not something the signer derives.
    func sessionToken() throws -> String? {
        try HTTPRequestText.parse(sreq).values(forHeader: "X-Amz-Security-Token").first
    }

    /// `post-sts-header-after` adds the token after signing; every other case signs it
    /// (`post-sts-token/readme.txt`, and `get-vanilla-with-session-token.creq`).
    var securityTokenPlacement: SigV4Signer.SecurityTokenPlacement {
        name == "post-sts-header-after" ? .addedAfterSigning : .signed
    }

    /// Cases whose published `.sreq` carries a wrong `Authorization` line (see `SigV4TestSuiteTests`).
    static let signedRequestErrata: Set<String> = ["get-vanilla-with-session-token"]

    /// The signed request to expect: `.sreq`, except that for a known erratum the `Authorization` line is
    /// rebuilt from the case's own `.authz`.
    var expectedSignedRequest: String {
        guard Self.signedRequestErrata.contains(name) else { return sreq }
        return sreq.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("Authorization: ") ? "Authorization: \(authz)" : String($0) }
            .joined(separator: "\n")
    }
}
