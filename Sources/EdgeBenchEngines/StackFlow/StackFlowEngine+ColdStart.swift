import EdgeBenchCore

extension StackFlowEngine {
    /// Exits the open session and keeps the connection: the llm unit frees the model with its session, so
    /// the next `openSession` loads it again under a new work_id (a cold start). Returns once the device
    /// confirmed the exit.
    public func exitSession() async throws {
        let action = "exit of the LLM session"
        guard let current = try begin(action) else {
            end()
            throw StackFlowError.noSession(url: url, action: action)
        }
        defer { end() }
        // Whatever the reply, the session is not one to send to again: a failed exit means it was already gone.
        locked { session = nil }
        let exit = "exit of \(current.workID)"
        let answer = try await exchange({ StackFlowWire.exit(requestID: $0, workID: current.workID) }, action: exit, timeout: timeout)
        try check(answer.reply, action: exit)
    }
}
