/// A rows × columns grid (model × configuration) coloured by value on the viridis scale, with
/// the formatted value in each cell, "–" on grey where there is none, and a legend bar. With a
/// direction, the bright (yellow) end is always the better one, so throughput and energy read alike.
public struct Heatmap: Sendable {
    public var title: String
    public var rows: [String]
    public var columns: [String]
    /// values[row][column]; short rows are treated as missing cells.
    public var values: [[Double?]]
    public var valueAxis: ChartAxis
    /// true: higher is better; false: lower is better; nil: colour by value alone
    public var higherIsBetter: Bool?
    /// Each column's label on its own lines (device, then what differs), printed horizontally while the
    /// columns are wide enough; nil: `columns`.
    public var columnLines: [[String]]?

    public init(
        title: String, rows: [String], columns: [String], values: [[Double?]], valueAxis: ChartAxis,
        higherIsBetter: Bool? = nil, columnLines: [[String]]? = nil
    ) {
        self.title = title
        self.rows = rows
        self.columns = columns
        self.values = values
        self.valueAxis = valueAxis
        self.higherIsBetter = higherIsBetter
        self.columnLines = columnLines
    }

    func value(_ row: Int, _ column: Int) -> Double? {
        guard row < values.count, column < values[row].count, let value = values[row][column], value.isFinite else {
            return nil
        }
        return value
    }

    public func svg(width: Double = 720, height: Double = 480) -> String {
        let present = values.flatMap { $0.compactMap { $0 } }.filter(\.isFinite)
        guard !rows.isEmpty, !columns.isEmpty else {
            return ChartText.noData(title: title, message: "No data", width: width, height: height)
        }
        // colour follows a log scale when values span decades, so one fast board does not
        // flatten every other cell to the same dark purple
        let scale = Scale.auto(present)
        let low = present.min() ?? 0
        let high = present.max() ?? 1
        func t(_ value: Double) -> Double {
            guard high > low else { return 0.5 }
            let up: Double
            switch scale.kind {
            case .linear: up = (value - low) / (high - low)
            case .log10: up = (Scale.log10Value(value) - Scale.log10Value(low)) / (Scale.log10Value(high) - Scale.log10Value(low))
            }
            return higherIsBetter == false ? 1 - up : up
        }

        let rowLabels = rows.map { ChartText.fitted($0, width: width * 0.3 - 14, fontSize: 11) }
        let left = min((rowLabels.map { ChartText.estimatedWidth($0) }.max() ?? 0) + 14, width * 0.3)
        // horizontal lines where each column is wide enough for a short word, else slanted full labels
        let columnWidth = (width - left - 16) / Double(columns.count)
        let horizontal = columnWidth >= 64
        let lines = (columnLines ?? columns.map { [$0] }).map { label in
            label.flatMap { ChartText.wrapped($0, width: columnWidth - 6, fontSize: 10) }
        }
        let lineCount = Double(lines.map(\.count).max() ?? 1)
        let rotatedLabels = columns.map { ChartText.truncated($0, maxCharacters: 30) }
        let bottomLabels = horizontal ? lineCount * 13 + 8
            : (rotatedLabels.map { ChartText.estimatedWidth($0, fontSize: 10) }.max() ?? 0) * 0.72 + 16
        let margins = PlotArea.Margins(top: 34, right: 16, bottom: bottomLabels + 60, left: left)
        let area = PlotArea(chartWidth: width, chartHeight: height, margins: margins)
        let cellWidth = area.width / Double(columns.count)
        let cellHeight = area.height / Double(rows.count)
        let showText = cellWidth >= 30 && cellHeight >= 14

        var cells: [SVGElement] = []
        var texts: [SVGElement] = []
        for row in rows.indices {
            for column in columns.indices {
                let x = area.left + Double(column) * cellWidth
                let y = area.top + Double(row) * cellHeight
                let where_ = "\(rows[row]) × \(columns[column])"
                if let value = value(row, column) {
                    let position = t(value)
                    cells.append(ChartText.rect(x: x, y: y, width: cellWidth - 1, height: cellHeight - 1,
                                                fill: Palette.sequential(position),
                                                title: "\(where_): \(valueAxis.valueText(value))"))
                    if showText {
                        texts.append(ChartText.text(valueAxis.format(value), x: x + cellWidth / 2, y: y + cellHeight / 2 + 4,
                                                    anchor: "middle", size: min(11, cellHeight * 0.6),
                                                    fill: Palette.textOnSequential(position)))
                    }
                } else {
                    cells.append(ChartText.rect(x: x, y: y, width: cellWidth - 1, height: cellHeight - 1,
                                                fill: Palette.missing, title: "\(where_): no value"))
                    if cellHeight >= 10 {
                        texts.append(ChartText.text("–", x: x + cellWidth / 2, y: y + cellHeight / 2 + 4,
                                                    anchor: "middle", size: min(11, cellHeight * 0.6), fill: Palette.mutedText))
                    }
                }
            }
        }
        var labels: [SVGElement] = []
        let rowFont = min(11, max(cellHeight * 0.7, 6))
        for (row, label) in rowLabels.enumerated() {
            labels.append(ChartText.text(label, x: area.left - 6, y: area.top + (Double(row) + 0.5) * cellHeight + rowFont / 3,
                                         anchor: "end", size: rowFont))
        }
        for column in columns.indices {
            let x = area.left + (Double(column) + 0.5) * cellWidth
            if horizontal {
                for (line, text) in lines[column].enumerated() {
                    labels.append(ChartText.text(text, x: x, y: area.bottom + 14 + Double(line) * 13, anchor: "middle", size: 10))
                }
            } else {
                labels.append(ChartText.text(rotatedLabels[column], x: x, y: area.bottom + 10, anchor: "end", size: 10,
                                             rotate: -45))
            }
        }
        var children: [SVGElement] = [ChartText.chartTitle(title, width: width)]
        children.append(.group([SVGAttribute("class", "cells")], cells))
        children.append(.group([SVGAttribute("class", "values")], texts))
        children.append(.group([SVGAttribute("class", "labels")], labels))
        children.append(legendBar(low: low, high: high, hasValues: !present.isEmpty, log: scale.kind == .log10,
                                  x: area.left, y: height - 40, width: min(area.width, 320)))
        return SVGDocument(width: width, height: height, label: title, children: children).render()
    }

