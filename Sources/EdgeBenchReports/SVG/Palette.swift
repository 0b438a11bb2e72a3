import Foundation

/// Colours readable by people with the common colour-vision deficiencies.
public enum Palette {
    /// Okabe & Ito (2008), "Color Universal Design": orange, sky blue, bluish green, yellow,
    /// blue, vermillion, reddish purple, black.
    public static let categorical: [String] = [
        "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000",
    ]

    /// The colour of the `index`-th group; cycles after eight (charts with more groups should
    /// label marks directly rather than rely on colour).
    public static func color(_ index: Int) -> String {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }

    /// Viridis (matplotlib), nine evenly spaced stops: perceptually uniform, monotone in
    /// lightness, so it also reads in greyscale print.
    static let viridisStops: [(r: Double, g: Double, b: Double)] = [
        (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
        (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
    ]

    /// Sequential colour for `t` in 0…1 (clamped; non-finite → the low end), linearly
    /// interpolated between the viridis stops.
    public static func sequential(_ t: Double) -> String {
        let clamped = t.isFinite ? Swift.min(Swift.max(t, 0), 1) : 0
        let position = clamped * Double(viridisStops.count - 1)
        let index = Swift.min(Int(position), viridisStops.count - 2)
        let weight = position - Double(index)
        let a = viridisStops[index]
        let b = viridisStops[index + 1]
        return hex(
            a.r + (b.r - a.r) * weight,
            a.g + (b.g - a.g) * weight,
            a.b + (b.b - a.b) * weight
        )
    }

    /// Text colour that stays legible on `sequential(t)`: viridis is dark below about 0.55.
    public static func textOnSequential(_ t: Double) -> String {
        (t.isFinite && t >= 0.55) ? "#000000" : "#FFFFFF"
    }

    /// Fill of a cell or bar whose value is missing.
    public static let missing = "#DDDDDD"
    public static let axis = "#333333"
    public static let grid = "#E5E5E5"
    public static let mutedText = "#555555"

    static func hex(_ r: Double, _ g: Double, _ b: Double) -> String {
        func byte(_ v: Double) -> Int { Swift.min(Swift.max(Int(v.rounded()), 0), 255) }
        return String(format: "#%02X%02X%02X", byte(r), byte(g), byte(b))
    }
}
