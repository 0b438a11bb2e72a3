import Foundation

/// The little JSON handling the plug parsers share. Plug bodies are small and untyped (keys such as
/// `switch:0` or `em1data:2` name components), so a dictionary walk reads them more plainly than Codable.
enum PlugJSON {
    static func object(_ text: some StringProtocol) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    /// Booleans are NSNumbers too on Linux; none of the fields read here is a boolean.
    static func number(_ value: Any?) -> Double? {
        if let number = value as? NSNumber { return number.doubleValue }
        return nil
    }

    /// A scalar, or each element of an array (Tasmota's multi-phase `Power: [a, b, c]`).
    static func numbers(_ value: Any?) -> [Double]? {
        if let single = number(value) { return [single] }
        guard let array = value as? [Any] else { return nil }
        let numbers = array.compactMap(number)
        return numbers.count == array.count && !numbers.isEmpty ? numbers : nil
    }

    /// The JSON documents of a capture: the whole text as one body (pretty-printed or not), else one per line.
    /// `lineJSON` pulls the JSON out of a line (e.g. after a console's `topic = `); nil lines are skipped.
    static func documents(
        _ text: String, format: String, expected: String, lineJSON: (Substring) -> Substring?
    ) throws -> [(line: Int, object: [String: Any])] {
        if let whole = object(text) { return [(1, whole)] }
        var documents: [(line: Int, object: [String: Any])] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = SysfsText.trimmed(raw)
            if line.isEmpty { continue }
            guard let json = lineJSON(line) else { continue }
            guard let parsed = object(json) else {
                throw TelemetryLogError(format: format, line: offset + 1, text: String(line), expected: expected)
            }
            documents.append((offset + 1, parsed))
        }
        return documents
    }
}
