namespace Skiff.Core.Deploy;

/// <summary>What "ready" means for one service in a deploy.</summary>
/// <param name="RunHealthCheck">Its health check must pass.</param>
/// <param name="HttpPort">This container port must answer HTTP (the public service).</param>
/// <param name="MustComplete">A dependent asked for <c>service_completed_successfully</c>: it must exit with code 0.</param>
public sealed record Readiness(bool RunHealthCheck, int? HttpPort, bool MustComplete);
