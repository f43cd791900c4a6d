using System.Collections.Immutable;

namespace Skiff.Core.Specs;

/// <summary>One service of an application: what to run and how.</summary>
public sealed record ServiceSpec
{
    public required string Name { get; init; }

    /// <summary>Where the service was declared, for messages.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>The image to run; when <see cref="Build"/> is set too, the name the build is tagged with in Compose.</summary>
    public string? Image { get; init; }

    public BuildSpec? Build { get; init; }

    /// <summary>Overrides the image's CMD; null keeps it.</summary>
    public ImmutableArray<string>? Command { get; init; }

    /// <summary>Overrides the image's ENTRYPOINT; null keeps it.</summary>
    public ImmutableArray<string>? Entrypoint { get; init; }

    /// <summary>Environment variables after env_file and environment are merged (environment wins).</summary>
    public ImmutableSortedDictionary<string, string> Environment { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>Ports from <c>ports:</c> (published in Compose; Skiff publishes them on 127.0.0.1 only).</summary>
    public ImmutableArray<PortSpec> Ports { get; init; } = [];

    /// <summary>Container ports from <c>expose:</c>.</summary>
    public ImmutableArray<int> Expose { get; init; } = [];

    public ImmutableArray<DependencySpec> DependsOn { get; init; } = [];

    public HealthCheckSpec? HealthCheck { get; init; }

    public ImmutableArray<MountSpec> Mounts { get; init; } = [];

    /// <summary>Files from <c>secrets:</c> and <c>configs:</c>, mounted read-only.</summary>
    public ImmutableArray<FileMountSpec> Files { get; init; } = [];

    /// <summary>Compose restart policy: no, always, on-failure[:N], unless-stopped.</summary>
    public string? Restart { get; init; }

    public string? WorkingDir { get; init; }

    public string? User { get; init; }

    /// <summary>The profiles that enable this service; empty means always enabled.</summary>
    public ImmutableArray<string> Profiles { get; init; } = [];

    /// <summary>Limits from <c>deploy.resources.limits</c>, <c>mem_limit</c>/<c>cpus</c> or <c>x-skiff.resources</c>.</summary>
    public ResourceLimits Resources { get; init; } = new();

    /// <summary>True when the service publishes a port (<c>ports:</c>), so the router can reach it.</summary>
    public bool IsPublished => !Ports.IsDefaultOrEmpty;
}
