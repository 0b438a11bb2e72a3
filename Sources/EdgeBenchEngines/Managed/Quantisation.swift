/// The quantisation a GGUF file's name gives away, where the file itself is not opened.
public enum Quantisation {
    /// llama.cpp quantisation names as they appear in GGUF file names (Q4_K_M, Q8_0, F16, IQ3_XS, …).
    public static func guess(fromFileName name: String) -> String? {
        let upper = name.uppercased()
        let pattern = #"(IQ\d_[A-Z]+|Q\d_K_[SML]|Q\d_K|Q\d_\d|Q\d|BF16|F16|F32)"#
        guard let range = upper.range(of: pattern, options: .regularExpression) else { return nil }
        return String(upper[range])
    }
}
