/// Draws a value axis (ticks, grid lines, tick labels, title) for a `Scale` along one edge of a
/// plot area.
enum AxisRenderer {
    /// Left-edge vertical axis with horizontal grid lines.
    static func vertical(_ scale: Scale, axis: ChartAxis, area: PlotArea, titleX: Double) -> SVGElement {
        var children: [SVGElement] = []
        for tick in scale.ticks {
            guard let fraction = scale.fraction(tick.value) else { continue }
            let y = area.y(fraction)
            children.append(ChartText.line(area.left, y, area.right, y, stroke: tick.isMajor ? Palette.grid : "#F2F2F2"))
        }
        for (tick, label) in labels(scale, axis: axis) {
            guard let fraction = scale.fraction(tick.value) else { continue }
            let y = area.y(fraction)
            children.append(ChartText.line(area.left - 4, y, area.left, y, stroke: Palette.axis))
            children.append(ChartText.text(label, x: area.left - 6, y: y + 4, anchor: "end",
                                           size: tick.isMajor ? 11 : 9, fill: Palette.mutedText))
        }
        children.append(ChartText.line(area.left, area.top, area.left, area.bottom, stroke: Palette.axis))
        let centreY = area.top + area.height / 2
        children.append(ChartText.text(axis.titleWithUnit + scaleNote(scale), x: titleX, y: centreY, anchor: "middle",
                                       size: 12, rotate: -90))
        return .group([SVGAttribute("class", "axis y")], children)
    }

    /// Bottom-edge horizontal axis with vertical grid lines.
    static func horizontal(_ scale: Scale, axis: ChartAxis, area: PlotArea, titleY: Double) -> SVGElement {
        var children: [SVGElement] = []
        for tick in scale.ticks {
            guard let fraction = scale.fraction(tick.value) else { continue }
            let x = area.x(fraction)
            children.append(ChartText.line(x, area.top, x, area.bottom, stroke: tick.isMajor ? Palette.grid : "#F2F2F2"))
        }
        for (tick, label) in labels(scale, axis: axis) {
            guard let fraction = scale.fraction(tick.value) else { continue }
            let x = area.x(fraction)
            children.append(ChartText.line(x, area.bottom, x, area.bottom + 4, stroke: Palette.axis))
            children.append(ChartText.text(label, x: x, y: area.bottom + 16, anchor: "middle",
                                           size: tick.isMajor ? 11 : 9, fill: Palette.mutedText))
        }
        children.append(ChartText.line(area.left, area.bottom, area.right, area.bottom, stroke: Palette.axis))
        children.append(ChartText.text(axis.titleWithUnit + scaleNote(scale), x: area.left + area.width / 2, y: titleY,
                                       anchor: "middle", size: 12))
        return .group([SVGAttribute("class", "axis x")], children)
    }

    /// A log axis says so in its title: equal distances mean equal ratios, which readers must know.
    static func scaleNote(_ scale: Scale) -> String {
        scale.kind == .log10 ? ", log scale" : ""
    }

    /// Width the tick labels of a vertical axis need.
    static func labelWidth(_ scale: Scale, axis: ChartAxis) -> Double {
        labels(scale, axis: axis).map { ChartText.estimatedWidth($0.1) }.max() ?? 20
    }

    /// Each labelled tick with its text: the axis's format, unless two ticks would read the same (a narrow
    /// range, 151.7–152.2 tok/s, all "152"); then every tick gets the decimals its step needs (152.0, 152.1, …).
    static func labels(_ scale: Scale, axis: ChartAxis) -> [(ScaleTick, String)] {
        let ticks = scale.labelledTicks
        let plain = ticks.map { axis.format($0.value) }
        guard Set(plain).count < plain.count, scale.kind == .linear, ticks.count >= 2 else { return Array(zip(ticks, plain)) }
        let step = abs(ticks[1].value - ticks[0].value)
        return zip(ticks, ticks.map { TickFormats.fixed($0.value, step: step) }).map { ($0, $1) }
    }
}
