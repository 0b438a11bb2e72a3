/// One node of an SVG tree: an element or a run of character data.
public enum SVGNode: Sendable, Equatable {
    case element(SVGElement)
    case text(String)
}

/// An SVG element with ordered attributes. Attribute order is kept so output is deterministic
/// and golden-testable.
public struct SVGElement: Sendable, Equatable {
    public var name: String
    public var attributes: [SVGAttribute]
    public var children: [SVGNode]

    public init(_ name: String, _ attributes: [SVGAttribute] = [], children: [SVGNode] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// An element whose only child is text, e.g. `<text>` or `<title>`.
    public init(_ name: String, _ attributes: [SVGAttribute] = [], text: String) {
        self.init(name, attributes, children: [.text(text)])
    }

    /// The hover text of a mark: browsers show a `<title>` child as a tooltip, screen readers read it.
    public static func title(_ text: String) -> SVGElement {
        SVGElement("title", text: text)
    }

    public static func group(_ attributes: [SVGAttribute] = [], _ children: [SVGElement]) -> SVGElement {
        SVGElement("g", attributes, children: children.map(SVGNode.element))
    }

    public func render(into output: inout String) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + SVGEscape.attribute(attribute.value) + "\""
        }
        if children.isEmpty {
            output += "/>"
            return
        }
        output += ">"
        for child in children {
            switch child {
            case .element(let element): element.render(into: &output)
            case .text(let text): output += SVGEscape.text(text)
            }
        }
        output += "</" + name + ">"
    }

    public var rendered: String {
        var output = ""
        render(into: &output)
        return output
    }
}

/// A name="value" pair; numbers go through `SVGNumber` so coordinates are short and never exponential.
public struct SVGAttribute: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    public init(_ name: String, _ value: Double) {
        self.init(name, SVGNumber.text(value))
    }
}
