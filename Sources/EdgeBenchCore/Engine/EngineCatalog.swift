/// The engine kinds a run knows, in the order help and error messages list them. Built from
/// `EngineRegistry` by the layers that may see the engines, and handed to those that may not (Plans).
public struct EngineCatalog: Sendable, Hashable {
    public let all: [EngineCapabilities]

    public init(_ all: [EngineCapabilities]) { self.all = all }

    public var kinds: [EngineKind] { all.map(\.kind) }

    public subscript(kind: EngineKind) -> EngineCapabilities? { all.first { $0.kind == kind } }

    /// The kinds that honour `setting`, as a sentence names them: "managed, ollama and llama-bench".
    public func kindsHonouring(_ setting: EngineSetting) -> String {
        Self.sentence(all.filter { $0.honours(setting) }.map(\.kind.rawValue), conjunction: "and")
    }

    /// "a", "a and b", "a, b and c" (or "or").
    public static func sentence(_ items: [String], conjunction: String) -> String {
        guard let last = items.last else { return "" }
        let rest = items.dropLast()
        return rest.isEmpty ? last : rest.joined(separator: ", ") + " \(conjunction) " + last
    }
}
