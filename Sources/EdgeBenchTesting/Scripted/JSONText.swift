import EdgeBenchCore

/// Minimal JSON text building for the test servers' wire output (exact bytes, no encoder surprises).
enum JSONText {
    static func string(_ value: String) -> String { JSONString.quoted(value) }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) + ".0" : String(value)
    }
}
