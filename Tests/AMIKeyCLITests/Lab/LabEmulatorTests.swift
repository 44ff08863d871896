import AMIKeyTestSupport
import AMIKeyWorkflows
import EC2Evidence
import AWSCore
import AWSServices
import Foundation
import SSHKeys
import Testing

@testable import AMIKeyCLI

/// The suites that share one running lab: starting a lab costs seconds of CPU (moto and cloud-init imports), so one
/// is started for all of them, and stopped after the last.
@Suite("amikey lab, one lab for these suites", .sharedLab)
struct OneLabSuites {}

extension OneLabSuites {
    /// Each behaviour the lab adds to moto, seen through amikey's own AWS client. Tests run in parallel on one lab;
    /// each works in fresh accounts of its own (AssumeRole into a random 12-digit id), so none sees another's images.
    @Suite("amikey lab: the emulator's AWS behaviours")
    struct LabEmulatorTests {
        /// What the other account may do with an image, by the permissions its owner granted.
        struct Grant: Sendable, CustomTestStringConvertible {
            let launch: Bool
            let snapshot: Bool
            var testDescription: String { "launch permission \(launch), createVolumePermission \(snapshot)" }
        }

        @Test(
            "cross-account DescribeImages, RunInstances and CopyImage follow the owner's permissions",
            arguments: [Grant(launch: false, snapshot: false), Grant(launch: true, snapshot: false), Grant(launch: true, snapshot: true)])
        func sharing(_ grant: Grant) async throws {
            let lab = try currentLab()
            let owner = try await lab.freshAccount()
            let other = try await lab.freshAccount()
            let image = try await owner.client.send(EC2.registerImage(.init(name: "shared-\(UUID().uuidString.prefix(8))"))).imageId
            if grant.launch {
                _ = try await owner.client.send(EC2.modifyImageAttribute(.init(imageId: image, add: [.account(other.id)])))
            }
            if grant.snapshot {
                let described = try await owner.client.send(EC2.describeImages(.init(imageIds: [image]))).images.first
                let snapshot = try #require(described?.blockDeviceMappings.first?.ebs?.snapshotId)
                _ = try await owner.client.send(EC2.modifySnapshotAttribute(.init(snapshotId: snapshot, addUserIds: [other.id])))
            }

            let seen = await Self.outcome { try await other.client.send(EC2.describeImages(.init(imageIds: [image]))).images.first?.ownerId }
            let launched = await Self.outcome {
                try await other.client.send(EC2.runInstances(.init(imageId: image))).instances.first?.imageId
            }
            let copied = await Self.outcome {
                let copy = try await other.client.send(EC2.copyImage(.init(sourceImageId: image, sourceRegion: lab.info.region, name: "copy"))).imageId
                return try await other.client.send(EC2.describeImages(.init(imageIds: [copy]))).images.first?.ownerId
            }

            if grant.launch {
                #expect(seen == .value(owner.id))
                #expect(launched == .value(image))
            } else {
                #expect(seen == .error("InvalidAMIID.NotFound"))
                #expect(launched == .error("InvalidAMIID.NotFound"))
            }
            switch (grant.launch, grant.snapshot) {
            case (true, true): #expect(copied == .value(other.id))
            case (true, false): #expect(copied == .error("InvalidRequest"))
            default: #expect(copied == .error("InvalidAMIID.NotFound"))
            }
            // The owner's own view is unchanged by whatever the other account did.
            #expect(try await owner.client.send(EC2.describeImages(.init(imageIds: [image]))).images.first?.ownerId == owner.id)
        }

