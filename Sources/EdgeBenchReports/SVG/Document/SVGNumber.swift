import Foundation

/// Numbers as SVG coordinates: at most two decimals, never exponent notation ("1e-05" is legal
/// SVG but bloats and confuses diffs), never NaN or inf (which a renderer would drop silently).
public enum SVGNumber {
    public static func text(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = String(format: "%.2f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { return "0" }
        return text
    }
}
