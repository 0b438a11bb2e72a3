/// One test's fields by llama-bench's own names, from a JSON object or a CSV row. The readers are
/// lenient about how a value is spelled, because builds differ: `flash_attn` is `true` in some and
/// `-1` in others, and CSV quotes every number.
struct LlamaBenchRecord {
    enum Field: Equatable {
        case text(String)
        case number(String)
        case bool(Bool)
        case numbers([String])
        case null
        /// nested objects or mixed arrays: kept only as text, to tell configurations apart
        case other(String)
    }

    var fields: [String: Field]

    init(fields: [String: Field]) { self.fields = fields }

    init(json members: [String: JSONValue]) {
        fields = members.mapValues { value in
            switch value {
            case .string(let text): return .text(text)
            case .number(let text): return .number(text)
            case .bool(let flag): return .bool(flag)
            case .null: return .null
            case .array(let elements):
                let numbers = elements.compactMap { element -> String? in
                    if case .number(let text) = element { return text }
                    return nil
                }
                return numbers.count == elements.count ? .numbers(numbers) : .other("\(elements)")
            case .object(let nested, _): return .other("\(nested.keys.sorted())")
            }
        }
    }

    func text(_ key: String) -> String? {
        switch fields[key] {
        case .text(let text)?, .number(let text)?: text
        case .bool(let flag)?: flag ? "true" : "false"
        case .numbers(let values)?: values.joined(separator: ",")
        case .other(let text)?: text
        case .null?, nil: nil
        }
    }

    /// Trimmed, and nil when empty (llama-bench pads cpu_info with spaces and leaves gpu_info "" on CPU).
    func trimmed(_ key: String) -> String? {
        guard let text = text(key) else { return nil }
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }

    func double(_ key: String) -> Double? {
        switch fields[key] {
        case .number(let text)?, .text(let text)?: Self.double(text)
        case .bool(let flag)?: flag ? 1 : 0
        default: nil
        }
    }

    func int(_ key: String) -> Int? { int64(key).map { Int(clamping: $0) } }

    func int64(_ key: String) -> Int64? {
        switch fields[key] {
        case .number(let text)?, .text(let text)?:
            let trimmed = text.trimmingWhitespace()
            if let exact = Int64(trimmed) { return exact }
            guard let value = Double(trimmed), value.isFinite, value.rounded() == value, abs(value) < 9e18 else { return nil }
            return Int64(value)
        case .bool(let flag)?: return flag ? 1 : 0
        default: return nil
        }
    }

    /// JSON booleans, and CSV's "1"/"0"/"true"/"false".
    func bool(_ key: String) -> Bool? {
        switch fields[key] {
        case .bool(let flag)?: return flag
        case .number(let text)?, .text(let text)?:
            switch text.trimmingWhitespace().lowercased() {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: return nil
            }
        default: return nil
        }
    }

    func doubles(_ key: String) -> [Double]? {
        guard case .numbers(let values)? = fields[key] else { return nil }
        let parsed = values.compactMap(Self.double)
        return parsed.count == values.count ? parsed : nil
    }

    /// Accepts what printf writes for non-finite values too ("nan", "-nan", "inf"), as non-finite numbers.
    static func double(_ text: String) -> Double? {
        let trimmed = text.trimmingWhitespace()
        switch trimmed.lowercased() {
        case "nan", "-nan": return .nan
        case "inf": return .infinity
        case "-inf": return -.infinity
        default: return Double(trimmed)
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
