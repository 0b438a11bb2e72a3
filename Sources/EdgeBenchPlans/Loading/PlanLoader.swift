import EdgeBenchCore
import Foundation
import Yams

/// Reads a plan file, checks all of it, and returns a `Plan` — or throws `PlanErrors` listing every
/// mistake with file:line:column and what to write instead. Nothing runs from a plan that has one.
public enum PlanLoader {
    static let topLevelKeys = [
        "name", "description", "repetitions", "warmup", "engines", "models", "workloads", "matrix", "exclude",
        "devices", "analysis", "power", "idle_seconds", "min_measured_seconds", "sample_rate_hz",
    ]
    /// measured requests per configuration when the plan does not say
    public static let defaultRepetitions = 5
    public static let defaultWarmup = 1

    /// Loads `path`; a relative `prompt_file` is resolved against the plan file's directory. `engines`
    /// (from `EngineRegistry`) says which kinds exist and which keys each honours.
    public static func load(path: String, engines: EngineCatalog) throws -> Plan {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PlanErrors([
                PlanError(
                    file: path, line: 1, column: 1,
                    message: "cannot read the plan file (\(Self.reason(error))); check the path, or run without a plan to use the built-in quick plan")
            ])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PlanErrors([
                PlanError(file: path, line: 1, column: 1, message: "the plan file is not UTF-8 text; save it as UTF-8")
            ])
        }
        var plan = try parse(text, file: path, baseDirectory: url.deletingLastPathComponent(), engines: engines)
        plan.hash = PlanDigest.sha256(of: data)
        return plan
    }

    /// Parses plan text; `file` names it in errors, `baseDirectory` anchors relative `prompt_file`s
    /// (the current directory when nil).
    public static func parse(_ text: String, file: String, baseDirectory: URL?, engines: EngineCatalog) throws -> Plan {
        let diagnostics = Diagnostics(file: file)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw PlanErrors([syntaxError(error, file: file)])
        }
        guard let root, !root.isNull else {
            throw PlanErrors([
                PlanError(
                    file: file, line: 1, column: 1,
                    message: "the plan is empty; it needs at least 'engines', 'models' and 'workloads' (see examples/quick.yaml)")
            ])
        }
        let context = LoadContext(
            diagnostics: diagnostics, catalog: engines,
            baseDirectory: baseDirectory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        let plan = context.plan(root, text: text, file: file)
        guard diagnostics.errors.isEmpty, let plan else {
            throw PlanErrors(diagnostics.sorted)
        }
        return plan
    }

    static func syntaxError(_ error: YamlError, file: String) -> PlanError {
        let hint = "check the indentation (spaces, not tabs) and quote text that contains ': ' or ' #'"
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            // libyaml's context says where the broken construct began, often far from where parsing failed.
            let began = context.map { " \($0.text) that starts at line \($0.mark.line), column \($0.mark.column)" } ?? ""
            return PlanError(
                file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(problem)\(began); \(hint)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return PlanError(
                file: file, line: context.mark.line, column: context.mark.column,
                message: "duplicate key \(keys) in one mapping; write each key once")
        case .reader(let problem, let offset, _, let yaml):
            let (line, column) = offset.map { position(ofCharacter: $0, in: yaml) } ?? (1, 1)
            return PlanError(
                file: file, line: line, column: column, message: "unreadable text: \(problem); save the plan as UTF-8")
        default:
            return PlanError(file: file, line: 1, column: 1, message: "invalid YAML: \(error); \(hint)")
        }
    }

    static func position(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1
        var column = 1
        for character in text.prefix(offset) {
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "no such file" }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoPermissionError { return "permission denied" }
        return error.localizedDescription
    }
}
