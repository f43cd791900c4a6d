namespace Skiff.Core.Specs;

/// <summary>CPU and memory limits; null means "not set".</summary>
/// <param name="Cpus">CPU cores (fractions allowed).</param>
/// <param name="MemoryBytes">Memory in bytes.</param>
public sealed record ResourceLimits(double? Cpus = null, long? MemoryBytes = null);
