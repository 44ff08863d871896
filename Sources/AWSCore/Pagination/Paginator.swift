/// The pages of a paginated AWS listing as an `AsyncSequence`, fetched one at a time as they are consumed.
///
/// Follows botocore `paginate.py` (`PageIterator.__iter__`): the first request carries no token (or the
/// starting token), each later one the token the previous page returned; an absent or empty token ends the
/// listing; a token seen before throws ``PaginatorError/repeatedToken(_:afterPage:)`` after the page that
/// carried it. botocore only compares with the previous token; any repeat is caught here, so a service
/// alternating two tokens cannot loop forever either. Cancellation is checked before each request.
///
/// ## Usage
/// ```swift
/// let pages = Paginator { token in
///     let output = try await ec2.describeInstances(nextToken: token, maxResults: 100)
///     return (output, output.nextToken)
/// }
/// for try await instance in pages.items(maxItems: 500, { $0.reservations.flatMap(\.instances) }) { … }
/// ```
public struct Paginator<Page: Sendable>: AsyncSequence, Sendable {
    /// Each element is one page.
    public typealias Element = Page

    let startingToken: String?
    let fetch: @Sendable (String?) async throws -> (page: Page, nextToken: String?)

    /// A listing that calls `fetch` with the token of the page to get (`nil` for the first) and receives the
    /// page with the token of the next one. `startingToken` resumes an earlier listing.
    public init(
        startingToken: String? = nil,
        fetch: @escaping @Sendable (_ token: String?) async throws -> (page: Page, nextToken: String?)
    ) {
        self.startingToken = startingToken.flatMap { $0.isEmpty ? nil : $0 }
        self.fetch = fetch
    }

    /// Starts the listing; nothing is fetched until the first `next()`.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(fetch: fetch, state: .request(startingToken))
    }

    /// Fetches pages on demand.
    public struct AsyncIterator: AsyncIteratorProtocol {
        enum State {
            case request(String?)
            case failed(PaginatorError)
            case finished
        }

        let fetch: @Sendable (String?) async throws -> (page: Page, nextToken: String?)
        var state: State
        var tokensSent: Set<String> = []
        /// Pages returned so far.
        public private(set) var pageCount = 0

        init(fetch: @escaping @Sendable (String?) async throws -> (page: Page, nextToken: String?), state: State) {
            self.fetch = fetch
            self.state = state
        }

        /// The next page, or `nil` once the listing is complete.
        public mutating func next() async throws -> Page? {
            let token: String?
            switch state {
            case .finished: return nil
            case .failed(let error):
                state = .finished
                throw error
            case .request(let next): token = next
            }
            state = .finished  // stays so if this request throws
            try Task.checkCancellation()
            if let token { tokensSent.insert(token) }
            let (page, nextToken) = try await fetch(token)
            pageCount += 1
            if let nextToken, !nextToken.isEmpty {
                state =
                    tokensSent.contains(nextToken)
                    ? .failed(.repeatedToken(nextToken, afterPage: pageCount)) : .request(nextToken)
            }
            return page
        }
    }
}
