import Foundation

/// The little JSON handling the plug parsers share. Plug bodies are small and untyped (keys such as
/// `switch:0` or `em1data:2` name components), so a dictionary walk reads them more plainly than Codable.
enum PlugJSON {
    static func object(_ text: some StringProtocol) -> [String: Any]? {
        try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
    }

    /// Booleans are NSNumbers too on Linux; none of the fields read here is a boolean.
    static func number(_ value: Any?) -> Double? {
        if let number = value as? NSNumber, number.doubleValue.isFinite { return number.doubleValue }
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
    /// `lineJSON` pulls the JSON out of a line (e.g. after a console's `topic = `); nil lines are skipped and
    /// counted. Plug bodies are a few kB, so the capture is gathered whole (a body may span lines).
    static func documents(
        _ lines: LogLines, format: String, expected: String, lineJSON: (Substring) -> Substring?
    ) throws -> (documents: [(line: Int, object: [String: Any])], skipped: Int, text: String) {
        var numbered: [(Int, Substring)] = []
        try lines.forEach(format: format) { numbered.append(($0, $1)) }
        let text = numbered.map(\.1).joined(separator: "\n")
        if let whole = object(text) { return ([(1, whole)], 0, text) }
        var documents: [(line: Int, object: [String: Any])] = []
        var skipped = 0
        for (number, raw) in numbered {
            let line = SysfsText.trimmed(raw)
            guard !line.isEmpty, let json = lineJSON(line) else {
                skipped += 1
                continue
            }
            guard let parsed = object(json) else {
                throw TelemetryLogError(
                    format: format, line: number, column: raw.column(of: json.startIndex), text: String(line), expected: expected)
            }
            documents.append((number, parsed))
        }
        return (documents, skipped, text)
    }
}
