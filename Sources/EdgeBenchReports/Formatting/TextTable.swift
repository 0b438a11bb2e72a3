/// Rows of cells in aligned columns, two spaces apart, trailing spaces trimmed: the one aligner behind
/// every text table (`run`'s summary, `analyze`, `compare`, `devices`). Widths count Characters, so
/// "µs" and "×" take one column each.
enum TextTable {
    enum Alignment { case left, right }

    /// `alignment` gives each column's alignment by index; every row has the header's number of cells.
    static func lines(_ rows: [[String]], indent: String = "", alignment: (Int) -> Alignment) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        let alignments = (0..<columns).map(alignment)
        return rows.map { row in
            var line = indent
            for (column, cell) in row.enumerated() {
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column > 0 { line += "  " }
                line += alignments[column] == .right ? padding + cell : cell + padding
            }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The width `lines` would take without an indent.
    static func width(_ rows: [[String]]) -> Int {
        guard let columns = rows.first?.count, columns > 0 else { return 0 }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return widths.reduce(0, +) + 2 * (columns - 1)
    }
}
