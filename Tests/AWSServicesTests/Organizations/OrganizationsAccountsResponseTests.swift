import AWSCore
import Foundation
import Synchronization
import Testing

@testable import AWSServices

@Suite struct OrganizationsAccountsResponseTests {
    @Test func listAccountsFromMoto() throws {
        let output = try Organizations.listAccounts().decode(motoResponse("organizations.listAccounts"))
        #expect(output.nextToken == nil)
        #expect(output.accounts.map(\.id) == ["123456789012", "220529296043"])
        let target = output.accounts[1]
        #expect(target.email == "target@example.com")
        #expect(target.name == "target")
        #expect(target.status == "ACTIVE")
        #expect(target.joinedMethod == "CREATED")
        #expect(target.joinedTimestamp == Date(timeIntervalSince1970: 1795975531.428729))
    }

    @Test func pagesFollowNextToken() async throws {
        let first = okResponse(#"{"Accounts":[{"Id":"111111111111"}],"NextToken":"page-2"}"#)
        let last = try motoResponse("organizations.listAccounts")
        let bodies = Mutex<[String]>([])
        var ids: [String] = []
        for try await page in Organizations.listAccountsPages(send: { operation in
            let body = String(decoding: operation.request.body, as: UTF8.self)
            bodies.withLock { $0.append(body) }
            return try operation.decode(body.contains("page-2") ? last : first)
        }) {
            ids += page.accounts.map(\.id)
        }
        #expect(ids == ["111111111111", "123456789012", "220529296043"])
        #expect(bodies.withLock { $0 } == ["{}", #"{"NextToken":"page-2"}"#])
    }

    @Test func missingAccountIdNamesTheField() throws {
        let error = try #require(throws: AWSDecodingError.self) {
            try Organizations.listAccounts().decode(okResponse(#"{"Accounts":[{"Name":"x"}]}"#))
        }
        #expect(error.path.contains("Accounts"))
        #expect(error.path.hasSuffix("Id"))
    }
}
