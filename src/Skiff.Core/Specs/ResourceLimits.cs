namespace Skiff.Core.Specs;

/// <summary>CPU and memory limits; null means "not set".</summary>
/// <param name="Cpus">CPU cores (fractions allowed).</param>
/// <param name="MemoryBytes">Memory in bytes.</param>
public sealed record ResourceLimits(double? Cpus = null, long? MemoryBytes = null)
{
    /// <summary>Where the limits were written, for messages; null when built in code or not set.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>True when neither limit is set.</summary>
    public bool IsEmpty => Cpus is null && MemoryBytes is null;
}
