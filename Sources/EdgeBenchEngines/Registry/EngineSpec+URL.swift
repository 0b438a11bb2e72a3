import EdgeBenchCore

extension EngineSpec {
    /// The url of the running server a connecting kind needs.
    func requiredURL() throws -> String {
        guard let url, !url.isEmpty else {
            throw EngineConfigurationError("engine '\(name)' (\(kind.rawValue)) needs a url, e.g. http://127.0.0.1:8080")
        }
        return url
    }
}
