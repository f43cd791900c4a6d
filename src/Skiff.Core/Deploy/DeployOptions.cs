namespace Skiff.Core.Deploy;

/// <summary>Bounds of a deploy.</summary>
public sealed record DeployOptions
{
    /// <summary>How long one service may take from start to ready before the deploy fails.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>How often readiness is polled while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The fastest a health check is repeated while waiting for a new container.</summary>
    public TimeSpan FastHealthInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How many log lines a failure keeps.</summary>
    public int LogTailLines { get; init; } = 30;
}
