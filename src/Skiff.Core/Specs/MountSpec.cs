namespace Skiff.Core.Specs;

/// <summary>One entry of <c>volumes:</c> in a service.</summary>
/// <param name="Type">A named volume (kept per environment) or a bind mount of a path inside the repository.</param>
/// <param name="Source">The volume name, or the absolute host path for a bind mount; null for an anonymous volume.</param>
/// <param name="Target">The absolute path inside the container.</param>
public sealed record MountSpec(MountType Type, string? Source, string Target, bool ReadOnly = false)
{
    /// <summary>Where the entry was written, for messages; null when built in code.</summary>
    public SourceLocation? Location { get; init; }
}

public enum MountType
{
    Volume,
    Bind,
}
