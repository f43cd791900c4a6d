using Skiff.Core.Runtime;
using Skiff.Runtime.Docker;

namespace Skiff.Server.Runtime;

/// <summary>
/// What the server knows about its engine: product and version read once at start-up, and a
/// cheap ping for <c>/healthz</c> (the version query is slow on Podman).
/// </summary>
public sealed class EngineStatus(DockerDriverOptions driver, ILogger<EngineStatus> logger)
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public EngineInfo? Info { get; private set; }

    public async Task IdentifyAsync(CancellationToken cancellationToken)
    {
        try
        {
            Info = await EngineConnection.VerifyAsync(driver.Endpoint, cancellationToken);
            logger.LogInformation("Engine: {Product} {Version} (API {ApiVersion}) at {Endpoint}", Info.Product, Info.Version, Info.ApiVersion, Info.Endpoint);
        }
        catch (DriverException exception)
        {
            logger.LogError("{Problem}", exception.Message);
        }
    }

    /// <summary>Null when the engine answers, else why not.</summary>
    public async Task<string?> ProblemAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EngineConnection.PingAsync(driver.Endpoint, PingTimeout, cancellationToken);
            return null;
        }
        catch (DriverException exception)
        {
            return exception.Message;
        }
    }
}
