import AWSCore
import Testing

/// The moto response called `name`, as an `AWSHTTPResponse`.
func motoResponse(_ name: String) throws -> AWSHTTPResponse {
    let fixture = try #require(
        MotoFixtures.responses[name] ?? MotoFixtures.moreResponses[name]
            ?? MotoFixtures.networkResponses[name], "no moto fixture \(name)")
    return AWSHTTPResponse(statusCode: fixture.status, text: fixture.body)
}

/// A 200 response with this body.
func okResponse(_ body: String) -> AWSHTTPResponse {
    AWSHTTPResponse(statusCode: 200, text: body)
}
