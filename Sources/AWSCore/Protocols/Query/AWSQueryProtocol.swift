/// The EC2 and Query (STS) protocols: form-encoded requests in, XML documents out.
///
/// Requests are `POST /` with `Content-Type: application/x-www-form-urlencoded; charset=utf-8` and
/// the body `Action=<Op>&Version=<apiVersion>&…` (botocore `QuerySerializer.serialize_to_request`).
/// Responses (aws-wire.md §4.1–4.2):
///
/// * EC2: `<DescribeInstancesResponse xmlns=…><requestId>…</requestId><reservationSet>…` — fields
///   directly under the root, lists as `<xSet><item>` (`EC2QueryParser`).
/// * Query: `<AssumeRoleResponse><AssumeRoleResult>…</AssumeRoleResult><ResponseMetadata><RequestId>`
///   — fields inside the `resultWrapper`, lists as `<member>` (`QueryParser`).
///
/// Any non-2xx status becomes an `AWSServiceError`.
///
/// ## Usage
/// ```swift
/// let request = AWSQueryProtocol.sts.request(action: "AssumeRole") { parameters in
///     parameters.add("RoleArn", "arn:aws:iam::222222222222:role/any")
///     parameters.add("RoleSessionName", "amikey")
/// }
/// // … sign and send, then:
/// let reply = try AWSQueryProtocol.sts.response(response, action: "AssumeRole")
/// let keyID: String = try reply.result.require("Credentials").decode("AccessKeyId")
/// ```
public struct AWSQueryProtocol: Sendable, Hashable {
    /// The service's name in messages (`EC2`).
    public var serviceName: String
    /// The `Version` parameter (`2016-11-15`).
    public var apiVersion: String
    /// EC2's flattened lists or the Query protocol's `member` lists.
    public var listStyle: QueryParameters.ListStyle

    /// Creates a protocol description.
    public init(serviceName: String, apiVersion: String, listStyle: QueryParameters.ListStyle) {
        self.serviceName = serviceName
        self.apiVersion = apiVersion
        self.listStyle = listStyle
    }

    /// Amazon EC2, API version 2016-11-15 (`ec2/2016-11-15/service-2.json`, protocol `ec2`).
    public static let ec2 = AWSQueryProtocol(serviceName: "EC2", apiVersion: "2016-11-15", listStyle: .ec2)
    /// AWS STS, API version 2011-06-15 (`sts/2011-06-15/service-2.json`, protocol `query`).
    public static let sts = AWSQueryProtocol(serviceName: "STS", apiVersion: "2011-06-15", listStyle: .query)

    /// The `Content-Type` botocore sends with every query-protocol body.
    public static let contentType = "application/x-www-form-urlencoded; charset=utf-8"

    /// A parameter list that starts with `Action` and `Version`, as botocore's does.
    public func parameters(action: String) -> QueryParameters {
        var parameters = QueryParameters(listStyle: listStyle)
        parameters.add("Action", action)
        parameters.add("Version", apiVersion)
        return parameters
    }

    /// The HTTP request carrying `parameters` (which should come from `parameters(action:)`).
    public func request(_ parameters: QueryParameters) -> AWSHTTPRequest {
        AWSHTTPRequest(
            method: "POST", path: "/", headers: ["Content-Type": Self.contentType],
            body: Array(parameters.formEncoded.utf8))
    }

    /// The HTTP request for `action`, with the parameters `build` adds.
    public func request(action: String, _ build: (inout QueryParameters) -> Void = { _ in }) -> AWSHTTPRequest {
        var parameters = parameters(action: action)
        build(&parameters)
        return request(parameters)
    }

    /// The HTTP request for a typed input.
    public func request<Input: AWSQueryInput>(for input: Input) -> AWSHTTPRequest {
        request(action: Input.action) { input.encode(to: &$0) }
    }

    /// Checks the status, parses the document and finds the result element.
    ///
    /// - Throws: `AWSServiceError` for a non-2xx status (or a 2xx carrying an error document);
    ///   `AWSDecodingError` when the body is not XML or its root is not `<actionResponse>`.
    public func response(_ response: AWSHTTPResponse, action: String) throws -> AWSXMLResponse {
        guard response.isSuccess else { throw AWSServiceError(response: response, service: serviceName) }
        let root = try XMLNode(parsing: response.body)
        let expected = action + "Response"
        guard root.name == expected else {
            if root.name == "Response" || root.name == "ErrorResponse" {
                throw AWSServiceError(response: response, service: serviceName)
            }
            throw AWSDecodingError(path: "", reason: .unexpectedDocument(expected: expected, found: root.name))
        }
        let bodyRequestID: String?
        let result: XMLNode
        switch listStyle {
        case .ec2:
            result = root
            bodyRequestID = root["requestId"]?.trimmedText
        case .query:
            let wrapper = action + "Result"
            result = root[wrapper] ?? XMLNode(name: wrapper, path: root.childPath(wrapper))
            bodyRequestID = root["ResponseMetadata"]?["RequestId"]?.trimmedText
        }
        let requestID = bodyRequestID.flatMap { $0.isEmpty ? nil : $0 } ?? response.headerRequestID
        return AWSXMLResponse(root: root, result: result, requestID: requestID)
    }

    /// Decodes the result element of a successful response as `Output`.
    public func decode<Output: XMLDecodable>(
        _ type: Output.Type, from response: AWSHTTPResponse, action: String
    ) throws -> Output {
        try Output(xml: self.response(response, action: action).result)
    }

    /// The error in a non-2xx response, labelled with this service's name.
    public func error(from response: AWSHTTPResponse) -> AWSServiceError {
        AWSServiceError(response: response, service: serviceName)
    }
}
