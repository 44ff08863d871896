import AMIKeyWorkflows
import Testing

/// Finding the lab's Python package: option, environment, then upwards from the executable or working directory.
@Suite("LabSource")
struct LabSourceTests {
    static func files() -> InMemoryFileSystem {
        let files = InMemoryFileSystem()
        files.add("/src/amikey/Lab/amikey_lab/__main__.py", "")
        files.add("/opt/other/Lab/amikey_lab/__main__.py", "")
        files.makeDirectory("/srv/elsewhere")
        return files
    }

    static func context(_ files: InMemoryFileSystem, environment: [String: String] = [:], cwd: String = "/srv/elsewhere")
        -> WorkflowContext
    {
        WorkflowContext(fileSystem: files, environment: environment, homeDirectory: "/root", currentDirectory: cwd)
    }

    @Test(
        "each place the source can come from, in precedence order",
        arguments: [
            ("/opt/other", [LabSource.environmentVariable: "/src/amikey"], "/src/amikey/.build/debug/amikey", "/srv/elsewhere", "/opt/other"),
            ("/opt/other/Lab", [:], nil, "/srv/elsewhere", "/opt/other"),
            (nil, [LabSource.environmentVariable: "/opt/other"], "/src/amikey/.build/debug/amikey", "/srv/elsewhere", "/opt/other"),
            (nil, [:], "/src/amikey/.build/debug/amikey", "/opt/other", "/src/amikey"),
            (nil, [:], "/usr/local/bin/amikey", "/src/amikey/Sources/AMIKeyCLI", "/src/amikey"),
            (nil, [:], "../../src/amikey/.build/release/amikey", "/srv/elsewhere", "/src/amikey"),
        ] as [(String?, [String: String], String?, String, String)])
    func locate(_ given: String?, _ environment: [String: String], _ executable: String?, _ cwd: String, _ root: String) throws {
        let files = Self.files()
        files.makeDirectory(cwd)
        let source = try LabSource.locate(given: given, executablePath: executable, context: Self.context(files, environment: environment, cwd: cwd))
        #expect(source.root == root)
        #expect(source.pythonPath == root + "/Lab")
    }

    @Test("nowhere to be found: no-lab-source, saying where it looked and what to give")
    func missing() {
        let error = #expect(throws: LabFailure.self) {
            _ = try LabSource.locate(given: nil, executablePath: "/usr/bin/amikey", context: Self.context(InMemoryFileSystem()))
        }
        #expect(error?.code == "no-lab-source")
        #expect(error?.message.contains("above /usr/bin or /srv/elsewhere") == true)
        #expect(error?.message.contains("--lab-source DIR or set AMIKEY_LAB_SOURCE") == true)
    }

    @Test("a named directory without the package is an error, not a fallback")
    func wrongGiven() {
        let error = #expect(throws: LabFailure.self) {
            _ = try LabSource.locate(given: "/srv/elsewhere", executablePath: "/src/amikey/.build/debug/amikey", context: Self.context(Self.files()))
        }
        #expect(error?.message.hasPrefix("--lab-source names /srv/elsewhere, which holds no Lab/amikey_lab/__main__.py") == true)
    }
}
