import EdgeBenchCore

/// A run's results as the end-of-run export reads them: the bundle without its requests (`header`),
/// and each configuration's requests walked in index order, one at a time (the store's cursor). Nothing
/// here holds a whole run's requests, so writing the results costs the memory of one request.
public struct StreamedBundle {
    /// the bundle with every configuration's `requests` empty
    public let header: ResultBundle
    private let walk: (_ configuration: Int, _ body: (RequestResult) throws -> Void) throws -> Void

    /// `forEachRequest(configuration, body)` calls `body` with each measured request of
    /// `header.configurations[configuration]`, by index, and rethrows what `body` throws.
    public init(
        header: ResultBundle,
        forEachRequest: @escaping (_ configuration: Int, _ body: (RequestResult) throws -> Void) throws -> Void
    ) {
        var header = header
        for index in header.configurations.indices { header.configurations[index].requests = [] }
        self.header = header
        self.walk = forEachRequest
    }

    /// A bundle already in memory (an import, a test), walked from its arrays.
    public init(_ bundle: ResultBundle) {
        self.init(header: bundle) { index, body in
            for request in bundle.configurations[index].requests { try body(request) }
        }
    }

    /// Calls `body` with each request of `header.configurations[configuration]`, in index order.
    public func forEachRequest(configuration: Int, _ body: (RequestResult) throws -> Void) throws {
        try walk(configuration, body)
    }
}
