using System.Collections.Immutable;

namespace Skiff.Core.Specs;

/// <summary>Settings Compose cannot express, from skiff.yaml or the top-level <c>x-skiff</c> key.</summary>
public sealed record SkiffSettings
{
    /// <summary>The service that answers at the environment's URL; null means "the first service publishing an HTTP port".</summary>
    public string? PublicService { get; init; }

    public SeedSpec? Seed { get; init; }

    /// <summary>Caps for the whole environment, shared among services without their own limits.</summary>
    public ResourceLimits Resources { get; init; } = new();

    /// <summary>How long an environment lives after its last deploy or activity; null means the server default.</summary>
    public Lifetime? Ttl { get; init; }

    /// <summary>How long without a request before the environment is suspended; null means the server default.</summary>
    public Lifetime? IdleSuspend { get; init; }

    /// <summary>Where <c>public:</c> was written, for messages.</summary>
    public SourceLocation? PublicServiceLocation { get; init; }

    /// <summary>The profiles that were active when the spec was loaded (services outside them were left out).</summary>
    public ImmutableArray<string> ActiveProfiles { get; init; } = [];
}

/// <summary>A duration that may also be "never".</summary>
public sealed record Lifetime(TimeSpan? Duration)
{
    public static Lifetime Never { get; } = new((TimeSpan?)null);

    public bool IsNever => Duration is null;

    public override string ToString() => Duration is { } d ? Units.DurationFormat.Format(d) : "never";
}
