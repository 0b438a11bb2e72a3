import Foundation

/// One configuration in a bubble chart. x or y may be missing (no power sensor, failed run):
/// such points are named in a footnote, never drawn at 0 where they would look like a result.
public struct BubblePoint: Sendable {
    public var id: String
    public var label: String
    public var group: String
    public var x: Double?
    public var y: Double?
    /// Drives bubble area (e.g. device volume in m³); nil draws the smallest bubble.
    public var size: Double?

    public init(id: String, label: String, group: String, x: Double?, y: Double?, size: Double? = nil) {
        self.id = id
        self.label = label
        self.group = group
        self.x = x
        self.y = y
        self.size = size
    }
}

/// The methodology's main figure: power (x) vs throughput (y), bubble area ∝ device volume,
/// colour by group, the Pareto front outlined and joined by a step line.
public struct BubbleChart: Sendable {
    public var title: String
    public var points: [BubblePoint]
    public var xAxis: ChartAxis
    public var yAxis: ChartAxis
    /// What bubble area stands for, with unit, e.g. ChartAxis(title: "Device volume", unit: "m³").
    public var sizeAxis: ChartAxis?
    /// Ids drawn as the highlighted set (the Pareto front).
    public var highlighted: Set<String>
    public var highlightLabel: String

    public init(
        title: String, points: [BubblePoint], xAxis: ChartAxis, yAxis: ChartAxis, sizeAxis: ChartAxis? = nil,
        highlighted: Set<String> = [], highlightLabel: String = "Pareto front"
    ) {
        self.title = title
        self.points = points
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.sizeAxis = sizeAxis
        self.highlighted = highlighted
        self.highlightLabel = highlightLabel
    }

    static let legendLimit = 12

    struct Placed {
        let point: BubblePoint
        let x: Double
        let y: Double
        let cx: Double
        let cy: Double
        let radius: Double
        let color: String
    }

    public func svg(width: Double = 720, height: Double = 480) -> String {
        let drawable = points.compactMap { point -> (BubblePoint, Double, Double)? in
            guard let x = point.x, let y = point.y, x.isFinite, y.isFinite else { return nil }
            return (point, x, y)
        }
        let missing = points.filter { point in !drawable.contains { $0.0.id == point.id } }
        guard !drawable.isEmpty else {
            let names = missing.map(\.label).joined(separator: ", ")
            return ChartText.noData(title: title, message: missing.isEmpty ? "No data" : "No data (missing values: \(names))",
                                    width: width, height: height)
        }
        let groups = orderedGroups(drawable.map(\.0.group))
        let xScale = Scale.auto(drawable.map(\.1), padding: 0.05)
        let yScale = Scale.auto(drawable.map(\.2), padding: 0.05)

        // at most 12 groups by name: more would push the plot off the chart (every bubble's tooltip names its group)
        let named = groups.count > Self.legendLimit ? Self.legendLimit - 1 : groups.count
        let legendEntries = groups.prefix(named).enumerated().map { (label: $0.element, color: Palette.color($0.offset)) }
            + (named < groups.count ? [(label: "+\(groups.count - named) more groups", color: Palette.missing)] : [])
            + (highlighted.isEmpty ? [] : [(label: highlightLabel, color: "#FFFFFF")])
        let footnoteHeight: Double = (missing.isEmpty ? 0 : 18) + (sizeAxis == nil ? 0 : 16)
        let left = AxisRenderer.labelWidth(yScale, axis: yAxis) + 34
        // laid out first, so the plot starts below however many rows the legend wraps onto
        let legend = ChartText.legend(legendEntries, x: left, y: 44, maxWidth: width - left - 24, shape: "circle")
        let margins = PlotArea.Margins(top: 34 + legend.height, right: 24, bottom: 48 + footnoteHeight, left: left)
        let area = PlotArea(chartWidth: width, chartHeight: height, margins: margins)

        let maxSize = drawable.compactMap { $0.0.size }.filter { $0.isFinite && $0 > 0 }.max()
        let maxRadius = max(min(area.width, area.height) * 0.07, 6)
        let placed: [Placed] = drawable.map { point, x, y in
            let radius: Double
            if let size = point.size, size.isFinite, size > 0, let maxSize {
                // area ∝ size, so radius ∝ √size; floor at 3 px so the smallest stays visible
                radius = max(maxRadius * (size / maxSize).squareRoot(), 3)
            } else {
                radius = 3
            }
            return Placed(
                point: point, x: x, y: y,
                cx: area.x(xScale.fraction(x) ?? 0), cy: area.y(yScale.fraction(y) ?? 0),
                radius: radius, color: Palette.color(groups.firstIndex(of: point.group) ?? 0))
        }

        var children: [SVGElement] = [ChartText.chartTitle(title, width: width)]
        children.append(legend.element)
        children.append(AxisRenderer.vertical(yScale, axis: yAxis, area: area, titleX: 14))
        children.append(AxisRenderer.horizontal(xScale, axis: xAxis, area: area, titleY: area.bottom + 34))
        children.append(frontLine(placed))
        // biggest first, so small bubbles are not hidden under large ones
        let bubbles = placed.sorted { $0.radius > $1.radius }.map(bubble)
        children.append(.group([SVGAttribute("class", "bubbles")], bubbles))
        let showLabels = placed.count <= 40
        if showLabels {
            children.append(.group([SVGAttribute("class", "labels")], labels(placed, area: area, width: width)))
        }
        var footY = height - footnoteHeight + 10
        if let sizeAxis {
            children.append(ChartText.text("Bubble area ∝ \(sizeAxis.titleWithUnit)", x: margins.left, y: footY,
                                           size: 10, fill: Palette.mutedText))
            footY += 16
        }
        if !missing.isEmpty {
            let names = missing.map(\.label).joined(separator: ", ")
            children.append(ChartText.text(
                "Not drawn (missing \(xAxis.title.lowercased()) or \(yAxis.title.lowercased())): \(names)",
                x: margins.left, y: footY, size: 10, fill: Palette.mutedText))
        }
        return SVGDocument(width: width, height: height, label: title, children: children).render()
    }

