import AWSCore
import Testing

@testable import AWSServices

@Suite struct EC2WaiterTests {
    static func instances() throws -> EC2.DescribeInstancesOutput {
        try EC2.describeInstances(.init()).decode(motoResponse("ec2.describeInstances.ids"))
    }

    static func observation(_ fixture: String) throws -> WaiterObservation<EC2.DescribeKeyPairsOutput> {
        do {
            return .response(try EC2.describeKeyPairs(.init()).decode(motoResponse(fixture)))
        } catch let error as AWSServiceError {
            return .serviceError(code: error.code, message: error.message, statusCode: error.statusCode)
        }
    }

    @Test func runningInstanceSatisfiesInstanceRunningOnly() throws {
        let observation = WaiterObservation.response(try Self.instances())
        #expect(EC2.Waiters.instanceRunning.acceptor(matching: observation)?.state == .success)
        #expect(EC2.Waiters.instanceExists.acceptor(matching: observation)?.state == .success)
        #expect(EC2.Waiters.instanceStopped.acceptor(matching: observation) == nil)
    }

    @Test func pendingInstanceFailsInstanceStopped() throws {
        let reservation = try EC2.runInstances(.init(imageId: "ami-1", clientToken: "t")).decode(
            motoResponse("ec2.runInstances"))
        let instanceId = reservation.instances[0].instanceId
        let body = """
            <DescribeInstancesResponse><reservationSet><item><instancesSet><item>\
            <instanceId>\(instanceId)</instanceId><instanceState><code>0</code><name>pending</name></instanceState>\
            </item></instancesSet></item></reservationSet></DescribeInstancesResponse>
            """
        let output = try EC2.describeInstances(.init()).decode(okResponse(body))
        #expect(EC2.Waiters.instanceStopped.acceptor(matching: .response(output))?.state == .failure)
        #expect(EC2.Waiters.instanceRunning.acceptor(matching: .response(output)) == nil)
    }

    @Test func imageAndSnapshotWaitersSucceedOnMotoState() throws {
        let images = try EC2.describeImages(.init()).decode(motoResponse("ec2.describeImages"))
        #expect(EC2.Waiters.imageAvailable.acceptor(matching: .response(images))?.state == .success)
        #expect(EC2.Waiters.imageExists.acceptor(matching: .response(images))?.state == .success)
        let snapshots = try EC2.describeSnapshots(.init()).decode(motoResponse("ec2.describeSnapshots"))
        #expect(EC2.Waiters.snapshotCompleted.acceptor(matching: .response(snapshots))?.state == .success)
        #expect(EC2.Waiters.snapshotCompleted.detail?(snapshots) == "progress 100%, 100%, 100%")
    }

    @Test(arguments: [("ec2.describeKeyPairs", WaiterState.success), ("ec2.describeKeyPairs.notFound", .retry)])
    func keyPairExists(_ fixture: String, _ expected: WaiterState) throws {
        #expect(EC2.Waiters.keyPairExists.acceptor(matching: try Self.observation(fixture))?.state == expected)
    }
}
