import Testing

@testable import AWSCore

@Suite("Paginator: tokens, repeats, max items, cancellation")
struct PaginatorTests {
    /// A fake listing: token → (items, next token). `nil` is the first request.
    struct Listing: Sendable {
        var pages: [String?: ([Int], String?)]
        let requests = CallLog<String?>()

        func paginator(startingToken: String? = nil) -> Paginator<[Int]> {
            Paginator(startingToken: startingToken) { [pages, requests] token in
                requests.append(token)
                // A paginator that failed to stop must fail the test, not hang it.
                try #require(requests.count <= 20, "runaway listing")
                let page = try #require(pages[token], "no page for token \(token ?? "nil")")
                return (page.0, page.1)
            }
        }
    }

    static var threePages: Listing {
        Listing(pages: [nil: ([1, 2, 3], "a"), "a": ([4, 5, 6], "b"), "b": ([7], nil)])
    }

    func collect<S: AsyncSequence>(_ sequence: S) async throws -> [S.Element] {
        var elements: [S.Element] = []
        for try await element in sequence { elements.append(element) }
        return elements
    }

    @Test("Follows next tokens until there is none")
    func pages() async throws {
        let listing = Self.threePages
        #expect(try await collect(listing.paginator()) == [[1, 2, 3], [4, 5, 6], [7]])
        #expect(listing.requests.all == [nil, "a", "b"])
    }

    @Test("An empty next token ends the listing (botocore treats it as None)")
    func emptyToken() async throws {
        let listing = Listing(pages: [nil: ([1], "a"), "a": ([2], "")])
        #expect(try await collect(listing.paginator()) == [[1], [2]])
        #expect(listing.requests.all == [nil, "a"])
    }

    @Test(
        "A starting token resumes the listing",
        arguments: [("a", [[4, 5, 6], [7]]), ("b", [[7]]), ("", [[1, 2, 3], [4, 5, 6], [7]])])
    func startingToken(token: String, expected: [[Int]]) async throws {
        #expect(try await collect(Self.threePages.paginator(startingToken: token)) == expected)
    }

    @Test(
        "A repeated token throws after the page that carried it",
        arguments: [
            // Same token twice in a row: botocore's own check.
            ([nil: ([1], "a"), "a": ([2], "a")] as [String?: ([Int], String?)], [[1], [2]], "a", 2),
            // Two tokens alternating: botocore would loop; any repeat is caught here.
            ([nil: ([1], "a"), "a": ([2], "b"), "b": ([3], "a")], [[1], [2], [3]], "a", 3),
        ])
    func repeatedToken(pages: [String?: ([Int], String?)], yielded: [[Int]], token: String, afterPage: Int) async throws
    {
        let listing = Listing(pages: pages)
        var iterator = listing.paginator().makeAsyncIterator()
        for expected in yielded { #expect(try await iterator.next() == expected) }
        await #expect(throws: PaginatorError.repeatedToken(token, afterPage: afterPage)) {
            _ = try await iterator.next()
        }
        #expect(try await iterator.next() == nil)
        #expect(listing.requests.count == yielded.count)
    }

    @Test("A token equal to the starting token is a repeat")
    func repeatsStartingToken() async throws {
        let listing = Listing(pages: ["a": ([1], "a")])
        await #expect(throws: PaginatorError.repeatedToken("a", afterPage: 1)) {
            _ = try await self.collect(listing.paginator(startingToken: "a"))
        }
    }

    @Test(
        "Items stop at max items without fetching further pages",
        arguments: [
            (nil as Int?, [1, 2, 3, 4, 5, 6, 7], [nil, "a", "b"] as [String?]),
            (0, [], []),
            (-3, [], []),
            (2, [1, 2], [nil]),
            (3, [1, 2, 3], [nil]),  // on a page boundary: no request for the next page
            (4, [1, 2, 3, 4], [nil, "a"]),
            (7, [1, 2, 3, 4, 5, 6, 7], [nil, "a", "b"]),
            (100, [1, 2, 3, 4, 5, 6, 7], [nil, "a", "b"]),
        ])
    func maxItems(maxItems: Int?, expected: [Int], requests: [String?]) async throws {
        let listing = Self.threePages
        #expect(try await collect(listing.paginator().items(maxItems: maxItems) { $0 }) == expected)
        #expect(listing.requests.all == requests)
    }

    @Test("Empty pages in the middle are skipped, not mistaken for the end")
    func emptyPages() async throws {
        let listing = Listing(pages: [nil: ([], "a"), "a": ([], "b"), "b": ([9], nil)])
        #expect(try await collect(listing.paginator().items { $0 }) == [9])
        #expect(listing.requests.count == 3)
    }

    @Test("A failing request ends the listing with its error")
    func fetchError() async throws {
        let pages = Paginator<[Int]> { token in
            guard token == nil else { throw FakeAWSFailure.invalidParameter }
            return ([1], "a")
        }
        var iterator = pages.makeAsyncIterator()
        #expect(try await iterator.next() == [1])
        await #expect(throws: FakeAWSFailure.invalidParameter) { _ = try await iterator.next() }
        #expect(try await iterator.next() == nil)
        #expect(iterator.pageCount == 1)
    }

    @Test("A cancelled task makes no request")
    func cancelled() async {
        let listing = Self.threePages
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            var iterator = listing.paginator().makeAsyncIterator()
            return try await iterator.next()
        }
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(listing.requests.count == 0)
    }

    @Test("The repeated-token message names the token and the page")
    func message() {
        #expect(
            PaginatorError.repeatedToken("tok", afterPage: 4).description
                == "The same next token was received twice (after page 4): tok")
    }
}
