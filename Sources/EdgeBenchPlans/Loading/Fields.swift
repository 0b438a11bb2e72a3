import Yams

/// Typed, checked access to one YAML mapping of a plan (the plan itself, an engine, a workload…).
/// Every wrong key, type or value is reported to `diagnostics` with its position; getters then
/// return nil so the loader can go on and find the next mistake.
struct Fields {
    let mapping: Node.Mapping
    let mark: Mark?
    /// how messages name this mapping, e.g. "engine 'remote'"
    let subject: String
    let diagnostics: Diagnostics
    /// known keys that a misspelt key was taken for; their "missing" error would repeat the same mistake
    private(set) var suggested: Set<String> = []

    /// nil (after reporting) when `node` is not a mapping.
    init?(_ node: Node, subject: String, expected: String, known: [String], diagnostics: Diagnostics) {
        guard let mapping = node.mapping else {
            diagnostics.error("\(subject) must be a mapping of keys (\(expected)), got \(node.describedValue)", at: node.mark)
            return nil
        }
        self.mapping = mapping
        self.mark = node.mark
        self.subject = subject
        self.diagnostics = diagnostics
        for key in mapping.keys {
            guard let name = key.scalar?.string else {
                diagnostics.error("keys of \(subject) must be plain words, got \(key.describedValue)", at: key.mark)
                continue
            }
            guard !known.contains(name) else { continue }
            if let suggestion = KeySuggestion.closest(to: name, in: known) {
                suggested.insert(suggestion)
                diagnostics.error("unknown key '\(name)' in \(subject); did you mean '\(suggestion)'?", at: key.mark)
            } else {
                diagnostics.error(
                    "unknown key '\(name)' in \(subject); known keys: \(known.joined(separator: ", "))", at: key.mark)
            }
        }
    }

    /// The value node of `key`; a key written with no value (`key:`) counts as absent.
    func node(_ key: String) -> Node? {
        guard let value = mapping[key] else { return nil }
        if value.isNull { return nil }
        return value
    }

    func has(_ key: String) -> Bool { node(key) != nil }

    func keyMark(_ key: String) -> Mark? {
        mapping.keys.first { $0.scalar?.string == key }?.mark ?? mark
    }

    func missing(_ key: String, _ hint: String) {
        guard !suggested.contains(key) else { return }
        diagnostics.error("\(subject) needs '\(key)' (\(hint))", at: mark)
    }

    func string(_ key: String, required hint: String? = nil) -> String? {
        guard let value = node(key) else {
            if let hint { missing(key, hint) }
            return nil
        }
        guard let scalar = value.scalar else {
            diagnostics.error("'\(key)' must be text, got \(value.describedValue)", at: value.mark)
            return nil
        }
        return scalar.string
    }

    func int(_ key: String, minimum: Int, required hint: String? = nil) -> Int? {
        guard let value = node(key) else {
            if let hint { missing(key, hint) }
            return nil
        }
        return Self.int(value, key: key, minimum: minimum, diagnostics: diagnostics)
    }

    static func int(_ value: Node, key: String, minimum: Int, diagnostics: Diagnostics) -> Int? {
        let expected = minimum == 1 ? "a positive integer" : minimum == 0 ? "an integer ≥ 0" : "an integer ≥ \(minimum)"
        guard let scalar = value.scalar, let n = Int(scalar.string),
            n >= minimum
        else {
            diagnostics.error("'\(key)' must be \(expected), got \(value.describedValue)", at: value.mark)
            return nil
        }
        return n
    }

    /// Any integer, negative included (seeds).
    func anyInt(_ key: String) -> Int? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar, let n = Int(scalar.string) else {
            diagnostics.error("'\(key)' must be an integer, got \(value.describedValue)", at: value.mark)
            return nil
        }
        return n
    }

    func double(_ key: String, in range: ClosedRange<Double>, expected: String) -> Double? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar, let x = Double(scalar.string), x.isFinite, range.contains(x) else {
            diagnostics.error("'\(key)' must be \(expected), got \(value.describedValue)", at: value.mark)
            return nil
        }
        return x
    }

    func bool(_ key: String) -> Bool? {
        guard let value = node(key) else { return nil }
        guard let scalar = value.scalar, let b = Bool.construct(from: scalar) else {
            diagnostics.error("'\(key)' must be true or false, got \(value.describedValue)", at: value.mark)
            return nil
        }
        return b
    }

    /// A list of text, or one text standing for a list of one (`stop: "\n"`).
    func strings(_ key: String) -> [(String, Mark?)]? {
        guard let value = node(key) else { return nil }
        if let scalar = value.scalar { return [(scalar.string, value.mark)] }
        guard let sequence = value.sequence else {
            diagnostics.error("'\(key)' must be a list of text, got \(value.describedValue)", at: value.mark)
            return nil
        }
        var result: [(String, Mark?)] = []
        for item in sequence {
            guard let scalar = item.scalar else {
                diagnostics.error("items of '\(key)' must be text, got \(item.describedValue)", at: item.mark)
                continue
            }
            result.append((scalar.string, item.mark))
        }
        return result
    }

    /// The items of a list-valued key (engines, models, workloads, exclude); nil (after reporting) otherwise.
    func list(_ key: String, required hint: String? = nil) -> [Node]? {
        guard let value = node(key) else {
            if let hint { missing(key, hint) }
            return nil
        }
        guard let sequence = value.sequence else {
            diagnostics.error("'\(key)' must be a list (items start with '- '), got \(value.describedValue)", at: value.mark)
            return nil
        }
        if sequence.count == 0, let hint {
            diagnostics.error("'\(key)' is empty; it needs at least one item (\(hint))", at: value.mark)
            return nil
        }
        return Array(sequence)
    }
}

extension Node {
    var isNull: Bool {
        guard let scalar else { return false }
        return scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How a value is shown in messages: text quoted, containers by kind.
    var describedValue: String {
        switch self {
        case .scalar(let scalar): isNull ? "nothing" : "\"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
