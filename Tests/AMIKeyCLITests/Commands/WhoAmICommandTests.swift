import AMIKeyTestSupport
import AWSCore
import AWSTestSupport
import Foundation
import Testing

@testable import AMIKeyCLI

/// `amikey whoami` against a real moto server: the identity STS reports, and where profile, region, endpoint
/// and credentials came from, for each way a user sets them.
@Suite("amikey whoami")
struct WhoAmICommandTests {
    /// A CLI whose AWS calls go to moto, with a temporary HOME and no instance metadata (not on EC2).
    private static func cli(_ variables: [String: String] = [:]) async throws -> (CLI, MotoServer) {
        let moto = try await MotoServer.shared()
        var cli = try CLI()
        cli.network = { AWSNetwork(transport: moto.transport, close: {}) }
        cli.variables = ["HOME": cli.directory.path("home"), "AWS_EC2_METADATA_DISABLED": "true"]
            .merging(variables) { $1 }
        return (cli, moto)
    }

    /// The value of a text row (`Label   value`), whatever the column width.
    private static func row(_ label: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(label + "  ") }
            .map { $0.dropFirst(label.count).drop { $0 == " " } }.map(String.init)
    }

    private static func write(_ cli: CLI, config: String? = nil, credentials: String? = nil) throws {
        try FileManager.default.createDirectory(atPath: cli.directory.path("home/.aws"), withIntermediateDirectories: true)
        if let config { _ = try cli.directory.write("home/.aws/config", config) }
        if let credentials { _ = try cli.directory.write("home/.aws/credentials", credentials) }
    }

    @Test("environment keys, AWS_REGION and AWS_ENDPOINT_URL: each origin is named")
    func environment() async throws {
        let moto = try await MotoServer.shared()
        let (cli, _) = try await Self.cli([
            "AWS_ACCESS_KEY_ID": MotoServer.credentials.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": MotoServer.credentials.secretAccessKey,
            "AWS_REGION": "ap-northeast-1", "AWS_ENDPOINT_URL": moto.baseURL,
        ])
        let run = await cli.run("whoami")
        #expect(run.status == 0, "\(run.allOutput)")
        #expect(Self.row("Account", in: run.stdout)?.hasPrefix("123456789012") == true)
        #expect(Self.row("Identity", in: run.stdout)?.hasPrefix("arn:aws:sts::123456789012:user/moto") == true)
        #expect(Self.row("Profile", in: run.stdout)?.hasPrefix("default (from the default)") == true)
        #expect(Self.row("Region", in: run.stdout)?.hasPrefix("ap-northeast-1 (from environment variable AWS_REGION)") == true)
        #expect(Self.row("EC2 endpoint", in: run.stdout) == "\(moto.baseURL) (from environment variable AWS_ENDPOINT_URL)")
        #expect(run.stdout.contains("(from environment variable AWS_ACCESS_KEY_ID)"))
        #expect(!run.allOutput.contains(MotoServer.credentials.secretAccessKey))
    }

    @Test("--profile with region and endpoint_url in ~/.aws/config and keys in ~/.aws/credentials: file and line")
    func profileFromFiles() async throws {
        let (cli, moto) = try await Self.cli()
        try Self.write(
            cli, config: "[profile prod]\nregion = eu-west-1\nendpoint_url = \(moto.baseURL)\n",
            credentials: "[prod]\naws_access_key_id = AKIAPRODEXAMPLE00001\naws_secret_access_key = prodSecretValue\n")
        let run = await cli.run("whoami", "--profile", "prod", "--output", "json")
        #expect(run.status == 0, "\(run.allOutput)")
        let json = try run.json()
        #expect(json.keys == ["account", "arn", "userId", "profile", "region", "endpoints", "credentials"])
        #expect(json["account"]?.string == "123456789012")
        #expect(json["profile"]?["value"]?.string == "prod")
        #expect(json["profile"]?["origin"]?.string == "--profile")
        let config = cli.directory.path("home/.aws/config")
        #expect(json["region"]?["value"]?.string == "eu-west-1")
        #expect(json["region"]?["origin"]?.string == "[profile prod] in \(config), line 2")
        #expect(json["endpoints"]?[0]?["service"]?.string == "ec2")
        #expect(json["endpoints"]?[0]?["url"]?.string == moto.baseURL)
        #expect(json["endpoints"]?[0]?["origin"]?.string == "[profile prod] in \(config), line 3")
        #expect(json["credentials"]?["source"]?.string == "access key AKIAPRODEXAMPLE00001")
        #expect(json["credentials"]?["origin"]?.string.map { $0.contains("home/.aws/credentials") } == true)
        #expect(!run.allOutput.contains("prodSecretValue"))
    }

    @Test("a role profile assumes the role: the identity is in the role's account; --debug shows no secret")
    func assumeRole() async throws {
        let (cli, moto) = try await Self.cli()
        try Self.write(
            cli,
            config: """
                [profile base]
                region = us-east-1
                [profile account-b]
                role_arn = arn:aws:iam::222222222222:role/amikey-admin
                source_profile = base
                region = us-west-2

                """,
            credentials: "[base]\naws_access_key_id = AKIABASEEXAMPLE00001\naws_secret_access_key = baseSecretValue\n")
        let run = await cli.run("whoami", "--profile", "account-b", "--endpoint-url", moto.baseURL, "--debug")
        #expect(run.status == 0, "\(run.allOutput)")
        #expect(Self.row("Account", in: run.stdout)?.hasPrefix("222222222222") == true)
        #expect(run.stdout.contains("assumed-role/amikey-admin/"))
        #expect(Self.row("Region", in: run.stdout) == "us-west-2 (from [profile account-b] in ~/.aws/config, line 6)")
        #expect(Self.row("EC2 endpoint", in: run.stdout) == "\(moto.baseURL) (from --endpoint-url)")
        #expect(run.stdout.contains("assume role arn:aws:iam::222222222222:role/amikey-admin with profile 'base'"))
        #expect(run.stderr.contains("AssumeRole attempt 1"))
        #expect(run.stderr.contains("GetCallerIdentity attempt 1"))
        #expect(!run.allOutput.contains("baseSecretValue"))
        let debugLines = run.stderr.split(separator: "\n")
        #expect(!debugLines.contains { $0.contains("<SecretAccessKey>") && !$0.contains("REDACTED") && !$0.contains("redacted") })
    }

    @Test(
        "what cannot work fails with exit 3 and says what to fix",
        arguments: [
            (["whoami", "--profile", "nope"], "nope"),
            (["whoami", "--region", "not a region"], "not a region"),
            (["whoami", "--endpoint-url", "http://example.com"], "example.com"),
        ])
    func failures(_ arguments: [String], _ mentioned: String) async throws {
        let (cli, _) = try await Self.cli([
            "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE000000001", "AWS_SECRET_ACCESS_KEY": "s", "AWS_REGION": "us-east-1",
        ])
        let run = await cli.run(arguments)
        #expect(run.status == 3, "\(run.allOutput)")
        #expect(run.stderr.hasPrefix("amikey: "))
        #expect(run.stderr.contains(mentioned))
        #expect(run.stdout.isEmpty)
    }

    @Test("no region anywhere: exit 3 with how to set one; JSON carries {error: {code, message}}")
    func noRegion() async throws {
        let (cli, _) = try await Self.cli(["AWS_ACCESS_KEY_ID": "AKIAEXAMPLE000000001", "AWS_SECRET_ACCESS_KEY": "s"])
        let run = await cli.run("whoami", "--output", "json")
        #expect(run.status == 3)
        let error = try #require(try run.json()["error"])
        #expect(error.keys == ["code", "message"])
        #expect(error["code"]?.string == "configuration")
        #expect(error["message"]?.string?.contains("use --region, set AWS_REGION") == true)
    }

    @Test(
        "AWS_MAX_ATTEMPTS and max_attempts set the attempt budget: two throttled answers need three attempts",
        arguments: [(["AWS_MAX_ATTEMPTS": "2"], nil, 3), (["AWS_MAX_ATTEMPTS": "3"], nil, 0), ([:], "2", 3), ([:], nil, 0)]
            as [([String: String], String?, Int32)])
    func attemptBudget(_ variables: [String: String], _ profileAttempts: String?, _ status: Int32) async throws {
        let moto = try await MotoServer.shared()
        let proxy = try await FaultInjectingProxy.start(
            upstream: moto.baseURL, transport: moto.transport, action: "GetCallerIdentity", faults: [.throttle, .throttle])
        var (cli, _) = try await Self.cli(
            [
                "AWS_ACCESS_KEY_ID": "AKIAEXAMPLE000000001", "AWS_SECRET_ACCESS_KEY": "s", "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": proxy.baseURL,
            ].merging(variables) { $1 })
        cli.clock = ManualClock()
        try Self.write(cli, config: profileAttempts.map { "[default]\nmax_attempts = \($0)\n" } ?? "")
        let run = await cli.run("whoami", "--output", "json")
        try await proxy.shutdown()
        #expect(run.status == status, "\(run.allOutput)")
        let attempts = proxy.received(action: "GetCallerIdentity")
        if status == 0 {
            #expect(attempts == 3)
            #expect(try run.json()["account"]?.string == "123456789012")
        } else {
            #expect(attempts == 2)
            #expect(try run.json()["error"]?["code"]?.string == "RequestLimitExceeded")
        }
    }
}
