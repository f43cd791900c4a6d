using System.Collections.Immutable;

namespace Skiff.Core.Specs.Loading;

/// <summary>The files one load reads first: the Skiff file, the Compose file and its override file, any of them absent.</summary>
internal sealed record SpecFiles(string? SkiffFile, string? ComposeFile, string? OverrideFile);

/// <summary>
/// Finds the spec files of a directory: skiff.yaml (or skiff.yml); the Compose file named by the
/// options, by skiff.yaml's <c>compose:</c>, or the first of compose.yaml, compose.yml,
/// docker-compose.yml, docker-compose.yaml; and the override file beside a discovered Compose file.
/// </summary>
internal static class SpecDiscovery
{
    public static readonly ImmutableArray<string> SkiffNames = ["skiff.yaml", "skiff.yml"];

    public static readonly ImmutableArray<string> ComposeNames = ["compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"];

    public static readonly ImmutableArray<string> OverrideNames =
        ["compose.override.yaml", "compose.override.yml", "docker-compose.override.yml", "docker-compose.override.yaml"];

    public static string? FindSkiffFile(string directory) => FirstExisting(directory, SkiffNames);

    /// <summary>The discovered Compose file and its override, or (null, null).</summary>
    public static (string? Compose, string? Override) FindCompose(string directory)
    {
        if (FirstExisting(directory, ComposeNames) is not { } compose)
            return (null, null);
        return (compose, FirstExisting(directory, OverrideNames));
    }

    public static string NothingFound(string directory) =>
        $"no spec found in '{directory}': looked for {string.Join(", ", SkiffNames)}, {string.Join(", ", ComposeNames)}";

    private static string? FirstExisting(string directory, IEnumerable<string> names) =>
        names.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
}