    /// A colour ramp with its end values: built from small rects rather than a gradient, because
    /// a gradient needs an `id` and ids collide when several charts sit in one HTML page.
    func legendBar(low: Double, high: Double, hasValues: Bool, log: Bool, x: Double, y: Double, width: Double) -> SVGElement {
        let steps = 32
        var children: [SVGElement] = []
        let better = higherIsBetter.map { $0 ? ", higher is better (yellow)" : ", lower is better (yellow)" } ?? ""
        let title = valueAxis.titleWithUnit + (log ? ", log colour scale" : "") + better
        children.append(ChartText.text(title, x: x, y: y - 6, size: 11))
        if hasValues {
            for step in 0..<steps {
                let stepWidth = width / Double(steps)
                children.append(ChartText.rect(x: x + Double(step) * stepWidth, y: y, width: stepWidth + 0.5, height: 10,
                                               fill: Palette.sequential(Double(step) / Double(steps - 1))))
            }
            // the ramp runs worse → better, so its ends are the worst and the best value
            let (start, end) = higherIsBetter == false ? (high, low) : (low, high)
            children.append(ChartText.text(valueAxis.format(start), x: x, y: y + 22, size: 10))
            children.append(ChartText.text(valueAxis.format(end), x: x + width, y: y + 22, anchor: "end", size: 10))
        }
        children.append(ChartText.rect(x: x + width + 16, y: y, width: 14, height: 10, fill: Palette.missing))
        children.append(ChartText.text("– no value", x: x + width + 34, y: y + 9, size: 10))
        return .group([SVGAttribute("class", "legend")], children)
    }
}
