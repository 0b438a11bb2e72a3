/// llama-bench output that could not be read: which file, where (1-based line and column in the
/// file as given, preamble included), the offending text, and what to do.
public struct LlamaBenchParseError: Error, Equatable, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var problem: String
    /// the offending line(s), with a caret under the column
    public var excerpt: String?
    public var remedy: String

    public init(file: String, line: Int? = nil, column: Int? = nil, problem: String, excerpt: String? = nil, remedy: String) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
        self.excerpt = excerpt
        self.remedy = remedy
    }

    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        var text = "\(place): \(problem)"
        if let excerpt { text += "\n" + excerpt }
        return text + "\n→ " + remedy
    }

    static let rerun = "re-run llama-bench with -o json, or fix the file by hand"

    static func empty(_ file: String) -> LlamaBenchParseError {
        LlamaBenchParseError(
            file: file, problem: "the file is empty",
            remedy: "run llama-bench with -o json (or -o jsonl) and save its standard output to this file")
    }

    static func unrecognised(_ file: String) -> LlamaBenchParseError {
        LlamaBenchParseError(
            file: file,
            problem: "no llama-bench output found: no JSON array or object, no CSV header starting with build_commit, "
                + "no markdown table with | model | … | test | t/s | columns",
            remedy: "pass what llama-bench printed with -o json, -o jsonl, -o csv or -o md (its default)")
    }
}
