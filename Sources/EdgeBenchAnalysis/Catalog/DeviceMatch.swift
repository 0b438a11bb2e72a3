/// The catalog entry a machine's `BoardIdentity` points to, how sure that is, and why.
public struct DeviceMatch: Sendable, Equatable, Codable {
    public enum Confidence: String, Sendable, Codable, Comparable {
        /// nothing in the catalog fits
        case none
        /// a fallback (an x86 machine → generic-x86)
        case low
        /// the board is clear but one detail was inferred (variant from the core count, a damaged model string)
        case medium
        /// the device tree names the board and the RAM size or accelerator picks the variant
        case high

        var rank: Int { [.none, .low, .medium, .high].firstIndex(of: self) ?? 0 }
        public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
    }

    /// the catalog id, nil when no single entry fits
    public var id: String?
    public var confidence: Confidence
    /// entries that remain possible when `id` is nil (e.g. the three Pi 5 RAM variants without meminfo)
    public var candidates: [String]
    /// what was read and how it led here, e.g.
    /// "device-tree model 'Raspberry Pi 5 Model B Rev 1.0' + Hailo-10H → rpi5-8gb-ai-hat-plus-2 (RAM size picks 8 GB)"
    public var reason: String

    public init(id: String?, confidence: Confidence, candidates: [String] = [], reason: String) {
        self.id = id
        self.confidence = confidence
        self.candidates = candidates
        self.reason = reason
    }
}
