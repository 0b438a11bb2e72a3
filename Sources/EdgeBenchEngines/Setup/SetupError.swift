/// Why the embedded engine or a model could not be prepared, and what to do about it.
public struct SetupError: Error, CustomStringConvertible {
    public var what: String
    public var reason: String
    public var remedy: String

    public init(what: String, reason: String, remedy: String) {
        self.what = what
        self.reason = reason
        self.remedy = remedy
    }

    public var description: String { "cannot prepare \(what): \(reason)\n→ \(remedy)" }
}
