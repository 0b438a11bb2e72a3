/// What every import that creates a run returns: the run, where it was written, and notes for the
/// person importing (one shape for llama-bench and paper-csv imports).
public typealias ImportOutcome = LlamaBenchImporter.Outcome
