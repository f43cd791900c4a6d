using Skiff.Core.Runtime;
using Skiff.Core.Environments;

namespace Skiff.Server.Runtime;

/// <summary>
/// What the server knows about its runtime: what answers underneath, read once at start-up, and a
/// cheap check for <c>/healthz</c> (the engine's version query is slow on Podman).
/// </summary>
public sealed class EngineStatus(IEnvironmentRuntime runtime, ILogger<EngineStatus> logger)
{
    public RuntimeInfo? Info { get; private set; }

    public async Task IdentifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            Info = await runtime.IdentifyAsync(cancellationToken);
            logger.LogInformation("Runtime {Runtime}: {Product} at {Endpoint}", runtime.Name, Info.Product, Info.Endpoint);
        }
        catch (DriverException exception)
        {
            logger.LogError("{Problem}", exception.Message);
        }
    }

    /// <summary>Null when the runtime answers, else why not.</summary>
    public Task<string?> ProblemAsync(CancellationToken cancellationToken) => runtime.ProblemAsync(cancellationToken);
}
