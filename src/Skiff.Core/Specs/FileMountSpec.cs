namespace Skiff.Core.Specs;

/// <summary>A file from <c>secrets:</c> or <c>configs:</c> mounted read-only into a container.</summary>
/// <param name="Kind">Whether it came from <c>secrets:</c> (never shown) or <c>configs:</c>.</param>
/// <param name="Name">The top-level secret or config name.</param>
/// <param name="SourcePath">The absolute host path of the file.</param>
/// <param name="Target">The absolute path inside the container (default <c>/run/secrets/NAME</c> or <c>/NAME</c>).</param>
public sealed record FileMountSpec(FileMountKind Kind, string Name, string SourcePath, string Target)
{
    /// <summary>Where the entry was written in the service, for messages; null when built in code.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Where the top-level definition names the file (its <c>file:</c> key), for messages.</summary>
    public SourceLocation? DefinitionLocation { get; init; }
}

public enum FileMountKind
{
    Secret,
    Config,
}
