/// Whether an engine kind can run a workload with `start: cold`, and in words how or why not: plans reject a
/// cold workload on a kind that cannot, with this reason and the kinds that can.
public enum ColdStartSupport: Sendable, Hashable {
    /// how it unloads and loads the model ("keep_alive 0, then a load request")
    case supported(how: String)
    /// why it cannot ("a server EdgeBench did not start: nothing tells it to unload its model")
    case unsupported(why: String)

    public var isSupported: Bool {
        if case .supported = self { return true }
        return false
    }
}
