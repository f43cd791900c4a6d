namespace Skiff.Core.Api;

/// <summary>One deploy of an environment, for its history.</summary>
public sealed record DeploymentDto
{
    public long Id { get; init; }

    public long Generation { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>Running, Succeeded or Failed.</summary>
    public required string Outcome { get; init; }

    public TimingsDto? Timings { get; init; }

    public int ContainersChanged { get; init; }

    public ErrorDto? Error { get; init; }
}
