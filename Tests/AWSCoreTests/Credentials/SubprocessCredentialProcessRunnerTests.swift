import AWSCore
import Foundation
import Testing

/// The real subprocess runner: PATH lookup in the given environment, no shell, exit status and both streams.
@Suite("SubprocessCredentialProcessRunner")
struct SubprocessCredentialProcessRunnerTests {
    @Test("a bare program name is found on the given PATH; the child gets that environment and its arguments as is")
    func pathAndEnvironment() async throws {
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        try home.write(
            "bin/helper", "#!/bin/sh\nprintf '%s|%s|%s' \"$GREETING\" \"$1\" \"$#\"\necho 'to stderr' >&2\nexit 4\n",
            executable: true)
        let runner = SubprocessCredentialProcessRunner(environment: ["PATH": home.path + "/bin", "GREETING": "hello"])
        let output = try await runner.run(["helper", "one argument; $(not expanded)"])
        #expect(output.exitStatus == 4)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "hello|one argument; $(not expanded)|1")
        #expect(String(decoding: output.stderr, as: UTF8.self) == "to stderr\n")
        #expect(!output.description.contains("hello"))
    }

    @Test("a process ended by a signal reports 128 + the signal number")
    func signal() async throws {
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let program = try home.write("bin/die", "#!/bin/sh\nkill -KILL $$\n", executable: true)
        let output = try await SubprocessCredentialProcessRunner().run([program])
        #expect(output.exitStatus == 128 + 9)
    }

    @Test("a name on no PATH directory cannot be started")
    func notFound() async throws {
        let home = try TempHome()
        defer { withExtendedLifetime(home) {} }
        let runner = SubprocessCredentialProcessRunner(environment: ["PATH": home.path])
        let error = await #expect(throws: CredentialProcessLaunchError.self) {
            try await runner.run(["amikey-no-such-helper"])
        }
        #expect(error?.program == "amikey-no-such-helper")
        #expect(error?.description.contains("PATH") == true)
    }
}
