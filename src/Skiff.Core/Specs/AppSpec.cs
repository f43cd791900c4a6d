using System.Collections.Immutable;

namespace Skiff.Core.Specs;

/// <summary>
/// A whole application as Skiff runs it: the services of one Compose project (or skiff.yaml),
/// after interpolation, includes, extends and profile selection, with every path made absolute.
/// </summary>
public sealed record AppSpec
{
    /// <summary>The project name (Compose <c>name:</c>, else the source folder's name).</summary>
    public required string Name { get; init; }

    /// <summary>The absolute path of the folder the spec was loaded from.</summary>
    public required string SourceDirectory { get; init; }

    /// <summary>The files that were read, in the order they were read (for messages and hashing).</summary>
    public ImmutableArray<string> Files { get; init; } = [];

    /// <summary>Services in declaration order.</summary>
    public ImmutableArray<ServiceSpec> Services { get; init; } = [];

    /// <summary>Named volumes declared at the top level (and implied by service mounts).</summary>
    public ImmutableArray<VolumeSpec> Volumes { get; init; } = [];

    /// <summary>Skiff-only settings from skiff.yaml or the top-level <c>x-skiff</c> key.</summary>
    public SkiffSettings Settings { get; init; } = new();

    /// <summary>Where an explicit <c>name:</c> was written; null when the name comes from the folder.</summary>
    public SourceLocation? NameLocation { get; init; }

    public ServiceSpec? FindService(string name) => Services.FirstOrDefault(s => s.Name == name);
}
