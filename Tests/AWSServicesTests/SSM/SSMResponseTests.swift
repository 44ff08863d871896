import AWSCore
import Foundation
import Testing

@testable import AWSServices

@Suite struct SSMResponseTests {
    @Test func sendCommandFromMoto() throws {
        let output = try SSM.sendCommand(.init(instanceIds: ["i-1"], documentName: "AWS-RunShellScript"))
            .decode(motoResponse("ssm.sendCommand"))
        #expect(output.command.commandId == "66218d0d-24c5-49ec-909b-622bb6df0056")
        #expect(output.command.documentName == "AWS-RunShellScript")
        #expect(output.command.status == "Success")
        #expect(output.command.instanceIds?.count == 6)
        #expect(output.command.requestedDateTime == Date(timeIntervalSince1970: 1795975196.819))
    }

    @Test func getCommandInvocationFromMoto() throws {
        let output = try SSM.getCommandInvocation(
            .init(commandId: "66218d0d-24c5-49ec-909b-622bb6df0056", instanceId: "i-9bc697e8964e82998")
        ).decode(motoResponse("ssm.getCommandInvocation"))
        #expect(output.status == "Success")
        #expect(output.commandId == "66218d0d-24c5-49ec-909b-622bb6df0056")
        #expect(output.instanceId == "i-9bc697e8964e82998")
        #expect(output.statusDetails == "Success")
        #expect(output.responseCode == 0)
        #expect(output.standardOutputContent == "")
        #expect(output.standardErrorContent == "")
    }

    @Test func missingStatusNamesTheField() throws {
        let body = #"{"CommandId":"c","InstanceId":"i-1","ResponseCode":0}"#
        let error = try #require(throws: AWSDecodingError.self) {
            try SSM.getCommandInvocation(.init(commandId: "c", instanceId: "i-1")).decode(okResponse(body))
        }
        #expect(error.path.hasSuffix("Status"))
        #expect(error.reason == .missing)
    }

    @Test func jsonErrorShape() throws {
        let response = AWSHTTPResponse(
            statusCode: 400, headers: ["x-amzn-RequestId": "req-9"],
            text: #"{"__type":"com.amazonaws.ssm#InvocationDoesNotExist","message":""}"#)
        let error = try #require(throws: AWSServiceError.self) {
            try SSM.getCommandInvocation(.init(commandId: "c", instanceId: "i-1")).decode(response)
        }
        #expect(error.code == "InvocationDoesNotExist")
        #expect(error.service == "SSM")
        #expect(error.requestID == "req-9")
    }
}
