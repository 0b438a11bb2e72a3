/// The text of a prompt built to a length (`prompt_tokens`): a source text repeated and cut after a number
/// of characters, then an instruction kept whole. The runner searches the cut that gives the token count;
/// this only says what text a cut means, so the plan, the runner and the tests agree on it.
public enum PromptFiller {
    /// The filler when a workload gives `prompt_tokens` and no prompt: plain technical prose, no names, no
    /// numbers a model might latch onto, varied enough that a tokenizer does not collapse its repetitions.
    public static let defaultSource = """
        A pumping station moves water from a low reservoir to a storage tank on a hill. Each pump is driven \
        by an electric motor, and a controller starts or stops the pumps as the level in the tank changes. \
        Sensors report pressure, flow and temperature several times a second, and the controller keeps a \
        short history so that operators can see how the system behaved before an alarm. When demand rises \
        in the morning, a second pump joins the first; when the tank is nearly full, both slow down before \
        they stop, which protects the pipes from sudden pressure changes. Maintenance crews inspect the \
        seals, bearings and valves on a fixed schedule, and they replace worn parts before a failure can \
        interrupt the supply. The station also records its energy use, because electricity is one of the \
        largest costs of running it, and careful scheduling can shift pumping to hours when power is cheaper.
        """
    /// After the default filler: something to answer that depends on all of it, in a sentence or so.
    public static let defaultInstruction = "Summarise the text above in one sentence."
    /// Between the repetitions of the source, and between the filler and the instruction.
    static let separator = "\n\n"

    /// The first `characters` characters of `source` repeated (copies joined by a blank line), then the
    /// instruction after a blank line. `characters` 0 gives the instruction alone.
    public static func text(source: String, characters: Int, instruction: String?) -> String {
        let unit = Array(source + separator)
        var filler = ""
        if !unit.isEmpty, characters > 0 {
            filler.reserveCapacity(characters * 2)
            for index in 0..<characters { filler.append(unit[index % unit.count]) }
            // a cut right after a separator would leave blank lines before the instruction's own
            while filler.last?.isWhitespace == true { filler.removeLast() }
        }
        guard let instruction, !instruction.isEmpty else { return filler }
        return filler.isEmpty ? instruction : filler + separator + instruction
    }
}
