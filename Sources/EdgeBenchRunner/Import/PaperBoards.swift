import EdgeBenchAnalysis
import EdgeBenchCore
import EdgeBenchReports

/// The board each imported row ran on, so derived metrics (volume, roofline) and accelerator_gain pairs
/// need no option for the paper's own files: `--catalog-device` first, then the label's `@DEVICE`, then
/// the paper's board for the label (GPU-Ollama: the Jetson, GPU-Hailo-Ollama: the Pi 5 + AI HAT+ 2,
/// AX630: the M5Stack Module LLM). CPU-Ollama ran on two boards in the paper; in a harness file it is
/// the board of the same model's GPU-Ollama row (`--device both` measures a model's CPU and GPU on one
/// machine's Ollama), else of its GPU-Hailo-Ollama row (the Pi 5's CPU), else of the file's only kind of
/// GPU rows.
/// Every board so chosen is said in a note.
struct PaperBoards {
    var catalog: DeviceCatalog
    /// board of a harness file's CPU-Ollama rows, where its other rows tell it
    var cpuBoard: (id: String, reason: String)?
    /// board of one model's CPU-Ollama row, where that model's other rows tell it
    var cpuBoardByModel: [String: (id: String, reason: String)] = [:]
    private(set) var notes: [String] = []

    /// `given`: the labels `--catalog-device` names, lowercased (no note for those).
    /// `rows`: each row's label and model (after aliases); `given`: the labels `--catalog-device` names,
    /// lowercased (no note for those).
    init(rows: [(label: PaperLabel, model: String)], catalog: DeviceCatalog, harness: Bool, given: Set<String> = []) {
        self.catalog = catalog
        let labels = rows.map(\.label)
        let bases = Set(labels.map(\.base))
        if harness {
            switch (bases.contains("GPU-Ollama"), bases.contains("GPU-Hailo-Ollama")) {
            case (true, false): cpuBoard = ("jetson-orin-nano-super", "the board of this file's GPU-Ollama rows")
            case (false, true): cpuBoard = ("rpi5-8gb", "the base board of this file's GPU-Hailo-Ollama rows")
            default: cpuBoard = nil
            }
            for row in rows where row.label.base == "CPU-Ollama" {
                let others = Set(rows.filter { $0.model == row.model }.map(\.label.base))
                if others.contains("GPU-Ollama") {
                    cpuBoardByModel[row.model] = ("jetson-orin-nano-super", "the board of its GPU-Ollama row")
                } else if others.contains("GPU-Hailo-Ollama") {
                    cpuBoardByModel[row.model] = ("rpi5-8gb", "the base board of its GPU-Hailo-Ollama row")
                }
            }
        }
        for label in PaperLabel.paper.map(\.label) where bases.contains(label) && !given.contains(label.lowercased()) {
            let unplaced = rows.filter { $0.label.base == label && $0.label.device == nil }
            if label == "CPU-Ollama" {
                for row in unplaced {
                    guard let (id, reason) = board(of: label, model: row.model), catalog.device(id: id) != nil else { continue }
                    notes.append(
                        "'\(label)' row of \(row.model) is taken to have run on \(id), \(reason); "
                            + "give --catalog-device \(label)=CATALOG_ID if it ran elsewhere")
                }
                continue
            }
            guard !unplaced.isEmpty, let (id, reason) = board(of: label, model: nil), catalog.device(id: id) != nil else { continue }
            notes.append(
                "'\(label)' rows are taken to have run on \(id), \(reason); "
                    + "give --catalog-device \(label)=CATALOG_ID if they ran elsewhere")
        }
    }

    private func board(of label: String, model: String?) -> (String, String)? {
        if label == "CPU-Ollama" {
            return (model.flatMap { cpuBoardByModel[$0] } ?? cpuBoard).map { ($0.id, $0.reason) }
        }
        return PaperLabel.paper.first { $0.label == label }?.board.map { ($0, "the paper's board for that label") }
    }

    /// The row's board; `given` is its `--catalog-device` id (checked before).
    func device(for row: PaperCSVReader.Row, given: String?, file: String) throws -> Device? {
        if let given { return catalog.device(id: given) }
        if let id = row.label.device {
            if id == PaperLabel.unknownDevice { return nil }
            guard let device = catalog.device(id: id) else {
                throw ImportError(
                    "\(file):\(row.line): label '\(row.raw)' names the board '\(id)', which is not in the device catalog; "
                        + "known: \(DeviceResolution.catalogIDs(catalog))")
            }
            return device
        }
        return board(of: row.label.base, model: row.model).flatMap { catalog.device(id: $0.0) }
    }
}
