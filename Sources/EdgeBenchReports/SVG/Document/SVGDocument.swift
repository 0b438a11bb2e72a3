/// A standalone `<svg>` element sized by its `viewBox` and 100 % wide, so it scales to a phone
/// screen and to print. Uses only generic font families: the report must open offline.
public struct SVGDocument: Sendable {
    public var width: Double
    public var height: Double
    /// What the chart shows, for screen readers (`aria-label`) and as the document's `<title>`.
    public var label: String
    public var children: [SVGElement]

    public init(width: Double, height: Double, label: String, children: [SVGElement] = []) {
        self.width = width
        self.height = height
        self.label = label
        self.children = children
    }

    public func render() -> String {
        let root = SVGElement(
            "svg",
            [
                SVGAttribute("xmlns", "http://www.w3.org/2000/svg"),
                SVGAttribute("viewBox", "0 0 \(SVGNumber.text(width)) \(SVGNumber.text(height))"),
                SVGAttribute("width", "100%"),
                SVGAttribute("preserveAspectRatio", "xMidYMid meet"),
                SVGAttribute("role", "img"),
                SVGAttribute("aria-label", label),
                SVGAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"),
                SVGAttribute("font-size", 12),
            ],
            children: [.element(.title(label))] + children.map(SVGNode.element)
        )
        return root.rendered
    }
}
