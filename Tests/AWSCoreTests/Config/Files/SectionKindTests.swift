import AWSCore
import Testing

@Suite("What a [section] header means (botocore build_profile_map)")
struct SectionKindTests {
    @Test("Config file headers", arguments: [
        ("default", AWSConfigSection.Kind.profile("default")),
        ("profile prod", .profile("prod")),
        ("profile   prod", .profile("prod")),
        ("profile \"my profile\"", .profile("my profile")),
        ("profile 'quoted'", .profile("quoted")),
        ("profile default", .profile("default")),
        ("profile a b", .other),
        ("profile", .other),
        ("profiles", .other),
        ("profileX prod", .profile("prod")),
        ("profile \"unclosed", .other),
        ("sso-session corp", .ssoSession("corp")),
        ("sso-session", .other),
        ("services local", .services("local")),
        ("services", .other),
        ("prod", .other),
        ("Default", .other),
        ("preview", .other),
    ])
    func configHeaders(_ header: String, _ kind: AWSConfigSection.Kind) throws {
        let file = try ConfigFixtures.file("[\(header)]\nk = v\n")
        #expect(file.sections.first?.kind == kind)
    }

    @Test("Credentials file headers are profile names as written", arguments: [
        "default", "prod", "profile prod", " spaced ", "sso-session x",
    ])
    func credentialsHeaders(_ header: String) throws {
        let file = try ConfigFixtures.file("[\(header)]\nk = v\n", kind: .credentials)
        #expect(file.sections.first?.kind == .profile(header))
        #expect(file.profileSection(named: header)?["k"]?.value.text == "v")
    }

    @Test("[default] and [profile default]: the later section wins whole", arguments: [
        ("[default]\nregion = a\noutput = json\n[profile default]\nregion = b\n", "b", nil as String?),
        ("[profile default]\nregion = b\n[default]\nregion = a\noutput = json\n", "a", "json"),
    ])
    func defaultSpellings(_ text: String, _ region: String, _ output: String?) throws {
        let section = try #require(try ConfigFixtures.file(text).profileSection(named: "default"))
        #expect(section["region"]?.value.text == region)
        #expect(section["output"]?.value.text == output)
    }

    @Test("Two spellings of one profile: the later wins whole")
    func twoSpellings() throws {
        let file = try ConfigFixtures.file("[profile a]\nregion = 1\nx = 1\n[profile \"a\"]\nregion = 2\n")
        #expect(file.profileSection(named: "a")?.rendered == ["region": .text("2")])
        #expect(file.profileNames == ["a"])
    }

    @Test("sso-session and services sections are found by name")
    func namedSections() throws {
        let file = try ConfigFixtures.file("[sso-session corp]\nsso_region = eu-west-1\n[services local]\nec2 =\n  endpoint_url = http://localhost:1\n")
        #expect(file.ssoSessionSection(named: "corp")?["sso_region"]?.value.text == "eu-west-1")
        #expect(file.servicesSection(named: "local")?["ec2"]?.value.subsection?.first?.key == "endpoint_url")
        #expect(file.ssoSessionSection(named: "local") == nil)
        #expect(file.profileNames.isEmpty)
    }
}
