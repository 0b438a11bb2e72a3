/// One mistake in a plan, located like a compiler diagnostic:
/// `plan.yaml:12:5: error: 'max_tokens' must be a positive integer, got "abc"`.
public struct PlanError: Error, CustomStringConvertible, Sendable, Equatable {
    /// the plan's path as given to the loader
    public var file: String
    /// 1-based
    public var line: Int
    /// 1-based, counted in Unicode scalars (as libyaml does)
    public var column: Int
    /// what is wrong and what to write instead
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(file):\(line):\(column): error: \(message)" }
}

/// Every mistake found in a plan, in file order. The loader checks the whole plan before it
/// gives up, so one run of `edgebench` shows them all.
public struct PlanErrors: Error, CustomStringConvertible, Sendable, Equatable {
    /// never empty
    public var errors: [PlanError]

    public init(_ errors: [PlanError]) { self.errors = errors }

    public var first: PlanError { errors[0] }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
