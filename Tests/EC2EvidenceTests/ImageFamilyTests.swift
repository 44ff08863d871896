import EC2Evidence
import Testing

/// Families from DescribeImages facts. Owner accounts, official names and billing codes are those of
/// reference/ssh-on-ec2.md §7; the image names are the publishers' patterns with real-looking dates.
@Suite("ImageFamily")
struct ImageFamilyTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let facts: ImageFacts
        let family: ImageFamily.ID
        let confidence: ImageFamily.Confidence
        /// The deciding signal; nil when nothing decided.
        let signal: ImageFamily.Signal?
        var testDescription: String { name }
    }

    static let amazon = "137112412989", canonical = "099720109477", debian = "136693071363", redHat = "309956199498"
    static let suse = "013907871322", marketplace = "679593333241", someone = "111122223333"

    static let cases: [Case] = [
        // Publishers' own images.
        Case(name: "AL2023 by Amazon", facts: .init(ownerId: amazon, ownerAlias: "amazon", name: "al2023-ami-2023.3.20240122.0-kernel-6.1-x86_64",
             platformDetails: "Linux/UNIX", usageOperation: "RunInstances"), family: .amazonLinux2023, confidence: .high, signal: .ownerId),
        Case(name: "AL2 by Amazon", facts: .init(ownerId: amazon, name: "amzn2-ami-kernel-5.10-hvm-2.0.20240131.0-x86_64-gp2"),
             family: .amazonLinux2, confidence: .high, signal: .ownerId),
        Case(name: "AL1 by Amazon", facts: .init(ownerId: amazon, name: "amzn-ami-hvm-2018.03.0.20231218.0-x86_64-gp2"),
             family: .amazonLinux, confidence: .high, signal: .ownerId),
        Case(name: "AL2023 by the amazon alias only", facts: .init(ownerAlias: "amazon", name: "al2023-ami-minimal-2023.3.20240122.0-kernel-6.1-arm64"),
             family: .amazonLinux2023, confidence: .high, signal: .ownerAlias),
        Case(name: "Amazon's image of no known name", facts: .init(ownerId: amazon, name: "some-new-amazon-image"),
             family: .amazonLinux, confidence: .low, signal: .ownerId),
        Case(name: "Ubuntu by Canonical", facts: .init(ownerId: canonical, name: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240207.1"),
             family: .ubuntu, confidence: .high, signal: .ownerId),
        Case(name: "Debian by Debian", facts: .init(ownerId: debian, name: "debian-12-amd64-20240201-1647"),
             family: .debian, confidence: .high, signal: .ownerId),
        Case(name: "RHEL by Red Hat, billed as RHEL", facts: .init(ownerId: redHat, name: "RHEL-9.3.0_HVM-20240117-x86_64-49-Hourly2-GP3",
             platformDetails: "Red Hat Enterprise Linux", usageOperation: "RunInstances:0010"), family: .rhel, confidence: .high, signal: .platformDetails),
        Case(name: "SLES by SUSE", facts: .init(ownerId: suse, name: "suse-sles-15-sp5-v20240129-hvm-ssd-x86_64",
             platformDetails: "SUSE Linux", usageOperation: "RunInstances:000g"), family: .suse, confidence: .high, signal: .platformDetails),
        Case(name: "owner id with spaces", facts: .init(ownerId: " 099720109477 "), family: .ubuntu, confidence: .high, signal: .ownerId),
        // Billing codes: nobody but the publisher can set them, whatever the name says.
        Case(name: "Ubuntu Pro billing", facts: .init(ownerId: someone, name: "golden-image", platformDetails: "Ubuntu Pro", usageOperation: "RunInstances:0g00"),
             family: .ubuntu, confidence: .high, signal: .platformDetails),
        Case(name: "Windows", facts: .init(ownerId: "801119661308", ownerAlias: "amazon", name: "Windows_Server-2022-English-Full-Base-2024.02.14",
             platformDetails: "Windows", usageOperation: "RunInstances:0002", platform: "windows"), family: .windows, confidence: .high, signal: .platform),
        Case(name: "Windows BYOL code only", facts: .init(usageOperation: "RunInstances:0800"), family: .windows, confidence: .high, signal: .usageOperation),
        Case(name: "RHEL BYOL", facts: .init(ownerId: someone, name: "app-server", platformDetails: "Red Hat BYOL Linux", usageOperation: "RunInstances:00g0"),
             family: .rhel, confidence: .high, signal: .platformDetails),
        Case(name: "RHEL with SQL Server code only", facts: .init(usageOperation: "RunInstances:0014"), family: .rhel, confidence: .high, signal: .usageOperation),
        Case(name: "billing beats the name", facts: .init(ownerId: someone, name: "ubuntu-custom", platformDetails: "Red Hat Enterprise Linux"),
             family: .rhel, confidence: .high, signal: .platformDetails),
        // Community images of distributions AWS's table leaves out, by their publishers' accounts.
        Case(name: "Rocky by its foundation", facts: .init(ownerId: "792107900819", name: "Rocky-9-EC2-Base-9.5-20241118.0.x86_64"),
             family: .rocky, confidence: .high, signal: .ownerId),
        Case(name: "AlmaLinux by its foundation", facts: .init(ownerId: "764336703387", name: "AlmaLinux OS 9.5.20241120 x86_64"),
             family: .almalinux, confidence: .high, signal: .ownerId),
        Case(name: "Rocky's name pattern elsewhere", facts: .init(ownerId: someone, name: "Rocky-8-ec2-8.5-20211114.2.x86_64"),
             family: .rocky, confidence: .medium, signal: .name),
        // Marketplace: the seller's product name.
        Case(name: "AlmaLinux on Marketplace", facts: .init(ownerId: marketplace, ownerAlias: "aws-marketplace",
             name: "AlmaLinux OS 9.3.20231124 x86_64-c47e1e57-1e2b-4f0c-a2f4-3a2b1c0d9e8f"), family: .almalinux, confidence: .medium, signal: .name),
        Case(name: "openSUSE on Marketplace", facts: .init(ownerId: marketplace, name: "openSUSE-Leap-15.5-v20230928-hvm-ssd-x86_64-5535c495-72d4-4355-b169-54ffa874f849"),
             family: .suse, confidence: .medium, signal: .name),
        Case(name: "CentOS on Marketplace", facts: .init(ownerAlias: "aws-marketplace", name: "CentOS-7-2111-20220825_1.x86_64-d9a3032a-921c-4c6d-b150-bde168105e42"),
             family: .centos, confidence: .medium, signal: .name),
        // Copies and custom images: names are free text.
        Case(name: "a copy keeping AL2's name", facts: .init(ownerId: someone, name: "amzn2-ami-kernel-5.10-hvm-2.0.20240131.0-x86_64-gp2"),
             family: .amazonLinux2, confidence: .medium, signal: .name),
        Case(name: "custom name with al2023", facts: .init(ownerId: someone, name: "prod-web-al2023-2024-01", platformDetails: "Linux/UNIX"),
             family: .amazonLinux2023, confidence: .low, signal: .name),
        Case(name: "custom Ubuntu, upper case", facts: .init(ownerId: someone, name: "UBUNTU-22.04-Golden"), family: .ubuntu, confidence: .low, signal: .name),
        Case(name: "custom Rocky", facts: .init(ownerId: someone, name: "rocky9-base"), family: .rocky, confidence: .low, signal: .name),
        Case(name: "custom RHEL", facts: .init(ownerId: someone, name: "rhel9-hardened-2024"), family: .rhel, confidence: .low, signal: .name),
        Case(name: "custom Fedora", facts: .init(ownerId: someone, name: "fedora-cloud-39"), family: .fedora, confidence: .low, signal: .name),
        Case(name: "custom FreeBSD", facts: .init(ownerId: someone, name: "FreeBSD 14.0-RELEASE-amd64"), family: .freebsd, confidence: .low, signal: .name),
        Case(name: "custom Windows name only", facts: .init(ownerId: someone, name: "Windows_Server-2019-custom"), family: .windows, confidence: .low, signal: .name),
        Case(name: "Bitnami names its base system too", facts: .init(ownerId: "979382823631", name: "bitnami-wordpress-6.4.3-0-r05-linux-debian-11-x86_64-hvm-ebs-nami"),
             family: .bitnami, confidence: .low, signal: .name),
        Case(name: "the name beats the description", facts: .init(ownerId: someone, name: "centos-7-golden", description: "migrated from Debian"),
             family: .centos, confidence: .low, signal: .name),
        Case(name: "description only", facts: .init(ownerId: someone, name: "web-2024-01-15", description: "Amazon Linux 2023 AMI 2023.3.20240122.0 x86_64 HVM kernel-6.1"),
             family: .amazonLinux2023, confidence: .low, signal: .description),
        Case(name: "Oracle's own naming is not recognised, its description is", facts: .init(name: "OL8.9-x86_64-HVM-2024-02-02",
             description: "Oracle Linux 8 update 9 for x86_64 HVM"), family: .oracle, confidence: .low, signal: .description),
        // Amazon of no known version gives way to a signal that names it.
        Case(name: "Amazon owner, version from the description", facts: .init(ownerId: amazon, name: "eks-node", description: "Amazon Linux 2 Kernel 5.10 AMI 2.0.20240131.0"),
             family: .amazonLinux2, confidence: .low, signal: .ownerId),
        // Nothing, or not safely.
        Case(name: "ambiguous custom name", facts: .init(ownerId: someone, name: "ubuntu-to-debian-migration-test"), family: .unknown, confidence: .none, signal: nil),
        Case(name: "plain custom image", facts: .init(ownerId: someone, name: "webserver-2024-01-15", platformDetails: "Linux/UNIX", usageOperation: "RunInstances"),
             family: .unknown, confidence: .none, signal: nil),
        Case(name: "no facts", facts: .init(), family: .unknown, confidence: .none, signal: nil),
        Case(name: "rockyou is not Rocky", facts: .init(name: "rockyou-wordlists"), family: .unknown, confidence: .none, signal: nil),
        Case(name: "almanac is not AlmaLinux", facts: .init(name: "almanac-app"), family: .unknown, confidence: .none, signal: nil),
        Case(name: "an Oracle database is not Oracle Linux", facts: .init(name: "oracle-db-19c"), family: .unknown, confidence: .none, signal: nil),
        Case(name: "windowsill is not Windows", facts: .init(name: "windowsill-sensor"), family: .unknown, confidence: .none, signal: nil),
        Case(name: "al2 is not inside al20230101", facts: .init(name: "backup-al20230101"), family: .unknown, confidence: .none, signal: nil),
        Case(name: "debianized is not Debian", facts: .init(name: "debianized-build"), family: .unknown, confidence: .none, signal: nil),
    ]

    @Test("family, confidence and deciding signal", arguments: cases)
    func infer(_ testCase: Case) {
        let family = ImageFamily.infer(testCase.facts)
        #expect(family.id == testCase.family)
        #expect(family.confidence == testCase.confidence)
        #expect(family.basis.first?.signal == testCase.signal)
        #expect(family.basis.allSatisfy { $0.family == family.id || $0.family == .amazonLinux })
        #expect(family.conflicts.allSatisfy { $0.family != family.id })
        if family.id != .unknown || family.conflicts.isEmpty { #expect(family.defaultUsers == family.id.defaultUsers) }
    }

    @Test("default users follow AWS's table", arguments: [
        (ImageFamily.ID.amazonLinux2023, ["ec2-user"]), (.amazonLinux2, ["ec2-user"]), (.amazonLinux, ["ec2-user"]),
        (.ubuntu, ["ubuntu"]), (.debian, ["admin"]), (.rhel, ["ec2-user", "root"]), (.centos, ["centos", "ec2-user"]),
        (.fedora, ["fedora", "ec2-user"]), (.suse, ["ec2-user", "root"]), (.oracle, ["ec2-user"]), (.freebsd, ["ec2-user"]),
        (.bitnami, ["bitnami"]), (.rocky, ["rocky", "ec2-user"]), (.almalinux, ["ec2-user"]), (.windows, ["Administrator"]),
        (.unknown, ["ec2-user"]),
    ])
    func defaultUsers(_ id: ImageFamily.ID, _ users: [String]) {
        #expect(id.defaultUsers == users)
    }

    @Test("the reason a report quotes")
    func reasons() {
        let amazon = ImageFamily.infer(.init(ownerId: Self.amazon, name: "al2023-ami-2023.3.20240122.0-kernel-6.1-x86_64"))
        #expect(amazon.basis.map(\.reason) == [
            "the owner 137112412989 is Amazon and the image name starts with al2023-ami-",
            "the image name starts with al2023-ami-",
            "the image name contains \"al2023\"",
        ])
        #expect(amazon.displayName == "Amazon Linux 2023")
        #expect(!amazon.defaultUsersAreGuessed)
        let billed = ImageFamily.infer(.init(usageOperation: "RunInstances:0010"))
        #expect(billed.basis.first?.reason == "UsageOperation RunInstances:0010 is the billing code for Red Hat Enterprise Linux")
    }

    @Test("unknown and ambiguous images say their users are a guess")
    func honestGuess() {
        let unknown = ImageFamily.infer(.init(ownerId: Self.someone, name: "webserver"))
        #expect(unknown.defaultUsers == ["ec2-user"])
        #expect(unknown.defaultUsersAreGuessed)
        #expect(unknown.basis.isEmpty)
        let ambiguous = ImageFamily.infer(.init(name: "ubuntu-to-debian-migration-test"))
        #expect(ambiguous.defaultUsers == ["ubuntu", "admin", "ec2-user"])
        #expect(ambiguous.defaultUsersAreGuessed)
        #expect(Set(ambiguous.conflicts.map(\.family)) == [.ubuntu, .debian])
        #expect(ImageFamily.infer(.init(name: "rocky9-base")).defaultUsers == ["rocky", "ec2-user"])
    }

    @Test("outranked signals are kept as conflicts")
    func conflicts() {
        let family = ImageFamily.infer(.init(ownerId: Self.someone, name: "ubuntu-custom", platformDetails: "Red Hat Enterprise Linux"))
        #expect(family.conflicts.map(\.family) == [.ubuntu])
        #expect(family.conflicts.first?.signal == .name)
    }

    struct LoginCase: Sendable, CustomTestStringConvertible {
        let table: [String]
        let family: ImageFamily.ID
        let users: [String]
        let fromTable: [Bool]
        var testDescription: String { "\(table) + \(family.rawValue)" }
    }

    @Test("login users: the console table first, then the family's defaults", arguments: [
        LoginCase(table: ["ec2-user"], family: .ubuntu, users: ["ec2-user", "ubuntu"], fromTable: [true, false]),
        LoginCase(table: ["admin", "admin", " "], family: .debian, users: ["admin"], fromTable: [true]),
        LoginCase(table: [], family: .unknown, users: ["ec2-user"], fromTable: [false]),
        LoginCase(table: ["centos"], family: .rhel, users: ["centos", "ec2-user", "root"], fromTable: [true, false, false]),
        LoginCase(table: [], family: .rocky, users: ["rocky", "ec2-user"], fromTable: [false, false]),
    ])
    func loginUsers(_ testCase: LoginCase) {
        let id = testCase.family
        let candidates = ImageFamily.loginUsers(tableUsers: testCase.table, family: ImageFamily(id: id, confidence: .high))
        #expect(candidates.map(\.user) == testCase.users)
        #expect(candidates.map { $0.source == .consoleTable } == testCase.fromTable)
        #expect(candidates.filter { $0.source != .consoleTable }.allSatisfy { $0.source == .imageFamily(id) && $0.isGuess == id.defaultUsersAreGuessed })
    }

    @Test("why a login user is proposed")
    func loginUserReasons() {
        let candidates = ImageFamily.loginUsers(tableUsers: ["ec2-user"], family: ImageFamily.infer(.init(ownerId: Self.debian)))
        #expect(candidates.map(\.reason) == ["the console log's authorized-keys table is for user ec2-user", "Debian images log in as admin"])
        #expect(ImageFamily.loginUsers(tableUsers: [], family: ImageFamily.infer(.init())).map(\.reason)
            == ["the image family is unknown; ec2-user is AWS's default for other images"])
    }
}
