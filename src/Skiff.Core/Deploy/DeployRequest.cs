using Skiff.Core.Specs;

namespace Skiff.Core.Deploy;

/// <summary>What to deploy where.</summary>
public sealed record DeployRequest
{
    public required string Environment { get; init; }

    public required AppSpec Spec { get; init; }

    /// <summary>The service answering at the environment URL (it must answer HTTP to be ready), if any.</summary>
    public string? PublicService { get; init; }

    /// <summary>Container ids a previous deploy saw ready (they are kept without a new check).</summary>
    public IReadOnlySet<string> KnownReady { get; init; } = new HashSet<string>();

    /// <summary>True until the environment's seed has run once.</summary>
    public bool SeedPending { get; init; }

    /// <summary>Time already spent fetching the source and loading the spec.</summary>
    public TimeSpan SourceElapsed { get; init; }
}
