namespace Skiff.Core.Naming;

/// <summary>
/// Names and labels of the objects Skiff creates in an engine. Every object carries
/// <see cref="EnvironmentLabel"/>, so an environment's actual state can always be read back from
/// the engine and orphans found.
/// </summary>
public static class EngineNames
{
    public const string EnvironmentLabel = "dev.skiff.env";
    public const string ServiceLabel = "dev.skiff.service";
    public const string HashLabel = "dev.skiff.hash";
    public const string VolumeLabel = "dev.skiff.volume";

    /// <summary>On containers: the source folder (checkout) the container was created from, which must outlive it.</summary>
    public const string SourceLabel = "dev.skiff.source";

    public static string Network(string environment) => $"skiff-{environment}";

    public static string Volume(string environment, string volume) => $"skiff-{environment}-{volume}";

    /// <summary>A container name; the hash keeps an old and a new version of a service apart during a replace.</summary>
    public static string Container(string environment, string service, string hash) =>
        $"skiff-{environment}-{service}-{hash[..Math.Min(8, hash.Length)]}";

    /// <summary>The tag of an image built from a context: the same content gives the same tag, in any environment.</summary>
    public static string BuiltImage(string service, string contextHash) =>
        $"localhost/skiff/{service}:{contextHash[..Math.Min(16, contextHash.Length)]}";
}
