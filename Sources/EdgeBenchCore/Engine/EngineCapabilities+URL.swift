import Foundation

extension EngineCapabilities {
    /// What is wrong with `text` as this kind's url, said so a person can fix it; nil when it is usable.
    /// One check for plans and the one-off `--url`: a url without a scheme used to reach the HTTP client,
    /// which refused it with an internal error name.
    public func urlProblem(_ text: String) -> String? {
        let allowed = urlSchemes.map { $0 + "://" }.joined(separator: " or ")
        // read aloud: "an http:// URL" (aitch), "a tcp:// URL"
        let article = allowed.hasPrefix("h") ? "an" : "a"
        if !text.contains("://") {
            return "must be \(article) \(allowed) URL, got \"\(text)\" (no scheme): write \(urlSchemes[0])://\(text)"
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), urlSchemes.contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            return "must be \(article) \(allowed) URL with a host, e.g. \(exampleURL), got \"\(text)\""
        }
        return nil
    }
}
