import Foundation

/// Reads and writes the portable bundle (`edgebench/bundle@1`, `schema/bundle.schema.json`).
///
/// Lives in Core so that both the store (import/export) and the reports (writing `bundle.json`
/// next to the rendered files) use the one encoding.
public enum BundleCodec {
    /// Pretty-printed JSON with sorted keys, so two bundles of the same run diff cleanly.
    /// Non-finite numbers never reach the file (they are not JSON): see `ResultBundle.finiteOnly()`.
    public static func encode(_ bundle: ResultBundle) throws -> Data {
        try encodePart(bundle.finiteOnly())
    }

    /// One part of a bundle (a configuration, a request) encoded exactly as `encode` encodes it inside
    /// the whole, for a writer that streams bundle.json part by part instead of holding every request.
    public static func encodePart<Part: Encodable>(_ part: Part) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(part)
        } catch let error as EncodingError {
            throw BundleError(message: describe(error))
        }
    }

    /// Decodes a bundle; a failure names the JSON path (`$.configurations[0].status`) and what was expected.
    public static func decode(_ data: Data) throws -> ResultBundle {
        let bundle: ResultBundle
        do {
            bundle = try JSONDecoder().decode(ResultBundle.self, from: data)
        } catch let error as DecodingError {
            throw BundleError(message: describe(error))
        }
        guard bundle.schema == ResultBundle.schemaID else {
            throw BundleError(
                message: "bundle JSON at $.schema: expected \"\(ResultBundle.schemaID)\", found \"\(bundle.schema)\"; "
                    + "this is not an EdgeBench bundle, or a newer EdgeBench wrote it (upgrade to read it)")
        }
        return bundle
    }

    // MARK: - Error text

    /// `$.configurations[0].requests[2].metrics` for a coding path.
    static func jsonPath(_ path: [any CodingKey]) -> String {
        var text = "$"
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += ".\(key.stringValue)"
            }
        }
        return text
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return "bundle JSON at \(jsonPath(context.codingPath)): expected \(jsonKind(of: type))"
        case .valueNotFound(let type, let context):
            return "bundle JSON at \(jsonPath(context.codingPath)): expected \(jsonKind(of: type)), found null or nothing"
        case .keyNotFound(let key, let context):
            return "bundle JSON at \(jsonPath(context.codingPath)): missing required key \"\(key.stringValue)\""
        case .dataCorrupted(let context):
            let path = jsonPath(context.codingPath)
            if context.codingPath.isEmpty {
                let reason = (context.underlyingError as NSError?)?.localizedDescription ?? context.debugDescription
                return "bundle JSON at $: not valid JSON (\(reason)); is this file a bundle.json?"
            }
            if let allowed = allowedValues(at: context.codingPath) {
                return "bundle JSON at \(path): expected one of \(allowed) (\(context.debugDescription))"
            }
            return "bundle JSON at \(path): \(context.debugDescription)"
        @unknown default:
            return "bundle JSON: \(error)"
        }
    }

    private static func describe(_ error: EncodingError) -> String {
        switch error {
        case .invalidValue(let value, let context):
            return "cannot write bundle JSON at \(jsonPath(context.codingPath)): \(value) is not representable "
                + "(\(context.debugDescription))"
        @unknown default:
            return "cannot write bundle JSON: \(error)"
        }
    }

    private static func jsonKind(of type: Any.Type) -> String {
        let name = String(describing: type)
        switch name {
        case "String": return "a string"
        case "Bool": return "true or false"
        case "Int", "Int64", "Int32", "UInt64": return "an integer"
        case "Double", "Float": return "a number"
        default:
            if name.hasPrefix("Dictionary") { return "an object" }
            if name.hasPrefix("Array") { return "an array" }
            return "a value of type \(name)"
        }
    }

    /// The closed vocabularies of the bundle, so an unknown word gets the list of known ones.
    private static func allowedValues(at path: [any CodingKey]) -> String? {
        guard let last = path.last(where: { $0.intValue == nil })?.stringValue else { return nil }
        let words: [String]
        switch last {
        case "status": words = ["completed", "failed", "interrupted"]
        case "flags": words = Flag.allCases.map(\.rawValue)
        case "unit": words = MetricUnit.allCases.map(\.rawValue)
        case "quantity": words = Quantity.allCases.map(\.rawValue)
        case "boundary": words = MeasurementBoundary.allCases.map(\.rawValue)
        case "metrics", "summary": words = MetricID.measured.map(\.rawValue)
        default: return nil
        }
        return words.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}

/// A bundle that could not be read or written; `message` says where and what to do.
public struct BundleError: Error, Equatable, CustomStringConvertible, LocalizedError {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
    public var errorDescription: String? { message }
}

extension ResultBundle {
    /// The same bundle without any non-finite number: a summary or telemetry channel whose
    /// statistics are not finite is dropped, an undefined spread (stddev, cv, ci95) becomes absent.
    /// Request metrics are filtered by `RequestResult`'s own encoding.
    public func finiteOnly() -> ResultBundle {
        var copy = self
        copy.configurations = configurations.map { configuration in
            var c = configuration
            c.summary = c.summary.compactMapValues { $0.finiteOnly() }
            c.telemetry = c.telemetry.filter { $0.value.mean.isFinite && $0.value.min.isFinite && $0.value.max.isFinite }
            if let timeline = c.power?.timeline { c.power?.timeline = timeline.finiteOnly() }
            return c
        }
        return copy
    }
}

extension Summary {
    /// nil when a central statistic is not finite (nothing honest to print); spreads are cleared one by one.
    public func finiteOnly() -> Summary? {
        guard [mean, median, min, max, p50, p90, p99].allSatisfy(\.isFinite) else { return nil }
        var s = self
        if let v = s.stddev, !v.isFinite { s.stddev = nil }
        if let v = s.cv, !v.isFinite { s.cv = nil }
        if let ci = s.ci95, ci.count != 2 || !ci.allSatisfy(\.isFinite) { s.ci95 = nil }
        return s
    }
}
