/// Why a ``Paginator`` stopped early.
public enum PaginatorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The service returned a next token it had already returned (or that the listing started from); following
    /// it would loop forever. botocore `paginate.py` raises `PaginationError` for the same case.
    case repeatedToken(String, afterPage: Int)

    /// One line for users and logs.
    public var description: String {
        switch self {
        case .repeatedToken(let token, let page):
            "The same next token was received twice (after page \(page)): \(token)"
        }
    }
}