    /// Each bubble's label beside it, clear of the other labels, the bubbles' centres, the Pareto line and the
    /// plot's edges; bubbles are labelled smallest first, since a big bubble has more room around it.
    func labels(_ placed: [Placed], area: PlotArea, width: Double) -> [SVGElement] {
        var placer = LabelPlacer(bounds: .init(x0: area.left + 1, y0: area.top + 1, x1: width - 2, y1: area.bottom - 1))
        placer.segments = frontSegments(placed)
        // the marks themselves: a label on a bubble's centre hides which bubble is which
        placer.taken = placed.map { .init(x0: $0.cx - 2, y0: $0.cy - 2, x1: $0.cx + 2, y1: $0.cy + 2) }
        var elements: [SVGElement] = []
        for item in placed.sorted(by: { $0.radius < $1.radius }) {
            let label = ChartText.truncated(item.point.label, maxCharacters: 24)
            // beside the bubble first; in a crowd, further out (rings 12 and 24 px wider)
            let spots = [0.0, 12, 24].flatMap { extra in
                LabelPlacer.spots(cx: item.cx, cy: item.cy, radius: item.radius + extra,
                                  width: ChartText.estimatedWidth(label, fontSize: 10) * 1.12 + 2, fontSize: 10)
            }
            guard let spot = placer.place(spots) else { continue }
            elements.append(ChartText.text(label, x: spot.x, y: spot.y, anchor: spot.anchor, size: 10))
        }
        return elements
    }

    func bubble(_ item: Placed) -> SVGElement {
        let isFront = highlighted.contains(item.point.id)
        var hover = "\(item.point.label) (\(item.point.group)): \(xAxis.title) \(xAxis.valueText(item.x)), "
            + "\(yAxis.title) \(yAxis.valueText(item.y))"
        if let sizeAxis, let size = item.point.size { hover += ", \(sizeAxis.title) \(sizeAxis.valueText(size))" }
        if isFront { hover += " — \(highlightLabel)" }
        return SVGElement("circle", [
            SVGAttribute("cx", item.cx), SVGAttribute("cy", item.cy), SVGAttribute("r", item.radius),
            SVGAttribute("fill", item.color), SVGAttribute("fill-opacity", isFront ? 0.85 : 0.6),
            SVGAttribute("stroke", isFront ? "#000000" : "#FFFFFF"), SVGAttribute("stroke-width", isFront ? 3 : 1),
        ], children: [.element(.title(hover))])
    }

    /// The staircase's horizontal and vertical pieces, for keeping labels off it.
    func frontSegments(_ placed: [Placed]) -> [(Double, Double, Double, Double)] {
        let front = placed.filter { highlighted.contains($0.point.id) }.sorted { $0.cx < $1.cx }
        var segments: [(Double, Double, Double, Double)] = []
        for (a, b) in zip(front, front.dropFirst()) {
            segments.append((a.cx, a.cy, b.cx, a.cy))
            segments.append((b.cx, a.cy, b.cx, b.cy))
        }
        return segments
    }

    /// Step line through the highlighted points in x order: the front's staircase shape shows
    /// what each extra watt buys.
    func frontLine(_ placed: [Placed]) -> SVGElement {
        let front = placed.filter { highlighted.contains($0.point.id) }.sorted { $0.cx < $1.cx }
        guard let first = front.first, front.count >= 2 else { return .group([SVGAttribute("class", "front")], []) }
        var path = "M\(SVGNumber.text(first.cx)) \(SVGNumber.text(first.cy))"
        for item in front.dropFirst() {
            path += " H\(SVGNumber.text(item.cx)) V\(SVGNumber.text(item.cy))"
        }
        return .group([SVGAttribute("class", "front")], [
            SVGElement("path", [
                SVGAttribute("d", path), SVGAttribute("fill", "none"), SVGAttribute("stroke", "#000000"),
                SVGAttribute("stroke-width", 1.5), SVGAttribute("stroke-dasharray", "5 3"),
            ], children: [.element(.title(highlightLabel))]),
        ])
    }
}

/// Groups in first-seen order, so colours are stable for a given input order.
func orderedGroups(_ names: [String]) -> [String] {
    var seen = Set<String>()
    return names.filter { seen.insert($0).inserted }
}
