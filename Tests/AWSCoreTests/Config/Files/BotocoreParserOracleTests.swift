import AWSCore
import Testing

/// Every file of the parsing and problem tables, plus section-naming cases, goes through botocore's own
/// `configloader.raw_config_parse` and `build_profile_map`; our parse must fail exactly when botocore's does and
/// give the same sections, profiles, sso-sessions and services otherwise.
@Suite("Parsing agrees with botocore's configloader")
struct BotocoreParserOracleTests {
    struct Input: Encodable {
        let name: String
        let text: String
    }

    struct Output: Decodable {
        let name: String
        let error: String?
        let raw: RenderedConfigSections?
        let maps: [String: RenderedConfigSections]?
    }

    static let script = #"""
    import json, os, sys, tempfile
    import botocore.configloader as loader
    out = []
    directory = tempfile.mkdtemp()
    for case in json.load(sys.stdin):
        path = os.path.join(directory, "config")
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(case["text"])
        try:
            raw = loader.raw_config_parse(path)
            built = loader.build_profile_map(raw)
            maps = {k: built[k] for k in ("profiles", "sso_sessions", "services")}
            out.append({"name": case["name"], "raw": raw, "maps": maps})
        except Exception as e:
            out.append({"name": case["name"], "error": type(e).__name__})
    json.dump(out, sys.stdout)
    """#

    static var corpus: [Input] {
        let parsing = AWSConfigFileParsingTests.cases.filter { !$0.text.hasPrefix("\u{FEFF}") }.map { Input(name: $0.name, text: $0.text) }
        let problems = ConfigFileProblemTests.cases.map { Input(name: "rejects: " + $0.name, text: $0.text) }
        let headers = [
            "default", "profile prod", "profile   prod", "profile \"my profile\"", "profile 'q'", "profile a b", "profile",
            "profiles", "profileX prod", "profile \"unclosed", "sso-session corp", "sso-session", "services local",
            "services", "prod", "Default", "DEFAULT",
        ].map { Input(name: "header [\($0)]", text: "[\($0)]\nk = v\n") }
        let extra = [
            Input(name: "default then profile default", text: "[default]\nregion = a\nx = 1\n[profile default]\nregion = b\n"),
            Input(name: "profile default then default", text: "[profile default]\nregion = b\n[default]\nregion = a\nx = 1\n"),
            Input(name: "two spellings of a profile", text: "[profile a]\nr = 1\n[profile \"a\"]\nr = 2\n"),
            Input(name: "DEFAULT reaches sso-session and services",
                  text: "[DEFAULT]\nz = 1\n[sso-session s]\nsso_region = q\n[services v]\nec2 =\n  endpoint_url = http://x\n"),
            Input(name: "full realistic config",
                  text: """
                  [default]
                  region = us-east-1
                  output = json

                  [profile prod]
                  region = eu-west-1
                  role_arn = arn:aws:iam::123456789012:role/admin
                  source_profile = default
                  services = local

                  [sso-session corp]
                  sso_start_url = https://corp.awsapps.com/start
                  sso_region = eu-west-1
                  sso_registration_scopes = sso:account:access

                  [services local]
                  ec2 =
                    endpoint_url = http://127.0.0.1:5000
                  ec2_instance_connect =
                    endpoint_url = http://127.0.0.1:5001

                  """),
            Input(name: "blank line then indented block", text: "[default]\ns3 =\n\n  a = b\n"),
            Input(name: "comment inside a block", text: "[default]\ns3 =\n  a = b\n  ; c\n  d = e\n"),
            Input(name: "key with trailing tab before =", text: "[default]\nregion\t= a\n"),
            Input(name: "key with inner spaces", text: "[default]\nmy key = a\n"),
        ]
        return parsing + problems + headers + extra
    }

    @Test("Same sections, profiles, sso-sessions and services as botocore")
    func agrees() throws {
        let corpus = Self.corpus
        let outputs = try BotocoreOracle.run(Self.script, input: corpus, as: [Output].self)
        try #require(outputs.count == corpus.count)
        // The corpus must exercise both outcomes, or agreement proves little.
        #expect(outputs.filter { $0.error != nil }.count == ConfigFileProblemTests.cases.count)
        for (input, output) in zip(corpus, outputs) {
            let ours = Result { try ConfigFixtures.file(input.text) }
            switch ours {
            case .failure(let error):
                #expect(output.error != nil, "\(input.name): we reject (\(error)) but botocore accepts")
            case .success(let file):
                #expect(output.error == nil, "\(input.name): botocore fails with \(output.error ?? "") but we accept")
                guard output.error == nil else { continue }
                #expect(file.rendered == output.raw, "\(input.name): raw sections differ")
                #expect(file.renderedMaps == output.maps, "\(input.name): profile maps differ")
            }
        }
    }
}
