/// What a test server received, so tests can check request bodies and headers (the bearer token).
public struct RecordedRequest: Sendable, Equatable {
    public var method: String
    public var path: String
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: String

    public init(method: String, path: String, headers: [String: String], body: String) {
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
    }
}

actor RequestLog {
    private(set) var requests: [RecordedRequest] = []
    func append(_ request: RecordedRequest) { requests.append(request) }
}
