/// The name of an engine kind as plans, bundles and `--engine` write it ("managed", "ollama", …).
///
/// A name, not a closed enum: each kind is declared in its own engine folder and listed once in
/// `EngineRegistry`, so adding one touches neither Core nor the plan loader. What a kind honours
/// lives in its `EngineCapabilities`.
public struct EngineKind: RawRepresentable, Sendable, Hashable, Codable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: EngineKind, rhs: EngineKind) -> Bool { lhs.rawValue < rhs.rawValue }

    /// llama.cpp's in-process benchmark. Named here because `EngineSpec.llamaBench` (a managed engine's
    /// sibling run) is a Core field and the plan's expansion creates configurations of this kind.
    public static let llamaBench: EngineKind = "llama-bench"
}
