import AMIKeyTestSupport
import Foundation
import SSHSession
import Testing

/// SSHProbe against a real sshd on 127.0.0.1 (one per suite), with keys made at test time: what ssh really prints
/// is what the parser reads.
@Suite struct SSHProbeServerTests {
    let fixture: SSHProbeFixture

    init() throws {
        fixture = try SSHProbeFixture.shared.get()
    }

    @Test func acceptsExactlyTheInstalledKeysWithoutAnyPrivateKey() throws {
        let (result, transcript) = try fixture.run(fixture.probe(["k1", "k2", "k3"]))
        #expect(result.acceptedKeyFiles == [fixture.pub("k1"), fixture.pub("k3")], "\(transcript)")
        #expect(result.refusedKeyFiles == [fixture.pub("k2")])
        #expect(result.offeredKeyFiles == ["k1", "k2", "k3"].map(fixture.pub))
        #expect(result.accepted.allSatisfy { $0.type == "ED25519" && $0.fingerprint?.hasPrefix("SHA256:") == true })
        #expect(result.failure == nil)
        #expect(result.permissionDenied && !result.authenticated && result.status == 255)
        #expect(result.authMethods == ["publickey"])
        #expect(result.serverVersion?.hasPrefix("OpenSSH_") == true)
        // Each accepted fingerprint is the key's own, as ssh-keygen prints it.
        let k1 = try Oracle.run("ssh-keygen", ["-l", "-f", fixture.pub("k1")])
        #expect(k1.contains(try #require(result.accepted.first?.fingerprint)))
    }

    @Test func aPrivateKeyLogsInAndIsToldApartFromAcceptance() throws {
        var probe = fixture.probe([])
        probe.publicKeyFiles = ["\(fixture.directory)/k2", "\(fixture.directory)/k3"]
        let (result, transcript) = try fixture.run(probe)
        #expect(result.status == 0, "\(transcript)")
        #expect(result.authenticated && !result.permissionDenied)
        #expect(result.acceptedKeyFiles == ["\(fixture.directory)/k3"])
        #expect(result.refusedKeyFiles == ["\(fixture.directory)/k2"])
        #expect(result.failure == nil)
    }

    @Test func batchesStayUnderMaxAuthTries() throws {
        let names = ["k1", "k2", "k4", "k5", "k6", "k7", "k8", "k9"]
        // One connection: six refusals reach sshd's MaxAuthTries and it hangs up before k9 is offered.
        let (single, transcript) = try fixture.run(fixture.probe(names))
        #expect(single.failure == .tooManyAuthenticationFailures, "\(transcript)")
        #expect(single.acceptedKeyFiles == [fixture.pub("k1")])
        #expect(!single.offeredKeyFiles.contains(fixture.pub("k9")))

        let probes = SSHProbe.batches(host: "127.0.0.1", port: fixture.server.port, user: "root",
                                      publicKeyFiles: names.map(fixture.pub), knownHostsFile: fixture.pins)
        #expect(probes.map(\.publicKeyFiles.count) == [5, 3])
        let results = try probes.map { try fixture.run($0).result }
        #expect(results.allSatisfy { $0.failure == nil })
        #expect(results.flatMap(\.acceptedKeyFiles) == [fixture.pub("k1"), fixture.pub("k9")])
        #expect(results.flatMap(\.offeredKeyFiles) == names.map(fixture.pub))
    }

    @Test func aWrongPinIsAHostKeyMismatchAndNoKeyIsOffered() throws {
        let (result, transcript) = try fixture.run(fixture.probe(["k1"], pins: fixture.wrongPins))
        #expect(result.failure == .hostKeyMismatch, "\(transcript)")
        #expect(result.offered.isEmpty && result.accepted.isEmpty)
        #expect(!result.permissionDenied)
    }

    @Test func noPinIsAnUnknownHostKeyNeverAcceptedBlindly() throws {
        let (result, transcript) = try fixture.run(fixture.probe(["k1"], pins: fixture.noPins))
        #expect(result.failure == .hostKeyUnknown, "\(transcript)")
        #expect(result.offered.isEmpty)
        #expect(try String(contentsOfFile: fixture.noPins, encoding: .utf8).isEmpty)
    }

