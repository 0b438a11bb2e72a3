import Yams

/// Collects plan errors while the loader walks the YAML tree; local to one load, never shared.
final class Diagnostics {
    let file: String
    private(set) var errors: [PlanError] = []

    init(file: String) { self.file = file }

    func error(_ message: String, at mark: Mark?) {
        errors.append(PlanError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message))
    }

    /// File order, so the first error printed is the first one in the file.
    var sorted: [PlanError] {
        errors.enumerated().sorted {
            ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
        }.map(\.element)
    }
}