        @Test("ImportKeyPair answers with the fingerprint SSHKeys computes as awsImported", arguments: ["rsa.pub", "ed25519.pub"])
        func importedFingerprints(_ file: String) async throws {
            let lab = try currentLab()
            let account = try await lab.freshAccount()
            let line = String(decoding: try #require(try CLIKeys.load().files[file]), as: UTF8.self)
            let key = try SSHPublicKey(openSSHRepresentation: line)
            let imported = try await account.client.importKeyPair(.init(keyName: "k-\(file)", publicKeyMaterial: Array(line.utf8)))
            let expected = try #require(key.awsImportedFingerprint)
            #expect(imported.keyFingerprint == expected)
            // RSA's is MD5 of the SPKI DER (16 colon bytes), never the blob's MD5 ssh-keygen -E md5 shows.
            #expect(imported.keyFingerprint != key.md5Fingerprint.dropFirst(4).description)
        }

        @Test("CreateKeyPair answers with the fingerprint SSHKeys computes as awsCreated from the key it returns", arguments: ["rsa", "ed25519"])
        func createdFingerprints(_ type: String) async throws {
            let lab = try currentLab()
            let account = try await lab.freshAccount()
            let created = try await account.client.send(EC2.createKeyPair(.init(keyName: "made-\(type)", keyType: type)))
            let file = try KeyFile(text: created.keyMaterial, options: KeyReadOptions(decryptPrivateKeys: true))
            let privateKey = try #require(file.entries.first?.privateKey)
            let expected = try #require(privateKey.awsCreatedFingerprint)
            #expect(created.keyFingerprint == expected)
            #expect(!created.description.contains("PRIVATE"))
            // The same key pair, described, shows the same value.
            let described = try await account.client.send(EC2.describeKeyPairs(.init(keyNames: ["made-\(type)"])))
            #expect(described.keyPairs.first?.keyFingerprint == expected)
        }

        @Test("GetConsoleOutput: cloud-init's table lists the instance's authorized keys and the host keys sshd serves")
        func consoleTable() async throws {
            let lab = try currentLab()
            let account = try await lab.freshAccount()
            let key = SSHPrivateKey.generateEd25519(comment: "console-key")
            let line = key.publicKey.openSSHRepresentation(comment: "console-key")
            _ = try await account.client.importKeyPair(.init(keyName: "console-key", publicKeyMaterial: Array(line.utf8)))
            let image = try await account.client.send(EC2.registerImage(.init(name: "console-\(UUID().uuidString.prefix(8))"))).imageId
            let instance = try #require(
                try await account.client.send(EC2.runInstances(.init(imageId: image, keyName: "console-key"))).instances.first)
            let text = try #require(try await account.client.send(EC2.getConsoleOutput(.init(instanceId: instance.instanceId))).text)
            let console = ConsoleLog.parse(text)

            let table = try #require(console.authorizedKeys.first)
            #expect(table.user == "ec2-user")
            #expect(table.file == "/home/ec2-user/.ssh/authorized_keys")
            let rows = table.rows.filter { $0.fingerprint == key.publicKey.cloudInitFingerprint() }
            #expect(rows.count == 1)
            #expect(rows.first?.comment == "console-key")
            #expect(console.hostPublicKeys.map { $0.split(separator: " ")[0] }.sorted() == ["ecdsa-sha2-nistp256", "ssh-ed25519", "ssh-rsa"])
            // The pinned keys are the ones this instance's sshd serves: its own host key files.
            let instanceKeys = "\(lab.directory.path)/instances/\(instance.instanceId)/etc/ssh/ssh_host_ed25519_key.pub"
            let served = try String(contentsOfFile: instanceKeys, encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
            #expect(console.hostPublicKeys.contains { $0.hasPrefix(served) })
        }

        @Test("DescribeImages names the seed's image's source instance and AMI; DescribeInstances gives AWS's IMDS defaults")
        func imageOrigin() async throws {
            let lab = try currentLab()
            let account = try await lab.freshAccount()
            let run = UUID().uuidString.prefix(8)
            let base = try await account.client.send(EC2.registerImage(.init(name: "origin-base-\(run)"))).imageId
            let source = try #require(try await account.client.send(EC2.runInstances(.init(imageId: base))).instances.first)
            // Made as `amikey lab demo` makes the seed's image: CreateImage with cloud-init's ssh module off.
            let seed = try await account.client.send(EC2.createImage(.init(
                instanceId: source.instanceId, name: "origin-seed-\(run)",
                tagSpecifications: [.init(resourceType: "image", tags: [.init(key: "amikey-lab:cloud-init-ssh", value: "false")])]))).imageId
            let image = try #require(try await account.client.send(EC2.describeImages(.init(imageIds: [seed]))).images.first)
            #expect(image.sourceInstanceId == source.instanceId)
            #expect(image.sourceImageId == base)
            #expect(image.sourceImageRegion == lab.info.region)
            #expect(image.platformDetails == "Linux/UNIX")
            #expect(image.usageOperation == "RunInstances")
            // The base image was registered, not made from an instance or copied: no origin at all.
            let registered = try #require(try await account.client.send(EC2.describeImages(.init(imageIds: [base]))).images.first)
            #expect(registered.sourceInstanceId == nil)
            #expect(registered.sourceImageId == nil)

            let described = try #require(
                try await account.client.send(EC2.describeInstances(.init(instanceIds: [source.instanceId]))).instances.first)
            #expect(
                described.metadataOptions
                    == EC2.InstanceMetadataOptions(
                        state: "applied", httpTokens: "optional", httpPutResponseHopLimit: 1, httpEndpoint: "enabled",
                        httpProtocolIpv6: "disabled", instanceMetadataTags: "disabled"))
            #expect(described.usageOperation == "RunInstances")
        }

        /// A call's result or AWS's error code.
        enum Outcome: Equatable {
            case value(String?)
            case error(String)
        }

        static func outcome(_ call: () async throws -> String?) async -> Outcome {
            do {
                return .value(try await call())
            } catch let error as AWSServiceError {
                return .error(error.code)
            } catch {
                return .error("\(error)")
            }
        }
    }
}
