namespace Skiff.Core.Specs.Loading;

/// <summary>How <see cref="SpecLoader"/> loads a spec.</summary>
public sealed record SpecLoadOptions
{
    /// <summary>Variables for interpolation and <c>environment: [KEY]</c>; null means the process environment.</summary>
    public IReadOnlyDictionary<string, string>? Variables { get; init; }

    /// <summary>The active profiles; null means COMPOSE_PROFILES (from the variables or .env) plus skiff.yaml's <c>profiles</c>.</summary>
    public IReadOnlyList<string>? Profiles { get; init; }

    /// <summary>An explicit Compose file, relative to the directory; null means skiff.yaml's <c>compose:</c> or discovery.</summary>
    public string? ComposeFile { get; init; }

    /// <summary>
    /// Whether to check that build contexts, Dockerfiles, env files, secret and seed files exist.
    /// Turn it off to validate a Compose file on its own (without the sources next to it).
    /// </summary>
    public bool CheckFilesExist { get; init; } = true;

    /// <summary>
    /// The repository folder every referenced path must stay inside; null means the directory given
    /// to <see cref="SpecLoader.Load"/>, or the file's folder for <see cref="SpecLoader.LoadFile"/>.
    /// It must contain that folder.
    /// </summary>
    public string? RootDirectory { get; init; }
}
