import Foundation
import Testing

@testable import AWSCore

@Suite("EC2 waiter definitions match botocore's waiters-2.json")
struct EC2WaiterDefinitionTests {
    /// The waiters we define, extracted from botocore 1.43.11 `botocore/data/ec2/2016-11-15/waiters-2.json`
    /// (Apache-2.0) with `json.dumps({name: model["waiters"][name] ...}, indent=2)`: key order and values unchanged.
    static let botocoreModel = #"""
        {
          "version": 2,
          "waiters": {
            "ImageAvailable": {
              "operation": "DescribeImages",
              "maxAttempts": 40,
              "delay": 15,
              "acceptors": [
                {
                  "state": "success",
                  "matcher": "pathAll",
                  "argument": "Images[].State",
                  "expected": "available"
                },
                {
                  "state": "failure",
                  "matcher": "pathAny",
                  "argument": "Images[].State",
                  "expected": "failed"
                }
              ]
            },
            "ImageExists": {
              "operation": "DescribeImages",
              "maxAttempts": 40,
              "delay": 15,
              "acceptors": [
                {
                  "matcher": "path",
                  "expected": true,
                  "argument": "length(Images[]) > `0`",
                  "state": "success"
                },
                {
                  "matcher": "error",
                  "expected": "InvalidAMIID.NotFound",
                  "state": "retry"
                }
              ]
            },
            "InstanceExists": {
              "delay": 5,
              "maxAttempts": 40,
              "operation": "DescribeInstances",
              "acceptors": [
                {
                  "matcher": "path",
                  "expected": true,
                  "argument": "length(Reservations[]) > `0`",
                  "state": "success"
                },
                {
                  "matcher": "error",
                  "expected": "InvalidInstanceID.NotFound",
                  "state": "retry"
                }
              ]
            },
            "InstanceRunning": {
              "delay": 15,
              "operation": "DescribeInstances",
              "maxAttempts": 40,
              "acceptors": [
                {
                  "expected": "running",
                  "matcher": "pathAll",
                  "state": "success",
                  "argument": "Reservations[].Instances[].State.Name"
                },
                {
                  "expected": "shutting-down",
                  "matcher": "pathAny",
                  "state": "failure",
                  "argument": "Reservations[].Instances[].State.Name"
                },
                {
                  "expected": "terminated",
                  "matcher": "pathAny",
                  "state": "failure",
                  "argument": "Reservations[].Instances[].State.Name"
                },
                {
                  "expected": "stopping",
                  "matcher": "pathAny",
                  "state": "failure",
                  "argument": "Reservations[].Instances[].State.Name"
                },
                {
                  "matcher": "error",
                  "expected": "InvalidInstanceID.NotFound",
                  "state": "retry"
                }
              ]
            },
            "InstanceStopped": {
              "delay": 15,
              "operation": "DescribeInstances",
              "maxAttempts": 40,
              "acceptors": [
                {
                  "expected": "stopped",
                  "matcher": "pathAll",
                  "state": "success",
                  "argument": "Reservations[].Instances[].State.Name"
                },
                {
                  "expected": "pending",
                  "matcher": "pathAny",
                  "state": "failure",
                  "argument": "Reservations[].Instances[].State.Name"
                },
                {
                  "expected": "terminated",
                  "matcher": "pathAny",
                  "state": "failure",
                  "argument": "Reservations[].Instances[].State.Name"
                }
              ]
            },
            "KeyPairExists": {
              "operation": "DescribeKeyPairs",
              "delay": 5,
              "maxAttempts": 6,
              "acceptors": [
                {
                  "expected": true,
                  "matcher": "path",
                  "state": "success",
                  "argument": "length(KeyPairs[].KeyName) > `0`"
                },
                {
                  "expected": "InvalidKeyPair.NotFound",
                  "matcher": "error",
                  "state": "retry"
                }
              ]
            },
            "SnapshotCompleted": {
              "delay": 15,
              "operation": "DescribeSnapshots",
              "maxAttempts": 40,
              "acceptors": [
                {
                  "expected": "completed",
                  "matcher": "pathAll",
                  "state": "success",
                  "argument": "Snapshots[].State"
                },
                {
                  "expected": "error",
                  "matcher": "pathAny",
                  "state": "failure",
                  "argument": "Snapshots[].State"
                }
              ]
            }
          }
        }
        """#

    static let definitions: [String: Waiter<FakeDescribeOutput>] = [
        "ImageAvailable": .imageAvailable { $0.states },
        "ImageExists": .imageExists { $0.count },
        "InstanceExists": .instanceExists { $0.count },
        "InstanceRunning": .instanceRunning { $0.states },
        "InstanceStopped": .instanceStopped { $0.states },
        "KeyPairExists": .keyPairExists { $0.count },
        "SnapshotCompleted": .snapshotCompleted(snapshotStates: { $0.states }, progress: { $0.progress }),
    ]

    struct Model: Decodable {
        struct Acceptor: Decodable {
            var state: String
            var matcher: String
            var argument: String?
            var expected: Expected
        }
        /// `expected` is a string, a boolean or an integer in the model.
        struct Expected: Decodable {
            var value: WaiterValue
            init(from decoder: any Decoder) throws {
                let container = try decoder.singleValueContainer()
                if let bool = try? container.decode(Bool.self) {
                    value = .bool(bool)
                } else if let int = try? container.decode(Int.self) {
                    value = .int(int)
                } else {
                    value = .string(try container.decode(String.self))
                }
            }
        }
        var operation: String
        var delay: Int
        var maxAttempts: Int
        var acceptors: [Acceptor]
    }

    static func model() throws -> [String: Model] {
        struct File: Decodable { var version: Int; var waiters: [String: Model] }
        let file = try JSONDecoder().decode(File.self, from: Data(botocoreModel.utf8))
        #expect(file.version == 2)
        return file.waiters
    }

    @Test("The same set of waiters")
    func sameNames() throws {
        #expect(Set(try Self.model().keys) == Set(Self.definitions.keys))
    }

    @Test("Operation, delay, attempts and acceptors, in order", arguments: definitions.keys.sorted())
    func definition(name: String) throws {
        let model = try #require(try Self.model()[name])
        let waiter = try #require(Self.definitions[name])
        #expect(waiter.name == name)
        #expect(waiter.operation == model.operation)
        #expect(waiter.delay == .seconds(model.delay))
        #expect(waiter.maxAttempts == model.maxAttempts)
        #expect(waiter.acceptors.count == model.acceptors.count)
        for (ours, theirs) in zip(waiter.acceptors, model.acceptors) {
            #expect(ours.state.rawValue == theirs.state)
            #expect(ours.matcher.name == theirs.matcher)
            #expect(ours.matcher.argument == theirs.argument)
            #expect(ours.matcher.expected == theirs.expected.value)
        }
    }

    @Test(
        "Which acceptor a set of resource states reaches",
        arguments: [
            ("ImageAvailable", ["available"], WaiterState.success),
            ("ImageAvailable", ["available", "available"], .success),
            ("ImageAvailable", ["available", "pending"], nil),
            ("ImageAvailable", ["pending"], nil),
            ("ImageAvailable", ["pending", "failed"], .failure),
            ("ImageAvailable", [], nil),  // an empty list matches neither pathAll nor pathAny
            ("InstanceRunning", ["running", "running"], .success),
            ("InstanceRunning", ["running", "pending"], nil),
            ("InstanceRunning", ["shutting-down"], .failure),
            ("InstanceRunning", ["running", "terminated"], .failure),
            ("InstanceRunning", ["stopping"], .failure),
            ("InstanceRunning", ["stopped"], nil),
            ("InstanceRunning", [], nil),
            ("InstanceStopped", ["stopped"], .success),
            ("InstanceStopped", ["stopping"], nil),
            ("InstanceStopped", ["stopped", "pending"], .failure),
            ("InstanceStopped", ["terminated"], .failure),
            ("InstanceStopped", ["running"], nil),
            ("SnapshotCompleted", ["completed", "completed"], .success),
            ("SnapshotCompleted", ["pending"], nil),
            ("SnapshotCompleted", ["completed", "error"], .failure),
        ] as [(String, [String], WaiterState?)])
    func states(name: String, states: [String], expected: WaiterState?) throws {
        let waiter = try #require(Self.definitions[name])
        #expect(waiter.acceptor(matching: .response(FakeDescribeOutput(states: states)))?.state == expected)
    }

    @Test(
        "Which acceptor a count or an error reaches",
        arguments: [
            ("ImageExists", 1, nil, WaiterState.success),
            ("ImageExists", 0, nil, nil),
            ("ImageExists", 0, "InvalidAMIID.NotFound", .retry),
            ("ImageExists", 0, "InvalidInstanceID.NotFound", nil),
            ("InstanceExists", 2, nil, .success),
            ("InstanceExists", 0, "InvalidInstanceID.NotFound", .retry),
            ("KeyPairExists", 1, nil, .success),
            ("KeyPairExists", 0, "InvalidKeyPair.NotFound", .retry),
            ("InstanceRunning", 0, "InvalidInstanceID.NotFound", .retry),
            ("InstanceStopped", 0, "InvalidInstanceID.NotFound", nil),
            ("ImageAvailable", 0, "InvalidAMIID.NotFound", nil),
        ] as [(String, Int, String?, WaiterState?)])
    func countsAndErrors(name: String, count: Int, errorCode: String?, expected: WaiterState?) throws {
        let waiter = try #require(Self.definitions[name])
        let observation: WaiterObservation<FakeDescribeOutput> =
            if let errorCode { .serviceError(code: errorCode, message: nil, statusCode: 400) } else {
                .response(FakeDescribeOutput(count: count))
            }
        #expect(waiter.acceptor(matching: observation)?.state == expected)
    }
}
