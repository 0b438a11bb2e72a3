import Foundation

/// Text and frame pieces every chart shares.
enum ChartText {
    /// Rough advance width of a label at 11–12 px in a sans-serif font; used only to reserve
    /// margins, so an overestimate costs a little whitespace and an underestimate clips.
    static func estimatedWidth(_ text: String, fontSize: Double = 11) -> Double {
        Double(text.count) * fontSize * 0.62
    }

    /// `label` broken after "-", " " or "·" into lines that each fit `width` (a word too long for a line is cut).
    static func wrapped(_ label: String, width: Double, fontSize: Double) -> [String] {
        let fits = Swift.max(Int(width / (fontSize * 0.62)), 2)
        var pieces: [String] = []
        var current = ""
        for character in label {
            current.append(character)
            if character == "-" || character == " " { pieces.append(current); current = "" }
        }
        if !current.isEmpty { pieces.append(current) }
        var lines: [String] = []
        var line = ""
        for piece in pieces {
            if !line.isEmpty, (line + piece).trimmingCharacters(in: .whitespaces).count > fits {
                lines.append(line.trimmingCharacters(in: .whitespaces))
                line = ""
            }
            line += piece
        }
        if !line.isEmpty { lines.append(line.trimmingCharacters(in: .whitespaces)) }
        return lines.map { truncated($0, maxCharacters: fits) }
    }

    /// `label` cut to what `width` holds at `fontSize`, keeping its end when the start is what repeats
    /// between labels ("…nano-super"): callers pass the part that differs last.
    static func fitted(_ label: String, width: Double, fontSize: Double) -> String {
        let fits = Int(width / (fontSize * 0.62))
        return truncated(label, maxCharacters: Swift.max(fits, 2))
    }

    static func text(
        _ string: String, x: Double, y: Double, anchor: String = "start", size: Double? = nil,
        weight: String? = nil, fill: String? = nil, rotate: Double? = nil, baseline: String? = nil
    ) -> SVGElement {
        var attributes = [SVGAttribute("x", x), SVGAttribute("y", y)]
        if anchor != "start" { attributes.append(SVGAttribute("text-anchor", anchor)) }
        if let size { attributes.append(SVGAttribute("font-size", size)) }
        if let weight { attributes.append(SVGAttribute("font-weight", weight)) }
        if let fill { attributes.append(SVGAttribute("fill", fill)) }
        if let baseline { attributes.append(SVGAttribute("dominant-baseline", baseline)) }
        if let rotate {
            attributes.append(
                SVGAttribute("transform", "rotate(\(SVGNumber.text(rotate)) \(SVGNumber.text(x)) \(SVGNumber.text(y)))"))
        }
        return SVGElement("text", attributes, text: string)
    }

    /// Truncates long labels with an ellipsis so a 60-character configuration id cannot push the
    /// plot off a phone screen; the full text stays in the mark's hover title.
    static func truncated(_ label: String, maxCharacters: Int) -> String {
        guard label.count > maxCharacters, maxCharacters > 1 else { return label }
        return String(label.prefix(maxCharacters - 1)) + "…"
    }

    static func chartTitle(_ title: String, width: Double) -> SVGElement {
        text(title, x: width / 2, y: 20, anchor: "middle", size: 15, weight: "bold")
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1,
                     dash: String? = nil) -> SVGElement {
        var attributes = [
            SVGAttribute("x1", x1), SVGAttribute("y1", y1), SVGAttribute("x2", x2), SVGAttribute("y2", y2),
            SVGAttribute("stroke", stroke),
        ]
        if width != 1 { attributes.append(SVGAttribute("stroke-width", width)) }
        if let dash { attributes.append(SVGAttribute("stroke-dasharray", dash)) }
        return SVGElement("line", attributes)
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                     extra: [SVGAttribute] = [], title: String? = nil) -> SVGElement {
        let attributes = [
            SVGAttribute("x", x), SVGAttribute("y", y),
            SVGAttribute("width", Swift.max(width, 0)), SVGAttribute("height", Swift.max(height, 0)),
            SVGAttribute("fill", fill),
        ] + extra
        return SVGElement("rect", attributes, children: title.map { [.element(.title($0))] } ?? [])
    }

    /// The whole chart when there is nothing to draw: a frame that says so, rather than empty
    /// axes a reader might take for a rendering bug.
    static func noData(title: String, message: String, width: Double, height: Double) -> String {
        SVGDocument(
            width: width, height: height, label: title + ": " + message,
            children: [
                chartTitle(title, width: width),
                rect(x: 1, y: 30, width: width - 2, height: height - 31, fill: "none",
                     extra: [SVGAttribute("stroke", Palette.grid)]),
                text(message, x: width / 2, y: (height + 30) / 2, anchor: "middle", size: 13, fill: Palette.mutedText),
            ]
        ).render()
    }

    /// Horizontal legend row of coloured swatches, wrapping onto further rows when it runs out of width.
    static func legend(_ entries: [(label: String, color: String)], x: Double, y: Double, maxWidth: Double,
                       shape: String = "rect") -> (element: SVGElement, height: Double) {
        var children: [SVGElement] = []
        var cursorX = x
        var cursorY = y
        for entry in entries {
            let label = truncated(entry.label, maxCharacters: 28)
            let itemWidth = 16 + estimatedWidth(label) + 14
            if cursorX + itemWidth > x + maxWidth, cursorX > x {
                cursorX = x
                cursorY += 18
            }
            if shape == "circle" {
                var circle = [
                    SVGAttribute("cx", cursorX + 6), SVGAttribute("cy", cursorY - 4), SVGAttribute("r", 6),
                    SVGAttribute("fill", entry.color),
                ]
                // a white swatch (the outlined Pareto-front bubbles) is invisible without its outline
                if entry.color.uppercased() == "#FFFFFF" {
                    circle += [SVGAttribute("stroke", "#000000"), SVGAttribute("stroke-width", 2)]
                }
                children.append(SVGElement("circle", circle))
            } else {
                children.append(rect(x: cursorX, y: cursorY - 10, width: 12, height: 12, fill: entry.color))
            }
            children.append(text(label, x: cursorX + 16, y: cursorY, size: 11))
            cursorX += itemWidth
        }
        return (.group([SVGAttribute("class", "legend")], children), cursorY - y + 18)
    }
}
