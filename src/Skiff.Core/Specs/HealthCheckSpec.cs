using System.Collections.Immutable;

namespace Skiff.Core.Specs;

/// <summary>
/// A service's health check. Skiff runs it itself (through the engine's exec API), so it works
/// the same on Docker and on Podman without systemd timers.
/// </summary>
public sealed record HealthCheckSpec
{
    /// <summary>The command as an argument vector (<c>CMD-SHELL x</c> becomes <c>["sh", "-c", "x"]</c>).</summary>
    public ImmutableArray<string> Test { get; init; } = [];

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public int Retries { get; init; } = 3;

    public TimeSpan StartPeriod { get; init; } = TimeSpan.Zero;

    /// <summary>The probe interval during the start period (Compose <c>start_interval</c>).</summary>
    public TimeSpan StartInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>disable: true</c> or <c>test: ["NONE"]</c>.</summary>
    public bool Disabled { get; init; }
}
