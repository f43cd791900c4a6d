namespace Skiff.Server.Store;

/// <summary>One deploy of an environment, kept as history with its phase timings.</summary>
public sealed class DeploymentRecord
{
    public long Id { get; set; }

    public required string EnvironmentName { get; set; }

    public long Generation { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Running, Succeeded or Failed.</summary>
    public required Core.Environments.DeploymentOutcome Outcome { get; set; }

    public long SourceMs { get; set; }

    public long BuildMs { get; set; }

    public long StartMs { get; set; }

    public long HealthyMs { get; set; }

    public long TotalMs { get; set; }

    public int ContainersChanged { get; set; }

    public string? ErrorJson { get; set; }
}
