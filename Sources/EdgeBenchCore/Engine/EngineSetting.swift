/// An engine-level plan key that only some kinds honour. A kind that does not honour one would
/// silently ignore it, so the plan loader and the one-off flags reject it instead.
public enum EngineSetting: String, Sendable, Hashable, CaseIterable {
    case threads
    case context
    case offload
    case gpuLayers = "gpu_layers"
    case apiKeyEnv = "api_key_env"
    case serverPath = "server_path"
    case extraArgs = "extra_args"
    case llamaBench = "llama_bench"
    /// requests the server decodes at once (llama-server `--parallel`): what concurrent load levels need
    case parallel
}