    /// A caller's ssh_config is read (its identity files are offered too), but it cannot weaken the probe: the
    /// command line's pins and strict checking come first, and ssh keeps the first value it sees.
    @Test func aGivenConfigCannotUnpinTheHost() throws {
        let config = "\(fixture.directory)/ssh_config-\(UUID().uuidString)"
        try """
            Host *
              StrictHostKeyChecking no
              UserKnownHostsFile /dev/null
              ControlMaster auto
              ControlPath \(fixture.directory)/control-%C
              IdentityFile \(fixture.pub("k3"))

            """.write(toFile: config, atomically: true, encoding: .utf8)
        var probe = fixture.probe(["k2"])
        probe.sshConfig = config
        let (read, transcript) = try fixture.run(probe)
        #expect(read.offeredKeyFiles == [fixture.pub("k2"), fixture.pub("k3")], "\(transcript)")
        #expect(read.acceptedKeyFiles == [fixture.pub("k3")])

        probe.knownHostsFile = fixture.wrongPins
        let (unpinned, unpinnedTranscript) = try fixture.run(probe)
        #expect(unpinned.failure == .hostKeyMismatch, "\(unpinnedTranscript)")
    }

    @Test func aClosedPortIsConnectionRefused() throws {
        let (result, transcript) = try fixture.run(fixture.probe(["k1"], port: try SSHDServer.freePort()))
        #expect(result.failure == .connectionRefused, "\(transcript)")
        #expect(result.serverVersion == nil)
    }

    @Test func aSilentServerTimesOut() throws {
        let listener = try LoopbackSocket(listen: true)
        let (result, transcript) = try fixture.run(fixture.probe(["k1"], port: listener.port, connectTimeout: 1))
        #expect(result.failure == .timedOut, "\(transcript)")
    }

    @Test func noCommonHostKeyTypeKeepsTheServersOffer() throws {
        // The client asks for a host key type this server has none of.
        let (result, transcript) = try fixture.run(fixture.probe(["k1"]), extra: ["-o", "HostKeyAlgorithms=sk-ssh-ed25519@openssh.com"])
        guard case .noMatchingHostKeyType(let offer) = result.failure else {
            Issue.record("expected no matching host key type: \(transcript)")
            return
        }
        #expect(offer.split(separator: ",").contains("ssh-ed25519"))
    }

    @Test func strictModesRefusesEveryKeyOfAUserWithAWritableAuthorizedKeys() throws {
        let (result, transcript) = try fixture.run(fixture.probe(["k1", "k2", "k3"], user: "daemon"))
        #expect(result.failure == nil, "\(transcript)")
        #expect(result.permissionDenied)
        #expect(result.accepted.isEmpty)
        #expect(result.refusedKeyFiles == ["k1", "k2", "k3"].map(fixture.pub))
        #expect(fixture.server.log().contains("bad ownership or modes for file \(fixture.server.authorizedKeysPath(user: "daemon"))"))
    }

    @Test func aMissingKeyFileIsReportedNotOffered() throws {
        let missing = "\(fixture.directory)/absent.pub"
        var probe = fixture.probe(["k1"])
        probe.publicKeyFiles.append(missing)
        let (result, transcript) = try fixture.run(probe)
        #expect(result.inaccessibleKeyFiles == [missing], "\(transcript)")
        #expect(result.offeredKeyFiles == [fixture.pub("k1")])
        #expect(result.acceptedKeyFiles == [fixture.pub("k1")])
    }

    /// Every prefix of a real transcript (ssh cut off anywhere) still parses, and never reports a key both accepted
    /// and refused, or refused without being offered.
    @Test func everyPrefixOfARealTranscriptParses() throws {
        let (_, transcript) = try fixture.run(fixture.probe(["k1", "k2", "k3"]))
        let bytes = Array(transcript.utf8)
        // Every line end, and the middle of every line (cut inside a path or a fingerprint).
        let newlines = bytes.indices.filter { bytes[$0] == 0x0A }
        let ends = zip([0] + newlines, newlines).flatMap { [($0 + $1) / 2, $1] } + [bytes.count]
        var acceptedSoFar = 0
        for end in ends {
            let result = SSHProbeResult(status: 255, standardError: String(decoding: bytes[..<end], as: UTF8.self))
            #expect(Set(result.refusedKeyFiles).isSubset(of: result.offeredKeyFiles))
            #expect(Set(result.refusedKeyFiles).isDisjoint(with: result.acceptedKeyFiles))
            #expect(result.accepted.count >= acceptedSoFar)
            acceptedSoFar = result.accepted.count
        }
        #expect(acceptedSoFar == 2)
    }
}
